package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// reportPage builds the front matter of one report page.
func reportPage(d *dataset, e *entry) ReportPage {
	r := e.rec
	prov := r.Provenance
	line := func(key string) int { return prov[key].Line }
	p := ReportPage{
		Page: Page{
			Title:       fmt.Sprintf("%s %d年度政府信息公开工作年度报告", r.Agency.Name, r.Report.Year),
			View:        "report",
			Description: fmt.Sprintf("%s%d年度政府信息公开工作年度报告的数据、表格和图表。", r.Agency.Name, r.Report.Year),
		},
		Agency:        Link{Name: r.Agency.Name, URL: agencyURL(e.slug)},
		Region:        d.regionTrail(r),
		Year:          r.Report.Year,
		Template:      r.Report.Template,
		TemplateLabel: templateLabel(r),
		Reviewed:      r.Report.Reviewed,
		Original:      e.originalName,
		Outputs:       []string{"html", "recordjson", "recordcsv"},
		Downloads: []Link{
			{Name: "TOML", URL: "record.toml", Note: "记录原文件"},
			{Name: "JSON", URL: "recordjson"},
			{Name: "CSV", URL: "recordcsv", Note: "长格式：机关、年度、表、行、列、数值"},
		},
	}
	if r.Report.Title != "" {
		p.Title = r.Report.Title
	}
	p.Crumbs = append([]Link{{Name: "首页", URL: ""}}, p.Region...)
	p.Crumbs = append(p.Crumbs, p.Agency)
	if r.Report.Published != nil {
		p.Published = r.Report.Published.String()
	}
	if s := r.Source; s != nil {
		p.SourceURL = safeOutboundURL(s.URL)
		p.Format = s.Format
		p.SHA256 = s.SHA256
	}
	sum := e.sum
	for _, spec := range schema.SummaryFigures {
		v := sum.Get(spec.Key)
		if v == nil {
			continue
		}
		f := Figure{Label: spec.Label, Value: charts.FormatInt(*v), Line: line(summaryPath(r, spec.Key))}
		if sum.Approx(spec.Key) {
			f.Value += "余"
		}
		p.Key = append(p.Key, f)
	}
	for _, c := range charts.Report(r) {
		p.Charts = append(p.Charts, chartFM(c))
	}
	p.Tables = reportTables(r)
	if n := r.Narrative; n != nil {
		for _, s := range []struct {
			h string
			t record.Text
		}{{"总体情况", n.Overview}, {"存在的主要问题及改进情况", n.ProblemsAndImprovements}, {"其他需要报告的事项", n.OtherMatters}} {
			if strings.TrimSpace(string(s.t)) != "" {
				p.Narrative = append(p.Narrative, Section{Heading: s.h, Paragraphs: paragraphs(string(s.t))})
			}
		}
	}
	checks := record.MergeChecks(r.Checks, record.Validate(r))
	if prev := d.byYear(e.slug, r.Report.Year-1); prev != nil {
		checks = record.MergeChecks(checks, record.CheckAcrossYears(prev.rec, r))
	}
	for _, c := range checks {
		sev := "提示"
		if c.Severity == record.SeverityError {
			sev = "错误"
		}
		p.Checks = append(p.Checks, CheckFM{Severity: sev, Rule: c.Rule, Message: c.Message, Key: c.Key})
	}
	p.Checks = nonNil(p.Checks)
	values := make(map[string]string)
	for _, f := range record.Figures(r) {
		values[f.Path] = formatFigure(f)
	}
	keys := make([]string, 0, len(prov))
	for k := range prov {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(prov[a].Line, prov[b].Line), cmp.Compare(a, b))
	})
	for _, k := range keys {
		p.Provenance = append(p.Provenance, ProvFM{Key: k, Value: values[k], Line: prov[k].Line, Text: prov[k].Text})
	}
	if prev := d.before(e); prev != nil {
		p.Prev = &Link{Name: strconv.Itoa(prev.year) + "年度", URL: reportURL(prev.slug, prev.year)}
	}
	if next := d.after(e); next != nil {
		p.Next = &Link{Name: strconv.Itoa(next.year) + "年度", URL: reportURL(next.slug, next.year)}
	}
	p.Charts = nonNil(p.Charts)
	p.Tables = nonNil(p.Tables)
	p.Narrative = nonNil(p.Narrative)
	p.Provenance = nonNil(p.Provenance)
	p.Key = nonNil(p.Key)
	if e.textPath != "" {
		p.Text = "text.txt"
	}
	return p
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// templateLabel names a record's template for readers.
func templateLabel(r *record.Record) string {
	if t := r.Template(); t != nil {
		return t.Label()
	}
	return r.Report.Template
}

// summaryPath is the record key a summary figure comes from, where it is one key
// the record gives, for its provenance line.
func summaryPath(r *record.Record, key string) string {
	t := r.Template()
	if t == nil {
		return ""
	}
	var found string
	for _, p := range t.Summary[key] {
		if r.Has(p) {
			if found != "" {
				return "" // a sum of several figures has no one line
			}
			found = p
		}
	}
	return found
}

// paragraphs splits report text into paragraphs at line breaks.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// safeOutboundURL returns u when it is an http(s) address, else "": a record's URL
// becomes a link, and only web addresses may.
func safeOutboundURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}

func formatFigure(f record.Figure) string {
	if f.IsInt {
		return charts.FormatInt(int64(f.Value))
	}
	return formatAmount(f.Value)
}

func formatAmount(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return s
	}
	out := charts.FormatInt(n)
	if frac != "" {
		out += "." + frac
	}
	return out
}

func chartFM(c charts.Chart) ChartFM {
	fm := ChartFM{ID: c.ID, Caption: c.Caption, Option: string(c.Option), Head: c.Table.Columns, Horizontal: c.Horizontal}
	for _, r := range c.Table.Rows {
		fm.Rows = append(fm.Rows, append([]string{r.Label}, r.Values...))
	}
	return fm
}
