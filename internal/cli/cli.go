// Package cli is nianbao's command line: it turns flags into calls of the packages
// that do the work, and their results into output and an exit status. Run is the
// whole program, callable from a test without a subprocess.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitFail  = 1 // the work found errors or could not be done
	ExitUsage = 2 // the command line is wrong
)

// exitError ends a command with a status; its message, if any, has been printed or
// is printed by Run.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func fail(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// env is what every command gets: where to write, and what time it is.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
}

// Run runs nianbao with args (without the program name) and returns its exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, args, &env{stdout: stdout, stderr: stderr, now: time.Now})
}

func run(ctx context.Context, args []string, e *env) int {
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(e.stderr, "nianbao:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(e.stderr, "nianbao:", err)
	if strings.HasPrefix(err.Error(), "unknown command") {
		return ExitUsage
	}
	return ExitFail
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "nianbao",
		Short: "Annual reports on government information disclosure → records → a static site",
		Long: `nianbao (年报) turns Chinese government bodies' 政府信息公开工作年度报告 into one
normalized record per agency and year, checks them, and builds a static site from them.

  nianbao extract FILE        print the record of one raw report
  nianbao import PATH...      extract reports into the data folder
  nianbao check               validate every record in the data folder
  nianbao build               build the site into public/
  nianbao generate --site DIR write the Hugo project the site is rendered from
  nianbao serve               preview the site with live reload`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fail(ExitUsage, "%s: %v (see %s --help)", c.CommandPath(), err, c.CommandPath())
	})
	root.AddCommand(
		newExtractCmd(e),
		newImportCmd(e),
		newCheckCmd(e),
		newGenerateCmd(e),
		newBuildCmd(e),
		newServeCmd(e),
		newShardsCmd(e),
	)
	return root
}

// dataFlag adds the --data flag every command that reads the data folder has.
func dataFlag(c *cobra.Command, dir *string) {
	c.Flags().StringVar(dir, "data", "data", "the data folder: records live at DIR/reports/<agency-slug>/<year>.toml")
}

// usageArgs is cobra.ExactArgs and friends with a usage exit status.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return fail(ExitUsage, "%s: %v (see %s --help)", c.CommandPath(), err, c.CommandPath())
		}
		return nil
	}
}
