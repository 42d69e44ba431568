package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// Explanation says how completely a report was read, without knowing its right
// figures: which of its template's printed tables came out complete, how many
// figures were read, which identities break and which cells stayed ambiguous. A
// report whose every printed table is complete and adds up is strong evidence of a
// right reading; one with ambiguous or missing cells says where to look.
type Explanation struct {
	Template string
	Figures  int
	Tables   []TableReading
	Checks   map[string]int // the record's checks, by rule
}

// TableReading is how one printed table of the template was read.
type TableReading struct {
	ID, Caption string
	Cells       int // the figures the table prints
	Read        int // those the record gives
	Broken      int // identities broken on its figures
	Unsettled   int // checks saying its cells were ambiguous, unreadable or in disagreement
}

// Complete reports whether the record gives every figure the table prints.
func (t TableReading) Complete() bool { return t.Read == t.Cells }

// Sound reports whether the report was read completely and adds up: every table its
// template prints is complete and breaks no identity. A narrative report has no
// such tables: it is sound when figures were read and nothing was left unsettled.
func (e Explanation) Sound() bool {
	for _, t := range e.Tables {
		if !t.Complete() || t.Broken > 0 || t.Unsettled > 0 {
			return false
		}
	}
	if len(e.Tables) == 0 {
		for rule, n := range e.Checks {
			if n > 0 && unsettledRule(rule) {
				return false
			}
		}
		return e.Figures > 0
	}
	return true
}

// unsettledRule reports whether a check rule says cells could not be read for sure.
func unsettledRule(rule string) bool {
	return strings.HasSuffix(rule, ".ambiguous") || strings.HasSuffix(rule, ".unreadable") ||
		strings.HasSuffix(rule, ".disagrees") || strings.HasSuffix(rule, ".combined") || strings.HasSuffix(rule, ".missing_row")
}

// Explain describes how completely a freshly extracted record was read.
func Explain(r *record.Record) Explanation {
	e := Explanation{Template: r.Report.Template, Figures: len(record.Figures(r)), Checks: map[string]int{}}
	t := r.Template()
	if t == nil {
		return e
	}
	identities := map[string]bool{}
	for _, id := range t.Identities {
		identities[id.Rule] = true
	}
	for _, c := range r.Checks {
		e.Checks[c.Rule]++
	}
	for i := range t.Tables {
		tb := &t.Tables[i]
		if tb.Text || tb.Match == schema.Unprinted {
			continue
		}
		tr := TableReading{ID: tb.ID, Caption: tb.Caption}
		var paths []string
		for _, row := range tb.PrintedRows() {
			for _, c := range tb.RowColumns(row) {
				p := tb.Path(row, c)
				paths = append(paths, p)
				tr.Cells++
				if r.Has(p) {
					tr.Read++
				}
			}
		}
		// A check is about the table when its key is a cell, a row (a prefix of
		// cells) or the table's own prefix.
		within := func(key string) bool {
			return key != "" && slices.ContainsFunc(paths, func(p string) bool { return p == key || strings.HasPrefix(p, key+".") })
		}
		for _, c := range r.Checks {
			switch {
			case identities[c.Rule] && within(c.Key):
				tr.Broken++
			case unsettledRule(c.Rule) && within(c.Key):
				tr.Unsettled++
			}
		}
		e.Tables = append(e.Tables, tr)
	}
	return e
}

// String is the explanation on one line: "2021, 221 figures; requests 182/182,
// appeals 15/15 (1 identity broken), art20-1 6/6 …".
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "template %s, %d figures", e.Template, e.Figures)
	for i, t := range e.Tables {
		if i == 0 {
			b.WriteString("; ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d/%d", t.ID, t.Read, t.Cells)
		var notes []string
		if t.Broken > 0 {
			notes = append(notes, fmt.Sprintf("%d identities broken", t.Broken))
		}
		if t.Unsettled > 0 {
			notes = append(notes, fmt.Sprintf("%d unsettled", t.Unsettled))
		}
		if len(notes) > 0 {
			b.WriteString(" (" + strings.Join(notes, ", ") + ")")
		}
	}
	var rules []string
	for rule, n := range e.Checks {
		rules = append(rules, fmt.Sprintf("%s×%d", rule, n))
	}
	slices.Sort(rules)
	if len(rules) > 0 {
		b.WriteString("; checks: " + strings.Join(rules, " "))
	}
	if e.Sound() {
		b.WriteString("; sound")
	}
	return b.String()
}
