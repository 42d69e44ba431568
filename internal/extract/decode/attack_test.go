package decode

// Hostile inputs, generated: files small on disk that cost a naive reader
// gigabytes or minutes. The tests of limits.go feed them to Decode; with
// NIANBAO_ATTACK_DIR set, TestWriteAttackFiles writes them there, to measure
// `nianbao extract` on them.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// spanDOCX is a Word file of tables whose rows are cells of long text, each
// spanning many grid columns (w:gridSpan), in rows that merge down (w:vMerge):
// a reader that copies a cell into every column it spans holds tables×rows×cols
// copies of it.
func spanDOCX(t testing.TB, tables, rows, cols, span int, text string) []byte {
	var body strings.Builder
	for range tables {
		body.WriteString("<w:tbl><w:tblGrid>")
		for range cols * span {
			body.WriteString("<w:gridCol/>")
		}
		body.WriteString("</w:tblGrid>")
		for r := range rows {
			body.WriteString("<w:tr>")
			for c := range cols {
				body.WriteString(`<w:tc><w:tcPr><w:gridSpan w:val="` + fmt.Sprint(span) + `"/>`)
				if r > 0 && c%2 == 1 {
					body.WriteString(`<w:vMerge/>`)
				} else {
					body.WriteString(`<w:vMerge w:val="restart"/>`)
				}
				body.WriteString(`</w:tcPr><w:p><w:r><w:t>` + text + fmt.Sprint(r, c) + `</w:t></w:r></w:p></w:tc>`)
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	return makeDOCX(t, body.String(), "")
}

// spanHTML is a page of tables whose cells of long text span many columns and
// rows (colspan, rowspan).
func spanHTML(tables, rows, cols, colspan, rowspan int, text string) []byte {
	var b strings.Builder
	b.WriteString("<html><body>")
	for range tables {
		b.WriteString("<table>")
		for r := range rows {
			b.WriteString("<tr>")
			for c := range cols {
				fmt.Fprintf(&b, `<td colspan="%d" rowspan="%d">%s%d-%d</td>`, colspan, rowspan, text, r, c)
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// manyPagePDF is a PDF of n pages that all show the same content: lines lines
// of text, words words each, with a number at the end.
func manyPagePDF(n, lines, words int) []byte {
	return makePDF([]string{pdfText(lines, words, "")}, n)
}

// pdfText is a page's content stream: lines lines of words words, each line
// ending in a number; the words end in suffix.
func pdfText(lines, words int, suffix string) string {
	var content strings.Builder
	content.WriteString("BT /F1 8 Tf\n")
	for l := range lines {
		fmt.Fprintf(&content, "1 0 0 1 40 %d Tm (", 800-l*760/max(lines, 1))
		for w := range words {
			fmt.Fprintf(&content, "w%d%s ", w, suffix)
		}
		fmt.Fprintf(&content, "%d) Tj\n", l)
	}
	content.WriteString("ET")
	return content.String()
}

// makePDF is a PDF of n pages, page i showing streams[i%len(streams)]. Its
// cross-reference table is exact, so that poppler reads it without repair.
func makePDF(streams []string, n int) []byte {
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>")
	first := 4 + len(streams) // the first page object
	var kids strings.Builder
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", first+i)
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n))
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for _, s := range streams {
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s)+1, s))
	}
	for i := range n {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", 4+i%len(streams)))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// repeatedLine is a text whose last line is head and then phrase repeated up to
// size bytes, after the opening of a report (opening), so that it reads as one.
func repeatedLine(opening, head, phrase string, size int) []byte {
	var b strings.Builder
	b.WriteString(opening)
	b.WriteString("\n")
	b.WriteString(head)
	b.WriteString(strings.Repeat(phrase, (size-b.Len())/len(phrase)))
	b.WriteString("\n")
	return []byte(b.String())
}

// attackPhrases are phrases that the line filters (web furniture, metadata
// counters, toolbars, pinyin glosses, breadcrumbs) look at, repeated to make a
// hostile line.
var attackPhrases = []struct{ name, head, phrase string }{
	{"breadcrumb", "", "当前位置：首页 > 政务公开 > "},
	{"home-breadcrumb", "首页", " > 政务公开"},
	{"source-time", "", "来源：本站 时间：2024-01-01 "},
	{"pinyin", "", "繼續(xù)認(rèn)真"},
	{"pinyin-only", "繼", "(xù)"},
	{"toolbar", "", "【打印】"},
	{"date-toolbar", "发布时间：2024-01-01", "【打印】"},
	{"date-counters", "2024年1月1日 来源：本站", " 点击："},
	{"date-counter-toolbar", "2024-01-01", "【点击：3】【关闭】"},
	{"page-number", "", "-3- "},
	{"report", "", "政府信息公开工作年度报告。"},
	{"pipes", "", "规章 | 1 | "},
	{"tabs", "", "规章\t1\t"},
	{"spaces", "", "申请 3119 件 　"},
	{"full-width", "", "１２ＡＢ"},
}

// TestWriteAttackFiles writes the hostile inputs to $NIANBAO_ATTACK_DIR.
func TestWriteAttackFiles(t *testing.T) {
	dir := os.Getenv("NIANBAO_ATTACK_DIR")
	if dir == "" {
		t.Skip("NIANBAO_ATTACK_DIR not set")
	}
	files := map[string][]byte{
		"span-small.docx": spanDOCX(t, 4, 60, 16, 64, strings.Repeat("长", 400)),
		"span-large.docx": spanDOCX(t, 10, 100, 16, 64, strings.Repeat("长", 400)),
		"span.html":       spanHTML(12, 30, 4, 1000, 1000, strings.Repeat("长", 490)),
		"pages-10000.pdf": manyPagePDF(10000, 60, 8),
		"pages-1000.pdf":  manyPagePDF(1000, 100, 40),
		"long-words.pdf":  makePDF([]string{pdfText(100, 2, strings.Repeat("x", 200))}, 1000),
	}
	var streams []string
	for i := range 1000 {
		streams = append(streams, pdfText(92, 24, fmt.Sprint("p", i)))
	}
	files["big-19mb.pdf"] = makePDF(streams, 1000) // 19 MB, 2 million words
	files["deep.html"] = deepHTML(maxHTMLDepth-4, 2<<20)
	opening, err := os.ReadFile("testdata/text/003_bce59b32b8835914.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range attackPhrases {
		files["line-1mb-"+p.name+".txt"] = repeatedLine(string(opening), p.head, p.phrase, 1<<20)
		files["line-4mb-"+p.name+".txt"] = repeatedLine(string(opening), p.head, p.phrase, 4<<20-64<<10)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
}

// deepHTML is a page whose report (paragraphs in a container) sits beside
// levels nested div elements, each with a little text, the innermost holding a
// long link: a reader that looks again at everything under each of them for a
// "。" reads the link levels times.
func deepHTML(levels, link int) []byte {
	var b strings.Builder
	b.WriteString(`<html><body><div id="report">`)
	for range 3000 {
		b.WriteString("<p>政府信息公开工作年度报告正文</p>")
	}
	b.WriteString("</div>")
	for range levels {
		b.WriteString("<div>相关链接相关链接相关链接")
	}
	b.WriteString(`<a href="/x">` + strings.Repeat("链", link/3) + "</a>")
	for range levels {
		b.WriteString("</div>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// allocated returns the bytes f allocates on the heap: an upper bound of the
// memory it holds at any time.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
