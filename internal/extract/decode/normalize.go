package decode

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
)

// normalize turns a page, as any format reader returns it, into a Document:
//
//   - pinyin glosses are removed (before conversion: a gloss follows the
//     original character) and traditional characters become simplified; the
//     Document's Script is the source text's;
//   - full-width digits, Latin letters and the ideographic space become ASCII
//     (Chinese punctuation stays);
//   - white space is tidied: lines trimmed, runs of spaces collapsed, spaces
//     between two Han characters, or a Han character and a digit, removed;
//   - web furniture lines are dropped (never table rows), and so are empty lines;
//   - table cells are normalized alike, rows padded to the table's width, and
//     each row's line rendered by RowLine, so that Lines[Line+i] is always
//     RowLine(Rows[i]) with Line counted after the dropped lines.
func (d *decoder) normalize(p *page) (*Document, error) {
	c := hanzi.Default()
	doc := &Document{
		Format:   p.format,
		Encoding: p.encoding,
		Title:    cleanText(c, hanzi.StripPinyin(p.title)),
	}
	tables := tablesInOrder(p)

	// The script of the source text (table rows are lines too; pinyin glosses,
	// being Latin, do not count).
	var src strings.Builder
	size := len(p.title)
	for _, l := range p.lines {
		size += 1 + len(l)
	}
	src.Grow(size)
	src.WriteString(p.title)
	for _, l := range p.lines {
		src.WriteByte('\n')
		src.WriteString(l)
	}
	doc.Script = c.Script(src.String())

	doc.Lines = make([]string, 0, len(p.lines))
	next := 0 // the next table
	for i := 0; i < len(p.lines); i++ {
		if err := d.step(); err != nil {
			return nil, err
		}
		if next < len(tables) && tables[next].Line == i {
			t := normalizeTable(c, tables[next], len(doc.Lines))
			if len(t.Rows) > 0 {
				for _, r := range t.Rows {
					l := RowLine(r)
					if err := d.line(l); err != nil {
						return nil, err
					}
					doc.Lines = append(doc.Lines, l)
				}
				doc.Tables = append(doc.Tables, t)
			}
			i += len(tables[next].Rows) - 1
			next++
			continue
		}
		for _, part := range splitJoined(p.lines[i]) {
			l := cleanText(c, hanzi.StripPinyin(part))
			if l == "" || isWebFurniture(l) {
				continue
			}
			if l = trimMetaFurniture(l); l != "" {
				if err := d.line(l); err != nil {
					return nil, err
				}
				doc.Lines = append(doc.Lines, l)
			}
		}
	}
	return doc, nil
}

// tablesInOrder returns the page's tables sorted by their first line, without
// those that do not fit the page's lines or overlap an earlier table, and with
// rows beyond the last line cut off. Readers keep to this; normalize does not
// trust it.
func tablesInOrder(p *page) []Table {
	ts := slices.Clone(p.tables)
	slices.SortStableFunc(ts, func(a, b Table) int { return a.Line - b.Line })
	out := ts[:0]
	end := 0 // the first line after the previous table
	for _, t := range ts {
		if t.Line < end || t.Line >= len(p.lines) || len(t.Rows) == 0 {
			continue
		}
		if n := len(p.lines) - t.Line; len(t.Rows) > n {
			t.Rows = t.Rows[:n]
		}
		out = append(out, t)
		end = t.Line + len(t.Rows)
	}
	return out
}

// normalizeTable normalizes the cells of t, drops its empty rows, pads rows to
// the widest, and places it at line. A merged cell is normalized once, and the
// positions it covers share the result.
func normalizeTable(c *hanzi.Converter, t Table, line int) Table {
	if t.Cells == nil {
		return normalizePositions(c, t, line)
	}
	cells := t.Cells
	rows := make([][]string, len(t.Rows))
	covered := make([][]bool, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = make([]string, len(r))
		covered[i] = make([]bool, len(r))
	}
	norm := make([]string, len(cells))
	for k, cl := range cells {
		norm[k] = cleanText(c, hanzi.StripPinyin(cl.Text))
		for i := max(cl.Row, 0); i < min(cl.Row+cl.RowSpan, len(rows)); i++ {
			for j := max(cl.Col, 0); j < min(cl.Col+cl.ColSpan, len(rows[i])); j++ {
				rows[i][j], covered[i][j] = norm[k], true
			}
		}
	}
	// The rows kept (not empty), and where each row went (-1: dropped).
	out := Table{Line: line, Page: t.Page, Rows: make([][]string, 0, len(rows))}
	moved := make([]int, len(rows))
	width := 0
	for i, row := range rows {
		empty := true
		for j := range row {
			if !covered[i][j] && t.Rows[i][j] != "" { // no cell says what this is: as it is
				row[j] = cleanText(c, hanzi.StripPinyin(t.Rows[i][j]))
			}
			empty = empty && row[j] == ""
		}
		moved[i] = -1
		if empty {
			continue
		}
		moved[i] = len(out.Rows)
		out.Rows = append(out.Rows, row)
		width = max(width, len(row))
	}
	for i, r := range out.Rows {
		for len(r) < width {
			r = append(r, "")
		}
		out.Rows[i] = r
	}
	// The cells, on the rows kept.
	out.Cells = make([]Cell, 0, len(cells))
	for k, cl := range cells {
		first, n := -1, 0
		for i := max(cl.Row, 0); i < min(cl.Row+cl.RowSpan, len(rows)); i++ {
			if moved[i] >= 0 {
				if first < 0 {
					first = moved[i]
				}
				n++
			}
		}
		if n == 0 {
			continue
		}
		cl.Row, cl.RowSpan, cl.Text = first, n, norm[k]
		out.Cells = append(out.Cells, cl)
	}
	slices.SortStableFunc(out.Cells, func(a, b Cell) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	return out
}

// normalizePositions is normalizeTable for a table without cells (a plain-text
// table): each position of its rows is a cell of its own.
func normalizePositions(c *hanzi.Converter, t Table, line int) Table {
	out := Table{Line: line, Page: t.Page, Rows: make([][]string, 0, len(t.Rows))}
	width, n := 0, 0
	for _, r := range t.Rows {
		row := make([]string, len(r))
		empty := true
		for j, cell := range r {
			row[j] = cleanText(c, hanzi.StripPinyin(cell))
			empty = empty && row[j] == ""
		}
		if empty {
			continue
		}
		out.Rows = append(out.Rows, row)
		width = max(width, len(row))
		n += len(row)
	}
	out.Cells = make([]Cell, 0, n)
	for i, r := range out.Rows {
		for j, s := range r {
			out.Cells = append(out.Cells, Cell{Row: i, Col: j, RowSpan: 1, ColSpan: 1, Text: s})
		}
		for len(r) < width {
			r = append(r, "")
		}
		out.Rows[i] = r
	}
	return out
}

// cleanText normalizes one line or cell: simplified, folded to ASCII where
// full-width, white space tidied. A cell's line breaks become spaces.
func cleanText(c *hanzi.Converter, s string) string {
	return tidySpaces(foldWidth(c.ToSimplified(s)))
}

// foldWidth folds full-width digits and Latin letters to ASCII, makes every
// space character (the ideographic space, no-break spaces, tabs, line breaks) a
// plain space, and removes zero-width and control characters. Chinese
// punctuation, full-width or not, stays.
func foldWidth(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x20 && r < 0x7F {
			i++
			continue
		}
		if fold, _ := foldRune(r); fold != r || n == 0 {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if f, keep := foldRune(r); keep {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// foldRune returns what foldWidth makes of r, and false when it removes r.
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0', true
	case r >= 'Ａ' && r <= 'Ｚ':
		return r - 'Ａ' + 'A', true
	case r >= 'ａ' && r <= 'ｚ':
		return r - 'ａ' + 'a', true
	case r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060', r == '\uFEFF':
		return -1, false
	case unicode.IsSpace(r):
		return ' ', true
	case r < 0x20, r >= 0x7F && r < 0xA0:
		return -1, false
	}
	return r, true
}

// tidySpaces trims s, collapses runs of spaces to one, and removes a space
// between two wide characters (Han or Chinese punctuation) or a wide character
// and a digit: "2024 年" is "2024年", "申请 3119 件" is "申请3119件". Spaces
// between Latin words, or between numbers, stay.
func tidySpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // the last rune written
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != ' ' {
			b.WriteString(s[i : i+n])
			prev = r
			i += n
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		if !(isWide(prev) && (isWide(next) || isDigit(next)) || isDigit(prev) && isWide(next)) {
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWide reports whether r is a Han character or Chinese punctuation, which
// take no spaces around them.
func isWide(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF65:
		return true // CJK symbols and punctuation, full-width forms
	case r == '“', r == '”', r == '‘', r == '’', r == '…', r == '—':
		return true
	case r < 0x2E80:
		return false
	}
	return unicode.Is(unicode.Han, r)
}

// Web furniture: the lines a government CMS puts around a report. The rules are
// keyed to the general wording of such sites, not to any one page.
var (
	// furniturePrefixes start lines that are furniture whatever follows.
	furniturePrefixes = []string{
		"当前位置", "您的位置", "您现在的位置", "您当前的位置", "你的位置", "你现在的位置", "所在位置",
		"您的浏览器版本太低", "您的浏览器版本过低", "为了更好的浏览体验", "为了获得更好的浏览体验",
		"您访问的链接即将离开", "您即将离开", "扫一扫在手机上", "扫一扫在手机打开", "分享到",
	}
	// furnitureWords are the buttons and links of a page's toolbars: a short line
	// made of nothing else is furniture ("【打印】【关闭】", "字体：大 中 小").
	furnitureWords = map[string]bool{
		"打印": true, "打印本页": true, "打印此页": true, "打印页面": true, "关闭": true, "关闭窗口": true,
		"关闭本页": true, "收藏": true, "加入收藏": true, "返回顶部": true, "返回": true, "返回首页": true,
		"分享": true, "分享到": true, "字体": true, "字号": true, "大": true, "中": true, "小": true,
		"大中小": true, "默认": true, "放大": true, "缩小": true, "网站首页": true, "首页": true,
		"保存": true, "保存本页": true, "微信": true, "微博": true, "QQ空间": true, "上一篇": true,
		"下一篇": true, "纠错": true, "我要纠错": true, "繁体": true, "简体": true, "繁體": true,
		"无障碍": true, "扫一扫": true, "附件": true, "相关附件": true, "附件下载": true, "全真版": true,
		"文字版": true, "文件下载": true, "相关链接": true, "-->": true,
	}
	breadcrumbRoots = map[string]bool{"首页": true, "网站首页": true, "主页": true, "返回首页": true, "home": true}
	// Page numbers of a PDF: "-3-", "— 3 —", "第3页 共6页", "共6页 第3页".
	pageNumberLine = regexp.MustCompile(`^(?:[-—–－‒─]+ ?\d{1,4} ?[-—–－‒─]+|第 ?\d{1,4} ?页 ?[,，/]? ?(?:共 ?\d{1,4} ?页)?|共 ?\d{1,4} ?页 ?[,，/]? ?第 ?\d{1,4} ?页)$`)
)

// isWebFurniture reports whether a normalized line is web furniture.
func isWebFurniture(l string) bool {
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if utf8.RuneCountInString(l) > maxFurnitureRunes {
		return false
	}
	if isBreadcrumb(l) || isToolbar(l) || isCounter(l) {
		return true
	}
	return strings.ContainsAny(l, "0123456789") && pageNumberLine.MatchString(l)
}

// isBreadcrumb reports whether l is a navigation path from the site's home
// page: "首页 >> 政府信息公开 >> 正文".
func isBreadcrumb(l string) bool {
	i := strings.IndexAny(l, ">»›＞")
	if i <= 0 {
		return false
	}
	root := strings.ToLower(strings.TrimSpace(l[:i]))
	return breadcrumbRoots[root]
}

// isToolbar reports whether l is made of toolbar words only.
func isToolbar(l string) bool {
	words := strings.FieldsFunc(l, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("【】[]()（）〔〕|｜/·•:：,，、>»", r)
	})
	if len(words) == 0 {
		return true // punctuation only: 【】 or ":"
	}
	for _, w := range words {
		if !furnitureWords[w] {
			return false
		}
	}
	return true
}

// Counters on a page's metadata line ("… 来源: 作者: 编辑:赵暖星 点击:"): they
// change on every visit, and a script fills them in a browser, so a scraped page
// carries an empty label or a number of the day. They are removed; the rest of
// the line (its date above all) stays.
var metaLine = regexp.MustCompile(`\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|来源|发布时间|发布日期|发文日期|作者`)

// isCounter reports whether l is nothing but a visit counter ("浏览次数：123").
func isCounter(l string) bool {
	return hasCounterWord(l) && counterStart(l) == 0
}

func hasCounterWord(l string) bool {
	return strings.Contains(l, "点击") || strings.Contains(l, "浏览") || strings.Contains(l, "阅读") || strings.Contains(l, "访问")
}

// counterStart returns where the visit counter that ends l starts, or -1 when l
// does not end in one. A counter is what this expression matches at the end of
// a line:
//
//	\s*(?:【\s*)?(?:点击|浏览|阅读|访问)(?:数|次数|量|率)?\s*[:：]\s*\d*\s*次?\s*(?:】)?\s*$
//
// It reads l backwards from its end, so that it costs the length of the
// counter, not of the line: trimMetaFurniture calls it once for each piece it
// removes. (A regular expression anchored at the end still scans the whole
// line.) Every choice is forced, so reading backwards finds the leftmost start.
func counterStart(l string) int {
	i := len(l)
	spaces := func() {
		for i > 0 && isRESpace(l[i-1]) {
			i--
		}
	}
	suffix := func(s string) bool {
		if strings.HasSuffix(l[:i], s) {
			i -= len(s)
			return true
		}
		return false
	}
	spaces()
	suffix("】")
	spaces()
	suffix("次") // no word the expression needs before the colon ends in 次
	spaces()
	for i > 0 && l[i-1] >= '0' && l[i-1] <= '9' {
		i--
	}
	spaces()
	if !suffix(":") && !suffix("：") {
		return -1
	}
	spaces()
	_ = suffix("次数") || suffix("数") || suffix("量") || suffix("率") // no verb ends in one of these
	if !suffix("点击") && !suffix("浏览") && !suffix("阅读") && !suffix("访问") {
		return -1
	}
	spaces()
	if suffix("【") {
		spaces()
	}
	return i
}

// isRESpace reports whether b is white space as \s of Go's regular expressions.
func isRESpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// trimMetaFurniture removes the visit counters and the toolbar buttons
// ("【字体：大 中 小】【打印】") at the end of a metadata line. Each turn of its
// loop looks at the end of the line only (a counter, or a toolbar group of at
// most maxToolbarBytes), so that a line of a thousand of them costs no more than
// its length.
func trimMetaFurniture(l string) string {
	if !strings.HasSuffix(l, "】") && !hasCounterWord(l) {
		return l // the common case, without a regular expression
	}
	if !metaLine.MatchString(l) {
		return l
	}
	for {
		t := l
		if i := counterStart(t); i >= 0 {
			t = t[:i]
		}
		if strings.HasSuffix(t, "】") {
			tail := t[max(0, len(t)-maxToolbarBytes):]
			if i := strings.LastIndex(tail, "【"); i >= 0 && isToolbar(tail[i:]) {
				t = strings.TrimSpace(t[:len(t)-len(tail)+i])
			}
		}
		if len(t) == len(l) { // t is l or a prefix of it
			return l
		}
		l = t
	}
}
