// Package importer extracts raw reports into a data folder. For each report it asks
// the store (internal/store, the only package that knows the folder's layout) to
// write the record, the raw original (which the site links to) and the normalized
// text the record's provenance refers to.
//
// An import holds the data folder's lock (a second import waits), writes each report
// as soon as it is extracted, in the order the files were given, and keeps at most a
// few reports in memory. Each report is written so that a crash leaves its old files
// or its new ones (store.Writer.Write). A record marked reviewed = true is never
// overwritten: the import reports how the new extraction differs instead. Importing
// the same file again gives byte-identical files.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/internal/extract"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
)

// rawExtensions are the files a folder import picks up.
var rawExtensions = []string{".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".md"}

// inFlight is how many reports, per parallel extraction, may be extracted and not
// yet written: what bounds an import's memory (each is at most a raw original of
// store.MaxRawBytes and what was read from it).
const inFlight = 2

// Options configure an import.
type Options struct {
	DataDir string
	Jobs    int // extractions run in parallel; 0 means one per CPU
	// Progress, when set, is called after each file is extracted (from one goroutine
	// at a time).
	Progress func(done, total int, file string)
	// Waiting, when set, is called when another import holds the data folder; this
	// one waits until it is done (or ctx is).
	Waiting func(holder string)
	Extract extract.Options
	Now     time.Time // "this year" for the records' year check; zero means time.Now()
}

// Outcome is what happened to one file.
type Outcome int

const (
	Imported  Outcome = iota // its record was written (new or changed)
	Unchanged                // its record, raw original and text were already there, identical
	Skipped                  // its record is reviewed and was left alone
	Failed                   // it could not be read; nothing was written
)

func (o Outcome) String() string {
	return [...]string{"imported", "unchanged", "skipped (reviewed)", "failed"}[o]
}

// FileResult is the outcome of one file.
type FileResult struct {
	File    string
	Outcome Outcome
	Record  string // the record's path, when there is one
	Reason  string // why it failed, or how a reviewed record differs from the new extraction
}

// Summary is the outcome of an import, file by file in the order given.
type Summary struct {
	Results []FileResult
	Counts  [4]int // by Outcome
}

func (s *Summary) add(r FileResult) {
	s.Results = append(s.Results, r)
	s.Counts[r.Outcome]++
}

// Import extracts the files and folders of paths into the data folder. A path that
// is missing, a link, or a folder with no report in it fails on its own; the others
// are imported. The error is for the import as a whole: the data folder cannot be
// locked, or ctx was cancelled (the summary then has the files written until then).
func Import(ctx context.Context, paths []string, opts Options) (Summary, error) {
	items := collect(paths)
	folder, err := store.Create(opts.DataDir)
	if err != nil {
		return Summary{}, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	w, err := folder.Lock(ctx, now, opts.Waiting)
	if err != nil {
		if ctx.Err() != nil {
			return Summary{}, fmt.Errorf("interrupted before it began (waiting for the data folder's lock): %w", err)
		}
		return Summary{}, err
	}
	defer w.Close()
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var files []string
	for _, it := range items {
		if it.fail == "" {
			files = append(files, it.file)
		}
	}

	// Extract in parallel; write in input order, one at a time, as soon as each is
	// extracted, so that the outcome does not depend on scheduling. A file is given
	// to a worker only when fewer than window files are extracted and not written.
	window := inFlight * jobs
	slots := make([]chan extraction, window)
	for i := range slots {
		slots[i] = make(chan extraction, 1)
	}
	free := make(chan struct{}, window)
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(jobs, max(1, len(files))) {
		wg.Go(func() {
			for i := range work {
				x := extractFile(files[i], opts.Extract, now)
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files), files[i])
					mu.Unlock()
				}
				slots[i%window] <- x
			}
		})
	}
	go func() {
		defer close(work)
		for i := range files {
			select {
			case free <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Every exit waits for the extractions under way, so that their temporary files
	// are gone when Import returns.
	defer wg.Wait()

	im := &importer{w: w, now: now, batch: make(map[string]string)}
	var sum Summary
	next := 0 // the next of files to write
	for _, it := range items {
		if it.fail != "" {
			sum.add(FileResult{File: it.file, Outcome: Failed, Reason: it.fail})
			continue
		}
		var x extraction
		select {
		case x = <-slots[next%window]:
		case <-ctx.Done():
			return sum, fmt.Errorf("interrupted after %d of %d files: %w", len(sum.Results), len(items), ctx.Err())
		}
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("interrupted after %d of %d files: %w", len(sum.Results), len(items), err)
		}
		sum.add(im.write(it.file, x))
		next++
		<-free
	}
	return sum, nil
}

// item is a file to import, or a path that failed before any reading.
type item struct {
	file string
	fail string // why it failed, or ""
}

// Listed is a report file of the paths given to ReportFiles, or a path that could
// not be read as one (Fail says why).
type Listed struct {
	File, Fail string
}

// ReportFiles expands paths as import does: a folder into the report files it
// holds, in a stable order, a file as itself unless it is a FILE.meta.toml beside a
// report; links are not followed.
func ReportFiles(paths []string) []Listed {
	var out []Listed
	for _, it := range collect(paths) {
		if it.fail == "" && strings.HasSuffix(it.file, ".meta.toml") {
			continue
		}
		out = append(out, Listed{it.file, it.fail})
	}
	return out
}

// collect expands folders into the report files they hold, in a stable order. It
// reads regular files and folders only: a link is not followed.
func collect(paths []string) []item {
	var items []item
	for _, p := range paths {
		info, err := os.Lstat(p)
		switch {
		case err != nil:
			items = append(items, item{p, unwrap(err).Error()})
			continue
		case info.Mode()&fs.ModeSymlink != 0:
			items = append(items, item{p, linkReason(p)})
			continue
		case !info.IsDir():
			items = append(items, item{p, ""})
			continue
		}
		found := false
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				items = append(items, item{path, unwrap(err).Error()})
				found = true
				if d != nil && d.IsDir() && path != p {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != p {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type()&fs.ModeSymlink != 0 && !strings.HasSuffix(name, ".meta.toml"): // a meta file fails with its report
				items = append(items, item{path, linkReason(path)})
				found = true
			case !d.IsDir() && slices.Contains(rawExtensions, strings.ToLower(filepath.Ext(name))):
				items = append(items, item{path, ""})
				found = true
			}
			return nil
		})
		if !found {
			items = append(items, item{p, "no report files in this folder (import looks for " + strings.Join(rawExtensions, ", ") + ")"})
		}
	}
	return items
}

func linkReason(path string) string {
	to, _ := os.Readlink(path)
	return fmt.Sprintf("a symbolic link (to %s): import reads files and folders, not links; give the file it points at", to)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file or folder")
		}
		return pe.Err
	}
	return err
}

// extraction is a file read into its record, or the reason it could not be.
type extraction struct {
	raw  []byte
	rec  *record.Record
	err  error
	meta string // the sidecar meta file used, if any
	m    *extract.Meta

	// Worked out beside the extraction, in parallel: the record's file for the
	// agency's likely folder (its slug), or why the record is refused; the raw
	// original's extension; the normalized text.
	slug  string
	valid *store.Valid
	verr  error
	ext   string
	text  []byte
}

// MetaFor returns the sidecar meta file of a report, FILE.meta.toml beside it
// (FILE without its extension), or "" when there is none.
func MetaFor(path string) string {
	m := metaPath(path)
	if _, err := os.Lstat(m); err == nil {
		return m
	}
	return ""
}

// metaPath is where the sidecar meta file of a report would be.
func metaPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.toml"
}

// ReadRaw reads a raw report, refusing one too large to be a report
// (store.MaxRawBytes) before reading it.
func ReadRaw(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	defer f.Close()
	return readOpen(path, f)
}

// readInput reads a file given to import: a regular file, not a link.
func readInput(path string) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if before.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s: %s", path, linkReason(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !os.SameFile(before, info) {
		return nil, fmt.Errorf("%s: changed while it was being opened", path)
	}
	return readOpen(path, f)
}

func readOpen(path string, f *os.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a folder", path)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf("%s: %.1f MB is larger than a report can be (%d MB at most)", path, float64(size)/(1<<20), store.MaxRawBytes>>20)
	}
	if info.Size() > store.MaxRawBytes {
		return nil, tooLarge(info.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, store.MaxRawBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if len(data) > store.MaxRawBytes {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// LoadMeta reads a meta file (extract.LoadMeta) and checks the year it gives, if
// any, against record.FirstYear..this year (from now), naming the meta file.
func LoadMeta(path string, now time.Time) (*extract.Meta, error) {
	m, err := extract.LoadMeta(path)
	if err != nil {
		return nil, err
	}
	if y := m.Report.Year; y != 0 && (y < record.FirstYear || y > now.Year()) {
		data, _ := os.ReadFile(path)
		return nil, fmt.Errorf("%s:%d: report.year = %d: want a statistics year from %d to %d",
			path, record.NewLocator(data).Line("report.year"), y, record.FirstYear, now.Year())
	}
	return m, nil
}

func extractFile(path string, opts extract.Options, now time.Time) extraction {
	data, err := readInput(path)
	if err != nil {
		return extraction{err: err}
	}
	x := extraction{raw: data}
	if m := MetaFor(path); m != "" && opts.Meta == nil {
		if info, err := os.Lstat(m); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return extraction{err: fmt.Errorf("%s: %s", m, linkReason(m))}
		}
		meta, err := LoadMeta(m, now)
		if err != nil {
			return extraction{err: err}
		}
		opts.Meta = meta
		x.meta, x.m = m, meta
	}
	res, err := extract.File(path, data, opts)
	if err != nil {
		x.err = err
		return x
	}
	x.rec = res.Record
	x.ext = rawExt(path, res.Document.Format)
	x.text = []byte(strings.Join(res.Document.Lines, "\n") + "\n")
	if x.slug = store.Slug(x.rec.Agency.Name); x.slug != "" {
		x.valid, x.verr = validRecord(x.rec, x.slug, x.ext, now)
	}
	return x
}

// validRecord encodes the record of a report kept in an agency's folder, and checks
// it as check will.
func validRecord(r *record.Record, slug, ext string, now time.Time) (*store.Valid, error) {
	r.Source.File = store.RawFile(slug, r.Report.Year, ext)
	data, err := record.Encode(r)
	if err != nil {
		return nil, err
	}
	return store.Validate("the record", data, now)
}

// importer writes extracted reports into the data folder, one at a time.
type importer struct {
	w     *store.Writer
	now   time.Time
	batch map[string]string // "name\x00year" → file imported in this run
}

func (im *importer) write(file string, x extraction) FileResult {
	res := FileResult{File: file}
	fail := func(format string, args ...any) FileResult {
		res.Outcome, res.Reason = Failed, fmt.Sprintf(format, args...)
		return res
	}
	if x.err != nil {
		msg := strings.TrimPrefix(x.err.Error(), file+": ")
		if x.meta == "" && strings.Contains(msg, "REPORT.meta.toml") {
			msg += " (for this report: " + metaPath(file) + ")"
		}
		return fail("%s", msg)
	}
	r := x.rec
	key := r.Agency.Name + "\x00" + strconv.Itoa(r.Report.Year)
	if prev, dup := im.batch[key]; dup {
		return fail("%s %d was already imported from %s in this run", r.Agency.Name, r.Report.Year, prev)
	}
	slug, err := im.w.Slug(r.Agency.Name)
	if err != nil {
		return fail("%v", err)
	}
	if slug != x.slug { // another agency's folder has the name: encode for this one
		x.valid, x.verr = validRecord(r, slug, x.ext, im.now)
	}
	if x.verr != nil {
		return fail("%s", reason(x.verr, x))
	}
	recPath := im.w.Folder().RecordPath(slug, r.Report.Year)
	res.Record = recPath

	old, err := im.w.Record(slug, r.Report.Year)
	if err != nil {
		return fail("%v", err)
	}
	if old != nil && !bytes.Equal(old, x.valid.Bytes()) { // an identical record is not reviewed
		prev, perr := record.Parse(recPath, old)
		if perr != nil {
			return fail("the record already at %s does not load, so it is not replaced (fix or remove it):\n%v", recPath, perr)
		}
		if prev.Report.Reviewed {
			res.Outcome, res.Reason = Skipped, describeChanges(prev, r)
			im.batch[key] = file
			return res
		}
	}
	changed, err := im.w.Write(store.Report{
		Agency: r.Agency.Name, Slug: slug, Year: r.Report.Year,
		Record: x.valid, Raw: x.raw, RawExt: x.ext, Text: x.text,
	})
	if err != nil {
		res.Record = ""
		return fail("%v", err)
	}
	im.batch[key] = file
	res.Outcome = Unchanged
	if changed {
		res.Outcome = Imported
	}
	return res
}

// reason words why a record was refused: each problem on its own, naming the meta
// file and its line when the value came from there.
func reason(err error, x extraction) string {
	var ps record.Problems
	if !errors.As(err, &ps) {
		return err.Error()
	}
	var metaLines record.Locator
	if x.meta != "" {
		data, _ := os.ReadFile(x.meta)
		metaLines = record.NewLocator(data)
	}
	var out []string
	for _, p := range ps {
		if x.meta != "" && metaSets(x.m, p.Key) {
			out = append(out, fmt.Sprintf("%s:%d: %s", x.meta, metaLines.Line(p.Key), p.Message))
			continue
		}
		out = append(out, p.Message)
	}
	return strings.Join(out, "; ")
}

// metaSets reports whether a meta file gives the value at a record key.
func metaSets(m *extract.Meta, key string) bool {
	if m == nil {
		return false
	}
	switch key {
	case "agency.name":
		return m.Agency.Name != ""
	case "agency.province":
		return m.Agency.Province != ""
	case "agency.city":
		return m.Agency.City != ""
	case "agency.county":
		return m.Agency.County != ""
	case "agency.division_code":
		return m.Agency.DivisionCode != ""
	case "report.year":
		return m.Report.Year != 0
	case "report.template":
		return m.Report.Template != ""
	case "report.title":
		return m.Report.Title != ""
	case "report.published":
		return m.Report.Published != nil
	case "source.url":
		return m.Source.URL != ""
	}
	return false
}

// rawExt is the extension the raw original is kept under: its own, lower-cased, when
// it is one of a report's, else the format's.
func rawExt(file, format string) string {
	ext := strings.ToLower(filepath.Ext(file))
	if slices.Contains(rawExtensions, ext) && ext != ".doc" {
		if ext == ".htm" {
			return ".html"
		}
		return ext
	}
	switch format {
	case "html":
		return ".html"
	case "pdf":
		return ".pdf"
	case "docx":
		return ".docx"
	}
	return ".txt"
}

// describeChanges says how a new extraction differs from a reviewed record.
func describeChanges(old, cur *record.Record) string {
	before := make(map[string]float64)
	for _, f := range record.Figures(old) {
		before[f.Path] = f.Value
	}
	var diffs []string
	seen := make(map[string]bool)
	for _, f := range record.Figures(cur) {
		seen[f.Path] = true
		if v, ok := before[f.Path]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: (absent) → %v", f.Path, f.Value))
		} else if v != f.Value {
			diffs = append(diffs, fmt.Sprintf("%s: %v → %v", f.Path, v, f.Value))
		}
	}
	for _, f := range record.Figures(old) {
		if !seen[f.Path] {
			diffs = append(diffs, fmt.Sprintf("%s: %v → (absent)", f.Path, f.Value))
		}
	}
	if len(diffs) == 0 {
		return "reviewed; the new extraction gives the same figures"
	}
	const show = 5
	msg := fmt.Sprintf("reviewed; the new extraction differs in %d figures: %s", len(diffs), strings.Join(diffs[:min(show, len(diffs))], ", "))
	if len(diffs) > show {
		msg += ", …"
	}
	return msg
}
