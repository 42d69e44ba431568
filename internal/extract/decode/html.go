package decode

// HTML reading: a report published as a web page, inside a government CMS page
// with navigation, scripts and footers. The page is parsed with golang.org/x/net/html
// (the HTML5 parsing algorithm, as browsers do), web furniture is dropped, the main
// content container is preferred, and tables become grids with merged cells expanded.

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/internal/extract/textenc"
)

// readHTML reads an HTML page: it decodes the bytes (using the page's declared
// charset as a hint), and returns the report's text lines and tables.
func (d *decoder) readHTML(data []byte) (*page, error) {
	text, enc, err := textenc.Decode(data, declaredCharset(data))
	if err != nil {
		return nil, fmt.Errorf("reading HTML: %w", err)
	}
	p, err := d.parseHTML(text)
	if err != nil {
		return nil, err
	}
	p.encoding = enc
	return p, nil
}

// declaredCharset finds the charset a page declares in a <meta> tag near its
// start ("<meta charset=gbk>", or http-equiv Content-Type "text/html; charset=gb2312").
func declaredCharset(data []byte) string {
	head := bytes.ToLower(data[:min(len(data), 4096)])
	for {
		i := bytes.Index(head, []byte("<meta"))
		if i < 0 {
			return ""
		}
		head = head[i+5:]
		end := bytes.IndexByte(head, '>')
		if end < 0 {
			end = len(head)
		}
		tag := head[:end]
		if j := bytes.Index(tag, []byte("charset")); j >= 0 {
			v := bytes.TrimLeft(tag[j+7:], " \t\r\n")
			if len(v) == 0 || v[0] != '=' {
				continue
			}
			v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
			k := 0
			for k < len(v) && (v[k] == '-' || v[k] == '_' || v[k] >= 'a' && v[k] <= 'z' || v[k] >= '0' && v[k] <= '9') {
				k++
			}
			if k > 0 {
				return string(v[:k])
			}
		}
	}
}

// countNodes counts the elements and texts of a page, as the tokenizer sees
// them, and fails past maxHTMLNodes: a parsed page costs some hundred bytes a
// node, and a 20 MB page of short paragraphs would have millions.
func (d *decoder) countNodes(text string) error {
	z := html.NewTokenizer(strings.NewReader(text))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.EndTagToken:
			continue
		}
		if n++; n > maxHTMLNodes {
			return fmt.Errorf("%w: more than %d elements and texts", ErrHTMLTooLarge, maxHTMLNodes)
		}
		if err := d.step(); err != nil {
			return err
		}
	}
}

// parseHTML reads a decoded page.
func (d *decoder) parseHTML(text string) (*page, error) {
	if err := d.countNodes(text); err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	h := &htmlReader{d: d, stats: make(map[*html.Node]textStats, len(text)/32)}
	h.hiddenClass = hiddenClasses(doc)
	p := &page{format: "html"}
	if t := findElement(doc, atom.Title, 0); t != nil {
		p.title = collapse(textOf(t))
	}
	body := findElement(doc, atom.Body, 0)
	if body == nil {
		body = doc
	}
	h.measure(body, 0, false)
	main := h.mainContainer(body)
	h.mainPath = map[*html.Node]bool{}
	for n := main; n != nil; n = n.Parent {
		h.mainPath[n] = true
	}
	h.outside(body, main, 0, false)
	h.flush()
	if h.err != nil {
		return nil, h.err
	}
	p.lines, p.tables = h.lines, h.tables
	return p, nil
}

// Style sheet rules that hide what they select: ".hide, .x { display: none }".
var (
	cssRuleRe   = regexp.MustCompile(`([^{}]*)\{([^{}]*)\}`)
	cssHideRe   = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)
	cssSimpleRe = regexp.MustCompile(`^\.([A-Za-z0-9_-]+)$`)
)

// hiddenClasses returns the classes that the page's <style> elements hide with a
// rule of simple class selectors.
func hiddenClasses(doc *html.Node) map[string]bool {
	var m map[string]bool
	var rec func(n *html.Node, depth int)
	rec = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Style {
			for _, rule := range cssRuleRe.FindAllStringSubmatch(textOf(n), -1) {
				if !cssHideRe.MatchString(rule[2]) {
					continue
				}
				for _, sel := range strings.Split(rule[1], ",") {
					if c := cssSimpleRe.FindStringSubmatch(strings.TrimSpace(sel)); c != nil {
						if m == nil {
							m = map[string]bool{}
						}
						m[c[1]] = true
					}
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(doc, 0)
	return m
}

// textStats counts the runes of text under an element (dropped parts excluded),
// and how many of them are link text.
type textStats struct {
	text, links int
	tables      int
}

type htmlReader struct {
	d           *decoder
	err         error // the first error met: the deadline passed
	stats       map[*html.Node]textStats
	mainPath    map[*html.Node]bool // the content container and the elements that hold it
	stops       map[*html.Node]int  // stopDepth's answers
	hiddenClass map[string]bool     // classes the page's style sheets hide
	lines       []string
	tables      []Table
	cur         collapser // the current line, white space collapsed
}

var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Nav: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Head: true, atom.Math: true, atom.Map: true, atom.Frameset: true,
	atom.Frame: true, atom.Applet: true, atom.Datalist: true, atom.Dialog: true,
}

var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true,
	atom.Caption: true, atom.Summary: true, atom.Body: true, atom.Html: true,
	atom.Legend: true, atom.Menu: true, atom.Option: true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// classHidden reports whether the page's style sheets hide an element by its class.
func (h *htmlReader) classHidden(n *html.Node) bool {
	if len(h.hiddenClass) == 0 {
		return false
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		if h.hiddenClass[c] {
			return true
		}
	}
	return false
}

// hidden reports whether an element is hidden from readers: display:none or
// visibility:hidden in its style, the hidden attribute or aria-hidden.
func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	style := attr(n, "style")
	if !containsFold(style, "none") && !containsFold(style, "hidden") {
		return false
	}
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// containsFold reports whether s contains the lower-case ASCII word sub in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// dropped reports whether an element is web furniture whatever it holds. inMain
// says whether it is inside an article or main element, where header and footer
// hold the report's own title and signature.
func (h *htmlReader) dropped(n *html.Node, inMain bool) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode || n.Type == html.DoctypeNode
	}
	if droppedTags[n.DataAtom] || hidden(n) {
		return true
	}
	if h.classHidden(n) {
		// A style sheet may hide a class that scripts then show (tabs): an
		// element with the report's text or tables is kept.
		st := h.stats[n]
		return st.tables == 0 && st.text-st.links < 200
	}
	switch n.DataAtom {
	case atom.Header, atom.Footer:
		return !inMain
	case atom.A:
		href := strings.ToLower(strings.TrimSpace(attr(n, "href")))
		return strings.HasPrefix(href, "javascript:") || hasAttr(n, "onclick")
	case atom.Span, atom.Img, atom.Li:
		return hasAttr(n, "onclick")
	case atom.Form:
		// Some CMS pages wrap the whole page in a form: keep a form with content.
		st := h.stats[n]
		return st.tables == 0 && st.text-st.links < 200
	}
	return false
}

// linkDense reports whether a block is mostly links (a menu, a breadcrumb, a list
// of related articles).
func (h *htmlReader) linkDense(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Td, atom.Tr, atom.Table, atom.P, atom.Span, atom.Section, atom.Aside, atom.Li:
	default:
		return false
	}
	st := h.stats[n]
	return st.text > 0 && st.text < 2000 && st.tables == 0 && float64(st.links) >= 0.6*float64(st.text)
}

// measure fills h.stats for the elements under n.
func (h *htmlReader) measure(n *html.Node, depth int, inMain bool) textStats {
	var st textStats
	if depth > maxHTMLDepth {
		return st
	}
	if n.Type == html.TextNode {
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				st.text++
			}
		}
		return st
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		inMain = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		// Forms and class-hidden elements are dropped by what they hold:
		// measure them first.
		late := c.Type == html.ElementNode && (c.DataAtom == atom.Form || h.classHidden(c))
		if !late && c.Type == html.ElementNode && h.dropped(c, inMain) {
			continue
		}
		cs := h.measure(c, depth+1, inMain)
		if late && h.dropped(c, inMain) {
			continue
		}
		st.text += cs.text
		st.links += cs.links
		st.tables += cs.tables
	}
	if n.Type == html.ElementNode {
		if n.DataAtom == atom.A {
			st.links = st.text
		}
		if n.DataAtom == atom.Table {
			st.tables++
		}
		h.stats[n] = st
	}
	return st
}

// mainContainer returns the deepest element that holds nearly all of the page's
// text that is not links: the report's container.
func (h *htmlReader) mainContainer(body *html.Node) *html.Node {
	total := h.stats[body].text - h.stats[body].links
	if total <= 0 {
		return body
	}
	n := body
	for {
		var next *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st, ok := h.stats[c]
			if ok && float64(st.text-st.links) >= 0.85*float64(total) {
				next = c
				break
			}
		}
		if next == nil || next.DataAtom == atom.Table && h.dataTable(next) {
			return n
		}
		n = next
	}
}

// outside emits the content container main in full, and of the rest of the page
// (under n) only what reads as part of the report: headings (h1-h3, or an element
// whose class or id says title: the report's title often sits outside the text
// container) and prose (sentences ending in "。").
func (h *htmlReader) outside(n, main *html.Node, depth int, inMain bool) {
	if n == main {
		h.walk(n, depth, inMain)
		return
	}
	if depth > maxHTMLDepth || h.stopped() {
		return
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		inMain = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || h.dropped(c, inMain) || h.linkDense(c) {
			continue
		}
		switch {
		case h.mainPath[c]:
			h.outside(c, main, depth+1, inMain)
		case isHeading(c) || h.prose(c, depth+1):
			h.flush()
			h.walk(c, depth+1, inMain)
			h.flush()
		default:
			h.outside(c, main, depth+1, inMain)
		}
	}
}

// prose reports whether an element outside the content container holds report
// text: a paragraph of sentences rather than page furniture. n is depth levels
// under the body.
func (h *htmlReader) prose(n *html.Node, depth int) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.Td, atom.Li, atom.Blockquote, atom.Table:
	default:
		return false
	}
	st := h.stats[n]
	if st.text-st.links < 10 {
		return false
	}
	return h.stopDepth(n, depth) <= maxHTMLDepth // strings.Contains(textOf(n), "。")
}

// stopDepth returns how many levels under n (depth levels under the body) the
// nearest text holding "。" is, 0 for n itself, or maxHTMLDepth+1 when none is
// within maxHTMLDepth levels (as far as textOf reads). It looks at most
// 2×maxHTMLDepth+2 levels under the body, which is as deep as textOf reads from
// an element outside asks prose about. Each answer is kept: asked of nested
// elements, it costs the size of the page, not its size times its depth.
func (h *htmlReader) stopDepth(n *html.Node, depth int) int {
	if n.Type == html.TextNode {
		if strings.Contains(n.Data, "。") {
			return 0
		}
		return maxHTMLDepth + 1
	}
	if v, ok := h.stops[n]; ok {
		return v
	}
	v := maxHTMLDepth + 1
	if depth < 2*maxHTMLDepth+2 {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			v = min(v, h.stopDepth(c, depth+1)+1)
		}
	}
	if h.stops == nil {
		h.stops = map[*html.Node]int{}
	}
	h.stops[n] = v
	return v
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	}
	for _, k := range []string{"class", "id"} {
		if v := strings.ToLower(attr(n, k)); strings.Contains(v, "title") {
			return true
		}
	}
	return false
}

// walk emits the text of n: block elements break lines, data tables become grids.
func (h *htmlReader) walk(n *html.Node, depth int, inMain bool) {
	if depth > maxHTMLDepth || h.stopped() {
		return
	}
	switch n.Type {
	case html.TextNode:
		h.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	if n.Type == html.ElementNode {
		if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			inMain = true
		}
		if h.dropped(n, inMain) || h.linkDense(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			h.flush()
			return
		case atom.Table:
			if h.dataTable(n) {
				h.flush()
				h.table(n)
				return
			}
		case atom.Pre:
			h.flush()
			for _, l := range strings.Split(textOf(n), "\n") {
				h.text(l)
				h.flush()
			}
			return
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if block {
		h.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c, depth+1, inMain)
	}
	if block {
		h.flush()
	}
}

// stopped counts a step of work and reports whether reading must stop: the
// deadline passed (h.err says so).
func (h *htmlReader) stopped() bool {
	if h.err == nil {
		h.err = h.d.step()
	}
	return h.err != nil
}

// text appends text to the current line, collapsing white space.
func (h *htmlReader) text(s string) { h.cur.write(s) }

// flush ends the current line.
func (h *htmlReader) flush() {
	if s := strings.TrimFunc(h.cur.b.String(), unicode.IsSpace); s != "" {
		h.lines = append(h.lines, s)
	}
	h.cur.b.Reset()
	h.cur.space = false
}

// tableRows returns the rows of a table: its tr elements, not those of nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

// dataTable reports whether a table holds data rather than page layout: a layout
// table holds other tables, a single cell, or cells of long text.
func (h *htmlReader) dataTable(t *html.Node) bool {
	if h.stats[t].tables > 1 {
		return false
	}
	rows := tableRows(t)
	cells := 0
	for _, r := range rows {
		for _, c := range rowCells(r) {
			cells++
			if h.stats[c].text > 500 {
				return false
			}
		}
	}
	return cells > 1
}

// table emits a data table: its caption as a line, then its rows as a grid.
func (h *htmlReader) table(t *html.Node) {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Caption {
			h.text(cellText(c))
			h.flush()
		}
	}
	rows, cells, err := h.tableGrid(t)
	if err != nil {
		h.err = err
		return
	}
	if len(rows) == 0 {
		return
	}
	tb := Table{Line: len(h.lines), Rows: rows, Cells: cells}
	for _, r := range rows {
		h.lines = append(h.lines, strings.Join(r, " | "))
	}
	h.tables = append(h.tables, tb)
}

func span(n *html.Node, key string, max int) int {
	a := strings.TrimSpace(attr(n, key))
	if a == "" {
		return 1
	}
	v, err := strconv.Atoi(a)
	if err != nil || v < 1 {
		if err == nil && v == 0 && key == "rowspan" {
			return max // rowspan=0: to the end of the table
		}
		return 1
	}
	return min(v, max)
}

// tableGrid lays a table's cells on a grid, a cell that spans rows (rowspan) or
// columns (colspan) covering every position it spans. Empty rows and columns are
// dropped.
func (h *htmlReader) tableGrid(t *html.Node) ([][]string, []Cell, error) {
	trs := tableRows(t)
	g := gridBuilder{d: h.d}
	type carry struct {
		id   int32 // the cell
		left int   // the rows below it still spans
	}
	var carries []carry // by column: a cell from a row above that spans down
	for ri, tr := range trs {
		var row []int32
		set := func(col int, id int32) {
			for len(row) <= col {
				row = append(row, -1)
			}
			row[col] = id
		}
		col := 0
		fillCarried := func() {
			for col < len(carries) && carries[col].left > 0 {
				set(col, carries[col].id)
				carries[col].left--
				col++
			}
		}
		for _, c := range rowCells(tr) {
			fillCarried()
			cs := span(c, "colspan", maxColSpan)
			rs := span(c, "rowspan", min(maxRowSpan, len(trs)-ri))
			id := g.cell(cellText(c))
			for k := 0; k < cs && col < maxTableCols; k++ {
				set(col, id)
				for len(carries) <= col {
					carries = append(carries, carry{})
				}
				carries[col] = carry{id, rs - 1}
				col++
			}
		}
		for ; col < len(carries); col++ {
			if carries[col].left > 0 {
				set(col, carries[col].id)
				carries[col].left--
			}
		}
		if err := g.addRow(row); err != nil {
			return nil, nil, err
		}
	}
	rows, cells := g.table()
	return rows, cells, nil
}

// cellText is the text of a table cell on one line.
func cellText(n *html.Node) string {
	var c collapser
	c.node(n, 0)
	return c.b.String()
}

// collapser writes text with runs of white space collapsed to one space.
type collapser struct {
	b     strings.Builder
	space bool
}

func (c *collapser) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || r == utf8.RuneError {
			c.space = true
			continue
		}
		if c.space && c.b.Len() > 0 {
			c.b.WriteByte(' ')
		}
		c.space = false
		c.b.WriteRune(r)
	}
}

// node writes the text under n, block elements and line breaks as spaces.
func (c *collapser) node(n *html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		c.write(n.Data)
		return
	case html.ElementNode:
		if droppedTags[n.DataAtom] || hidden(n) {
			return
		}
		if n.DataAtom == atom.A && strings.HasPrefix(strings.ToLower(strings.TrimSpace(attr(n, "href"))), "javascript:") {
			return
		}
		if n.DataAtom == atom.Br || blockTags[n.DataAtom] {
			c.space = true
		}
	default:
		return
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.node(k, depth+1)
	}
}

// textOf is all the text under n, as is.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(n *html.Node, depth int)
	rec = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return b.String()
}

// collapse turns runs of white space into one space and trims.
func collapse(s string) string {
	var c collapser
	c.write(s)
	return c.b.String()
}

func findElement(n *html.Node, a atom.Atom, depth int) *html.Node {
	if depth > maxHTMLDepth {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a, depth+1); f != nil {
			return f
		}
	}
	return nil
}
