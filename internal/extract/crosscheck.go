package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The report's text against its tables: where a sentence states a figure a table
// also holds ("全市共受理政府信息公开申请3119件") and the two differ, a warning quoting
// both. Which figures a text states, in which words, is the template's description
// (schema.Statement); this file finds the counts of the text and compares them. It
// never changes a figure.

// statedCount is a count of the text with a unit: "3119件", "2起".
var statedCount = regexp.MustCompile(`([0-9][0-9,]*|[零〇一二两三四五六七八九十百千]{1,6})\s*(余|多)?\s*(件|个|宗|起|条|部)`)

// clauseBreaks end the lead of a count: the words that say what it counts are in
// its own clause.
const clauseBreaks = "，,：:（(）)"

// textCount is one count found in a sentence.
type textCount struct {
	n          int64
	unit       string
	start, end int    // of the count and its unit, in the line
	lead       string // the words before it, back to the previous count or the clause's start
	after      string // the rest of its clause
	before     string // the sentence up to the count
}

// checkStatements compares each count of the report's prose that a statement of the
// template describes with the table figures it may be, and warns where it is none.
func (b *builder) checkStatements() {
	if len(b.tmpl.Statements) == 0 {
		return
	}
	inTable := tableLines(b)
	warned := make(map[string]bool)
	for i, line := range b.doc.Lines {
		if inTable[i] || !hanzi.ContainsAny(line, "件个宗起条部") {
			continue
		}
		for _, sp := range sentences(line) {
			// Parts ("其中结果维持72件") belong to the sentence's last statement.
			var parent *schema.Statement
			for _, c := range countsOf(line[sp.start:sp.end]) {
				c.start, c.end = sp.start+c.start, sp.start+c.end
				if st := matchStatement(b.tmpl.Statements, c, false); st != nil {
					parent = st
					b.compareStated(st, st.Rule, st.Label, c, i, warned)
					continue
				}
				if parent == nil {
					continue
				}
				if pt := matchStatement(parent.Parts, c, true); pt != nil {
					b.compareStated(pt, parent.Rule, parent.Label+"中"+pt.Label, c, i, warned)
				}
			}
		}
	}
}

// countsOf finds the counts of a sentence, with their leads. A count that is
// approximate ("75余件", "近80件"), an ordinal ("第3件"), of person-times ("3件次") or
// a fraction ("1.5件") is not one to compare: it ends the previous lead but is not
// listed. Ten thousands ("1.2万件") are not counts the pattern finds.
func countsOf(sent string) []textCount {
	var out []textCount
	prevEnd := 0
	if !hanzi.ContainsAny(sent, "0123456789零〇一二两三四五六七八九十百千") {
		return nil // no count (and the regexp need not run)
	}
	for _, m := range statedCount.FindAllStringSubmatchIndex(sent, -1) {
		start, end := m[0], m[1]
		num, unit := sent[m[2]:m[3]], sent[m[6]:m[7]]
		leadFrom := prevEnd
		if k := strings.LastIndexAny(sent[:start], clauseBreaks); k >= 0 {
			_, size := firstRune(sent[k:])
			leadFrom = max(leadFrom, k+size)
		}
		lead := sent[leadFrom:start]
		prevEnd = end
		rest := sent[end:]
		n, ok := parseCount(strings.ReplaceAll(num, ",", ""))
		isHan := !isDigitByte(num[0])
		switch {
		case !ok, m[4] >= 0, strings.HasSuffix(lead, "第"), strings.HasPrefix(rest, "次"),
			strings.HasSuffix(sent[:start], "."), // "1.5件": a fraction
			isHan && unit != "件" && unit != "起",  // "一个" is prose
			strings.HasSuffix(lead, "近") || strings.HasSuffix(lead, "约") || strings.HasSuffix(lead, "逾"):
			continue
		}
		after := rest
		if k := strings.IndexAny(after, clauseBreaks+"。；;"); k >= 0 {
			after = after[:k]
		}
		out = append(out, textCount{n: n, unit: unit, start: start, end: end, lead: lead, after: after, before: sent[:start]})
	}
	return out
}

// matchStatement returns the first statement of ss that describes the count, or
// nil. For a part, only its Words, Exclude and Units apply.
func matchStatement(ss []schema.Statement, c textCount, part bool) *schema.Statement {
	for k := range ss {
		st := &ss[k]
		if !containsAny(c.unit, st.Units...) {
			continue
		}
		byLead := len(st.Words) > 0 && containsAny(c.lead, st.Words...) &&
			(part || len(st.Also) == 0 || containsAny(c.lead, st.Also...)) && !containsAny(c.lead, st.Exclude...)
		byAfter := !byLead && len(st.After) > 0 && containsAny(c.after, st.After...) &&
			!containsAny(c.after, st.Exclude...) && !containsAny(c.lead, st.Exclude...)
		if !byLead && !byAfter {
			continue
		}
		if !part && len(st.With) > 0 && !containsAny(c.before, st.With...) {
			continue
		}
		return st
	}
	return nil
}

// compareStated compares a count with the table figures a statement says it may be,
// and warns under rule, once per statement and count, when it is none of those the
// record gives. what names the count for the message.
func (b *builder) compareStated(st *schema.Statement, rule, what string, c textCount, line int, warned map[string]bool) {
	var table, paths []string
	for _, s := range st.Sums {
		v, ok := sumFigures(b.rec, s.Paths)
		if !ok {
			continue
		}
		if v == float64(c.n) {
			return // the text agrees with a reading of the tables
		}
		label := s.Label
		if label == "" {
			label = st.Label
		}
		table = append(table, label+formatFloat(v)+c.unit)
		for _, p := range s.Paths {
			if !slices.Contains(paths, p) {
				paths = append(paths, p)
			}
		}
	}
	key := rule + "\x00" + what + "\x00" + fmt.Sprint(c.n)
	if len(table) == 0 || warned[key] {
		return // the tables do not give it, or it is said already
	}
	warned[key] = true
	b.warn(rule, paths[0], "正文（第%d行）称%s%d%s（“%s”），表格为%s", line+1, what, c.n, c.unit,
		snippet(b.doc.Lines[line], c.start, c.end), strings.Join(table, "、"))
	b.checks[len(b.checks)-1].Paths = paths
}

// sumFigures adds the figures at paths as the record gives or derives them; ok is
// false when one is absent.
func sumFigures(r *record.Record, paths []string) (float64, bool) {
	var sum float64
	for _, p := range paths {
		v, ok := record.Derived(r, p)
		if !ok {
			return 0, false
		}
		sum += v
	}
	return sum, len(paths) > 0
}

func formatFloat(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprint(int64(v))
	}
	return fmt.Sprint(v)
}
