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
	"slices"
	"strconv"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is one chart: what the page shows in a <figure>.
type Chart struct {
	ID      string          // stable element ID, unique on its page
	Caption string          // the caption, the <figcaption>, in the chart's language
	Option  json.RawMessage // the ECharts option object
	Table   Table           // the same numbers as a table
	// Compact is the chart as a page that shows its table carries it: the name of
	// its kind's option template (Templates) and what else differs between charts
	// (the room for the legend); the page's script fills in the categories, series
	// and figures from the table, which are the same.
	Compact json.RawMessage
	// Horizontal is true when the categories run down the y axis: the chart's height
	// should grow with the number of categories, RowHeight pixels each.
	Horizontal bool
	RowHeight  int
	// Labels, for a chart whose table's words its template gives (SpecLabels),
	// is their key in LabelsScript; "" for any other chart.
	Labels string
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
	return categoriesChart(id, caption, rowHeader, categories, series, kind, true)
}

// categoriesChart is Categories; without full, the chart has no Option (its
// Compact form and Table are the whole chart on a page).
func categoriesChart(id, caption, rowHeader string, categories []string, series []Series, kind Kind, full bool) (Chart, bool) {
	if !anyPresent(series) {
		return Chart{}, false
	}
	c := Chart{ID: id, Caption: caption, Table: table(rowHeader, categories, series),
		Compact: compact(kindNames[kind], series)}
	if full {
		raw, err := marshal(categoriesOption(kind, categories, series))
		if err != nil {
			// The option holds only strings, numbers and maps: this cannot happen.
			panic(fmt.Sprintf("charts: marshal %s: %v", id, err))
		}
		c.Option = raw
	}
	if kind == HorizontalBars {
		c.Horizontal, c.RowHeight = true, rowHeight(categories)
	}
	return c, true
}

// YearFormatter is the axisLabel formatter of a year axis. ECharts writes a value
// axis's figures with thousands separators (2,016) and a formatter that is a
// function cannot travel in JSON: the site's script replaces this name with one
// that writes the year as it is.
const YearFormatter = "year"

// Years charts series across calendar years: years[i] is the year of every
// series' Values[i], in increasing order. The x axis is a value axis of years from
// the first to the last, so the distance between two points is the time between
// them, and a year none of the series has a figure for, or that years leaves out,
// is a gap: a line does not bridge it and its row of the table says "—". stacked
// draws stacked bars instead of lines, on a category a year (every year from the
// first to the last, so equally spaced in time too). Years returns false for fewer than two
// years (a trend needs two points; the page shows the figures instead) or when no
// series gives a figure other than zero.
func Years(id, caption string, years []int, series []Series, stacked bool) (Chart, bool) {
	return yearsChart(id, caption, years, series, stacked, true)
}

// yearsChart is Years; without full, the chart has no Option (its Compact form and
// Table are the whole chart on a page): building the option through go-echarts is
// most of a chart's cost, and an agency page has several.
func yearsChart(id, caption string, years []int, series []Series, stacked, full bool) (Chart, bool) {
	if len(years) < 2 || !anyPresent(series) || !slices.IsSorted(years) {
		return Chart{}, false
	}
	first, last := years[0], years[len(years)-1]
	if last-first >= maxYearSpan {
		return Chart{}, false
	}
	var labels []string
	all := make([]Series, len(series)) // every year from first to last
	for i := range all {
		all[i].Name = series[i].Name
		all[i].Values = make([]*int64, last-first+1)
	}
	for y := first; y <= last; y++ {
		labels = append(labels, strconv.Itoa(y))
	}
	for i, y := range years {
		for j, s := range series {
			if i < len(s.Values) && s.Values[i] != nil {
				all[j].Values[y-first] = s.Values[i]
			}
		}
	}
	kind := "years"
	if stacked {
		kind = "years-stacked"
	}
	c := Chart{ID: id, Caption: caption, Table: table("年度", labels, all), Compact: compact(kind, series)}
	if full {
		raw, err := marshal(yearsOption(first, labels, all, stacked))
		if err != nil {
			panic(fmt.Sprintf("charts: marshal %s: %v", id, err))
		}
		c.Option = raw
	}
	return c, true
}

// yearsOption is the option of a chart across the years from first, one label a
// year (Years).
func yearsOption(first int, labels []string, full []Series, stacked bool) map[string]any {
	last := first + len(labels) - 1
	global := []gecharts.GlobalOpts{
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(full) > 1), Top: "0"}),
		gecharts.WithColorsOpts(opts.Colors(Palette)),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		gecharts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: gridTop(full), ContainLabel: opts.Bool(true)}),
	}
	xAxis := map[string]any{"type": "value", "minInterval": 1,
		"axisLabel": map[string]any{"formatter": YearFormatter, "hideOverlap": true}}
	if last-first <= maxYearTicks {
		xAxis["interval"] = 1
	}
	var option map[string]any
	if stacked {
		// ECharts stacks bars along a category axis only (on two value axes it adds
		// the years): the bars stand on one category a year, every year from the
		// first to the last, which is the same evenly spaced time.
		bar := gecharts.NewBar()
		bar.SetGlobalOptions(global...)
		bar.SetXAxis(labels)
		for _, s := range full {
			bar.AddSeries(s.Name, barData(s.Values), gecharts.WithBarChartOpts(opts.BarChart{Stack: "total", BarWidth: "60%"}))
		}
		bar.Validate()
		option = bar.JSON()
		xAxis = map[string]any{"type": "category", "data": labels,
			"axisLabel": map[string]any{"interval": 0, "overflow": "break", "width": columnLabelWidth}}
	} else {
		line := gecharts.NewLine()
		line.SetGlobalOptions(global...)
		for _, s := range full {
			data := make([]opts.LineData, len(s.Values))
			for i, v := range s.Values {
				data[i] = opts.LineData{Value: []any{first + i, value(v)}}
			}
			line.AddSeries(s.Name, data, gecharts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
		}
		line.Validate()
		option = line.JSON()
		xAxis["min"], xAxis["max"] = first, last
	}
	option["xAxis"] = []map[string]any{xAxis}
	option["yAxis"] = []map[string]any{countAxis()}
	return option
}

// Year axes: a span of years wider than maxYearSpan is not drawn (the records'
// years are 2007 onwards, so this only bounds hostile input); up to maxYearTicks
// years apart, every year has its tick.
const (
	maxYearSpan  = 100
	maxYearTicks = 12
)

// categoriesOption is the option of a chart of series over categories (Categories).
func categoriesOption(kind Kind, categories []string, series []Series) map[string]any {
	legend := len(series) > 1
	global := []gecharts.GlobalOpts{
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		// A plain legend wraps onto more lines; a "scroll" one pages ("1/2") and
		// hides series behind its arrows.
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Top: "0"}),
		gecharts.WithColorsOpts(opts.Colors(Palette)),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		gecharts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: gridTop(series), ContainLabel: opts.Bool(true)}),
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
	// Every category keeps its label (interval 0, never hidden for overlapping),
	// broken onto lines of a bounded width, so a long name neither vanishes nor
	// squeezes the bars; the figures are counts, so the value axis ticks integers.
	if kind == HorizontalBars {
		option["yAxis"] = []map[string]any{{"type": "category", "data": categories, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "overflow": "break", "width": horizontalLabelWidth}}}
		option["xAxis"] = []map[string]any{countAxis()}
	} else {
		option["xAxis"] = []map[string]any{{"type": "category", "data": categories,
			"axisLabel": map[string]any{"interval": 0, "overflow": "break", "width": columnLabelWidth}}}
		option["yAxis"] = []map[string]any{countAxis()}
	}
	return option
}

// Label widths in pixels: a category label longer than its width breaks onto more
// lines instead of being cut or hidden.
const (
	columnLabelWidth     = 76  // under a column of a vertical bar chart
	horizontalLabelWidth = 112 // left of a bar of a horizontal chart: about 8 characters a line
)

// Legend layout, for the grid to start below a legend that wraps: ECharts lays the
// legend's items out in rows as wide as the chart, which is at least legendRowWidth
// on a phone.
const (
	legendRowWidth  = 320 // pixels: a 390-pixel phone screen less the page's margins
	legendItemWidth = 38  // pixels: an item's symbol and gaps, besides its text
	legendCharWidth = 13  // pixels: a Chinese character of the 12-pixel legend text
	legendRowHeight = 24  // pixels
)

// gridTop is the room above the plot: for the legend's rows when there are several
// series, estimated for the narrowest screen.
func gridTop(series []Series) string {
	if len(series) < 2 {
		return "16"
	}
	rows, width := 1, 0
	for _, s := range series {
		w := legendItemWidth + (legendCharWidth*halfWidths(s.Name)+1)/2
		if width > 0 && width+w > legendRowWidth {
			rows++
			width = 0
		}
		width += w
	}
	return strconv.Itoa(12 + legendRowHeight*rows)
}

// Rows of a horizontal chart: a label breaks into lines of horizontalLabelWidth,
// labelCharWidth a character; a row is labelLineHeight a line and rowPadding more,
// and at least minRowHeight.
const (
	labelCharWidth  = 12 // pixels: the 12-pixel axis label text, a Chinese character
	labelLineHeight = 14 // pixels
	rowPadding      = 12 // pixels between the labels of two rows
	minRowHeight    = 30 // pixels
)

// rowHeight is the height of a horizontal chart's rows: room for its longest label.
func rowHeight(categories []string) int {
	perLine := 2 * (horizontalLabelWidth / labelCharWidth) // half-widths a line
	lines := 1
	for _, c := range categories {
		lines = max(lines, (halfWidths(c)+perLine-1)/perLine)
	}
	return max(minRowHeight, lines*labelLineHeight+rowPadding)
}

// halfWidths is the width of a label in half a Chinese character's: a character of
// the ASCII range (an English label's) is about half as wide as a Chinese one.
func halfWidths(s string) int {
	n := 0
	for _, r := range s {
		n += 2
		if r < 0x80 {
			n--
		}
	}
	return n
}

// countAxis is a value axis of counts: integer ticks only.
func countAxis() map[string]any {
	return map[string]any{"type": "value", "minInterval": 1, "axisLabel": map[string]any{"hideOverlap": true}}
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

// FormatInt groups the digits of n by thousands: 3985758 → "3,985,758". It is
// called for every figure of every page, so it makes one string and nothing else.
func FormatInt(n int64) string {
	if n > -1000 && n < 1000 {
		return strconv.FormatInt(n, 10) // no comma (and 0–99 allocate nothing)
	}
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	var out [27]byte // 19 digits, 6 commas and a sign
	b := out[:0]
	if d[0] == '-' {
		b, d = append(b, '-'), d[1:]
	}
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return string(b)
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
