package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/site"
	"github.com/nianbao/nianbao/internal/store"
	"github.com/spf13/cobra"
)

// The site commands: generate, build, serve.

// shardFlags are the flags of a sharded build (see site.Options and README.md).
type shardFlags struct {
	shard, hubURL, shardURL string
	hub                     bool
	englishReports          bool
}

func (f *shardFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&f.shard, "shard", "", "build one province's part of the site: province=NNNNNN (a GB/T 2260 province code; 000000 for agencies with no province)")
	c.Flags().BoolVar(&f.hub, "hub", false, "build the national pages only (home, agency index, national figures), linking into the shards")
	c.Flags().StringVar(&f.hubURL, "hub-url", "", `with --shard: where the hub is published, resolved against --base-url (default "../")`)
	c.Flags().StringVar(&f.shardURL, "shard-url", "", `with --hub: where each shard is published, with {province} for its code, resolved against --base-url (default "{province}/")`)
	c.Flags().BoolVar(&f.englishReports, "english-reports", true, "write every report page in English too, under /en/ (=false: only the other pages are in English, and a report's HTML is about half)")
}

// apply sets the options of a sharded build.
func (f *shardFlags) apply(cmd string, o *site.Options) error {
	if f.shard != "" {
		code, err := site.ParseShard(f.shard)
		if err != nil {
			return fail(ExitUsage, "%s: %v", cmd, err)
		}
		o.Shard = code
	}
	if f.shard != "" && f.hub {
		return fail(ExitUsage, "%s: --shard and --hub: a build is one shard or the hub, not both", cmd)
	}
	if f.hubURL != "" && f.shard == "" {
		return fail(ExitUsage, "%s: --hub-url is for a shard's build (--shard)", cmd)
	}
	if f.shardURL != "" && !f.hub {
		return fail(ExitUsage, "%s: --shard-url is for the hub's build (--hub)", cmd)
	}
	o.Hub, o.HubURL, o.ShardURL = f.hub, f.hubURL, f.shardURL
	o.NoEnglishReports = !f.englishReports
	return nil
}

const shardHelp = `

At national scale the site is built in parts: --shard province=NNNNNN builds one
province's reports, agencies, regions, years and dataset files; --hub builds the
national pages (home, the agency index and its JSON, the figures by year and
province, the about, methodology and data pages), which link into the shards.
A shard is published at its own --base-url, by default the hub's followed by its
code (https://example.org/420000/); --hub-url and --shard-url say otherwise.
"nianbao shards" lists the shards of the data folder.`

func newShardsCmd(e *env) *cobra.Command {
	var dataDir string
	c := &cobra.Command{
		Use:   "shards [--data DIR]",
		Short: "List the province shards of the site, as JSON",
		Long: `Shards prints the shards "nianbao build --shard province=NNNNNN" can build
from the data folder, as a JSON array of GB/T 2260 province codes ("000000" for
the agencies with no province), for a CI matrix. The data folder is checked as
build checks it.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			codes, err := site.Shards(site.Options{DataDir: dataDir, Now: e.now()})
			if err != nil {
				return siteError(e, "shards", err)
			}
			b, err := json.Marshal(codes)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, string(b))
			return nil
		},
	}
	dataFlag(c, &dataDir)
	return c
}

func newGenerateCmd(e *env) *cobra.Command {
	var dataDir, siteDir, baseURL string
	var sf shardFlags
	c := &cobra.Command{
		Use:   "generate [--data DIR] --site DIR",
		Short: "Write the Hugo project the site is rendered from",
		Long: `Generate writes the Hugo project that build renders: config.toml, layouts/,
static/ and content/ (the hand-written pages and one generated page per report,
agency, region and year, with the downloads). A plain "hugo --source DIR" of the
Hugo version in go.mod builds the same site.

DIR must be absent, empty, or a folder nianbao wrote (it holds a .nianbao-build
file); it is replaced whole. The data folder, a folder inside it or holding it, and
a folder holding .git or go.mod are refused.

--base-url only places the links between the parts of a sharded site; the
project's own address is its config.toml's, or hugo's --baseURL.` + shardHelp,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if siteDir == "" {
				return fail(ExitUsage, "generate: --site DIR is required (see nianbao generate --help)")
			}
			opts := site.Options{DataDir: dataDir, BaseURL: baseURL, Now: e.now()}
			if err := builtAt("generate", &opts); err != nil {
				return err
			}
			if err := sf.apply("generate", &opts); err != nil {
				return err
			}
			st, err := site.Generate(opts, siteDir)
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
	c.Flags().StringVar(&baseURL, "base-url", "/", "the address the site is published at (for the links between shards)")
	sf.add(c)
	return c
}

func newBuildCmd(e *env) *cobra.Command {
	var dataDir, out, baseURL string
	var sf shardFlags
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

The garbage collector lets the heap grow to 5 times the live heap between
collections, within 1 GiB (site.BuildGCPercent, site.BuildMemoryLimit): a build
takes less CPU for more memory. GOGC and GOMEMLIMIT, when set, are kept.

--base-url is where the site will be published. The default "/" makes links
root-relative, for serving the output folder locally (for example
"python3 -m http.server -d public"); for GitHub Pages pass the project address,
such as https://user.github.io/repo/.` + shardHelp,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			opts := site.Options{DataDir: dataDir, BaseURL: baseURL, Now: e.now()}
			if err := builtAt("build", &opts); err != nil {
				return err
			}
			if err := sf.apply("build", &opts); err != nil {
				return err
			}
			defer site.TuneGC()() // memory for CPU: see site.BuildGCPercent
			st, err := site.Build(opts, out)
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
	sf.add(c)
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
		return fail(ExitFail, "%s: the data folder has %s; nothing was written (see nianbao check)", cmd, plural(ps.Count(), "error"))
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

// builtAt sets the day the site says it was built (site.Options.Built) from
// SOURCE_DATE_EPOCH, the reproducible-builds convention (seconds since 1970, UTC):
// the Pages workflow sets it to the commit's time, so that the hub and every shard
// give the same day and a rebuild of the commit is the same bytes. Unset, the day
// is today's.
func builtAt(cmd string, opts *site.Options) error {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return fail(ExitUsage, "%s: SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", cmd, v)
	}
	opts.Built = time.Unix(n, 0).UTC()
	return nil
}
