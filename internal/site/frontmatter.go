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
// Links are site-relative paths without a leading slash ("agency/x/2017/"); templates
// pass them through relURL so the site works under a project subpath.
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

// Link is a labelled site-relative link.
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
}

// ChartFM is a chart: its figure caption, its option JSON (as a string, placed in a
// data attribute) and its data table.
type ChartFM struct {
	ID      string     `json:"id"`
	Caption string     `json:"caption"`
	Option  string     `json:"option"`
	Head    []string   `json:"head"`
	Rows    [][]string `json:"rows"` // first cell is the row header
	// Horizontal charts list categories down the page; the template sizes them.
	Horizontal bool `json:"horizontal,omitempty"`
}

// Grid is a table reproduced as the report lays it out: header rows, body rows, cells
// that span.
type Grid struct {
	ID      string   `json:"id"`
	Caption string   `json:"caption"`
	Head    [][]Cell `json:"head"`
	Body    [][]Cell `json:"body"`
	Note    string   `json:"note,omitempty"`
}

// Cell is one cell of a Grid.
type Cell struct {
	Text    string `json:"t"`
	Header  bool   `json:"h,omitempty"`  // a <th>
	Scope   string `json:"s,omitempty"`  // th scope: col, row, colgroup, rowgroup
	Colspan int    `json:"cs,omitempty"` // >1 when it spans
	Rowspan int    `json:"rs,omitempty"`
	Num     bool   `json:"n,omitempty"` // a figure: right-aligned, tabular
	Line    int    `json:"l,omitempty"` // provenance line
	Key     string `json:"k,omitempty"` // the figure's key path
}

// SortTable is a table pre-rendered in one order, with links to the same table in
// the other orders, so sorting works without JavaScript.
type SortTable struct {
	Caption string       `json:"caption"`
	Columns []SortCol    `json:"columns"`
	Rows    [][]LinkCell `json:"rows"`
	Total   int          `json:"total"`
}

// SortCol is a column of a SortTable; URL orders the table by it ("" when it is the
// current order or not sortable).
type SortCol struct {
	Label   string `json:"label"`
	Num     bool   `json:"num,omitempty"`
	URL     string `json:"url,omitempty"`
	Current bool   `json:"current,omitempty"`
}

// LinkCell is a cell of a SortTable; URL links it.
type LinkCell struct {
	Text string `json:"t"`
	URL  string `json:"u,omitempty"`
}

// Section is a heading with paragraphs of report text.
type Section struct {
	Heading    string   `json:"heading"`
	Paragraphs []string `json:"paragraphs"`
}

// CheckFM is a [[checks]] note.
type CheckFM struct {
	Severity string `json:"severity"` // 错误 | 提示
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Key      string `json:"key,omitempty"`
}

// ProvFM is one provenance entry.
type ProvFM struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Line  int    `json:"line"`
	Text  string `json:"text"`
}

// ReportPage is the front matter of /agency/<slug>/<year>/.
type ReportPage struct {
	Page
	Agency        Link      `json:"agency"`
	Region        []Link    `json:"region"`
	Year          int       `json:"year"`
	Template      string    `json:"template"`
	TemplateLabel string    `json:"template_label"`
	Published     string    `json:"published_on,omitempty"`
	Reviewed      bool      `json:"reviewed"`
	Key           []Figure  `json:"key"`
	Charts        []ChartFM `json:"charts"`
	Tables        []Grid    `json:"tables"`
	Narrative     []Section `json:"narrative"`
	Checks        []CheckFM `json:"checks"`
	Provenance    []ProvFM  `json:"provenance"`
	// Text is the page resource holding the normalized source text that provenance
	// lines refer to, "" when the data folder has none; Lines is its line count. The
	// text is a resource, not front matter, so Hugo reads it only to render this page.
	Text      string `json:"text,omitempty"`
	Lines     int    `json:"lines,omitempty"`
	SourceURL string `json:"source_url,omitempty"`
	Original  string `json:"original,omitempty"` // page resource name of the raw file
	Format    string `json:"format,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Downloads []Link `json:"downloads"` // page resource names, or output format names (recordjson, recordcsv)
	// Outputs are the page's Hugo output formats: its HTML, and the record as JSON
	// and as CSV, whose bytes are RecordJSON and RecordCSV (printed verbatim by
	// layouts/page.recordjson.json and page.recordcsv.csv). Hugo writes them as it
	// renders the page, so generating the project creates one file a report, not three.
	Outputs    []string `json:"outputs"`
	RecordJSON string   `json:"record_json"`
	RecordCSV  string   `json:"record_csv"`
	Prev       *Link    `json:"prev,omitempty"`
	Next       *Link    `json:"next,omitempty"`
}

// AgencyPage is the front matter of /agency/<slug>/.
type AgencyPage struct {
	Page
	Name    string    `json:"name"`
	Region  []Link    `json:"region"`
	Reports SortTable `json:"reports"`
	Charts  []ChartFM `json:"charts"`
}

// ListPage is the front matter of region, year and index pages: links to pages
// below, key figures, charts and a sortable table of reports.
type ListPage struct {
	Page
	Intro        string     `json:"intro,omitempty"`
	Key          []Figure   `json:"key,omitempty"`
	Links        []Link     `json:"links,omitempty"`
	LinksHeading string     `json:"links_heading,omitempty"`
	Charts       []ChartFM  `json:"charts,omitempty"`
	Table        *SortTable `json:"table,omitempty"`
	Prev         *Link      `json:"prev,omitempty"`
	Next         *Link      `json:"next,omitempty"`
}

// HomePage is the front matter of the home page.
type HomePage struct {
	Page
	Key       []Figure  `json:"key"`
	Charts    []ChartFM `json:"charts"`
	Latest    []Link    `json:"latest"`
	Provinces []Link    `json:"provinces"`
	Years     []Link    `json:"years"`
	Empty     bool      `json:"empty"`
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
