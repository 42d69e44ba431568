package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/nianbao/nianbao/charts"
)

// Page bodies. What a page shows beyond its header (a report's figures, charts,
// tables, narrative, checks and provenance; a list's charts and table) is written by
// Go as the project's fragments/<page>.html, and the page's view prints it (readFile
// in layouts/_partials/views/). So Hugo holds only the light front matter of each
// page for the whole build, reads a body only while it renders that one page, and
// runs a few template actions a page instead of one per table cell. A generated
// project has them as files; a build keeps them in one file, read by offset
// (memproject.go).
//
// The bodies are made with html/template (templates/*.html) and the escaping writer
// of html.go: every value from a record is escaped for its context before it reaches
// Hugo, which prints the fragment as it is (safeHTML on HTML that Go's html/template
// and htmlWriter escaped, never on record text itself).

//go:embed templates/*.html
var bodyFS embed.FS

var bodyTemplates = template.Must(template.New("").Funcs(template.FuncMap{"charts": chartsHTML}).ParseFS(bodyFS, "templates/*.html"))

// fragmentDir is the project folder that holds the page bodies. Hugo does not mount
// it: a body is neither content nor a resource, only a file readFile reads.
const fragmentDir = "fragments"

// fragmentPath is where the body of the page at url (site-relative) lives in the
// project: one folder of files, named after the page's path with "/" as "_" (slugs,
// codes and years have no "_"), so writing a body creates no folder.
func fragmentPath(url string) string {
	if url == "" {
		return fragmentDir + "/home.html"
	}
	return fragmentDir + "/" + strings.ReplaceAll(strings.TrimSuffix(url, "/"), "/", "_") + ".html"
}

// chartView is a chart as a body shows it.
type chartView struct {
	ID, Caption, Option string
	Height              int
	Head                []string
	Rows                [][]string // first cell is the row header
	DataLabel           string     // the summary of the chart's table; "" is "数据表"
	// Inline puts the table into data-chart, for the chart script to make, rather
	// than into the page: on a report page, whose tables give the same figures
	// without JavaScript (the chart tables were a fifth of the page).
	Inline bool
	// Labels is the key of the table's words in static/js/chart-labels.js
	// (charts.Chart.Labels), for a chart whose template gives them: an Inline
	// chart then carries only its figures.
	Labels string
}

// inline marks charts Inline.
func inline(cs []chartView) []chartView {
	for i := range cs {
		cs[i].Inline = true
	}
	return cs
}

// Chart heights in pixels: a horizontal chart grows with its categories.
const (
	chartHeight     = 300 // the height of a chart without data-height (charts.js's heightOf, site.css's .no-js .chart)
	chartBarHeight  = 30  // per category of a horizontal chart
	chartAxesHeight = 60  // a horizontal chart's axes and legend
)

func chartOf(c charts.Chart) chartView {
	// The page carries the chart's compact form: its table, written beside it, has
	// the figures (charts.Chart.Compact, static/js/charts.js).
	option := c.Compact
	if len(option) == 0 {
		option = c.Option
	}
	v := chartView{ID: c.ID, Caption: c.Caption, Option: string(option), Head: c.Table.Columns, Height: chartHeight, Labels: c.Labels}
	for _, r := range c.Table.Rows {
		v.Rows = append(v.Rows, append([]string{r.Label}, r.Values...))
	}
	if c.Horizontal {
		v.Height = chartAxesHeight + max(chartBarHeight, c.RowHeight)*len(c.Table.Rows)
	}
	return v
}

func chartsOf(cs []charts.Chart) []chartView {
	var out []chartView
	for _, c := range cs {
		out = append(out, chartOf(c))
	}
	return out
}

// reportBody is what a report page shows: all of it but the site's header and
// footer, crumbs and the page's own header included, so the page's front matter is
// little more than its title.
type reportBody struct {
	Crumbs        []Link // relative to the page, as every link of a body
	Title         string
	Agency        Link
	Year          int
	TemplateLabel string
	Published     string
	Reviewed      bool
	Key           []Figure
	Rates         []rateView // derived rates and changes from the year before
	ChecksURL     string     // the page that explains the checks and rates
	Reuse         *reuseView // how much of the narrative repeats the year before's
	Charts        []chartView
	Tables        template.HTML // the report's tables, written by writeGrid
	TextTables    bool          // every table holds figures stated in the report's text
	Narrative     []Section
	Checks        []CheckFM
	SourceURL     string
	Original      string // the raw original's file name beside the page, "" for none
	Format        string
	SHA256        string
	Downloads     []Link // Name, URL (relative to the page) and Note
	Provenance    []ProvFM
	Text          string               // the normalized source text's file name beside the page, "" for none
	Prev, Next    *Link                // the agency's reports of the years before and after
	W             words                // the UI's words in the page's language
	grids         []Grid               // the report's tables, their cells flagged by the checks, in both languages' words
	chartFigures  charts.ReportFigures // the figures of its charts, for the charts in English
}

// DatasetFiles are the downloads that are dataset files (those with a Note: which
// records they hold, the same for all).
func (b reportBody) DatasetFiles() []Link {
	var out []Link
	for _, d := range b.Downloads {
		if d.Note != "" {
			out = append(out, d)
		}
	}
	return out
}

// provRow is a row of a report page's table of provenance: a figure and, in the
// first row of the figures quoted from one line, the line and its text, spanning
// those rows (Span of them; 0 in the others). A table row of a report gives one line
// several figures: quoting the line once is most of the weight of that table saved.
type provRow struct {
	ProvFM
	Span int
}

// provRows groups the provenance of a page, in line order, by line.
func provRows(ps []ProvFM) []provRow {
	out := make([]provRow, len(ps))
	first := 0
	for i, p := range ps {
		out[i].ProvFM = p
		if i > 0 && p.Line == ps[first].Line && p.Text == ps[first].Text {
			out[first].Span++
			continue
		}
		first = i
		out[i].Span = 1
	}
	return out
}

// rateView is a derived rate as a report page shows it: with the counts it divides,
// marked when it rests on few cases (record.MinRateBase).
type rateView struct {
	Label, Percent, Counts string
	Small                  bool
	// Diff and Before are a change's counts, written in the page's words (Counts
	// is then ""): the difference from the year before ("+3") and its figure.
	Diff, Before string
}

// reuseView is the share of a report's narrative repeated from the agency's report
// of the year before (record.TextReuse).
type reuseView struct {
	Percent  string
	Year     int // of the report compared with
	Passages int // sentences repeated, marked in the text
}

// agencyBody is what an agency page shows: its crumbs, its header and below.
type agencyBody struct {
	Crumbs      []Link // relative to the page, as every link of a body
	Title       string
	Region      []Link
	Description string
	Table       template.HTML
	Charts      []chartView
	Methodology string
	Compare     string // the compare page with this agency picked
}

// listBody is what a list page shows below its links: charts, and one page of its
// table with the links between the pages.
type listBody struct {
	Charts       []chartView
	Bar          template.HTML // links into the list above its table (the agency index's letters), or ""
	TableHeading string
	Table        template.HTML
	Pager        template.HTML
}

// homeBody is the charts of a home page.
type homeBody struct {
	Heading string
	Charts  []chartView
}

// renderBody executes the body template name with data.
func renderBody(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := bodyTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("page body %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// gridsHTML writes a report's tables in tw's words.
func gridsHTML(gs []Grid, tw tableWords) template.HTML {
	n := 0 // about the HTML's size: a cell's text and tags, a table's wrapping
	for _, g := range gs {
		n += 256 + len(g.Caption) + len(g.CaptionEn)
		for _, rows := range [][][]Cell{g.Head, g.Body} {
			for _, row := range rows {
				for _, c := range row {
					n += 16 + len(c.Text) + len(c.En)
				}
			}
		}
	}
	w := htmlWriter{b: make([]byte, 0, n)}
	for _, g := range gs {
		writeGrid(&w, g, tw)
	}
	return w.html()
}

// listHTML writes one page of a list table and its pager.
func listHTML(from, base string, t SortTable, page, pages int) (table, pager template.HTML) {
	var w htmlWriter
	writeListTable(&w, from, t)
	var p htmlWriter
	writePager(&p, from, base, page, pages)
	return w.html(), p.html()
}

// relLinks makes the links of a page's front matter relative to the page at from
// (href), so the templates print them as they are, with no relURL and no partial.
func relLinks(from string, ls []Link) []Link {
	for i := range ls {
		ls[i].URL = href(from, ls[i].URL)
	}
	return ls
}

func relLink(from string, l *Link) *Link {
	if l != nil {
		l.URL = href(from, l.URL)
	}
	return l
}
