package store

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/internal/record"
)

// Result is what Check found in a data folder.
type Result struct {
	Records  int             // record files that parsed
	Errors   record.Problems // the folder cannot be published as it is
	Warnings record.Problems // the reports break identities, or something looks off
}

// Check validates every record under dataDir. Errors are problems of the files: TOML
// syntax, the contract, a file in the wrong place or named after the wrong year, and
// the same agency and year recorded twice. Warnings are findings about the reports:
// broken identities and implausible figures (record.Validate), the checks between
// consecutive years of one agency (record.CheckAcrossYears: carry-over, 现行有效件数,
// a figure that jumps, a narrative repeated), provenance for a figure the record
// does not give, an agency folder holding two names. Both come sorted by file and
// line.
func Check(dataDir string, now time.Time) (Result, error) {
	entries, problems, err := Load(dataDir, now)
	if err != nil {
		return Result{}, err
	}
	res := Result{Records: len(entries), Errors: problems}
	locators := make(map[string]record.Locator)
	locate := func(path, key string) int {
		loc, ok := locators[path]
		if !ok {
			data, _ := os.ReadFile(path)
			loc = record.NewLocator(data)
			locators[path] = loc
		}
		return loc.Line(key)
	}
	errorAt := func(e Entry, key, format string, args ...any) {
		res.Errors = append(res.Errors, record.Problem{File: e.Path, Line: locate(e.Path, key), Key: key, Message: fmt.Sprintf(format, args...)})
	}
	warnAt := func(e Entry, key, format string, args ...any) {
		res.Warnings = append(res.Warnings, record.Problem{File: e.Path, Line: locate(e.Path, key), Key: key, Message: fmt.Sprintf(format, args...)})
	}

	byAgencyYear := make(map[string][]string) // agency name and year → files
	for _, e := range entries {
		k := e.Record.Agency.Name + "\x00" + fmt.Sprint(e.Record.Report.Year)
		byAgencyYear[k] = append(byAgencyYear[k], e.Path)
	}
	names := make(map[string]Entry) // slug → first entry, for the name check
	for _, e := range entries {
		r := e.Record
		if r.Report.Year != e.Year {
			errorAt(e, "report.year", "report.year = %d, but the file is named %d.toml", r.Report.Year, e.Year)
		}
		if files := byAgencyYear[r.Agency.Name+"\x00"+fmt.Sprint(r.Report.Year)]; len(files) > 1 {
			others := slices.DeleteFunc(slices.Clone(files), func(f string) bool { return f == e.Path })
			errorAt(e, "agency.name", "%s %d is recorded %d times: also in %s",
				r.Agency.Name, r.Report.Year, len(files), strings.Join(others, ", "))
		}
		if first, ok := names[e.Slug]; !ok {
			names[e.Slug] = e
		} else if first.Record.Agency.Name != r.Agency.Name {
			warnAt(e, "agency.name", "agency %q differs from %q in %s (the same folder should hold one agency)",
				r.Agency.Name, first.Record.Agency.Name, first.Path)
		}
		for _, c := range record.Validate(r) {
			warnAt(e, c.Key, "%s [%s]", c.Message, c.Rule)
		}
		figures := make(map[string]bool)
		for _, f := range record.Figures(r) {
			figures[f.Path] = true
		}
		for _, key := range sortedProvenance(r.Provenance) {
			if !figures[key] {
				warnAt(e, record.JoinKey("provenance", key), "provenance for %s, a figure the record does not give", key)
			}
		}
	}

	// Checks between consecutive years of one agency folder.
	bySlugYear := make(map[string]map[int]Entry)
	for _, e := range entries {
		if bySlugYear[e.Slug] == nil {
			bySlugYear[e.Slug] = make(map[int]Entry)
		}
		bySlugYear[e.Slug][e.Record.Report.Year] = e
	}
	for _, e := range entries {
		prev, ok := bySlugYear[e.Slug][e.Record.Report.Year-1]
		if !ok {
			continue
		}
		for _, c := range record.CheckAcrossYears(prev.Record, e.Record) {
			warnAt(e, c.Key, "%s [%s]", c.Message, c.Rule)
		}
	}

	sortProblems(res.Errors)
	sortProblems(res.Warnings)
	return res, nil
}

func sortedProvenance(m map[string]record.Provenance) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortProblems(ps record.Problems) {
	slices.SortStableFunc(ps, func(a, b record.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
