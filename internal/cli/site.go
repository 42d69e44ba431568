package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/site"
	"github.com/nianbao/nianbao/internal/store"
	"github.com/spf13/cobra"
)

// The site commands: generate, build, serve.

func newGenerateCmd(e *env) *cobra.Command {
	var dataDir, siteDir string
	c := &cobra.Command{
		Use:   "generate [--data DIR] --site DIR",
		Short: "Write the Hugo project the site is rendered from",
		Long: `Generate writes the Hugo project that build renders: config.toml, layouts/,
static/ and content/ (the hand-written pages and one generated page per report,
agency, region and year, with the downloads). A plain "hugo --source DIR" of the
Hugo version in go.mod builds the same site.

DIR must be absent, empty, or a folder nianbao wrote (it holds a .nianbao-build
file); it is replaced whole. The data folder, a folder inside it or holding it, and
a folder holding .git or go.mod are refused.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if siteDir == "" {
				return fail(ExitUsage, "generate: --site DIR is required (see nianbao generate --help)")
			}
			st, err := site.Generate(site.Options{DataDir: dataDir, Now: e.now()}, siteDir)
			if err != nil {
				return siteError(e, "generate", err)
			}
			fmt.Fprintf(e.stdout, "generated %s with %s from %s in %s\n", siteDir,
				plural(st.Files, "file"), plural(st.Records, "record"), roundDuration(st.Load+st.Gen))
			return nil
		},
	}
	dataFlag(c, &dataDir)
	c.Flags().StringVar(&siteDir, "site", "", "the folder to write the Hugo project into")
	return c
}

func newBuildCmd(e *env) *cobra.Command {
	var dataDir, out, baseURL string
	c := &cobra.Command{
		Use:   "build [--data DIR] [--out DIR] [--base-url URL]",
		Short: "Build the site from the data folder into public/",
		Long: `Build checks the records, generates the Hugo project and renders it with the
embedded Hugo into the output folder. Nothing needs installing.

The output is replaced atomically: a build that fails leaves the previous output as
it was. A data folder with errors (see nianbao check) is refused, as is a missing
one; an empty one builds a site that says there is no data yet.

--out must be absent, empty, or a folder nianbao built (it holds a .nianbao-build
file): it is replaced whole. The data folder, a folder inside it or holding it, and
a folder holding .git or go.mod are refused, as is any other folder with files.

--base-url is where the site will be published. The default "/" makes links
root-relative, for serving the output folder locally (for example
"python3 -m http.server -d public"); for GitHub Pages pass the project address,
such as https://user.github.io/repo/.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			st, err := site.Build(site.Options{DataDir: dataDir, BaseURL: baseURL, Now: e.now()}, out)
			if err != nil {
				return siteError(e, "build", err)
			}
			fmt.Fprintf(e.stdout, "built %s from %s into %s in %s\n", plural(st.Pages, "page"),
				plural(st.Records, "record"), out, roundDuration(st.Total()))
			return nil
		},
	}
	dataFlag(c, &dataDir)
	c.Flags().StringVar(&out, "out", "public", "the folder to write the site into")
	c.Flags().StringVar(&baseURL, "base-url", "/", "the address the site is published at")
	return c
}

func newServeCmd(e *env) *cobra.Command {
	var dataDir string
	var port int
	c := &cobra.Command{
		Use:   "serve [--data DIR] [--port N]",
		Short: "Preview the site with live reload",
		Long: `Serve generates the Hugo project into a temporary folder and runs Hugo's own
development server on it (http://localhost:PORT/), which reloads the browser when a
page changes. When the data folder changes, the project is generated again.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			err := site.Serve(c.Context(), site.Options{DataDir: dataDir, Now: e.now()}, port, e.stderr)
			if err != nil {
				return siteError(e, "serve", err)
			}
			return nil
		},
	}
	dataFlag(c, &dataDir)
	c.Flags().IntVar(&port, "port", 1313, "the port to serve on (localhost only)")
	return c
}

// siteError prints a data folder's problems the way check does, one a line.
func siteError(e *env, cmd string, err error) error {
	var ps record.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(e.stdout, p)
		}
		return fail(ExitFail, "%s: the data folder has %s; nothing was written (see nianbao check)", cmd, plural(len(ps), "error"))
	}
	if errors.Is(err, store.ErrNoDataFolder) {
		return fail(ExitFail, "%s: %v (give --data DIR; an existing empty folder builds an empty site)", cmd, err)
	}
	return fail(ExitFail, "%s: %v", cmd, err)
}

func roundDuration(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
