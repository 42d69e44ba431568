// Package extract reads a decoded annual report (a decode.Document) into its
// normalized record: it detects the national template the report follows, reads its
// figures with that template's recognizer, finds its metadata (agency, year, dates,
// region), keeps the narrative, records where every figure came from, and validates
// the result.
//
// What a template's tables look like, which rows they have and what words name them,
// and which identities hold, is the template's description (package schema): one
// table reader reads every template's tables from it. The narrative rules read the
// figures of the narrative template from sentences. The rules are keyed to the
// national templates' wording and structure, never to one agency's report.
package extract

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/region"
	"github.com/nianbao/nianbao/internal/schema"
)

// Options are what extraction knows besides the document.
type Options struct {
	// Meta overrides what extraction infers: any non-empty agency field, report year,
	// template, title, published date, source URL. It comes from --meta FILE or a
	// FILE.meta.toml beside the report.
	Meta *Meta
	// Regions resolves place names; nil means region.Default().
	Regions *region.Index
	// Templates are the templates a report may follow; nil means the national ones.
	Templates *schema.Set
}

// ErrNotReport is returned for a document that is not an annual report on government
// information disclosure (a news article, an unrelated page).
var ErrNotReport = errors.New("not an annual report on government information disclosure (政府信息公开工作年度报告)")

// Extract reads the record of a decoded report. The record's [source] is left for
// the caller, who knows the file.
func Extract(doc *decode.Document, opts Options) (*record.Record, error) {
	if opts.Regions == nil {
		opts.Regions = region.Default()
	}
	if opts.Templates == nil {
		opts.Templates = schema.National()
	}
	doc = validUTF8(doc)
	tmpl, err := detectTemplate(doc, opts.Templates)
	if err != nil {
		if opts.Meta == nil || opts.Meta.Report.Template == "" {
			return nil, err
		}
	}
	if opts.Meta != nil && opts.Meta.Report.Template != "" {
		tmpl = opts.Templates.Lookup(opts.Meta.Report.Template)
		if tmpl == nil {
			return nil, fmt.Errorf("meta: unknown template %q (want one of %s)", opts.Meta.Report.Template, strings.Join(opts.Templates.IDs(), ", "))
		}
	}
	b := newBuilder(doc, tmpl)
	r := b.rec
	r.Schema = record.SchemaVersion
	r.Report.SourceScript = doc.Script
	if r.Report.SourceScript == "" {
		r.Report.SourceScript = "hans"
	}

	if err := b.readMeta(opts); err != nil {
		return nil, err
	}
	if tmpl.IsNarrative() {
		// Sentences first: a statistics table the report appends takes precedence.
		readProactiveTotal(b)
		readLegacyRequests(b)
		readLegacyReview(b)
		b.narrative = make(map[string]float64)
		for _, f := range record.Figures(b.rec) {
			b.narrative[f.Path] = f.Value
		}
		b.readTables()
	} else {
		b.readTables()
		readProactiveTotal(b)
	}
	b.readCommon()
	b.readNarrative()
	b.finish()
	return r, nil
}

// builder accumulates a record and the provenance of its figures.
type builder struct {
	doc    *decode.Document
	tmpl   *schema.Template
	rec    *record.Record
	checks []record.Check
	blank  map[string]bool // cells printed blank that the template derives

	insts     []instance         // the template's identities, expanded, once made
	narrative map[string]float64 // figures the narrative rules read, before the tables
	hinted    []string           // figures the text settled among a run's readings

	headings   []heading         // the document's headings, once found
	tableLines map[int]bool      // the lines that are table rows, once found
	allUnits   []unit            // the table rows, once read
	rowText    map[rowKey]string // a table row's provenance text
}

func newBuilder(doc *decode.Document, t *schema.Template) *builder {
	b := &builder{doc: doc, tmpl: t, rec: &record.Record{Provenance: map[string]record.Provenance{}}, blank: map[string]bool{}}
	b.rec.SetTemplate(t)
	return b
}

// set stores a figure the template has; it reports false for a path the template
// does not have (a narrative rule of another template's figures).
func (b *builder) set(path string, v record.Value) bool {
	if b.tmpl.FieldIndex(path) < 0 {
		return false
	}
	b.rec.Set(path, v)
	return true
}

// rowKey names a table row of the document for its provenance text.
type rowKey struct {
	line  int
	label string
}

// trace records that the figure at path came from line i (0-based) of the document,
// quoting the part of the line around [start, end) (byte offsets; -1 for the whole
// line, trimmed to a readable length).
func (b *builder) trace(path string, i, start, end int) {
	if i < 0 || i >= len(b.doc.Lines) {
		return
	}
	b.rec.Provenance[path] = record.Provenance{Line: i + 1, Text: snippet(b.doc.Lines[i], start, end)}
}

// traceCell records that the figure at path came from cell k of a table row, quoting
// the row compactly: its label (shortened if long) and its cells.
func (b *builder) traceCell(path string, u unit, k int) {
	if u.line < 0 || u.line >= len(b.doc.Lines) {
		return
	}
	if b.rowText == nil {
		b.rowText = make(map[rowKey]string)
	}
	key := rowKey{u.line, u.label} // a flattened line holds many rows
	text, ok := b.rowText[key]
	if !ok {
		text = decode.RowLine(u.cells) // as the document's line prints them
		if u.label != "" {
			text = truncate(u.label, 40) + " | " + text
		}
		b.rowText[key] = text
	}
	p := record.Provenance{Line: u.line + 1, Text: text}
	if u.table >= 0 {
		p.Table, p.Row, p.Column = u.table+1, u.row+1, u.col0+k+1
	}
	b.rec.Provenance[path] = p
}

// traceComputed records that the figure at path was computed, not printed.
func (b *builder) traceComputed(path string, i int, how string) {
	line := 0
	if i >= 0 && i < len(b.doc.Lines) {
		line = i + 1
	}
	b.rec.Provenance[path] = record.Provenance{Line: line, Text: how}
}

func (b *builder) warn(rule, key, format string, args ...any) {
	b.checks = append(b.checks, record.Check{Rule: rule, Severity: record.SeverityWarning, Key: key, Message: fmt.Sprintf(format, args...)})
}

// finish drops provenance of figures the record does not hold and adds the checks
// of validation.
func (b *builder) finish() {
	r := b.rec
	have := make(map[string]bool)
	for _, f := range record.Figures(r) {
		have[f.Path] = true
	}
	for k := range r.Provenance {
		if !have[k] {
			delete(r.Provenance, k)
		}
	}
	if len(r.Provenance) == 0 {
		r.Provenance = nil
	}
	b.checkText()
	r.Checks = record.MergeChecks(b.checks, record.Validate(r))
}

const snippetRunes = 80

// snippet returns the clause of line around [start, end), at most about
// snippetRunes runes, so that provenance quotes what the figure came from.
func snippet(line string, start, end int) string {
	if start < 0 || end > len(line) || start > end {
		start, end = 0, len(line)
	}
	// Widen to the clause: back to the previous sentence break, forward to the next.
	from := 0
	if i := strings.LastIndexAny(line[:start], "。；;！？"); i >= 0 {
		_, size := utf8.DecodeRuneInString(line[i:])
		from = i + size
	}
	to := len(line)
	if i := strings.IndexAny(line[end:], "。；;！？"); i >= 0 {
		to = end + i
	}
	s := strings.TrimSpace(line[from:to])
	if utf8.RuneCountInString(s) <= snippetRunes {
		return s
	}
	// Too long: centre a window on the figure.
	r := []rune(line)
	mid := utf8.RuneCountInString(line[:start])
	lo := max(0, mid-snippetRunes/2)
	hi := min(len(r), lo+snippetRunes)
	lo = max(0, hi-snippetRunes)
	out := string(r[lo:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(r) {
		out += "…"
	}
	return strings.TrimSpace(out)
}

// validUTF8 returns the document with any invalid UTF-8 replaced (decode never makes
// such lines; a document built another way might).
func validUTF8(doc *decode.Document) *decode.Document {
	ok := utf8.ValidString(doc.Title)
	for _, l := range doc.Lines {
		ok = ok && utf8.ValidString(l)
	}
	if ok {
		return doc
	}
	c := *doc
	c.Title = strings.ToValidUTF8(doc.Title, "\uFFFD")
	c.Lines = make([]string, len(doc.Lines))
	for i, l := range doc.Lines {
		c.Lines[i] = strings.ToValidUTF8(l, "\uFFFD")
	}
	c.Tables = make([]decode.Table, len(doc.Tables))
	for i, t := range doc.Tables {
		c.Tables[i] = decode.Table{Line: t.Line, Rows: make([][]string, len(t.Rows))}
		for j, row := range t.Rows {
			for _, cell := range row {
				c.Tables[i].Rows[j] = append(c.Tables[i].Rows[j], strings.ToValidUTF8(cell, "\uFFFD"))
			}
		}
	}
	return &c
}
