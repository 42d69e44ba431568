// Package importer extracts raw reports into a data folder. For each report it writes
// the record (DIR/reports/<agency-slug>/<year>.toml), the raw original
// (DIR/raw/<agency-slug>/<year>.<ext>, which the site links to) and the normalized
// text the record's provenance refers to (DIR/text/<agency-slug>/<year>.txt).
//
// Every write is atomic. A record marked reviewed = true is never overwritten: the
// import reports how the new extraction differs instead. Importing the same file again
// gives byte-identical files.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/internal/extract"
	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
)

// Folders of the data folder besides "reports".
const (
	RawDir  = "raw"
	TextDir = "text"
)

// rawExtensions are the files a folder import picks up.
var rawExtensions = []string{".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".md"}

// Options configure an import.
type Options struct {
	DataDir string
	Jobs    int // extractions run in parallel; 0 means one per CPU
	// Progress, when set, is called after each file is extracted (from one goroutine
	// at a time).
	Progress func(done, total int, file string)
	Extract  extract.Options
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

// Import extracts the files and folders of paths into the data folder.
func Import(ctx context.Context, paths []string, opts Options) (Summary, error) {
	files, err := collect(paths)
	if err != nil {
		return Summary{}, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}

	// Extract in parallel; write in input order, one at a time, so that the outcome
	// does not depend on scheduling.
	extracted := make([]extraction, len(files))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for range min(jobs, max(1, len(files))) {
		wg.Go(func() {
			for i := range next {
				extracted[i] = extractFile(files[i], opts.Extract)
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files), files[i])
					mu.Unlock()
				}
			}
		})
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}

	w := newWriter(opts.DataDir)
	var sum Summary
	for i, f := range files {
		res := w.write(f, extracted[i])
		sum.Results = append(sum.Results, res)
		sum.Counts[res.Outcome]++
	}
	return sum, nil
}

// collect expands folders into the report files they hold, in a stable order.
func collect(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrap(err))
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != p {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && slices.Contains(rawExtensions, strings.ToLower(filepath.Ext(name))) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// extraction is a file read into its record, or the reason it could not be.
type extraction struct {
	raw  []byte
	res  *extract.Result
	err  error
	meta string // the sidecar meta file used, if any
}

// MetaFor returns the sidecar meta file of a report, FILE.meta.toml beside it
// (FILE without its extension), or "" when there is none.
func MetaFor(path string) string {
	m := strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.toml"
	if _, err := os.Stat(m); err == nil {
		return m
	}
	return ""
}

// ReadRaw reads a raw report, refusing one too large to be a report before reading it.
func ReadRaw(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a folder", path)
	}
	if info.Size() > decode.MaxSize {
		return nil, fmt.Errorf("%s: %.1f MB is larger than a report can be (%d MB at most)", path, float64(info.Size())/(1<<20), decode.MaxSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	return data, nil
}

func extractFile(path string, opts extract.Options) extraction {
	data, err := ReadRaw(path)
	if err != nil {
		return extraction{err: err}
	}
	x := extraction{raw: data}
	if m := MetaFor(path); m != "" && opts.Meta == nil {
		meta, err := extract.LoadMeta(m)
		if err != nil {
			return extraction{err: err}
		}
		opts.Meta = meta
		x.meta = m
	}
	x.res, x.err = extract.File(path, data, opts)
	return x
}

// writer writes extracted reports into the data folder, one at a time.
type writer struct {
	dataDir string
	slugs   map[string]string // slug → agency name it holds
	batch   map[string]string // "name\x00year" → file imported in this run
}

func newWriter(dataDir string) *writer {
	return &writer{dataDir: dataDir, slugs: make(map[string]string), batch: make(map[string]string)}
}

func (w *writer) write(file string, x extraction) FileResult {
	res := FileResult{File: file}
	fail := func(format string, args ...any) FileResult {
		res.Outcome, res.Reason = Failed, fmt.Sprintf(format, args...)
		return res
	}
	if x.err != nil {
		return fail("%s", strings.TrimPrefix(x.err.Error(), file+": "))
	}
	r, doc := x.res.Record, x.res.Document
	key := r.Agency.Name + "\x00" + strconv.Itoa(r.Report.Year)
	if prev, dup := w.batch[key]; dup {
		return fail("%s %d was already imported from %s in this run", r.Agency.Name, r.Report.Year, prev)
	}
	slug, err := w.slugFor(r.Agency.Name)
	if err != nil {
		return fail("%v", err)
	}
	year := strconv.Itoa(r.Report.Year)
	ext := rawExt(file, doc.Format)
	rawRel := filepath.ToSlash(filepath.Join(RawDir, slug, year+ext))
	r.Source.File = rawRel

	recPath := store.RecordPath(w.dataDir, slug, r.Report.Year)
	res.Record = recPath
	rawPath := filepath.Join(w.dataDir, filepath.FromSlash(rawRel))
	textPath := filepath.Join(w.dataDir, TextDir, slug, year+".txt")

	encoded, err := record.Encode(r)
	if err != nil {
		return fail("%v", err)
	}
	text := []byte(strings.Join(doc.Lines, "\n") + "\n")

	if old, err := os.ReadFile(recPath); err == nil {
		prev, perr := record.Parse(recPath, old)
		if perr != nil {
			return fail("the record already at %s does not load, so it is not replaced (fix or remove it):\n%v", recPath, perr)
		}
		if prev.Report.Reviewed {
			res.Outcome, res.Reason = Skipped, describeChanges(prev, r)
			w.batch[key] = file
			return res
		}
		if bytes.Equal(old, encoded) && sameFile(rawPath, x.raw) && sameFile(textPath, text) {
			res.Outcome = Unchanged
			w.batch[key] = file
			return res
		}
	}
	// The raw original and the text first, the record last: a record never points at
	// a file that is not there.
	if err := record.WriteFileAtomic(rawPath, x.raw); err != nil {
		return fail("%v", err)
	}
	if err := record.WriteFileAtomic(textPath, text); err != nil {
		return fail("%v", err)
	}
	if err := record.WriteFileAtomic(recPath, encoded); err != nil {
		return fail("%v", err)
	}
	removeStaleRaw(filepath.Dir(rawPath), year, filepath.Base(rawPath))
	w.batch[key] = file
	w.slugs[slug] = r.Agency.Name
	res.Outcome = Imported
	return res
}

// slugFor returns the folder of an agency: its slug, or the slug with -2, -3 … when
// another agency with the same pinyin is there already.
func (w *writer) slugFor(name string) (string, error) {
	base := store.Slug(name)
	if base == "" {
		return "", fmt.Errorf("agency name %q has nothing to make a folder name of", name)
	}
	for n := 1; n < 100; n++ {
		slug := base
		if n > 1 {
			slug = base + "-" + strconv.Itoa(n)
		}
		holder, known := w.slugs[slug]
		if !known {
			holder = w.folderAgency(slug)
			w.slugs[slug] = holder
		}
		if holder == "" || holder == name {
			return slug, nil
		}
	}
	return "", fmt.Errorf("too many agencies share the folder name %s", base)
}

// folderAgency returns the agency whose records are in a slug's folder, or "".
func (w *writer) folderAgency(slug string) string {
	files, _ := filepath.Glob(filepath.Join(w.dataDir, "reports", slug, "*.toml"))
	slices.Sort(files)
	for _, f := range files {
		if r, err := record.Load(f); err == nil {
			return r.Agency.Name
		}
	}
	return ""
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

func sameFile(path string, data []byte) bool {
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// removeStaleRaw removes earlier raw originals of the same year under another
// extension (a report imported from HTML, then from its PDF).
func removeStaleRaw(dir, year, keep string) {
	matches, _ := filepath.Glob(filepath.Join(dir, year+".*"))
	for _, m := range matches {
		if filepath.Base(m) != keep {
			os.Remove(m)
		}
	}
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
