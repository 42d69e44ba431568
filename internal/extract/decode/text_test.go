package decode

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// seeds are the scraped reports of the corpus, copied to testdata/text.
var seeds = []string{
	"000_c9adea2f849f8d4a.txt",
	"001_f0fa1c2612b109d1.txt",
	"002_d41cb1e17d5f5455.txt",
	"003_bce59b32b8835914.txt",
	"004_d9f7402dada6cbef.txt",
}

func decodeSeed(t testing.TB, name string) *Document {
	t.Helper()
	path := filepath.Join("testdata", "text", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDecodeSeeds(t *testing.T) {
	for _, name := range seeds {
		t.Run(name, func(t *testing.T) {
			d := decodeSeed(t, name)
			if d.Format != "text" || d.Encoding != "utf-8" {
				t.Errorf("Format, Encoding = %q, %q; want text, utf-8", d.Format, d.Encoding)
			}
			if len(d.Lines) < 20 {
				t.Errorf("only %d lines", len(d.Lines))
			}
			checkDocument(t, d)
		})
	}
}

// checkDocument checks the invariants of document.go.
func checkDocument(t *testing.T, d *Document) {
	t.Helper()
	for i, l := range d.Lines {
		if l == "" {
			t.Errorf("line %d is empty", i+1)
		}
	}
	inTable := make(map[int]bool)
	prevEnd := 0
	for _, tb := range d.Tables {
		if tb.Line < prevEnd || len(tb.Rows) == 0 || tb.Line+len(tb.Rows) > len(d.Lines) {
			t.Fatalf("table at line %d with %d rows does not fit %d lines after line %d", tb.Line, len(tb.Rows), len(d.Lines), prevEnd)
		}
		prevEnd = tb.Line + len(tb.Rows)
		for i, r := range tb.Rows {
			if len(r) != len(tb.Rows[0]) {
				t.Errorf("table at line %d: row %d has %d cells, row 0 has %d", tb.Line, i, len(r), len(tb.Rows[0]))
			}
			if got, want := d.Lines[tb.Line+i], RowLine(r); got != want {
				t.Errorf("table at line %d: Lines[%d] = %q, want row %d %q", tb.Line, tb.Line+i, got, i, want)
			}
			inTable[tb.Line+i] = true
		}
		if err := cellsError(tb); err != nil {
			t.Error(err)
		}
	}
	for i, l := range d.Lines {
		if !inTable[i] && l != strings.TrimSpace(l) {
			t.Errorf("line %d %q is not trimmed", i+1, l)
		}
	}
}

func TestDecodeSeedTraditional(t *testing.T) {
	d := decodeSeed(t, "004_d9f7402dada6cbef.txt")
	if d.Script != "hant" {
		t.Errorf("Script = %q, want hant", d.Script)
	}
	want := "2017年度,我局继续认真贯彻落实《中华人民共和国政府信息公开条例》的基础上,在市委、市政府的正确领导下,"
	if !strings.HasPrefix(d.Lines[0], want) {
		t.Errorf("line 1 = %q, want it to start with %q", d.Lines[0], want)
	}
	for i, l := range d.Lines {
		if strings.ContainsAny(l, "abcdefghijklmnopqrstuvwxyzàáèéìíòóùúǎěǐǒǔāēīōū") {
			t.Errorf("line %d has Latin letters left (a pinyin gloss?): %q", i+1, l)
		}
		if strings.ContainsAny(l, "認領導發關續進網務") {
			t.Errorf("line %d is not simplified: %q", i+1, l)
		}
	}
	if last := d.Lines[len(d.Lines)-1]; last != "2018年2月5日" {
		t.Errorf("last line = %q, want the report's date (the furniture after it dropped)", last)
	}
}

func TestDecodeSeedTables(t *testing.T) {
	d := decodeSeed(t, "003_bce59b32b8835914.txt")
	if d.Script != "hans" {
		t.Errorf("Script = %q, want hans", d.Script)
	}
	if len(d.Tables) != 3 {
		t.Fatalf("%d tables, want 3 (proactive, requests, review)", len(d.Tables))
	}
	proactive, requests, review := d.Tables[0], d.Tables[1], d.Tables[2]
	if d.Lines[proactive.Line-1] != "二、主动公开政府信息情况" {
		t.Errorf("the line before the first table is %q", d.Lines[proactive.Line-1])
	}
	wantRows := [][]string{
		{"第二十条第(一)项", "", "", "", "", ""},
		{"信息内容", "本年新", "本年新", "对外公开总数量", "", ""},
		{"规章", "0", "0", "0", "", ""},
	}
	if !reflect.DeepEqual(proactive.Rows[:3], wantRows) {
		t.Errorf("proactive rows = %q, want %q", proactive.Rows[:3], wantRows)
	}
	if n := len(proactive.Rows); n != 18 || !reflect.DeepEqual(proactive.Rows[n-1], []string{"政府集中采购", "0", "0", "", "", ""}) {
		t.Errorf("proactive table: %d rows, last %q", n, proactive.Rows[n-1])
	}

	row := findRow(requests, "一、本年新收政府信息公开申请数量")
	if row == nil {
		t.Fatal("no row 一、本年新收政府信息公开申请数量 in the requests table")
	}
	if got, want := row[1:8], []string{"0", "0", "0", "0", "0", "0", "0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("new requests cells = %q, want seven 0", got)
	}
	for _, c := range row[8:] {
		if c != "" {
			t.Errorf("new requests row = %q: trailing cells should be empty", row)
		}
	}
	if row := findRow(requests, "三、本年度办理结果"); row == nil || row[1] != "(一)予以公开" {
		t.Errorf("granted row = %q", row)
	}
	if n := len(requests.Rows); n != 26 {
		t.Errorf("requests table has %d rows, want 26", n)
	}
	if len(review.Rows) != 4 || len(review.Rows[3]) != 16 || review.Rows[3][14] != "0" {
		t.Errorf("review table = %q", review.Rows)
	}
	if got := d.Lines[review.Line+len(review.Rows)]; got != "五、存在的主要问题及改进情况" {
		t.Errorf("the line after the last table = %q", got)
	}
	if got := d.Lines[1]; got != "(2021年1月21日)" {
		t.Errorf("line 2 = %q, want the date without spaces", got)
	}
}

func findRow(t Table, label string) []string {
	for _, r := range t.Rows {
		if r[0] == label {
			return r
		}
	}
	return nil
}

func TestDecodeSeedFurniture(t *testing.T) {
	tests := []struct {
		seed     string
		gone     []string
		kept     []string
		first    string
		lastKept string
	}{
		{
			seed:  "000_c9adea2f849f8d4a.txt",
			gone:  []string{"网站首页", "附件:", "扫一扫在手机上查看当前页面"},
			kept:  []string{"2019-01-09来源: 襄阳市行政审批局", "襄阳市行政审批局", "2018年1月10日"},
			first: "2017年度政府信息公开年度报告",
		},
		{
			seed:  "001_f0fa1c2612b109d1.txt",
			gone:  []string{"首页 >> 政府信息公开 >> 信息公开年度报告 >> 正文"},
			kept:  []string{"2018-02-07 09:33:10来源: 作者: 编辑:赵暖星", "一、工作概述"},
			first: "西峰区2017年政府信息公开工作的年度报告",
		},
		{
			seed: "004_d9f7402dada6cbef.txt",
			gone: []string{
				"扫一扫在手机上查看当前页面",
				"您访问的链接即将离开“随州市人民政府”门户网站,是否继续?",
				"您的浏览器版本太低!",
				"为了更好的浏览体验,建议升级您的浏览器!",
			},
			kept: []string{"一、概述", "无特别需要说明的事项。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			d := decodeSeed(t, tt.seed)
			lines := make(map[string]bool)
			for _, l := range d.Lines {
				lines[l] = true
			}
			for _, l := range tt.gone {
				if lines[l] {
					t.Errorf("furniture %q is still there", l)
				}
			}
			for _, l := range tt.kept {
				if !lines[l] {
					t.Errorf("line %q is gone", l)
				}
			}
			if tt.first != "" && d.Lines[0] != tt.first {
				t.Errorf("first line = %q, want %q", d.Lines[0], tt.first)
			}
		})
	}
}

func TestDecodeEncodings(t *testing.T) {
	tests := []struct{ file, seed, enc string }{
		{"003_bce59b32b8835914.gb18030", "003_bce59b32b8835914.txt", "gb18030"},
		{"004_d9f7402dada6cbef.gb18030", "004_d9f7402dada6cbef.txt", "gb18030"},
		{"004_d9f7402dada6cbef.big5", "004_d9f7402dada6cbef.txt", "big5"},
		{"003_bce59b32b8835914.utf-16le", "003_bce59b32b8835914.txt", "utf-16le"},
		{"003_bce59b32b8835914.utf-16be", "003_bce59b32b8835914.txt", "utf-16be"},
		{"004_d9f7402dada6cbef.bom.utf-16le", "004_d9f7402dada6cbef.txt", "utf-16le"},
		{"004_d9f7402dada6cbef.bom.utf-16be", "004_d9f7402dada6cbef.txt", "utf-16be"},
		{"003_bce59b32b8835914.bom.utf-8", "003_bce59b32b8835914.txt", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			want := decodeSeed(t, tt.seed)
			got := decodeSeed(t, tt.file)
			if got.Encoding != tt.enc {
				t.Errorf("Encoding = %q, want %q", got.Encoding, tt.enc)
			}
			if got.Script != want.Script {
				t.Errorf("Script = %q, want %q", got.Script, want.Script)
			}
			if !reflect.DeepEqual(got.Lines, want.Lines) {
				t.Errorf("Lines differ from the UTF-8 seed's")
			}
			if !reflect.DeepEqual(got.Tables, want.Tables) {
				t.Errorf("Tables differ from the UTF-8 seed's")
			}
		})
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\r\nb\rc\nd", []string{"a", "b", "c", "d"}},
		{"a\n\nb\r\n\r\n", []string{"a", "", "b", ""}},
		{"\r\r\n", []string{"", ""}},
	}
	for _, tt := range tests {
		if got := splitLines(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPipeTables(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []Table
	}{
		{"none", []string{"一、总体情况", "无"}, nil},
		{"single pipe line is text", []string{"a | b", "text"}, nil},
		{
			"padded", []string{"标题", "信息内容 | 本年新 | 对外公开总数量 | |", "政府集中采购 | 0 | 0 |", "结束"},
			[]Table{{Line: 1, Rows: [][]string{
				{"信息内容", "本年新", "对外公开总数量", "", ""},
				{"政府集中采购", "0", "0", "", ""},
			}}},
		},
		{
			"two tables", []string{"a|b", "c|d", "", "e||f", "g| |h"},
			[]Table{
				{Line: 0, Rows: [][]string{{"a", "b"}, {"c", "d"}}},
				{Line: 3, Rows: [][]string{{"e", "", "f"}, {"g", "", "h"}}},
			},
		},
		{
			"markdown", []string{"| a | b |", "|---|---|", "| 1 | 2 |"},
			[]Table{{Line: 0, Rows: [][]string{{"a", "b", ""}, {"---", "---", ""}, {"1", "2", ""}}}},
		},
		{
			"too wide a line is text", []string{"a|b", strings.Repeat("|", maxPipeCells), "c|d"},
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pipeTables(tt.lines)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pipeTables = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPipeTablesLimit(t *testing.T) {
	lines := make([]string, maxTableCells/100+2)
	for i := range lines {
		lines[i] = "a|b"
	}
	lines[0] = strings.Repeat("|", 200)
	if _, err := pipeTables(lines); err == nil {
		t.Error("no error for a table of too many cells")
	}
}

func FuzzPipeTables(f *testing.F) {
	f.Add("信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n规章 | 0 | 0 | 0 | |\n政府集中采购 | 0 | 0 |")
	f.Add("| a | b |\n| 1 | 2 |\ntext\nx||\n|y")
	f.Add("a|b\n\nc")
	f.Add("统计指标\t单位\t统计数\n主动公开\t条\t12\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := splitLines(text)
		tables, err := pipeTables(lines)
		if err != nil {
			return
		}
		end := 0
		for _, tb := range tables {
			if tb.Line < end || len(tb.Rows) < 2 || tb.Line+len(tb.Rows) > len(lines) {
				t.Fatalf("table at %d, %d rows, does not fit", tb.Line, len(tb.Rows))
			}
			end = tb.Line + len(tb.Rows)
			// A table's rows are lines with the same separator, a pipe or a tab,
			// which no cell holds.
			sep := rowSeparator(lines[tb.Line])
			for i, r := range tb.Rows {
				if len(r) != len(tb.Rows[0]) || len(r) == 0 {
					t.Fatalf("row %d has %d cells, row 0 %d", i, len(r), len(tb.Rows[0]))
				}
				if l := lines[tb.Line+i]; sep == "" || rowSeparator(l) != sep {
					t.Fatalf("row %d is line %q, not separated by %q as the table's first row is", i, l, sep)
				}
				for _, c := range r {
					if c != strings.TrimSpace(c) || strings.Contains(c, sep) {
						t.Fatalf("cell %q is not trimmed or holds the separator %q", c, sep)
					}
				}
			}
		}
	})
}

func TestReadTextNotText(t *testing.T) {
	_, err := readText([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"))
	if !errors.Is(err, ErrNotReport) {
		t.Errorf("readText(binary) error = %v, want ErrNotReport", err)
	}
}
