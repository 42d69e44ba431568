package site

import "encoding/json"

// The front matter contract between internal/site and layouts/.
//
// Every generated content file is JSON front matter only (no Markdown body), so that
// nothing from a report is ever parsed as Markdown, a shortcode or a front-matter
// delimiter. Report text reaches the templates only as string values, which Hugo's
// html/template escapes. Numbers arrive formatted (strings): Go computes, templates
// present. Keys are lower-case because Hugo lower-cases front-matter keys.
//
// A page's front matter is what its header shows and what Hugo lists; the rest of
// the page is its body (body.go), HTML written by Go into the project's fragments/
// folder and named by the "body" key.
//
// Links are relative to their page ("../../agency/x/2017/", href), or absolute when
// they lead into another part of a sharded site; templates print them as they are.
//
// "view" selects the template: layouts/_partials/views/<view>.html. layouts/README.md
// documents each view's keys.

// Page is what every generated page has.
type Page struct {
	Title       string `json:"title"`
	View        string `json:"view"`
	Description string `json:"description,omitempty"`
	Crumbs      []Link `json:"crumbs,omitempty"` // the trail above this page, home first
	// Weight orders pages where Hugo lists them; unused by the views.
	Weight int `json:"weight,omitempty"`
}

// Link is a labelled link: site-relative while pages are built, relative to its
// page once in front matter (relLinks).
type Link struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Note string `json:"note,omitempty"`
}

// Figure is a labelled figure for a key-figures list.
type Figure struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Line  int    `json:"line,omitempty"` // provenance line in the source text
	// Prev is the figure of the agency's report of the year before and Change the
	// difference from it ("+219（+7.6%）" written), on a report page when both years
	// give it.
	Prev   string       `json:"prev,omitempty"`
	Change figureChange `json:"-"`
}

// Grid is a table reproduced as the report lays it out: header rows, body rows, cells
// that span. It is part of a report's body (writeGrid), not of its front matter. It
// holds the template's words and its description's English (the En fields, "" where
// the description has none): the figures and cells are the same in both languages.
type Grid struct {
	ID                 string
	Caption, CaptionEn string
	Head               [][]Cell
	Body               [][]Cell
	Note, NoteEn       string
}

// Cell is one cell of a Grid.
type Cell struct {
	Text    string
	En      string // a header cell's English, or ""
	Approx  bool   // a figure the report gives as approximate ("余")
	Header  bool   // a <th>
	Scope   string // th scope: col, row, colgroup, rowgroup
	Colspan int    // >1 when it spans
	Rowspan int
	Num     bool   // a figure: right-aligned, tabular
	Line    int    // provenance line
	Key     string // the figure's key path
	Flag    string // the message of a check that concerns it, or ""
}

// SortTable is a table of reports or agencies in its default order, written into a
// page's body (writeListTable) and sorted in the browser by static/js/site.js.
type SortTable struct {
	Caption string
	Columns []SortCol
	Rows    [][]LinkCell
	Total   int // rows of the whole list, of which Rows may be one page
}

// SortCol is a column of a SortTable.
type SortCol struct {
	Label      string
	Num        bool // sorts as numbers
	Current    bool // the default order is by this column
	Descending bool // … largest or latest first
}

// LinkCell is a cell of a SortTable: its text, the link it is (URL, "" for none),
// and for a figure its value, by which the browser sorts.
type LinkCell struct {
	Text  string
	URL   string
	Value *int64
	ID    string // an anchor on the row's first cell (the agency index's letters), or ""
}

// Section is a heading with paragraphs of report text.
type Section struct {
	Heading    string
	Paragraphs [][]Span
}

// Span is a run of a paragraph's text; Repeated marks a sentence the agency's
// report of the year before has too.
type Span struct {
	Text     string
	Repeated bool
}

// CheckFM is a [[checks]] note.
type CheckFM struct {
	Severity string // 错误 | 提示
	Rule     string
	Message  string
	Key      string
	Figures  []string // the figures it concerns, label and value as printed
}

// ProvFM is one provenance entry.
type ProvFM struct {
	Key   string
	Value string
	Line  int
	Text  string
}

// ReportPage is the front matter of /agency/<slug>/<year>/: what Hugo needs to
// render and list the page. Everything the page shows (crumbs, header, figures,
// charts, the report's tables, narrative, checks, provenance, downloads) is its body,
// written by Go (reportBody) into the project's fragments/ folder and read by the
// template only while it renders this page.
type ReportPage struct {
	Page
	Agency string `json:"agency"` // agency.name
	Year   int    `json:"year"`
	Body   string `json:"body"`             // the body fragment, a path in the project
	Charts bool   `json:"charts,omitempty"` // the body has charts: the page loads the chart library
}

// AgencyPage is the front matter of /agency/<slug>/; its body has the table of its
// reports and the trend charts.
type AgencyPage struct {
	Page
	Body   string `json:"body"`             // everything the page shows: crumbs, header and below
	Charts bool   `json:"charts,omitempty"` // the body has charts: the page loads the chart library
}

// ListPage is the front matter of region, year and index pages, and of each further
// page of a long list (…/page/N/): key figures, links to pages below, and a body with
// charts, one page of the table and the links between the pages.
type ListPage struct {
	Page
	Intro        string   `json:"intro,omitempty"`
	Key          []Figure `json:"key,omitempty"`
	Links        []Link   `json:"links,omitempty"`
	LinksHeading string   `json:"links_heading,omitempty"`
	Prev         *Link    `json:"prev,omitempty"`
	Next         *Link    `json:"next,omitempty"`
	Body         string   `json:"body,omitempty"`
	Charts       bool     `json:"charts,omitempty"`
}

// HomePage is the front matter of the home page (of the whole site, of the hub, or
// of a province's shard).
type HomePage struct {
	Page
	Key       []Figure `json:"key"`
	Latest    []Link   `json:"latest"`
	Provinces []Link   `json:"provinces"`
	Years     []Link   `json:"years"`
	More      []Link   `json:"more,omitempty"` // further ways in: a shard's region, agency and data pages
	Empty     bool     `json:"empty"`
	Body      string   `json:"body,omitempty"`
	Charts    bool     `json:"charts,omitempty"`
}

// encodeFrontMatter is the content file: JSON front matter and nothing else. The
// encoder escapes <, > and & and writes everything on one line, so no report text can
// end the front matter or start a body.
func encodeFrontMatter(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
