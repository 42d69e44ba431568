package decode

import (
	"fmt"
	"time"
)

// Limits: what a file may be. Every bound Decode puts on its input is here, with
// what it protects. Each is far above what a real annual report needs (a few
// dozen pages, a few tables of a few dozen rows and columns, some tens of
// kilobytes of text), and each, when exceeded, is one clear error naming the
// file, unless its comment says what is cut.
const (
	// MaxSize is the largest raw file Decode reads. Annual reports are a few
	// megabytes at most; a larger file is refused rather than read into memory.
	MaxSize = 20 << 20

	// MaxTextSize is the most normalized text a document may have: its Lines,
	// each with a line break (the size of the text file the importer writes).
	MaxTextSize = 4 << 20

	// Timeout is the time Decode may spend on one file, pdftotext included.
	// Decoding a real report takes well under a second.
	Timeout = 20 * time.Second

	// deadlineEvery is how many steps of work (lines, elements, tokens) pass
	// between two checks of the deadline.
	deadlineEvery = 1 << 10

	// Tables, in every format. The budget is document-wide: many tables cost as
	// much as one large one. A merged cell counts once for each position it
	// covers, since its row's line repeats it (see RowLine).
	maxTableCells = 100000      // grid positions of all the tables of a document
	maxTableBytes = MaxTextSize // bytes of all the table rows, as lines of cells joined by " | "
	maxTableCols  = 256         // columns of one table: a longer row is cut there
	maxColSpan    = 64          // columns one cell may span (HTML colspan, DOCX gridSpan and gridBefore): a larger span is cut there, as browsers cut colspan at 1000
	maxRowSpan    = 1000        // rows one HTML cell may span (rowspan): a larger span is cut there, as browsers cut it at 65534

	// Plain text.
	maxTextLines = 1 << 20 // lines of a text file
	maxPipeCells = 256     // a line with more cells than this is not a table row

	// Web furniture (normalize.go): what a furniture rule looks at.
	maxFurnitureRunes = 60 // a longer line is report text, not a toolbar, a breadcrumb or a page number
	maxToolbarBytes   = 96 // a toolbar group at the end of a metadata line (【字体：大 中 小】) is at most this long

	// HTML.
	maxHTMLNodes = 500000 // elements and texts of a page (a parsed node costs some hundred bytes; a report's page has some thousands)
	maxHTMLDepth = 512    // elements nested deeper are not read (the parser nests unclosed tags)

	// DOCX.
	maxDOCXPart  = 50 << 20 // the decompressed size of one part of the archive (a zip bomb)
	maxDOCXDepth = 32       // tables and text boxes nested deeper are not read

	// PDF. pdftotext's output is read as it streams: a PDF over a limit
	// stops it there, whatever the PDF would make of it.
	maxPDFPages    = 1000     // pages of a PDF
	maxPDFOutput   = 64 << 20 // bytes pdftotext may write (its XHTML of word boxes, about 100 bytes a word)
	maxLayoutWords = 400000   // words of a PDF
	maxPDFInfo     = 1 << 20  // bytes pdfinfo may write
	maxToolStderr  = 64 << 10 // bytes of a tool's error output kept (for the error message)
	maxGridColumns = 64       // numeric or label columns of a table: a region with more is not a table
	maxRegionLines = 3000     // lines of a table region: a longer region is cut into several tables
	maxHeadLines   = 100      // lines above a table's first numeric row that may be its header
	maxCoordinate  = 1e6      // points: a word further from the page's corner is dropped (a broken box)
)

// byteSize writes a size in bytes as people read it: "64 MiB", "512 KiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
