package decode

// Table regions: runs of anchor lines (numeric rows), with the header lines,
// label fragments and sub-headings around them.

import (
	"math"
)

// region is a table region: lines [start, end) of which anchors are the numeric rows.
type region struct {
	start, end int
	numStart   float64 // left edge of the numeric columns
}

// findRegions finds the table regions of the lines, in order.
func (tol *layoutSettings) findRegions(ls []pline) []region {
	var out []region
	lastEnd := 0
	for i := 0; i < len(ls); i++ {
		if !ls[i].anchor {
			continue
		}
		rg := tol.growRegion(ls, i, lastEnd)
		out = append(out, rg)
		lastEnd = rg.end
		i = rg.end - 1
	}
	return out
}

// regionState tracks what a growing region looks like.
type regionState struct {
	tol              *layoutSettings
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
	if maxH > s.tol.headingHeight*s.refH() && maxH > s.tol.headingAnchorHeight*s.anchorH {
		return true
	}
	if len(l.cells) == 1 {
		c := l.cells[0]
		if c.x0 < s.numStart-s.tol.crossNumbers*l.h && c.x1 > s.numStart+s.tol.crossNumbers*l.h {
			return true
		}
		if c.x1-c.x0 > s.tol.wideRun*(s.x1-s.x0) {
			return true
		}
	}
	return false
}

func (tol *layoutSettings) growRegion(ls []pline, a, lastEnd int) region {
	st := regionState{tol: tol, numStart: math.Inf(1), x0: math.Inf(1), x1: math.Inf(-1)}
	st.addAnchor(&ls[a])
	end := a + 1
	bottom := ls[a].y1
	var pending []int
	for j := a + 1; j < len(ls) && j-a < maxRegionLines; j++ {
		l := &ls[j]
		if l.y0-bottom > tol.regionGap*math.Max(l.h, ls[j-1].h) {
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
		if l.y0-ls[j-1].y1 > tol.trailingGap*l.h || l.x1 > st.numStart {
			break
		}
		end = j + 1
	}
	start := a
	for j := a - 1; j >= lastEnd && a-j < maxHeadLines; j-- {
		l := &ls[j]
		if ls[j+1].y0-l.y1 > tol.regionGap*math.Max(l.h, ls[j+1].h) || st.breaks(l) {
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
