package cli

import (
	"github.com/spf13/cobra"
)

// The subcommands below are filled in by later work; until then they say so and
// exit with status 1.

func notYet(what string) error {
	return fail(ExitFail, "%s is not implemented yet", what)
}

func newExtractCmd(e *env) *cobra.Command {
	var meta string
	c := &cobra.Command{
		Use:   "extract [--meta META.toml] FILE",
		Short: "Print the record of one raw report (text, HTML, PDF or DOCX) as TOML",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE:  func(*cobra.Command, []string) error { return notYet("extract") },
	}
	c.Flags().StringVar(&meta, "meta", "", "a TOML file whose values override what extraction infers")
	return c
}

func newImportCmd(e *env) *cobra.Command {
	var dataDir string
	c := &cobra.Command{
		Use:   "import [--data DIR] PATH...",
		Short: "Extract raw reports into the data folder",
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE:  func(*cobra.Command, []string) error { return notYet("import") },
	}
	dataFlag(c, &dataDir)
	return c
}

func newGenerateCmd(e *env) *cobra.Command {
	var dataDir, site string
	c := &cobra.Command{
		Use:   "generate [--data DIR] --site DIR",
		Short: "Write the Hugo project the site is rendered from",
		Args:  usageArgs(cobra.NoArgs),
		RunE:  func(*cobra.Command, []string) error { return notYet("generate") },
	}
	dataFlag(c, &dataDir)
	c.Flags().StringVar(&site, "site", "", "the folder to write the Hugo project into")
	return c
}

func newBuildCmd(e *env) *cobra.Command {
	var dataDir, out, baseURL string
	c := &cobra.Command{
		Use:   "build [--data DIR] [--out DIR] [--base-url URL]",
		Short: "Build the site from the data folder into public/",
		Args:  usageArgs(cobra.NoArgs),
		RunE:  func(*cobra.Command, []string) error { return notYet("build") },
	}
	dataFlag(c, &dataDir)
	c.Flags().StringVar(&out, "out", "public", "the folder to write the site into")
	c.Flags().StringVar(&baseURL, "base-url", "/", "the address the site is published at")
	return c
}

func newServeCmd(e *env) *cobra.Command {
	var dataDir string
	c := &cobra.Command{
		Use:   "serve [--data DIR]",
		Short: "Preview the site with live reload",
		Args:  usageArgs(cobra.NoArgs),
		RunE:  func(*cobra.Command, []string) error { return notYet("serve") },
	}
	dataFlag(c, &dataDir)
	return c
}
