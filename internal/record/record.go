// Package record is the normalized annual-report record: one agency, one year.
//
// The record is specified in the project's data contract (shared/docs/data-schema.md).
// This package holds its Go types, reads it as TOML through go-toml
// (github.com/pelletier/go-toml/v2, tomlread.go) and writes it through
// github.com/BurntSushi/toml, checks it against the contract (unknown keys, wrong types,
// negative counts, keys that do not belong to the record's template) and against the
// arithmetic identities of its template, and derives the summary figures that compare
// reports across templates.
//
// A record's figures are addressed by key path ("requests.granted.total",
// "proactive.regulations.made"): which paths a record may hold, of what kind, in what
// order, and which identities they satisfy is its template's description (package
// schema), not code of this package. A figure the report does not give is absent,
// and stays absent through a load/save round trip; a figure the report gives as zero
// is present, with the value 0.
//
// Struct tags carry the contract of the other keys:
//
//	toml:"name,omitempty"  the key
//	enum:"a|b|c"           the values a string may take
//	signed:"true"          a number that may be negative
//	required:"true"        a key every record has
package record

import (
	"iter"

	"github.com/nianbao/nianbao/internal/schema"
)

// SchemaVersion is the value of the top-level "schema" key this package reads and writes.
const SchemaVersion = 1

// Record is one agency's report for one year.
type Record struct {
	Schema int     `toml:"schema" signed:"true"` // absent in hand-written files means SchemaVersion
	Agency Agency  `toml:"agency" required:"true"`
	Report Report  `toml:"report" required:"true"`
	Source *Source `toml:"source,omitempty"`

	// The figures (every number the report gives, by key path) and the lists (the
	// proactive breakdown), written between [source] and [narrative].
	figures map[string]Value
	lists   map[string][]Category

	Narrative *Narrative `toml:"narrative,omitempty"`

	// Provenance maps a figure's key path ("requests.granted.total",
	// "proactive.categories[2].count") to where it came from.
	Provenance map[string]Provenance `toml:"provenance,omitempty"`
	Checks     []Check               `toml:"checks,omitempty"`

	// template is the description of Report.Template, when the record was read or
	// made with one; nil means the national template of that ID.
	template *schema.Template
	// decoded is the record file as TOML decoded it, when the record was parsed
	// (FileValues).
	decoded map[string]any
}

// FileValues is the record file as TOML decoded it (tables as map[string]any,
// arrays of tables as []map[string]any, int64, float64, string, bool, time.Time),
// as the file had it before any change to the record; nil for a record not parsed
// from a file. The caller must not modify it.
func (r *Record) FileValues() map[string]any { return r.decoded }

// Agency is the reporting body and where it sits.
type Agency struct {
	Name         string `toml:"name" required:"true"`
	Province     string `toml:"province"`
	City         string `toml:"city"`
	County       string `toml:"county"`
	DivisionCode string `toml:"division_code"`
}

// Report describes the report itself.
type Report struct {
	Year         int    `toml:"year" required:"true" signed:"true"`
	Template     string `toml:"template" required:"true"` // the ID of a template (schema); checked against the templates known
	Title        string `toml:"title,omitempty"`
	Published    *Date  `toml:"published,omitempty"`
	SourceScript string `toml:"source_script,omitempty" enum:"hans|hant"`
	Reviewed     bool   `toml:"reviewed"`
}

// Source is the raw document a record was extracted from.
type Source struct {
	File   string `toml:"file,omitempty"`
	URL    string `toml:"url,omitempty"`
	SHA256 string `toml:"sha256,omitempty"`
	Format string `toml:"format,omitempty" enum:"text|html|pdf|docx"`
}

// Category is one item of the proactive-disclosure breakdown, in the report's order.
type Category struct {
	Name  string `toml:"name" required:"true"`
	Count int64  `toml:"count" required:"true"`
}

// Narrative is the report's own words, simplified Chinese, web furniture removed.
type Narrative struct {
	Overview                Text `toml:"overview,omitempty"`
	ProblemsAndImprovements Text `toml:"problems_and_improvements,omitempty"`
	OtherMatters            Text `toml:"other_matters,omitempty"`
}

// Provenance is where a figure came from: a line of the normalized source text and
// that line's words, and for a figure read from a table of the document, its cell:
// the table (1 for the document's first), and the row and column of the table's
// grid (1-based). Table is 0 for a figure read from a sentence or computed.
type Provenance struct {
	Line   int    `toml:"line"`
	Text   string `toml:"text"`
	Table  int    `toml:"table,omitempty"`
	Row    int    `toml:"row,omitempty"`
	Column int    `toml:"column,omitempty"`
}

// Check is one finding of validation: reported, never silently fixed.
type Check struct {
	Rule     string `toml:"rule" required:"true"`
	Severity string `toml:"severity" required:"true" enum:"error|warning"`
	Message  string `toml:"message" required:"true"`

	// Key is the key path the check is about, when there is one. It is not saved;
	// it lets tools point at the line of a file.
	Key string `toml:"-"`
	// Paths are every key path the check concerns (the figures compared), Key
	// first, when the check knows them. Not saved: Concerns works them out again.
	Paths []string `toml:"-"`
}

// Severities of a Check.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Value is one figure: a count, an amount or a flag.
type Value struct {
	Kind   schema.Kind // schema.Count, Signed, Amount or Flag
	Int    int64       // a count; 1 for a true flag
	Amount float64     // an amount
}

// CountValue is a count.
func CountValue(n int64) Value { return Value{Kind: schema.Count, Int: n} }

// AmountValue is an amount.
func AmountValue(f float64) Value { return Value{Kind: schema.Amount, Amount: f} }

// FlagValue is a flag.
func FlagValue(b bool) Value {
	v := Value{Kind: schema.Flag}
	if b {
		v.Int = 1
	}
	return v
}

// IsInt reports whether the value is a whole number (a count).
func (v Value) IsInt() bool { return v.Kind == schema.Count || v.Kind == schema.Signed }

// Float is the value as a number.
func (v Value) Float() float64 {
	if v.Kind == schema.Amount {
		return v.Amount
	}
	return float64(v.Int)
}

// Int returns a pointer to n, for building records in code.
func Int(n int64) *int64 { return &n }

// Float returns a pointer to f as an Amount, for building records in code.
func Float(f float64) *Amount { a := Amount(f); return &a }

// Bool returns a pointer to b, for building records in code.
func Bool(b bool) *bool { return &b }

// Template returns the description of the record's template, or nil when
// Report.Template names none the record knows.
func (r *Record) Template() *schema.Template {
	if r.template != nil && r.template.ID == r.Report.Template {
		return r.template
	}
	return schema.National().Lookup(r.Report.Template)
}

// SetTemplate sets the record's template (and Report.Template to its ID).
func (r *Record) SetTemplate(t *schema.Template) {
	r.template = t
	r.Report.Template = t.ID
}

// Get returns the figure at path.
func (r *Record) Get(path string) (Value, bool) {
	v, ok := r.figures[path]
	return v, ok
}

// Has reports whether the record gives the figure at path.
func (r *Record) Has(path string) bool {
	_, ok := r.figures[path]
	return ok
}

// Int returns the count at path, or nil when the record does not give it (or it is
// not a count).
func (r *Record) Int(path string) *int64 {
	v, ok := r.figures[path]
	if !ok || !v.IsInt() {
		return nil
	}
	return &v.Int
}

// Amount returns the figure at path as an amount (a count as a whole amount), or nil.
func (r *Record) Amount(path string) *Amount {
	v, ok := r.figures[path]
	if !ok || v.Kind == schema.Flag {
		return nil
	}
	a := Amount(v.Float())
	return &a
}

// Flag returns the flag at path; an absent flag is false.
func (r *Record) Flag(path string) bool {
	v, ok := r.figures[path]
	return ok && v.Kind == schema.Flag && v.Int != 0
}

// Set sets the figure at path.
func (r *Record) Set(path string, v Value) {
	if r.figures == nil {
		r.figures = make(map[string]Value)
	}
	r.figures[path] = v
}

// SetInt sets the count at path. A count under a Signed field is written the same.
func (r *Record) SetInt(path string, n int64) { r.Set(path, CountValue(n)) }

// Delete removes the figure at path.
func (r *Record) Delete(path string) { delete(r.figures, path) }

// HasUnder reports whether the record gives any figure at or under path ("requests",
// "proactive.regulations").
func (r *Record) HasUnder(path string) bool {
	for p := range r.figures {
		if p == path || len(p) > len(path) && p[:len(path)] == path && p[len(path)] == '.' {
			return true
		}
	}
	for p, l := range r.lists {
		if len(l) > 0 && (p == path || len(p) > len(path) && p[:len(path)] == path && p[len(path)] == '.') {
			return true
		}
	}
	return false
}

// Given yields the paths of the figures the record gives and of its lists that have
// items, in no order.
func (r *Record) Given() iter.Seq[string] {
	return func(yield func(string) bool) {
		for p := range r.figures {
			if !yield(p) {
				return
			}
		}
		for p, l := range r.lists {
			if len(l) > 0 && !yield(p) {
				return
			}
		}
	}
}

// List returns the list at path (the proactive breakdown, "proactive.categories").
func (r *Record) List(path string) []Category { return r.lists[path] }

// SetList sets the list at path; an empty list removes it.
func (r *Record) SetList(path string, items []Category) {
	if len(items) == 0 {
		delete(r.lists, path)
		return
	}
	if r.lists == nil {
		r.lists = make(map[string][]Category)
	}
	r.lists[path] = items
}

// Clone returns a copy of the record that shares nothing mutable with it.
func (r *Record) Clone() *Record {
	c := *r
	if r.Source != nil {
		s := *r.Source
		c.Source = &s
	}
	if r.Report.Published != nil {
		d := *r.Report.Published
		c.Report.Published = &d
	}
	if r.Narrative != nil {
		n := *r.Narrative
		c.Narrative = &n
	}
	c.figures = make(map[string]Value, len(r.figures))
	for k, v := range r.figures {
		c.figures[k] = v
	}
	c.lists = make(map[string][]Category, len(r.lists))
	for k, v := range r.lists {
		c.lists[k] = append([]Category(nil), v...)
	}
	if r.Provenance != nil {
		c.Provenance = make(map[string]Provenance, len(r.Provenance))
		for k, v := range r.Provenance {
			c.Provenance[k] = v
		}
	}
	c.Checks = append([]Check(nil), r.Checks...)
	return &c
}
