package site

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The report's tables, laid out as its template describes them (schema.Table): the
// header rows with their spans, the label cells of rows and of the groups they are in,
// and a cell per figure. Every figure cell carries its key path and, where the record
// has one, its provenance line. No template is known here by name: a new template's
// tables render from its description.

// tableWords are the words a report's tables are written in (writeGrid): the
// template's own (Chinese, the zero value) or its description's English.
type tableWords struct {
	en     bool   // the descriptions' English (schema's En fields)
	approx string // after an approximate figure; "" is "余"
	flag   string // before the message of a check on a cell; "" is "核对提示："
}

// pick is zh, or en in English (zh where the description has no English).
func (tw tableWords) pick(zh, en string) string {
	if tw.en && en != "" {
		return en
	}
	return zh
}

// gridOfTable is a Grid of the table tb, its header laid out.
func gridOfTable(tb *schema.Table, stubCols int) Grid {
	return Grid{ID: "t-" + tb.ID, Caption: tb.Caption, CaptionEn: tb.CaptionEn, Note: tb.Note, NoteEn: tb.NoteEn,
		Head: head(tb, stubCols)}
}

// reportTables lays out the tables of a record's template that hold figures of the
// record, in the template's words and its description's English. has is
// tablesWithFigures of the record, or nil to work it out.
func reportTables(r *record.Record, has []bool) []Grid {
	t := r.Template()
	if t == nil {
		return nil
	}
	var out []Grid
	if has == nil {
		has = tablesWithFigures(r, t)
	}
	for i := range t.Tables {
		tb := &t.Tables[i]
		if !has[i] {
			continue
		}
		switch tb.Layout {
		case schema.Items:
			out = append(out, itemsGrid(r, tb))
		case schema.Strip:
			out = append(out, stripGrid(r, tb))
		default:
			out = append(out, gridOf(r, tb))
		}
	}
	return out
}

// tablesWithFigures reports, for each of the record's template's tables, whether
// the record gives a figure of it: a figure or a list at or under the path of one of
// its cells.
func tablesWithFigures(r *record.Record, t *schema.Template) []bool {
	has := make([]bool, len(t.Tables))
	for p := range r.Given() {
		for {
			for _, ti := range t.TablesOf(p) {
				has[ti] = true
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return has
}

func th(text, en string, scope string, cs, rs int) Cell {
	return Cell{Text: text, En: en, Header: true, Scope: scope, Colspan: cs, Rowspan: rs}
}

// figure is the cell of the figure at path ("—" when the record does not give it).
func figure(r *record.Record, path string, kind schema.Kind) Cell {
	c := Cell{Text: "—", Num: true, Key: path}
	if kind == schema.Amount {
		if v := r.Amount(path); v != nil {
			c.Text = formatAmount(float64(*v))
		}
	} else {
		c.Text = charts.Format(r.Int(path))
	}
	if p, ok := r.Provenance[path]; ok {
		c.Line = p.Line
	}
	return c
}

// head returns the table's printed header rows, or one derived from its columns.
func head(tb *schema.Table, stubCols int) [][]Cell {
	if tb.Head != nil {
		out := make([][]Cell, len(tb.Head))
		for i, hr := range tb.Head {
			for _, h := range hr {
				scope := "" // a column's header in <thead> (writeGridRow)
				if h.Colspan > 1 {
					scope = "colgroup"
				}
				out[i] = append(out[i], th(h.Text, h.En, scope, h.Colspan, h.Rowspan))
			}
		}
		return out
	}
	row := []Cell{th(tb.Stub, tb.StubEn, "", span(stubCols), 0)}
	for _, c := range tb.Columns {
		row = append(row, th(c.Label, c.En, "", 0, 0))
	}
	return [][]Cell{row}
}

// span is a colspan or rowspan: 0 (no attribute) for one.
func span(n int) int {
	if n <= 1 {
		return 0
	}
	return n
}

// gridOf lays out a Grid table: a row per printed row, led by the labels of the
// groups the row is the first of (spanning the group's rows) and by its own label
// (spanning the label columns its groups do not take); then a cell per column.
func gridOf(r *record.Record, tb *schema.Table) Grid {
	rows := tb.PrintedRows()
	depth := 1
	for _, row := range rows {
		depth = max(depth, len(tb.GroupPath(row))+1)
	}
	size := map[string]int{} // printed rows in each group
	for _, row := range rows {
		for _, g := range tb.GroupPath(row) {
			size[g]++
		}
	}
	g := gridOfTable(tb, depth)
	g.Body = make([][]Cell, 0, len(rows))
	started := map[string]bool{}
	for _, row := range rows {
		groups := tb.GroupPath(row)
		cells := make([]Cell, 0, len(groups)+1+len(tb.Columns))
		for _, key := range groups {
			if started[key] {
				continue
			}
			started[key] = true
			grp, _ := tb.Group(key)
			cells = append(cells, th(grp.Title(), groupTitleEn(grp), "rowgroup", 0, span(size[key])))
		}
		cells = append(cells, th(row.Title(), rowTitleEn(row), "row", span(depth-len(groups)), 0))
		for _, c := range tb.Columns {
			if len(row.Columns) > 0 && !containsString(row.Columns, c.Key) {
				cells = append(cells, Cell{Text: "", Num: true})
				continue
			}
			cells = append(cells, figure(r, tb.Path(row, c), c.Kind))
		}
		g.Body = append(g.Body, cells)
	}
	return g
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stripGrid lays out a Strip table: its header, and one row of the cells of each of
// its rows in turn.
func stripGrid(r *record.Record, tb *schema.Table) Grid {
	g := gridOfTable(tb, 1)
	var cells []Cell
	for _, row := range tb.PrintedRows() {
		for _, c := range tb.RowColumns(row) {
			cells = append(cells, figure(r, tb.Path(row, c), c.Kind))
		}
	}
	g.Body = [][]Cell{cells}
	return g
}

// itemsGrid lays out an Items table: label and figure, a row for each figure the
// record gives (a list's items each a row); approximate figures say so ("余").
func itemsGrid(r *record.Record, tb *schema.Table) Grid {
	g := gridOfTable(tb, 1)
	for _, row := range tb.Rows {
		path := schema.JoinPath(tb.Prefix, row.Key)
		if row.Kind == schema.List {
			for i, item := range r.List(path) {
				c := Cell{Text: charts.FormatInt(item.Count), Num: true, Key: path + "[" + strconv.Itoa(i) + "].count"}
				c.Line = r.Provenance[c.Key].Line
				g.Body = append(g.Body, []Cell{th(item.Name, "", "row", 0, 0), c})
			}
			continue
		}
		if !r.Has(path) {
			continue
		}
		c := figure(r, path, row.Kind)
		c.Approx = row.Approx && r.Flag(path+"_approx")
		g.Body = append(g.Body, []Cell{th(row.Label, row.En, "row", 0, 0), c})
	}
	return g
}

// rowTitleEn is a row's ordinal and English label, or "" when it has no English
// (a province's variant may add rows without).
func rowTitleEn(r schema.Row) string {
	if r.En == "" {
		return ""
	}
	return r.TitleEn()
}

// groupTitleEn is rowTitleEn for a group.
func groupTitleEn(g schema.Group) string {
	if g.En == "" {
		return ""
	}
	return g.TitleEn()
}
