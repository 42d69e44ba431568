package extract

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/extract/flat"
	"github.com/nianbao/nianbao/internal/schema"
)

// Rows and their readings. A row of a table the document keeps as a grid has one
// reading: its cells. A row a crawler flattened into text ("713000074") has as many
// readings as its run has splits into the row's cells; the template's identities
// keep the ones they allow, row by row and then jointly with the table's other rows
// (a column's identities), and what the report's text says of a figure settles
// more. A figure is published only when every reading left agrees on it; otherwise
// it is absent, with a check naming the readings.

// rowRead is what the document gives for one row of a template table.
type rowRead struct {
	tb       *schema.Table
	row      schema.Row // the row; in a Strip, the table's first row stands for all
	u        unit
	paths    []string        // the figures' paths, in cell order
	cols     []schema.Column // the column of each path
	what     []string        // each cell named for messages
	readings [][]cellValue   // one value per path each
	run      string          // the digit run of a flattened row, for messages; "" for a grid row
}

// cellValue is one cell of a reading.
type cellValue struct {
	q      quantity
	blank  bool // printed blank where the template derives the figure (a total)
	empty  bool // printed empty or as a dash or "/" (blank is 0 in a filled-in table)
	absent bool // "/", or a cell that is not a number
	k      int  // the cell's index in the unit, for provenance
}

// maxReadingsQuoted is how many of a run's readings a check quotes.
const maxReadingsQuoted = 4

// maxJoint bounds the combinations of readings tried against a table's identities
// across rows.
const maxJoint = 20000

// gridReading reads the cells of a grid row, one per path: blank cells are 0, except
// a cell the template derives when the report leaves it blank; "/" is absent.
func (b *builder) gridReading(rr *rowRead, cells []string) []cellValue {
	out := make([]cellValue, len(rr.paths))
	for i := range rr.paths {
		if i >= len(cells) {
			out[i] = cellValue{absent: true}
			continue
		}
		c := strings.TrimSpace(cells[i])
		if isSlash(c) {
			out[i] = cellValue{absent: true, empty: true, k: i}
			continue
		}
		q, blank, ok := parseCell(c)
		if !ok || !q.isInt && rr.cols[i].Kind != schema.Amount && rr.tb.Layout != schema.Items {
			b.warn("table.cell", rr.paths[i], "%s的“%s”无法识别为件数", rr.what[i], c)
			out[i] = cellValue{absent: true, k: i}
			continue
		}
		out[i] = cellValue{q: q, k: i, empty: blank, blank: blank && b.derivable(rr.paths[i])}
	}
	return out
}

// isSlash reports whether a cell is "/", which a table prints for "not applicable":
// absent, not 0.
func isSlash(c string) bool { return c == "/" || c == "／" }

// flatReadings lists the readings of a flattened row's run as the row's cells.
func (b *builder) flatReadings(rr *rowRead, cells []string) ([][]cellValue, error) {
	var pieces []string
	for _, c := range cells {
		for _, u := range cellUnits {
			c = strings.TrimSuffix(c, u)
		}
		pieces = append(pieces, c)
	}
	rr.run = strings.Join(pieces, " ")
	decimals := make([]bool, len(rr.paths))
	signed := make([]bool, len(rr.paths))
	for i, c := range rr.cols {
		decimals[i] = c.Kind == schema.Amount
		signed[i] = c.Kind == schema.Signed
	}
	splits, err := flat.Splits(pieces, len(rr.paths), flat.Options{Decimals: decimals, Signed: signed})
	if err != nil {
		return nil, err
	}
	out := make([][]cellValue, 0, len(splits))
	for _, s := range splits {
		r := make([]cellValue, len(s))
		for i, c := range s {
			v, isInt, _ := parseArabic(c)
			r[i] = cellValue{q: quantity{value: v, isInt: isInt}, k: -1}
		}
		out = append(out, r)
	}
	return out, nil
}

// isRunCell reports whether a cell of a unit read from lines is digits that may be
// several glued cells.
func isRunCell(c string) bool {
	for _, u := range cellUnits {
		c = strings.TrimSuffix(c, u)
	}
	if c == "" {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !isDigitByte(c[i]) && c[i] != '.' && c[i] != '+' && c[i] != '-' {
			return false
		}
	}
	return true
}

// runDigits counts the digits of a unit's cells, or -1 when one is not a run.
func runDigits(cells []string) int {
	n := 0
	for _, c := range cells {
		if !isRunCell(c) {
			return -1
		}
		n += strings.Count(c, "") - 1 - strings.Count(c, ".") - strings.Count(c, "+") - strings.Count(c, "-")
	}
	return n
}

// newRowRead reads the unit as the given cells of a table: one reading for a grid
// row, the splits of its run for a row read from lines.
func (b *builder) newRowRead(tb *schema.Table, row schema.Row, u unit, paths []string, cols []schema.Column, what []string) *rowRead {
	rr := &rowRead{tb: tb, row: row, u: u, paths: paths, cols: cols, what: what}
	cells := u.cells
	var index []int // the cells' indexes in u.cells, where copies were dropped
	if u.grid && len(cells) > len(paths) && u.copies != nil {
		// More cells than the row has columns: a merged cell spanning columns is one
		// cell, not one per column it covers ("120 | +17 (two columns) | 4500").
		cells, index = dropCopies(cells, u.copies, len(paths))
	}
	if u.grid || len(cells) >= len(paths) || runDigits(cells) < 0 {
		if len(cells) > len(paths) {
			cells = cells[:len(paths)]
		}
		reading := b.gridReading(rr, cells)
		for i := range reading {
			if i < len(index) {
				reading[i].k = index[i]
			}
		}
		rr.readings = [][]cellValue{reading}
		return rr
	}
	readings, err := b.flatReadings(rr, cells)
	switch {
	case errors.Is(err, flat.ErrTooMany):
		b.warn("table.ambiguous", tb.Prefix, "%s的数字串“%s”可拆分的方式过多，无法确定各栏数字，未采用", rowName(rr), rr.run)
	case err != nil:
		b.warn("table.unreadable", tb.Prefix, "%s的数字串“%s”无法拆分为%d栏，未采用", rowName(rr), rr.run, len(paths))
	}
	rr.readings = readings
	return rr
}

// dropCopies removes cells that repeat a merged cell, from the left, until the row
// has want cells; it returns the cells kept and their indexes.
func dropCopies(cells []string, copies []bool, want int) ([]string, []int) {
	out := make([]string, 0, len(cells))
	var index []int
	extra := len(cells) - want
	for i, c := range cells {
		if extra > 0 && i < len(copies) && copies[i] {
			extra--
			continue
		}
		out = append(out, c)
		index = append(index, i)
	}
	return out, index
}

func rowName(rr *rowRead) string {
	if rr.tb.Layout == schema.Strip {
		return "“" + bareCaption(rr.tb) + "”表"
	}
	return "“" + rr.row.Title() + "”一行"
}

// instance is an identity of the template within one year, expanded: a sum of
// signed figures on either side.
type term struct {
	path string
	sign float64
}

type instance struct {
	rule        string
	left, right []term
}

// instances lists the template's identity instances within one year (the ones
// across years, and over lists, are left to validation).
func (b *builder) instances() []instance {
	if b.insts != nil {
		return b.insts
	}
	b.insts = []instance{}
next:
	for _, si := range b.tmpl.Instances() {
		if si.AcrossYears() {
			continue
		}
		in := instance{rule: si.Identity.Rule}
		for side, ts := range [][]schema.Term{si.Left, si.Right} {
			for _, t := range ts {
				if t.List {
					continue next
				}
				tm := term{t.Path, float64(t.Sign)}
				if side == 0 {
					in.left = append(in.left, tm)
				} else {
					in.right = append(in.right, tm)
				}
			}
		}
		b.insts = append(b.insts, in)
	}
	return b.insts
}

// holds evaluates an instance with the values value gives; known is false when a
// term has no value.
func (in instance) holds(value func(string) (float64, bool)) (holds, known bool) {
	sum := func(ts []term) (float64, bool) {
		var s float64
		for _, t := range ts {
			v, ok := value(t.path)
			if !ok {
				return 0, false
			}
			s += t.sign * v
		}
		return s, true
	}
	l, ok1 := sum(in.left)
	r, ok2 := sum(in.right)
	if !ok1 || !ok2 {
		return false, false
	}
	return l == r, true
}

// valueIn is a reading's value of path.
func valueIn(rr *rowRead, reading []cellValue, path string) (float64, bool) {
	i := slices.Index(rr.paths, path)
	if i < 0 || reading[i].blank || reading[i].absent {
		return 0, false
	}
	return reading[i].q.value, true
}

// resolve settles the readings of a table's rows and stores the figures. A table
// whose every cell is empty (a template left unfilled, "/" in every cell) gives no
// figures: blank is 0 only in a table the report filled in.
func (b *builder) resolve(reads []*rowRead) {
	if unfilled(reads) {
		tb := reads[0].tb
		b.warn("table.blank", tb.Prefix, "%s表各栏均为空白或“/”，视为未填写，未采用", bareCaption(tb))
		return
	}
	insts := b.instances()
	// Row by row: keep the readings that satisfy the identities within the row.
	for _, rr := range reads {
		if len(rr.readings) <= 1 {
			continue
		}
		var local []instance
		for _, in := range insts {
			if inRow(rr, in) {
				local = append(local, in)
			}
		}
		rr.readings = slices.DeleteFunc(rr.readings, func(r []cellValue) bool {
			for _, in := range local {
				if ok, known := in.holds(func(p string) (float64, bool) { return valueIn(rr, r, p) }); known && !ok {
					return true
				}
			}
			return false
		})
	}
	b.joint(reads, insts)
	for _, rr := range reads {
		if len(rr.readings) > 1 {
			b.hint(rr)
		}
		b.publish(rr)
	}
}

// unfilled reports whether every cell the rows were read with is empty.
func unfilled(reads []*rowRead) bool {
	cells := 0
	for _, rr := range reads {
		if len(rr.readings) != 1 {
			return false
		}
		for _, c := range rr.readings[0] {
			if !c.empty {
				return false
			}
			cells++
		}
	}
	return cells >= minUnfilledCells
}

// minUnfilledCells is how many empty cells make a table unfilled rather than a row
// left blank.
const minUnfilledCells = 4

// inRow reports whether every term of the instance is a cell of the row.
func inRow(rr *rowRead, in instance) bool {
	for _, ts := range [][]term{in.left, in.right} {
		for _, t := range ts {
			if !slices.Contains(rr.paths, t.path) {
				return false
			}
		}
	}
	return true
}

// joint keeps the readings of rows that still have several which take part in some
// combination of the rows' readings satisfying the identities across them. A figure
// of the identities that no row gives but the template derives (2021's （六）, the
// sum of its items) is derived from the combination.
func (b *builder) joint(reads []*rowRead, insts []instance) {
	var open []*rowRead
	combos := 1
	for _, rr := range reads {
		if len(rr.readings) > 1 {
			open = append(open, rr)
			combos *= len(rr.readings)
			if combos > maxJoint {
				return // too many: each row stays as ambiguous as it is
			}
		}
	}
	if len(open) == 0 {
		return
	}
	owner := map[string]*rowRead{}
	for _, rr := range reads {
		for _, p := range rr.paths {
			owner[p] = rr
		}
	}
	derive := map[string]instance{} // a derivable figure → the identity it is the Left of
	for _, in := range insts {
		if len(in.left) == 1 && b.derivable(in.left[0].path) {
			if _, ok := owner[in.left[0].path]; !ok {
				derive[in.left[0].path] = in
			}
		}
	}
	// known reports whether a figure is given by a row or derived from rows, and
	// whether an open row takes part in it.
	var known func(p string, depth int) (ok, involved bool)
	known = func(p string, depth int) (bool, bool) {
		if rr, ok := owner[p]; ok {
			return true, len(rr.readings) > 1
		}
		in, ok := derive[p]
		if !ok || depth == 0 {
			return false, false
		}
		inv := false
		for _, t := range in.right {
			ok, i := known(t.path, depth-1)
			if !ok {
				return false, false
			}
			inv = inv || i
		}
		return true, inv
	}
	var cross []instance
	for _, in := range insts {
		involved, covered := false, true
		for _, ts := range [][]term{in.left, in.right} {
			for _, t := range ts {
				ok, inv := known(t.path, maxDerivation)
				covered = covered && ok
				involved = involved || inv
			}
		}
		if involved && covered {
			cross = append(cross, in)
		}
	}
	if len(cross) == 0 {
		return
	}
	choice := make(map[*rowRead]int, len(open))
	keep := make(map[*rowRead]map[int]bool, len(open))
	var value func(p string, depth int) (float64, bool)
	value = func(p string, depth int) (float64, bool) {
		if rr, ok := owner[p]; ok {
			if len(rr.readings) == 0 {
				return 0, false
			}
			return valueIn(rr, rr.readings[choice[rr]], p)
		}
		in, ok := derive[p]
		if !ok || depth == 0 {
			return 0, false
		}
		var sum float64
		for _, t := range in.right {
			v, ok := value(t.path, depth-1)
			if !ok {
				return 0, false
			}
			sum += t.sign * v
		}
		return sum, true
	}
	at := func(p string) (float64, bool) { return value(p, maxDerivation) }
	var walk func(i int)
	walk = func(i int) {
		if i == len(open) {
			for _, in := range cross {
				if ok, known := in.holds(at); known && !ok {
					return
				}
			}
			for _, rr := range open {
				if keep[rr] == nil {
					keep[rr] = map[int]bool{}
				}
				keep[rr][choice[rr]] = true
			}
			return
		}
		for k := range open[i].readings {
			choice[open[i]] = k
			walk(i + 1)
		}
	}
	walk(0)
	for _, rr := range open {
		var kept [][]cellValue
		for k, r := range rr.readings {
			if keep[rr][k] {
				kept = append(kept, r)
			}
		}
		rr.readings = kept
	}
}

// maxDerivation bounds how deep a derived figure may rest on other derived ones.
const maxDerivation = 3

// hint keeps the readings of a row that agree with what the report's text says of
// its figures: a figure the narrative states ("集中公开现行有效行政规范性文件698件"),
// or one the narrative rules read already.
func (b *builder) hint(rr *rowRead) {
	for i, p := range rr.paths {
		if len(rr.readings) <= 1 {
			return
		}
		said, ok := b.said(rr, i)
		if !ok {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(rr.readings), func(r []cellValue) bool {
			return r[i].absent || r[i].blank || r[i].q.value != said
		})
		if len(kept) > 0 {
			rr.readings = kept
			b.hinted = append(b.hinted, p)
		}
	}
}

// said returns the value the report's text gives for cell i of the row, if it gives
// one: the figure a narrative rule read for its path, or a number in a clause that
// names both the row and the column ("现行有效行政规范性文件698件").
func (b *builder) said(rr *rowRead, i int) (float64, bool) {
	if v, ok := b.narrative[rr.paths[i]]; ok {
		return v, true
	}
	col := rr.cols[i]
	rowWords := append(slices.Clip(rr.row.Synonyms), rr.row.Label)
	colWords := append(slices.Clip(col.Synonyms), col.Label)
	if rr.tb.Layout == schema.Items || len(col.Synonyms) == 0 {
		return 0, false
	}
	inTable := tableLines(b)
	found, value := 0, 0.0
	for li, l := range b.doc.Lines {
		if inTable[li] || !containsAny(l, rowWords...) {
			continue
		}
		for _, c := range clauses(l) {
			if !containsAny(c, rowWords...) || !containsAny(c, colWords...) {
				continue
			}
			for _, n := range countsIn(c) {
				if found == 0 || n != value {
					found++
				}
				value = n
			}
		}
	}
	return value, found == 1
}

// clauses splits a line at commas and sentence ends.
func clauses(l string) []string {
	return strings.FieldsFunc(l, func(r rune) bool { return strings.ContainsRune("，,。；;！？：:", r) })
}

// countsIn lists the counts a clause states with a measure word ("698件").
func countsIn(c string) []float64 {
	var out []float64
	for i := 0; i < len(c); {
		if !isDigitByte(c[i]) {
			i++
			continue
		}
		j := i
		for j < len(c) && (isDigitByte(c[j]) || c[j] == '.') {
			j++
		}
		if v, _, ok := parseArabic(c[i:j]); ok && strings.HasPrefix(c[j:], "件") || ok && strings.HasPrefix(c[j:], "个") || ok && strings.HasPrefix(c[j:], "项") || ok && strings.HasPrefix(c[j:], "条") {
			out = append(out, v)
		}
		i = j
	}
	return out
}

// publish stores the figures every reading left agrees on; a figure the readings
// disagree on, or a row no reading of which holds, is absent, with a check.
func (b *builder) publish(rr *rowRead) {
	if len(rr.readings) == 0 {
		if rr.run != "" {
			b.warn("table.unreadable", rr.paths[0], "%s的数字串“%s”没有一种拆分符合表格的勾稽关系，未采用", rowName(rr), rr.run)
		}
		return
	}
	var ambiguous []string
	for i, p := range rr.paths {
		first := rr.readings[0][i]
		agree := true
		for _, r := range rr.readings[1:] {
			agree = agree && r[i].q == first.q && r[i].blank == first.blank && r[i].absent == first.absent
		}
		if !agree {
			ambiguous = append(ambiguous, rr.what[i])
			continue
		}
		switch {
		case first.absent:
		case first.blank:
			b.blank[p] = true
		default:
			k := first.k
			if k < 0 {
				k = i
			}
			b.setCell(p, first.q, rr.u, k, rr.what[i])
		}
	}
	if len(ambiguous) > 0 {
		var readings []string
		for _, r := range rr.readings[:min(len(rr.readings), maxReadingsQuoted)] {
			var cells []string
			for _, c := range r {
				cells = append(cells, formatQuantity(c.q))
			}
			readings = append(readings, strings.Join(cells, "|"))
		}
		more := ""
		if len(rr.readings) > maxReadingsQuoted {
			more = "等"
		}
		b.warn("table.ambiguous", rr.paths[0], "%s的数字串“%s”可读作%s%s（共%d种），%s无法确定，未采用",
			rowName(rr), rr.run, strings.Join(readings, "、"), more, len(rr.readings), strings.Join(ambiguous, "、"))
	}
}

func formatQuantity(q quantity) string { return strconv.FormatFloat(q.value, 'f', -1, 64) }
