package site

import (
	"cmp"
	"html/template"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/charts"
)

// The report tables and the tables of lists are the bulk of the site's HTML: a
// report page has hundreds of cells, a list page a hundred rows. They are written
// here, by hand, rather than by a template, because a template action per cell is
// most of a build's time (Hugo's partial per cell took half of it). Every piece of
// text goes through escape, and every attribute value is double-quoted and escaped,
// so nothing from a report can become markup: the result is as safe as
// html/template's, and is handed to the body templates as template.HTML.

// htmlWriter builds an HTML fragment.
type htmlWriter struct{ b []byte }

// escape writes s as text or as a double-quoted attribute value.
func (w *htmlWriter) escape(s string) { w.b = append(w.b, template.HTMLEscapeString(s)...) }

func (w *htmlWriter) raw(s string) { w.b = append(w.b, s...) }

// attr writes ` name="value"`, the value escaped.
func (w *htmlWriter) attr(name, value string) {
	w.raw(" " + name + `="`)
	w.escape(value)
	w.raw(`"`)
}

func (w *htmlWriter) intAttr(name string, n int) {
	w.raw(" " + name + `="` + strconv.Itoa(n) + `"`)
}

func (w *htmlWriter) html() template.HTML { return template.HTML(w.b) }

// href is the address of target as written on the page at from: a site-relative
// target (a path without a leading slash, "agency/x/2017/") becomes a relative
// address ("../../agency/x/2017/"), so the page works under any base URL; an
// absolute address (another shard's, "https://…" or "/…") is kept.
func href(from, target string) string {
	if strings.HasPrefix(target, "/") || strings.Contains(target, "://") || strings.HasPrefix(target, "#") {
		return target
	}
	// from is a folder ("year/2017/"), target a folder or a file; drop the folders
	// they share.
	fs := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" {
		fs = nil
	}
	ts := strings.Split(target, "/")
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if rel == "" {
		return "./"
	}
	return rel
}

// writeGrid writes a report table laid out as its template prints it.
func writeGrid(w *htmlWriter, g Grid, tw tableWords) {
	w.raw(`<div class="table-wrap"><table class="grid"`)
	w.attr("id", g.ID)
	w.raw("><caption>")
	w.escape(tw.pick(g.Caption, g.CaptionEn))
	w.raw("</caption>\n<thead>")
	for _, row := range g.Head {
		writeGridRow(w, row, tw)
	}
	w.raw("</thead>\n<tbody>")
	for _, row := range g.Body {
		writeGridRow(w, row, tw)
	}
	w.raw("</tbody></table></div>\n")
	if note := tw.pick(g.Note, g.NoteEn); note != "" && !headSays(g, note, tw) {
		w.raw(`<p class="hint">`)
		w.escape(note)
		w.raw("</p>\n")
	}
}

// headSays reports whether a header cell of g prints note already, in tw's words
// (the requests table's corner: （本列数据的勾稽关系为：…）), which then is not
// written again below.
func headSays(g Grid, note string, tw tableWords) bool {
	for _, row := range g.Head {
		for _, c := range row {
			if strings.Contains(tw.pick(c.Text, c.En), strings.TrimSuffix(note, ".")) {
				return true
			}
		}
	}
	return false
}

// writeGridRow writes a row of a report table in tw's words; tw.flag starts the
// title of a cell a check concerns, tw.approx follows an approximate figure. A
// figure cell is a plain <td> (the style sheet aligns a grid's cells as figures);
// when the record says which line of the source text it came from, the cell says so
// in data-l, and static/js/cells.js shows that line when the cell is clicked. Not a
// link: a report table has hundreds of cells, and a link each made hundreds of tab
// stops for a keyboard user (and every byte of a cell is paid hundreds of times).
// Keyboards and screen readers find every figure's line in the provenance table
// below.
//
// The tables the site writes leave out the end tags of cells and rows (</td>,
// </th>, </tr>), which HTML makes optional: a report table has hundreds of cells,
// and the three tags were about a tenth of a report page. For the same reason a
// header cell has no scope where its place makes it a header already, in HTML's
// auto state and in the browsers' accessibility trees (TestHeaderCells): a <th> in
// <thead> is its column's header, and the one <th> leading a row of <td> (a list's,
// the provenance's, a chart table's) its row's. A template table's row headers keep
// scope="row" and "rowgroup": their rows can start with two header cells. A header
// that spans columns keeps scope="colgroup".
func writeGridRow(w *htmlWriter, row []Cell, tw tableWords) {
	w.raw("<tr>")
	for _, c := range row {
		if c.Header {
			w.raw("<th")
			if c.Scope != "" {
				w.attr("scope", c.Scope)
			}
		} else {
			w.raw("<td")
		}
		if c.Colspan > 1 {
			w.intAttr("colspan", c.Colspan)
		}
		if c.Rowspan > 1 {
			w.intAttr("rowspan", c.Rowspan)
		}
		if c.Flag != "" {
			w.raw(` class="flagged"`)
			w.attr("title", cmp.Or(tw.flag, "核对提示：")+c.Flag)
		}
		if !c.Header && c.Line > 0 {
			w.intAttr("data-l", c.Line)
		}
		w.raw(">")
		w.escape(tw.pick(c.Text, c.En))
		if c.Approx {
			w.escape(cmp.Or(tw.approx, "余"))
		}
	}
	w.raw("\n")
}

// writeCharts writes charts: each a figure with its caption, the drawing area
// (drawn by static/js/site.js from the ECharts option in data-chart) and the same
// figures as a table. The option is JSON in a single-quoted attribute, where its
// double quotes need no escaping; &, ' < and > are escaped.
func writeCharts(w *htmlWriter, cs []chartView) {
	if len(cs) == 0 {
		return
	}
	w.raw(`<div class="charts">` + "\n")
	for _, c := range cs {
		if c.Height > tallChart {
			w.raw(`<figure class="chart-figure chart-tall"`)
		} else {
			w.raw(`<figure class="chart-figure"`)
		}
		// A figure is named by its figcaption; an inline chart's caption is given
		// its id by the script (inlineTable).
		w.raw("><figcaption")
		if !c.Inline {
			w.attr("id", c.ID+"-cap")
		}
		w.raw(">")
		w.escape(c.Caption)
		w.raw(`</figcaption><div class="chart"`)
		w.attr("id", c.ID)
		w.raw(" data-chart='")
		if c.Inline {
			w.raw(singleQuoted.Replace(inlineOption(c)))
		} else {
			w.raw(singleQuoted.Replace(c.Option))
		}
		w.raw("'")
		if c.Height != chartHeight { // the height the script and style sheet assume
			w.intAttr("data-height", c.Height)
		}
		if c.Inline {
			// The drawing, its folded table and their names are the script's to
			// make, from data-chart (chartView.Inline): without it, the area stays
			// empty and the page's own tables give the figures.
			w.raw("></div></figure>\n")
			continue
		}
		// The caption names the drawing and its table (aria-labelledby), rather
		// than be written twice more.
		w.raw(` role="img"`)
		w.attr("aria-labelledby", c.ID+"-cap")
		w.raw("></div>\n" + `<details class="chart-data" open><summary>`)
		w.escape(cmp.Or(c.DataLabel, "数据表"))
		w.raw(`</summary><div class="table-wrap"><table`)
		w.attr("aria-labelledby", c.ID+"-cap")
		w.raw("><thead><tr>")
		for _, h := range c.Head {
			w.raw(`<th>`) // a column's header in <thead> (writeGridRow)
			w.escape(h)
		}
		w.raw("</thead><tbody>") // no </td>, </th> or </tr> (writeGridRow)
		for _, r := range c.Rows {
			w.raw("<tr>")
			for i, v := range r {
				if i == 0 {
					w.raw(`<th>`) // its row's header (writeGridRow)
				} else {
					w.raw("<td>")
				}
				w.escape(v)
			}
		}
		w.raw("</tbody></table></div></details></figure>\n")
	}
	w.raw("</div>\n")
}

// inlineOption is a chart's compact option with its table in it, for
// static/js/charts.js to make the table from: "head" (the column headers) and
// "rows" (each row's header, then its figures as printed); or, for a chart whose
// template gives its table's words (chartView.Labels), their key, "labels", and
// "rows" of its figures alone, as numbers (null where the record gives none).
func inlineOption(c chartView) string {
	if !strings.HasSuffix(c.Option, "}") {
		return c.Option // a compact option is an object
	}
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(c.Option, "}"))
	if c.Labels != "" {
		b.WriteString(`,"labels":`)
		b.Write(appendJSONString(nil, c.Labels))
	} else {
		b.WriteString(`,"head":[`)
		for i, h := range c.Head {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(appendJSONString(nil, h))
		}
		b.WriteByte(']')
	}
	b.WriteString(`,"rows":[`)
	for i, r := range c.Rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		cells := r
		if c.Labels != "" && len(r) > 0 {
			cells = r[1:]
		}
		for j, v := range cells {
			if j > 0 {
				b.WriteByte(',')
			}
			if c.Labels != "" {
				b.WriteString(jsonFigure(v))
			} else {
				b.Write(appendJSONString(nil, v))
			}
		}
		b.WriteByte(']')
	}
	b.WriteString("]}")
	return b.String()
}

// jsonFigure is a figure as charts.Format writes it ("3,985,758", "—") as a JSON
// number, or null where the record gives none; anything else stays a string.
func jsonFigure(v string) string {
	if v == "—" {
		return "null"
	}
	digits := strings.ReplaceAll(v, ",", "")
	if n, err := strconv.ParseInt(digits, 10, 64); err == nil && charts.FormatInt(n) == v {
		return digits
	}
	return string(appendJSONString(nil, v))
}

// tallChart is the height in pixels above which a chart takes the whole width of
// the page's grid of charts, rather than leave a column empty beside it.
const tallChart = 520

// singleQuoted escapes text for a single-quoted attribute value.
var singleQuoted = strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;")

// chartsHTML writes charts (writeCharts).
func chartsHTML(cs []chartView) template.HTML {
	var w htmlWriter
	writeCharts(&w, cs)
	return w.html()
}

// writeListTable writes a table of reports or agencies in its default order. The
// table is sortable in the browser (static/js/site.js): a numeric cell carries its
// value in data-v, and a column's th says how it sorts (data-sort="num" or "text").
// The hint "点击列名可按该列排序" is the style sheet's, shown only once the headers are
// sort buttons: a table without them (one row, no JavaScript) does not claim to sort.
func writeListTable(w *htmlWriter, from string, t SortTable) {
	w.raw(`<div class="table-wrap"><table class="list sortable"><caption>`)
	w.escape(t.Caption)
	if t.Total > len(t.Rows) {
		w.raw("（共" + strconv.Itoa(t.Total) + "份，本页" + strconv.Itoa(len(t.Rows)) + "份）")
	} else {
		w.raw("（" + strconv.Itoa(t.Total) + "份）")
	}
	w.raw("</caption>\n<thead><tr>")
	for _, c := range t.Columns {
		w.raw(`<th`) // a column's header in <thead> (writeGridRow)
		if c.Num {
			w.raw(` class="num" data-sort="num"`)
		} else {
			w.raw(` data-sort="text"`)
		}
		if c.Current && c.Descending {
			w.raw(` aria-sort="descending"`)
		} else if c.Current {
			w.raw(` aria-sort="ascending"`)
		}
		w.raw(">")
		w.escape(c.Label)
	}
	w.raw("</thead>\n<tbody>\n") // no </td>, </th> or </tr> (writeGridRow)
	for _, row := range t.Rows {
		w.raw("<tr>")
		for i, c := range row {
			tag := "td"
			if i == 0 {
				tag = "th"
			}
			w.raw("<" + tag) // the <th> its row's header (writeGridRow)
			if c.ID != "" {
				w.attr("id", c.ID)
			}
			if c.URL == "" && i > 0 {
				w.raw(` class="num"`)
			}
			if c.Value != nil {
				w.raw(` data-v="` + strconv.FormatInt(*c.Value, 10) + `"`)
			}
			w.raw(">")
			if c.URL != "" {
				w.anchor(href(from, c.URL), c.Text)
			} else {
				w.escape(c.Text)
			}
		}
		w.raw("\n")
	}
	w.raw("</tbody></table></div>\n")
}

// writePager writes the links between the pages of a long list: the previous and
// next page and every page by number. base is page 1's URL; page n is pageURL(base, n).
func writePager(w *htmlWriter, from, base string, page, pages int) {
	if pages < 2 {
		return
	}
	w.raw(`<nav class="pager" aria-label="分页"><ul>`)
	if page > 1 {
		w.raw(`<li><a rel="prev"`)
		w.attr("href", href(from, pageURL(base, page-1)))
		w.raw(">← 上一页</a></li>")
	}
	for n := 1; n <= pages; n++ {
		if n == page {
			w.raw(`<li><span aria-current="page">` + strconv.Itoa(n) + "</span></li>")
			continue
		}
		w.raw("<li><a")
		w.attr("href", href(from, pageURL(base, n)))
		w.raw(">" + strconv.Itoa(n) + "</a></li>")
	}
	if page < pages {
		w.raw(`<li><a rel="next"`)
		w.attr("href", href(from, pageURL(base, page+1)))
		w.raw(">下一页 →</a></li>")
	}
	w.raw("</ul></nav>\n")
}

// pageURL is where page n of the list at base lives: base itself for page 1.
func pageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}
