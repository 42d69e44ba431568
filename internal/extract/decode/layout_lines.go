package decode

// Words → lines: a page's positioned words become physical lines, split into
// cells where a wide gap separates them; page numbers are dropped, and the pages
// are stacked into one vertical coordinate.

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
	offset         float64 // what was added to the page's y to make the continuous y
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

// physicalLines groups each page's words into lines, drops page furniture and maps
// the pages onto one continuous vertical coordinate.
func (tol *layoutSettings) physicalLines(pages []pageWords) []pline {
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
			if w.y1-w.y0 < tol.minWordHeight {
				w.y1 = w.y0 + tol.minWordHeight
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
			if n := len(groups); n > 0 && math.Abs(yc-mean) <= tol.lineCentre*math.Min(h, wh) {
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
			l := tol.makeLine(pi, g)
			if tol.isFurniture(&l, pg.height) {
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
			offset = prevBottom + tol.pageGap - top
		} else {
			offset = 0
		}
		for i := range pls {
			l := &pls[i]
			l.offset = offset
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
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > maxCoordinate {
			return false
		}
	}
	return true
}

// makeLine builds a line of one page from its words, splitting them into cells.
func (tol *layoutSettings) makeLine(page int, ws []word) pline {
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
			if gap > tol.cellGap*h || (num && gap > tol.numberGap*h) || (prevNum && num && gap > tol.numbersGap*h) {
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

// isFurniture reports whether a line is a page number in the page's top or bottom margin.
func (tol *layoutSettings) isFurniture(l *pline, pageHeight float64) bool {
	t := strings.TrimSpace(l.text())
	if utf8.RuneCountInString(t) > tol.furnitureRunes || !pageNumRe.MatchString(strings.Join(strings.Fields(t), "")) && !pageNumRe.MatchString(t) {
		return false
	}
	if pageHeight <= 0 {
		return !numberRe.MatchString(t)
	}
	return l.y1 > tol.footerMargin*pageHeight || l.y0 < tol.headerMargin*pageHeight
}

// classify marks a line as an anchor: a narrow label (or none) followed by a
// band of numeric cells.
func (tol *layoutSettings) classify(l *pline) {
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
		if c.x1-c.x0 > tol.sentenceWidth*(l.x1-l.x0) {
			return
		}
	}
	l.anchor, l.firstNum = true, first
}
