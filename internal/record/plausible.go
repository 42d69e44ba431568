package record

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/schema"
)

// Plausibility: figures that add up may still be wrong. A part larger than its
// whole (the template's Bounds), a rate outside 0–100%, a headline figure that jumps
// or collapses from one year to the next. The limits are in limits.go.

// Rules of the plausibility checks (the bounds' rules are their templates').
const (
	RuleRateRange = "rate.range" // a derived rate below 0% or above 100%
	RuleYearRatio = "year.ratio" // a summary figure more than MaxYearRatio times the year before's, or less than its 1/MaxYearRatio
)

// checkBounds checks the bounds of r's template: no part above its whole.
func checkBounds(t *schema.Template, r *Record) []Check {
	var cs []Check
	for _, bd := range t.Bounds {
		if bd.Unless != "" && r.Flag(bd.Unless) {
			continue
		}
		each := func(row schema.Row, col schema.Column) {
			wholePaths := expandAll(bd.Whole, row.Key, col.Key)
			whole, ok := sumPaths(r, wholePaths)
			if !ok {
				return
			}
			for _, term := range bd.Parts {
				for _, p := range boundParts(t, r, schema.Expand(term, row.Key, col.Key)) {
					if p.value <= whole {
						continue
					}
					msg := strings.NewReplacer("{part}", p.label, "{p}", formatNumber(p.value),
						"{whole}", fieldLabel(t, wholePaths[0]), "{w}", formatNumber(whole),
						"{row}", row.Title(), "{col}", col.Label).Replace(bd.Message)
					cs = append(cs, Check{Rule: bd.Rule, Severity: SeverityWarning, Key: p.path, Message: msg,
						Paths: append([]string{p.path}, wholePaths...)})
				}
			}
		}
		for s := range t.EachSlot(bd.Each, bd.Table) {
			each(s.Row, s.Col)
		}
	}
	return cs
}

// boundPart is one part of a bound: a figure, or an item of a list.
type boundPart struct {
	path, label string
	value       float64
}

// boundParts lists the figures a part term names that the record gives: the
// figure, or each item of a list ("proactive.categories[*].count").
func boundParts(t *schema.Template, r *Record, term string) []boundPart {
	if base, rest, isList := strings.Cut(term, "[*]"); isList {
		if rest != ".count" {
			return nil
		}
		var out []boundPart
		for i, c := range r.List(base) {
			out = append(out, boundPart{path: base + "[" + strconv.Itoa(i) + "].count", label: c.Name, value: float64(c.Count)})
		}
		return out
	}
	if t.FieldIndex(term) < 0 {
		return nil
	}
	v, ok := Derived(r, term)
	if !ok {
		return nil
	}
	return []boundPart{{path: term, label: fieldLabel(t, term), value: v}}
}

func expandAll(paths []string, row, col string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = schema.Expand(p, row, col)
	}
	return out
}

// fieldLabel is the label of a figure of t, or its path.
func fieldLabel(t *schema.Template, path string) string {
	if f, ok := t.Field(bare(path)); ok {
		return f.Label
	}
	return path
}

// checkRateRange reports a derived rate of r below 0% or above 100%: a numerator
// larger than its denominator (more requests granted than answered).
func checkRateRange(t *schema.Template, r *Record) []Check {
	var s Summary
	summarizeRates(&s, r, t)
	var cs []Check
	for _, rate := range s.Rates() {
		if rate.Num >= 0 && rate.Num <= rate.Den {
			continue
		}
		rf := rateFigure(rate.Key)
		q := t.Rates[rate.Key]
		paths := bareAll(append(append([]string(nil), q.Num...), q.Den...))
		cs = append(cs, Check{Rule: RuleRateRange, Severity: SeverityWarning, Key: paths[0], Paths: paths,
			Message: fmt.Sprintf("%s为%s（%d ÷ %d），超出0—100%%：%s的分子大于分母", rf.Label, rate.Percent(), rate.Num, rate.Den, rf.Formula)})
	}
	return cs
}

func rateFigure(key string) schema.RateFigure {
	for _, rf := range schema.RateFigures {
		if rf.Key == key {
			return rf
		}
	}
	return schema.RateFigure{Key: key, Label: key}
}

func bareAll(terms []string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = bare(t)
	}
	return out
}

// checkYearRatio reports the summary figures of cur that are more than MaxYearRatio
// times those of the agency's report of the year before (prev), or less than
// 1/MaxYearRatio of them, when the figure is at least MinYearFigure in one of the
// two years. The templates may differ: summary figures compare across them.
func checkYearRatio(prev, cur *Record) []Check {
	ps, cs := Summarize(prev), Summarize(cur)
	t := cur.Template()
	var out []Check
	for _, sf := range schema.SummaryFigures {
		p, c := ps.Get(sf.Key), cs.Get(sf.Key)
		if p == nil || c == nil || max(*p, *c) < MinYearFigure {
			continue
		}
		var how string
		switch {
		case *c > MaxYearRatio**p && *p == 0:
			how = fmt.Sprintf("%d年报告为0", prev.Report.Year)
		case *c > MaxYearRatio**p:
			how = fmt.Sprintf("是%d年报告（%d）的%s倍", prev.Report.Year, *p, ratioText(*c, *p))
		case *p > MaxYearRatio**c && *c == 0:
			how = fmt.Sprintf("%d年报告为%d", prev.Report.Year, *p)
		case *p > MaxYearRatio**c:
			how = fmt.Sprintf("不到%d年报告（%d）的1/%d", prev.Report.Year, *p, MaxYearRatio)
		default:
			continue
		}
		var paths []string
		for _, path := range t.Summary[sf.Key] {
			if _, ok := Derived(cur, path); ok {
				paths = append(paths, path)
			}
		}
		key := ""
		if len(paths) > 0 {
			key = paths[0]
		}
		out = append(out, Check{Rule: RuleYearRatio, Severity: SeverityWarning, Key: key, Paths: paths,
			Message: fmt.Sprintf("%s本年为%d，%s；相差%d倍以上的变化请核对", sf.Label, *c, how, MaxYearRatio)})
	}
	return out
}

// ratioText writes a/b with one decimal, or as a whole number from 10 on.
func ratioText(a, b int64) string {
	r := float64(a) / float64(b)
	if r >= 10 {
		return strconv.FormatInt(int64(r), 10)
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}
