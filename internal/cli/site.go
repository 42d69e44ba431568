package cli

import (
	"github.com/spf13/cobra"
)

// The site commands: generate, build, serve.

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
