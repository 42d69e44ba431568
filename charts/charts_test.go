package charts

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

func load(t testing.TB, name string) *record.Record {
	t.Helper()
	r, err := record.Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReport(t *testing.T) {
	tests := []struct {
		file string
		ids  []string
		// a row label and its values in the chart's table
		check map[string]map[string][]string
	}{
		{"huaian-2024.toml", []string{"chart-proactive", "chart-outcomes", "chart-reasons", "chart-appeals"},
			map[string]map[string][]string{
				"chart-proactive": {"行政处罚": {"3,985,758"}},
				"chart-outcomes":  {"予以公开": {"1,288", "21", "0", "0", "50", "3"}},
				"chart-appeals":   {"行政复议": {"72", "64", "178", "37"}},
			}},
		{"xifeng-2017.toml", []string{"chart-outcomes", "chart-reasons"},
			map[string]map[string][]string{"chart-outcomes": {"同意公开": {"88"}}}},
		// Every figure of this report is 0: no chart would draw anything.
		{"hengshan-2020.toml", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cs := Report(load(t, tt.file))
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
				var v map[string]any
				if err := json.Unmarshal(c.Option, &v); err != nil {
					t.Errorf("%s: option is not JSON: %v", c.ID, err)
				}
				for _, banned := range []string{"toolbox", "title"} {
					if _, ok := v[banned]; ok {
						t.Errorf("%s: option has %q", c.ID, banned)
					}
				}
				if c.Caption == "" || len(c.Table.Rows) == 0 {
					t.Errorf("%s: no caption or table", c.ID)
				}
				for label, want := range tt.check[c.ID] {
					i := slices.IndexFunc(c.Table.Rows, func(r Row) bool { return r.Label == label })
					if i < 0 {
						t.Errorf("%s: no row %q", c.ID, label)
						continue
					}
					if got := c.Table.Rows[i].Values; !slices.Equal(got[:len(want)], want) {
						t.Errorf("%s %s = %v, want %v", c.ID, label, got, want)
					}
				}
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("charts %v, want %v", ids, tt.ids)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	r := load(t, "huaian-2024.toml")
	a, b := Report(r), Report(r)
	for i := range a {
		if !bytes.Equal(a[i].Option, b[i].Option) {
			t.Errorf("%s differs between two calls", a[i].ID)
		}
	}
}

func TestAbsentIsNotZero(t *testing.T) {
	c, ok := Categories("x", "cap", "类别", []string{"a", "b"}, []Series{{Name: "s", Values: []*int64{record.Int(3), nil}}}, Bars)
	if !ok {
		t.Fatal("no chart")
	}
	if got := c.Table.Rows[1].Values[0]; got != "—" {
		t.Errorf("absent figure shown as %q", got)
	}
	if !strings.Contains(string(c.Option), `"value":"-"`) {
		t.Errorf("absent figure not drawn as missing: %s", c.Option)
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 12: "12", 999: "999", 1000: "1,000", 3985758: "3,985,758", -4500: "-4,500",
		-999: "-999", -1000: "-1,000", 100000: "100,000", math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808"} {
		if got := FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzFormatInt holds FormatInt to the plain definition: the digits of n, a comma
// before each group of three from the right, the sign first.
func FuzzFormatInt(f *testing.F) {
	for _, n := range []int64{0, 7, -7, 999, 1000, -1000, 1234567, math.MaxInt64, math.MinInt64} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		s := strconv.FormatInt(n, 10)
		sign, digits := "", s
		if n < 0 {
			sign, digits = "-", s[1:]
		}
		var groups []string
		for len(digits) > 3 {
			groups = append([]string{digits[len(digits)-3:]}, groups...)
			digits = digits[:len(digits)-3]
		}
		want := sign + strings.Join(append([]string{digits}, groups...), ",")
		if got := FormatInt(n); got != want {
			t.Fatalf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	})
}

func TestTrend(t *testing.T) {
	r := load(t, "huaian-2024.toml")
	s := record.Summarize(r)
	cs := Trend("t", "历年", []int{2023, 2024}, []record.Summary{{}, s})
	if len(cs) != 3 {
		t.Fatalf("%d trend charts, want 3", len(cs))
	}
	if cs[1].Table.Rows[0].Values[0] != "—" || cs[1].Table.Rows[1].Values[0] != "3,119" {
		t.Errorf("requests trend table %v", cs[1].Table.Rows)
	}
	// TrendCompact is the same charts without their options.
	compact := TrendCompact("t", "历年", []int{2023, 2024}, []record.Summary{{}, s})
	for i := range cs {
		c := cs[i]
		c.Option = nil
		if i >= len(compact) || !reflect.DeepEqual(compact[i], c) || compact[i].Option != nil {
			t.Errorf("TrendCompact's chart %d differs from Trend's but for its option", i)
		}
	}
	// One year is no trend: the page shows the figures instead.
	if cs := Trend("t", "历年", []int{2024}, []record.Summary{s}); len(cs) != 0 {
		t.Errorf("%d trend charts of one year, want none", len(cs))
	}
}

// option decodes a chart's option.
func option(t *testing.T, c Chart) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(c.Option, &v); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	return v
}

// axis is the first axis of an option's xAxis or yAxis.
func axis(t *testing.T, o map[string]any, name string) map[string]any {
	t.Helper()
	as, ok := o[name].([]any)
	if !ok || len(as) == 0 {
		t.Fatalf("no %s in %v", name, o)
	}
	return as[0].(map[string]any)
}

// TestAxesAndLegends: every chart's value axis ticks integers (the figures are
// counts; 0.5 ticks were seen), its legend wraps instead of paging ("1/2"), and no
// category label is hidden or skipped.
func TestAxesAndLegends(t *testing.T) {
	var cs []Chart
	cs = append(cs, Report(load(t, "huaian-2024.toml"))...)
	cs = append(cs, Report(load(t, "xifeng-2017.toml"))...)
	cs = append(cs, Trend("t", "", []int{2019, 2021}, []record.Summary{record.Summarize(load(t, "huaian-2024.toml")), record.Summarize(load(t, "xifeng-2017.toml"))})...)
	names := []string{"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省（3个机关）", "黑龙江省"}
	vals := make([]*int64, len(names))
	for i := range vals {
		vals[i] = record.Int(int64(i))
	}
	if c, ok := ByCategory("p", "cap", "地区", names, []Series{{Name: "收到申请", Values: vals}}); ok {
		cs = append(cs, c)
		if !c.Horizontal {
			t.Errorf("%d categories drawn as columns", len(names))
		}
	} else {
		t.Fatal("no chart of categories")
	}
	if len(cs) < 6 {
		t.Fatalf("only %d charts", len(cs))
	}
	for _, c := range cs {
		o := option(t, c)
		if l, ok := o["legend"].(map[string]any); ok && l["type"] == "scroll" {
			t.Errorf("%s: a paging legend", c.ID)
		}
		if ls, ok := o["legend"].([]any); ok {
			for _, l := range ls {
				if l.(map[string]any)["type"] == "scroll" {
					t.Errorf("%s: a paging legend", c.ID)
				}
			}
		}
		for _, name := range []string{"xAxis", "yAxis"} {
			a := axis(t, o, name)
			label, _ := a["axisLabel"].(map[string]any)
			switch a["type"] {
			case "value":
				if a["minInterval"] != 1.0 {
					t.Errorf("%s %s: minInterval %v, want 1", c.ID, name, a["minInterval"])
				}
			case "category":
				if label["interval"] != 0.0 || label["hideOverlap"] == true || label["overflow"] != "break" {
					t.Errorf("%s %s: category labels %v may vanish", c.ID, name, label)
				}
			}
		}
	}
}

// TestYearsAxis: years lie on a value axis; a year without figures is a gap (a
// row of the table, a missing point the line does not bridge).
func TestYearsAxis(t *testing.T) {
	c, ok := Years("y", "cap", []int{2016, 2017, 2020}, []Series{{Name: "a", Values: []*int64{record.Int(1), record.Int(3), record.Int(2)}}}, false)
	if !ok {
		t.Fatal("no chart")
	}
	o := option(t, c)
	x := axis(t, o, "xAxis")
	if x["type"] != "value" || x["min"] != 2016.0 || x["max"] != 2020.0 || x["axisLabel"].(map[string]any)["formatter"] != YearFormatter {
		t.Errorf("x axis %v, want a value axis of the years 2016–2020", x)
	}
	var rows []string
	for _, r := range c.Table.Rows {
		rows = append(rows, r.Label+"="+r.Values[0])
	}
	if want := []string{"2016=1", "2017=3", "2018=—", "2019=—", "2020=2"}; !slices.Equal(rows, want) {
		t.Errorf("table %v, want %v", rows, want)
	}
	series := o["series"].([]any)[0].(map[string]any)
	data := series["data"].([]any)
	if len(data) != 5 || !strings.Contains(string(c.Option), `[2018,"-"]`) || series["connectNulls"] != false {
		t.Errorf("line data %v (connectNulls %v), want five points with 2018 and 2019 missing", data, series["connectNulls"])
	}
	if _, ok := Years("y", "cap", []int{2020}, []Series{{Name: "a", Values: []*int64{record.Int(1)}}}, false); ok {
		t.Error("a trend of one year")
	}
	if _, ok := Years("y", "cap", []int{2020, 2016}, []Series{{Name: "a", Values: []*int64{record.Int(1), record.Int(2)}}}, false); ok {
		t.Error("a trend of unsorted years")
	}
}

// FuzzReport: whatever record parses, its charts build without panicking and their
// options are JSON.
func FuzzReport(f *testing.F) {
	for _, name := range []string{"huaian-2024.toml", "xifeng-2017.toml", "hengshan-2020.toml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := record.Parse("fuzz.toml", data)
		if err != nil {
			return
		}
		for _, c := range Report(r) {
			if !json.Valid(c.Option) {
				t.Fatalf("%s: invalid JSON", c.ID)
			}
		}
		Trend("t", "", []int{2019, 2020}, []record.Summary{record.Summarize(r), {}})
	})
}

var update = flag.Bool("update", false, "rewrite static/js/chart-kinds.js")

// TestTemplatesScript: the site's chart templates (static/js/chart-kinds.js) are
// Templates, and each has no data left in it.
func TestTemplatesScript(t *testing.T) {
	const path = "../static/js/chart-kinds.js"
	want := TemplatesScript()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: go test ./charts -run TestTemplatesScript -update", path)
	}
	for name, raw := range Templates() {
		var o map[string]any
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(string(raw), `"data"`) || len(o["series"].([]any)) != 1 {
			t.Errorf("%s: a template with data or more than one series: %s", name, raw)
		}
	}
}

// TestReportCompact: a report's compact charts are its charts without their options.
// TestReportFiguresShared: a report's charts in both languages drawn from figures
// summed once (ReportFiguresOf, ReportCompactOf), one language after the other,
// are the charts each language draws on its own.
func TestReportFiguresShared(t *testing.T) {
	drawn := 0
	for _, name := range []string{"huaian-2024.toml", "hengshan-2020.toml", "xifeng-2017.toml"} {
		r := load(t, name)
		figures := ReportFiguresOf(r)
		for _, lang := range []Language{Chinese, English, Chinese} {
			got, want := ReportCompactOf(r, figures, lang), ReportCompactIn(load(t, name), lang)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s in language %d: from shared figures\n%+v\nalone\n%+v", name, lang, got, want)
			}
			drawn += len(got)
		}
	}
	if drawn < 10 {
		t.Errorf("only %d charts drawn", drawn)
	}
}

func TestReportCompact(t *testing.T) {
	r := load(t, "huaian-2024.toml")
	full, lean := Report(r), ReportCompact(r)
	if len(full) != len(lean) || len(full) == 0 {
		t.Fatalf("%d compact charts of %d", len(lean), len(full))
	}
	for i := range full {
		f, l := full[i], lean[i]
		if l.Option != nil || f.ID != l.ID || f.Caption != l.Caption || !bytes.Equal(f.Compact, l.Compact) ||
			f.RowHeight != l.RowHeight || fmt.Sprint(f.Table) != fmt.Sprint(l.Table) {
			t.Errorf("%s: the compact chart differs from the chart: %+v", f.ID, l)
		}
	}
}

func BenchmarkReport(b *testing.B) {
	r := load(b, "huaian-2024.toml")
	for _, bc := range []struct {
		name string
		f    func(*record.Record) []Chart
	}{{"full", Report}, {"compact", ReportCompact}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.f(r)
			}
		})
	}
}

// TestLabelsScript: js/chart-labels.js holds, for every chart of the national
// templates that names its rows, the words of its table in Chinese and English:
// those of the charts drawn of the test records, in both languages; a chart of a
// record's list (the proactive breakdown) has no key and is not in it.
func TestLabelsScript(t *testing.T) {
	set := schema.National()
	js := string(LabelsScript(set.Templates()))
	const prefix = "window.nianbaoChartLabels = "
	i := strings.Index(js, prefix)
	if i < 0 || !strings.HasSuffix(js, ";\n") {
		t.Fatalf("not a script defining window.nianbaoChartLabels:\n%s", js)
	}
	var all map[string]map[string]Labels
	if err := json.Unmarshal([]byte(strings.TrimSuffix(js[i+len(prefix):], ";\n")), &all); err != nil {
		t.Fatal(err)
	}
	keyed := 0
	for _, name := range []string{"huaian-2024.toml", "hengshan-2020.toml", "xifeng-2017.toml"} {
		r := load(t, name)
		for _, lang := range []Language{Chinese, English} {
			for _, c := range ReportCompactIn(r, lang) {
				if c.Labels == "" {
					if spec := specOf(r.Template(), c.ID); spec.List == "" {
						t.Errorf("%s %s: a chart of the template's rows without a labels key", name, c.ID)
					}
					continue
				}
				keyed++
				words, ok := all[c.Labels][map[Language]string{Chinese: "zh", English: "en"}[lang]]
				if !ok {
					t.Errorf("%s %s: no words for %s", name, c.ID, c.Labels)
					continue
				}
				var rows []string
				for _, row := range c.Table.Rows {
					rows = append(rows, row.Label)
				}
				if !slices.Equal(words.Head, c.Table.Columns) || !slices.Equal(words.Rows, rows) {
					t.Errorf("%s %s: the script's words %q %q, the chart's table %q %q", name, c.ID, words.Head, words.Rows, c.Table.Columns, rows)
				}
			}
		}
	}
	if keyed < 10 {
		t.Errorf("only %d charts with a labels key", keyed)
	}
}

func specOf(t *schema.Template, id string) schema.Chart {
	for _, c := range t.Charts {
		if c.ID == id {
			return c
		}
	}
	return schema.Chart{}
}
