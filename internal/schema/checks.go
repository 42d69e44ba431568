package schema

import (
	"fmt"
	"slices"
	"strings"
)

// The checks of a template beyond its identities, as data: figures that cannot
// exceed others (Bound), figures a report's text states that its tables also hold
// (Statement), and what a section must say (Section.Substance, Section.Mention).
// Package record evaluates bounds; extraction compares statements and sections with
// the document. The thresholds of the checks are named in package record (limits.go).

// Bound says that no part may exceed its whole: each term of Parts is at most the
// sum of Whole. A part larger than its whole is a misread or mistyped figure. Paths
// may hold {row} or {col} as in an Identity; a part "proactive.categories[*].count"
// is each item of the list.
type Bound struct {
	Rule  string // the [[checks]] rule: "bound.row"
	Each  Each
	Table string
	Parts []string
	Whole []string
	// Unless is a Flag path: the bound is not checked when the flag is true (an
	// approximate total).
	Unless string
	// Message says what broke, in Chinese: {part} and {whole} are the figures'
	// labels, {p} and {w} their values, {row} and {col} as in an Identity.
	Message string
}

// Statement is a figure a report's text may state that its tables also hold
// ("全市共受理政府信息公开申请3119件"). Extraction finds each count in the text with
// the statement's words and unit, and warns when it is none of Sums; it never
// changes a figure. A count of the text is read with its lead: the words before
// it, back to the previous count or the start of its clause.
type Statement struct {
	Rule  string // the [[checks]] rule: "text.received"
	Label string // what the text counts, for messages: "收到申请"
	// Words: the lead holds one of them; Also, when given: and one of these.
	Words, Also []string
	// After: or the rest of the count's clause holds one of these ("另有103件顺延到
	// 下年度答复"), when the lead names nothing.
	After []string
	// With, when given: the sentence up to the count holds one of these ("政府信息
	// 公开"), so that a count of something else (all the reviews a government
	// handled) is not taken for the table's.
	With []string
	// Exclude: a lead (or for After, a clause) with one of these counts something
	// else ("咨询", "备案", "诉讼" for a count of reviews).
	Exclude []string
	Units   []string // the count's unit: "件", "条"
	// Sums are what the count may be, each a sum of figures: the text agrees with
	// the tables when it equals one of them ("收到申请75件" can be 本年新收 or
	// 本年新收加上年结转). A sum is compared only when all its figures are present.
	Sums []StatedSum
	// Parts are counts the same sentence gives next ("其中结果维持72件，结果纠正64
	// 件"): each read with its Words (Also and With do not apply), up to a count
	// another statement claims.
	Parts []Statement
}

// StatedSum is one figure a stated count may be: the sum of Paths.
type StatedSum struct {
	Label string // for messages: "本年新收"
	Paths []string
}

// Mention says what a section must mention: when the figure at Path is above 0,
// a section whose text says none ("无") without one of Words is a warning (2021:
// 其他需要报告的事项 must report the 信息处理费 collected).
type Mention struct {
	Path  string   // "fees.collected_yuan"
	What  string   // for messages: "信息处理费收取情况"
	Words []string // words that mention it: "信息处理费", "收费", "收取"
}

// checkChecks reports a bound, statement or section that names a figure or table the
// template does not have.
func (t *Template) checkChecks(has func(string) bool) error {
	for _, bd := range t.Bounds {
		var tb *Table
		if bd.Each != Once {
			var ok bool
			if tb, ok = t.Table(bd.Table); !ok {
				return fmt.Errorf("schema: template %s: bound %s ranges over table %q, which it does not have", t.ID, bd.Rule, bd.Table)
			}
		}
		if len(bd.Parts) == 0 || len(bd.Whole) == 0 {
			return fmt.Errorf("schema: template %s: bound %s has no parts or no whole", t.ID, bd.Rule)
		}
		for _, p := range append(slices.Clip(bd.Parts), bd.Whole...) {
			ok := false
			switch {
			case tb == nil:
				ok = has(p)
			case bd.Each == EachRow:
				for _, r := range tb.Rows {
					ok = ok || has(Expand(p, r.Key, ""))
				}
			default:
				for _, c := range tb.Columns {
					ok = ok || has(Expand(p, "", c.Key))
				}
			}
			if !ok {
				return fmt.Errorf("schema: template %s: bound %s: %s names no field", t.ID, bd.Rule, p)
			}
		}
	}
	var statement func(st Statement, part bool) error
	statement = func(st Statement, part bool) error {
		if st.Rule == "" && !part || len(st.Words) == 0 && len(st.After) == 0 || len(st.Units) == 0 || len(st.Sums) == 0 {
			return fmt.Errorf("schema: template %s: statement %q needs a rule, words, units and sums", t.ID, st.Rule+st.Label)
		}
		for _, s := range st.Sums {
			for _, p := range s.Paths {
				if strings.HasPrefix(p, "-") || strings.HasPrefix(p, "prev:") || !has(p) {
					return fmt.Errorf("schema: template %s: statement %s: %s is not a field", t.ID, st.Rule+st.Label, p)
				}
			}
		}
		for _, p := range st.Parts {
			if err := statement(p, true); err != nil {
				return err
			}
		}
		return nil
	}
	for _, st := range t.Statements {
		if err := statement(st, false); err != nil {
			return err
		}
	}
	for _, s := range t.Sections {
		for _, id := range s.Tables {
			if _, ok := t.Table(id); !ok {
				return fmt.Errorf("schema: template %s: section %s prints table %q, which it does not have", t.ID, s.Number, id)
			}
		}
		if s.Mention != nil && !has(s.Mention.Path) {
			return fmt.Errorf("schema: template %s: section %s mentions %s, which is not a field", t.ID, s.Number, s.Mention.Path)
		}
	}
	return nil
}

// cloneChecks deep-copies the check descriptions of from into t.
func (t *Template) cloneChecks(from *Template) {
	t.Bounds = slices.Clone(from.Bounds)
	for i := range t.Bounds {
		t.Bounds[i].Parts = slices.Clone(t.Bounds[i].Parts)
		t.Bounds[i].Whole = slices.Clone(t.Bounds[i].Whole)
	}
	t.Statements = cloneStatements(from.Statements)
}

func cloneStatements(ss []Statement) []Statement {
	out := slices.Clone(ss)
	for i := range out {
		s := &out[i]
		s.Words, s.Also, s.After = slices.Clone(s.Words), slices.Clone(s.Also), slices.Clone(s.After)
		s.With, s.Exclude, s.Units = slices.Clone(s.With), slices.Clone(s.Exclude), slices.Clone(s.Units)
		s.Sums = slices.Clone(s.Sums)
		for j := range s.Sums {
			s.Sums[j].Paths = slices.Clone(s.Sums[j].Paths)
		}
		s.Parts = cloneStatements(s.Parts)
	}
	return out
}
