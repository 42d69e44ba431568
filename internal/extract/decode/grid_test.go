package decode

import (
	"fmt"
	"strings"
	"testing"
)

// checkPage verifies the contract of a page: no empty lines, every table row is a
// line of its own (its cells joined by " | "), rows consecutive from Table.Line,
// and all rows of a table as wide.
func checkPage(p *page) error {
	for i, l := range p.lines {
		if strings.TrimSpace(l) == "" {
			return fmt.Errorf("line %d is empty", i)
		}
	}
	prevEnd := 0
	for ti, t := range p.tables {
		if len(t.Rows) == 0 {
			return fmt.Errorf("table %d has no rows", ti)
		}
		if t.Line < prevEnd || t.Line+len(t.Rows) > len(p.lines) {
			return fmt.Errorf("table %d: rows %d..%d outside lines (%d) or overlapping the previous table", ti, t.Line, t.Line+len(t.Rows), len(p.lines))
		}
		for ri, r := range t.Rows {
			if len(r) != len(t.Rows[0]) {
				return fmt.Errorf("table %d row %d: %d cells, row 0 has %d", ti, ri, len(r), len(t.Rows[0]))
			}
			if got := p.lines[t.Line+ri]; got != strings.Join(r, " | ") {
				return fmt.Errorf("table %d row %d: line %q is not its cells %q", ti, ri, got, r)
			}
		}
		if t.Cells != nil { // a plain-text table has none: each position is a cell
			if err := cellsError(t); err != nil {
				return err
			}
		}
		prevEnd = t.Line + len(t.Rows)
	}
	return nil
}

// numbers returns the cells of a row that are numbers.
func numbers(row []string) []string {
	var out []string
	for _, c := range row {
		if numberRe.MatchString(c) {
			out = append(out, c)
		}
	}
	return out
}

// grid lays out synthetic words: each line of spec is one text line at y = 20*i,
// its cells separated by "|" and placed at the given x positions.
func synthetic(spec []string, xs []float64, y0 float64) []word {
	var ws []word
	for i, line := range spec {
		y := y0 + 20*float64(i)
		for j, c := range strings.Split(line, "|") {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			w := 10 * float64(len([]rune(c)))
			ws = append(ws, word{x0: xs[j], y0: y, x1: xs[j] + w, y1: y + 10, text: c})
		}
	}
	return ws
}

func TestLayoutSynthetic(t *testing.T) {
	tests := []struct {
		name  string
		spec  []string
		xs    []float64
		lines []string
	}{
		{
			name: "simple table after a heading",
			spec: []string{
				"二、主动公开政府信息情况",
				"信息内容|本年制发件数|本年废止件数|现行有效件数",
				"规章|1|0|11",
				"行政规范性文件|8|26|66",
			},
			xs: []float64{50, 250, 350, 450},
			lines: []string{
				"二、主动公开政府信息情况",
				"信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
				"规章 | 1 | 0 | 11",
				"行政规范性文件 | 8 | 26 | 66",
			},
		},
		{
			name: "numbers without labels",
			spec: []string{"72|64|178|37|351"},
			xs:   []float64{50, 100, 150, 200, 250},
			lines: []string{
				"72 | 64 | 178 | 37 | 351",
			},
		},
		{
			name: "a group label spans the rows around it",
			spec: []string{
				"一、本年新收||3|3",
				"|1.属于国家秘密|1|1",
				"（三）不予公开|2.其他法律禁止|2|2",
				"|3.危及安全稳定|3|3",
				"（七）总计||9|9",
			},
			xs: []float64{50, 150, 300, 350},
			lines: []string{
				"一、本年新收 | 一、本年新收 | 3 | 3",
				"（三）不予公开 | 1.属于国家秘密 | 1 | 1",
				"（三）不予公开 | 2.其他法律禁止 | 2 | 2",
				"（三）不予公开 | 3.危及安全稳定 | 3 | 3",
				"（七）总计 | （七）总计 | 9 | 9",
			},
		},
		{
			name: "2008 statistics table: label, unit, figure",
			spec: []string{
				"指标名称|单位|统计数",
				"主动公开政府信息数|条|1379",
				"依申请公开信息数|条|92",
				"收取费用|万元|0",
			},
			xs: []float64{50, 250, 350},
			lines: []string{
				"指标名称 | 单位 | 统计数",
				"主动公开政府信息数 | 条 | 1379",
				"依申请公开信息数 | 条 | 92",
				"收取费用 | 万元 | 0",
			},
		},
		{
			name:  "prose with numbers is not a table",
			spec:  []string{"全年共受理申请 3119 件，答复 3050 件"},
			xs:    []float64{50},
			lines: []string{"全年共受理申请 3119 件，答复 3050 件"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, tables := layoutPages([]pageWords{{width: 600, height: 800, words: synthetic(tt.spec, tt.xs, 100)}})
			p := &page{lines: lines, tables: tables}
			if err := checkPage(p); err != nil {
				t.Fatal(err)
			}
			if strings.Join(lines, "\n") != strings.Join(tt.lines, "\n") {
				t.Errorf("got lines\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(tt.lines, "\n"))
			}
		})
	}
}

// FuzzLayout builds tables from arbitrary word boxes: every 6 bytes are a word's
// x, y, width, height, and text (a number, a label, a marker or a page number).
func FuzzLayout(f *testing.F) {
	f.Add([]byte("\x10\x10\x20\x08\x01\x00\x40\x10\x08\x08\x02\x00\x60\x10\x08\x08\x02\x01\x10\x20\x20\x08\x01\x02\x40\x20\x08\x08\x02\x03"))
	f.Add([]byte("\x10\x10\x20\x08\x05\x00\x10\x18\x20\x08\x05\x01\x40\x14\x08\x08\x02\x00\x60\x14\x08\x08\x02\x01"))
	f.Add([]byte("\xf0\xf8\x10\x08\x06\x00"))
	texts := []string{"一、本年新收", "（三）不", "3001", "1.属于国家秘密", "予公开", "本", "-3-", "行政许可", "—", "形，不计其他情形）", "0", "96171.6"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var pages []pageWords
		pg := pageWords{width: 600, height: 800}
		for len(data) >= 6 {
			if data[5] == 0xff {
				pages = append(pages, pg)
				pg = pageWords{width: 600, height: 800}
			}
			x, y := float64(data[0])*2.4, float64(data[1])*3.2
			pg.words = append(pg.words, word{
				x0: x, y0: y, x1: x + float64(data[2]), y1: y + float64(data[3]%24),
				text: texts[int(data[4])%len(texts)],
			})
			data = data[6:]
		}
		pages = append(pages, pg)
		lines, tables := layoutPages(pages)
		if err := checkPage(&page{lines: lines, tables: tables}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLayoutTooWide: a region with more numeric columns than a table may have
// stays text: its figures are not dropped.
func TestLayoutTooWide(t *testing.T) {
	var row []string
	var xpos []float64
	for c := range maxGridColumns + 6 {
		row = append(row, fmt.Sprint(100+c))
		xpos = append(xpos, 50+40*float64(c))
	}
	spec := []string{strings.Join(row, "|"), strings.Join(row, "|")}
	lines, tables := layoutPages([]pageWords{{width: 3000, height: 800, words: synthetic(spec, xpos, 100)}})
	if len(tables) != 0 {
		t.Errorf("%d tables, want none", len(tables))
	}
	text := strings.Join(lines, "\n")
	for _, n := range row {
		if !strings.Contains(text, n) {
			t.Fatalf("figure %s dropped: %q", n, text)
		}
	}
}
