package decode

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/internal/extract/textenc"
)

// readText reads a plain text file: it decodes the bytes, splits lines (at
// "\r\n", "\r" or "\n") and finds the tables flattened to pipe text.
func (d *decoder) readText(data []byte) (*page, error) {
	text, enc, err := textenc.Decode(data, "")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotReport, err)
	}
	lines := splitLines(text)
	if len(lines) > maxTextLines {
		return nil, fmt.Errorf("text has more than %d lines", maxTextLines)
	}
	tables, err := d.pipeTables(lines)
	if err != nil {
		return nil, err
	}
	return &page{format: formatText, encoding: enc, lines: lines, tables: tables}, nil
}

// splitLines splits text at "\r\n", "\r" and "\n". A final line break does not
// start another line.
func splitLines(text string) []string {
	n := strings.Count(text, "\n") + strings.Count(text, "\r") + 1
	lines := make([]string, 0, n)
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return lines
}

// pipeTables finds the tables that a scraper flattened to text, one row a line
// and cells separated by "|" (or by tabs, as a page's table copied as text comes):
//
//	信息内容 | 本年新 | 本年新 | 对外公开总数量 | |
//	规章 | 0 | 0 | 0 | |
//
// A run of two or more consecutive lines with the same separator is one table (a
// single such line is left as text); any other line ends it. Cells are trimmed and
// empty cells kept as "": a blank cell of a filled table is 0, and trailing empty
// cells come from merged header cells. Rows are padded with "" to the widest row of
// their table. When every row of a pipe table starts with "|" (Markdown style),
// that leading empty cell is dropped.
func (d *decoder) pipeTables(lines []string) ([]Table, error) {
	var tables []Table
	for i := 0; i < len(lines); {
		if err := d.step(); err != nil {
			return nil, err
		}
		sep := rowSeparator(lines[i])
		if sep == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && rowSeparator(lines[j]) == sep {
			j++
		}
		if j-i >= 2 {
			// The rows are padded to the widest: count the cells before making them.
			width := 0
			for _, l := range lines[i:j] {
				width = max(width, strings.Count(l, sep)+1)
			}
			if (j-i)*width > d.tableCells {
				return nil, fmt.Errorf("line %d: %w: the document's tables have more than %d cells", i+1, ErrTableTooLarge, maxTableCells)
			}
			t := Table{Line: i, Rows: pipeRows(lines[i:j], sep)}
			for k, r := range t.Rows {
				if err := d.rowOf(r); err != nil {
					return nil, fmt.Errorf("line %d: %w", i+k+1, err)
				}
			}
			tables = append(tables, t)
		}
		i = j
	}
	return tables, nil
}

// rowSeparator returns the cell separator of a line that is a table row, "|" or a
// tab, or "" for a line of text. A tab that only indents a line does not count.
func rowSeparator(line string) string {
	if n := strings.Count(line, "|"); n > 0 && n < maxPipeCells {
		return "|"
	}
	inner := strings.TrimFunc(line, unicode.IsSpace)
	if n := strings.Count(inner, "\t"); n > 0 && n < maxPipeCells {
		return "\t"
	}
	return ""
}

// pipeRows splits the lines of one table into rows of equal width.
func pipeRows(lines []string, sep string) [][]string {
	markdown := sep == "|"
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimFunc(l, unicode.IsSpace), "|") {
			markdown = false
			break
		}
	}
	rows := make([][]string, len(lines))
	width := 0
	for i, l := range lines {
		if sep == "\t" {
			l = strings.Trim(l, " \r\n\u3000") // tabs are cells, even at the ends
		}
		rows[i] = splitRow(l, sep)
		if markdown {
			rows[i] = rows[i][1:]
		}
		width = max(width, len(rows[i]))
	}
	for i, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		rows[i] = r
	}
	return rows
}

// splitRow splits a table line into its trimmed cells.
func splitRow(line, sep string) []string {
	cells := strings.Split(line, sep)
	for i, c := range cells {
		cells[i] = strings.TrimFunc(c, unicode.IsSpace)
	}
	return cells
}
