package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// englishReport is the English version of a report page's body b, the zh-cn page
// of the record r at from (site-relative), for the page at en/<from>. The site's
// words are w's; the report's tables and charts are labelled in their template
// description's English (schema's En fields), with the same figures in the same
// cells; the record's words (names, title, narrative, check messages, source lines,
// the proactive breakdown's categories) stay as printed.
func englishReport(b reportBody, r *record.Record, w words, s *scope, from, template string) reportBody {
	to := langPrefix(w.lang) + from
	zh := func(u string) string { return rebase(from, to, u) }
	b.W = w
	// The crumbs, the agency and its regions have English pages at the same relative
	// place (lists.go), as do the home page and the reports before and after.
	b.Crumbs = append([]Link(nil), b.Crumbs...)
	if len(b.Crumbs) > 0 {
		b.Crumbs[0] = Link{Name: w.T("crumb_home"), URL: href(to, s.national(langPrefix(w.lang)))}
	}
	// The reports before and after have English pages too, at the same relative place.
	for _, l := range []**Link{&b.Prev, &b.Next} {
		if *l != nil {
			year := strings.TrimSuffix((**l).Name, "年度")
			*l = &Link{Name: year, URL: (**l).URL}
		}
	}
	b.TemplateLabel = w.T("r_template_name", template)
	b.ChecksURL = href(to, s.national(langPrefix(w.lang)+"checks/"))
	b.Original = zh(b.Original)
	if b.Text != "" {
		b.Text = zh(b.Text)
	}
	b.Downloads = append([]Link(nil), b.Downloads...)
	for i := range b.Downloads {
		d := &b.Downloads[i]
		d.URL = zh(d.URL)
		if d.Name == "本记录 TOML" {
			d.Name = w.T("r_record_toml")
		}
		d.Note = englishNote(d.Note, w)
		for _, f := range datasetFormats {
			if d.Name == f.label {
				d.Name = w.T("format_" + strings.ReplaceAll(f.ext, ".", "_"))
			}
		}
	}
	b.Key = append([]Figure(nil), b.Key...)
	for i := range b.Key {
		f := &b.Key[i]
		for _, sf := range schema.SummaryFigures {
			if f.Label == sf.Label && sf.En != "" {
				f.Label = sf.En
			}
		}
		f.Value = strings.Replace(f.Value, "余", w.T("r_approx"), 1)
		f.Prev = strings.Replace(f.Prev, "余", w.T("r_approx"), 1)
	}
	b.Rates = append([]rateView(nil), b.Rates...)
	for i := range b.Rates {
		b.Rates[i].Label = rateEn(b.Rates[i].Label)
	}
	b.Checks = append([]CheckFM(nil), b.Checks...)
	for i := range b.Checks {
		switch b.Checks[i].Severity {
		case checkError:
			b.Checks[i].Severity = w.T("r_error")
		case checkWarning:
			b.Checks[i].Severity = w.T("r_warning")
		}
	}
	b.Narrative = append([]Section(nil), b.Narrative...)
	for i := range b.Narrative {
		for zhKey, enKey := range map[string]string{"总体情况": "r_heading_overview", "存在的主要问题及改进情况": "r_heading_problems", "其他需要报告的事项": "r_heading_other"} {
			if b.Narrative[i].Heading == zhKey {
				b.Narrative[i].Heading = w.T(enKey)
			}
		}
	}
	if b.Tables != "" {
		b.Tables = gridsHTML(b.grids, tableWords{en: true, approx: w.T("r_approx"), flag: w.T("r_flag")})
	}
	if len(b.Charts) > 0 {
		b.Charts = inline(chartsOf(charts.ReportCompactOf(r, b.chartFigures, charts.English))) // charts.js names their tables, in English
	}
	return b
}

// rateEn is the English label of a derived rate's zh-CN label, or the label.
func rateEn(label string) string {
	for _, r := range schema.RateFigures {
		if r.Label == label && r.En != "" {
			return r.En
		}
	}
	for _, c := range schema.ChangeFigures {
		if c.Label == label && c.En != "" {
			return c.En
		}
	}
	return label
}

// englishNote is a dataset file's note on a report page ("湖北省 2024年度全部记录，
// 含本记录") in w's words.
func englishNote(note string, w words) string {
	place, rest, ok := strings.Cut(note, " ")
	if !ok {
		return note
	}
	var year int
	if _, err := fmt.Sscan(strings.TrimSuffix(rest, "年度全部记录，含本记录"), &year); err != nil {
		return note
	}
	if place == "未注明地区的机关" {
		place = w.T("r_no_province")
	}
	return w.T("r_partition_note", place, year)
}

// rebase is the link u of the page at from (site-relative, as href makes) as a link
// of the page at to. Absolute addresses and fragments stay as they are.
func rebase(from, to, u string) string {
	if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "/") || strings.Contains(u, "://") || strings.HasPrefix(u, "mailto:") {
		return u
	}
	target := path.Join(from, u)
	if strings.HasSuffix(u, "/") || u == "." || u == "./" || strings.HasSuffix(u, "..") {
		target += "/"
	}
	if target == "./" || target == "." || target == "/" {
		target = ""
	}
	return href(to, target)
}

// reportPageIn is a report page's front matter in w's language: its body is the
// English fragment (englishReport).
func reportPageIn(e *entry, w words) ReportPage {
	fm := reportPage(e)
	fm.Description = w.T("r_description", e.name, e.year)
	fm.Body = fragmentPath(langPrefix(w.lang) + reportURL(e.slug, e.year))
	return fm
}
