package charts

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A page shows each chart's figures as a table beside it, so the chart's option
// need not repeat them: a page carries the chart's Compact form, the name of its
// kind and the room for its legend, and the site's script builds the option from
// the kind's template (Templates, written once for the whole site into
// static/js/chart-kinds.js) and the table. go-echarts still makes every option's
// shape: a template is the option of a chart of its kind with its data taken out.

// kindNames name the kinds of Categories in Compact and Templates.
var kindNames = map[Kind]string{Bars: "bars", StackedBars: "stacked", HorizontalBars: "horizontal", Lines: "lines"}

// compact is a chart's Compact form.
func compact(kind string, series []Series) json.RawMessage {
	return json.RawMessage(`{"nianbao":"` + kind + `","top":` + gridTop(series) + `}`)
}

// Templates returns the option template of each kind of chart, by name: the option
// of a chart of that kind with one series and no data. The script that fills one
// in (static/js/charts.js) copies the series for each column of the chart's table,
// puts the table's row labels on the category axis (or, for the years kinds, its
// years on the value axis), its figures in the series, and sets the legend and the
// grid's top.
func Templates() map[string]json.RawMessage {
	one := []Series{{Name: "", Values: []*int64{nil, nil}}}
	out := map[string]json.RawMessage{}
	for kind, name := range kindNames {
		out[name] = template(categoriesOption(kind, []string{"", ""}, one))
	}
	out["years"] = template(yearsOption(2000, []string{"2000", "2001"}, one, false))
	out["years-stacked"] = template(yearsOption(2000, []string{"2000", "2001"}, one, true))
	return out
}

// template takes a chart's data out of its option.
func template(option map[string]any) json.RawMessage {
	raw, err := marshal(option)
	if err != nil {
		panic(fmt.Sprintf("charts: template: %v", err))
	}
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		panic(fmt.Sprintf("charts: template: %v", err))
	}
	if ss, ok := o["series"].([]any); ok && len(ss) > 0 {
		s := ss[0].(map[string]any)
		delete(s, "name")
		delete(s, "data")
		o["series"] = []any{s}
	}
	for _, k := range []string{"xAxis", "yAxis"} {
		as, _ := o[k].([]any)
		for _, a := range as {
			a := a.(map[string]any)
			delete(a, "data")
			delete(a, "min")
			delete(a, "max")
		}
	}
	if g, ok := o["grid"].([]any); ok {
		for _, g := range g {
			delete(g.(map[string]any), "top")
		}
	} else if g, ok := o["grid"].(map[string]any); ok {
		delete(g, "top")
	}
	raw, err = marshal(o)
	if err != nil {
		panic(fmt.Sprintf("charts: template: %v", err))
	}
	return raw
}

// TemplatesScript is static/js/chart-kinds.js: Templates as the script that
// defines them for the site's chart script.
func TemplatesScript() []byte {
	ts := Templates()
	var names []string
	for n := range ts {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("// The option templates of the site's kinds of chart (charts.Templates): written by\n")
	b.WriteString("// `go test ./charts -run TestTemplatesScript -update`; static/js/charts.js fills\n")
	b.WriteString("// them in from each chart's table.\n")
	b.WriteString("window.nianbaoChartKinds = {\n")
	for i, n := range names {
		b.WriteString("  " + strconv.Quote(n) + ": " + string(ts[n]))
		if i < len(names)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("};\n")
	return []byte(b.String())
}
