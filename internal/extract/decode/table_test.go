package decode

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// checkCells verifies the contract of a table's cells: in order of their
// top-left corners, within the grid, not overlapping, each position they cover
// holding their text, and no text outside them.
func checkCells(t *testing.T, tb Table) {
	t.Helper()
	if err := cellsError(tb); err != nil {
		t.Fatal(err)
	}
}

func cellsError(tb Table) error {
	covered := map[[2]int]bool{}
	for k, c := range tb.Cells {
		if k > 0 {
			p := tb.Cells[k-1]
			if c.Row < p.Row || c.Row == p.Row && c.Col <= p.Col {
				return fmt.Errorf("table at %d: cell %d at %d,%d comes after %d,%d", tb.Line, k, c.Row, c.Col, p.Row, p.Col)
			}
		}
		if c.RowSpan < 1 || c.ColSpan < 1 || c.Row < 0 || c.Col < 0 || c.Row+c.RowSpan > len(tb.Rows) || c.Col+c.ColSpan > len(tb.Rows[c.Row]) {
			return fmt.Errorf("table at %d: cell %+v outside its %d rows", tb.Line, c, len(tb.Rows))
		}
		for i := c.Row; i < c.Row+c.RowSpan; i++ {
			for j := c.Col; j < c.Col+c.ColSpan; j++ {
				if covered[[2]int{i, j}] {
					return fmt.Errorf("table at %d: cell %+v overlaps another at %d,%d", tb.Line, c, i, j)
				}
				covered[[2]int{i, j}] = true
				if tb.Rows[i][j] != c.Text {
					return fmt.Errorf("table at %d: position %d,%d holds %q, its cell %q", tb.Line, i, j, tb.Rows[i][j], c.Text)
				}
			}
		}
	}
	for i, r := range tb.Rows {
		for j, s := range r {
			if !covered[[2]int{i, j}] && s != "" {
				return fmt.Errorf("table at %d: position %d,%d holds %q but no cell covers it", tb.Line, i, j, s)
			}
		}
	}
	return nil
}

// spans lists the merged cells of a table as "row,col rowspan×colspan text".
func spans(tb Table) []string {
	var out []string
	for _, c := range tb.Cells {
		if c.RowSpan > 1 || c.ColSpan > 1 {
			out = append(out, fmt.Sprintf("%d,%d %d×%d %s", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text))
		}
	}
	return out
}

// TestCellsHTMLAndDOCX: the web page fixture and the same report saved as Word
// have the same cells, merged ones included, and they keep the contract.
func TestCellsHTMLAndDOCX(t *testing.T) {
	var docs []*Document
	for _, name := range []string{"testdata/html/report-utf8.html", "testdata/docx/report.docx"} {
		d := decodeFile(t, name)
		for _, tb := range d.Tables {
			checkCells(t, tb)
		}
		docs = append(docs, d)
	}
	html, docx := docs[0], docs[1]
	if len(html.Tables) != len(docx.Tables) {
		t.Fatalf("%d and %d tables", len(html.Tables), len(docx.Tables))
	}
	for i := range html.Tables {
		if !slices.Equal(spans(html.Tables[i]), spans(docx.Tables[i])) {
			t.Errorf("table %d: merged cells\nhtml %q\ndocx %q", i, spans(html.Tables[i]), spans(docx.Tables[i]))
		}
	}
	// The requests table: its group labels span rows, its header columns.
	req := html.Tables[1]
	for _, want := range []string{
		"0,0 3×3 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "0,3 1×7 申请人情况",
		"5,0 20×1 三、本年度办理结果", "7,1 8×1 （三）不予公开", "24,1 1×2 （七）总计",
	} {
		if !slices.Contains(spans(req), want) {
			t.Errorf("requests table lacks merged cell %q: %q", want, spans(req))
		}
	}
}

func decodeFile(t *testing.T, name string) *Document {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, d)
	return d
}

// TestMergedCellShared: the positions a merged cell covers share its string, and
// RowLine of a row of a thousand copies is one copy.
func TestMergedCellShared(t *testing.T) {
	long := strings.Repeat("长", 400)
	d, err := Decode("span.html", []byte(`<table><tr><td colspan="1000">`+long+`</td></tr><tr><td>a</td><td>1</td></tr></table>`))
	if err != nil {
		t.Fatal(err)
	}
	tb := d.Tables[0]
	row := tb.Rows[0]
	if len(row) != maxColSpan {
		t.Fatalf("colspan 1000 covers %d columns, want %d", len(row), maxColSpan)
	}
	for _, s := range row {
		if unsafe.StringData(s) != unsafe.StringData(row[0]) {
			t.Fatal("the copies of a merged cell are not the same string")
		}
	}
	if got := spans(tb); !slices.Equal(got, []string{"0,0 1×64 " + long}) {
		t.Errorf("merged cells %q", got)
	}
	copies := slices.Repeat([]string{long}, 1000)
	if got := RowLine(copies); got != long {
		t.Errorf("RowLine of 1000 copies has %d bytes, want %d", len(got), len(long))
	}
}

// TestTableBudget: tables whose cells of long text span many columns and rows
// (gridSpan and vMerge, colspan and rowspan) cost a document its table budget,
// with one clear error and bounded memory; each used to be copied into every
// position it covers, and normalized there: an 11 KB Word file took 1.2 GB.
func TestTableBudget(t *testing.T) {
	long := strings.Repeat("长", 400)
	tests := []struct {
		name string
		data []byte
	}{
		{"span.docx", spanDOCX(t, 4, 60, 16, 64, long)},
		{"many.docx", spanDOCX(t, 10, 100, 16, 64, long)},
		{"span.html", spanHTML(12, 30, 4, 1000, 1000, long)},
		{"cells.html", spanHTML(1, 2000, 4, 64, 1, "1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Decode(tt.name, tt.data) })
			if !errors.Is(err, ErrTableTooLarge) || !strings.HasPrefix(err.Error(), tt.name+": table too large: the document's tables have more than ") {
				t.Errorf("error %v, want ErrTableTooLarge", err)
			}
			if n > 256<<20 {
				t.Errorf("decoding %d KB allocated %d MB", len(tt.data)>>10, n>>20)
			}
		})
	}
	// Within the budget, merged cells are cells.
	d, err := Decode("ok.docx", spanDOCX(t, 2, 10, 4, 8, "长"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tables) != 2 || len(d.Tables[0].Rows) != 10 || len(d.Tables[0].Rows[0]) != 32 {
		t.Fatalf("tables %d", len(d.Tables))
	}
	for _, tb := range d.Tables {
		checkCells(t, tb)
	}
	if got := spans(d.Tables[0]); len(got) != 4+9*2 || got[0] != "0,0 1×8 长0 0" || got[1] != "0,8 10×8 长0 1" {
		t.Errorf("merged cells %q", got)
	}
}

// BenchmarkDecodeSpans decodes the span attacks, reporting their allocations.
func BenchmarkDecodeSpans(b *testing.B) {
	long := strings.Repeat("长", 400)
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"docx", spanDOCX(b, 4, 60, 16, 64, long)},
		{"html", spanHTML(12, 30, 4, 1000, 1000, long)},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Decode(f.name, f.data)
			}
		})
	}
}

// TestCellsPDFSynthetic: a PDF table's cells carry their page and the box of
// their words; a group label spans the rows around it, and a label with no label
// to its right spans the label columns.
func TestCellsPDFSynthetic(t *testing.T) {
	spec := []string{
		"一、本年新收||3|3",
		"|1.属于国家秘密|1|1",
		"（三）不予公开|2.其他法律禁止|2|2",
		"|3.危及安全稳定|3|3",
	}
	pages := []pageWords{{width: 600, height: 800, words: synthetic(spec, []float64{50, 150, 300, 350}, 100)}}
	_, tables := layoutPages(pages)
	if len(tables) != 1 {
		t.Fatalf("%d tables", len(tables))
	}
	tb := tables[0]
	checkCells(t, tb)
	if tb.Page != 1 {
		t.Errorf("table on page %d, want 1", tb.Page)
	}
	want := []Cell{
		{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Text: "一、本年新收", Page: 1, Box: Box{50, 100, 110, 110}},
		{Row: 0, Col: 2, RowSpan: 1, ColSpan: 1, Text: "3", Page: 1, Box: Box{300, 100, 310, 110}},
		{Row: 0, Col: 3, RowSpan: 1, ColSpan: 1, Text: "3", Page: 1, Box: Box{350, 100, 360, 110}},
		{Row: 1, Col: 0, RowSpan: 3, ColSpan: 1, Text: "（三）不予公开", Page: 1, Box: Box{50, 140, 120, 150}},
		{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "1.属于国家秘密", Page: 1, Box: Box{150, 120, 230, 130}},
	}
	if len(tb.Cells) != 13 {
		t.Errorf("%d cells, want 13: %+v", len(tb.Cells), tb.Cells)
	}
	for i, w := range want {
		if i < len(tb.Cells) && tb.Cells[i] != w {
			t.Errorf("cell %d = %+v, want %+v", i, tb.Cells[i], w)
		}
	}
}

// TestCellsPDF: the cells of a real PDF's tables keep the contract, sit on their
// pages, and a table split by a page break has cells on both.
func TestCellsPDF(t *testing.T) {
	needPdftotext(t)
	d := decodeFile(t, "testdata/pdf/huaian-2024.pdf")
	pages := map[int]bool{}
	for _, tb := range d.Tables {
		checkCells(t, tb)
		if tb.Page < 1 {
			t.Errorf("table at %d: page %d", tb.Line, tb.Page)
		}
		tablePages := map[int]bool{}
		for _, c := range tb.Cells {
			b := c.Box
			if c.Page < tb.Page || !(0 <= b.X0 && b.X0 < b.X1 && b.X1 <= 596 && 0 <= b.Y0 && b.Y0 < b.Y1 && b.Y1 <= 842) {
				t.Errorf("table at %d: cell %+v off its page", tb.Line, c)
			}
			tablePages[c.Page] = true
			pages[c.Page] = true
		}
		if strings.Contains(d.Lines[tb.Line], "规章") && len(tablePages) < 2 {
			t.Errorf("the 第二十条 table is on pages %v, want two", tablePages)
		}
	}
	if len(pages) < 2 {
		t.Errorf("tables on pages %v", pages)
	}
}
