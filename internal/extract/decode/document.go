// Package decode turns a raw report file (plain text, HTML, PDF or DOCX, in any
// encoding, simplified or traditional) into a Document: normalized lines of
// simplified Chinese text and the tables found in them, as grids.
//
// decode knows nothing of report templates or record keys: it reads documents. The
// recognizers in package extract read the Document.
package decode

import (
	"strings"
	"unicode"
)

// Document is a raw report, normalized.
type Document struct {
	Format   string // "text", "html", "pdf" or "docx"
	Encoding string // the detected encoding of a text or HTML file ("utf-8", "gb18030", "big5", "utf-16le", "utf-16be"); "" otherwise
	Script   string // "hans" or "hant": the script of the source text (Lines are always simplified)
	Title    string // the document's own title (HTML <title>, PDF/DOCX metadata), normalized; "" when it has none

	// Lines is the normalized text, one entry per line, with web furniture removed.
	// Provenance refers to these lines (1-based: Lines[0] is line 1), and the site shows
	// them, so they are stable: the same input always gives the same lines. A table row
	// is one line: RowLine of its cells.
	Lines []string

	// Tables are the tables of the document, in order.
	Tables []Table
}

// Table is a table of the document as a grid. Each row is a logical row of the
// table: where a PDF label wraps over several lines, its pieces are joined into the
// row's label cell. Merged cells are expanded: every grid position a merged cell
// covers holds its text, so every row of a table has the same number of cells. An
// empty cell is "".
type Table struct {
	Line int        // the index in Document.Lines of the table's first row
	Rows [][]string // Document.Lines[Line+i] is RowLine(Rows[i])
}

// RowLine renders a table row as a line of text: its cells joined by " | ", without
// the copies of a merged label cell (a cell with text identical to the one before
// it) and without trailing empty cells. Numbers are never dropped: two equal
// figures side by side are two cells.
func RowLine(row []string) string {
	var b strings.Builder
	end := len(row)
	for end > 0 && row[end-1] == "" {
		end--
	}
	for i, c := range row[:end] {
		if i > 0 && c != "" && c == row[i-1] && hasHan(c) {
			continue
		}
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(c)
	}
	return b.String()
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
