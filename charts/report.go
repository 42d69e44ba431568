package charts

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// Report returns the charts of one report, in page order, as its template describes
// them (schema.Chart): proactive disclosure, request outcomes, denial and inability
// reasons, reviews and lawsuits. A chart the record has no figures for is left out.
func Report(r *record.Record) []Chart { return report(r, true, Chinese) }

// ReportCompact is Report without each chart's Option: what a page that shows the
// charts' tables needs (Chart.Compact), at a fraction of the cost, for every report
// of a build.
func ReportCompact(r *record.Record) []Chart { return report(r, false, Chinese) }

// ReportCompactIn is ReportCompact in a language: the captions, the tables' headers
// and the categories and series the template names are in lang; what the record
// names (the proactive breakdown's categories) stays as printed.
func ReportCompactIn(r *record.Record, lang Language) []Chart { return report(r, false, lang) }

// Language is the language of a chart's words.
type Language int

const (
	Chinese Language = iota // the template's own words
	English                 // the template description's English (schema's En fields)
)

// pick is zh, or en in English (zh where the description has no English).
func (l Language) pick(zh, en string) string {
	if l == English && en != "" {
		return en
	}
	return zh
}

func report(r *record.Record, full bool, lang Language) []Chart {
	return reportOf(r, ReportFiguresOf(r), full, lang)
}

// ReportFigures are the figures of a record's report charts (ReportFiguresOf),
// summed once for the charts in every language (ReportCompactOf).
type ReportFigures struct {
	specs []specFigures // a chart's of the template, in its order; none for a chart left out
}

// specFigures are one chart's figures: a series' values by category, and for a chart
// of a list its items' names.
type specFigures struct {
	spec   schema.Chart
	names  []string   // a list's items, or nil
	values [][]*int64 // by series, then category
}

// ReportFiguresOf sums the figures of r's report charts.
func ReportFiguresOf(r *record.Record) ReportFigures {
	t := r.Template()
	if t == nil {
		return ReportFigures{}
	}
	var out ReportFigures
	for _, spec := range t.Charts {
		if spec.Unless != "" && r.HasUnder(spec.Unless) {
			continue
		}
		out.specs = append(out.specs, figuresOfSpec(r, spec))
	}
	return out
}

// ReportCompactOf is ReportCompactIn from figures that ReportFiguresOf summed for r.
func ReportCompactOf(r *record.Record, f ReportFigures, lang Language) []Chart {
	return reportOf(r, f, false, lang)
}

func reportOf(r *record.Record, f ReportFigures, full bool, lang Language) []Chart {
	var out []Chart
	for _, sf := range f.specs {
		if c, ok := chartOfSpec(r, sf, full, lang); ok {
			out = append(out, c)
		}
	}
	return out
}

// styles are the chart kinds of the template descriptions' chart styles.
var styles = map[schema.ChartStyle]Kind{
	schema.HorizontalBars: HorizontalBars,
	schema.StackedBars:    StackedBars,
	schema.Bars:           Bars,
}

// FromSpec draws one chart of a record as a template describes it. A category is the
// sum of the figures of its paths that the record gives (or its template derives);
// it is absent when none is.
func FromSpec(r *record.Record, spec schema.Chart) (Chart, bool) {
	return fromSpec(r, spec, true, Chinese)
}

func fromSpec(r *record.Record, spec schema.Chart, full bool, lang Language) (Chart, bool) {
	return chartOfSpec(r, figuresOfSpec(r, spec), full, lang)
}

// figuresOfSpec sums the figures of one chart of r (FromSpec).
func figuresOfSpec(r *record.Record, spec schema.Chart) specFigures {
	sf := specFigures{spec: spec}
	if spec.List != "" {
		items := r.List(spec.List)
		vals := make([]*int64, len(items))
		for i, c := range items {
			sf.names = append(sf.names, c.Name)
			vals[i] = record.Int(c.Count)
		}
		sf.values = [][]*int64{vals}
		return sf
	}
	for _, s := range spec.Series {
		vals := make([]*int64, len(spec.Categories))
		for i, c := range spec.Categories {
			var sum int64
			found := false
			for _, p := range c.Paths {
				if v, ok := record.Derived(r, schema.Expand(p, "", s.Col)); ok {
					sum += int64(v)
					found = true
				}
			}
			if found {
				vals[i] = record.Int(sum)
			}
		}
		sf.values = append(sf.values, vals)
	}
	return sf
}

// chartOfSpec draws one chart of r from its figures, in lang.
func chartOfSpec(r *record.Record, sf specFigures, full bool, lang Language) (Chart, bool) {
	spec := sf.spec
	var names []string
	var series []Series
	labels, static := SpecLabels(spec, lang)
	if spec.List != "" {
		names = sf.names
		name := ""
		if len(spec.Series) > 0 {
			name = lang.pick(spec.Series[0].Name, spec.Series[0].En)
		}
		series = []Series{{Name: name, Values: sf.values[0]}}
	} else {
		names = labels.Rows
		for si, vals := range sf.values {
			series = append(series, Series{Name: labels.Head[si+1], Values: vals})
		}
	}
	c, ok := categoriesChart(spec.ID, lang.pick(spec.Caption, spec.CaptionEn), labels.Head[0],
		names, series, styles[spec.Style], full)
	if ok && static && r.Template() != nil {
		c.Labels = LabelsKey(r.Template().ID, spec.ID)
	}
	return c, ok
}

// Labels are the words of a chart's table that its template gives: the column
// headers (the header of the row labels, then one a series) and the row labels.
type Labels struct {
	Head []string `json:"head"`
	Rows []string `json:"rows"`
}

// SpecLabels returns the labels of a template's chart in lang, as its table has
// them; static is false, and Rows nil, for a chart whose rows are a record's list
// items (schema.Chart.List), which the record names.
func SpecLabels(spec schema.Chart, lang Language) (l Labels, static bool) {
	l.Head = []string{lang.pick(spec.RowHeader, spec.RowHeaderEn)}
	for _, s := range spec.Series {
		l.Head = append(l.Head, lang.pick(s.Name, s.En))
	}
	if spec.List != "" {
		if len(spec.Series) == 0 {
			l.Head = append(l.Head, "")
		}
		return l, false
	}
	for _, c := range spec.Categories {
		l.Rows = append(l.Rows, lang.pick(c.Label, c.En))
	}
	return l, true
}

// LabelsKey names a template's chart in LabelsScript: "2021/chart-outcomes".
func LabelsKey(template, chart string) string { return template + "/" + chart }

// LabelsScript is static/js/chart-labels.js for a build of the templates: the
// labels of each of their charts that the template names (SpecLabels), in Chinese
// ("zh") and English ("en"), by LabelsKey, as window.nianbaoChartLabels. A report
// page's chart gives only its figures and its key (Chart.Labels); static/js/charts.js
// makes its table from both.
func LabelsScript(templates []*schema.Template) []byte {
	all := map[string]map[string]Labels{}
	for _, t := range templates {
		for _, spec := range t.Charts {
			zh, static := SpecLabels(spec, Chinese)
			if !static {
				continue
			}
			en, _ := SpecLabels(spec, English)
			all[LabelsKey(t.ID, spec.ID)] = map[string]Labels{"zh": zh, "en": en}
		}
	}
	js, err := json.Marshal(all) // keys in order
	if err != nil {
		panic(fmt.Sprintf("charts: LabelsScript: %v", err)) // strings only: cannot happen
	}
	var b strings.Builder
	b.WriteString("// The words of the charts' tables that the templates give, by template and chart\n")
	b.WriteString("// (charts.LabelsScript), written by each build: static/js/charts.js makes a report\n")
	b.WriteString("// page's chart tables from them and the figures in each chart's data-chart.\n")
	b.WriteString("window.nianbaoChartLabels = ")
	b.Write(js)
	b.WriteString(";\n")
	return []byte(b.String())
}

// Trend charts the summary figures of one agency's reports across years (Years):
// one chart for the proactive count, one for requests and their outcomes, one for
// reviews and lawsuits. sums[i] holds the figures of years[i]; prefix makes the IDs
// unique on a page, scope starts the captions. Fewer than two years give no chart:
// the figures themselves say more than a trend of one point.
func Trend(prefix, scope string, years []int, sums []record.Summary) []Chart {
	return trend(prefix, scope, years, sums, true)
}

// TrendCompact is Trend without each chart's Option: what a page that shows the
// charts' tables needs (Chart.Compact), for every agency of a build.
func TrendCompact(prefix, scope string, years []int, sums []record.Summary) []Chart {
	return trend(prefix, scope, years, sums, false)
}

func trend(prefix, scope string, years []int, sums []record.Summary, full bool) []Chart {
	var out []Chart
	for _, g := range TrendGroups {
		var series []Series
		for _, key := range g.Keys {
			vs := make([]*int64, len(sums))
			for i := range sums {
				vs[i] = sums[i].Get(key)
			}
			series = append(series, Series{Name: label(key), Values: vs})
		}
		if c, ok := yearsChart(prefix+"-"+g.ID, scope+g.Caption, years, series, false, full); ok {
			out = append(out, c)
		}
	}
	return out
}

// TrendGroups are the summary figures a trend draws together, one chart each: they
// share a unit and a scale.
var TrendGroups = []struct {
	ID, Caption string
	Keys        []string
}{
	{"proactive", "主动公开政府信息数量（条）", []string{"proactive"}},
	{"requests", "政府信息公开申请及办理结果（件）", []string{"received", "granted", "partially_granted", "denied", "unable"}},
	{"appeals", "行政复议和行政诉讼（件）", []string{"reviews", "lawsuits"}},
}

// maxColumns is the most categories a chart of categories draws as columns: more
// names than this do not fit side by side on a phone, so they become horizontal bars,
// a line each, whose labels are read across.
const maxColumns = 6

// ByCategory charts figures per category (such as provinces): columns for a few
// categories, horizontal bars for more.
func ByCategory(id, caption, rowHeader string, names []string, series []Series) (Chart, bool) {
	kind := Bars
	if len(names) > maxColumns {
		kind = HorizontalBars
	}
	return Categories(id, caption, rowHeader, names, series, kind)
}

func label(key string) string { return schema.SummaryLabel(key) }
