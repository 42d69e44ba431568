// Package store is the data folder: one record file a report, at
// DIR/reports/<agency-slug>/<year>.toml.
//
// It lists and loads the records of a folder (in parallel), and checks the folder as
// a whole: every record against the contract, the identities of each report, the
// carry-over between an agency's consecutive years, and that no agency and year is
// recorded twice.
package store

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
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

// ReportsDir is the folder under the data folder that holds the records.
const ReportsDir = "reports"

// RecordPath is where the record of an agency and year lives.
func RecordPath(dataDir, slug string, year int) string {
	return filepath.Join(dataDir, ReportsDir, slug, strconv.Itoa(year)+".toml")
}

// Entry is one record file and, once loaded, its record.
type Entry struct {
	Path   string // the file
	Slug   string // the agency folder's name
	Year   int    // the year in the file name
	Record *record.Record
}

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	yearPattern = regexp.MustCompile(`^[0-9]{4}\.toml$`)
)

// ValidSlug reports whether s can name an agency folder: lower-case ASCII letters and
// digits in groups joined by single hyphens, so it is safe in a URL.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Files lists the record files under dataDir, sorted. A .toml file that is not at
// reports/<agency-slug>/<year>.toml is a problem, not silently skipped.
func Files(dataDir string) ([]Entry, record.Problems, error) {
	root := filepath.Join(dataDir, ReportsDir)
	if _, err := os.Stat(dataDir); err != nil {
		return nil, nil, fmt.Errorf("data folder %s: %w", dataDir, unwrapPathError(err))
	}
	var entries []Entry
	var problems record.Problems
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return fs.SkipDir // an empty data folder has no records
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".toml") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		switch {
		case len(parts) != 2:
			problems = append(problems, record.Problem{File: path,
				Message: "record files live at " + filepath.Join(root, "<agency-slug>", "<year>.toml")})
		case !ValidSlug(parts[0]):
			problems = append(problems, record.Problem{File: path,
				Message: fmt.Sprintf("agency folder %q is not a slug (lower-case letters and digits joined by hyphens)", parts[0])})
		case !yearPattern.MatchString(parts[1]):
			problems = append(problems, record.Problem{File: path,
				Message: "a record file is named after its year, like 2017.toml"})
		default:
			year, _ := strconv.Atoi(strings.TrimSuffix(parts[1], ".toml"))
			entries = append(entries, Entry{Path: path, Slug: parts[0], Year: year})
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing %s: %w", root, err)
	}
	slices.SortFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
	return entries, problems, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load lists and parses every record under dataDir, using all CPUs. It returns the
// entries that parsed, in path order, and the problems of those that did not.
func Load(dataDir string, now time.Time) ([]Entry, record.Problems, error) {
	return LoadWith(dataDir, record.ParseOptions{Now: now})
}

// LoadWith is Load with the options records are parsed with (the templates they may
// follow).
func LoadWith(dataDir string, opts record.ParseOptions) ([]Entry, record.Problems, error) {
	entries, problems, err := Files(dataDir)
	if err != nil {
		return nil, nil, err
	}
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(entries), 1)) {
		wg.Go(func() {
			for i := range next {
				data, err := os.ReadFile(entries[i].Path)
				if err != nil {
					errs[i] = record.Problems{{File: entries[i].Path, Message: err.Error()}}
					continue
				}
				entries[i].Record, errs[i] = record.ParseWith(entries[i].Path, data, opts)
			}
		})
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()

	loaded := entries[:0]
	for i, e := range entries {
		if errs[i] != nil {
			problems = append(problems, asProblems(errs[i])...)
			continue
		}
		loaded = append(loaded, e)
	}
	return loaded, problems, nil
}

func asProblems(err error) record.Problems {
	var ps record.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return record.Problems{{Message: err.Error()}}
}
