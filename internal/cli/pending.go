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
