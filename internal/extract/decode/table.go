package decode

// Tables as the readers build them: a grid whose positions name the cell that
// covers them. A merged cell is one cell: its text is read, and normalized, once,
// and every position it covers shares the string. Every row is charged against
// the document's budget of table cells and bytes as it is laid.

// gridBuilder lays the cells of a table on its grid as a reader meets them.
type gridBuilder struct {
	d     *decoder
	texts []string  // by cell: its text
	ids   [][]int32 // by row and column: the index of the cell that covers the position, or -1
}

// cell adds a cell of text and returns its index.
func (g *gridBuilder) cell(text string) int32 {
	g.texts = append(g.texts, text)
	return int32(len(g.texts) - 1)
}

// text returns the text of the cell with index id, "" for -1.
func (g *gridBuilder) text(id int32) string {
	if id < 0 {
		return ""
	}
	return g.texts[id]
}

// addRow adds a row of cell indexes to the grid, charged against the document's
// budget.
func (g *gridBuilder) addRow(ids []int32) error {
	if err := g.d.row(len(ids), func(yield func(string) bool) {
		for _, id := range ids {
			if !yield(g.text(id)) {
				return
			}
		}
	}); err != nil {
		return err
	}
	g.ids = append(g.ids, ids)
	return nil
}

// table returns the rows and cells of the grid, its rows padded to the same
// width and without the rows and columns that are empty throughout.
func (g *gridBuilder) table() ([][]string, []Cell) {
	ids := squareGrid(g.ids, g.text)
	rows := make([][]string, len(ids))
	for i, r := range ids {
		rows[i] = make([]string, len(r))
		for j, id := range r {
			rows[i][j] = g.text(id)
		}
	}
	return rows, cellsOf(ids, len(g.texts), func(id int32) Cell { return Cell{Text: g.texts[id]} })
}

// squareGrid pads the rows of a grid of cell indexes to the same width (with -1)
// and drops the rows and columns whose text is empty throughout.
func squareGrid(grid [][]int32, text func(int32) string) [][]int32 {
	width := 0
	for _, r := range grid {
		width = max(width, len(r))
	}
	used := make([]bool, width)
	square := true
	for _, r := range grid {
		rowUsed := false
		for j, id := range r {
			s := text(id)
			used[j] = used[j] || s != ""
			rowUsed = rowUsed || s != ""
		}
		square = square && rowUsed && len(r) == width
	}
	for _, u := range used {
		square = square && u
	}
	if square {
		return grid
	}
	var out [][]int32
	for _, r := range grid {
		var nr []int32
		empty := true
		for j := 0; j < width; j++ {
			if !used[j] {
				continue
			}
			id := int32(-1)
			if j < len(r) {
				id = r[j]
			}
			empty = empty && text(id) == ""
			nr = append(nr, id)
		}
		if !empty {
			out = append(out, nr)
		}
	}
	return out
}

// cellsOf returns the cells of a grid of cell indexes: for each cell (as src
// gives it: its text, page and box), the rectangle of positions that name it,
// with its top-left corner and spans set. Reading row by row, a cell's rectangle
// is as wide as the run of positions that name it and as tall as the rows below
// repeat that run; positions of the same cell outside it (a malformed table's
// colliding spans) make further cells. n is the number of cells, to size the
// result.
func cellsOf(grid [][]int32, n int, src func(int32) Cell) []Cell {
	out := make([]Cell, 0, n)
	done := make([][]bool, len(grid))
	for r := range grid {
		done[r] = make([]bool, len(grid[r]))
	}
	free := func(r, c int, id int32) bool {
		return c < len(grid[r]) && grid[r][c] == id && !done[r][c]
	}
	for r, row := range grid {
		for c, id := range row {
			if id < 0 || done[r][c] {
				continue
			}
			w := 1
			for free(r, c+w, id) {
				w++
			}
			h := 1
			for ; r+h < len(grid); h++ {
				whole := true
				for k := c; k < c+w && whole; k++ {
					whole = free(r+h, k, id)
				}
				if !whole {
					break
				}
			}
			for i := r; i < r+h; i++ {
				for k := c; k < c+w; k++ {
					done[i][k] = true
				}
			}
			cl := src(id)
			cl.Row, cl.Col, cl.RowSpan, cl.ColSpan = r, c, h, w
			out = append(out, cl)
		}
	}
	return out
}
