package record

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/schema"
)

// Rules of the checks of this package that are not a template's identities.
const (
	// RuleCarryOver is the identity across years of the 2019/2021 templates: 上年结转
	// of year N = 结转下年度 of year N−1. It is a template identity; the constant names
	// it for callers.
	RuleCarryOver = "requests.carry_over"
)

// Term prefixes of identity paths (package schema): a term of the previous year's
// record, a term subtracted.
const (
	prevPrefix  = "prev:"
	minusPrefix = "-"
)

// Validate checks the record against the arithmetic identities of its template and
// its plausibility, and returns one warning for each finding: an identity that
// breaks, a part larger than its whole (the template's bounds), a derived rate
// outside 0–100% (plausible.go). An identity or bound is checked only when every
// figure it involves is present (a figure the template derives, such as 2021's
// （六）其他处理, counts as present when what it is derived from is). The record is
// not changed: a report that breaks an identity is published as printed, with its
// checks. Checks across years are made by CheckAcrossYears.
func Validate(r *Record) []Check {
	t := r.Template()
	if t == nil {
		return nil
	}
	var cs []Check
	for _, id := range t.Identities {
		if !id.AcrossYears() {
			cs = append(cs, evaluate(t, id, r, nil)...)
		}
	}
	cs = append(cs, checkBounds(t, r)...)
	return append(cs, checkRateRange(t, r)...)
}

// CheckAcrossYears checks cur against the agency's report of the year before, prev
// (nil when there is none): the identities of cur's template that tie the two (the
// requests carried over into cur are those prev carried forward; 2021's 现行有效件数),
// summary figures that change more than MaxYearRatio times (plausible.go), and a
// narrative that repeats prev's (reuse.go).
func CheckAcrossYears(prev, cur *Record) []Check {
	if prev == nil || cur == nil {
		return nil
	}
	return checkAcrossYears(prev, cur, TextReuse(prev, cur))
}

// checkAcrossYears is CheckAcrossYears with u, TextReuse(prev, cur).
func checkAcrossYears(prev, cur *Record, u Reuse) []Check {
	if prev == nil || cur == nil {
		return nil
	}
	t := cur.Template()
	if t == nil {
		return nil
	}
	var cs []Check
	for _, id := range t.Identities {
		if id.AcrossYears() {
			cs = append(cs, evaluate(t, id, cur, prev)...)
		}
	}
	if prev.Template() != nil {
		cs = append(cs, checkYearRatio(prev, cur)...)
	}
	return append(cs, checkReuse(prev, u)...)
}

// CheckCarryOver is CheckAcrossYears.
func CheckCarryOver(prev, cur *Record) []Check { return CheckAcrossYears(prev, cur) }

// evaluate checks one identity of t on r (and prev, for terms of the previous year).
func evaluate(t *schema.Template, id schema.Identity, r, prev *Record) []Check {
	if id.Unless != "" && r.Flag(id.Unless) {
		return nil
	}
	var cs []Check
	each := func(row schema.Row, col schema.Column) {
		left, lterms, ok := sumTerms(t, id, row.Key, col.Key, r, prev)
		if !ok {
			return
		}
		right, rterms, ok := sumTerms(t, id, row.Key, col.Key, r, prev, true)
		if !ok || left == right {
			return
		}
		at := id.At
		if at == "" {
			at = id.Left[0]
		}
		repl := []string{"{row}", row.Title(), "{name}", row.FullName(), "{col}", col.Label,
			"{left}", formatNumber(left), "{right}", formatNumber(right)}
		if prev != nil {
			repl = append(repl, "{prev_year}", strconv.Itoa(prev.Report.Year))
		}
		for i, v := range lterms {
			repl = append(repl, "{left."+strconv.Itoa(i)+"}", formatNumber(v))
		}
		for i, v := range rterms {
			repl = append(repl, "{right."+strconv.Itoa(i)+"}", formatNumber(v))
		}
		key := bare(schema.Expand(at, row.Key, col.Key))
		paths := []string{key}
		for _, term := range append(slices.Clip(id.Left), id.Right...) {
			if _, _, prev := splitTerm(term); !prev {
				if p := bare(schema.Expand(term, row.Key, col.Key)); !slices.Contains(paths, p) {
					paths = append(paths, p)
				}
			}
		}
		cs = append(cs, Check{Rule: id.Rule, Severity: SeverityWarning, Key: key, Paths: paths,
			Message: strings.NewReplacer(repl...).Replace(id.Message)})
	}
	for s := range t.EachSlot(id.Each, id.Table) {
		each(s.Row, s.Col)
	}
	return cs
}

// sumTerms adds the terms of one side of an identity (Left, or Right when right is
// given) for a row or column; ok is false when a term is absent or is not a field of
// the template.
func sumTerms(t *schema.Template, id schema.Identity, row, col string, r, prev *Record, right ...bool) (sum float64, terms []float64, ok bool) {
	side := id.Left
	if len(right) > 0 {
		side = id.Right
	}
	for _, term := range side {
		sign, v, ok := termValue(t, term, row, col, r, prev)
		if !ok {
			return 0, nil, false
		}
		terms = append(terms, v)
		sum += sign * v
	}
	return sum, terms, len(side) > 0
}

// termValue is the value of one term of an identity: its sign (−1 for a term
// written "-path") and the figure. The prefixes may come in either order:
// "-prev:path" and "prev:-path" are both the previous year's figure, subtracted.
func termValue(t *schema.Template, term, row, col string, r, prev *Record) (sign, v float64, ok bool) {
	sign, term, fromPrev := splitTerm(term)
	rec := r
	if fromPrev {
		rec = prev
		if rec == nil {
			return 0, 0, false
		}
	}
	path := schema.Expand(term, row, col)
	if base, rest, isList := strings.Cut(path, "[*]"); isList {
		items := rec.List(base)
		if len(items) == 0 || rest != ".count" {
			return 0, 0, false
		}
		var n int64
		for _, c := range items {
			n += c.Count
		}
		return sign, float64(n), true
	}
	if rec.Template() == nil || rec.Template().FieldIndex(path) < 0 {
		return 0, 0, false
	}
	v, ok = Derived(rec, path)
	return sign, v, ok
}

// splitTerm strips a term's prefixes, in either order: the sign (−1 for "-") and
// whether the term is the previous year's figure ("prev:").
func splitTerm(term string) (sign float64, path string, prev bool) {
	sign = 1
	for {
		switch {
		case strings.HasPrefix(term, minusPrefix) && sign > 0:
			sign, term = -1, term[len(minusPrefix):]
		case strings.HasPrefix(term, prevPrefix) && !prev:
			prev, term = true, term[len(prevPrefix):]
		default:
			return sign, term, prev
		}
	}
}

// maxDerivation bounds how deep a derived figure may rest on other derived figures.
const maxDerivation = 3

// Derived returns the figure at path, or, when the record does not give it and its
// template derives it (an identity marked Fill whose Left is the figure: a blank
// total, 2021's （六）其他处理), the figure derived from what the record gives.
func Derived(r *Record, path string) (float64, bool) { return derived(r, path, maxDerivation) }

func derived(r *Record, path string, depth int) (float64, bool) {
	if v, ok := r.figures[path]; ok && v.Kind != schema.Flag {
		return v.Float(), true
	}
	t := r.Template()
	if t == nil || depth == 0 {
		return 0, false
	}
	for _, f := range t.FillsOf(path) {
		var sum float64
		all := true
		for _, term := range f.Terms {
			v, ok := derived(r, term.Path, depth-1)
			if !ok {
				all = false
				break
			}
			sum += float64(term.Sign) * v
		}
		if all {
			return sum, true
		}
	}
	return 0, false
}

// bare strips the term prefixes from a path.
func bare(path string) string {
	_, p, _ := splitTerm(path)
	return p
}

// formatNumber writes a sum of figures: a whole number without decimals.
func formatNumber(f float64) string {
	if f == float64(int64(f)) {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func warn(rule, key, format string, args ...any) Check {
	return Check{Rule: rule, Severity: SeverityWarning, Key: key, Message: fmt.Sprintf(format, args...)}
}

// MergeChecks returns stored followed by the checks of computed that stored does not
// already hold (same rule and message), so that re-validating a record never
// duplicates its notes. A stored check that a computed one repeats takes the
// computed one's Key and Paths when it has none (they are not saved).
func MergeChecks(stored, computed []Check) []Check {
	seen := make(map[string]int, len(stored))
	out := make([]Check, 0, len(stored)+len(computed))
	for _, c := range stored {
		seen[c.Rule+"\x00"+c.Message] = len(out)
		out = append(out, c)
	}
	for _, c := range computed {
		k := c.Rule + "\x00" + c.Message
		if i, ok := seen[k]; ok {
			if out[i].Key == "" && len(out[i].Paths) == 0 {
				out[i].Key, out[i].Paths = c.Key, c.Paths
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, c)
	}
	return out
}
