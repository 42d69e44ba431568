// Package site builds the nianbao portal from a data folder: it turns the records
// into a Hugo project (content pages whose JSON front matter carries precomputed
// figures, tables and chart options; per-record downloads; the whole dataset as JSON
// and CSV), writes it next to the embedded theme, and renders it with Hugo as a
// library into an output folder, atomically.
//
// What Hugo sees is deliberate: its data/ folder stays empty, and every page's front
// matter holds only what that page shows, so memory grows with the largest page, not
// with the dataset. Report text reaches Hugo only as front-matter string values, never
// as Markdown, so nothing in a report can become markup, a shortcode or front matter.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao"
	"github.com/nianbao/nianbao/internal/store"
)

// Options are the inputs of a build.
type Options struct {
	DataDir string    // the data folder: records at DataDir/reports/<slug>/<year>.toml
	BaseURL string    // where the site is published; "/" for a site at the root
	Now     time.Time // for the records' year check; zero means time.Now()
	Theme   fs.FS     // the theme; nil means the embedded one (nianbao.Theme())

	private bool // the project is a build's own, in a temporary folder
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
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
	Files   int // files of the generated Hugo project
	Pages   int // HTML pages rendered
	Load    time.Duration
	Gen     time.Duration
	Render  time.Duration
}

// Total is the time of the whole build.
func (s Stats) Total() time.Duration { return s.Load + s.Gen + s.Render }

// Generate writes the Hugo project of the data folder into siteDir: config.toml,
// layouts/, static/, content/ (hand-written and generated) and an empty data/. siteDir
// must be absent or empty. The records are checked first: a folder with errors is
// refused, and the error is record.Problems, one problem a line.
func Generate(opts Options, siteDir string) (Stats, error) {
	var st Stats
	t0 := time.Now()
	d, err := load(opts.DataDir, opts.now())
	if err != nil {
		return st, err
	}
	st.Records = len(d.entries)
	st.Load = time.Since(t0)
	if err := emptyOrAbsent(siteDir); err != nil {
		return st, err
	}
	t1 := time.Now()
	st.Files, err = generate(d, opts.theme(), siteDir, opts.private)
	st.Gen = time.Since(t1)
	if err != nil {
		return st, fmt.Errorf("generating %s: %w", siteDir, err)
	}
	return st, nil
}

func emptyOrAbsent(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("%s is not empty: generate writes a new project", dir)
	}
	return nil
}

// Build generates the project in a temporary folder and renders it into outDir. The
// output is atomic: the site is rendered into a new folder next to outDir, which
// replaces outDir only once the render succeeded; a failed build leaves outDir as it
// was.
func Build(opts Options, outDir string) (Stats, error) {
	if err := store.CheckFiles(opts.DataDir); err != nil { // before anything is written
		return Stats{}, err
	}
	outDir = filepath.Clean(outDir)
	parent := filepath.Dir(outDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Stats{}, err
	}
	work, err := os.MkdirTemp(parent, "."+filepath.Base(outDir)+".build-")
	if err != nil {
		return Stats{}, err
	}
	defer os.RemoveAll(work)
	siteDir := filepath.Join(work, "site")
	opts.private = true
	st, err := Generate(opts, siteDir)
	if err != nil {
		return st, err
	}
	staged := filepath.Join(work, "public")
	t := time.Now()
	st.Pages, err = Render(siteDir, staged, opts.BaseURL)
	st.Render = time.Since(t)
	if err != nil {
		return st, err
	}
	return st, swap(staged, outDir, work)
}

// swap replaces outDir with staged. The old output is moved aside first and removed
// after, so outDir is never a mix of two builds.
func swap(staged, outDir, work string) error {
	old := filepath.Join(work, "old")
	if _, err := os.Lstat(outDir); err == nil {
		if err := os.Rename(outDir, old); err != nil {
			return fmt.Errorf("moving the previous %s aside: %w", outDir, err)
		}
	}
	if err := os.Rename(staged, outDir); err != nil {
		if _, e := os.Lstat(old); e == nil {
			os.Rename(old, outDir) // put the previous output back
		}
		return fmt.Errorf("moving the new site to %s: %w", outDir, err)
	}
	return nil
}
