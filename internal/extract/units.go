package extract

import (
	"strings"
	"unicode"

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
		for i, row := range t.Rows {
			if u, ok := rowUnit(row, t.Line+i); ok {
				u.table, u.row = ti, i
				out = append(out, u)
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
		for _, tok := range tokens(doc.Lines[i]) {
			if numeric(tok) {
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
				if len(label) > 0 && len(tokens(doc.Lines[i])) > 1 && anyNumericToken(doc.Lines[i]) {
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

// tokens splits a line into cells: on pipes and tabs, and on spaces between numbers
// and text (never inside a Chinese phrase).
func tokens(line string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '\t' || unicode.IsSpace(r) }) {
		// "数量3001" (a label glued to its first number) is split.
		if i := strings.LastIndexFunc(f, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == ',') }); i >= 0 && i < len(f)-1 && f[i] > 0x7f {
			_, size := firstRune(f[i:])
			if numeric(f[i+size:]) && !strings.HasSuffix(f[:i+size], "第") {
				out = append(out, f[:i+size], f[i+size:])
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func anyNumericToken(line string) bool {
	for _, t := range tokens(line) {
		if numeric(t) {
			return true
		}
	}
	return false
}
