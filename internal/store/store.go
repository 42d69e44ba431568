// Package store is the data folder, and the only package that knows its layout:
//
//	DIR/reports/<agency-slug>/<year>.toml  the record of one report
//	DIR/raw/<agency-slug>/<year>.<ext>     its raw original, byte for byte (the record's source.file)
//	DIR/text/<agency-slug>/<year>.txt      the normalized text its provenance line numbers refer to
//	DIR/.import/                           the import lock and reports being written (not published)
//
// A Folder lists and loads the records (in parallel, each file read once), checks the
// folder as a whole (every record against the contract, the identities of each
// report, the carry-over between an agency's consecutive years, that no agency and
// year is recorded twice, that records and their files agree), and refuses what a
// data folder may not hold: symbolic links, special files, files over their limits
// (limits.go). A Writer, held by one import at a time, allocates agency slugs and
// writes a report's three files so that a crash leaves either the old set or the new
// one (write.go).
package store

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/internal/record"
)

// The folders of a data folder.
const (
	reportsDir = "reports"
	rawDir     = "raw"
	textDir    = "text"
	importDir  = ".import" // the lock and the reports an import is writing
)

// rawExts are the extensions a raw original is kept under.
var rawExts = []string{".docx", ".html", ".md", ".pdf", ".txt"}

// Folder is a data folder.
type Folder struct {
	dir string
}

// Open returns the data folder at dir, which must exist. dir itself may be a
// symbolic link to a folder (it is what the caller chose); nothing inside may be.
func Open(dir string) (*Folder, error) {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notExistError{dir}
	}
	if err != nil {
		return nil, fmt.Errorf("data folder %s: %w", dir, unwrapPathError(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("data folder %s is not a folder", dir)
	}
	return &Folder{dir: dir}, nil
}

// ErrNoDataFolder is what Open's error for a missing data folder is (errors.Is); it
// is also fs.ErrNotExist.
var ErrNoDataFolder = errors.New("no data folder")

type notExistError struct{ dir string }

func (e notExistError) Error() string { return "data folder " + e.dir + " does not exist" }
func (e notExistError) Is(target error) bool {
	return target == ErrNoDataFolder || target == fs.ErrNotExist
}

// Create returns the data folder at dir, making it (and its parents) if needed.
func Create(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data folder %s: %w", dir, unwrapPathError(err))
	}
	return Open(dir)
}

// Dir is the folder's path, as given to Open.
func (f *Folder) Dir() string { return f.dir }

// RecordPath is where the record of an agency and year lives.
func (f *Folder) RecordPath(slug string, year int) string {
	return filepath.Join(f.dir, reportsDir, slug, strconv.Itoa(year)+".toml")
}

// TextPath is where the normalized text of an agency's report for a year lives.
func (f *Folder) TextPath(slug string, year int) string {
	return filepath.Join(f.dir, textDir, slug, strconv.Itoa(year)+".txt")
}

// RawFile is the raw original of an agency's report for a year, relative to the data
// folder with slashes, as a record's source.file names it: raw/<slug>/<year><ext>.
func RawFile(slug string, year int, ext string) string {
	return rawDir + "/" + slug + "/" + strconv.Itoa(year) + ext
}

// SourcePath is the path of the file a record's source.file names. It must be a
// file under the folder's raw/.
func (f *Folder) SourcePath(file string) (string, error) {
	if !validSourceFile(file) {
		return "", fmt.Errorf("source.file %q is not a file under the data folder's %s/", file, rawDir)
	}
	return filepath.Join(f.dir, filepath.FromSlash(file)), nil
}

func validSourceFile(file string) bool {
	return filepath.IsLocal(filepath.FromSlash(file)) && strings.HasPrefix(path.Clean(file), rawDir+"/") &&
		!strings.Contains(file, "\\")
}

// RecordPath is where the record of an agency and year lives in the data folder at
// dataDir.
func RecordPath(dataDir, slug string, year int) string {
	return (&Folder{dir: dataDir}).RecordPath(slug, year)
}

// Entry is one record file and, once loaded, its bytes and record.
type Entry struct {
	Path   string // the file
	Slug   string // the agency folder's name
	Year   int    // the year in the file name
	Data   []byte // the file's bytes, read once
	Record *record.Record
}

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	yearPattern = regexp.MustCompile(`^[0-9]{4}\.toml$`)
)

// ValidSlug reports whether s can name an agency folder: lower-case ASCII letters and
// digits in groups joined by single hyphens, so it is safe in a URL.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Files lists the record files under dataDir, sorted, and what the folder may not
// hold (see Folder.Files).
func Files(dataDir string) ([]Entry, record.Problems, error) {
	f, err := Open(dataDir)
	if err != nil {
		return nil, nil, err
	}
	return f.Files()
}

// Files lists the record files of the folder, sorted. The problems are what the
// folder may not hold: a .toml file under reports/ that is not at
// reports/<agency-slug>/<year>.toml, a symbolic link or special file anywhere, a file
// over its limit, a report an interrupted import has not finished writing.
func (f *Folder) Files() ([]Entry, record.Problems, error) {
	entries, problems, err := f.scan()
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
	return entries, problems, nil
}

// CheckFiles refuses a data folder that cannot be published as files: it returns an
// error when dataDir does not exist, and record.Problems, one a file, for every
// symbolic link, special file, file over its limit or unfinished import in it. It
// reads no file, so a build calls it first, before writing anything.
func CheckFiles(dataDir string) error {
	f, err := Open(dataDir)
	if err != nil {
		return err
	}
	_, problems, err := f.scan()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return problems
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load lists and parses every record under dataDir (see Folder.Load).
func Load(dataDir string, now time.Time) ([]Entry, record.Problems, error) {
	f, err := Open(dataDir)
	if err != nil {
		return nil, nil, err
	}
	return f.Load(now)
}

// LoadWith is Load with the options records are parsed with (the templates they may
// follow).
func LoadWith(dataDir string, opts record.ParseOptions) ([]Entry, record.Problems, error) {
	f, err := Open(dataDir)
	if err != nil {
		return nil, nil, err
	}
	return f.LoadWith(opts)
}

// Load is LoadWith with the national templates and "this year" from now.
func (f *Folder) Load(now time.Time) ([]Entry, record.Problems, error) {
	return f.LoadWith(record.ParseOptions{Now: now})
}

// LoadWith lists and parses every record of the folder, using all CPUs, reading each file
// once. It returns the entries that parsed, in path order, and every error of the
// folder short of comparing records with their raw and text files (Check does that):
// what Files finds, records that do not parse or break the contract, text a record may
// not hold (see CheckRecord), a record named after the wrong year, the same agency and
// year recorded twice. A folder with problems cannot be published.
func (f *Folder) LoadWith(opts record.ParseOptions) ([]Entry, record.Problems, error) {
	entries, problems, err := f.Files()
	if err != nil {
		return nil, nil, err
	}
	errs := make([]record.Problems, len(entries))
	parallel(len(entries), func(i int) {
		entries[i], errs[i] = f.Read(entries[i], opts)
	})
	loaded := entries[:0]
	for i, e := range entries {
		if errs[i] != nil {
			problems = append(problems, errs[i]...)
			continue
		}
		loaded = append(loaded, e)
	}
	filed := make([]Filed, len(loaded))
	for i, e := range loaded {
		filed[i] = FiledOf(e)
	}
	problems = append(problems, FolderProblems(filed)...)
	sortProblems(problems)
	return loaded, problems, nil
}

// Read reads and checks one record file of the folder, as LoadWith does: at most
// MaxRecordBytes, the record contract and the text rules of CheckRecord. It is for
// readers that stream a large folder (a site build reads one agency at a time)
// instead of holding every record; FolderProblems then checks the records together.
func (f *Folder) Read(e Entry, opts record.ParseOptions) (Entry, record.Problems) {
	data, err := readFile(e.Path, MaxRecordBytes)
	if err != nil {
		return e, record.Problems{{File: e.Path, Message: err.Error()}}
	}
	e.Data = data
	e.Record, err = CheckRecordWith(e.Path, data, opts)
	if err != nil {
		return e, asProblems(err)
	}
	return e, nil
}

// parallel calls fn(i) for i in [0, n), on every CPU.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func asProblems(err error) record.Problems {
	var ps record.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return record.Problems{{Message: err.Error()}}
}

func sortProblems(ps record.Problems) {
	slices.SortStableFunc(ps, func(a, b record.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
