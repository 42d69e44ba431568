package record

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/internal/schema"
)

// FirstYear is the earliest statistics year a record may have: the 2008 regulations
// took effect on 1 May 2008, and some bodies reported on 2007.
const FirstYear = 2007

// Problem is one thing wrong with a record file.
type Problem struct {
	File    string // the file, as given to Parse or Load
	Line    int    // 1-based; 0 when the problem has no line
	Key     string // the key path, when the problem is about a key
	Message string
	// Omitted, on the problem that heads a file's capped problems (Capped): how
	// many of the file's problems are not listed.
	Omitted int
}

func (p Problem) String() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	case p.File != "":
		return p.File + ": " + p.Message
	default:
		return p.Message
	}
}

// Problems is the error Parse returns: every problem found, in line order, or for
// a file of more than MaxProblems the first MaxProblems, after one counting them
// all (Capped).
type Problems []Problem

// Capped returns ps, the problems of the file name in line order, or when they are
// more than MaxProblems, the first MaxProblems of them after a problem without a
// line that counts them all.
func (ps Problems) Capped(name string) Problems {
	if len(ps) <= MaxProblems {
		return ps
	}
	head := Problem{File: name, Message: fmt.Sprintf("%d problems; the first %d follow", len(ps), MaxProblems), Omitted: len(ps) - MaxProblems}
	return append(Problems{head}, ps[:MaxProblems]...)
}

// Count is the number of problems ps reports, counting those Capped left out and
// not the problem that counts them.
func (ps Problems) Count() int {
	n := len(ps)
	for _, p := range ps {
		if p.Omitted > 0 {
			n += p.Omitted - 1
		}
	}
	return n
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ParseOptions are what parsing a record file needs besides its bytes.
type ParseOptions struct {
	// Templates are the templates a record may follow; nil means the national ones.
	Templates *schema.Set
	// Now is the time the year check takes "this year" from; zero means time.Now().
	Now time.Time
}

func (o ParseOptions) templates() *schema.Set {
	if o.Templates == nil {
		return schema.National()
	}
	return o.Templates
}

// Load reads and parses the record file at path. Problems are reported against path.
func Load(path string) (*Record, error) { return LoadWith(path, ParseOptions{}) }

// LoadWith is Load with options.
func LoadWith(path string, opts ParseOptions) (*Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Message: errorText(err)}}
	}
	return ParseWith(path, data, opts)
}

// Parse decodes a record from TOML and checks it against the contract, reporting
// every problem it finds, not only the first: TOML syntax, unknown keys, wrong types,
// negative counts, values outside their enumeration, keys that do not belong to the
// record's template, missing required keys and a year outside FirstYear..this year.
// The error, when there is one, is a Problems naming name and the line of each.
func Parse(name string, data []byte) (*Record, error) { return ParseWith(name, data, ParseOptions{}) }

// ParseAt is Parse with "this year" taken from now.
func ParseAt(name string, data []byte, now time.Time) (*Record, error) {
	return ParseWith(name, data, ParseOptions{Now: now})
}

// ParseWith is Parse with options.
func ParseWith(name string, data []byte, opts ParseOptions) (*Record, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	raw, syntax := readTOML(name, data)
	if syntax != nil {
		return nil, Problems{*syntax}
	}

	set := opts.templates()
	v := validator{set: set, tmpl: templateOf(raw, set)}
	var r Record
	v.record(raw, &r)
	v.year(raw, now.Year())
	if len(v.problems) > 0 {
		return nil, v.locate(name, data)
	}
	if r.Schema == 0 {
		r.Schema = SchemaVersion
	}
	r.figures, r.lists = v.figures, v.lists
	r.template = v.tmpl
	r.decoded = raw
	return &r, nil
}

func errorText(err error) string {
	return strings.TrimPrefix(err.Error(), "toml: ")
}

// templateOf returns the template report.template names, or nil.
func templateOf(raw map[string]any, set *schema.Set) *schema.Template {
	report, _ := raw["report"].(map[string]any)
	t, _ := report["template"].(string)
	return set.Lookup(t)
}

// validator walks a decoded TOML document (readTOML) beside the Go type it must fit,
// and sets a value of that type from it: the walk is the record's decoder too.
type validator struct {
	set      *schema.Set
	tmpl     *schema.Template // nil when report.template names no known template
	problems []Problem

	// What the walk read of the figure sections, kept when there is no problem.
	figures map[string]Value
	lists   map[string][]Category
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Key: path, Message: fmt.Sprintf(format, args...)})
}

// locate gives each problem its file and line, and sorts them by line.
func (v *validator) locate(name string, data []byte) Problems {
	loc := NewLocator(data)
	ps := make(Problems, len(v.problems))
	for i, p := range v.problems {
		p.File = name
		p.Line = loc.Line(p.Key)
		ps[i] = p
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
	return ps.Capped(name)
}

var (
	dateType = reflect.TypeFor[Date]()
	textType = reflect.TypeFor[Text]()

	// recordKeys are the top-level keys of the Record type; every other top-level
	// key of a record file is a figure section.
	recordKeys = tomlKeys(reflect.TypeFor[Record]())
)

// tomlKeys are the TOML keys of struct type t's fields.
func tomlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		if name := tomlName(f); f.IsExported() && name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// table checks a TOML table against the struct dst and sets dst's fields from it.
func (v *validator) table(path string, raw map[string]any, dst reflect.Value) {
	t := dst.Type()
	fields := make(map[string]int, t.NumField()) // TOML key → field index
	for i := range t.NumField() {
		f := t.Field(i)
		name := tomlName(f)
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		if f.Tag.Get("required") == "true" {
			if _, ok := raw[name]; !ok {
				v.add(path, "missing required key %s", JoinKey(path, name))
			}
		}
	}
	for _, key := range sortedKeys(raw) {
		p := JoinKey(path, key)
		i, ok := fields[key]
		if !ok {
			v.add(p, "unknown key %s", p)
			continue
		}
		v.value(p, raw[key], dst.Field(i), t.Field(i).Tag)
	}
}

func templateList(ids []string) string {
	parts := make([]string, len(ids))
	for i, p := range ids {
		parts[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(parts, " and ")
}

// value checks one TOML value against dst's type and sets dst to it. A pointer is
// set to a new value.
func (v *validator) value(path string, val any, dst reflect.Value, tag reflect.StructTag) {
	if dst.Kind() == reflect.Pointer {
		dst.Set(reflect.New(dst.Type().Elem()))
		dst = dst.Elem()
	}
	t := dst.Type()
	switch {
	case t == dateType:
		var d Date
		if err := d.UnmarshalTOML(val); err != nil {
			v.add(path, "%s: %s", path, err)
			return
		}
		dst.Set(reflect.ValueOf(d))
		return
	case t == textType:
		s, ok := val.(string)
		if !ok {
			v.wrongType(path, "a string", val)
			return
		}
		dst.SetString(s)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := val.(map[string]any)
		if !ok {
			v.wrongType(path, "a table", val)
			return
		}
		v.table(path, m, dst)
	case reflect.Slice:
		items, ok := val.([]map[string]any)
		if !ok {
			v.wrongType(path, "an array of tables", val)
			return
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			v.table(indexPath(path, i), item, s.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		m, ok := val.(map[string]any)
		if !ok {
			v.wrongType(path, "a table", val)
			return
		}
		out := reflect.MakeMapWithSize(t, len(m))
		elem := reflect.New(t.Elem()).Elem()
		for _, key := range sortedKeys(m) {
			elem.SetZero()
			v.value(JoinKey(path, key), m[key], elem, "")
			out.SetMapIndex(reflect.ValueOf(key).Convert(t.Key()), elem)
		}
		dst.Set(out)
	case reflect.String:
		s, ok := val.(string)
		if !ok {
			v.wrongType(path, "a string", val)
			return
		}
		if enum := tag.Get("enum"); enum != "" && !slices.Contains(strings.Split(enum, "|"), s) {
			v.add(path, "%s = %q: want one of %s", path, s, strings.ReplaceAll(enum, "|", ", "))
			return
		}
		dst.SetString(s)
	case reflect.Bool:
		b, ok := val.(bool)
		if !ok {
			v.wrongType(path, "true or false", val)
			return
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := val.(int64)
		if !ok {
			v.wrongType(path, "an integer", val)
			return
		}
		if n < 0 && tag.Get("signed") != "true" {
			v.add(path, "%s = %d: a count cannot be negative", path, n)
			return
		}
		if dst.OverflowInt(n) {
			v.add(path, "%s = %d: too large", path, n)
			return
		}
		dst.SetInt(n)
	case reflect.Float64:
		f, ok := v.number(path, val)
		if !ok {
			return
		}
		if f < 0 && tag.Get("signed") != "true" {
			v.add(path, "%s = %v: an amount cannot be negative", path, f)
			return
		}
		dst.SetFloat(f)
	}
}

func (v *validator) wrongType(path, want string, got any) {
	v.add(path, "%s: want %s, got %s", path, want, tomlTypeName(got))
}

// year checks report.year against FirstYear..thisYear.
func (v *validator) year(raw map[string]any, thisYear int) {
	report, _ := raw["report"].(map[string]any)
	y, ok := report["year"].(int64)
	if ok && (y < FirstYear || y > int64(thisYear)) {
		v.add("report.year", "report.year = %d: want a statistics year from %d to %d", y, FirstYear, thisYear)
	}
	if s, ok := raw["schema"].(int64); ok && s != SchemaVersion {
		v.add("schema", "schema = %d: this version of nianbao reads schema %d", s, SchemaVersion)
	}
}

func tomlTypeName(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", truncate(x, 40))
	case int64:
		return fmt.Sprintf("the integer %d", x)
	case float64:
		return fmt.Sprintf("the float %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		return "a date/time"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// record checks the top level of a record file: the keys of the Record type, and
// the figure sections against the record's template.
func (v *validator) record(raw map[string]any, r *Record) {
	meta := make(map[string]any, len(raw))
	var sections []string
	for key, val := range raw {
		if slices.Contains(recordKeys, key) {
			meta[key] = val
		} else {
			sections = append(sections, key)
		}
	}
	v.table("", meta, reflect.ValueOf(r).Elem())
	if report, ok := raw["report"].(map[string]any); ok {
		if t, ok := report["template"].(string); ok && v.set.Lookup(t) == nil {
			v.add("report.template", "report.template = %q: want one of %s", t, strings.Join(v.set.IDs(), ", "))
		}
	}
	v.figures = make(map[string]Value)
	v.lists = make(map[string][]Category)
	slices.Sort(sections)
	for _, key := range sections {
		v.figure(quoteKey(key), raw[key])
	}
}

// figure checks a value of a figure section at path against the record's template:
// a table of figures, a figure of its kind, or a list.
func (v *validator) figure(path string, val any) {
	t := v.tmpl
	if t == nil || !t.Defines(path) { // else the key is the record's template's: most keys
		owners := v.set.Owners(path)
		switch {
		case t != nil && len(owners) > 0:
			v.add(path, "key %s belongs to the %s template, not to this %q record", path, templateList(owners), t.ID)
			return
		case len(owners) == 0:
			v.add(path, "unknown key %s", path)
			return
		}
		t = v.set.Lookup(owners[0]) // the template is wrong; check the key as its first owner has it
	}
	field, isField := t.Field(path)
	if !isField {
		m, ok := val.(map[string]any)
		if !ok {
			v.wrongType(path, "a table", val)
			return
		}
		for _, key := range sortedKeys(m) {
			v.figure(JoinKey(path, key), m[key])
		}
		return
	}
	switch field.Kind {
	case schema.Count, schema.Signed:
		n, ok := val.(int64)
		if !ok {
			v.wrongType(path, "an integer", val)
			return
		}
		if n < 0 && field.Kind == schema.Count {
			v.add(path, "%s = %d: a count cannot be negative", path, n)
			return
		}
		v.figures[path] = CountValue(n)
	case schema.Amount:
		f, ok := v.number(path, val)
		if !ok {
			return
		}
		if f < 0 {
			v.add(path, "%s = %v: an amount cannot be negative", path, f)
			return
		}
		v.figures[path] = AmountValue(f)
	case schema.Flag:
		b, ok := val.(bool)
		if !ok {
			v.wrongType(path, "true or false", val)
			return
		}
		v.figures[path] = FlagValue(b)
	case schema.List:
		items, ok := val.([]map[string]any)
		if !ok {
			v.wrongType(path, "an array of tables", val)
			return
		}
		before := len(v.problems)
		list := make([]Category, len(items))
		for i, item := range items {
			v.table(indexPath(path, i), item, reflect.ValueOf(&list[i]).Elem())
		}
		if len(v.problems) == before {
			v.lists[path] = list
		}
	}
}

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

// number reads a TOML integer or float as a finite number, reporting anything
// else at path.
func (v *validator) number(path string, val any) (float64, bool) {
	var f float64
	switch x := val.(type) {
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		v.wrongType(path, "a number", val)
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		v.add(path, "%s: want a finite number, got %v", path, f)
		return 0, false
	}
	return f, true
}
