package decode

// Layout: text lines and tables rebuilt from positioned words, as a PDF layout
// engine reports them. A PDF has no tables: it has words at positions, and a table
// is words that line up. The reconstruction works in these steps:
//
//  1. Words become physical lines (same vertical centre), and a line's words become
//     cells where a wide gap separates them (or where two numbers meet).
//  2. Page furniture (page numbers such as "-3-") is dropped, and the pages are
//     stacked into one continuous vertical coordinate, so that a table and a label
//     split by a page break continue.
//  3. Anchor lines are lines that end in a band of numbers after a narrow label: the
//     numeric rows of a table. Runs of anchors, with the label fragments, header
//     lines and sub-headings around them, form a table region; a heading, a body
//     paragraph or a wide gap ends the region.
//  4. In a region, the numbers' x-extents are clustered into columns, and the label
//     fragments' left edges into label columns. Label fragments that are close
//     vertically join into blocks (a wrapped label, a vertical label written one
//     character per line). A block belongs to the row whose numbers it overlaps;
//     a block whose rows already have labels further right is a group label (a
//     merged cell spanning rows) and covers the consecutive rows around it.
//  5. Lines of the region that carry no numbers become header or sub-heading rows.
//
// Nothing here knows a report template: it works on any table laid out by position.
//
// The steps live in their own files: words → lines (layout_lines.go), table
// regions (layout_regions.go), the grid of a region (layout_grid.go) and
// paragraph reflow (layout_reflow.go).

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// layoutSettings are the tolerances of the layout reconstruction, in one value, as
// pdfplumber's and camelot's table settings are. A length is a multiple of the
// height of the text at hand (a word's, a run's or a line's), so that it holds at
// any font size, unless its comment says points or a fraction.
type layoutSettings struct {
	// Words → lines (layout_lines.go).
	minWordHeight  float64 // points: a flatter word box is given this height
	lineCentre     float64 // a word is on a line when its vertical centre is within this × the smaller height of the line's mean centre
	pageGap        float64 // points: the gap between a page's last line and the next page's first, once the pages are stacked
	cellGap        float64 // a gap between two words wider than this × the smaller height separates two cells
	numberGap      float64 // … and, before a number, a gap wider than this × the height (a label running up to its row's numbers)
	numbersGap     float64 // … and, between two numbers, a gap wider than this × the height
	furnitureRunes int     // a page number line has at most this many characters
	headerMargin   float64 // fraction of the page height: a page number above it is in the top margin
	footerMargin   float64 // fraction of the page height: a page number below it is in the bottom margin
	sentenceWidth  float64 // fraction of a line's width: a run of text before the numbers that is wider makes the line a sentence, not a table row

	// Table regions (layout_regions.go).
	headingHeight       float64 // a line taller than this × the region's median text height …
	headingAnchorHeight float64 // … and this × its tallest number is a heading, which ends the region
	crossNumbers        float64 // a single run reaching further than this × the line height on both sides of the numbers' left edge is body text
	wideRun             float64 // fraction of the region's width: a single run wider than this is body text
	regionGap           float64 // a vertical gap over this × the line height ends a region
	trailingGap         float64 // a line after the last numeric row, further below than this × its height, is not its label

	// The grid of a region (layout_grid.go).
	wrapGap         float64 // label fragments, or header runs, closer vertically than this × the height (and than the row join gap) are one wrapped cell
	blockReach      float64 // a numeric row belongs to a label block whose box, widened by this × the block's height, holds the row's centre
	nearAnchor      float64 // a block beside no row's numbers belongs to the nearest row within this × its height
	labelColumnGap  float64 // label fragments whose left edges differ by more than this × the height are in different label columns
	singleSlot      float64 // points: the slot of a table's only numeric column reaches this far on either side of its numbers
	wideHeader      float64 // a header run wider than this × its column's slot is left-aligned: it belongs to the column where it starts
	headerFit       float64 // a header run fits its column when it is no wider than the slot and this × its height
	labelAreaLeft   float64 // a run is a label when it starts more than this × its height left of the numbers …
	labelAreaRight  float64 // … and ends less than this × its height right of their left edge
	rowJoin         float64 // the row join gap is this × the quantile below of the gaps between numeric rows
	rowJoinQuantile float64 // the quantile of those gaps (rows with sub-headings between them are far apart)
	labelSplitGap   float64 // a label run splits where a gap between its words is wider than this × the height …
	labelSplitAlign float64 // … and the next word starts, within this × the height, …
	labelSplitRuns  int     // … where at least this many label runs start

	// Paragraph reflow (layout_reflow.go).
	indentMin      float64 // a line whose left edge is further right than the margin by more than this × its height is indented …
	indentMax      float64 // … up to this × its height
	paragraphSpace float64 // a gap wider than the usual line gap by more than this × the median line height marks a paragraph
	markedMin      int     // a document marks its paragraphs (by indents or gaps) when it has at least this many
	lineGapSlack   float64 // two lines are at the usual spacing when their gap exceeds the usual line gap by at most this × the height
	rightMargin    float64 // the quantile of the lines' right edges taken as the right margin
	shortLine      float64 // a line ending more than this × its height before the right margin ends its paragraph
	heightChange   float64 // two lines whose heights differ by more than this × the first's are different paragraphs
	paragraphGap   float64 // two lines further apart than this × the height are different paragraphs
	wideCellGap    float64 // a line with cells further apart than this × its height is a table row, not running text
}

// defaultLayout returns the layout settings tuned on real reports.
func defaultLayout() *layoutSettings {
	return &layoutSettings{
		minWordHeight:  0.5,
		lineCentre:     0.5,
		pageGap:        2,
		cellGap:        1,
		numberGap:      0.45,
		numbersGap:     0.2,
		furnitureRunes: 24,
		headerMargin:   0.12,
		footerMargin:   0.88,
		sentenceWidth:  0.6,

		headingHeight:       1.4,
		headingAnchorHeight: 1.05,
		crossNumbers:        1,
		wideRun:             0.6,
		regionGap:           6,
		trailingGap:         1.5,

		wrapGap:         1.3,
		blockReach:      0.5,
		nearAnchor:      3,
		labelColumnGap:  1,
		singleSlot:      20,
		wideHeader:      1.5,
		headerFit:       0.5,
		labelAreaLeft:   0.5,
		labelAreaRight:  1,
		rowJoin:         0.8,
		rowJoinQuantile: 0.25,
		labelSplitGap:   0.2,
		labelSplitAlign: 0.5,
		labelSplitRuns:  2,

		indentMin:      0.5,
		indentMax:      4,
		paragraphSpace: 0.5,
		markedMin:      2,
		lineGapSlack:   0.3,
		rightMargin:    0.75,
		shortLine:      1.5,
		heightChange:   0.3,
		paragraphGap:   1.5,
		wideCellGap:    2,
	}
}

// layout rebuilds the text lines and tables of positioned pages. The tables are
// charged against d's budget, and d's deadline is checked as it works.
func (tol *layoutSettings) layout(d *decoder, pages []pageWords) (lines []string, tables []Table, err error) {
	ls := tol.physicalLines(pages)
	for i := range ls {
		tol.classify(&ls[i])
	}
	regions := tol.findRegions(ls)
	paraEnds := tol.paragraphBreaks(ls)
	r := 0
	var para strings.Builder
	flush := func() {
		if s := strings.TrimSpace(para.String()); s != "" {
			lines = append(lines, s)
		}
		para.Reset()
	}
	for i := 0; i < len(ls); i++ {
		if err := d.step(); err != nil {
			return nil, nil, err
		}
		if r < len(regions) && regions[r].start == i {
			flush()
			rows, srcs := tol.buildTable(ls, regions[r])
			if len(rows) > 0 {
				t := Table{Line: len(lines)}
				for _, row := range rows {
					if err := d.rowOf(row); err != nil {
						return nil, nil, err
					}
					lines = append(lines, strings.Join(row, " | "))
				}
				t.Rows = rows
				t.Cells, t.Page = pdfCells(ls, rows, srcs)
				tables = append(tables, t)
				i = regions[r].end - 1
				r++
				continue
			}
			r++ // not a table after all (too many columns): its lines are text
		}
		joinText(&para, ls[i].text())
		if paraEnds[i] {
			flush()
		}
	}
	flush()
	return lines, tables, nil
}

// pdfCells returns the cells of a PDF table, given the source of each position
// of its rows, with the page and box of each (and the page the table starts on).
func pdfCells(ls []pline, rows [][]string, srcs [][]*gridSource) ([]Cell, int) {
	index := map[*gridSource]int32{}
	var cells []Cell
	ids := make([][]int32, len(rows))
	first := 0 // the table's first page
	for i, r := range srcs {
		ids[i] = make([]int32, len(r))
		for j, s := range r {
			if s == nil || len(s.runs) == 0 {
				ids[i][j] = -1
				continue
			}
			id, ok := index[s]
			if !ok {
				id = int32(len(cells))
				index[s] = id
				c := Cell{Text: rows[i][j]}
				c.Page, c.Box = pdfBox(ls, s.runs)
				cells = append(cells, c)
				if first == 0 || c.Page < first {
					first = c.Page
				}
			}
			ids[i][j] = id
		}
	}
	return cellsOf(ids, len(cells), func(id int32) Cell { return cells[id] }), first
}

// pdfBox returns the page (1-based) of the first of some word runs, in reading
// order, and the box, in that page's coordinates, of those of them on it.
func pdfBox(ls []pline, runs []*cell) (int, Box) {
	top := runs[0]
	for _, c := range runs[1:] {
		if c.y0 < top.y0 || c.y0 == top.y0 && c.x0 < top.x0 {
			top = c
		}
	}
	page := ls[top.line].page
	b := Box{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, c := range runs {
		if l := &ls[c.line]; l.page == page {
			b.X0, b.X1 = math.Min(b.X0, c.x0), math.Max(b.X1, c.x1)
			b.Y0, b.Y1 = math.Min(b.Y0, c.y0-l.offset), math.Max(b.Y1, c.y1-l.offset)
		}
	}
	return page + 1, b
}

// joinText appends s to b, with a space only between two non-CJK characters.
func joinText(b *strings.Builder, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if b.Len() > 0 {
		prev, _ := utf8.DecodeLastRuneInString(b.String())
		next, _ := utf8.DecodeRuneInString(s)
		if prev < utf8.RuneSelf && next < utf8.RuneSelf {
			b.WriteByte(' ')
		}
	}
	b.WriteString(s)
}

func joinWords(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		joinText(&b, p)
	}
	return b.String()
}

func median(fs []float64) float64 {
	if len(fs) == 0 {
		return 0
	}
	s := append([]float64(nil), fs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
