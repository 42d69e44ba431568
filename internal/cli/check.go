package cli

import (
	"fmt"

	"github.com/nianbao/nianbao/internal/store"
	"github.com/spf13/cobra"
)

func newCheckCmd(e *env) *cobra.Command {
	var dataDir string
	c := &cobra.Command{
		Use:   "check [--data DIR]",
		Short: "Validate every record in the data folder",
		Long: `Check validates the data folder. These are errors: TOML syntax, the keys and types
of the data contract, negative counts, the year, keys that do not belong to the
record's template, files in the wrong place, the same agency and year recorded
twice; a record out of step with its files (a source.sha256 that is not the hash
of its raw original, a raw original that is not there, a provenance line its text
does not have); NUL, control or bidirectional-override characters, names and
titles past their length; symbolic links or special files anywhere in the folder;
files past their size; a report an interrupted import has not finished writing.
It also checks the arithmetic identities of each report and the carry-over between
an agency's consecutive years; a broken identity is a warning, because the record
publishes the report as printed.

Every problem is printed as FILE:LINE: message. The exit status is 1 when there
are errors, 0 when there are only warnings or none.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			res, err := store.Check(dataDir, e.now())
			if err != nil {
				return fail(ExitFail, "check: %v", err)
			}
			for _, p := range res.Errors {
				fmt.Fprintln(e.stdout, p)
			}
			for _, p := range res.Warnings {
				p.Message = "warning: " + p.Message
				fmt.Fprintln(e.stdout, p)
			}
			fmt.Fprintf(e.stdout, "checked %s in %s: %s, %s\n", plural(res.Records, "record"),
				dataDir, plural(res.Errors.Count(), "error"), plural(len(res.Warnings), "warning"))
			if len(res.Errors) > 0 {
				return &exitError{code: ExitFail}
			}
			return nil
		},
	}
	dataFlag(c, &dataDir)
	return c
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
