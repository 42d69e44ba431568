package charts

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
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
	for n, want := range map[int64]string{0: "0", 12: "12", 999: "999", 1000: "1,000", 3985758: "3,985,758", -4500: "-4,500"} {
		if got := FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTrend(t *testing.T) {
	r := load(t, "huaian-2024.toml")
	s := record.Summarize(r)
	cs := Trend("t", "历年", []string{"2023", "2024"}, []record.Summary{{}, s})
	if len(cs) != 3 {
		t.Fatalf("%d trend charts, want 3", len(cs))
	}
	if cs[1].Table.Rows[0].Values[0] != "—" || cs[1].Table.Rows[1].Values[0] != "3,119" {
		t.Errorf("requests trend table %v", cs[1].Table.Rows)
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
		Trend("t", "", []string{"x"}, []record.Summary{record.Summarize(r)})
	})
}
