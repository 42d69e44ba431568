// Package site builds the nianbao portal from a data folder: it turns the records
// into a Hugo project (light content pages, page bodies written by Go, each report's
// files, the dataset split by year and province), writes it next to the embedded
// theme, and renders it with Hugo as a library into an output folder, atomically.
// The whole site, one province's shard or the national hub (scope.go).
//
// What Hugo sees is deliberate: its data/ folder stays empty, and a page's front
// matter holds only its header and what lists need; the rest of a page is a body
// Hugo reads only while it renders that page (body.go). A build's project is never
// written out: Hugo reads it from memory (memproject.go). The records are read one
// agency at a time (scan), so a build holds every report's summary, not every
// record. Report text reaches Hugo only as front-matter string values or inside
// bodies that Go's html/template and htmlWriter escaped, never as Markdown, so
// nothing in a report can become markup, a shortcode or front matter.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao"
	"github.com/nianbao/nianbao/internal/schema"
	"github.com/nianbao/nianbao/internal/store"
)

// Options are the inputs of a build.
type Options struct {
	DataDir string    // the data folder: records at DataDir/reports/<slug>/<year>.toml
	BaseURL string    // where the site is published; "/" for a site at the root
	Now     time.Time // for the records' year check; zero means time.Now()
	// Built is the day every page's footer and data/README.txt give as the site's
	// last build (最后构建); zero means Now's day. The command line takes it from
	// SOURCE_DATE_EPOCH, so that a rebuild of the same commit is the same bytes.
	Built time.Time
	Theme fs.FS // the theme; nil means the embedded one (nianbao.Theme())
	// Templates are the report templates records may follow; nil means the national
	// ones (schema.National()).
	Templates *schema.Set
	// NoEnglishReports leaves out the English version of every report page (the
	// site's other pages keep theirs): a report's English page nearly doubles its
	// HTML, which a national-scale build may not afford.
	NoEnglishReports bool

	// Shard, a GB/T 2260 province code ("420000"; "000000" for agencies with no
	// province), builds only that province's part of the site; Hub builds only the
	// national pages, which link into the shards. Neither builds the whole site.
	// See scope.go for the URL scheme.
	Shard string
	Hub   bool
	// HubURL is where a shard's national pages are: a URL, resolved against BaseURL;
	// "" means "../" (the shard is published below the hub).
	HubURL string
	// ShardURL is where the hub's shards are: a URL with "{province}" in it, resolved
	// against BaseURL; "" means "{province}/".
	ShardURL string

	private bool // the project is a build's own, in a temporary folder
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// built is the day of the build, YYYY-MM-DD, in UTC (Built).
func (o Options) built() string {
	t := o.Built
	if t.IsZero() {
		t = o.now()
	}
	return t.UTC().Format(time.DateOnly)
}

func (o Options) theme() fs.FS {
	if o.Theme == nil {
		return nianbao.Theme()
	}
	return o.Theme
}

// Stats describe a build: its size and how long each phase took.
type Stats struct {
	Records int
	Files   int           // files of the generated Hugo project
	Pages   int           // HTML pages rendered
	Load    time.Duration // reading and checking the records, writing each report's own files
	Gen     time.Duration // the other pages and the dataset files
	Render  time.Duration
}

// Total is the time of the whole build.
func (s Stats) Total() time.Duration { return s.Load + s.Gen + s.Render }

// Generate writes the Hugo project of the data folder into siteDir: config.toml,
// layouts/, static/, content/ (hand-written and generated), an empty data/ and the
// marker file. siteDir must be absent, empty or a folder nianbao wrote (see
// checkOutput); it is replaced whole, and only once the project is complete. The
// records are checked first: a folder with errors is refused, and the error is
// record.Problems, one problem a line.
func Generate(opts Options, siteDir string) (Stats, error) {
	siteDir = filepath.Clean(siteDir)
	if err := checkOutput(siteDir, opts.DataDir); err != nil {
		return Stats{}, err
	}
	work, err := stage(siteDir)
	if err != nil {
		return Stats{}, err
	}
	defer work.close()
	staged := filepath.Join(work.dir, "site")
	st, _, err := generateProject(opts, staged)
	if err != nil {
		return st, err
	}
	return st, replace(staged, siteDir, work.dir, opts.DataDir)
}

func emptyOrAbsent(dir string) error {
	empty, err := isEmpty(dir)
	if errors.Is(err, fs.ErrNotExist) || empty {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("%s is not empty: generate writes a new project", dir)
}

// Build generates the project in a temporary folder and renders it into outDir.
// outDir must be absent, empty or a folder nianbao built (see checkOutput). The output
// is atomic: the site is rendered into a staging folder next to outDir, which replaces
// outDir only once the render succeeded; a failed build leaves outDir as it was.
// Staging folders that killed builds of outDir left behind are removed.
func Build(opts Options, outDir string) (Stats, error) {
	if err := store.CheckFiles(opts.DataDir); err != nil { // before anything is written
		return Stats{}, err
	}
	outDir = filepath.Clean(outDir)
	if err := checkOutput(outDir, opts.DataDir); err != nil {
		return Stats{}, err
	}
	work, err := stage(outDir)
	if err != nil {
		return Stats{}, err
	}
	defer work.close()
	siteDir := filepath.Join(work.dir, "site")
	opts.private = true
	st, p, err := generateInto(opts, siteDir)
	if p != nil && p.mem != nil {
		defer p.mem.close()
	}
	if err != nil {
		return st, err
	}
	staged := filepath.Join(work.dir, "public")
	t := time.Now()
	st.Pages, err = render(p.mem, p.mem.dir, staged, opts.BaseURL, func(out string) error {
		if err := p.mem.copyStatic(out); err != nil {
			return err
		}
		return moveTree(filepath.Join(siteDir, "static"), out) // the dataset files
	})
	if err == nil && len(p.shelled) > 0 {
		var n int
		n, err = writeShelledPages(p, staged, p.shelled)
		st.Pages += n
	}
	if err == nil {
		err = copyPublished(p.published, staged)
	}
	st.Render = time.Since(t)
	if err != nil {
		return st, err
	}
	if err := writeMarker(staged); err != nil {
		return st, err
	}
	return st, replace(staged, outDir, work.dir, opts.DataDir)
}

// replace swaps staged in at out, checking out again first: it may have changed
// while the build ran.
func replace(staged, out, work, dataDir string) error {
	if err := checkOutput(out, dataDir); err != nil {
		return err
	}
	return swap(staged, out, work)
}
