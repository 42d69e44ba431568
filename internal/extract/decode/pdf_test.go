package decode

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

func needPdftotext(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not installed: apt-get install poppler-utils")
		}
		t.Skip("pdftotext not installed: apt-get install poppler-utils")
	}
}

func readPDFFile(t testing.TB, name string) *page {
	t.Helper()
	needPdftotext(t)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readPDF(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := checkPage(p); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// findTable returns the first table with a row whose label contains label.
func findTable(tables []Table, label string) *Table {
	for i := range tables {
		for _, r := range tables[i].Rows {
			if strings.Contains(strings.Join(r, ""), label) {
				return &tables[i]
			}
		}
	}
	return nil
}

func TestReadPDFHuaian(t *testing.T) {
	p := readPDFFile(t, "testdata/pdf/huaian-2024.pdf")
	want, err := record.Load("testdata/pdf/huaian-2024.expected.toml")
	if err != nil {
		t.Fatal(err)
	}
	if p.format != "pdf" || p.title != "政府信息公开工作年度报告" {
		t.Errorf("format %q title %q", p.format, p.title)
	}
	if len(p.tables) != 3 {
		t.Errorf("%d tables, want 3 (第二十条, requests, review/litigation)", len(p.tables))
	}

	// Text: wrapped lines joined into paragraphs, page numbers dropped.
	text := strings.Join(p.lines, "\n")
	for _, s := range []string{
		"淮安市人民政府\n2024年政府信息公开工作年度报告\n",
		"\n一、总体情况\n",
		"组织召开了“春节前后服务企业用工和促进返乡人员就业创业专项活动”“建设‘四最’一流营商环境高质量推进产业发展”", // across a page break
		"全年收取政府信息公开信息处理费3940元。",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, l := range p.lines {
		if pageNumRe.MatchString(l) {
			t.Errorf("page number line %q", l)
		}
	}

	// The requests table: 25 numeric rows, seven numbers each, labels with their group.
	req := findTable(p.tables, "本年新收政府信息公开申请数量")
	if req == nil {
		t.Fatal("no requests table")
	}
	var rows [][]string
	for _, r := range req.Rows {
		if len(numbers(r)) > 0 {
			rows = append(rows, r)
		}
	}
	tb, _ := want.Template().Table("requests")
	specs := tb.PrintedRows()
	if len(rows) != len(specs) {
		t.Fatalf("%d numeric rows, want %d", len(rows), len(specs))
	}
	groups := map[string]string{}
	for _, g := range tb.Groups {
		groups[g.Key] = g.Label
	}
	for i, s := range specs {
		var w []string
		for _, c := range tb.Columns {
			w = append(w, fmtInt(want.Int(tb.Path(s, c))))
		}
		if got := numbers(rows[i]); strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("row %d %s: numbers %v, want %v", i, s.Key, got, w)
		}
		label := strings.Join(rows[i][:len(rows[i])-7], " ")
		if !strings.Contains(label, s.Label) {
			t.Errorf("row %d %s: label %q lacks %q", i, s.Key, label, s.Label)
		}
		if g := groups[s.Group]; g != "" && !strings.Contains(label, g) {
			t.Errorf("row %d %s: label %q lacks its group %q", i, s.Key, label, g)
		}
		if s.Group != "" && !strings.Contains(label, "本年度办理结果") {
			t.Errorf("row %d %s: label %q lacks 本年度办理结果", i, s.Key, label)
		}
	}

	// The 第二十条 table, across a page break.
	art := findTable(p.tables, "规章")
	if art == nil {
		t.Fatal("no 第二十条 table")
	}
	for _, r := range []string{"规章 | 1 | 0 | 11", "行政规范性文件 | 8 | 26 | 66", "行政许可 | 447228 |  | ", "行政处罚 | 3985758 |  | ", "行政强制 | 88283 |  | ", "行政事业性收费 | 96171.6 |  | "} {
		if !containsRow(art, r) {
			t.Errorf("第二十条 table lacks row %q", r)
		}
	}

	// Header cells wrapped over lines are joined; a header over several
	// columns is a row of its own.
	for _, h := range []string{"自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		if !slices.ContainsFunc(req.Rows[:3], func(r []string) bool { return slices.Contains(r, h) }) {
			t.Errorf("requests table header lacks %q: %q", h, req.Rows[:3])
		}
	}

	// Reviews and lawsuits: one row of 15 numbers.
	rev := findTable(p.tables, "行政复议")
	if rev == nil || !containsRow(rev, "72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20") ||
		!containsRow(rev, "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计") {
		t.Errorf("review table: %v", rev)
	}
}

func containsRow(t *Table, line string) bool {
	for _, r := range t.Rows {
		if strings.Join(r, " | ") == line {
			return true
		}
	}
	return false
}

func fmtInt(p *int64) string {
	if p == nil {
		return "<nil>"
	}
	return strconv.FormatInt(*p, 10)
}

func TestReadPDFErrors(t *testing.T) {
	needPdftotext(t)
	good, err := os.ReadFile("testdata/pdf/huaian-2024.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a PDF", []byte("<html>hello</html>"), "not a PDF"},
		{"header only", []byte("%PDF-1.7\n"), "PDF"},
		{"truncated", good[:2000], "PDF"},
		{"garbage body", append([]byte("%PDF-1.4\n"), make([]byte, 5000)...), "PDF"},
		{"no text layer", []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
			"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"), "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := readPDF(tt.data)
			if err == nil {
				t.Fatalf("no error; %d lines", len(p.lines))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestReadPDFNoPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := readPDFContext(context.Background(), []byte("%PDF-1.7\n"))
	if err == nil || err.Error() != "reading PDF needs pdftotext: install poppler-utils (Debian: apt-get install poppler-utils poppler-data)" {
		t.Errorf("error %v", err)
	}
}

func BenchmarkReadPDF(b *testing.B) {
	needPdftotext(b)
	data, err := os.ReadFile("testdata/pdf/huaian-2024.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := readPDF(data); err != nil {
			b.Fatal(err)
		}
	}
}

// report-libreoffice.pdf is the HTML fixture's report printed to PDF by
// LibreOffice: another layout (labels wrapped in narrow cells, group labels at the
// top of their rows, a row split by a page break). Its tables must hold the same
// rows as the web page's.
func TestReadPDFLibreOffice(t *testing.T) {
	p := readPDFFile(t, "testdata/pdf/report-libreoffice.pdf")
	h := readHTMLFile(t, "testdata/html/report-utf8.html")
	if len(p.tables) != len(h.tables) {
		t.Fatalf("%d tables, the web page has %d", len(p.tables), len(h.tables))
	}
	for i := range h.tables {
		var want, got []string
		for _, r := range h.tables[i].Rows {
			if len(numbers(r)) > 0 {
				want = append(want, strings.Join(r, " | "))
			}
		}
		for _, r := range p.tables[i].Rows {
			if len(numbers(r)) > 0 {
				got = append(got, strings.Join(r, " | "))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("table %d: numeric rows\n%s\nwant\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	for _, l := range []string{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项", "衡山县行政审批服务局"} {
		if !slices.Contains(p.lines, l) {
			t.Errorf("no line %q", l)
		}
	}
}

// TestBBoxIllegalXML: pdftotext writes a PDF's odd character codes as they are
// (U+0011), which XML does not allow; the page is still read, the code a space.
func TestBBoxIllegalXML(t *testing.T) {
	doc := `<html><body><doc><page width="595" height="842"><flow><block><line>` +
		`<word xMin="10" yMin="10" xMax="40" yMax="20">收到\x11申请</word>` +
		`<word xMin="50" yMin="10" xMax="60" yMax="20">3</word></line></block></flow></page></doc></body></html>`
	pages, err := parseBBox(strings.NewReader(strings.ReplaceAll(doc, `\x11`, "\x11")), pdfLimits{pages: 10, words: 100, output: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].words) != 2 || pages[0].words[0].text != "收到 申请" {
		t.Fatalf("pages = %+v", pages)
	}
}
