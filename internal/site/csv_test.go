package site

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"淮安市人民政府", "淮安市人民政府"},
		{"3119", "3119"},
		{"-4", "-4"},
		{"+1.5", "+1.5"},
		{"-2e3", "-2e3"},
		{"-.5", "-.5"},
		{"0.25", "0.25"},
		{`=HYPERLINK("http://evil.example/","x")`, `'=HYPERLINK("http://evil.example/","x")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"-", "'-"},
		{"-Inf", "'-Inf"},
		{"-NaN", "'-NaN"},
		{"-0x1p3", "'-0x1p3"},
		{"-1e", "'-1e"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"a=1", "a=1"},
		{"'=1", "'=1"},
	} {
		if got := safeCell(c.in); got != c.want {
			t.Errorf("safeCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCSVFormulaInjection builds a record whose agency and category names are
// spreadsheet formulas, and reads back both CSVs the site writes: no cell may start
// with a formula character unless it is a number.
func TestCSVFormulaInjection(t *testing.T) {
	data := t.TempDir()
	name := `=HYPERLINK("http://evil.example/","点击")`
	rec := `schema = 1

[agency]
name = '` + name + `'

[report]
year = 2022
template = "2021"

[proactive]
total = 6

[[proactive.categories]]
name = "@SUM(1+1)*cmd|' /C calc'!A0"
count = 1

[[proactive.categories]]
name = "+1+cmd"
count = 2

[[proactive.categories]]
name = "-2+3"
count = 3
`
	path := filepath.Join(data, "reports", "ce-shi", "2022.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{DataDir: data, BaseURL: "/", Now: testNow}, out); err != nil {
		t.Fatal(err)
	}
	// Every CSV the site writes: the dataset's, one a year and province.
	files, _ := filepath.Glob(filepath.Join(out, "data", "*", "*.csv.gz"))
	if len(files) != 1 {
		t.Fatalf("CSV files: %v, want one", files)
	}
	for _, f := range files {
		rows, err := csv.NewReader(strings.NewReader(gunzip(t, f))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(rows) < 5 {
			t.Fatalf("%s: %d rows, want a header and 4 figures", f, len(rows))
		}
		for i, row := range rows {
			for j, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isNumber(cell) {
					t.Errorf("%s:%d: cell %d is a formula: %q", f, i+1, j+1, cell)
				}
			}
		}
		if rows[1][0] != "'"+name {
			t.Errorf("%s: agency = %q, want %q", f, rows[1][0], "'"+name)
		}
	}
}
