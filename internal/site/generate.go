package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// project writes the files of a Hugo project under dir. Writes go to a few
// goroutines: generating is mostly creating files, and file systems answer faster
// several at a time. close waits for them and returns the first error.
type project struct {
	dir   string
	files atomic.Int64
	jobs  chan writeJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	dirs  map[string]bool // folders already created
	err   error

	// private is true for a project only a build reads (in a temporary folder): it
	// may then share files with the data folder by hard links.
	private bool

	// mem, for a build's project, holds the project's files instead of dir
	// (memproject.go); dir then holds only the dataset's spill files and files
	// (static/data/) and the page bodies' store.
	mem *memFS

	scanTime  time.Duration // reading and checking the records, and the reports' own files
	built     string        // the day of the build, YYYY-MM-DD (Options.Built)
	templates *schema.Set   // the templates records may follow (Options.Templates)
	words     catalog       // the UI's words in each language (the theme's i18n/)
	english   bool          // report pages in English too (not Options.NoEnglishReports)

	// shelled are the report pages a build writes from shells after the render
	// (shell.go), in place of one content page each.
	shelled []shelledPage

	// published are the reports' own files (record, source text, raw original) of a
	// private project: the build copies them into the output beside their pages
	// once Hugo has rendered it, rather than through the project.
	published []publishedFile
}

// publishedFile is a file of the data folder published as it is at rel.
type publishedFile struct{ rel, src string }

// publish puts the data folder's file src into the site at rel (site-relative): a
// static file of the project, or for a private project one the build copies into
// the output after the render (copyPublished).
func (p *project) publish(rel, src string) {
	if !p.private {
		p.copyFile("static/"+rel, src)
		return
	}
	p.mu.Lock()
	p.published = append(p.published, publishedFile{rel, src})
	p.mu.Unlock()
}

// copyPublished puts the published files into the output folder out, on a few
// goroutines: it hard-links each one, or copies it where a link fails (another file
// system, a file system without links). Creating a file costs far more than linking
// one (on this project's ext4 machine about 0.4 ms against 12 µs), and a report has
// two or three such files, as many as its pages. The output then shares these files
// with the data folder. nianbao never writes either in place (the store renames a new
// record over the old, a build replaces the whole output), so neither changes under
// the other; an editor that saves in place would change both, until the next build.
func copyPublished(files []publishedFile, out string) error {
	err := eachOnWriters(files, func() func(publishedFile) error {
		buf := make([]byte, copyBufferSize)
		return func(f publishedFile) error {
			dst := filepath.Join(out, filepath.FromSlash(f.rel))
			err := linkOrCopy(f.src, dst, buf)
			if errors.Is(err, fs.ErrNotExist) {
				if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
					err = linkOrCopy(f.src, dst, buf)
				}
			}
			return err
		}
	})
	if err != nil {
		return fmt.Errorf("publishing the reports' files: %w", err)
	}
	return nil
}

// eachOnWriters calls a do for every item, on writers goroutines, and returns the
// first error; newDo makes each goroutine's do, with what it reuses (a buffer).
// Creating files goes faster several at a time.
func eachOnWriters[T any](items []T, newDo func() func(T) error) error {
	next := make(chan T)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range writers {
		do := newDo()
		wg.Go(func() {
			for it := range next {
				if err := do(it); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, it := range items {
		next <- it
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

type writeJob struct {
	path string
	data []byte
	src  string // copy this file instead of writing data
	link bool   // … or hard-link it, falling back to a copy
}

const writers = 8

func newProject(dir string) *project {
	p := &project{dir: dir, jobs: make(chan writeJob, 256), dirs: map[string]bool{}}
	for range writers {
		p.wg.Go(func() {
			for j := range p.jobs {
				if err := p.do(j); err != nil {
					p.mu.Lock()
					if p.err == nil {
						p.err = err
					}
					p.mu.Unlock()
				}
			}
		})
	}
	return p
}

func (p *project) mkdir(dir string) error {
	p.mu.Lock()
	done := p.dirs[dir]
	p.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p.mu.Lock()
	p.dirs[dir] = true
	p.mu.Unlock()
	return nil
}

func (p *project) do(j writeJob) error {
	if err := p.mkdir(filepath.Dir(j.path)); err != nil {
		return err
	}
	if j.src == "" {
		return os.WriteFile(j.path, j.data, 0o644)
	}
	if j.link && os.Link(j.src, j.path) == nil {
		return nil
	}
	return copyFile(j.src, j.path)
}

// linkOrCopy hard-links dst to src, or copies src to dst where the link fails for
// another reason than a missing folder.
func linkOrCopy(src, dst string, buf []byte) error {
	err := os.Link(src, dst)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return copyThrough(src, dst, buf)
}

// copyFile copies the file at src to dst, through a buffer: on Linux io.Copy between
// two files uses copy_file_range, which on ext4 took twice the system time of a read
// and a write for the small files a build copies (a report's record and text).
func copyFile(src, dst string) error { return copyThrough(src, dst, make([]byte, copyBufferSize)) }

// copyThrough is copyFile with the buffer given.
func copyThrough(src, dst string, buf []byte) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err = io.CopyBuffer(onlyWriter{out}, onlyReader{in}, buf); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// copyBufferSize is the buffer copyFile reads through: most records and source texts
// fit in one read.
const copyBufferSize = 64 << 10

// onlyReader and onlyWriter hide a file's ReadFrom and WriteTo from io.CopyBuffer.
type onlyReader struct{ io.Reader }
type onlyWriter struct{ io.Writer }

// close waits for the writes and returns the first error.
func (p *project) close() error {
	close(p.jobs)
	p.wg.Wait()
	return p.err
}

func (p *project) write(rel string, data []byte) error {
	p.files.Add(1)
	if p.mem != nil {
		return p.mem.write(rel, data)
	}
	p.jobs <- writeJob{path: filepath.Join(p.dir, filepath.FromSlash(rel)), data: data}
	return nil
}

// copyFile puts the file src into the project at rel. When the project is a private
// one (a build's), it hard-links the file: on many file systems creating a file costs
// far more than linking one, and a build creates several per report.
func (p *project) copyFile(rel, src string) error {
	p.files.Add(1)
	p.jobs <- writeJob{path: filepath.Join(p.dir, filepath.FromSlash(rel)), src: src, link: p.private}
	return nil
}

func (p *project) page(rel string, fm any) error {
	b, err := encodeFrontMatter(fm)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return p.write(rel, b)
}

// copyTheme writes the embedded theme (layouts/, static/, content/; config.toml is
// written by config). A shard has no hand-written pages: they are the hub's.
func (p *project) copyTheme(theme fs.FS, s *scope) error {
	return fs.WalkDir(theme, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == "config.toml" {
			return err
		}
		if s.shard != "" && strings.HasPrefix(path, "content/") {
			return nil
		}
		data, err := fs.ReadFile(theme, path)
		if err != nil {
			return err
		}
		return p.write(path, data)
	})
}

// config writes the site config: the theme's, and the addresses of the other parts
// of a sharded site ([params.nianbao], read by layouts/baseof.html).
func (p *project) config(theme fs.FS, s *scope) error {
	data, err := fs.ReadFile(theme, "config.toml")
	if err != nil {
		return err
	}
	data = append(data, "\n# Written by nianbao: where the national pages are (\"\" in the same site).\n[params.nianbao]\n"...)
	data = append(data, "hub = "+strconv.Quote(s.national(""))+"\n"...)
	data = append(data, "built = "+strconv.Quote(p.built)+"\n"...)
	if s.shard != "" {
		data = append(data, "shard = "+strconv.Quote(s.shard)+"\n"...)
	}
	return p.write("config.toml", data)
}

// generateProject writes the Hugo project of the data folder into dir, which must be
// absent or empty: it reads the records (scan), writing each report's page bundle
// and dataset rows as it goes, then the pages of agencies, regions, years and the
// home page, and the dataset files.
func generateProject(opts Options, dir string) (Stats, []publishedFile, error) {
	st, p, err := generateInto(opts, dir)
	if p == nil {
		return st, nil, err
	}
	if p.mem != nil {
		p.mem.close()
	}
	return st, p.published, err
}

func generateInto(opts Options, dir string) (Stats, *project, error) {
	var st Stats
	s, err := newScope(opts)
	if err != nil {
		return st, nil, err
	}
	if err := emptyOrAbsent(dir); err != nil {
		return st, nil, err
	}
	t0 := time.Now()
	p := newProject(dir)
	p.private = opts.private
	p.built, p.templates = opts.built(), opts.Templates
	if opts.private {
		if p.mem, err = newMemFS(dir); err != nil {
			p.close()
			return st, nil, fmt.Errorf("generating %s: %w", dir, err)
		}
	}
	p.english = !opts.NoEnglishReports
	d, err := p.generate(opts, s)
	if cerr := p.close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = writeMarker(dir)
	}
	st.Files = int(p.files.Load())
	st.Gen = time.Since(t0)
	if d != nil {
		st.Records = len(d.entries)
		st.Load = p.scanTime
		st.Gen -= p.scanTime
	}
	if err != nil {
		var ps Problems
		if errors.As(err, &ps) {
			return st, p, err
		}
		return st, p, fmt.Errorf("generating %s: %w", dir, err)
	}
	return st, p, nil
}

func (p *project) generate(opts Options, s *scope) (*dataset, error) {
	theme := opts.theme()
	if err := p.copyTheme(theme, s); err != nil {
		return nil, fmt.Errorf("writing the theme: %w", err)
	}
	if err := p.config(theme, s); err != nil {
		return nil, err
	}
	// The words of the templates' chart tables, which report pages leave out.
	set := p.templates
	if set == nil {
		set = schema.National()
	}
	if err := p.write("static/js/chart-labels.js", charts.LabelsScript(set.Templates())); err != nil {
		return nil, err
	}
	words, err := loadCatalog(theme)
	if err != nil {
		return nil, err
	}
	p.words = words
	// Hugo's data folder stays empty: every page carries what it needs.
	if p.mem != nil {
		if err := p.mem.Fs.MkdirAll(filepath.Join(p.mem.dir, "data"), 0o755); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(filepath.Join(p.dir, "data"), 0o755); err != nil {
		return nil, err
	}
	parts, err := newPartitions(filepath.Join(p.dir, ".spill"), opts.Templates)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(parts.dir)
	t := time.Now()
	popts := record.ParseOptions{Now: opts.now(), Templates: opts.Templates}
	d, err := scan(opts.DataDir, popts, func(g *agencyFiles) (any, error) {
		if s.hub || !s.holds(g.entries[0].shard) {
			return nil, nil
		}
		return writeReports(p, s, g)
	}, func(g *agencyFiles, out any) error {
		rows, _ := out.([]reportRows)
		for _, rr := range rows {
			if err := parts.add(rr); err != nil {
				return err
			}
		}
		return nil
	})
	p.scanTime = time.Since(t)
	if err != nil {
		return nil, err
	}
	if s.shard != "" {
		d = d.only(s.shard)
	}
	if err := writeReportPages(p, d, s); err != nil {
		return d, err
	}
	// The dataset files and the pages of agencies, regions, years and the home page
	// read the dataset and write files of their own (only writeAgencies adds to
	// p.shelled): they are written side by side.
	var files []datasetFile
	var g errgroup.Group
	g.Go(func() (err error) {
		if files, err = parts.finish(filepath.Join(p.dir, "static")); err != nil {
			return fmt.Errorf("writing the dataset files: %w", err)
		}
		return nil
	})
	for _, w := range []func(*project, *dataset, *scope) error{writeAgencies, writeRegions, writeYears, writeHome} {
		g.Go(func() error { return w(p, d, s) })
	}
	if err := g.Wait(); err != nil {
		return d, err
	}
	return d, writeDataIndex(p, d, s, files)
}

// only is the dataset of one shard's reports.
func (d *dataset) only(shard string) *dataset {
	out := newDataset()
	for _, e := range d.entries {
		if e.shard == shard {
			out.entries = append(out.entries, e)
		}
	}
	out.index()
	return out
}

// writeReports writes an agency's report bundles: each page's body, the record file,
// its source text and raw original; it returns their dataset rows. It runs on a scan
// worker, with the agency's records.
func writeReports(p *project, s *scope, g *agencyFiles) ([]reportRows, error) {
	byYear := map[int]*record.Record{}
	for i, e := range g.entries {
		byYear[e.year] = g.records[i]
	}
	// Each narrative's sentences are split and normalized once, for the report's
	// comparison with the year before's and the next year's with it.
	sentences := map[int]record.Sentences{}
	sentencesOf := func(year int) record.Sentences {
		s, ok := sentences[year]
		if !ok {
			s = record.NarrativeSentences(byYear[year])
			sentences[year] = s
		}
		return s
	}
	// The bodies' bytes: a build's project stores them at once (bodyStore.put), so
	// one buffer serves them all; a generated project's writers keep them a while.
	var page []byte
	bodyOf := func(b reportBody) []byte {
		if p.mem == nil {
			return reportHTML(b)
		}
		page = appendReportHTML(page[:0], b)
		return page
	}
	var out []reportRows
	for i, e := range g.entries {
		r := g.records[i]
		url := reportURL(e.slug, e.year)
		var before, after *entry
		if i > 0 {
			before = g.entries[i-1]
		}
		if i+1 < len(g.entries) {
			after = g.entries[i+1]
		}
		var reuse record.Reuse
		if prev := byYear[e.year-1]; prev != nil {
			reuse = record.ReuseBetween(sentencesOf(e.year-1), sentencesOf(e.year))
		}
		body := reportBodyOf(s, e, r, byYear[e.year-1], reuse, before, after)
		body.W = p.words.in(langZH)
		e.charts = len(body.Charts) > 0
		if err := p.write(fragmentPath(url), bodyOf(body)); err != nil {
			return nil, err
		}
		if p.english {
			en := englishReport(body, r, p.words.in(langEN), s, url, e.template)
			if err := p.write(fragmentPath(langPrefix(langEN)+url), bodyOf(en)); err != nil {
				return nil, err
			}
		}
		p.publish(url+"record.toml", e.path)
		if e.textPath != "" {
			p.publish(url+"text.txt", e.textPath)
		}
		if e.originalPath != "" {
			p.publish(url+e.originalName, e.originalPath)
		}
		rr, err := rowsOf(e, r, body.Checks, g.data[i])
		if err != nil {
			return nil, err
		}
		out = append(out, rr)
	}
	return out, nil
}

// writeReportPages writes each report page's front matter.
func writeReportPages(p *project, d *dataset, s *scope) error {
	if s.hub {
		return nil
	}
	if p.mem != nil && len(d.entries) > 0 {
		// A build: Hugo renders the shells, Go the pages (shell.go).
		for _, e := range d.entries {
			pg := shelledPage{view: "report", url: reportURL(e.slug, e.year), title: [2]string{e.title, e.title}, charts: [2]bool{e.charts, e.charts}}
			pg.desc[0] = reportPage(e).Description
			if p.english {
				pg.desc[1] = reportPageIn(e, p.words.in(langEN)).Description
			}
			p.shelled = append(p.shelled, pg)
		}
		return writeShells(p)
	}
	for _, e := range d.entries {
		// A page, not a bundle: its files are static (publish), so Hugo has no
		// resources to track and generating makes no folder a report.
		if err := p.page("content/agency/"+e.slug+"/"+strconv.Itoa(e.year)+".md", reportPage(e)); err != nil {
			return err
		}
		if p.english {
			if err := p.page("content/agency/"+e.slug+"/"+strconv.Itoa(e.year)+"."+langEN+".md", reportPageIn(e, p.words.in(langEN))); err != nil {
				return err
			}
		}
	}
	return nil
}
