package extract

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/flat"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The table reader: one reader for the tables of every template, driven by their
// descriptions (package schema), whatever the document's tables came from (HTML
// spans, PDF positions, DOCX, pipe or tab text, plain lines).

// readTables reads every table of the template that reports print: the 第二十条
// tables and the requests table (one row a template row, in Grid layout), the
// 行政复议、行政诉讼 table (one strip of cells), a 2008-era 统计表 (label | unit |
// figure). Then it derives the figures the template derives (a blank total, 2021's
// （六）其他处理).
func (b *builder) readTables() {
	t := b.tmpl
	// The document's tables, or when they do not hold the rows of the template's
	// ordered tables (a table copied as text), the rows read from its lines too.
	units := tableUnits(b.doc)
	printed, found := 0, 0
	for i := range t.Tables {
		tb := &t.Tables[i]
		if tb.Match == schema.InOrder {
			keys := printedKeys(tb)
			printed += len(keys)
			found += countTableRows(tb, units)
		}
	}
	if printed == 0 || found < printed/2 {
		units = b.units()
	}
	seen := make(map[string]bool) // rows of ByLabel tables already read
	var items []*schema.Table
	for i := range t.Tables {
		tb := &t.Tables[i]
		switch {
		case tb.Match == schema.Unprinted:
		case tb.Layout == schema.Items:
			items = append(items, tb)
		case tb.Layout == schema.Strip:
			b.readStrip(tb, units)
		case tb.Match == schema.InOrder:
			b.readOrdered(tb, units)
		default:
			b.readByLabel(tb, units, seen)
		}
	}
	if len(items) > 0 {
		b.readItems(items, units)
	}
	b.fill()
}

// setCell stores the figure of a table cell at path: a count, or an amount for an
// Amount field, as printed. A value the field cannot hold (a fraction of a count, a
// negative count) is a warning, not a figure.
func (b *builder) setCell(path string, q quantity, u unit, k int, what string) bool {
	f, ok := b.tmpl.Field(path)
	if !ok {
		return false
	}
	switch f.Kind {
	case schema.Amount:
		if q.value < 0 {
			b.warn("table.cell", path, "%s为负数%v，未采用", what, q.value)
			return false
		}
		b.rec.Set(path, record.AmountValue(q.value))
	case schema.Count, schema.Signed:
		if !q.isInt || q.value < 0 && f.Kind == schema.Count {
			b.warn("table.cell", path, "%s“%v”不是件数，未采用", what, q.value)
			return false
		}
		b.rec.SetInt(path, int64(q.value))
	default:
		return false
	}
	b.traceCell(path, u, k)
	return true
}

// readByLabel reads a table whose rows are told by their labels (the 第二十条 tables):
// each row is the first document row whose label is the row's.
func (b *builder) readByLabel(tb *schema.Table, units []unit, seen map[string]bool) {
	var reads []*rowRead
	header := headerWords(b.tmpl, tb)
	rows := tb.PrintedRows()
	keys := make([]string, len(rows))
	names := make([][]string, len(rows))
	for i, row := range rows {
		keys[i] = schema.JoinPath(tb.Prefix, row.Key)
		names[i] = append(row.Synonyms[:len(row.Synonyms):len(row.Synonyms)], row.Label)
	}
	for _, u := range units {
		tail := ""
		for i, row := range rows {
			key := keys[i]
			if seen[key] {
				continue
			}
			if !labelIs(u.label, names[i]) {
				if u.grid {
					continue
				}
				if tail == "" {
					tail = afterHeader(u.label, header)
				}
				if !labelIs(tail, names[i]) {
					continue
				}
			}
			cols := tb.RowColumns(row)
			vals := u.cells
			if len(vals) == 0 || !anyNumeric(vals[:min(len(vals), len(cols))]) && !u.grid && runDigits(vals) <= 0 {
				continue
			}
			seen[key] = true
			if !u.grid && len(vals) < len(cols) && runDigits(vals) < len(cols) {
				// Fewer numbers than cells, and not a run that holds them: the cells
				// it gives, in order (a row that leaves the last cells out).
				cols = cols[:len(vals)]
			}
			var paths, what []string
			for _, col := range cols {
				paths = append(paths, tb.Path(row, col))
				what = append(what, "“"+row.Label+"”一行“"+col.Label+"”列")
			}
			reads = append(reads, b.newRowRead(tb, row, u, paths, cols, what))
		}
	}
	b.resolve(reads)
}

// afterHeader is what a label read from a flattened table holds after the last of
// its table's header words: "…现行有效件数规章" is the row 规章.
func afterHeader(label string, header []string) string {
	end := -1
	for _, w := range header {
		if i := strings.LastIndex(label, w); i >= 0 && i+len(w) > end {
			end = i + len(w)
		}
	}
	if end < 0 {
		return label
	}
	return label[end:]
}

// labelIs: the label is one of names, or ends with it ("行政规范性文件" is a 规范性文件
// row), and is short: a sentence that mentions 规章 is not the row.
func labelIs(label string, names []string) bool {
	label = strings.TrimSpace(label)
	if i := strings.LastIndexByte(label, ' '); i >= 0 && labelIs(label[i+1:], names) {
		return true // the last cell of a label read from lines, one cell per line
	}
	for _, n := range names {
		if label == n || strings.HasSuffix(label, n) && utf8.RuneCountInString(label) <= utf8.RuneCountInString(n)+labelSlack {
			return true
		}
	}
	return false
}

// labelSlack is how many runes longer than a row's name a label ending with it may
// be and still be the row's label ("行政规范性文件", "（一）行政许可").
const labelSlack = 6

func anyNumeric(cells []string) bool {
	for _, c := range cells {
		if numeric(c) {
			return true
		}
	}
	return false
}

// readItems reads tables of label | figure rows (a 2008-era 统计表: label | unit |
// figure, often with the cumulative figure beside the year's): each document row of
// at most three cells is the first row of the tables whose synonyms its label
// contains. A figure there is the report's own statistic; when the report's text
// states the same figure otherwise, the figure has two readings and is absent, with
// a check. A flattened row ("主动公开文件数条294981916") is read as the year's and
// the cumulative figure glued (2949 | 81916): no leading zeros, the year's at most
// the cumulative one, and the text settles a run with several such readings.
func (b *builder) readItems(tables []*schema.Table, units []unit) {
	cumulative := b.cumulativeColumn()
	seen := make(map[string]bool)
	for _, u := range units {
		if len(u.cells) == 0 || len(u.cells) > maxItemCells {
			continue
		}
		tb, row, ok := itemRow(tables, u.label, seen)
		if !ok {
			continue
		}
		path := schema.JoinPath(tb.Prefix, row.Key)
		seen[path] = true
		vals, k, slash := b.itemValues(u, cumulative)
		what := "“" + row.Label + "”"
		switch {
		case slash:
			continue // "/": not given
		case len(vals) == 0:
			if len(u.cells) > 0 && runDigits(u.cells) > 0 {
				b.warn("table.unreadable", path, "统计表%s一行的“%s”无法读出本年度数字，未采用", what, strings.Join(u.cells, " "))
			}
			continue
		}
		said, hasSaid := b.narrative[path]
		if len(row.Sum) > 0 {
			b.readCombined(tb, row, u, vals, k)
			continue
		}
		var q quantity
		switch {
		case len(vals) == 1 && hasSaid && vals[0].value != said && !(row.Unit == "元" && strings.Contains(u.label, "万元")):
			b.rec.Delete(path)
			delete(b.rec.Provenance, path)
			b.warn("table.disagrees", path, "正文称%s为%v，统计表为%v，两者不一致，未采用", what, said, vals[0].value)
			continue
		case len(vals) == 1:
			q = vals[0]
		case hasSaid && slices.ContainsFunc(vals, func(v quantity) bool { return v.value == said }):
			q = quantity{value: said, isInt: true}
			b.hinted = append(b.hinted, path)
		default:
			var readings []string
			for _, v := range vals {
				readings = append(readings, formatQuantity(v))
			}
			b.warn("table.ambiguous", path, "统计表%s一行的数字串“%s”中本年度数字可读作%s，无法确定，未采用", what, strings.Join(u.cells, " "), strings.Join(readings, "、"))
			continue
		}
		if row.Unit == "元" && strings.Contains(u.label, "万元") {
			q.value *= 10000
		}
		if q.value < 0 || row.Kind != schema.Amount && !q.isInt {
			continue
		}
		if b.setCell(path, q, u, k, what) && row.Approx {
			b.rec.Set(path+"_approx", record.FlagValue(false))
		}
	}
}

// itemRow is the first row of the tables whose synonyms the label holds, and none
// of whose Exclude words, that is not read yet.
func itemRow(tables []*schema.Table, label string, seen map[string]bool) (*schema.Table, schema.Row, bool) {
	for _, tb := range tables {
		for _, row := range tb.Rows {
			path := schema.JoinPath(tb.Prefix, row.Key)
			if row.Kind == schema.List || row.Key != "" && seen[path] || !containsAny(label, row.Synonyms...) || containsAny(label, row.Exclude...) {
				continue
			}
			return tb, row, true
		}
	}
	return nil, schema.Row{}, false
}

// cumulativeColumn reports whether the document's 统计表 prints a cumulative figure
// beside each year's (its header says 历年累计).
func (b *builder) cumulativeColumn() bool {
	for _, l := range b.doc.Lines {
		if strings.Contains(l, "累计") && (strings.Contains(l, "计量单位") || strings.Contains(l, "指标名称") || strings.Contains(l, "指 标")) {
			return true
		}
	}
	return false
}

// itemValues lists the readings of a row's figure for the year: the cell of a grid
// row (the first of two when the table has a cumulative column, else the last), or
// the year's figure of each split of a flattened run. slash is true for a row that
// prints "/" (not given).
func (b *builder) itemValues(u unit, cumulative bool) (vals []quantity, k int, slash bool) {
	var cells []string
	var idx []int
	for i, c := range u.cells {
		switch {
		case isSlash(c):
			return nil, 0, true
		case numeric(c) || u.grid && isBlank(c):
			cells = append(cells, c)
			idx = append(idx, i)
		}
	}
	if len(cells) == 0 {
		return nil, 0, false
	}
	if u.grid || !cumulative || len(cells) >= 2 || runDigits(cells) < 0 {
		i := len(cells) - 1
		if cumulative && len(cells) >= 2 {
			i = 0
		}
		q, _, ok := parseCell(cells[i])
		if !ok {
			return nil, 0, false
		}
		return []quantity{q}, idx[i], false
	}
	// One run: the year's figure and the cumulative one glued.
	splits, err := flat.Splits([]string{cells[0]}, 2, flat.Options{})
	if err != nil {
		return nil, 0, false
	}
	for _, s := range splits {
		year, _, _ := parseArabic(s[0])
		total, _, _ := parseArabic(s[1])
		if year > total {
			continue // the year's figure is part of the cumulative one
		}
		if !slices.ContainsFunc(vals, func(v quantity) bool { return v.value == year }) {
			vals = append(vals, quantity{value: year, isInt: true})
		}
	}
	return vals, idx[0], false
}

// readCombined reads a combined cell ("信函、传真申请数"): 0 is 0 for each of its rows;
// another figure goes to the row the report's text gives it to when the text gives
// the rest none ("收到信函申请1条"), else the rows are absent, with a check.
func (b *builder) readCombined(tb *schema.Table, row schema.Row, u unit, vals []quantity, k int) {
	paths := make([]string, len(row.Sum))
	for i, key := range row.Sum {
		paths[i] = schema.JoinPath(tb.Prefix, key)
	}
	if len(vals) != 1 {
		b.dropCombined(paths, row, "一栏有多种读法")
		return
	}
	v := vals[0]
	if v.value == 0 {
		for _, p := range paths {
			b.setCell(p, v, u, k, "“"+row.Label+"”")
		}
		return
	}
	owner := -1
	for i, p := range paths {
		said, ok := b.narrative[p]
		switch {
		case !ok || said == 0:
		case said == v.value && owner < 0:
			owner = i
		default:
			owner = -2
		}
	}
	if owner < 0 {
		b.dropCombined(paths, row, fmt.Sprintf("合计%v件，无法区分", v.value))
		return
	}
	for i, p := range paths {
		q := quantity{isInt: true}
		if i == owner {
			q = v
		}
		b.setCell(p, q, u, k, "“"+row.Label+"”")
	}
}

func (b *builder) dropCombined(paths []string, row schema.Row, why string) {
	for _, p := range paths {
		b.rec.Delete(p)
		delete(b.rec.Provenance, p)
	}
	b.warn("table.combined", paths[0], "统计表的“%s”一栏合并了%s（%s），各项未采用", row.Label, strings.Join(row.Sum, "、"), why)
}

// maxItemCells is the most cells a row of an Items table has after its label: unit
// and figure (and a cumulative figure).
const maxItemCells = 3

// header words are what a table's header rows print: a row whose label holds one is
// a header row, not a row of figures.
func headerWords(t *schema.Template, tb *schema.Table) []string {
	var words []string
	add := func(w string) {
		if utf8.RuneCountInString(w) < 2 || slices.Contains(words, w) {
			return
		}
		for _, r := range tb.Rows {
			if strings.Contains(r.Label, w) || containsAny(w, r.Synonyms...) && strings.Contains(strings.Join(r.Synonyms, " "), w) {
				return // it names a row too ("总计")
			}
		}
		words = append(words, w)
	}
	for _, x := range t.Tables {
		add(x.Stub)
		for _, c := range x.Columns {
			add(c.Label)
		}
		for _, hr := range x.Head {
			for _, h := range hr {
				add(h.Text)
			}
		}
	}
	return words
}

// printedKeys lists the keys of the rows a table prints, in order.
func printedKeys(tb *schema.Table) []string {
	rows := tb.PrintedRows()
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = r.Key
	}
	return keys
}

// rowWordLens returns, for each row of the table, the length (in runes) of the
// longest of its synonyms the label contains, or 0.
func rowWordLens(tb *schema.Table, label string) []int {
	rows := tb.Rows
	lens := make([]int, len(rows))
	for k, r := range rows {
		for _, w := range r.Synonyms {
			if strings.Contains(label, w) {
				lens[k] = max(lens[k], utf8.RuneCountInString(w))
			}
		}
	}
	return lens
}

// rowScore scores how well a label names row k, given its rowWordLens: 10 for a word
// of the row (4 when another row's word is longer), -10 for a word of another row
// only, 0 when the label names no row.
func rowScore(lens []int, k int) int {
	own, other := lens[k], 0
	for j, l := range lens {
		if j != k {
			other = max(other, l)
		}
	}
	switch {
	case own > 0 && own >= other:
		return 10
	case own > 0:
		return 4
	case other > 0:
		return -10
	}
	return 0
}

// readOrdered aligns the document rows of a table with the template's rows, in
// order, by their labels, and stores their cells. A row the template does not print
// (2021's （六）其他处理, the sum of its items) is taken only when a report prints it
// anyway, with figures.
func (b *builder) readOrdered(tb *schema.Table, units []unit) {
	header := headerWords(b.tmpl, tb)
	var strips []string
	for i := range b.tmpl.Tables {
		if st := &b.tmpl.Tables[i]; st.Layout == schema.Strip {
			strips = append(strips, stripWords(st)...)
		}
	}
	var cands []unit
	for _, u := range units {
		if isTableRow(tb, u, header, strips) {
			cands = append(cands, u)
		}
	}
	if len(cands) == 0 {
		return
	}
	match := align(tb, cands)
	rows := tb.Rows
	var reads []*rowRead
	read := make(map[string]bool)
	for ci, si := range match {
		u := cands[ci]
		if si >= 0 && rows[si].Hidden && !anyNumeric(u.cells) && runDigits(u.cells) <= 0 {
			continue // the heading of the rows it sums, printed without figures
		}
		if si < 0 {
			if u.label != "" && anyNumeric(u.cells) {
				b.warn(tb.ID+".unrecognized_row", tb.Prefix, "%s表中“%s”一行无法对应到模板的行，未采用", bareCaption(tb), truncate(u.label, 30))
			}
			continue
		}
		if rr := b.readRow(tb, rows[si], u); rr != nil {
			reads = append(reads, rr)
			read[rows[si].Key] = true
		}
	}
	if len(reads) == 0 {
		return
	}
	b.resolve(reads)
	for _, r := range rows {
		if !read[r.Key] && !r.Hidden && !b.summedByRead(tb, r, read) {
			b.warn(tb.ID+".missing_row", schema.JoinPath(tb.Prefix, r.Key), "%s表中未找到“%s”一行", bareCaption(tb), r.Title())
		}
	}
}

// summedByRead reports whether row r is an item of a row the template does not
// print that the report printed (its sum), so that its absence is no surprise.
func (b *builder) summedByRead(tb *schema.Table, r schema.Row, read map[string]bool) bool {
	prefix := func(key string) string { return schema.JoinPath(tb.Prefix, key) + "." }
	for _, id := range b.tmpl.Identities {
		if !id.Fill || len(id.Left) != 1 {
			continue
		}
		for _, h := range tb.Rows {
			if !h.Hidden || !read[h.Key] || !strings.HasPrefix(id.Left[0], prefix(h.Key)) {
				continue
			}
			for _, p := range id.Right {
				if strings.HasPrefix(p, prefix(r.Key)) {
					return true
				}
			}
		}
	}
	return false
}

// bareCaption is a table's caption without its section number.
func bareCaption(tb *schema.Table) string {
	c := tb.Caption
	if i := strings.Index(c, "、"); i >= 0 && i <= len("十三") {
		c = c[i+len("、"):]
	}
	return c
}

func countTableRows(tb *schema.Table, units []unit) int {
	n := 0
	for _, u := range units {
		if isTableRow(tb, u, nil, nil) {
			n++
		}
	}
	return n
}

// isTableRow: a row of an ordered table has (room for) a cell per column, at most
// that many of them numbers, and is not a row of another table.
func isTableRow(tb *schema.Table, u unit, header, strips []string) bool {
	ncols := len(tb.Columns)
	if len(u.cells) < ncols {
		switch {
		case u.grid && len(u.cells) >= 1 && labelNamesRow(tb, u.label):
		case !u.grid && runDigits(u.cells) >= ncols && labelNamesRow(tb, u.label) && canSplit(u.cells, ncols) && !stripHeader(u.label, strips):
			// A flattened row: a run of the row's cells glued together (not the strip
			// of another table after its header).
		default:
			return false
		}
	}
	n := 0
	for _, c := range u.cells {
		if numeric(c) {
			n++
		}
	}
	if n > ncols {
		return false
	}
	if n == 0 {
		// A row left blank: only when its label names a row and it has the cells. A
		// header row names columns, not a row.
		return u.grid && len(u.cells) >= ncols && labelNamesRow(tb, u.label) && !containsAny(u.label, header...)
	}
	return true
}

// stripHeader reports whether a label ends in the header of a strip table (the
// 行政复议、行政诉讼 strip's: 结果维持结果纠正其他结果尚未审结总计).
func stripHeader(label string, strips []string) bool {
	tail := label
	if n := len(tail); n > 120 {
		tail = tail[n-120:]
	}
	return countWords(tail, strips) >= minStripWords
}

// canSplit reports whether a unit's run has a reading as n cells.
func canSplit(cells []string, n int) bool {
	var pieces []string
	for _, c := range cells {
		for _, u := range cellUnits {
			c = strings.TrimSuffix(c, u)
		}
		pieces = append(pieces, c)
	}
	splits, err := flat.Splits(pieces, n, flat.Options{})
	return len(splits) > 0 || errors.Is(err, flat.ErrTooMany)
}

func labelNamesRow(tb *schema.Table, label string) bool {
	for _, l := range rowWordLens(tb, label) {
		if l > 0 {
			return true
		}
	}
	return false
}

// align matches candidate rows to the table's rows in order (both may skip), scoring
// labels; it returns, for each candidate, the index of its row in tb.Rows or -1. A
// row the template does not print is skipped at no cost, and only a label that
// names it takes it.
func align(tb *schema.Table, cands []unit) []int {
	n, m := len(cands), len(tb.Rows)
	const skipCand, skipKey = -3, -2
	lens := make([][]int, n)
	for i, c := range cands {
		lens[i] = rowWordLens(tb, c.label)
	}
	score := make([][]int, n+1)
	move := make([][]byte, n+1)
	for i := range score {
		score[i] = make([]int, m+1)
		move[i] = make([]byte, m+1)
	}
	for i := 1; i <= n; i++ {
		score[i][0] = score[i-1][0] + skipCand
		move[i][0] = 'c'
	}
	skip := func(j int) int { // the cost of leaving row j-1 unmatched
		if tb.Rows[j-1].Hidden {
			return 0
		}
		return skipKey
	}
	for j := 1; j <= m; j++ {
		score[0][j] = score[0][j-1] + skip(j)
		move[0][j] = 'k'
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			s := rowScore(lens[i-1], j-1)
			switch {
			case s <= 0 && tb.Rows[j-1].Hidden:
				s = -100 // only its own words take a row the template does not print
			case s == 0:
				s = 1 // an unlabelled row in its place
			}
			best, mv := score[i-1][j-1]+s, byte('m')
			if v := score[i-1][j] + skipCand; v > best {
				best, mv = v, 'c'
			}
			if v := score[i][j-1] + skip(j); v > best {
				best, mv = v, 'k'
			}
			score[i][j], move[i][j] = best, mv
		}
	}
	out := make([]int, n)
	for i, j := n, m; i > 0 || j > 0; {
		switch move[i][j] {
		case 'm':
			out[i-1] = j - 1
			i, j = i-1, j-1
		case 'c':
			out[i-1] = -1
			i--
		default:
			j--
		}
	}
	return out
}

// readRow reads one row of a Grid table.
func (b *builder) readRow(tb *schema.Table, row schema.Row, u unit) *rowRead {
	cols := tb.RowColumns(row)
	if len(u.cells) < len(cols) && (u.grid || runDigits(u.cells) < len(cols)) {
		b.warn(tb.ID+".short_row", schema.JoinPath(tb.Prefix, row.Key), "“%s”一行只有%d个单元格，未采用", row.Label, len(u.cells))
		return nil
	}
	var paths, what []string
	for _, col := range cols {
		paths = append(paths, tb.Path(row, col))
		what = append(what, "“"+row.FullName()+"”一行“"+col.Label+"”列")
	}
	return b.newRowRead(tb, row, u, paths, cols, what)
}

// readStrip reads a table printed as one row of cells, the cells of each of its rows
// in turn (the 行政复议、行政诉讼 table: five cells for 行政复议, five for each kind
// of 行政诉讼).
func (b *builder) readStrip(tb *schema.Table, units []unit) {
	var paths, what []string
	var cols []schema.Column
	for _, r := range tb.PrintedRows() {
		for _, c := range tb.RowColumns(r) {
			paths = append(paths, tb.Path(r, c))
			what = append(what, "“"+r.FullName()+"”“"+c.Label+"”")
			cols = append(cols, c)
		}
	}
	need := len(paths)
	for _, u := range units {
		n := 0
		for _, c := range u.cells {
			if numeric(c) {
				n++
			}
		}
		switch {
		case u.grid && len(u.cells) < need:
			continue
		case u.grid && n < need*2/3 && !(n > 0 && allCells(u.cells[:need]) && b.stripTable(u, tb)):
			// Fewer figures than most of the strip's cells: a strip only when every
			// cell is a figure or blank and its table prints the strip's header.
			continue
		case !u.grid && len(u.cells) != need && (len(u.cells) > need || runDigits(u.cells) < need || runDigits(u.cells) > need+need/2 || countWords(u.label, stripWords(tb)) < minStripWords):
			// A run as long as the strip's cells, or a little longer, after the
			// strip's header: a run of many more digits, or after other words, is a
			// row of another table.
			continue
		}
		b.resolve([]*rowRead{b.newRowRead(tb, tb.PrintedRows()[0], u, paths, cols, what)})
		return
	}
}

// allCells reports whether every cell is a figure or blank.
func allCells(cells []string) bool {
	for _, c := range cells {
		if _, _, ok := parseCell(c); !ok {
			return false
		}
	}
	return true
}

// stripTable reports whether the document table a unit is a row of prints the
// header of the strip table tb.
func (b *builder) stripTable(u unit, tb *schema.Table) bool {
	if u.table < 0 || u.table >= len(b.doc.Tables) {
		return false
	}
	var text strings.Builder
	for _, row := range b.doc.Tables[u.table].Rows {
		for _, c := range row {
			text.WriteString(c)
		}
	}
	return countWords(text.String(), stripWords(tb)) >= minStripWords
}

// minStripWords is how many words of a strip's header the label of a flattened
// strip must hold: one ("总计") is the label of many rows.
const minStripWords = 3

// countWords counts the distinct words of ws that s holds.
func countWords(s string, ws []string) int {
	n := 0
	for i, w := range ws {
		if strings.Contains(s, w) && !slices.Contains(ws[:i], w) {
			n++
		}
	}
	return n
}

// stripWords are the words of a strip's header.
func stripWords(tb *schema.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.Label)
	}
	for _, hr := range tb.Head {
		for _, h := range hr {
			out = append(out, h.Text)
		}
	}
	return out
}

// derivable reports whether the template derives the figure at path when the report
// leaves it blank: it is the one Left term of an identity marked Fill.
func (b *builder) derivable(path string) bool {
	for _, id := range b.tmpl.Identities {
		if !id.Fill || len(id.Left) != 1 {
			continue
		}
		if _, ok := b.fillSlot(id, path); ok {
			return true
		}
	}
	return false
}

// fillSlot returns the row or column key for which an identity's Left term is path.
func (b *builder) fillSlot(id schema.Identity, path string) (slot [2]string, ok bool) {
	for _, s := range b.tmpl.Slots(id.Each, id.Table) {
		if schema.Expand(id.Left[0], s.Row.Key, s.Col.Key) == path {
			return [2]string{s.Row.Key, s.Col.Key}, true
		}
	}
	return slot, false
}

// fill derives the figures the template derives and the report leaves blank or does
// not print (a row's blank total; 2021's （六）其他处理, the sum of its items), in the
// order of the template's identities; the provenance of each says it was computed.
func (b *builder) fill() {
	t := b.tmpl
	for _, id := range t.Identities {
		if !id.Fill || len(id.Left) != 1 {
			continue
		}
		for _, sl := range t.Slots(id.Each, id.Table) {
			row, col := sl.Row.Key, sl.Col.Key
			path := schema.Expand(id.Left[0], row, col)
			if b.rec.Has(path) || t.FieldIndex(path) < 0 || !b.blank[path] && !b.hiddenRow(path) {
				continue
			}
			var sum int64
			line := -1
			ok := true
			for _, term := range id.Right {
				p := schema.Expand(term, row, col)
				v := b.rec.Int(p)
				if v == nil {
					ok = false
					break
				}
				sum += *v
				if pr, has := b.rec.Provenance[p]; has && pr.Line > 0 {
					line = pr.Line - 1
				}
			}
			if !ok {
				continue
			}
			b.rec.SetInt(path, sum)
			b.traceComputed(path, line, id.Note)
		}
	}
}

// hiddenRow reports whether path is a cell of a row the template does not print.
func (b *builder) hiddenRow(path string) bool {
	for i := range b.tmpl.Tables {
		tb := &b.tmpl.Tables[i]
		for _, r := range tb.Rows {
			if r.Hidden && strings.HasPrefix(path, schema.JoinPath(tb.Prefix, r.Key)+".") {
				return true
			}
		}
	}
	return false
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
