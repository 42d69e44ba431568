package site

import (
	"html/template"
	"strconv"
)

// The repeated parts of a report page's body: its key figures, rates, narrative and
// table of provenance, written by hand as the tables are (html.go), because a
// template action an item was most of the time a body took (a real report has some
// 200 figures with a source line). templates/report.html calls them; every value is
// escaped here (htmlWriter).

// figuresHTML writes the key figures: a <dl>, each figure its label, its value
// (linked to its source line when the record gives one) and, when the agency's
// report of the year before gives it too, that year's figure and the change. dt and
// dd have no end tags, which HTML makes optional.
func figuresHTML(w words, fs []Figure) template.HTML {
	var h htmlWriter
	h.raw(`<dl class="figures">`)
	for _, f := range fs {
		h.raw("\n  <div><dt>")
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
		if f.Prev != "" {
			h.raw(`<dd class="figure-prev"><span>`)
			h.escape(w.T("figure_prev") + f.Prev)
			h.raw("</span> <span>")
			h.escape(f.Change)
			h.raw("</span>")
		}
		h.raw("</div>")
	}
	h.raw("\n</dl>")
	return h.html()
}

// ratesHTML writes the derived rates and changes, each with the counts it divides,
// marked when it rests on few cases.
func ratesHTML(w words, rs []rateView) template.HTML {
	var h htmlWriter
	h.raw(`<ul class="rates">`)
	for _, r := range rs {
		h.raw("\n    <li>")
		h.escape(r.Label + w.T("colon"))
		h.raw("<strong>")
		h.escape(r.Percent)
		h.raw("</strong>")
		h.escape(w.T("paren", r.Counts))
		if r.Small {
			h.raw(` <span class="small-base">`)
			h.escape(w.T("r_small"))
			h.raw("</span>")
		}
		h.raw("</li>")
	}
	h.raw("\n  </ul>")
	return h.html()
}

// narrativeHTML writes the narrative's sections: a heading each, its paragraphs,
// the sentences the report of the year before has too in <mark>.
func narrativeHTML(ss []Section) template.HTML {
	var h htmlWriter
	for _, s := range ss {
		h.raw("\n  <h3>")
		h.escape(s.Heading)
		h.raw("</h3>\n  ")
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
	return h.html()
}

// provenanceHTML writes the rows of the table of provenance: a figure's key and
// value, and the line it was read from with that line's text, shared by the figures
// quoted from one line (provRows). Cells and rows have no end tags (writeGridRow).
func provenanceHTML(ps []ProvFM) template.HTML {
	var h htmlWriter
	for _, p := range provRows(ps) {
		h.raw("\n<tr><th scope=\"row\"><code>")
		h.escape(p.Key)
		h.raw("</code><td>")
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
	return h.html()
}
