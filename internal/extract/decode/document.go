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

	// Cells are the table's cells as the source lays them out, each once, in the
	// order of their top-left corners (row by row): a merged cell is one Cell that
	// spans several positions of Rows, each of which holds its Text (the same
	// string). No two cells overlap. A position that no cell covers (where a
	// short row was padded) holds "". In a plain-text table every position is a
	// cell of its own; a PDF's merged cells are the group labels that span rows
	// and the labels that span label columns. A cell whose positions do not make
	// a rectangle (spans that collide in a malformed table) is given as several.
	Cells []Cell

	// Page is the page a PDF table starts on (1-based); 0 in other formats.
	Page int
}

// Cell is a cell of a table: where it is in the grid, and, in a PDF, where it is
// printed.
type Cell struct {
	Row, Col         int    // its top-left position: Rows[Row][Col]
	RowSpan, ColSpan int    // the rows and columns of the grid it covers, 1 or more
	Text             string // its text, as every position it covers holds it
	Page             int    // PDF: the page it is printed on (1-based), where it starts if a page break splits it; 0 in other formats
	Box              Box    // PDF: the box of its words on that page; zero in other formats
}

// Box is a rectangle on a PDF page, in PDF points (1/72 inch) from the page's
// top-left corner, x rightwards and y downwards (as pdftotext and pdfplumber
// measure): X0 < X1 and Y0 < Y1.
type Box struct {
	X0, Y0, X1, Y1 float64
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
