package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
)

// sortKey is an order a table of reports can be shown in.
type sortKey struct {
	key, label string // key "" is the default order: by agency, then year
}

// sortKeys are the orders every table of reports is pre-rendered in.
var sortKeys = []sortKey{
	{"", "机关"}, {"proactive", "主动公开"}, {"received", "收到申请"}, {"granted", "予以公开"},
	{"denied", "不予公开"}, {"reviews", "行政复议"}, {"lawsuits", "行政诉讼"},
}

// sortURL is where a list's table sorted by key lives.
func sortURL(base, key string) string {
	if key == "" {
		return base
	}
	return base + "sort-" + key + "/"
}

// reportTable builds the table of entries in the order of key. base is the list's
// URL; withYear adds the year column (region lists span years).
func reportTable(caption, base string, es []*entry, key string, withYear bool) SortTable {
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b *entry) int {
		if key != "" {
			va, vb := a.sum.Get(key), b.sum.Get(key)
			switch {
			case va == nil && vb != nil:
				return 1
			case va != nil && vb == nil:
				return -1
			case va != nil && vb != nil && *va != *vb:
				return cmp.Compare(*vb, *va) // largest first
			}
		}
		return cmp.Or(cmp.Compare(a.rec.Agency.Name, b.rec.Agency.Name), cmp.Compare(b.year, a.year), cmp.Compare(a.slug, b.slug))
	})
	t := SortTable{Caption: caption, Total: len(sorted)}
	for _, s := range sortKeys {
		col := SortCol{Label: s.label, Num: s.key != "", URL: sortURL(base, s.key), Current: s.key == key}
		if col.Current || len(es) < 2 {
			col.URL = "" // a table of one row has no other order
		}
		t.Columns = append(t.Columns, col)
		if s.key == "" && withYear {
			t.Columns = append(t.Columns, SortCol{Label: "年度"})
		}
	}
	for _, e := range sorted {
		row := []LinkCell{{Text: e.rec.Agency.Name, URL: agencyURL(e.slug)}}
		if withYear {
			row = append(row, LinkCell{Text: strconv.Itoa(e.year), URL: reportURL(e.slug, e.year)})
		}
		for _, s := range sortKeys[1:] {
			row = append(row, LinkCell{Text: charts.Format(e.sum.Get(s.key))})
		}
		t.Rows = append(t.Rows, row)
	}
	if t.Rows == nil {
		t.Rows = [][]LinkCell{}
	}
	return t
}

// agencyPage builds /agency/<slug>/: all the agency's years, with trend charts.
func agencyPage(d *dataset, slug string) AgencyPage {
	es := d.bySlug[slug]
	last := es[len(es)-1].rec
	p := AgencyPage{
		Page: Page{Title: last.Agency.Name, View: "agency",
			Description: fmt.Sprintf("%s历年政府信息公开工作年度报告（%d—%d年度）的数据和趋势。", last.Agency.Name, es[0].year, es[len(es)-1].year)},
		Name:   last.Agency.Name,
		Region: d.regionTrail(last),
	}
	p.Crumbs = append([]Link{{Name: "首页", URL: ""}}, p.Region...)
	t := SortTable{Caption: "历年报告", Total: len(es)}
	t.Columns = append(t.Columns, SortCol{Label: "年度"}, SortCol{Label: "模板"})
	for _, s := range sortKeys[1:] {
		t.Columns = append(t.Columns, SortCol{Label: s.label, Num: true})
	}
	var years []string
	var sums []record.Summary
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		row := []LinkCell{{Text: strconv.Itoa(e.year) + "年度", URL: reportURL(slug, e.year)}, {Text: e.rec.Report.Template + "年版"}}
		for _, s := range sortKeys[1:] {
			row = append(row, LinkCell{Text: charts.Format(e.sum.Get(s.key))})
		}
		t.Rows = append(t.Rows, row)
	}
	for _, e := range es {
		years = append(years, strconv.Itoa(e.year))
		sums = append(sums, e.sum)
	}
	p.Reports = t
	for _, c := range charts.Trend("chart-trend", "历年", years, sums) {
		p.Charts = append(p.Charts, chartFM(c))
	}
	p.Charts = nonNil(p.Charts)
	return p
}

// byYearCharts sums the entries per year and charts the trends.
func byYearCharts(prefix, scope string, es []*entry) []ChartFM {
	sums := map[int]*record.Summary{}
	var years []int
	for _, e := range es {
		s, ok := sums[e.year]
		if !ok {
			s = &record.Summary{}
			sums[e.year] = s
			years = append(years, e.year)
		}
		s.Add(e.sum)
	}
	slices.Sort(years)
	var labels []string
	var list []record.Summary
	for _, y := range years {
		labels = append(labels, strconv.Itoa(y))
		list = append(list, *sums[y])
	}
	var out []ChartFM
	for _, c := range charts.Trend(prefix, scope, labels, list) {
		out = append(out, chartFM(c))
	}
	return out
}

// byRegionCharts chart the requests received and the items disclosed
// proactively per region, one chart each: their scales differ by orders of magnitude.
func byRegionCharts(id, scope string, d *dataset, codes []string, es func(code string) []*entry) []ChartFM {
	var names []string
	var proactive, received []*int64
	for _, code := range codes {
		var s record.Summary
		for _, e := range es(code) {
			s.Add(e.sum)
		}
		names = append(names, d.regions[code].name)
		proactive = append(proactive, s.Get("proactive"))
		received = append(received, s.Get("received"))
	}
	var out []ChartFM
	if c, ok := charts.ByCategory(id+"-received", scope+"：收到政府信息公开申请合计（件）", "地区", names, []charts.Series{{Name: "收到申请", Values: received}}); ok {
		out = append(out, chartFM(c))
	}
	if c, ok := charts.ByCategory(id+"-proactive", scope+"：主动公开政府信息合计（条）", "地区", names, []charts.Series{{Name: "主动公开", Values: proactive}}); ok {
		out = append(out, chartFM(c))
	}
	return out
}

// keyFigures are the headline counts of a set of reports.
func keyFigures(es []*entry) []Figure {
	agencies := map[string]bool{}
	var s record.Summary
	for _, e := range es {
		agencies[e.slug] = true
		s.Add(e.sum)
	}
	out := []Figure{
		{Label: "报告", Value: charts.FormatInt(int64(len(es))) + "份"},
		{Label: "机关", Value: charts.FormatInt(int64(len(agencies))) + "个"},
	}
	for _, f := range []struct{ key, label, unit string }{
		{"received", "收到申请合计", "件"}, {"proactive", "主动公开合计", "条"}, {"lawsuits", "行政诉讼合计", "件"},
	} {
		if v := s.Get(f.key); v != nil {
			out = append(out, Figure{Label: f.label, Value: charts.FormatInt(*v) + f.unit})
		}
	}
	return out
}
