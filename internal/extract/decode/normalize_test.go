package decode

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFoldWidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ASCII 123", "plain ASCII 123"},
		{"申请１２３４件", "申请1234件"},
		{"ＡＰＰ和ａｐｐ", "APP和app"},
		{"政府\u3000信息", "政府 信息"},
		{"（一）主动公开，“三公”经费：", "（一）主动公开，“三公”经费："}, // Chinese punctuation stays
		{"1,234", "1,234"},
		{"a\tb\u00a0c\u2003d", "a b c d"},
		{"零\u200b宽\ufeff", "零宽"},
		{"控制\x00\x07字符\u0080", "控制字符"},
	}
	for _, tt := range tests {
		if got := foldWidth(tt.in); got != tt.want {
			t.Errorf("foldWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTidySpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"2024 年", "2024年"},
		{"申请 3119 件", "申请3119件"},
		{"176 条", "176条"},
		{"(2021年1 月21 日)", "(2021年1月21日)"},
		{"政府  信息   公开", "政府信息公开"},
		{"  襄阳市行政审批局 ", "襄阳市行政审批局"},
		{"手机 APP 使用", "手机 APP 使用"},
		{"Open Chinese Convert", "Open Chinese Convert"},
		{"2018-02-07 09:33:10", "2018-02-07 09:33:10"},
		{"1 234", "1 234"},
		{"公开 ， 及时 。", "公开，及时。"},
		{"一、工作概述                 ", "一、工作概述"},
	}
	for _, tt := range tests {
		if got := tidySpaces(tt.in); got != tt.want {
			t.Errorf("tidySpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsWebFurniture(t *testing.T) {
	furniture := []string{
		"网站首页",
		"首页",
		"首页 >> 政府信息公开 >> 信息公开年度报告 >> 正文",
		"首页 > 政务公开 > 年度报告",
		"网站首页»信息公开",
		"当前位置：首页 > 政务公开",
		"您现在的位置: 首页",
		"扫一扫在手机上查看当前页面",
		"您的浏览器版本太低!",
		"为了更好的浏览体验,建议升级您的浏览器!",
		"您访问的链接即将离开“随州市人民政府”门户网站,是否继续?",
		"打印本页",
		"关闭窗口",
		"打印本页 关闭窗口",
		"【打印】【关闭】",
		"[打印本页] [关闭窗口]",
		"分享到：",
		"分享到: 微信 微博",
		"字体：大 中 小",
		"【字体：大 中 小】",
		"附件:",
		"附件：",
		"-3-",
		"- 12 -",
		"—3—",
		"— 3 —",
		"第3页共6页",
		"第 3 页，共 6 页",
		"共6页第3页",
		"第2页",
		"浏览次数：1234",
		"点击数:",
		"【点击：56次】",
	}
	for _, l := range furniture {
		if !isWebFurniture(l) {
			t.Errorf("isWebFurniture(%q) = false, want true", l)
		}
	}
	kept := []string{
		"2018-02-07 09:33:10来源: 作者: 编辑:赵暖星",
		"2019-01-09来源: 襄阳市行政审批局",
		"附件:1.政府信息公开情况统计表",
		"一、概述",
		"(一)主动公开政府信息的数量",
		"无",
		"0",
		"2018年2月5日",
		"第二十条第(一)项",
		"首页是政府信息公开的主渠道,每日更新。",
		"全年共发布信息3条。",
		"3",
		"2017年",
		"门户网站全年访问量达到550万次。",
		"浏览量",
	}
	for _, l := range kept {
		if isWebFurniture(l) {
			t.Errorf("isWebFurniture(%q) = true, want false", l)
		}
	}
}

func TestTrimMetaFurniture(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2018-02-07 09:33:10来源: 作者: 编辑:赵暖星 点击:", "2018-02-07 09:33:10来源: 作者: 编辑:赵暖星"},
		{"发布时间：2020-01-15 浏览次数：1234", "发布时间：2020-01-15"},
		{"来源：市政府办 发布日期：2021-01-21 【字体：大 中 小】【打印】", "来源：市政府办 发布日期：2021-01-21"},
		{"2019-01-09来源: 襄阳市行政审批局", "2019-01-09来源: 襄阳市行政审批局"},
		{"全年点击:100", "全年点击:100"}, // not a metadata line
	}
	for _, tt := range tests {
		if got := trimMetaFurniture(tt.in); got != tt.want {
			t.Errorf("trimMetaFurniture(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	p := &page{
		format:   "html",
		encoding: "big5",
		title:    "隨州市招商局２０１７年政府信息公開工作年度報告",
		lines: []string{
			"首頁 >> 政府信息公開",  // 0 furniture
			"",              // 1 empty
			"  一、概述  ",      // 2
			"繼續(xù)認(rèn)真", // 3
			"項目 | 數量",       // 4 table row 0
			"  |  ",         // 5 table row 1, empty: dropped
			"網(wǎng)站 | １２", // 6 table row 2
			"列印本頁",          // 7 kept: not the wording of a toolbar
			"打印本頁",          // 8 furniture
			"第 3 頁 共 6 頁",   // 9 furniture
			"申請 3119 件",     // 10
			"表二",            // 11 table of one row, with a short row
			"甲",             // 12 the table's second row
		},
		tables: []Table{
			{Line: 11, Rows: [][]string{{"表二", "x"}, {"甲"}}},
			{Line: 4, Rows: [][]string{{"項目", "數量"}, {"", ""}, {"網(wǎng)站", "１２"}}},
			{Line: 5, Rows: [][]string{{"overlapping"}}}, // overlaps the table at 4: ignored
			{Line: 99, Rows: [][]string{{"beyond"}}},     // past the last line: ignored
		},
	}
	d := normalize(p)
	want := &Document{
		Format:   "html",
		Encoding: "big5",
		Script:   "hant",
		Title:    "随州市招商局2017年政府信息公开工作年度报告",
		Lines: []string{
			"一、概述",
			"继续认真",
			"项目 | 数量",
			"网站 | 12",
			"列印本页",
			"申请3119件",
			"表二 | x",
			"甲",
		},
		Tables: []Table{
			{Line: 2, Rows: [][]string{{"项目", "数量"}, {"网站", "12"}}, Cells: []Cell{
				{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "项目"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "数量"},
				{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "网站"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "12"},
			}},
			{Line: 6, Rows: [][]string{{"表二", "x"}, {"甲", ""}}, Cells: []Cell{ // ("甲" is a short row: its padding is no cell)
				{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "表二"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "x"},
				{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "甲"},
			}},
		},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("normalize =\n%+v\nwant\n%+v", d, want)
	}
	checkDocument(t, d)
}

func TestNormalizeEmptyPage(t *testing.T) {
	d := normalize(&page{format: "text", encoding: "utf-8"})
	if len(d.Lines) != 0 || len(d.Tables) != 0 || d.Script != "hans" {
		t.Errorf("normalize(empty page) = %+v", d)
	}
}

// TestNormalizeEveryReader decodes the fixtures of every format reader that has
// them in testdata: whatever a reader returns, the Document keeps its invariants.
func TestNormalizeEveryReader(t *testing.T) {
	var files []string
	for _, dir := range []string{"text", "html", "docx"} {
		fs, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		files = append(files, fs...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Decode(f, data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		checkDocument(t, d)
	}
}
