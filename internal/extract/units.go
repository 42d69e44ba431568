package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/decode"
)

// A unit is one row of a report's table as the recognizers see it, whatever the
// table came from (HTML spans, PDF positions, DOCX, pipe text or plain lines): a
// label and the cells after it.
type unit struct {
	line  int      // the document line the row is on (0-based)
	label string   // the row's label: its text cells, joined
	cells []string // the cells after the label, in column order ("" for blank)
	grid  bool     // the cells are positional (blanks kept); false for runs of numbers read from plain lines

	// Where the row is in the document's tables: the table (an index into
	// Document.Tables, or -1 for a row read from lines), the row of its grid, and the
	// grid column of cells[0].
	table, row, col0 int

	// copies marks the cells that repeat a merged cell spanning columns to their
	// left (a "+17" cell printed over two columns); nil when there are none.
	copies []bool
}

// units returns the rows of the document's tables, then those read from its lines,
// found once.
func (b *builder) units() []unit {
	if b.allUnits == nil {
		b.allUnits = append(tableUnits(b.doc), lineUnits(b.doc, 0, len(b.doc.Lines))...)
	}
	return b.allUnits
}

// numeric reports whether a cell holds a number (not a blank, not a label).
func numeric(cell string) bool {
	_, blank, ok := parseCell(cell)
	return ok && !blank
}

// isBlank reports whether a cell is empty or a dash: 0 in a filled-in table.
func isBlank(cell string) bool {
	_, blank, ok := parseCell(cell)
	return ok && blank
}

// tableUnits turns the rows of the document's tables into units. The label of a row
// is its text cells up to the last one that is not a number or a blank; the cells
// after it are its values. Repeated text from merged cells is joined once.
func tableUnits(doc *decode.Document) []unit {
	var out []unit
	for ti, t := range doc.Tables {
		copies := spanCopies(t)
		for i, row := range t.Rows {
			if u, ok := rowUnit(row, t.Line+i); ok {
				u.table, u.row = ti, i
				if c := copies[i]; c != nil && u.col0 < len(c) {
					u.copies = c[u.col0:]
				}
				out = append(out, u)
			}
		}
	}
	return out
}

// spanCopies marks, row by row, the grid positions that a merged cell covers to the
// right of its own column; a row without such positions is nil.
func spanCopies(t decode.Table) [][]bool {
	out := make([][]bool, len(t.Rows))
	for _, c := range t.Cells {
		if c.ColSpan <= 1 {
			continue
		}
		for r := c.Row; r < c.Row+max(c.RowSpan, 1) && r < len(t.Rows); r++ {
			if out[r] == nil {
				out[r] = make([]bool, len(t.Rows[r]))
			}
			for col := c.Col + 1; col < c.Col+c.ColSpan && col < len(out[r]); col++ {
				out[r][col] = true
			}
		}
	}
	return out
}

// rowUnit reads one row of cells (blank cells kept) as a positional unit.
func rowUnit(row []string, line int) (unit, bool) {
	u := unit{line: line, grid: true, table: -1}
	last := -1
	for j, c := range row {
		if _, _, isCell := parseCell(c); !isCell { // text: neither a number nor a blank
			last = j
		}
	}
	var parts []string
	for j := 0; j <= last; j++ {
		c := strings.TrimSpace(row[j])
		if c == "" || (len(parts) > 0 && parts[len(parts)-1] == c) {
			continue
		}
		parts = append(parts, c)
	}
	u.label = strings.Join(parts, " ")
	u.col0 = last + 1
	for _, c := range row[last+1:] {
		u.cells = append(u.cells, strings.TrimSpace(c))
	}
	return u, len(row) > 0
}

// lineUnits reads units from lines that are not table rows: tables flattened to
// text with the cells separated by spaces ("一、本年新收… 0 0 0 0 0 0 0"), or laid out
// one cell per line. Text tokens make a label, the run of numbers after them its
// cells. Blank cells cannot be seen in such text, so these units are not positional.
func lineUnits(doc *decode.Document, from, to int) []unit {
	inTable := make(map[int]bool)
	for _, t := range doc.Tables {
		for i := range t.Rows {
			inTable[t.Line+i] = true
		}
	}
	var out []unit
	var cur *unit
	var label []string
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for i := max(0, from); i < min(to, len(doc.Lines)); i++ {
		if inTable[i] {
			flush()
			label = nil
			continue
		}
		if strings.Count(doc.Lines[i], "\t") >= 2 {
			// A table row flattened with tabs keeps its blank cells: positional.
			flush()
			label = nil
			if u, ok := rowUnit(strings.Split(doc.Lines[i], "\t"), i); ok {
				out = append(out, u)
			}
			continue
		}
		lineText := false // this line had text before its numbers
		toks := tokens(doc.Lines[i])
		for _, tok := range toks {
			if numeric(tok) || isRunCell(tok) { // a run too long to be one number is still cells
				if cur == nil {
					// The label is the text before the numbers on this line or, for a
					// table laid out one cell per line, the lines before.
					cur = &unit{line: i, label: strings.Join(label, " "), table: -1}
					label = nil
				}
				cur.cells = append(cur.cells, tok)
				continue
			}
			flush()
			if !lineText {
				lineText = true
				if len(label) > 0 && len(toks) > 1 && anyNumeric(toks) {
					label = nil // a line with its own label and numbers
				}
			}
			label = append(label, tok)
			if len(label) > 12 {
				label = label[len(label)-12:]
			}
		}
	}
	flush()
	return out
}

// tokens splits a line into cells: on pipes and tabs, on spaces between numbers
// and text (never inside a Chinese phrase), and where a table flattened into text
// glued its cells to the labels around them (glued).
func tokens(line string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '\t' || unicode.IsSpace(r) }) {
		for _, g := range glued(f) {
			// "数量3001" (a label glued to its first number) is split.
			if i := strings.LastIndexFunc(g, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == ',') }); i >= 0 && i < len(g)-1 && g[i] > 0x7f {
				_, size := firstRune(g[i:])
				if numeric(g[i+size:]) && !strings.HasSuffix(g[:i+size], "第") {
					out = append(out, g[:i+size], g[i+size:])
					continue
				}
			}
			out = append(out, g)
		}
	}
	return out
}

// glued cuts a run of text where a flattened table glued a number to the label of
// the next row: "713000074二、上年结转…", "规章000行政规范性文件8855698第二十条…",
// "00000002.其他法律…" (the "2." is the next row's ordinal). A number followed by a
// measure word or punctuation is prose ("主动公开政府信息14571条。") and stays whole.
func glued(f string) []string {
	if !strings.ContainsAny(f, "0123456789") {
		return []string{f} // no number to cut at
	}
	var out []string
	start := 0 // of the piece being built
	for i := 0; i < len(f); {
		if !isDigitByte(f[i]) || i > 0 && (isDigitByte(f[i-1]) || f[i-1] == '.' || f[i-1] == ',') {
			_, size := utf8.DecodeRuneInString(f[i:])
			i += size
			continue
		}
		// A number starts at i: its digits, with decimal points and separators
		// between digits.
		j := i
		for j < len(f) && (isDigitByte(f[j]) || (f[j] == '.' || f[j] == ',' || f[j] == '+' || f[j] == '-') && j+1 < len(f) && isDigitByte(f[j+1]) && j > i) {
			j++ // digits, decimal points and separators, and the signs of flattened change cells ("20+1737")
		}
		end := j // the cell ends here, or after its unit
		after := f[j:]
		ordinal := false
		if r, size := utf8.DecodeRuneInString(after); r == '.' || r == '．' || r == '、' {
			// "2.其他…": a digit before a dot that a label follows is an ordinal.
			if next, _ := utf8.DecodeRuneInString(after[size:]); size > 0 && !isDigitRune(next) && next != utf8.RuneError {
				ordinal = true
			}
		}
		if ordinal {
			if j-i < 2 {
				i = j
				continue // the ordinal of a label, not a number
			}
			end = j - 1 // the last digit is the next row's ordinal
		} else {
			for _, u := range cellUnits {
				if strings.HasPrefix(after, u) {
					end = j + len(u)
					after = f[end:]
					break
				}
			}
			if !startsLabel(after) {
				i = j
				continue // prose: a number and its measure word, or the field's end
			}
		}
		if i > start {
			out = append(out, f[start:i])
		}
		out = append(out, f[i:end])
		start = end
		i = end
	}
	if start < len(f) {
		out = append(out, f[start:])
	}
	return out
}

// cellUnits are the units a table cell may carry ("13575394432.52元").
var cellUnits = []string{"万元", "元"}

// startsLabel reports whether s, the text right after a number, starts the label of
// the next row of a flattened table: a Chinese character that is not a measure
// word, or an opening bracket. The end of the text does not: a number at the end
// of a field is split by tokens.
func startsLabel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case s == "":
		return false
	case r == '（' || r == '(':
		return true
	case unicode.Is(unicode.Han, r):
		return !strings.ContainsRune(measureWords, r)
	}
	return false
}

// measureWords follow a number in prose: "14571条", "2022年", "8个", "20多家".
const measureWords = "条件项个次人元年月日号期家份万余多名起宗类场篇批天时周岁倍户套份轮通场所位部台辆篇期届季"

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// firstRune returns the first rune of s and its size in bytes (1 for a byte that is
// not UTF-8).
func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
