package decode

// Paragraph reflow: the physical lines of running text are joined into
// paragraphs where a line wraps.

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// paragraphBreaks reports, for each line, whether a paragraph ends after it: a line
// that wraps (reaches the right margin, does not end a sentence) continues into the
// next line unless that starts a heading, an item or an indented paragraph.
func (tol *layoutSettings) paragraphBreaks(ls []pline) []bool {
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
		right = x1s[int(float64(len(x1s))*tol.rightMargin)]
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
		if l.x0 > left+tol.indentMin*l.h && l.x0 <= left+tol.indentMax*l.h {
			indented++
		}
		if i > 0 && !ls[i-1].anchor && ls[i-1].page == l.page {
			gaps = append(gaps, l.y0-ls[i-1].y1)
		}
	}
	lineGap := median(gaps)
	spacing := lineGap + tol.paragraphSpace*mediumHeight(ls)
	spaced := 0
	for _, g := range gaps {
		if g > spacing {
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
		sameGap := n.page == l.page && n.y0-l.y1 <= lineGap+tol.lineGapSlack*l.h
		continues := indented >= tol.markedMin && (sameGap || n.page != l.page) || spaced >= tol.markedMin && sameGap
		switch {
		case strings.ContainsRune("。！？!?；;：:", last) && !continues:
		case l.x1 < right-tol.shortLine*l.h:
		case n.x0 > left+tol.indentMin*n.h:
		case markerRe.MatchString(next):
		case math.Abs(n.h-l.h) > tol.heightChange*l.h:
		case n.page == l.page && n.y0-l.y1 > tol.paragraphGap*l.h:
		case tol.wideGap(l) || tol.wideGap(n):
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

// wideGap reports whether a line has cells far apart (a table row, not running text).
func (tol *layoutSettings) wideGap(l *pline) bool {
	for i := 1; i < len(l.cells); i++ {
		if l.cells[i].x0-l.cells[i-1].x1 > tol.wideCellGap*l.h {
			return true
		}
	}
	return false
}

// mediumHeight is the median line height.
func mediumHeight(ls []pline) float64 {
	hs := make([]float64, len(ls))
	for i := range ls {
		hs[i] = ls[i].h
	}
	return median(hs)
}
