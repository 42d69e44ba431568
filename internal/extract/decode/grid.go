package decode

// This file rebuilds text lines and tables from positioned words, as a PDF layout
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

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// word is a positioned word of a page: its box in points, y growing downwards.
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

// pageWords is the words of one page.
type pageWords struct {
	width, height float64
	words         []word
}

// Limits on the layout input: a PDF with more words is read up to this many.
const (
	maxLayoutWords = 400000
	maxGridColumns = 64
	maxRegionLines = 3000 // a longer table region is cut into several tables
)

// cell is a run of words on a physical line not separated by a wide gap.
type cell struct {
	x0, y0, x1, y1 float64 // y0, y1 in continuous coordinates
	text           string
	words          []word // x in page coordinates
	num            bool   // a number, or an empty-value mark ("-", "/") in a numeric band
	digit          bool   // a number
	line           int    // index of the physical line
	col            int    // label column, or -1
	attached       bool   // part of a label block that belongs to numeric rows
}

func (c *cell) h() float64 { return c.y1 - c.y0 }

// pline is a physical line: words of one page at the same height.
type pline struct {
	page           int
	x0, y0, x1, y1 float64 // y0, y1 in continuous coordinates
	h              float64 // median word height
	cells          []cell
	anchor         bool // a numeric row of a table
	firstNum       int  // index of the first numeric cell of an anchor
}

func (l *pline) text() string {
	parts := make([]string, len(l.cells))
	for i := range l.cells {
		parts[i] = l.cells[i].text
	}
	return strings.Join(parts, " ")
}

// numY returns the vertical extent of an anchor's numbers.
func (l *pline) numY() (float64, float64) {
	y0, y1 := math.Inf(1), math.Inf(-1)
	for _, c := range l.cells[l.firstNum:] {
		y0, y1 = math.Min(y0, c.y0), math.Max(y1, c.y1)
	}
	return y0, y1
}

var (
	numberRe  = regexp.MustCompile(`^[-+－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s?(?:[%％]|万?元|亿元|件|条|个|项|次|人次|人|家|份|期|场|篇)?$`)
	emptyRe   = regexp.MustCompile(`^(?:[-－—–/／\\]+|无)$`)
	pageNumRe = regexp.MustCompile(`^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|\d{1,4})$`)
	// markerRe matches the start of an enumerated item: "三、", "（二）", "2.", "1、".
	sectionRe   = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`)
	firstItemRe = regexp.MustCompile(`^(?:[1１一][.、．](?:[^0-9０-９]|$)|[（(]一[）)])`)
	markerRe    = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.、．](?:[^0-9０-９]|$))`)
)

// layoutPages rebuilds the text lines and tables of positioned pages.
func layoutPages(pages []pageWords) (lines []string, tables []Table) {
	ls := physicalLines(pages)
	for i := range ls {
		classify(&ls[i])
	}
	regions := findRegions(ls)
	paraEnds := paragraphBreaks(ls)
	r := 0
	var para strings.Builder
	flush := func() {
		if s := strings.TrimSpace(para.String()); s != "" {
			lines = append(lines, s)
		}
		para.Reset()
	}
	for i := 0; i < len(ls); i++ {
		if r < len(regions) && regions[r].start == i {
			flush()
			rows := buildTable(ls, regions[r])
			if len(rows) > 0 {
				t := Table{Line: len(lines)}
				for _, row := range rows {
					lines = append(lines, strings.Join(row, " | "))
				}
				t.Rows = rows
				tables = append(tables, t)
			}
			i = regions[r].end - 1
			r++
			continue
		}
		joinText(&para, ls[i].text())
		if paraEnds[i] {
			flush()
		}
	}
	flush()
	return lines, tables
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

// physicalLines groups each page's words into lines, drops page furniture and maps
// the pages onto one continuous vertical coordinate.
func physicalLines(pages []pageWords) []pline {
	var out []pline
	budget := maxLayoutWords
	offset, prevBottom := 0.0, 0.0
	for pi, pg := range pages {
		ws := make([]word, 0, len(pg.words))
		for _, w := range pg.words {
			if budget == 0 {
				break
			}
			w.text = strings.TrimSpace(w.text)
			if w.text == "" || !finite(w.x0, w.y0, w.x1, w.y1) {
				continue
			}
			if w.x1 < w.x0 {
				w.x0, w.x1 = w.x1, w.x0
			}
			if w.y1 < w.y0 {
				w.y0, w.y1 = w.y1, w.y0
			}
			if w.y1-w.y0 < 0.5 {
				w.y1 = w.y0 + 0.5
			}
			budget--
			ws = append(ws, w)
		}
		sort.SliceStable(ws, func(i, j int) bool {
			return ws[i].y0+ws[i].y1 < ws[j].y0+ws[j].y1
		})
		var groups [][]word
		var mean, h float64
		for _, w := range ws {
			yc, wh := (w.y0+w.y1)/2, w.y1-w.y0
			if n := len(groups); n > 0 && math.Abs(yc-mean) <= 0.5*math.Min(h, wh) {
				g := groups[n-1]
				mean = (mean*float64(len(g)) + yc) / float64(len(g)+1)
				h = math.Max(h, wh)
				groups[n-1] = append(g, w)
				continue
			}
			groups = append(groups, []word{w})
			mean, h = yc, wh
		}
		var pls []pline
		for _, g := range groups {
			l := makeLine(pi, g)
			if isFurniture(&l, pg.height) {
				continue
			}
			pls = append(pls, l)
		}
		if len(pls) == 0 {
			continue
		}
		// Stack the page under the previous one: its first line starts just
		// below the previous page's last line.
		top := math.Inf(1)
		for _, l := range pls {
			top = math.Min(top, l.y0)
		}
		if len(out) > 0 {
			offset = prevBottom + 2 - top
		} else {
			offset = 0
		}
		for i := range pls {
			l := &pls[i]
			l.y0 += offset
			l.y1 += offset
			for j := range l.cells {
				l.cells[j].y0 += offset
				l.cells[j].y1 += offset
			}
			prevBottom = math.Max(prevBottom, l.y1)
		}
		out = append(out, pls...)
	}
	for i := range out {
		for j := range out[i].cells {
			out[i].cells[j].line = i
		}
	}
	return out
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e6 {
			return false
		}
	}
	return true
}

// makeLine builds a line of one page from its words, splitting them into cells.
func makeLine(page int, ws []word) pline {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].x0 < ws[j].x0 })
	hs := make([]float64, len(ws))
	l := pline{page: page, x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	for i, w := range ws {
		hs[i] = w.y1 - w.y0
		l.x0, l.y0 = math.Min(l.x0, w.x0), math.Min(l.y0, w.y0)
		l.x1, l.y1 = math.Max(l.x1, w.x1), math.Max(l.y1, w.y1)
	}
	l.h = median(hs)
	var parts []string
	var cur cell
	flush := func() {
		if len(parts) > 0 {
			cur.text = joinWords(parts)
			cur.digit = numberRe.MatchString(cur.text)
			cur.num = cur.digit || emptyRe.MatchString(cur.text)
			cur.col = -1
			l.cells = append(l.cells, cur)
		}
		parts = nil
	}
	for i, w := range ws {
		if i > 0 {
			prev := ws[i-1]
			gap := w.x0 - prev.x1
			h := math.Min(prev.y1-prev.y0, w.y1-w.y0)
			prevNum, num := numberRe.MatchString(prev.text), numberRe.MatchString(w.text)
			// A wide gap separates cells; so does a narrower one before a
			// number (a label running up to its row's numbers) or between two
			// numbers. In running text the gap before a number is a space.
			if gap > h || (num && gap > 0.45*h) || (prevNum && num && gap > 0.2*h) {
				flush()
			}
		}
		if len(parts) == 0 {
			cur = cell{x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1}
		}
		cur.x0, cur.y0 = math.Min(cur.x0, w.x0), math.Min(cur.y0, w.y0)
		cur.x1, cur.y1 = math.Max(cur.x1, w.x1), math.Max(cur.y1, w.y1)
		parts = append(parts, w.text)
		cur.words = append(cur.words, w)
	}
	flush()
	return l
}

func median(fs []float64) float64 {
	if len(fs) == 0 {
		return 0
	}
	s := append([]float64(nil), fs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// isFurniture reports whether a line is a page number in the page's top or bottom margin.
func isFurniture(l *pline, pageHeight float64) bool {
	t := strings.TrimSpace(l.text())
	if utf8.RuneCountInString(t) > 24 || !pageNumRe.MatchString(strings.Join(strings.Fields(t), "")) && !pageNumRe.MatchString(t) {
		return false
	}
	if pageHeight <= 0 {
		return !numberRe.MatchString(t)
	}
	return l.y1 > 0.88*pageHeight || l.y0 < 0.12*pageHeight
}

// classify marks a line as an anchor: a narrow label (or none) followed by a
// band of numeric cells.
func classify(l *pline) {
	l.anchor, l.firstNum = false, -1
	first := -1
	digits := 0
	for i, c := range l.cells {
		if c.num && first < 0 {
			first = i
		}
		if first >= 0 && !c.num {
			return
		}
		if first >= 0 && c.digit {
			digits++
		}
	}
	if first < 0 || digits == 0 {
		return
	}
	if first == 0 && len(l.cells) < 2 {
		return
	}
	// A run of text wider than most of the line before a number is a sentence
	// ending in a figure, not a label.
	for _, c := range l.cells[:first] {
		if c.x1-c.x0 > 0.6*(l.x1-l.x0) {
			return
		}
	}
	l.anchor, l.firstNum = true, first
}

// region is a table region: lines [start, end) of which anchors are the numeric rows.
type region struct {
	start, end int
	numStart   float64 // left edge of the numeric columns
}

// findRegions finds the table regions of the lines, in order.
func findRegions(ls []pline) []region {
	var out []region
	lastEnd := 0
	for i := 0; i < len(ls); i++ {
		if !ls[i].anchor {
			continue
		}
		rg := growRegion(ls, i, lastEnd)
		out = append(out, rg)
		lastEnd = rg.end
		i = rg.end - 1
	}
	return out
}

// regionState tracks what a growing region looks like.
type regionState struct {
	numStart, x0, x1 float64
	anchorH          float64
	textH            []float64
}

func (s *regionState) addAnchor(l *pline) {
	for _, c := range l.cells[l.firstNum:] {
		s.numStart = math.Min(s.numStart, c.x0)
		s.anchorH = math.Max(s.anchorH, c.h())
	}
	for _, c := range l.cells[:l.firstNum] {
		s.textH = append(s.textH, c.h())
	}
	s.x0, s.x1 = math.Min(s.x0, l.x0), math.Max(s.x1, l.x1)
}

func (s *regionState) addText(l *pline) {
	for _, c := range l.cells {
		s.textH = append(s.textH, c.h())
	}
}

func (s *regionState) refH() float64 {
	if len(s.textH) > 0 {
		return median(s.textH)
	}
	return s.anchorH
}

// breaks reports whether a non-anchor line cannot belong to the region: a heading
// or body text (taller than the table's text, a single run crossing from the label
// area into the numbers, or wider than most of the table).
func (s *regionState) breaks(l *pline) bool {
	maxH := 0.0
	for _, c := range l.cells {
		maxH = math.Max(maxH, c.h())
	}
	if maxH > 1.4*s.refH() && maxH > 1.05*s.anchorH {
		return true
	}
	if len(l.cells) == 1 {
		c := l.cells[0]
		if c.x0 < s.numStart-l.h && c.x1 > s.numStart+l.h {
			return true
		}
		if c.x1-c.x0 > 0.6*(s.x1-s.x0) {
			return true
		}
	}
	return false
}

func growRegion(ls []pline, a, lastEnd int) region {
	st := regionState{numStart: math.Inf(1), x0: math.Inf(1), x1: math.Inf(-1)}
	st.addAnchor(&ls[a])
	end := a + 1
	bottom := ls[a].y1
	var pending []int
	for j := a + 1; j < len(ls) && j-a < maxRegionLines; j++ {
		l := &ls[j]
		if l.y0-bottom > 6*math.Max(l.h, ls[j-1].h) {
			break
		}
		if l.anchor {
			st.addAnchor(l)
			end = j + 1
			pending = pending[:0]
			bottom = l.y1
			continue
		}
		if st.breaks(l) {
			break
		}
		st.addText(l)
		pending = append(pending, j)
		bottom = l.y1
	}
	// Lines after the last numeric row stay only if they continue its label.
	for _, j := range pending {
		l := &ls[j]
		if l.y0-ls[j-1].y1 > 1.5*l.h || l.x1 > st.numStart {
			break
		}
		end = j + 1
	}
	start := a
	for j := a - 1; j >= lastEnd && a-j < 100; j-- {
		l := &ls[j]
		if ls[j+1].y0-l.y1 > 6*math.Max(l.h, ls[j+1].h) || st.breaks(l) {
			break
		}
		if len(l.cells) == 1 && sectionRe.MatchString(l.cells[0].text) {
			break // a section heading just above a table
		}
		st.addText(l)
		start = j
	}
	return region{start: start, end: end, numStart: st.numStart}
}

// paragraphBreaks reports, for each line, whether a paragraph ends after it: a line
// that wraps (reaches the right margin, does not end a sentence) continues into the
// next line unless that starts a heading, an item or an indented paragraph.
func paragraphBreaks(ls []pline) []bool {
	ends := make([]bool, len(ls))
	var x0s, x1s []float64
	for _, l := range ls {
		if !l.anchor {
			x0s = append(x0s, math.Round(l.x0))
			x1s = append(x1s, l.x1)
		}
	}
	left := mode(x0s)
	sort.Float64s(x1s)
	right := 0.0
	if len(x1s) > 0 {
		right = x1s[len(x1s)*3/4]
	}
	// How the document marks its paragraphs: by indenting their first line, or
	// by a wider gap above them. Where it does, a line that ends a sentence at
	// the right margin does not end the paragraph unless the next line is marked.
	var gaps []float64
	indented := 0
	for i := range ls {
		l := &ls[i]
		if l.anchor {
			continue
		}
		if l.x0 > left+0.5*l.h && l.x0 <= left+4*l.h {
			indented++
		}
		if i > 0 && !ls[i-1].anchor && ls[i-1].page == l.page {
			gaps = append(gaps, l.y0-ls[i-1].y1)
		}
	}
	lineGap := median(gaps)
	spaced := 0
	for _, g := range gaps {
		if g > lineGap+0.5*mediumHeight(ls) {
			spaced++
		}
	}
	for i := range ls {
		if i+1 == len(ls) || ls[i].anchor || ls[i+1].anchor {
			ends[i] = true
			continue
		}
		l, n := &ls[i], &ls[i+1]
		t := strings.TrimSpace(l.text())
		last, _ := utf8.DecodeLastRuneInString(t)
		next := strings.TrimSpace(n.text())
		sameGap := n.page == l.page && n.y0-l.y1 <= lineGap+0.3*l.h
		continues := indented >= 2 && (sameGap || n.page != l.page) || spaced >= 2 && sameGap
		switch {
		case strings.ContainsRune("。！？!?；;：:", last) && !continues:
		case l.x1 < right-1.5*l.h:
		case n.x0 > left+0.5*n.h:
		case markerRe.MatchString(next):
		case math.Abs(n.h-l.h) > 0.3*l.h:
		case n.page == l.page && n.y0-l.y1 > 1.5*l.h:
		case wideGap(l) || wideGap(n):
		default:
			continue
		}
		ends[i] = true
	}
	return ends
}

func mode(fs []float64) float64 {
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, f := range fs {
		count[f]++
		if n := count[f]; n > bestN || n == bestN && f < best {
			best, bestN = f, n
		}
	}
	return best
}

// block is label fragments of one label column joined vertically: a wrapped label,
// or a vertical label written one character per line.
type block struct {
	col     int
	cells   []*cell
	y0, y1  float64
	h       float64
	anchors []int // candidate anchors (indices into the region's anchor list)
}

func (b *block) text() string {
	parts := make([]string, len(b.cells))
	for i, c := range b.cells {
		parts[i] = c.text
	}
	return joinWords(parts)
}

// buildTable turns a region into grid rows.
func buildTable(ls []pline, rg region) [][]string {
	var anchors []int
	for i := rg.start; i < rg.end; i++ {
		if ls[i].anchor {
			anchors = append(anchors, i)
		}
	}
	numCols := numericColumns(ls, anchors)
	if len(numCols) == 0 || len(numCols) > maxGridColumns {
		return nil
	}
	numStart := numCols[0][0]
	splitLabels(ls, rg, numStart)
	joinGap := rowJoinGap(ls, anchors)

	// Text rows: non-anchor lines with text over the numbers (headers, sub-headings).
	textRow := map[int]bool{}
	var labels []*cell
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		for j := range l.cells {
			c := &l.cells[j]
			isLabel := inLabelArea(c, numStart)
			if l.anchor {
				isLabel = j < l.firstNum
			}
			if !isLabel && !l.anchor {
				textRow[i] = true
			}
		}
	}
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		if textRow[i] {
			continue
		}
		for j := range l.cells {
			c := &l.cells[j]
			if (l.anchor && j < l.firstNum) || (!l.anchor && inLabelArea(c, numStart)) {
				labels = append(labels, c)
			}
		}
	}
	labelCols := labelColumns(labels)
	if len(labelCols) > maxGridColumns {
		return nil
	}

	// own: the rightmost label fragment of an anchor line is that row's own label.
	own := map[*cell]bool{}
	for _, i := range anchors {
		l := &ls[i]
		if l.firstNum > 0 {
			own[&l.cells[l.firstNum-1]] = true
		}
	}

	// Blocks per label column.
	var blocks []*block
	byCol := make([][]*cell, len(labelCols))
	for _, c := range labels {
		byCol[c.col] = append(byCol[c.col], c)
	}
	for col, cs := range byCol {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].y0 < cs[j].y0 })
		var b *block
		for _, c := range cs {
			if b != nil {
				last := b.cells[len(b.cells)-1]
				h := math.Min(last.h(), c.h())
				hasOwn := false
				for _, bc := range b.cells {
					hasOwn = hasOwn || own[bc]
				}
				// A label line right above a header line is a sub-heading,
				// not the end of a wrapped label.
				subHeading := c.line+1 < rg.end && textRow[c.line+1]
				near := c.y0-b.y1 <= math.Min(1.3*h, joinGap)
				// A group label split by a page break continues at the top
				// of the next page, however far its rows pushed it.
				if ls[c.line].page != ls[last.line].page && !hasOwn && !own[c] {
					near = true
				}
				if near && !markerRe.MatchString(c.text) && !(own[c] && hasOwn) && !subHeading {
					b.cells = append(b.cells, c)
					b.y1 = math.Max(b.y1, c.y1)
					continue
				}
			}
			b = &block{col: col, cells: []*cell{c}, y0: c.y0, y1: c.y1, h: c.h()}
			blocks = append(blocks, b)
		}
	}

	// Candidate anchors of each block.
	ay := make([][2]float64, len(anchors))
	for k, i := range anchors {
		y0, y1 := ls[i].numY()
		ay[k] = [2]float64{y0, y1}
	}
	for _, b := range blocks {
		tol := 0.5 * b.h
		for k := range anchors {
			yc := (ay[k][0] + ay[k][1]) / 2
			if yc >= b.y0-tol && yc <= b.y1+tol {
				b.anchors = append(b.anchors, k)
			}
		}
	}

	nl := len(labelCols)
	ownText := make([][]string, len(anchors)) // [anchor][col]
	spanText := make([][]string, len(anchors))
	hasLabel := make([][]bool, len(anchors))
	for k := range anchors {
		ownText[k] = make([]string, nl)
		spanText[k] = make([]string, nl)
		hasLabel[k] = make([]bool, nl)
	}
	rightOf := func(k, col int) bool {
		for c := col + 1; c < nl; c++ {
			if hasLabel[k][c] {
				return true
			}
		}
		return false
	}
	attached := map[*block]bool{}
	for col := nl - 1; col >= 0; col-- {
		var spans []*block
		// Blocks beside their row's numbers first, then the others: a label
		// just above or below its row's numbers, or a group label between rows.
		for pass := 0; pass < 2; pass++ {
			for _, b := range blocks {
				if b.col != col || (len(b.anchors) == 0) != (pass == 1) {
					continue
				}
				cands := b.anchors
				if pass == 1 {
					k := nearestAnchor(ay, b, 3*b.h)
					if k < 0 || !rightOf(k, col) && !onlyLabel(hasLabel[k]) {
						continue
					}
					cands = []int{k}
				}
				span := false
				for _, k := range cands {
					span = span || rightOf(k, col)
				}
				if span {
					b.anchors = cands
					spans = append(spans, b)
				} else {
					k := cands[0]
					for _, c := range cands[1:] {
						if math.Abs(mid(ay[c])-mid2(b)) < math.Abs(mid(ay[k])-mid2(b)) {
							k = c
						}
					}
					ownText[k][col] = joinWords([]string{ownText[k][col], b.text()})
					hasLabel[k][col] = true
				}
				attached[b] = true
			}
		}
		assignSpans(col, spans, ownText, hasLabel, spanText, ay)
		for k := range anchors {
			if spanText[k][col] != "" {
				hasLabel[k][col] = true
			}
		}
	}
	for _, b := range blocks {
		if attached[b] {
			for _, c := range b.cells {
				c.attached = true
			}
		}
	}

	// Rows, in vertical order.
	type row struct {
		y     float64
		cells []string
	}
	var rows []row
	width := nl + len(numCols)
	for k, i := range anchors {
		r := make([]string, width)
		for c := 0; c < nl; c++ {
			r[c] = ownText[k][c]
			if r[c] == "" {
				r[c] = spanText[k][c]
			}
		}
		l := &ls[i]
		for _, c := range l.cells[l.firstNum:] {
			j := nl + overlapColumn(numCols, c.x0, c.x1)
			r[j] = joinWords([]string{r[j], c.text})
		}
		rows = append(rows, row{y: mid(ay[k]), cells: r})
	}
	// Text rows: groups of consecutive non-anchor lines, one row per level.
	var group []int
	flushGroup := func() {
		if len(group) == 0 {
			return
		}
		for n, r := range textRows(ls, group, labelCols, numCols, numStart, joinGap) {
			rows = append(rows, row{y: ls[group[0]].y0 + float64(n)*1e-3, cells: r})
		}
		group = nil
	}
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		if l.anchor {
			flushGroup()
			continue
		}
		free := false
		for j := range l.cells {
			free = free || !l.cells[j].attached
		}
		if !free {
			continue
		}
		if n := len(group); n > 0 {
			p := &ls[group[n-1]]
			if p.page != l.page || l.y0-p.y1 > math.Min(1.3*math.Min(p.h, l.h), joinGap) {
				flushGroup()
			}
		}
		group = append(group, i)
	}
	flushGroup()
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].y < rows[j].y })

	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		// A label cell merged across the label columns to its right.
		last := -1
		for c := 0; c < nl; c++ {
			if r.cells[c] != "" {
				last = c
			}
		}
		for c := last + 1; last >= 0 && c < nl; c++ {
			r.cells[c] = r.cells[last]
		}
		empty := true
		for _, s := range r.cells {
			empty = empty && s == ""
		}
		if !empty {
			out = append(out, r.cells)
		}
	}
	return out
}

func mid(y [2]float64) float64 { return (y[0] + y[1]) / 2 }
func mid2(b *block) float64    { return (b.y0 + b.y1) / 2 }

func onlyLabel(has []bool) bool {
	for _, h := range has {
		if h {
			return false
		}
	}
	return true
}

func nearestAnchor(ay [][2]float64, b *block, within float64) int {
	best, bestD := -1, within
	for k, y := range ay {
		d := math.Max(0, math.Max(y[0]-b.y1, b.y0-y[1]))
		if d <= bestD {
			best, bestD = k, d
		}
	}
	return best
}

// assignSpans gives each group label (spanning block) of a label column the
// consecutive rows around it that have no label of their own in this column or
// further left. Between two group labels, the rows are split where each label
// sits best at the centre of its rows.
func assignSpans(col int, spans []*block, ownText [][]string, hasLabel [][]bool, spanText [][]string, ay [][2]float64) {
	if len(spans) == 0 {
		return
	}
	spanRange := map[*block][2]int{}
	n := len(ay)
	eligible := make([]bool, n)
	for k := 0; k < n; k++ {
		eligible[k] = true
		for c := 0; c <= col; c++ {
			if ownText[k][c] != "" {
				eligible[k] = false
			}
		}
	}
	// Each spanning block's home row: its candidate nearest its centre that is eligible.
	type span struct {
		b    *block
		home int
	}
	var ss []span
	for _, b := range spans {
		home := -1
		for _, k := range b.anchors {
			if eligible[k] && (home < 0 || math.Abs(mid(ay[k])-mid2(b)) < math.Abs(mid(ay[home])-mid2(b))) {
				home = k
			}
		}
		if home >= 0 {
			ss = append(ss, span{b, home})
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].home < ss[j].home })
	for i := 0; i < len(ss); i++ {
		if i > 0 && ss[i].home == ss[i-1].home {
			// Two labels for the same row: join them.
			ss[i-1].b.cells = append(ss[i-1].b.cells, ss[i].b.cells...)
			ss = append(ss[:i], ss[i+1:]...)
			i--
		}
	}
	for i, s := range ss {
		// Run boundaries around the home row.
		lo := s.home
		for lo > 0 && eligible[lo-1] && (i == 0 || lo-1 > ss[i-1].home) {
			lo--
		}
		hi := s.home
		for hi+1 < n && eligible[hi+1] && (i+1 == len(ss) || hi+1 < ss[i+1].home) {
			hi++
		}
		spanRange[s.b] = [2]int{lo, hi}
	}
	// Split the rows shared by neighbours.
	for i := 0; i+1 < len(ss); i++ {
		a, b := ss[i], ss[i+1]
		ra, rb := spanRange[a.b], spanRange[b.b]
		if ra[1] < rb[0] {
			continue
		}
		// Candidate split s: a gets [ra[0], s], b gets [s+1, e] for the
		// best e. Where the rows' own labels restart a numbering ("1.",
		// "（一）"), the split is before such a row.
		var cands []int
		for s := a.home; s < b.home; s++ {
			if firstItemRe.MatchString(ownRight(ownText[s+1], col)) {
				cands = append(cands, s)
			}
		}
		if len(cands) == 0 {
			for s := a.home; s < b.home; s++ {
				cands = append(cands, s)
			}
		}
		best, bestCost := cands[0], math.Inf(1)
		for _, s := range cands {
			ca := math.Abs((ay[ra[0]][0]+ay[s][1])/2 - mid2(a.b))
			cb := math.Inf(1)
			for e := max(b.home, s+1); e <= rb[1]; e++ {
				cb = math.Min(cb, math.Abs((ay[s+1][0]+ay[e][1])/2-mid2(b.b)))
			}
			if ca+cb < bestCost {
				best, bestCost = s, ca+cb
			}
		}
		spanRange[a.b] = [2]int{ra[0], best}
		spanRange[b.b] = [2]int{best + 1, rb[1]}
	}
	for _, s := range ss {
		r := spanRange[s.b]
		t := s.b.text()
		for k := r[0]; k <= r[1]; k++ {
			spanText[k][col] = t
		}
	}
}

// numericColumns clusters the x-extents of the anchors' numbers into columns,
// left to right.
func numericColumns(ls []pline, anchors []int) [][2]float64 {
	var iv [][2]float64
	for _, i := range anchors {
		l := &ls[i]
		for _, c := range l.cells[l.firstNum:] {
			iv = append(iv, [2]float64{c.x0, c.x1})
		}
	}
	sort.Slice(iv, func(i, j int) bool { return iv[i][0] < iv[j][0] })
	var cols [][2]float64
	for _, v := range iv {
		if n := len(cols); n > 0 && v[0] <= cols[n-1][1] {
			cols[n-1][1] = math.Max(cols[n-1][1], v[1])
			continue
		}
		cols = append(cols, v)
	}
	return cols
}

// labelColumns clusters the label fragments by their left edge, sets each one's
// column and returns the columns' left edges.
func labelColumns(labels []*cell) []float64 {
	cs := append([]*cell(nil), labels...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].x0 < cs[j].x0 })
	var starts []float64
	prev := math.Inf(-1)
	for _, c := range cs {
		if c.x0-prev > c.h() {
			starts = append(starts, c.x0)
		}
		prev = c.x0
		c.col = len(starts) - 1
	}
	return starts
}

// nearestStart returns the column whose left edge is nearest x.
func nearestStart(starts []float64, x float64) int {
	best := 0
	for i, s := range starts {
		if math.Abs(s-x) < math.Abs(starts[best]-x) {
			best = i
		}
	}
	return best
}

// slots returns the numeric columns widened to the midpoints between them.
func slots(cols [][2]float64) [][2]float64 {
	out := make([][2]float64, len(cols))
	for j, c := range cols {
		l, r := c[0], c[1]
		switch {
		case len(cols) == 1:
			l, r = c[0]-20, c[1]+20
		case j == 0:
			g := (cols[1][0] - c[1]) / 2
			l, r = c[0]-g, c[1]+g
		case j == len(cols)-1:
			g := (c[0] - cols[j-1][1]) / 2
			l, r = c[0]-g, c[1]+g
		default:
			l, r = (cols[j-1][1]+c[0])/2, (c[1]+cols[j+1][0])/2
		}
		out[j] = [2]float64{l, r}
	}
	return out
}

// overlapColumn returns the column a run [x0, x1] overlaps most, or the nearest.
func overlapColumn(cols [][2]float64, x0, x1 float64) int {
	best, bestV := 0, math.Inf(-1)
	for j, c := range cols {
		v := math.Min(x1, c[1]) - math.Max(x0, c[0])
		if v <= 0 {
			v = -math.Abs((x0+x1)/2 - (c[0]+c[1])/2)
			v -= 1e6
		}
		if v > bestV {
			best, bestV = j, v
		}
	}
	return best
}

// headerColumn returns the numeric column a header run belongs to: the slot it
// overlaps most, or, for a run wider than a slot (a left-aligned header), the
// slot where it starts.
func headerColumn(cols [][2]float64, x0, x1, h float64) int {
	sl := slots(cols)
	j := overlapColumn(sl, x0, x1)
	if x1-x0 > 1.5*(sl[j][1]-sl[j][0]) {
		return overlapColumn(sl, x0, x0+h)
	}
	return j
}

// textRows lays out a group of consecutive lines without numbers (a header, a
// sub-heading) as rows: one row per level of text in the group, the lowest level
// last, each run in its column.
func textRows(ls []pline, group []int, labelStarts []float64, numCols [][2]float64, numStart, joinGap float64) [][]string {
	nl := len(labelStarts)
	width := nl + len(numCols)
	perCol := make([][]*cell, width)
	for _, i := range group {
		l := &ls[i]
		for j := range l.cells {
			c := &l.cells[j]
			if c.attached {
				continue
			}
			if nl > 0 && inLabelArea(c, numStart) {
				col := nearestStart(labelStarts, c.x0)
				perCol[col] = append(perCol[col], c)
				continue
			}
			// Over the numbers, the words of a run may belong to
			// neighbouring narrow columns.
			for _, part := range splitByColumn(c, numCols) {
				col := nl + headerColumn(numCols, part.x0, part.x1, part.h())
				perCol[col] = append(perCol[col], part)
			}
		}
	}
	levels := 0
	blocks := make([][]string, width)
	numSlots := slots(numCols)
	for col, cs := range perCol {
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].y0 != cs[j].y0 {
				return cs[i].y0 < cs[j].y0
			}
			return cs[i].x0 < cs[j].x0
		})
		// Runs join when close, or, over the numbers, when each fits its
		// column (a header wrapped with wide line spacing); a run wider than
		// its column spans several and is a level of its own.
		fits := func(c *cell) bool {
			if col < nl {
				return false
			}
			sl := numSlots[col-nl]
			return c.x1-c.x0 <= sl[1]-sl[0]+0.5*c.h()
		}
		var parts []string
		bottom := math.Inf(-1)
		prevFits := false
		for _, c := range cs {
			f := fits(c)
			near := c.y0-bottom <= math.Min(1.3*c.h(), joinGap)
			if len(parts) > 0 && (!(near || prevFits && f) || prevFits != f) {
				blocks[col] = append(blocks[col], joinWords(parts))
				parts = nil
			}
			parts = append(parts, c.text)
			bottom = math.Max(bottom, c.y1)
			prevFits = f
		}
		if len(parts) > 0 {
			blocks[col] = append(blocks[col], joinWords(parts))
		}
		levels = max(levels, len(blocks[col]))
	}
	rows := make([][]string, levels)
	for i := range rows {
		rows[i] = make([]string, width)
	}
	for col, bs := range blocks {
		for b, t := range bs {
			rows[levels-len(bs)+b][col] = t
		}
	}
	return rows
}

// ownRight returns the first own label of a row right of column col.
func ownRight(own []string, col int) string {
	for c := col + 1; c < len(own); c++ {
		if own[c] != "" {
			return own[c]
		}
	}
	return ""
}

// inLabelArea reports whether a run lies left of the numeric columns.
func inLabelArea(c *cell, numStart float64) bool {
	return c.x0 < numStart-0.5*c.h() && c.x1 < numStart+c.h()
}

// wideGap reports whether a line has cells far apart (a table row, not running text).
func wideGap(l *pline) bool {
	for i := 1; i < len(l.cells); i++ {
		if l.cells[i].x0-l.cells[i-1].x1 > 2*l.h {
			return true
		}
	}
	return false
}

// splitByColumn splits a header run whose words fall in different numeric columns.
func splitByColumn(c *cell, numCols [][2]float64) []*cell {
	if len(c.words) < 2 {
		return []*cell{c}
	}
	var out []*cell
	var parts []string
	var cur *cell
	prevCol := -1
	for _, w := range c.words {
		col := headerColumn(numCols, w.x0, w.x1, c.h())
		if cur == nil || col != prevCol {
			if cur != nil {
				cur.text = joinWords(parts)
				out = append(out, cur)
			}
			cur = &cell{x0: w.x0, x1: w.x1, y0: c.y0, y1: c.y1, line: c.line, col: -1}
			parts = nil
		}
		cur.x1 = math.Max(cur.x1, w.x1)
		parts = append(parts, w.text)
		prevCol = col
	}
	cur.text = joinWords(parts)
	return append(out, cur)
}

// rowJoinGap is the vertical gap under which two lines of a table are one
// wrapped cell rather than two rows: less than the gap between most numeric rows
// on a page (its lower quartile: rows with sub-headings between them are far apart).
func rowJoinGap(ls []pline, anchors []int) float64 {
	var gaps []float64
	for k := 1; k < len(anchors); k++ {
		a, b := &ls[anchors[k-1]], &ls[anchors[k]]
		if a.page == b.page {
			gaps = append(gaps, b.y0-a.y1)
		}
	}
	if len(gaps) < 2 {
		return math.Inf(1)
	}
	sort.Float64s(gaps)
	return 0.8 * gaps[len(gaps)/4]
}

// splitLabels splits a label run whose words start at the left edges of two label
// columns: a label running into the next column's text with only a narrow gap.
func splitLabels(ls []pline, rg region, numStart float64) {
	var xs []float64
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		for j := range l.cells {
			c := &l.cells[j]
			if (l.anchor && j < l.firstNum) || (!l.anchor && inLabelArea(c, numStart)) {
				xs = append(xs, c.x0)
			}
		}
	}
	sort.Float64s(xs)
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		var out []cell
		changed := false
		for j := range l.cells {
			c := l.cells[j]
			isLabel := (l.anchor && j < l.firstNum) || (!l.anchor && inLabelArea(&c, numStart))
			if !isLabel || len(c.words) < 2 {
				out = append(out, c)
				continue
			}
			start := 0
			for k := 1; k < len(c.words); k++ {
				w := c.words[k]
				if w.x0-c.words[k-1].x1 > 0.2*c.h() && startsColumn(xs, w.x0, 0.5*c.h()) {
					out = append(out, subCell(c, c.words[start:k]))
					start = k
					changed = true
				}
			}
			out = append(out, subCell(c, c.words[start:]))
		}
		if changed {
			if l.anchor {
				l.firstNum += len(out) - len(l.cells)
			}
			l.cells = out
		}
	}
}

// startsColumn reports whether several label runs start at x.
func startsColumn(xs []float64, x, tol float64) bool {
	i := sort.SearchFloat64s(xs, x-tol)
	n := 0
	for ; i < len(xs) && xs[i] <= x+tol; i++ {
		n++
	}
	return n >= 2
}

func subCell(c cell, ws []word) cell {
	n := c
	n.words = ws
	n.x0, n.x1 = ws[0].x0, ws[len(ws)-1].x1
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
		n.x1 = math.Max(n.x1, w.x1)
	}
	n.text = joinWords(parts)
	n.digit = numberRe.MatchString(n.text)
	n.num = n.digit || emptyRe.MatchString(n.text)
	return n
}

// mediumHeight is the median line height.
func mediumHeight(ls []pline) float64 {
	hs := make([]float64, len(ls))
	for i := range ls {
		hs[i] = ls[i].h
	}
	return median(hs)
}
