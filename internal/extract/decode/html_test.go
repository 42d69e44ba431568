package decode

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func readHTMLFile(t testing.TB, name string) *page {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readHTML(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := checkPage(p); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// The fixtures are a government CMS page (navigation, breadcrumb, scripts, share
// widget, footer, a layout table) carrying a 2019-template report: the text of
// corpus seed 003 with the four tables, merged cells and all.
func TestReadHTMLReport(t *testing.T) {
	tests := []struct {
		file, encoding string
	}{
		{"testdata/html/report-utf8.html", "utf-8"},
		{"testdata/html/report-gbk.html", "gb18030"},
	}
	var first []string
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := readHTMLFile(t, tt.file)
			if p.format != "html" || p.encoding != tt.encoding {
				t.Errorf("format %q encoding %q, want html %q", p.format, p.encoding, tt.encoding)
			}
			if want := "衡山县行政审批服务局2020年政府信息公开工作报告_政府信息公开年报_衡山县人民政府"; p.title != want {
				t.Errorf("title %q, want %q", p.title, want)
			}
			text := strings.Join(p.lines, "\n")
			for _, s := range []string{
				"脚本", "隐藏的文字", "打印本页", "关闭窗口", "返回顶部", "分享到", "网站首页", "信息公开制度",
				"当前位置", "ICP备", "主办单位", "javascript", "changeSize", "JavaScript", "网站地图", "浏览器",
				"相关文章", "加入收藏", "请输入关键字", "_hmt", "display",
			} {
				if strings.Contains(text, s) {
					t.Errorf("furniture %q came through", s)
				}
			}
			if p.lines[0] != "衡山县行政审批服务局2020年政府信息公开工作报告" {
				t.Errorf("first line %q, want the report's title", p.lines[0])
			}
			for _, l := range []string{"一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项", "无", "衡山县行政审批服务局", "2021年1月21日"} {
				if !slices.Contains(p.lines, l) {
					t.Errorf("no line %q", l)
				}
			}
			if len(p.tables) != 3 {
				t.Fatalf("%d tables, want 3", len(p.tables))
			}
			for _, r := range []string{
				"第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项",
				"信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量",
				"行政许可 | 215 | -3 | 447228",
				"行政事业性收费 | 0 | 0 | ",
				"政府集中采购 | 2 | 251000元 | ",
			} {
				if !containsRow(&p.tables[0], r) {
					t.Errorf("第二十条 table lacks row %q", r)
				}
			}
			req := p.tables[1]
			for _, r := range []string{
				"等于第三项加第四项之和） | 自然人 | 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
				"等于第三项加第四项之和） | 自然人 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 总计",
				"一、本年新收政府信息公开申请数量 | 一、本年新收政府信息公开申请数量 | 一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119",
				"三、本年度办理结果 | （一）予以公开 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362",
				"三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
				"三、本年度办理结果 | （三）不予公开 | 8.属于行政查询事项 | 105 | 0 | 0 | 0 | 0 | 0 | 105",
				"三、本年度办理结果 | （四）无法提供 | 1.本机关不掌握相关政府信息 | 746 | 12 | 0 | 0 | 10 | 1 | 769",
				"三、本年度办理结果 | （七）总计 | （七）总计 | 2932 | 53 | 0 | 0 | 61 | 4 | 3050",
				"四、结转下年度继续办理 | 四、结转下年度继续办理 | 四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103",
			} {
				found := false
				for _, row := range req.Rows {
					found = found || strings.HasSuffix(strings.Join(row, " | "), r)
				}
				if !found {
					t.Errorf("requests table lacks row %q", r)
				}
			}
			denied := 0
			for _, row := range req.Rows {
				if row[1] == "（三）不予公开" {
					denied++
				}
			}
			if len(req.Rows) != 26 || denied != 8 {
				t.Errorf("requests table: %d rows (want 26), %d under （三）不予公开 (want 8)", len(req.Rows), denied)
			}
			if !containsRow(&p.tables[2], "72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20") {
				t.Errorf("review table: %q", p.tables[2].Rows)
			}
			if first == nil {
				first = p.lines
			} else if !slices.Equal(first, p.lines) {
				t.Errorf("GBK page reads differently from the UTF-8 page")
			}
		})
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		lines  []string
		tables int
	}{
		{
			name:  "blocks, br and entities",
			html:  `<p>一、总体情况</p><div>共 &amp; 计<br>251000元&nbsp;&nbsp;</div><p>&#x4E00;&#20108;</p><p> </p>`,
			lines: []string{"一、总体情况", "共 & 计", "251000元", "一二"},
		},
		{
			name:  "inline elements do not break lines",
			html:  `<p><span>全年</span><b>公开</b><font>信息</font>1379条</p>`,
			lines: []string{"全年公开信息1379条"},
		},
		{
			name: "scripts, styles, comments, hidden elements, forms, javascript links",
			html: `<script>alert("脚本")</script><style>p{}</style><!-- 注释 --><p>正文</p>` +
				`<div style="DISPLAY: NONE">隐藏</div><div hidden>隐藏</div><span style="visibility : hidden">隐藏</span>` +
				`<form><input value="输入"><select><option>选项</option></select></form>` +
				`<a href="JavaScript:void(0)">打印</a><a onclick="x()">关闭</a><span onclick="y()">顶部</span><p onclick="z()">段落</p>` +
				`<noscript>请开启</noscript><template>模板</template><iframe>框架</iframe><svg><text>图</text></svg>`,
			lines: []string{"正文", "段落"},
		},
		{
			name: "classes hidden by the page's style sheet",
			html: `<style>.nav a{color:red} .hide, .x{ DISPLAY : none } .inv{visibility:hidden} .tab{display:none}</style><div class="box hide">隐藏</div><p class="inv">不见</p><p class="show">标签页之外的正文也是报告的一部分，不能丢失。</p>` +
				`<div class="tab active">` + strings.Repeat("脚本显示的标签页里的报告正文。", 20) + `</div>`,
			lines: []string{"标签页之外的正文也是报告的一部分，不能丢失。", strings.Repeat("脚本显示的标签页里的报告正文。", 20)},
		},
		{
			name: "rowspan and colspan expanded",
			html: `<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td></tr>` +
				`<tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td></td></tr></table>`,
			lines: []string{
				"三、本年度办理结果 | （一）予以公开 | （一）予以公开 | 5",
				"三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | ",
			},
			tables: 1,
		},
		{
			name:   "absurd spans are clamped",
			html:   `<table><tr><td colspan="99999999">甲</td><td rowspan="-3">乙</td></tr><tr><td rowspan="0">丙</td><td>丁</td></tr><tr><td>戊</td></tr></table>`,
			tables: 1,
		},
		{
			name:   "layout table around a data table",
			html:   `<table><tr><td><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li></ul></td><td><p>正文第一段</p><table><tr><td>规章</td><td>1</td></tr><tr><td>规范性文件</td><td>2</td></tr></table><p>正文第二段</p></td></tr></table>`,
			lines:  []string{"正文第一段", "规章 | 1", "规范性文件 | 2", "正文第二段"},
			tables: 1,
		},
		{
			name:   "a single-cell table is layout",
			html:   `<table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>`,
			lines:  []string{"第一段", "第二段"},
			tables: 0,
		},
		{
			name:   "cell text on one line, empty rows and columns dropped",
			html:   `<table><tr><td><p>商业</p><p>企业</p></td><td></td><td>科研<br>机构</td></tr><tr><td> </td><td></td><td>&nbsp;</td></tr><tr><td>3</td><td></td><td></td></tr></table>`,
			lines:  []string{"商业 企业 | 科研 机构", "3 | "},
			tables: 1,
		},
		{
			name:  "a form wrapping the whole page is kept",
			html:  `<form id="form1"><div>` + strings.Repeat("<p>这是一个很长的报告正文段落，用来说明表单里的正文不会丢失。</p>", 10) + `</div></form>`,
			lines: slices.Repeat([]string{"这是一个很长的报告正文段落，用来说明表单里的正文不会丢失。"}, 10),
		},
		{
			name:   "caption and pre",
			html:   "<table><caption>表一</caption><tr><td>甲</td><td>1</td></tr></table><pre>第一行\n第二行</pre>",
			lines:  []string{"表一", "甲 | 1", "第一行", "第二行"},
			tables: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseHTML("<html><body>" + tt.html + "</body></html>")
			if err != nil {
				t.Fatal(err)
			}
			if err := checkPage(p); err != nil {
				t.Fatal(err)
			}
			if tt.lines != nil && !slices.Equal(p.lines, tt.lines) {
				t.Errorf("lines\n%q\nwant\n%q", p.lines, tt.lines)
			}
			if len(p.tables) != tt.tables {
				t.Errorf("%d tables, want %d", len(p.tables), tt.tables)
			}
			for _, tb := range p.tables {
				if w := len(tb.Rows[0]); w > maxTableCols {
					t.Errorf("table %d columns wide", w)
				}
			}
		})
	}
}

func TestDeclaredCharset(t *testing.T) {
	tests := []struct{ html, want string }{
		{`<meta charset="GBK">`, "gbk"},
		{`<META http-equiv="Content-Type" content="text/html; charset=gb2312" />`, "gb2312"},
		{`<meta name="x" content="y"><meta charset='utf-8'>`, "utf-8"},
		{`<meta charset>`, ""},
		{`<p>charset=big5</p>`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		if got := declaredCharset([]byte(tt.html)); got != tt.want {
			t.Errorf("declaredCharset(%q) = %q, want %q", tt.html, got, tt.want)
		}
	}
}

func FuzzReadHTML(f *testing.F) {
	for _, name := range []string{"testdata/html/report-utf8.html", "testdata/html/report-gbk.html"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=1000>a<table><tr><td>b</td></tr></table></td></tr></table>`))
	f.Add([]byte(`<meta charset=gbk><p>` + "\xb9\xfa" + `</p><table><tr><td rowspan=3>x</td></tr><tr><td colspan=2>y</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := readHTML(data)
		if err != nil {
			return
		}
		if err := checkPage(p); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkReadHTML reads the 20 KB CMS page fixture.
func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/html/report-utf8.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := readHTML(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
