package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/record"
)

// heading is a numbered heading of the report: "二、主动公开政府信息情况" (level 1) or
// "（四）依申请公开情况" (level 2).
type heading struct {
	line  int
	level int
	text  string
}

var (
	headingL1 = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}\s*[、.．]`)
	headingL2 = regexp.MustCompile(`^[（(][一二三四五六七八九十]{1,3}[）)]`)
)

// headings lists the document's headings: short numbered lines outside tables.
func headings(b *builder) []heading {
	if b.headings == nil {
		b.headings = findHeadings(b)
	}
	return b.headings
}

func findHeadings(b *builder) []heading {
	inTable := tableLines(b)
	var hs []heading
	for i, l := range b.doc.Lines {
		if inTable[i] {
			continue
		}
		l = strings.TrimSpace(l)
		level := 0
		switch {
		case headingL1.MatchString(l):
			level = 1
		case headingL2.MatchString(l):
			level = 2
		default:
			continue
		}
		// A heading is short, or its first sentence is ("（一）主动公开情况。2024年，…").
		text := l
		if i := strings.IndexAny(l, "。：:"); i >= 0 {
			text = l[:i]
		}
		if utf8.RuneCountInString(text) > 40 {
			continue
		}
		hs = append(hs, heading{line: i, level: level, text: text})
	}
	if hs == nil {
		hs = []heading{}
	}
	return hs
}

// tableLines returns the set of the document's lines that are table rows.
func tableLines(b *builder) map[int]bool {
	if b.tableLines == nil {
		b.tableLines = make(map[int]bool)
		for _, t := range b.doc.Tables {
			for i := range t.Rows {
				b.tableLines[t.Line+i] = true
			}
		}
	}
	return b.tableLines
}

// section returns the line range [from, to) of the first heading that contains one
// of words (and none of not), up to the next heading of the same or a higher level.
// ok is false when there is no such heading.
func section(b *builder, hs []heading, words []string, not []string) (from, to int, ok bool) {
	for k, h := range hs {
		if !containsAny(h.text, words...) || containsAny(h.text, not...) {
			continue
		}
		end := len(b.doc.Lines)
		for _, h2 := range hs[k+1:] {
			if h2.level <= h.level {
				end = h2.line
				break
			}
		}
		return h.line, end, true
	}
	return 0, 0, false
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	overviewWords = []string{"总体情况", "概述", "基本情况", "工作概况", "概况", "总体工作"}
	problemWords  = []string{"问题", "改进", "不足", "整改", "打算", "努力方向", "下一步"}
	otherWords    = []string{"其他需要报告", "其他需报告", "其它需要报告", "其它需报告", "其他事项", "需要报告的", "需报告的"}
)

// readNarrative keeps the report's own words of its overview, its problems and
// improvements, and its other matters.
func (b *builder) readNarrative() {
	hs := headings(b)
	n := &record.Narrative{}
	top := hs[:0:0]
	for _, h := range hs {
		if h.level == 1 {
			top = append(top, h)
		}
	}
	end := b.bodyEnd()
	// Overview: the first top-level section that is an overview.
	for k, h := range top {
		if containsAny(h.text, overviewWords...) {
			to := end
			if k+1 < len(top) {
				to = top[k+1].line
			}
			n.Overview = b.text(h.line+1, to)
			break
		}
	}
	// Problems and improvements: from its heading on, through the sections that
	// continue it (some reports number 存在的问题 and 改进措施 anew inside it), up to
	// the other matters or the end.
	for k, h := range top {
		if !containsAny(h.text, problemWords...) || containsAny(h.text, otherWords...) {
			continue
		}
		to := end
		for _, h2 := range top[k+1:] {
			if !containsAny(h2.text, problemWords...) && !containsAny(h2.text, "存在", "措施", "方向", "建议") || containsAny(h2.text, otherWords...) {
				to = h2.line
				break
			}
		}
		n.ProblemsAndImprovements = b.text(h.line+1, min(to, end))
		break
	}
	for k, h := range top {
		if containsAny(h.text, otherWords...) {
			to := end
			if k+1 < len(top) {
				to = min(top[k+1].line, end)
			}
			n.OtherMatters = b.text(h.line+1, to)
			break
		}
	}
	if *n != (record.Narrative{}) {
		b.rec.Narrative = n
	}
}

// bodyEnd is the line after the report's body: the signature (the agency's name, a
// date) and attachments at the end are not narrative.
func (b *builder) bodyEnd() int {
	lines := b.doc.Lines
	end := len(lines)
	for end > 0 {
		l := strings.TrimSpace(strings.Trim(strings.TrimSpace(lines[end-1]), "()（）"))
		isDate := dateCN.FindString(l) == l && l != ""
		if isDate || agencyShape.MatchString(l) || strings.HasPrefix(l, "附件") || l == "" {
			end--
			continue
		}
		break
	}
	return end
}

// text joins the lines [from, to) that are not table rows.
func (b *builder) text(from, to int) record.Text {
	inTable := tableLines(b)
	var parts []string
	for i := max(0, from); i < min(to, len(b.doc.Lines)); i++ {
		if inTable[i] {
			continue
		}
		if l := strings.TrimSpace(b.doc.Lines[i]); l != "" {
			parts = append(parts, l)
		}
	}
	return record.Text(strings.Join(parts, "\n"))
}
