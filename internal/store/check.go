package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

// Check validates every record under dataDir (see Folder.Check).
func Check(dataDir string, now time.Time) (Result, error) {
	f, err := Open(dataDir)
	if err != nil {
		return Result{}, err
	}
	return f.Check(now)
}

// computedPrefix starts the provenance text of a figure nianbao computed rather than
// read (计算值：…); such a figure may have no line (line = 0).
const computedPrefix = "计算值"

// Check validates the folder. Errors are problems of the files: everything Load
// reports, and records out of step with their files (a source.sha256 that is not the
// raw original's, a source.file that is not there, a provenance line the text does
// not have). Warnings are findings about the reports: broken identities and
// implausible figures (record.Validate), the checks between consecutive years of one
// agency (record.CheckAcrossYears: carry-over, 现行有效件数, a figure that jumps, a
// narrative repeated), provenance for a figure the record does not give, an agency
// folder holding two names. Both come sorted by file and line.
func (f *Folder) Check(now time.Time) (Result, error) {
	entries, problems, err := f.Load(now)
	if err != nil {
		return Result{}, err
	}
	res := Result{Records: len(entries), Errors: problems}
	locators := make(map[string]record.Locator)
	problemAt := func(e Entry, key, format string, args ...any) record.Problem {
		loc, ok := locators[e.Path]
		if !ok {
			loc = record.NewLocator(e.Data)
			locators[e.Path] = loc
		}
		return record.Problem{File: e.Path, Line: loc.Line(key), Key: key, Message: fmt.Sprintf(format, args...)}
	}
	warnAt := func(e Entry, key, format string, args ...any) {
		res.Warnings = append(res.Warnings, problemAt(e, key, format, args...))
	}

	// The raw original and the text of each record, read in parallel.
	files := make([][]finding, len(entries))
	parallel(len(entries), func(i int) { files[i] = f.checkFiles(entries[i]) })
	for i, e := range entries {
		for _, p := range files[i] {
			if p.warn {
				warnAt(e, p.key, "%s", p.message)
			} else {
				res.Errors = append(res.Errors, problemAt(e, p.key, "%s", p.message))
			}
		}
	}

	names := make(map[string]Entry) // slug → first entry, for the name check
	for _, e := range entries {
		r := e.Record
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
		for _, fig := range record.Figures(r) {
			figures[fig.Path] = true
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

// checkFiles compares a record with its raw original and its text: the raw file
// source.file names is there and hashes to source.sha256, and every provenance line
// is a line of the text (errors); the words a provenance quotes are on its line
// (a warning: quotes are shortened with … and table rows quoted with their cells
// joined, so they are compared without spaces and | separators). A record without a
// source.file, or a folder without the record's text, has nothing to compare.
func (f *Folder) checkFiles(e Entry) []finding {
	var out []finding
	add := func(key, format string, args ...any) {
		out = append(out, finding{key: key, message: fmt.Sprintf(format, args...)})
	}
	r := e.Record
	if s := r.Source; s != nil && s.File != "" {
		if p, err := f.SourcePath(s.File); err == nil {
			got, err := hashFile(p, MaxRawBytes)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				add("source.file", "source.file %s is not in the data folder (%s)", s.File, p)
			case err != nil:
				add("source.file", "source.file %s: %v", s.File, err)
			case s.SHA256 != "" && isSHA256(s.SHA256):
				if got != s.SHA256 {
					add("source.sha256", "source.sha256 is %s…, but %s hashes to %s…: the record is out of step with its raw original (import the report again)",
						s.SHA256[:12], s.File, got[:12])
				}
			}
		}
	}
	if len(r.Provenance) == 0 {
		return out
	}
	textPath := f.TextPath(e.Slug, e.Year)
	text, err := readFile(textPath, MaxTextBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return out
	}
	if err != nil {
		add("provenance", "the text its provenance refers to: %v", err)
		return out
	}
	lines := strings.SplitAfter(string(text), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for _, key := range sortedProvenance(r.Provenance) {
		p := r.Provenance[key]
		k := record.JoinKey("provenance", key)
		switch {
		case p.Line == 0 && strings.HasPrefix(p.Text, computedPrefix):
		case p.Line == 0:
			add(k, "%s: line 0, but only a computed figure (text %s…) may have no line", k, computedPrefix)
		case p.Line < 0 || p.Line > len(lines):
			add(k, "%s: line %d, but %s has %d lines: the record is out of step with its text (import the report again)",
				k, p.Line, textPath, len(lines))
		case !strings.HasPrefix(p.Text, computedPrefix) && !quotes(lines[p.Line-1], p.Text):
			out = append(out, finding{key: k, message: fmt.Sprintf("%s quotes %q, which is not on line %d of %s", k, truncate(p.Text, 120), p.Line, textPath), warn: true})
		}
	}
	return out
}

// quotes reports whether every part of a provenance quote (the parts are separated
// by …) is on line, ignoring spaces and the | between table cells.
func quotes(line, quote string) bool {
	line = quoteNoise.Replace(line)
	for _, part := range strings.Split(quote, "…") {
		if part = quoteNoise.Replace(part); part != "" && !strings.Contains(line, part) {
			return false
		}
	}
	return true
}

var quoteNoise = strings.NewReplacer(" ", "", "|", "", "\n", "")

func sortedProvenance(m map[string]record.Provenance) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// hashFile returns the SHA-256 of a regular file of at most limit bytes, in
// lower-case hexadecimal, reading it as a stream.
func hashFile(path string, limit int64) (string, error) {
	f, err := openNoFollow(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, limit+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	if n > limit {
		return "", fmt.Errorf("%s: more than %s: %w", path, megabytes(limit), errTooLarge)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
