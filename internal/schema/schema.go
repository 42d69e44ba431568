// Package schema describes the national templates of the annual reports on
// government information disclosure (政府信息公开工作年度报告) as data: for each
// template its identity and the notice that defines it, the words that mark it, its
// tables (header rows with their spans, columns, rows with their printed ordinals,
// labels, synonyms seen in real reports and groups), the arithmetic identities its
// figures satisfy, its summary figures and its charts, all addressed by record key
// paths ("requests.granted.total").
//
// Extraction, validation, the summary, the charts and the site read these
// descriptions; none of them knows a template by name. Adding a template is adding a
// description (a file of this package, listed in National); a province's variant of
// a template is a Variant value applied with Set.With, not an edit to the template.
//
// The package does no I/O and depends on nothing else in the project.
package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is what sort of value a figure is.
type Kind int

const (
	Count  Kind = iota // a whole number of items, never negative
	Signed             // a whole number that may be negative (本年增/减)
	Amount             // a sum of money or other figure that may have decimals, never negative
	Flag               // true or false: an attribute of another figure ("13000余条" is approximate)
	List               // the proactive breakdown: an array of {name, count} tables
)

func (k Kind) String() string {
	return [...]string{"count", "signed count", "amount", "flag", "list"}[k]
}

// Field is one key of a record's figures that a template allows.
type Field struct {
	Path   string // key path: "requests.granted.total", "proactive.total_approx"
	Kind   Kind
	Label  string // what the figure is, in the template's words
	Approx string // for a figure that may be approximate, the path of its Flag; else ""
}

// Template is one national report format, or a variant of one.
type Template struct {
	ID     string // the record's report.template value: "2008", "2019", "2021"
	Name   string // for readers: "2021年版表格"
	Notice string // the national notice that defines it: "国办公开办函〔2021〕30号"
	Base   string // for a variant, the ID of the template it extends; "" for a national template
	Years  string // the report years it is used for, for readers: "2021年度起"

	Detect Detection

	// Tables are the template's tables, in the order a report prints them. Every
	// figure a record of the template may hold is a cell of one of them: tables the
	// template prints, and tables of the figures a report states in its text (Text).
	Tables []Table

	// Sections are the numbered sections a report of this template has.
	Sections []Section

	Identities []Identity

	// Bounds are figures no part of which may exceed them; Statements are figures
	// a report's text may state that its tables also hold (checks.go).
	Bounds     []Bound
	Statements []Statement

	// Summary maps a summary figure's key (SummaryFigures) to the paths it is the sum
	// of: the sum of those present, or absent when none is.
	Summary map[string][]string

	// Rates maps a derived rate's key (RateFigures) to the figures it divides.
	Rates map[string]Ratio

	Charts []Chart

	fields   []Field         // worked out from Tables
	index    map[string]int  // path → index in fields
	prefixes map[string]bool // every path of a field and of the tables above it

	instances []Instance // the identities expanded, once made
	fills     fillIndex  // the figures the template derives, by path, once made
	cells     cellIndex  // the tables of each cell's path, once made
}

// Detection says how a template is told from the others by a document's words.
type Detection struct {
	// Required are words the template's tables print; a document must contain at
	// least MinRequired of them to be read as this template.
	Required    []string
	MinRequired int
	// Markers are words only this template prints; each one found counts.
	Markers []string
	// Fallback: the template reads any report the others do not claim (the narrative
	// format). It scores lowest.
	Fallback bool
}

// Layout is how a table lays out its figures.
type Layout int

const (
	// Grid: one printed row per Row, a cell per Column (the requests table, the
	// 第二十条 tables).
	Grid Layout = iota
	// Strip: the whole table is one printed row: the cells of each Row in turn, a
	// cell per Column (the 行政复议、行政诉讼 table's fifteen cells).
	Strip
	// Items: label and figure, one row a figure; Row.Key is the figure's path under
	// Prefix and the table has one unnamed Column (a narrative template's groupings;
	// the 2008-era 统计表, label | unit | figure).
	Items
)

// Table is one table of a template.
type Table struct {
	ID      string // stable and unique within the template: "requests", "art20-1"; HTML ids are "t-"+ID
	Caption string // as the template prints it
	Note    string // a line printed with the table, or ""
	// CaptionEn, NoteEn and StubEn are Caption, Note and Stub in English (the site's
	// English pages).
	CaptionEn, NoteEn, StubEn string
	Layout                    Layout
	Prefix                    string // the record path the table's figures are under: "requests", "proactive", ""
	// Text: the template prints no such table; its figures are stated in the report's
	// text (the headline proactive count, fees, staff) and shown as a table.
	Text bool

	// Head are the printed header rows, top first, with their spans. When nil, one
	// header row is derived: Stub, then each column's label.
	Head [][]HeadCell
	Stub string // the header of the label column(s): "信息内容", "项目"

	Columns []Column
	Rows    []Row
	Groups  []Group

	// Match is how extraction finds the table's rows among a document's rows.
	Match Match
}

// Match is how extraction finds a table's rows.
type Match int

const (
	// ByLabel: each row is the first document row whose label is one of the row's
	// synonyms, or ends with one and is not much longer (the 第二十条 rows: a sentence
	// that mentions 规章 is not the row).
	ByLabel Match = iota
	// Contains: each document row is the first row of the table whose synonyms its
	// label contains and whose Exclude words it does not (a 2008-era 统计表's rows,
	// "主动公开政府信息数（条）").
	Contains
	// InOrder: the document rows are aligned with the table's rows in order, by their
	// labels, so that rows numbered alike ("1.") in different groups are told apart
	// (the requests table).
	InOrder
	// Unprinted: reports print no such table; its figures are read from sentences.
	Unprinted
)

// HeadCell is a header cell as printed, with its spans (0 or 1: no span).
type HeadCell struct {
	Text    string
	En      string // Text in English
	Colspan int
	Rowspan int
}

// Column is a column of figures.
type Column struct {
	Key      string   // the last part of the figure's path ("total", "made"); may be "" in an Items table
	Label    string   // as printed
	En       string   // Label in English
	Synonyms []string // other headers real reports print for it
	Kind     Kind
	Unit     string // the unit the figures are kept in: "元", "万元"; "" for a plain count
}

// Row is a row of a table.
type Row struct {
	Key      string   // the row's part of the figure path ("granted"); in an Items table, the figure's path under Prefix
	Number   string   // the ordinal the template prints: "一、", "（三）", "1."
	Label    string   // the label the template prints, without its ordinal
	En       string   // Label in English
	Name     string   // a fuller name for messages, when Label is not enough ("行政诉讼（复议后起诉）"); else ""
	Synonyms []string // words that name the row in real reports; the longest found wins (in a ByLabel table the label itself counts too)
	Exclude  []string // a label with one of these words is not this row
	Group    string   // the key of the innermost Group the row is an item of, or ""
	Columns  []string // the keys of the columns the row has, when not all of the table's
	Hidden   bool     // the template does not print the row (2021's （六） is the sum of its items)
	Kind     Kind     // in an Items table, the figure's kind (the column's for other layouts)
	Unit     string   // in an Items table, the unit the figure is kept in: "元", "万元", "条"; "" for a plain count
	Approx   bool     // in an Items table, the figure may be approximate: its Flag is Key+"_approx"
	// Sum, in an Items table, makes the row a combined cell some reports print: the
	// sum of the rows with these keys ("信函、传真申请数"), not a figure of its own.
	Sum []string
}

// Group is a heading over rows of a table (三、本年度办理结果; （三）不予公开).
type Group struct {
	Key    string
	Number string
	Label  string
	En     string // Label in English
	Parent string // the group this one is inside, or ""
}

// Section is one numbered section of a report.
type Section struct {
	Number string   // "三"
	Title  string   // "收到和处理政府信息公开申请情况"
	En     string   // Title in English
	Words  []string // words its heading has in real reports
	Tables []string // IDs of the tables the section prints
	// Narrative is the record's narrative key its text is kept in
	// ("problems_and_improvements"), or "".
	Narrative string
	// Substance: the section must say something: empty, "无" or a single sentence is
	// a warning (存在的主要问题及改进情况).
	Substance bool
	// Mention, when set, is a figure the section must mention when it is above 0.
	Mention *Mention
}

// Each says what an identity ranges over.
type Each int

const (
	Once       Each = iota // the identity is one equation
	EachRow                // once for each row of Table: {row} is the row's key
	EachColumn             // once for each column of Table: {col} is the column's key
)

// Identity is an arithmetic identity of a template: the sum of Left equals the sum of
// Right. Paths may hold {row} or {col}, replaced for each row or column of Table; a
// path may end in a list wildcard, "proactive.categories[*].count", the sum of the
// list's items. A path written "-path" is subtracted; "prev:path" is the figure of the
// agency's report of the year before (an identity across years).
type Identity struct {
	Rule  string // the [[checks]] rule a broken identity is reported under
	Each  Each
	Table string // the table whose rows or columns the identity ranges over
	Left  []string
	Right []string
	// At is the path a broken identity is reported at ({row}/{col} replaced); "" means
	// Left[0].
	At string
	// Unless is a Flag path: the identity is not checked when the flag is true (a
	// breakdown does not add up to an approximate total).
	Unless string
	// Message says what broke, in Chinese. {row} is the row's number and label, {col}
	// the column's label, {name} the row's Name (or label); {left} and {right} are the
	// two sums, {left.0}, {right.1}… their terms.
	Message string
	// Fill: Left is one figure that may be derived from Right when it is absent: a
	// total the report leaves blank, a row the template does not print. Note says so
	// in the figure's provenance.
	Fill bool
	Note string
}

// SummaryFigure names one summary figure: the figures that compare reports across
// templates.
type SummaryFigure struct {
	Key   string // stable key, used in data files and downloads
	Label string // zh-CN label
	En    string // English label (the site's English pages)
}

// SummaryFigures are the summary figures in display order. A template's Summary says
// which of its figures each one is.
var SummaryFigures = []SummaryFigure{
	{"proactive", "主动公开", "Proactive disclosure"},
	{"received", "收到申请", "Requests received"},
	{"processed", "办理总计", "Total handled"},
	{"granted", "予以公开", "Disclosed"},
	{"partially_granted", "部分公开", "Partly disclosed"},
	{"denied", "不予公开", "Withheld"},
	{"unable", "无法提供", "Could not be provided"},
	{"not_processed", "不予处理", "Not handled"},
	{"other", "其他处理", "Other handling"},
	{"reviews", "行政复议", "Reconsiderations"},
	{"lawsuits", "行政诉讼", "Lawsuits"},
}

// SummaryLabel returns the label of a summary figure's key, or the key.
func SummaryLabel(key string) string {
	for _, s := range SummaryFigures {
		if s.Key == key {
			return s.Label
		}
	}
	return key
}

// ChartStyle is how a chart draws its series.
type ChartStyle int

const (
	HorizontalBars ChartStyle = iota // one bar a category, categories down the page
	StackedBars                      // a bar a category, its series stacked
	Bars                             // categories across, a bar a series
)

// Chart describes a chart of one report's figures.
type Chart struct {
	ID        string // unique on a report page: "chart-outcomes"
	Caption   string // with the unit: "申请办理结果（按申请人类型，件）"
	RowHeader string // the header of the category column in the chart's data table
	// CaptionEn and RowHeaderEn are Caption and RowHeader in English.
	CaptionEn, RowHeaderEn string
	Style                  ChartStyle
	// Categories are the bars; each is the sum of the present figures of its paths,
	// with {col} replaced by a series' column.
	Categories []ChartCategory
	Series     []ChartSeries
	// List, when set, is a List path whose items are the chart's categories (the
	// proactive breakdown), instead of Categories.
	List string
	// Unless is a path: the chart is not drawn when the record has figures under it
	// (the 第二十条 decisions stand in for a breakdown the report does not give).
	Unless string
}

// ChartCategory is one category (bar) of a chart.
type ChartCategory struct {
	Label string
	En    string // Label in English
	Paths []string
}

// ChartSeries is one series of a chart; Col replaces {col} in the category paths.
type ChartSeries struct {
	Name string
	En   string // Name in English
	Col  string
}

// Expand replaces {row} and {col} in path. It is called for every term of every
// identity a record is checked against, so it makes the path in one pass.
func Expand(path, row, col string) string {
	orig := path
	i := strings.IndexByte(path, '{')
	if i < 0 {
		return path
	}
	var b strings.Builder
	b.Grow(len(path) + len(row) + len(col))
	for i >= 0 {
		b.WriteString(path[:i])
		switch rest := path[i:]; {
		case strings.HasPrefix(rest, "{row}"):
			b.WriteString(row)
			path = rest[len("{row}"):]
		case strings.HasPrefix(rest, "{col}"):
			b.WriteString(col)
			path = rest[len("{col}"):]
		default:
			b.WriteByte('{')
			path = rest[1:]
		}
		i = strings.IndexByte(path, '{')
	}
	b.WriteString(path)
	if out := b.String(); strings.IndexByte(out, '{') < 0 {
		return out
	}
	// A brace left over: a path with braces of its own, or a row with some. Replace
	// as the definition reads, {row} first, then {col} in what that gave.
	return strings.ReplaceAll(strings.ReplaceAll(orig, "{row}", row), "{col}", col)
}

// TermPath is the figure path of an identity's term: the path without its "-" and
// "prev:" prefixes, which may come in either order.
func TermPath(term string) string {
	for {
		switch {
		case strings.HasPrefix(term, "-"):
			term = term[1:]
		case strings.HasPrefix(term, "prev:"):
			term = term[len("prev:"):]
		default:
			return term
		}
	}
}

// JoinPath joins the non-empty parts of a key path with dots.
func JoinPath(parts ...string) string {
	var b strings.Builder
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b.Grow(n)
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// Path returns the figure path of the cell of row r in column c of the table.
func (t *Table) Path(r Row, c Column) string { return JoinPath(t.Prefix, r.Key, c.Key) }

// RowColumns returns the columns row r has, in the table's order.
func (t *Table) RowColumns(r Row) []Column {
	if len(r.Columns) == 0 {
		return t.Columns
	}
	var out []Column
	for _, c := range t.Columns {
		if slices.Contains(r.Columns, c.Key) {
			out = append(out, c)
		}
	}
	return out
}

// PrintedRows returns the rows the template prints, in order.
func (t *Table) PrintedRows() []Row {
	out := make([]Row, 0, len(t.Rows))
	for _, r := range t.Rows {
		if !r.Hidden {
			out = append(out, r)
		}
	}
	return out
}

// Paths returns the figure paths of the table, row by row.
func (t *Table) Paths() []string {
	var out []string
	for _, r := range t.Rows {
		if len(r.Sum) > 0 {
			continue
		}
		for _, c := range t.RowColumns(r) {
			out = append(out, t.Path(r, c))
		}
	}
	return out
}

// cellIndex maps the path of a cell to the indexes of the tables it is a cell of
// (Template.Tables; one, in a well-formed template).
type cellIndex map[string][]int

// TablesOf returns the indexes in t.Tables of the tables that have a cell at path:
// a row's cell of one of its columns (Table.RowColumns), combined cells included.
func (t *Template) TablesOf(path string) []int {
	if t.cells == nil { // a template not made by this package's constructors
		return t.indexCells()[path]
	}
	return t.cells[path]
}

func (t *Template) indexCells() cellIndex {
	out := cellIndex{}
	for ti := range t.Tables {
		tb := &t.Tables[ti]
		for _, r := range tb.Rows {
			for _, c := range tb.RowColumns(r) {
				if p := tb.Path(r, c); !slices.Contains(out[p], ti) {
					out[p] = append(out[p], ti)
				}
			}
		}
	}
	return out
}

// RowByKey returns the row with the given key.
func (t *Table) RowByKey(key string) (Row, bool) {
	for _, r := range t.Rows {
		if r.Key == key {
			return r, true
		}
	}
	return Row{}, false
}

// Group returns the group with the given key.
func (t *Table) Group(key string) (Group, bool) {
	for _, g := range t.Groups {
		if g.Key == key {
			return g, true
		}
	}
	return Group{}, false
}

// GroupPath returns the keys of the groups row r is inside, outermost first.
func (t *Table) GroupPath(r Row) []string {
	var out []string
	for key := r.Group; key != ""; {
		g, ok := t.Group(key)
		if !ok || slices.Contains(out, key) {
			break
		}
		out = append([]string{key}, out...)
		key = g.Parent
	}
	return out
}

// InGroup reports whether row r is inside the group (at any depth).
func (t *Table) InGroup(r Row, group string) bool { return slices.Contains(t.GroupPath(r), group) }

// Title is the row's ordinal and label, as printed.
func (r Row) Title() string { return r.Number + r.Label }

// TitleEn is the row's ordinal and its label in English ("(3) Withheld"): the
// ordinal's Chinese numeral becomes an arabic one (numberEn).
func (r Row) TitleEn() string { return numberEn(r.Number) + r.En }

// Title is the group's ordinal and label as printed.
func (g Group) Title() string { return g.Number + g.Label }

// TitleEn is the group's ordinal and label in English (Row.TitleEn).
func (g Group) TitleEn() string { return numberEn(g.Number) + g.En }

// numberEn is a printed ordinal in English: "一、" → "1. ", "（三）" → "(3) ",
// "1." → "1. ".
func numberEn(n string) string {
	if n == "" {
		return ""
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(n, "（"), "）")
	paren := inner != n
	inner = strings.TrimRight(inner, "、.．")
	if v := strings.Index(hanDigits, inner); v >= 0 && inner != "" && len(inner) == len("一") {
		inner = strconv.Itoa(v/len("一") + 1)
	}
	if paren {
		return "(" + inner + ") "
	}
	return inner + ". "
}

// hanDigits are the Chinese numerals one to ten, as ordinals print them.
const hanDigits = "一二三四五六七八九十"

// FullName is the row's Name, or its label.
func (r Row) FullName() string {
	if r.Name != "" {
		return r.Name
	}
	return r.Label
}

// Table returns the table with the given ID.
func (t *Template) Table(id string) (*Table, bool) {
	for i := range t.Tables {
		if t.Tables[i].ID == id {
			return &t.Tables[i], true
		}
	}
	return nil, false
}

// Fields lists the figure keys a record of the template may hold, in the order a
// record file writes them: the cells of its tables, table by table.
func (t *Template) Fields() []Field {
	if t.fields == nil {
		t.fields, t.index = t.collectFields()
	}
	return t.fields
}

// Field returns the field of a path, if the template has it.
func (t *Template) Field(path string) (Field, bool) {
	if t.index == nil {
		t.fields, t.index = t.collectFields()
	}
	i, ok := t.index[path]
	if !ok {
		return Field{}, false
	}
	return t.fields[i], true
}

// Defines reports whether path is a field of the template or a table of fields
// ("requests", "proactive.regulations").
func (t *Template) Defines(path string) bool {
	if t.index == nil {
		t.fields, t.index = t.collectFields()
	}
	return t.prefixes[path]
}

// FieldIndex returns the index of path in Fields, or -1.
func (t *Template) FieldIndex(path string) int {
	if t.index == nil {
		t.fields, t.index = t.collectFields()
	}
	if i, ok := t.index[path]; ok {
		return i
	}
	return -1
}

func (t *Template) collectFields() ([]Field, map[string]int) {
	var out []Field
	index := make(map[string]int)
	add := func(f Field) {
		if _, dup := index[f.Path]; dup {
			return // check reports it
		}
		index[f.Path] = len(out)
		out = append(out, f)
	}
	for ti := range t.Tables {
		tb := &t.Tables[ti]
		for _, r := range tb.Rows {
			if len(r.Sum) > 0 {
				continue // a combined cell, not a figure
			}
			for _, c := range tb.RowColumns(r) {
				f := Field{Path: tb.Path(r, c), Kind: c.Kind, Label: r.FullName()}
				if tb.Layout == Items {
					f.Kind = r.Kind
				} else if c.Label != "" {
					f.Label = r.FullName() + "·" + c.Label
				}
				if r.Approx {
					f.Approx = f.Path + "_approx"
				}
				add(f)
				if r.Approx {
					add(Field{Path: f.Approx, Kind: Flag, Label: r.FullName() + "（约数）"})
				}
			}
		}
	}
	t.prefixes = make(map[string]bool, len(out)*2)
	for _, f := range out {
		for p := f.Path; p != ""; {
			t.prefixes[p] = true
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return out, index
}

// IsNarrative reports whether the template is the narrative format: its figures are
// read from sentences, and it prints no fixed tables.
func (t *Template) IsNarrative() bool { return t.Detect.Fallback }

// Label is the template's name and notice, for readers.
func (t *Template) Label() string {
	if t.Notice == "" {
		return t.Name
	}
	return t.Name + "（" + t.Notice + "）"
}

// Set is the templates a build or an extraction knows. It is read-only once made.
type Set struct {
	list []*Template
}

// NewSet makes a set of templates, checking that each is well formed. The set keeps
// the templates given; they must not be changed afterwards.
func NewSet(ts ...*Template) (*Set, error) {
	s := &Set{}
	for _, t := range ts {
		if err := t.check(); err != nil {
			return nil, err
		}
		if s.Lookup(t.ID) != nil {
			return nil, fmt.Errorf("schema: template %q given twice", t.ID)
		}
		s.list = append(s.list, t)
	}
	for _, t := range s.list {
		if t.Base != "" && s.Lookup(t.Base) == nil {
			return nil, fmt.Errorf("schema: template %q extends %q, which the set does not hold", t.ID, t.Base)
		}
	}
	return s, nil
}

// Templates lists the set's templates in the order given.
func (s *Set) Templates() []*Template { return s.list }

// IDs lists the set's template IDs in the order given.
func (s *Set) IDs() []string {
	ids := make([]string, len(s.list))
	for i, t := range s.list {
		ids[i] = t.ID
	}
	return ids
}

// Lookup returns the template with the given ID, or nil.
func (s *Set) Lookup(id string) *Template {
	for _, t := range s.list {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Owners lists the IDs of the templates that define path (a field or a table of
// fields), in the set's order.
func (s *Set) Owners(path string) []string {
	var out []string
	for _, t := range s.list {
		if t.Defines(path) {
			out = append(out, t.ID)
		}
	}
	return out
}

// With returns a new set that also holds the given templates.
func (s *Set) With(ts ...*Template) (*Set, error) {
	return NewSet(append(slices.Clip(s.list), ts...)...)
}

// Comparable returns the national template a template's figures compare with: its
// own ID, or for a variant the ID of the template it extends.
func (s *Set) Comparable(id string) string {
	seen := map[string]bool{}
	for t := s.Lookup(id); t != nil && t.Base != "" && !seen[t.ID]; t = s.Lookup(t.Base) {
		seen[t.ID] = true
		id = t.Base
	}
	return id
}

// check reports a template that is not well formed: a field or table given twice, an
// identity over a table it does not have, a summary or chart path it does not hold.
func (t *Template) check() error {
	if t.ID == "" {
		return fmt.Errorf("schema: a template without an ID")
	}
	t.fields, t.index = t.collectFields()
	t.instances = t.expand()
	t.fills = t.indexFills()
	t.cells = t.indexCells()
	seen := make(map[string]bool)
	for ti := range t.Tables {
		tb := &t.Tables[ti]
		if seen["table "+tb.ID] {
			return fmt.Errorf("schema: template %s: table %s given twice", t.ID, tb.ID)
		}
		seen["table "+tb.ID] = true
		for _, p := range tb.Paths() {
			if seen[p] {
				return fmt.Errorf("schema: template %s: figure %s is in two tables", t.ID, p)
			}
			seen[p] = true
		}
		for _, r := range tb.Rows {
			if r.Group != "" {
				if _, ok := tb.Group(r.Group); !ok {
					return fmt.Errorf("schema: template %s: table %s: row %s is in group %q, which the table does not have", t.ID, tb.ID, r.Key, r.Group)
				}
			}
		}
	}
	has := func(p string) bool {
		p = TermPath(p)
		if strings.Contains(p, "[*]") {
			base, _, _ := strings.Cut(p, "[*]")
			return t.FieldIndex(base) >= 0
		}
		return t.FieldIndex(p) >= 0
	}
	for _, id := range t.Identities {
		var tb *Table
		if id.Each != Once {
			var ok bool
			if tb, ok = t.Table(id.Table); !ok {
				return fmt.Errorf("schema: template %s: identity %s ranges over table %q, which it does not have", t.ID, id.Rule, id.Table)
			}
		}
		for _, p := range append(slices.Clip(id.Left), id.Right...) {
			if tb == nil {
				if !has(p) {
					return fmt.Errorf("schema: template %s: identity %s: %s is not a field", t.ID, id.Rule, p)
				}
				continue
			}
			// A path over rows or columns holds for at least one of them.
			ok := false
			if id.Each == EachRow {
				for _, r := range tb.Rows {
					ok = ok || has(Expand(p, r.Key, ""))
				}
			} else {
				for _, c := range tb.Columns {
					ok = ok || has(Expand(p, "", c.Key))
				}
			}
			if !ok {
				return fmt.Errorf("schema: template %s: identity %s: %s names no field", t.ID, id.Rule, p)
			}
		}
	}
	for key, paths := range t.Summary {
		for _, p := range paths {
			if !has(p) {
				return fmt.Errorf("schema: template %s: summary figure %s: %s is not a field", t.ID, key, p)
			}
		}
	}
	for key, q := range t.Rates {
		if len(q.Num) == 0 || len(q.Den) == 0 {
			return fmt.Errorf("schema: template %s: rate %s divides nothing", t.ID, key)
		}
		for _, p := range append(slices.Clip(q.Num), q.Den...) {
			if !has(p) {
				return fmt.Errorf("schema: template %s: rate %s: %s is not a field", t.ID, key, p)
			}
		}
	}
	return t.checkChecks(has)
}
