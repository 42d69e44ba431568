package store

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/record"
)

// CheckRecord parses a record file (record.ParseAt) and checks what the data folder
// asks of a record besides the contract: no string holds NUL, another control
// character (except tab and line breaks) or a bidirectional override or isolate
// (U+202A–U+202E, U+2066–U+2069, which can make a page show text in a misleading
// order); names and titles within MaxNameRunes and MaxTitleRunes; source.file under
// raw/ and source.sha256 a SHA-256 in lower-case hexadecimal. The error is
// record.Problems naming name and the line of each problem. Import writes, and build
// publishes, only what passes.
func CheckRecord(name string, data []byte, now time.Time) (*record.Record, error) {
	return CheckRecordWith(name, data, record.ParseOptions{Now: now})
}

// CheckRecordWith is CheckRecord with the options the record is parsed with (the
// templates it may follow).
func CheckRecordWith(name string, data []byte, opts record.ParseOptions) (*record.Record, error) {
	r, err := record.ParseWith(name, data, opts)
	if err != nil {
		return nil, err
	}
	var problems record.Problems
	var loc *record.Locator
	for _, p := range recordRules(r) {
		if loc == nil {
			l := record.NewLocator(data)
			loc = &l
		}
		problems = append(problems, record.Problem{File: name, Line: loc.Line(p.key), Key: p.key, Message: p.message})
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, problems.Capped(name)
	}
	return r, nil
}

// Valid is a record file that CheckRecord accepted: what Writer.Write takes, so that
// nothing is written that check would refuse.
type Valid struct {
	data []byte
	rec  *record.Record
}

// Validate checks a record file as CheckRecord does and keeps it for Writer.Write.
// It can run in parallel, before the record's place is known.
func Validate(name string, data []byte, now time.Time) (*Valid, error) {
	r, err := CheckRecord(name, data, now)
	if err != nil {
		return nil, err
	}
	return &Valid{data: data, rec: r}, nil
}

// Bytes returns the record file.
func (v *Valid) Bytes() []byte { return v.data }

// Record returns the record.
func (v *Valid) Record() *record.Record { return v.rec }

// finding is a problem with a record, before it is placed in a file.
type finding struct {
	key, message string
	warn         bool // a warning, not an error
}

func recordRules(r *record.Record) []finding {
	var out []finding
	add := func(key, format string, args ...any) {
		out = append(out, finding{key: key, message: fmt.Sprintf(format, args...)})
	}
	walkStrings(reflect.ValueOf(r).Elem(), "", func(key, s string) {
		if r, ok := unsafeRune(s); ok {
			add(key, "%s holds %s", key, describeRune(r))
		}
	})
	for key, s := range map[string]string{
		"agency.name": r.Agency.Name, "agency.province": r.Agency.Province,
		"agency.city": r.Agency.City, "agency.county": r.Agency.County,
	} {
		if n := utf8.RuneCountInString(s); n > MaxNameRunes {
			add(key, "%s is %d characters long: a name has at most %d", key, n, MaxNameRunes)
		}
	}
	if n := utf8.RuneCountInString(r.Report.Title); n > MaxTitleRunes {
		add("report.title", "report.title is %d characters long: a title has at most %d", n, MaxTitleRunes)
	}
	if s := r.Source; s != nil {
		if s.File != "" && !validSourceFile(s.File) {
			add("source.file", "source.file %q is not a file under the data folder's %s/", s.File, rawDir)
		}
		if s.SHA256 != "" && !isSHA256(s.SHA256) {
			add("source.sha256", "source.sha256 %q is not a SHA-256: want 64 lower-case hexadecimal digits", truncate(s.SHA256, 80))
		}
	}
	slices.SortFunc(out, func(a, b finding) int { return strings.Compare(a.key, b.key) })
	return out
}

// unsafeRune returns the first rune of s that a record may not hold.
func unsafeRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			return r, true
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

func describeRune(r rune) string {
	switch {
	case r == 0:
		return "U+0000 (NUL)"
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf("U+%04X (a bidirectional control, which can make text show in a misleading order)", r)
	}
	return fmt.Sprintf("U+%04X (a control character)", r)
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// walkStrings calls fn with the key path and value of every string a record holds,
// map keys included, following the record's TOML names.
func walkStrings(v reflect.Value, key string, fn func(key, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(key, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), key, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" || !t.Field(i).IsExported() {
				continue
			}
			walkStrings(v.Field(i), record.JoinKey(key, name), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), key+"["+strconv.Itoa(i)+"]", fn)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if k.Kind() != reflect.String {
				continue
			}
			sub := record.JoinKey(key, k.String())
			fn(sub, k.String())
			walkStrings(v.MapIndex(k), sub, fn)
		}
	}
}

// Filed is what the checks of records taken together need of one record: its
// file, the year in the file's name, its agency and year.
type Filed struct {
	Path       string
	Year       int // in the file's name
	Agency     string
	ReportYear int // report.year
	data       []byte
}

// FiledOf is what FolderProblems needs of a loaded entry.
func FiledOf(e Entry) Filed {
	return Filed{Path: e.Path, Year: e.Year, Agency: e.Record.Agency.Name, ReportYear: e.Record.Report.Year, data: e.Data}
}

// FolderProblems are the errors of records taken together: a record named after
// the wrong year, the same agency and year recorded twice. A file is read again,
// when it was not kept, only to say on which line a problem is.
func FolderProblems(filed []Filed) record.Problems {
	var problems record.Problems
	locators := make(map[int]record.Locator)
	errorAt := func(i int, key, format string, args ...any) {
		loc, ok := locators[i]
		if !ok {
			data := filed[i].data
			if data == nil {
				data, _ = readFile(filed[i].Path, MaxRecordBytes)
			}
			loc = record.NewLocator(data)
			locators[i] = loc
		}
		problems = append(problems, record.Problem{File: filed[i].Path, Line: loc.Line(key), Key: key, Message: fmt.Sprintf(format, args...)})
	}
	byAgencyYear := make(map[string][]string) // agency name and year → files
	for _, e := range filed {
		k := e.Agency + "\x00" + strconv.Itoa(e.ReportYear)
		byAgencyYear[k] = append(byAgencyYear[k], e.Path)
	}
	for i, e := range filed {
		if e.ReportYear != e.Year {
			errorAt(i, "report.year", "report.year = %d, but the file is named %d.toml", e.ReportYear, e.Year)
		}
		if files := byAgencyYear[e.Agency+"\x00"+strconv.Itoa(e.ReportYear)]; len(files) > 1 {
			others := slices.DeleteFunc(slices.Clone(files), func(f string) bool { return f == e.Path })
			errorAt(i, "agency.name", "%s %d is recorded %d times: also in %s",
				e.Agency, e.ReportYear, len(files), strings.Join(others, ", "))
		}
	}
	return problems
}
