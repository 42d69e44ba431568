package decode

// DOCX reading: a Word file is a zip archive whose word/document.xml holds the
// paragraphs (w:p) and tables (w:tbl). Merged cells (w:gridSpan across, w:vMerge
// down) are expanded, so every grid position holds its cell's text.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readDOCX reads a Word (OOXML) document: its paragraphs as lines and its tables
// as grids, and its title from the document properties.
func (d *decoder) readDOCX(data []byte) (*page, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a DOCX file: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	name := mainPart(files)
	f := files[strings.ToLower(name)]
	if f == nil {
		return nil, errors.New("not a Word document: no word/document.xml in the archive")
	}
	raw, err := readPart(f)
	if err != nil {
		return nil, err
	}
	dp := &docxParser{dec: d, d: xml.NewDecoder(bytes.NewReader(raw))}
	blocks, err := dp.container("", nil, 0)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	p := &page{format: "docx"}
	if cf := files["docprops/core.xml"]; cf != nil {
		if raw, err := readPart(cf); err == nil {
			p.title = coreTitle(raw)
		}
	}
	e := docxEmitter{d: d}
	if err := e.blocks(blocks, 0); err != nil {
		return nil, err
	}
	p.lines, p.tables = e.lines, e.tables
	return p, nil
}

// mainPart returns the name of the main document part: the target of the package's
// officeDocument relationship, or word/document.xml.
func mainPart(files map[string]*zip.File) string {
	if f := files["_rels/.rels"]; f != nil {
		if raw, err := readPart(f); err == nil {
			d := xml.NewDecoder(bytes.NewReader(raw))
			for {
				tok, err := d.Token()
				if err != nil {
					break
				}
				if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
					var typ, target string
					for _, a := range t.Attr {
						switch a.Name.Local {
						case "Type":
							typ = a.Value
						case "Target":
							target = a.Value
						}
					}
					if strings.HasSuffix(typ, "/officeDocument") && target != "" {
						return strings.TrimPrefix(path.Clean("/"+target), "/")
					}
				}
			}
		}
	}
	return "word/document.xml"
}

// readPart reads a part of the archive, refusing one that decompresses too big.
func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxDOCXPart {
		return nil, fmt.Errorf("%s: %d MB decompressed, over the %d MB limit", f.Name, f.UncompressedSize64>>20, maxDOCXPart>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, maxDOCXPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if len(raw) > maxDOCXPart {
		return nil, fmt.Errorf("%s: over %d MB decompressed", f.Name, maxDOCXPart>>20)
	}
	return raw, nil
}

// coreTitle returns dc:title of docProps/core.xml.
func coreTitle(raw []byte) string {
	d := xml.NewDecoder(bytes.NewReader(raw))
	in := false
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title"
		case xml.CharData:
			if in {
				b.Write(t)
			}
		case xml.EndElement:
			if in {
				return collapse(b.String())
			}
		}
	}
}

// docxBlock is a paragraph (text) or a table.
type docxBlock struct {
	text  string
	table *docxTable
}

type docxTable struct {
	rows     []docxRow
	gridCols int // the columns of w:tblGrid, 0 when it has none
}

type docxRow struct {
	before, after int // grid columns skipped before and after the cells
	cells         []docxCell
}

type docxCell struct {
	span   int
	vmerge bool // continues the merged cell above
	blocks []docxBlock
}

type docxParser struct {
	dec *decoder
	d   *xml.Decoder
}

// token returns the next token of the document, or the error that stops reading:
// the end of the document, bad XML, or the deadline.
func (p *docxParser) token() (xml.Token, error) {
	if err := p.dec.step(); err != nil {
		return nil, err
	}
	return p.d.Token()
}

func valAttr(t xml.StartElement) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

func intVal(t xml.StartElement) int {
	v, _ := valAttr(t)
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0
	}
	return n
}

// container reads blocks until the end element named stop (or the end of the
// document): paragraphs and tables at any depth of wrappers (w:sdt, w:customXml…).
// cell, when not nil, receives the cell properties met on the way.
func (p *docxParser) container(stop string, cell *docxCell, depth int) ([]docxBlock, error) {
	var out []docxBlock
	for {
		tok, err := p.token()
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				text, extra, err := p.paragraph(depth)
				if err != nil {
					return out, err
				}
				out = append(out, docxBlock{text: text})
				out = append(out, extra...)
			case "tbl":
				if depth >= maxDOCXDepth {
					if err := p.d.Skip(); err != nil {
						return out, err
					}
					continue
				}
				tb, err := p.table(depth + 1)
				if err != nil {
					return out, err
				}
				out = append(out, docxBlock{table: tb})
			case "gridSpan":
				if cell != nil {
					cell.span = intVal(t)
				}
			case "vMerge":
				if cell != nil {
					v, _ := valAttr(t)
					cell.vmerge = v != "restart"
				}
			case "Fallback", "sectPr", "tblPr", "tblGrid", "rPr", "pPr", "instrText", "delText", "del", "moveFrom":
				if err := p.d.Skip(); err != nil {
					return out, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == stop {
				return out, nil
			}
		}
	}
}

// paragraph reads a w:p: its text, with w:br as "\n" and w:tab as a space, and
// the blocks of text boxes anchored in it.
func (p *docxParser) paragraph(depth int) (string, []docxBlock, error) {
	var b strings.Builder
	var extra []docxBlock
	inText := false
	for {
		tok, err := p.token()
		if err != nil {
			return b.String(), extra, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab", "ptab":
				b.WriteByte(' ')
			case "br", "cr":
				b.WriteByte('\n')
			case "noBreakHyphen":
				b.WriteByte('-')
			case "txbxContent":
				if depth >= maxDOCXDepth {
					if err := p.d.Skip(); err != nil {
						return b.String(), extra, err
					}
					continue
				}
				blocks, err := p.container("txbxContent", nil, depth+1)
				if err != nil {
					return b.String(), extra, err
				}
				extra = append(extra, blocks...)
			case "Fallback", "rPr", "pPr", "instrText", "delText", "del", "moveFrom":
				if err := p.d.Skip(); err != nil {
					return b.String(), extra, err
				}
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				return b.String(), extra, nil
			}
		}
	}
}

// table reads a w:tbl.
func (p *docxParser) table(depth int) (*docxTable, error) {
	tb := &docxTable{}
	var row *docxRow
	for {
		tok, err := p.token()
		if err != nil {
			return tb, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tr":
				tb.rows = append(tb.rows, docxRow{})
				row = &tb.rows[len(tb.rows)-1]
			case "gridCol":
				tb.gridCols++
			case "gridBefore":
				if row != nil {
					row.before = intVal(t)
				}
			case "gridAfter":
				if row != nil {
					row.after = intVal(t)
				}
			case "tc":
				c := docxCell{span: 1}
				blocks, err := p.container("tc", &c, depth)
				c.blocks = blocks
				if row == nil {
					tb.rows = append(tb.rows, docxRow{})
					row = &tb.rows[len(tb.rows)-1]
				}
				row.cells = append(row.cells, c)
				if err != nil {
					return tb, err
				}
			case "tbl":
				// A table directly in a table (not in a cell): read it as rows of this one.
				if depth >= maxDOCXDepth {
					if err := p.d.Skip(); err != nil {
						return tb, err
					}
					continue
				}
				inner, err := p.table(depth + 1)
				if err != nil {
					return tb, err
				}
				tb.rows = append(tb.rows, inner.rows...)
				row = nil
			case "tblPr", "tblPrEx", "trPrChange", "Fallback":
				if err := p.d.Skip(); err != nil {
					return tb, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "tbl" {
				return tb, nil
			}
		}
	}
}

// docxEmitter turns blocks into lines and tables.
type docxEmitter struct {
	d      *decoder
	lines  []string
	tables []Table
}

func (e *docxEmitter) blocks(bs []docxBlock, depth int) error {
	for _, b := range bs {
		if err := e.d.step(); err != nil {
			return err
		}
		if b.table == nil {
			for _, l := range strings.Split(b.text, "\n") {
				if l = collapse(l); l != "" {
					e.lines = append(e.lines, l)
				}
			}
			continue
		}
		if depth < maxDOCXDepth && layoutTable(b.table) {
			for _, r := range b.table.rows {
				for _, c := range r.cells {
					if err := e.blocks(c.blocks, depth+1); err != nil {
						return err
					}
				}
			}
			continue
		}
		rows, cells, err := e.d.docxGrid(b.table)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			continue
		}
		e.tables = append(e.tables, Table{Line: len(e.lines), Rows: rows, Cells: cells})
		for _, r := range rows {
			e.lines = append(e.lines, strings.Join(r, " | "))
		}
	}
	return nil
}

// layoutTable reports whether a table lays out a page rather than holding data:
// it holds other tables, a single cell, or cells of long text.
func layoutTable(t *docxTable) bool {
	cells := 0
	for _, r := range t.rows {
		for _, c := range r.cells {
			cells++
			for _, b := range c.blocks {
				if b.table != nil {
					return true
				}
			}
			if docxTextLonger(c, 500) {
				return true
			}
		}
	}
	return cells <= 1
}

// docxCellText is a cell's text on one line.
func docxCellText(c docxCell) string {
	var parts []string
	var rec func(bs []docxBlock, depth int)
	rec = func(bs []docxBlock, depth int) {
		for _, b := range bs {
			if b.table == nil {
				parts = append(parts, b.text)
				continue
			}
			if depth >= maxDOCXDepth {
				continue
			}
			for _, r := range b.table.rows {
				for _, c := range r.cells {
					rec(c.blocks, depth+1)
				}
			}
		}
	}
	rec(c.blocks, 0)
	return collapse(strings.Join(parts, " "))
}

// docxTextLonger reports whether a cell's text, as docxCellText gives it, has
// more than n characters. It reads no further than the character after the n-th.
func docxTextLonger(c docxCell, n int) bool {
	count := 0
	started, space, first := false, false, true
	var rec func(bs []docxBlock, depth int) bool
	rec = func(bs []docxBlock, depth int) bool {
		for _, b := range bs {
			if b.table != nil {
				if depth < maxDOCXDepth {
					for _, r := range b.table.rows {
						for _, c := range r.cells {
							if rec(c.blocks, depth+1) {
								return true
							}
						}
					}
				}
				continue
			}
			if !first {
				space = true // the space between two parts
			}
			first = false
			for _, r := range b.text { // as collapse counts
				if unicode.IsSpace(r) || r == utf8.RuneError {
					space = true
					continue
				}
				if space && started {
					count++
				}
				space, started = false, true
				if count++; count > n {
					return true
				}
			}
		}
		return false
	}
	return rec(c.blocks, 0)
}

// docxGrid lays a table's cells on its grid: gridSpan spans a cell across,
// vMerge continues the cell above. Empty rows and columns are dropped.
func (d *decoder) docxGrid(t *docxTable) ([][]string, []Cell, error) {
	g := gridBuilder{d: d}
	for _, r := range t.rows {
		var row []int32
		for i := 0; i < min(max(r.before, 0), maxColSpan); i++ {
			row = append(row, -1)
		}
		for _, c := range r.cells {
			span := min(max(c.span, 1), maxColSpan)
			if t.gridCols > 0 {
				// A span does not reach past the table's grid.
				span = min(span, max(1, t.gridCols-len(row)))
			}
			id := int32(-1) // the cell's, once it has one
			for k := 0; k < span && len(row) < maxTableCols; k++ {
				col := len(row)
				if c.vmerge {
					if n := len(g.ids); n > 0 && col < len(g.ids[n-1]) && g.ids[n-1][col] >= 0 {
						row = append(row, g.ids[n-1][col]) // the cell above continues
						continue
					}
					if id < 0 {
						id = g.cell("") // nothing above to continue: an empty cell
					}
				} else if id < 0 {
					id = g.cell(docxCellText(c))
				}
				row = append(row, id)
			}
		}
		if err := g.addRow(row); err != nil {
			return nil, nil, err
		}
	}
	rows, cells := g.table()
	return rows, cells, nil
}
