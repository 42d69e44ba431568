package decode

import (
	"archive/zip"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

// makeDOCX builds a Word archive with the given body XML (and, if title is not
// empty, document properties with that title).
func makeDOCX(t testing.TB, body, title string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`+
		body+`</w:body></w:document>`)
	if title != "" {
		add("docProps/core.xml", `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`+title+`</dc:title></cp:coreProperties>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readDOCXFile(t testing.TB, name string) *page {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readDOCX(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := checkPage(p); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// report.docx is the HTML fixture's report saved by LibreOffice as Word: it must
// read exactly as the web page does.
func TestReadDOCXReport(t *testing.T) {
	p := readDOCXFile(t, "testdata/docx/report.docx")
	h := readHTMLFile(t, "testdata/html/report-utf8.html")
	if p.format != "docx" || p.title != "衡山县行政审批服务局2020年政府信息公开工作报告" {
		t.Errorf("format %q title %q", p.format, p.title)
	}
	if !slices.Equal(p.lines, h.lines) {
		for i := range min(len(p.lines), len(h.lines)) {
			if p.lines[i] != h.lines[i] {
				t.Fatalf("line %d:\ndocx %q\nhtml %q", i, p.lines[i], h.lines[i])
			}
		}
		t.Fatalf("docx has %d lines, html %d", len(p.lines), len(h.lines))
	}
	if len(p.tables) != len(h.tables) {
		t.Fatalf("docx has %d tables, html %d", len(p.tables), len(h.tables))
	}
	for i := range p.tables {
		if p.tables[i].Line != h.tables[i].Line || len(p.tables[i].Rows) != len(h.tables[i].Rows) {
			t.Errorf("table %d differs", i)
		}
	}
}

func TestReadDOCXNested(t *testing.T) {
	p := readDOCXFile(t, "testdata/docx/nested.docx")
	want := []string{
		"某县人民政府办公室2022年政府信息公开工作年度报告",
		"外层表格的第一个单元格，里面有一个数据表：",
		"信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
		"规章 | 1 | 0 | 11",
		"行政规范性文件 | 8 | 26 | 66",
		"外层表格的第二个单元格",
		"表格之后的正文。",
	}
	if !slices.Equal(p.lines, want) {
		t.Errorf("lines\n%q\nwant\n%q", p.lines, want)
	}
	if len(p.tables) != 1 || p.tables[0].Line != 2 {
		t.Errorf("tables %+v", p.tables)
	}
}

func TestReadDOCXMarkup(t *testing.T) {
	tc := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	tests := []struct {
		name  string
		body  string
		lines []string
	}{
		{
			name: "runs, tabs, breaks, fields and deletions",
			body: `<w:p><w:r><w:t xml:space="preserve">一、</w:t></w:r><w:r><w:t>总体情况</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>` +
				`<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:t>保留</w:t></w:r></w:p>` +
				`<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>` +
				`<w:p/>`,
			lines: []string{"一、总体情况", "甲 乙", "丙", "保留", "内容控件"},
		},
		{
			name: "text box: the choice, not its fallback copy",
			body: `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>` +
				`<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>`,
			lines: []string{"正文", "文本框"},
		},
		{
			name: "gridSpan, vMerge and gridBefore",
			body: `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
				`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "三、本年度办理结果") + tc(`<w:gridSpan w:val="2"/>`, "（一）予以公开") + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge/>`, "") + tc(``, "（三）不予公开") + tc(``, "1.属于国家秘密") + `</w:tr>` +
				`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc(``, "甲") + tc(``, "乙<w:br/>丙") + `</w:tr>` +
				`<w:tr>` + tc(`<w:gridSpan w:val="100000"/>`, "宽") + `</w:tr>` +
				`</w:tbl>`,
			lines: []string{
				"三、本年度办理结果 | （一）予以公开 | （一）予以公开",
				"三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密",
				" | 甲 | 乙 丙",
				"宽 | 宽 | 宽",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := readDOCX(makeDOCX(t, tt.body, ""))
			if err != nil {
				t.Fatal(err)
			}
			if err := checkPage(p); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.lines, tt.lines) {
				t.Errorf("lines\n%q\nwant\n%q", p.lines, tt.lines)
			}
		})
	}
}

func TestReadDOCXErrors(t *testing.T) {
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range 51 {
		w.Write(zeros)
	}
	zw.Close()
	var empty bytes.Buffer
	zw = zip.NewWriter(&empty)
	zw.Create("hello.txt")
	zw.Close()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("PK\x03\x04 not really"), "not a DOCX"},
		{"zip bomb", bomb.Bytes(), "over the 50 MB limit"},
		{"no document", empty.Bytes(), "no word/document.xml"},
		{"broken XML", makeDOCX(t, `<w:p><w:r><w:t>未闭合</w:r></w:p>`, ""), "word/document.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readDOCX(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func FuzzReadDOCX(f *testing.F) {
	for _, name := range []string{"testdata/docx/nested.docx", "testdata/docx/report.docx"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(makeDOCX(f, `<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="3"/></w:tcPr><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`, "标题"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := readDOCX(data)
		if err != nil {
			return
		}
		if err := checkPage(p); err != nil {
			t.Fatal(err)
		}
	})
}
