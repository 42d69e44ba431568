package site

import (
	"html/template"
	"strconv"
	"strings"
)

// A report page's body, written by hand as the tables are (html.go): a template
// action a value, and html/template's escaper call or three on each, were most of
// what a body cost (a real report has some 200 figures with a source line). Every
// value is escaped here (htmlWriter); the one address from a record, its source's,
// goes through html/template (sourceLink).
//
// Its lists leave out the end tags of their items (</li>), as its tables leave out
// those of their cells and rows (writeGridRow): HTML makes them optional.

// writeFigures writes the key figures: a <dl>, each figure its label, its value
// (linked to its source line when the record gives one) and, when the agency's
// report of the year before gives it too, that year's figure and the change. dt and
// dd have no end tags, which HTML makes optional.
func writeFigures(h *htmlWriter, w words, fs []Figure) {
	h.raw(`<dl class="figures">`)
	for _, f := range fs {
		h.raw("\n<div><dt>")
		h.escape(f.Label)
		h.raw("<dd>")
		if f.Line > 0 {
			h.raw(`<a href="#L` + strconv.Itoa(f.Line) + `"`)
			h.attr("title", w.T("figure_line", f.Line))
			h.raw(">")
			h.escape(f.Value)
			h.raw("</a>")
		} else {
			h.escape(f.Value)
		}
		if f.Prev != "" && f.Change.set {
			h.raw(`<dd>`) // the year before's figure, and on a line of its own the change
			h.escape(w.T("figure_prev") + f.Prev)
			h.raw("<br>")
			h.escape(f.Change.text(w))
		}
		h.raw("</div>")
	}
	h.raw("\n</dl>")
}

// writeRates writes the derived rates and changes, each with the counts it divides,
// marked when it rests on few cases.
func writeRates(h *htmlWriter, w words, rs []rateView) {
	h.raw(`<ul class="rates">`)
	for _, r := range rs {
		h.raw("\n<li>")
		h.escape(r.Label + w.T("colon"))
		h.raw("<strong>")
		h.escape(r.Percent)
		h.raw("</strong>")
		counts := r.Counts
		if r.Diff != "" {
			counts = w.T("r_change_counts", r.Diff, r.Before)
		}
		h.escape(w.T("paren", counts))
		if r.Small {
			h.raw(` <span class="small-base">`)
			h.escape(w.T("r_small"))
			h.raw("</span>")
		}
	}
	h.raw("\n</ul>")
}

// writeNarrative writes the narrative's sections: a heading each, its paragraphs,
// the sentences the report of the year before has too in <mark>.
func writeNarrative(h *htmlWriter, ss []Section) {
	for _, s := range ss {
		h.raw("\n<h3>")
		h.escape(s.Heading)
		h.raw("</h3>\n")
		for _, p := range s.Paragraphs {
			h.raw("<p>")
			for _, sp := range p {
				if sp.Repeated {
					h.raw("<mark>")
					h.escape(sp.Text)
					h.raw("</mark>")
				} else {
					h.escape(sp.Text)
				}
			}
			h.raw("</p>")
		}
	}
}

// writeProvenance writes the rows of the table of provenance: a figure's key and
// value, and the line it was read from with that line's text, shared by the figures
// quoted from one line (provRows). Cells and rows have no end tags (writeGridRow).
func writeProvenance(h *htmlWriter, ps []ProvFM) {
	for _, p := range provRows(ps) {
		h.raw("\n<tr><th>") // a key, in code's font (site.css); its row's header (writeGridRow)
		h.escape(p.Key)
		h.raw("<td>")
		h.escape(p.Value)
		if p.Span == 0 {
			continue
		}
		span := ""
		if p.Span > 1 {
			span = ` rowspan="` + strconv.Itoa(p.Span) + `"`
		}
		h.raw("<td" + span + `><a href="#L` + strconv.Itoa(p.Line) + `">` + strconv.Itoa(p.Line) + "</a><td" + span + ">")
		h.escape(p.Text)
	}
}

// reportHTML writes a report page's body: everything the page shows below the
// site's header: crumbs, the page's header, contents, key figures and rates,
// charts, the report's tables, narrative, checks, sources and downloads,
// provenance and the source text's box, and the years before and after.
func reportHTML(b reportBody) []byte { return appendReportHTML(make([]byte, 0, 16<<10), b) }

// appendReportHTML appends b's HTML (reportHTML) to dst: a build writes every body
// into one buffer of a scan worker's, in turn.
func appendReportHTML(dst []byte, b reportBody) []byte {
	t := b.W.T
	h := htmlWriter{b: dst}
	if len(b.Crumbs) > 0 {
		h.raw("\n<nav class=\"crumbs\"")
		h.attr("aria-label", t("crumbs"))
		h.raw(">\n<ol>")
		for _, c := range b.Crumbs {
			h.item(c.URL, c.Name)
		}
		h.raw("</ol>\n</nav>")
	}
	h.raw("\n<article class=\"report\">\n<header class=\"page-head\">\n<p class=\"kicker\"><a")
	h.attr("href", b.Agency.URL)
	h.raw(">")
	h.escape(b.Agency.Name)
	h.raw("</a> · ")
	h.escape(t("r_year", b.Year))
	h.raw("</p>\n<h1>")
	h.escape(b.Title)
	h.raw("</h1>\n<ul class=\"meta\">\n<li>")
	h.escape(t("r_template") + b.TemplateLabel)
	if b.Published != "" {
		h.raw("<li>")
		h.escape(t("r_published") + b.Published)
	}
	h.raw("\n<li>")
	if b.Reviewed {
		h.escape(t("r_reviewed"))
	} else {
		h.escape(t("r_unreviewed"))
	}
	// (The agency's regions are not repeated here: the crumbs above link them.)
	h.raw("\n</ul>\n</header>\n")
	h.prevNext(b)
	h.raw("\n<nav class=\"toc\"")
	h.attr("aria-label", t("r_toc"))
	h.raw(">\n<ul>\n")
	h.item("#key", t("r_key"))
	if len(b.Charts) > 0 {
		h.item("#charts", t("r_charts"))
	}
	if b.Tables != "" {
		h.item("#tables", t("r_tables"))
	}
	if len(b.Narrative) > 0 {
		h.item("#narrative", t("r_narrative"))
	}
	h.raw("\n")
	h.item("#checks", t("r_checks"))
	h.raw("\n")
	h.item("#source", t("r_source"))
	h.raw("\n</ul>\n</nav>\n\n")

	h.section("key", t("r_key"))
	h.raw("\n")
	if len(b.Key) > 0 {
		writeFigures(&h, b.W, b.Key)
	} else {
		h.raw("<p>")
		h.escape(t("r_no_key"))
		h.raw("</p>")
	}
	h.hint(t("r_key_hint"))
	if len(b.Rates) > 0 {
		h.raw("\n<h3>")
		h.escape(t("r_rates"))
		h.raw("</h3>\n")
		writeRates(&h, b.W, b.Rates)
		h.raw("\n<p class=\"hint\">")
		h.escape(t("r_rates_hint_before"))
		h.anchor(b.ChecksURL, t("r_rates_hint_link"))
		h.escape(t("r_rates_hint_after"))
		h.raw("</p>")
	}
	h.raw("\n</section>")

	if len(b.Charts) > 0 {
		h.raw("\n")
		h.section("charts", t("r_charts"))
		// The charts' tables are the script's to make (chartView.Inline): without
		// JavaScript the style sheet shows this line instead of the charts.
		h.raw("\n<p class=\"hint nojs-only\">")
		h.escape(t("r_charts_nojs"))
		h.raw("</p>\n")
		writeCharts(&h, b.Charts)
		h.raw("\n</section>")
	}
	if b.Tables != "" {
		h.raw("\n")
		h.section("tables", t("r_tables"))
		h.raw("\n<p class=\"hint\">")
		if b.TextTables {
			h.escape(t("r_tables_text"))
		} else {
			h.escape(t("r_tables_layout"))
		}
		if len(b.Provenance) > 0 {
			h.escape(t("r_tables_click"))
			h.anchor("#source", t("r_source"))
			h.escape(t("r_tables_click_after"))
		}
		h.raw("</p>\n")
		h.raw(string(b.Tables))
		h.raw("\n</section>")
	}
	if len(b.Narrative) > 0 {
		h.raw("\n")
		h.section("narrative", t("r_narrative"))
		if u := b.Reuse; u != nil {
			h.raw("\n<p class=\"reuse\">")
			h.escape(t("r_reuse", u.Year))
			h.raw("<strong>")
			h.escape(u.Percent)
			h.raw("</strong>")
			h.escape(t("r_reuse_by"))
			if u.Passages > 0 {
				h.escape(t("r_reuse_marked", u.Passages))
			}
			h.escape(t("r_reuse_end"))
			h.raw("</p>")
		}
		writeNarrative(&h, b.Narrative)
		h.raw("\n</section>")
	}

	h.raw("\n\n")
	h.section("checks", t("r_checks"))
	if len(b.Checks) > 0 {
		h.raw("\n<p>")
		h.escape(t("r_checks_found"))
		h.raw("</p>\n<ul class=\"checks\">")
		for _, c := range b.Checks {
			h.raw("\n<li class=\"check\"><strong>")
			h.escape(c.Severity)
			h.raw("</strong> ")
			h.escape(c.Message)
			h.raw(" <code>")
			h.escape(c.Rule)
			h.raw("</code>")
			if c.Key != "" {
				h.raw(" <code>")
				h.escape(c.Key)
				h.raw("</code>")
			}
			if len(c.Figures) > 0 {
				h.raw("<br><span class=\"concerns\">")
				h.escape(t("r_concerns"))
				for i, f := range c.Figures {
					if i > 0 {
						h.escape(t("r_concerns_sep"))
					}
					h.escape(f)
				}
				h.raw("</span>")
			}
		}
		h.raw("\n</ul>")
	} else {
		h.raw("\n<p>")
		h.escape(t("r_checks_none"))
		h.raw("</p>")
	}
	h.raw("\n</section>\n\n")

	h.section("source", t("r_source"))
	h.raw("\n<ul class=\"downloads\">")
	if b.SourceURL != "" {
		h.raw("<li>")
		h.escape(t("r_source_url"))
		h.raw(sourceLink(b.SourceURL))
	}
	if b.Original != "" {
		h.raw("<li>")
		h.download(b.Original, t("r_original"))
		if b.Format != "" {
			h.escape(t("paren", b.Format))
		}
	}
	for _, d := range b.Downloads {
		if d.Note == "" {
			h.raw("<li>")
			h.download(d.URL, d.Name)
		}
	}
	// The dataset files of the report's year and province: one line, their note once.
	if ds := b.DatasetFiles(); len(ds) > 0 {
		h.raw("<li>")
		h.escape(ds[0].Note + t("colon"))
		for i, d := range ds {
			if i > 0 {
				h.raw(" · ")
			}
			h.anchor(d.URL, d.Name)
		}
	}
	h.raw("\n</ul>")
	if b.SHA256 != "" {
		h.raw("<p class=\"hint\">")
		h.escape(t("r_sha"))
		h.raw("<code class=\"hash\">")
		h.escape(b.SHA256)
		h.raw("</code></p>")
	}
	if len(b.Provenance) > 0 {
		h.raw("\n<details class=\"provenance\">\n<summary>")
		h.escape(t("r_prov", len(b.Provenance)))
		h.raw("</summary>\n<div class=\"table-wrap\"><table class=\"sources\"><caption class=\"visually-hidden\">")
		h.escape(t("r_prov_caption"))
		h.raw("</caption>\n<thead><tr>")
		for _, k := range []string{"r_prov_key", "r_prov_value", "r_prov_line", "r_prov_text"} {
			h.raw("<th>") // a column's header in <thead> (writeGridRow)
			h.escape(t(k))
		}
		h.raw("</thead>\n<tbody>")
		// The figures quoted from one line share its cells (provRows); the style
		// sheet aligns the value and line columns as figures.
		writeProvenance(&h, b.Provenance)
		h.raw("\n</tbody></table></div>\n</details>")
	}
	if b.Text != "" {
		h.raw("\n<details class=\"source-text\" id=\"text\"")
		h.attr("data-text", b.Text)
		h.raw(">\n<summary>")
		h.escape(t("r_text"))
		h.raw("</summary>\n<p class=\"hint\">")
		h.download(b.Text, t("r_text_download"))
		h.escape(t("r_text_hint"))
		h.raw("</p>\n<ol class=\"lines\"></ol>\n</details>")
	}
	h.raw("\n</section>\n")
	h.prevNext(b)
	h.raw("\n</article>")
	return h.b
}

// item writes <li><a href="url">text</a>: a crumb, an entry of the contents.
func (w *htmlWriter) item(url, text string) {
	w.raw("<li>")
	w.anchor(url, text)
}

// anchor writes <a href="url">text</a>.
func (w *htmlWriter) anchor(url, text string) { w.link(url, "", text) }

// download writes <a href="url" download>text</a>: a file to save, not a page.
func (w *htmlWriter) download(url, text string) { w.link(url, " download", text) }

// link writes <a href="url"attrs>text</a>; attrs is markup, never a report's text.
func (w *htmlWriter) link(url, attrs, text string) {
	w.raw("<a")
	w.attr("href", url)
	w.raw(attrs + ">")
	w.escape(text)
	w.raw("</a>")
}

// section opens <section id="id"> with its heading.
func (w *htmlWriter) section(id, heading string) {
	w.raw("<section id=\"" + id + "\" aria-labelledby=\"" + id + "-h\">\n<h2 id=\"" + id + "-h\">")
	w.escape(heading)
	w.raw("</h2>")
}

// hint writes a <p class="hint">.
func (w *htmlWriter) hint(text string) {
	w.raw("\n<p class=\"hint\">")
	w.escape(text)
	w.raw("</p>")
}

// prevNext writes the links to the agency's reports of the years before and after.
func (w *htmlWriter) prevNext(b reportBody) {
	if b.Prev == nil && b.Next == nil {
		return
	}
	w.raw("<nav class=\"prevnext\"")
	w.attr("aria-label", b.W.T("prevnext"))
	w.raw(">")
	if b.Prev != nil {
		w.raw("<a rel=\"prev\"")
		w.attr("href", b.Prev.URL)
		w.raw(">← ")
		w.escape(b.Prev.Name)
		w.raw("</a>")
	}
	if b.Next != nil {
		w.raw("<a rel=\"next\"")
		w.attr("href", b.Next.URL)
		w.raw(">")
		w.escape(b.Next.Name)
		w.raw(" →</a>")
	}
	w.raw("\n</nav>")
}

// sourceTemplate writes a report's source address as a link: the address is the
// record's, so it goes through html/template's URL filtering and normalising, as
// every other value from a record goes through escape.
var sourceTemplate = template.Must(template.New("source").Parse(`<a class="url" href="{{ . }}" rel="nofollow noopener external">{{ . }}</a>`))

func sourceLink(u string) string {
	var b strings.Builder
	if err := sourceTemplate.Execute(&b, u); err != nil {
		return ""
	}
	return b.String()
}
