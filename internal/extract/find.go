package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// num is the pattern of a count in running text: Arabic digits (with thousands
// separators) or small Chinese numerals ("两件", "十余条").
const num = `(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]{1,6})`

// approxAfter is the pattern of "余", "多" after a count.
const approxAfter = `(?P<approx>余|多)?`

// hit is a match of a pattern in a line of the document.
type hit struct {
	line       int
	start, end int // of the whole match, in bytes
	n          int64
	isInt      bool
	value      float64
	approx     bool
	text       string

	re  *pattern
	sub []int // the submatch offsets, in the line
}

// group returns the text of a named group of the match, or "".
func (h hit) group(name string) string {
	if h.re == nil {
		return ""
	}
	i := h.re.SubexpIndex(name)
	if i < 0 || 2*i+1 >= len(h.sub) || h.sub[2*i] < 0 {
		return ""
	}
	return h.text[h.sub[2*i]-h.start : h.sub[2*i+1]-h.start]
}

// A pattern is a regular expression and a word every match contains: lines without
// the word are not searched, which keeps extraction fast (Go's regexp scans a line
// in linear time, but a report has hundreds of lines and dozens of patterns).
type pattern struct {
	*regexp.Regexp
	need [][]string // a line without a word of each group is not searched

	// first, when known, are the characters every match starts with; the
	// pattern is then tried, anchored, only where they occur (matches). Go's
	// regexp has no literal prefix to skip ahead with when a pattern begins with
	// an alternation ("主动公开|公开发布|公布"), and tries every byte of a line.
	first    []rune
	anchored *regexp.Regexp
}

// pat makes a pattern; need says what words every match holds: groups separated by
// ";", each a word or several separated by "|" ("信息|文件;条|件" is 信息 or 文件, and
// 条 or 件).
func pat(need, expr string) *pattern {
	re := regexp.MustCompile(expr)
	p := &pattern{Regexp: re}
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		if first, ok := firstRunes(tree.Simplify()); ok && len(first) <= maxFirstRunes {
			p.first = first
			p.anchored = regexp.MustCompile(`^(?:` + expr + `)`)
		}
	}
	if need != "" {
		for _, g := range strings.Split(need, ";") {
			p.need = append(p.need, strings.Split(g, "|"))
		}
	}
	return p
}

// worthSearching reports whether a line may hold a match: it has a word of each of
// the groups every match holds words of.
func (p *pattern) worthSearching(l string) bool {
	for _, g := range p.need {
		if !containsAny(l, g...) {
			return false
		}
	}
	return true
}

// findAll returns the matches of re in the prose lines [from, to) (table rows are
// read as tables), in document order, with the count of its "n" group parsed.
// Matches whose count does not parse are dropped, and so are matches rejected by
// keep (given the line and the match's start).
func (b *builder) findAll(from, to int, re *pattern, keep func(line string, start int) bool) []hit {
	lines := b.doc.Lines
	inTable := tableLines(b)
	ni := re.SubexpIndex("n")
	ai := re.SubexpIndex("approx")
	var out []hit
	for i := max(0, from); i < min(to, len(lines)); i++ {
		l := lines[i]
		if inTable[i] || !re.worthSearching(l) {
			continue
		}
		for _, m := range re.matches(l) {
			if keep != nil && !keep(l, m[0]) {
				continue
			}
			h := hit{line: i, start: m[0], end: m[1], text: l[m[0]:m[1]], re: re, sub: m}
			if ni >= 0 && m[2*ni] >= 0 {
				s := l[m[2*ni]:m[2*ni+1]]
				if v, isInt, ok := parseArabic(s); ok {
					h.value, h.isInt, h.n = v, isInt, int64(v)
				} else if n, ok := parseChinese(s); ok {
					h.value, h.isInt, h.n = float64(n), true, n
				} else {
					continue
				}
			}
			if ai >= 0 && m[2*ai] >= 0 {
				h.approx = true
			}
			out = append(out, h)
		}
	}
	return out
}

// maxFirstRunes is the most first characters a pattern is tried at: with more,
// finding them all costs what the plain search does.
const maxFirstRunes = 8

// firstRunes returns the characters every match of re starts with, or false when
// re does not say (it may match empty, starts with a class or folds case).
func firstRunes(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return re.Rune[:1], true
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return firstRunes(re.Sub[0])
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return nil, false
		}
		return firstRunes(re.Sub[0])
	case syntax.OpAlternate:
		var out []rune
		for _, sub := range re.Sub {
			rs, ok := firstRunes(sub)
			if !ok {
				return nil, false
			}
			out = append(out, rs...)
		}
		slices.Sort(out)
		return slices.Compact(out), true
	case syntax.OpCharClass:
		var out []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) > maxFirstRunes {
					return nil, false
				}
				out = append(out, r)
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}

// matches returns the submatch offsets of p's matches in l, as
// FindAllStringSubmatchIndex(l, -1) does.
func (p *pattern) matches(l string) [][]int {
	if p.anchored == nil {
		return p.FindAllStringSubmatchIndex(l, -1)
	}
	var out [][]int
	end := 0
	for _, a := range p.starts(l) {
		if a < end {
			continue
		}
		if m := p.matchAt(l, a); m != nil {
			out = append(out, m)
			end = m[1]
		}
	}
	return out
}

// index returns the submatch offsets of p's first match in l, as
// FindStringSubmatchIndex(l) does.
func (p *pattern) index(l string) []int {
	if !p.worthSearching(l) {
		return nil
	}
	if p.anchored == nil {
		return p.FindStringSubmatchIndex(l)
	}
	for _, a := range p.starts(l) {
		if m := p.matchAt(l, a); m != nil {
			return m
		}
	}
	return nil
}

// starts returns where in l a match of p may start: the offsets of p's first
// characters, in order.
func (p *pattern) starts(l string) []int {
	var at []int
	for _, r := range p.first {
		for off := 0; ; {
			i := strings.IndexRune(l[off:], r)
			if i < 0 {
				break
			}
			at = append(at, off+i)
			off += i + utf8.RuneLen(r)
		}
	}
	slices.Sort(at)
	return slices.Compact(at)
}

// matchAt returns the submatch offsets, in l, of p's match starting at a, or nil.
func (p *pattern) matchAt(l string, a int) []int {
	m := p.anchored.FindStringSubmatchIndex(l[a:])
	for k := range m {
		if m[k] >= 0 {
			m[k] += a
		}
	}
	return m
}

// notAfter returns a keep function that rejects a match preceded by one of the
// words (e.g. "不" before "同意公开").
func notAfter(words ...string) func(string, int) bool {
	return func(line string, start int) bool {
		before := line[:start]
		for _, w := range words {
			if strings.HasSuffix(before, w) {
				return false
			}
		}
		return true
	}
}

// sentences splits a line into sentences (on 。；！？ and ;), keeping byte offsets.
func sentences(line string) []span {
	var out []span
	start := 0
	for i, r := range line {
		switch r {
		case '。', '；', ';', '！', '？':
			out = append(out, span{start, i})
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(line) {
		out = append(out, span{start, len(line)})
	}
	return out
}

type span struct{ start, end int }
