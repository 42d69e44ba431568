package site

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	// Every CSV the site writes: the dataset's, long and summary, one a year and province.
	files, _ := filepath.Glob(filepath.Join(out, "data", "*", "*.csv.gz"))
	if len(files) != 2 {
		t.Fatalf("CSV files: %v, want two", files)
	}
	for _, f := range files {
		rows := readCSV(t, f)
		if want := 5; strings.HasSuffix(f, ".summary.csv.gz") && len(rows) != 2 || !strings.HasSuffix(f, ".summary.csv.gz") && len(rows) < want {
			t.Fatalf("%s: %d rows, want a header and 4 figures, or a header and 1 report", f, len(rows))
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

// readCSV reads a gzip-compressed CSV of the dataset: it must start with a UTF-8 byte
// order mark (for Excel) and parse as CSV with the same number of cells a row.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	doc, ok := strings.CutPrefix(gunzip(t, path), utf8BOM)
	if !ok {
		t.Errorf("%s does not start with a UTF-8 byte order mark", path)
	}
	rows, err := csv.NewReader(strings.NewReader(doc)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no header", path)
	}
	return rows
}

// TestSpreadsheets opens the dataset's CSVs as a spreadsheet user would: UTF-8 with a
// byte order mark, every row as wide as the header; the long CSV keeps a figure's
// template, division code and whether it is approximate ("5500余条" is not an exact
// 5500), and the summary CSV has one row per report with its summary figures, rates
// and checks.
func TestSpreadsheets(t *testing.T) {
	out := buildFixtures(t, "/")
	long := readCSV(t, filepath.Join(out, "data/2024/320000.csv.gz"))
	col := func(header []string, name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, header)
		}
		return i
	}
	table, row, column, value, approx := col(long[0], "table"), col(long[0], "row"), col(long[0], "column"), col(long[0], "value"), col(long[0], "approx")
	found := 0
	for _, r := range long[1:] {
		switch {
		case r[table] == "proactive" && r[row] == "" && r[column] == "total":
			found++
			if r[value] != "5500" || r[approx] != "1" {
				t.Errorf("proactive.total of 淮安 2024 (5500余条): value %q approx %q, want 5500 and 1", r[value], r[approx])
			}
		case r[table] == "requests" && r[row] == "new_received" && r[column] == "total":
			found++
			if r[approx] != "0" {
				t.Errorf("requests.new_received.total: approx %q, want 0", r[approx])
			}
		}
		if r[col(long[0], "template")] != "2021" || r[col(long[0], "division_code")] != "320800" {
			t.Fatalf("a figure of 淮安 2024 with template %q and division code %q", r[col(long[0], "template")], r[col(long[0], "division_code")])
		}
	}
	if found != 2 {
		t.Errorf("found %d of proactive.total and requests.new_received.total", found)
	}
	pq := readParquet(t, filepath.Join(out, "data/2024/320000.parquet"))
	if !slices.ContainsFunc(pq, func(f figureRow) bool {
		return f.Table == "proactive" && f.Column == "total" && f.Approx && f.Value == 5500
	}) {
		t.Errorf("320000.parquet does not mark proactive.total approximate")
	}

	sum := readCSV(t, filepath.Join(out, "data/2024/320000.summary.csv.gz"))
	if !slices.Equal(sum[0], columnKeys(summaryColumns(nil))) {
		t.Errorf("summary header %v", sum[0])
	}
	if len(sum) != 2 {
		t.Fatalf("the summary of 2024/320000 has %d rows, want a header and 淮安's report", len(sum))
	}
	got := map[string]string{}
	for i, k := range sum[0] {
		got[k] = sum[1][i]
	}
	for k, v := range map[string]string{
		"agency": "淮安市人民政府", "agency_slug": "huaian", "division_code": "320800", "province": "江苏省", "city": "淮安市",
		"year": "2024", "template": "2021", "proactive": "5500", "proactive_approx": "1", "received": "3119",
		"disclosed_rate": "", "check_errors": "0",
	} {
		if k == "disclosed_rate" {
			if got[k] == "" || got["disclosed_num"] == "" || got["disclosed_den"] == "" {
				t.Errorf("summary: disclosed rate %q = %q / %q, want a rate with its counts", got[k], got["disclosed_num"], got["disclosed_den"])
			}
			continue
		}
		if got[k] != v {
			t.Errorf("summary: %s = %q, want %q", k, got[k], v)
		}
	}
	// Every report is in one summary row.
	files, _ := filepath.Glob(filepath.Join(out, "data", "*", "*.summary.csv.gz"))
	reports := 0
	for _, f := range files {
		reports += len(readCSV(t, f)) - 1
	}
	if reports != 7 {
		t.Errorf("the summary CSVs hold %d reports, want 7", reports)
	}
}

// TestDataDictionary checks that the data page documents every column of the CSVs.
func TestDataDictionary(t *testing.T) {
	page, err := os.ReadFile("../../content/data.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range [][]column{figureColumns, summaryColumns(nil)} {
		for _, c := range cs {
			key := c.key
			if base, ok := strings.CutSuffix(key, "_num"); ok {
				key = base + "_rate" // documented as a rate's _num and _den
			} else if base, ok := strings.CutSuffix(key, "_den"); ok {
				key = base + "_rate"
			}
			if !strings.Contains(string(page), "`"+key+"`") {
				t.Errorf("content/data.md does not document the column %s (%s)", c.key, c.zh)
			}
		}
	}
}

// TestLongCSVVerbatim: a partition none of whose cells needs neutralising writes its
// long CSV by copying its rows as rowsOf wrote them; the file is the one every cell
// through csvWriter makes, byte for byte (quotes, commas, line breaks and all).
func TestLongCSVVerbatim(t *testing.T) {
	var rows bytes.Buffer
	w := csv.NewWriter(&rows)
	for _, r := range [][]string{
		{"某局", "mou-ju", "2022", "requests", "granted", "natural_person", "12", "0", "2021", "420000"},
		{`某局，"引号", 逗号`, "mou-ju", "2022", "proactive", "类别\n两行", "count", "-3", "1", "2021", ""},
	} {
		w.Write(r)
	}
	w.Flush()
	var files [2][]byte
	for i, formulas := range []bool{false, true} {
		p := &partition{gzips: &sync.Pool{}, formulas: formulas}
		p.rows.Write(rows.Bytes())
		var out bytes.Buffer
		if err := p.writeCSV(&out); err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(&out)
		if err != nil {
			t.Fatal(err)
		}
		if files[i], err = io.ReadAll(z); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) || !bytes.HasPrefix(files[0], []byte(utf8BOM+strings.Join(csvHeader, ",")+"\n")) {
		t.Errorf("the copied CSV differs from the one written cell by cell:\n%q\n%q", files[0], files[1])
	}
}
