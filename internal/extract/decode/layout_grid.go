package decode

// The grid of a table region: numeric columns, label columns and blocks, group
// labels spanning rows, and header rows.

import (
	"math"
	"sort"
)

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

// gridSource is the word runs one cell of a PDF table's grid is made of; the
// positions of a merged cell share one.
type gridSource struct {
	runs []*cell
}

func (s *gridSource) add(cs ...*cell) *gridSource {
	if s == nil {
		s = &gridSource{}
	}
	s.runs = append(s.runs, cs...)
	return s
}

// buildTable turns a region into grid rows, and, for each position, the source
// of its text (nil for an empty position).
func (tol *layoutSettings) buildTable(ls []pline, rg region) ([][]string, [][]*gridSource) {
	var anchors []int
	for i := rg.start; i < rg.end; i++ {
		if ls[i].anchor {
			anchors = append(anchors, i)
		}
	}
	numCols := numericColumns(ls, anchors)
	if len(numCols) == 0 || len(numCols) > maxGridColumns {
		return nil, nil
	}
	numStart := numCols[0][0]
	tol.splitLabels(ls, rg, numStart)
	joinGap := tol.rowJoinGap(ls, anchors)

	// Text rows: non-anchor lines with text over the numbers (headers, sub-headings).
	textRow := map[int]bool{}
	var labels []*cell
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		for j := range l.cells {
			c := &l.cells[j]
			isLabel := tol.inLabelArea(c, numStart)
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
			if (l.anchor && j < l.firstNum) || (!l.anchor && tol.inLabelArea(c, numStart)) {
				labels = append(labels, c)
			}
		}
	}
	labelCols := tol.labelColumns(labels)
	if len(labelCols) > maxGridColumns {
		return nil, nil
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
				near := c.y0-b.y1 <= math.Min(tol.wrapGap*h, joinGap)
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
		reach := tol.blockReach * b.h
		for k := range anchors {
			yc := (ay[k][0] + ay[k][1]) / 2
			if yc >= b.y0-reach && yc <= b.y1+reach {
				b.anchors = append(b.anchors, k)
			}
		}
	}

	nl := len(labelCols)
	ownText := make([][]string, len(anchors)) // [anchor][col]
	spanText := make([][]string, len(anchors))
	hasLabel := make([][]bool, len(anchors))
	ownSrc := make([][]*gridSource, len(anchors))
	spanSrc := make([][]*gridSource, len(anchors))
	for k := range anchors {
		ownText[k] = make([]string, nl)
		spanText[k] = make([]string, nl)
		hasLabel[k] = make([]bool, nl)
		ownSrc[k] = make([]*gridSource, nl)
		spanSrc[k] = make([]*gridSource, nl)
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
					k := nearestAnchor(ay, b, tol.nearAnchor*b.h)
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
					ownSrc[k][col] = ownSrc[k][col].add(b.cells...)
					hasLabel[k][col] = true
				}
				attached[b] = true
			}
		}
		assignSpans(col, spans, ownText, hasLabel, spanText, spanSrc, ay)
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
		srcs  []*gridSource
	}
	var rows []row
	width := nl + len(numCols)
	for k, i := range anchors {
		r := make([]string, width)
		src := make([]*gridSource, width)
		for c := 0; c < nl; c++ {
			r[c], src[c] = ownText[k][c], ownSrc[k][c]
			if r[c] == "" {
				r[c], src[c] = spanText[k][c], spanSrc[k][c]
			}
		}
		l := &ls[i]
		for n := l.firstNum; n < len(l.cells); n++ {
			c := &l.cells[n]
			j := nl + overlapColumn(numCols, c.x0, c.x1)
			r[j] = joinWords([]string{r[j], c.text})
			src[j] = src[j].add(c)
		}
		rows = append(rows, row{y: mid(ay[k]), cells: r, srcs: src})
	}
	// Text rows: groups of consecutive non-anchor lines, one row per level.
	var group []int
	flushGroup := func() {
		if len(group) == 0 {
			return
		}
		trs, srcs := tol.textRows(ls, group, labelCols, numCols, numStart, joinGap)
		for n, r := range trs {
			rows = append(rows, row{y: ls[group[0]].y0 + float64(n)*1e-3, cells: r, srcs: srcs[n]})
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
			if p.page != l.page || l.y0-p.y1 > math.Min(tol.wrapGap*math.Min(p.h, l.h), joinGap) {
				flushGroup()
			}
		}
		group = append(group, i)
	}
	flushGroup()
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].y < rows[j].y })

	out := make([][]string, 0, len(rows))
	var outSrc [][]*gridSource
	for _, r := range rows {
		// A label cell merged across the label columns to its right.
		last := -1
		for c := 0; c < nl; c++ {
			if r.cells[c] != "" {
				last = c
			}
		}
		for c := last + 1; last >= 0 && c < nl; c++ {
			r.cells[c], r.srcs[c] = r.cells[last], r.srcs[last]
		}
		empty := true
		for _, s := range r.cells {
			empty = empty && s == ""
		}
		if !empty {
			out = append(out, r.cells)
			outSrc = append(outSrc, r.srcs)
		}
	}
	return out, outSrc
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
func assignSpans(col int, spans []*block, ownText [][]string, hasLabel [][]bool, spanText [][]string, spanSrc [][]*gridSource, ay [][2]float64) {
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
		src := (*gridSource)(nil).add(s.b.cells...)
		for k := r[0]; k <= r[1]; k++ {
			spanText[k][col], spanSrc[k][col] = t, src
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
func (tol *layoutSettings) labelColumns(labels []*cell) []float64 {
	cs := append([]*cell(nil), labels...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].x0 < cs[j].x0 })
	var starts []float64
	prev := math.Inf(-1)
	for _, c := range cs {
		if c.x0-prev > tol.labelColumnGap*c.h() {
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
func (tol *layoutSettings) slots(cols [][2]float64) [][2]float64 {
	out := make([][2]float64, len(cols))
	for j, c := range cols {
		l, r := c[0], c[1]
		switch {
		case len(cols) == 1:
			l, r = c[0]-tol.singleSlot, c[1]+tol.singleSlot
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
func (tol *layoutSettings) headerColumn(cols [][2]float64, x0, x1, h float64) int {
	sl := tol.slots(cols)
	j := overlapColumn(sl, x0, x1)
	if x1-x0 > tol.wideHeader*(sl[j][1]-sl[j][0]) {
		return overlapColumn(sl, x0, x0+h)
	}
	return j
}

// textRows lays out a group of consecutive lines without numbers (a header, a
// sub-heading) as rows: one row per level of text in the group, the lowest level
// last, each run in its column.
func (tol *layoutSettings) textRows(ls []pline, group []int, labelStarts []float64, numCols [][2]float64, numStart, joinGap float64) ([][]string, [][]*gridSource) {
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
			if nl > 0 && tol.inLabelArea(c, numStart) {
				col := nearestStart(labelStarts, c.x0)
				perCol[col] = append(perCol[col], c)
				continue
			}
			// Over the numbers, the words of a run may belong to
			// neighbouring narrow columns.
			for _, part := range tol.splitByColumn(c, numCols) {
				col := nl + tol.headerColumn(numCols, part.x0, part.x1, part.h())
				perCol[col] = append(perCol[col], part)
			}
		}
	}
	levels := 0
	blocks := make([][]string, width)
	blockSrc := make([][]*gridSource, width)
	numSlots := tol.slots(numCols)
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
			return c.x1-c.x0 <= sl[1]-sl[0]+tol.headerFit*c.h()
		}
		var parts []string
		var src *gridSource
		bottom := math.Inf(-1)
		prevFits := false
		for _, c := range cs {
			f := fits(c)
			near := c.y0-bottom <= math.Min(tol.wrapGap*c.h(), joinGap)
			if len(parts) > 0 && (!(near || prevFits && f) || prevFits != f) {
				blocks[col] = append(blocks[col], joinWords(parts))
				blockSrc[col] = append(blockSrc[col], src)
				parts, src = nil, nil
			}
			parts = append(parts, c.text)
			src = src.add(c)
			bottom = math.Max(bottom, c.y1)
			prevFits = f
		}
		if len(parts) > 0 {
			blocks[col] = append(blocks[col], joinWords(parts))
			blockSrc[col] = append(blockSrc[col], src)
		}
		levels = max(levels, len(blocks[col]))
	}
	rows := make([][]string, levels)
	srcs := make([][]*gridSource, levels)
	for i := range rows {
		rows[i] = make([]string, width)
		srcs[i] = make([]*gridSource, width)
	}
	for col, bs := range blocks {
		for b, t := range bs {
			rows[levels-len(bs)+b][col] = t
			srcs[levels-len(bs)+b][col] = blockSrc[col][b]
		}
	}
	return rows, srcs
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
func (tol *layoutSettings) inLabelArea(c *cell, numStart float64) bool {
	return c.x0 < numStart-tol.labelAreaLeft*c.h() && c.x1 < numStart+tol.labelAreaRight*c.h()
}

// splitByColumn splits a header run whose words fall in different numeric columns.
func (tol *layoutSettings) splitByColumn(c *cell, numCols [][2]float64) []*cell {
	if len(c.words) < 2 {
		return []*cell{c}
	}
	var out []*cell
	var parts []string
	var cur *cell
	prevCol := -1
	for _, w := range c.words {
		col := tol.headerColumn(numCols, w.x0, w.x1, c.h())
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
func (tol *layoutSettings) rowJoinGap(ls []pline, anchors []int) float64 {
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
	return tol.rowJoin * gaps[int(float64(len(gaps))*tol.rowJoinQuantile)]
}

// splitLabels splits a label run whose words start at the left edges of two label
// columns: a label running into the next column's text with only a narrow gap.
func (tol *layoutSettings) splitLabels(ls []pline, rg region, numStart float64) {
	var xs []float64
	for i := rg.start; i < rg.end; i++ {
		l := &ls[i]
		for j := range l.cells {
			c := &l.cells[j]
			if (l.anchor && j < l.firstNum) || (!l.anchor && tol.inLabelArea(c, numStart)) {
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
			isLabel := (l.anchor && j < l.firstNum) || (!l.anchor && tol.inLabelArea(&c, numStart))
			if !isLabel || len(c.words) < 2 {
				out = append(out, c)
				continue
			}
			start := 0
			for k := 1; k < len(c.words); k++ {
				w := c.words[k]
				if w.x0-c.words[k-1].x1 > tol.labelSplitGap*c.h() && tol.startsColumn(xs, w.x0, tol.labelSplitAlign*c.h()) {
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
func (tol *layoutSettings) startsColumn(xs []float64, x, within float64) bool {
	i := sort.SearchFloat64s(xs, x-within)
	n := 0
	for ; i < len(xs) && xs[i] <= x+within; i++ {
		n++
	}
	return n >= tol.labelSplitRuns
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
