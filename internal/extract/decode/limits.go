package decode

import "time"

// Limits: what a file may be. Every bound Decode puts on its input is here, with
// what it protects. Each is far above what a real annual report needs (a few
// dozen pages, a few tables of a few dozen rows and columns, some tens of
// kilobytes of text), and each, when exceeded, is one clear error naming the
// file: nothing is silently cut.
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

	// Tables of HTML and DOCX: spans are clamped as browsers clamp them, and a
	// table is read up to maxTableCells cells.
	maxColspan    = 1000
	maxRowspan    = 1000
	maxTableCols  = 256
	maxTableCells = 100000

	// Plain text: a report has a few thousand lines and tables of a few dozen
	// columns. A line with more cells than maxPipeCells is not a table row.
	maxTextLines      = 1 << 20
	maxPipeCells      = 256
	maxPipeTableCells = 1 << 22

	// Web furniture (normalize.go): what a furniture rule looks at.
	maxFurnitureRunes = 60 // a longer line is report text, not a toolbar, a breadcrumb or a page number
	maxToolbarBytes   = 96 // a toolbar group at the end of a metadata line (【字体：大 中 小】) is at most this long

	// HTML.
	maxHTMLDepth = 512 // elements nested deeper are not read (the parser nests unclosed tags)

	// DOCX: a part that decompresses to more than maxDOCXPart bytes is refused (a
	// zip bomb), and tables nest at most maxDOCXDepth deep.
	maxDOCXPart  = 50 << 20
	maxDOCXDepth = 32
	maxDOCXSpan  = 64

	// PDF. pdftotext's output is read as it streams: a PDF over a limit
	// stops it there, whatever the PDF would make of it.
	maxPDFPages    = 1000     // pages of a PDF
	maxPDFOutput   = 64 << 20 // bytes pdftotext may write (its XHTML of word boxes, about 100 bytes a word)
	maxLayoutWords = 400000   // words of a PDF
	maxPDFInfo     = 1 << 20  // bytes pdfinfo may write
	maxToolStderr  = 64 << 10 // bytes of a tool's error output kept (for the error message)
	maxGridColumns = 64       // numeric or label columns of a table: a region with more is not a table
	maxRegionLines = 3000     // lines of a table region: a longer region is cut into several tables
)
