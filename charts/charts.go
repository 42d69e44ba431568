// Package charts turns records into chart options for the site: ECharts option objects
// built with go-echarts and serialized to JSON, each with a caption and an equivalent
// data table for screen readers and visitors without JavaScript.
//
// The package knows only internal/record and the template descriptions
// (internal/schema). It never renders HTML and never refers to an ECharts script: the
// site serves its own bundle and a small script that passes each chart's Option to
// echarts.init(el).setOption.
//
// Chart IDs are derived from the chart's kind and the caller's prefix, never from a
// counter or the clock, so the same records always give the same bytes.
package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is one chart: what the page shows in a <figure>.
type Chart struct {
	ID      string          // stable element ID, unique on its page
	Caption string          // zh-CN caption, the <figcaption>
	Option  json.RawMessage // the ECharts option object
	Table   Table           // the same numbers as a table
	// Horizontal is true when the categories run down the y axis: the chart's height
	// should grow with the number of categories.
	Horizontal bool
}

// Table is a chart's data as a table: one row a category, one column a series.
type Table struct {
	Columns []string // Columns[0] heads the row labels; then one column a series
	Rows    []Row
}

// Row is one category of a chart's table.
type Row struct {
	Label  string
	Values []string // formatted figures, "—" where the record gives none
}

// Series is one named sequence of figures, one per category; nil is absent.
type Series struct {
	Name   string
	Values []*int64
}

// Palette is the series colours, chosen for contrast on white and to stay apart for
// common colour-vision deficiencies.
var Palette = []string{"#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#b7791f", "#4a5568"}

// Kind of a chart built by Categories.
type Kind int

// Chart kinds.
const (
	Bars           Kind = iota // one bar a value, series side by side
	StackedBars                // series stacked on each other
	HorizontalBars             // bars along the y axis, for long category names
	Lines                      // a line a series: trends across years
)

// Categories builds a chart of series over categories. It returns false when no
// series gives a figure other than zero: such a chart would draw nothing, and the
// page's tables already say "0".
func Categories(id, caption, rowHeader string, categories []string, series []Series, kind Kind) (Chart, bool) {
	if !anyPresent(series) {
		return Chart{}, false
	}
	legend := len(series) > 1
	global := []gecharts.GlobalOpts{
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Type: "scroll", Top: "0"}),
		gecharts.WithColorsOpts(opts.Colors(Palette)),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		gecharts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: gridTop(legend), ContainLabel: opts.Bool(true)}),
	}
	var option map[string]any
	switch kind {
	case Lines:
		line := gecharts.NewLine()
		line.SetGlobalOptions(global...)
		line.SetXAxis(categories)
		for _, s := range series {
			line.AddSeries(s.Name, lineData(s.Values), gecharts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false)}))
		}
		line.Validate()
		option = line.JSON()
	default:
		bar := gecharts.NewBar()
		bar.SetGlobalOptions(global...)
		bar.SetXAxis(categories)
		for _, s := range series {
			var so []gecharts.SeriesOpts
			if kind == StackedBars {
				so = append(so, gecharts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			bar.AddSeries(s.Name, barData(s.Values), so...)
		}
		if kind == HorizontalBars {
			bar.XYReversal()
		}
		bar.Validate()
		option = bar.JSON()
	}
	if kind == HorizontalBars {
		option["yAxis"] = []map[string]any{{"type": "category", "data": categories, "inverse": true}}
		option["xAxis"] = []map[string]any{{"type": "value", "axisLabel": map[string]any{"hideOverlap": true}}}
	} else {
		option["xAxis"] = []map[string]any{{"type": "category", "data": categories, "axisLabel": map[string]any{"interval": 0, "hideOverlap": true, "overflow": "break", "width": 76}}}
		option["yAxis"] = []map[string]any{{"type": "value", "axisLabel": map[string]any{"hideOverlap": true}}}
	}
	raw, err := marshal(option)
	if err != nil {
		// The option holds only strings, numbers and maps: this cannot happen.
		panic(fmt.Sprintf("charts: marshal %s: %v", id, err))
	}
	return Chart{ID: id, Caption: caption, Option: raw, Table: table(rowHeader, categories, series), Horizontal: kind == HorizontalBars}, true
}

func gridTop(legend bool) string {
	if legend {
		return "36"
	}
	return "16"
}

func anyPresent(series []Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if v != nil && *v != 0 {
				return true
			}
		}
	}
	return false
}

func barData(vs []*int64) []opts.BarData {
	out := make([]opts.BarData, len(vs))
	for i, v := range vs {
		out[i] = opts.BarData{Value: value(v)}
	}
	return out
}

func lineData(vs []*int64) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		out[i] = opts.LineData{Value: value(v)}
	}
	return out
}

// value is what ECharts draws for a figure: "-" is its notation for a missing one.
func value(v *int64) any {
	if v == nil {
		return "-"
	}
	return *v
}

func table(rowHeader string, categories []string, series []Series) Table {
	t := Table{Columns: []string{rowHeader}}
	for _, s := range series {
		t.Columns = append(t.Columns, s.Name)
	}
	for i, c := range categories {
		row := Row{Label: c}
		for _, s := range series {
			var v *int64
			if i < len(s.Values) {
				v = s.Values[i]
			}
			row.Values = append(row.Values, Format(v))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// Format writes a figure for people: digits grouped by thousands, "—" when absent.
func Format(v *int64) string {
	if v == nil {
		return "—"
	}
	return FormatInt(*v)
}

// FormatInt groups the digits of n by thousands: 3985758 → "3,985,758".
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var b bytes.Buffer
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// marshal serializes an option deterministically (encoding/json sorts map keys) and
// drops what go-echarts always emits but the site's bundle does not include: the
// toolbox, and empty title objects.
func marshal(option map[string]any) (json.RawMessage, error) {
	delete(option, "toolbox")
	delete(option, "title")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(option); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), nil
}
