package record

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/schema"
)

// Rules of the checks extraction makes of a document (package extract), which the
// record keeps in its [[checks]]. They are named here so that Concerns can say what
// each is about.
const (
	// RuleTableMissing: a section the template prints a table in is in the report,
	// but none of the table's figures could be read. Its message holds the table's
	// TableMissingMarker.
	RuleTableMissing = "table.missing"
	// RuleSectionThin: a section that must say something (schema.Section.Substance)
	// is empty, says "无", or says one sentence.
	RuleSectionThin = "section.thin"
	// RuleSectionMention: a section says none of what a figure shows
	// (schema.Section.Mention: 2021's 六 says 无 while 信息处理费 were collected).
	RuleSectionMention = "section.mention"
	// The checks of a report's text against its tables are the rules of the
	// template's statements (schema.Statement.Rule), all starting "text.".
	textRulePrefix = "text."
)

// Checks returns every check of cur: the checks it holds (extraction's, saved in its
// file), then those Validate finds, then those CheckAcrossYears finds against prev
// (the agency's report of the year before, or nil), without duplicates, each with
// the key paths it concerns (Concerns) in Paths and Key.
func Checks(prev, cur *Record) []Check { return ChecksReusing(prev, cur, TextReuse(prev, cur)) }

// ChecksReusing is Checks for a caller that has measured TextReuse(prev, cur)
// already (a report page shows it too): u is that measure.
func ChecksReusing(prev, cur *Record, u Reuse) []Check {
	cs := MergeChecks(cur.Checks, Validate(cur))
	cs = MergeChecks(cs, checkAcrossYears(prev, cur, u))
	for i := range cs {
		cs[i].Paths = Concerns(cur, cs[i])
		if cs[i].Key == "" && len(cs[i].Paths) > 0 {
			cs[i].Key = cs[i].Paths[0]
		}
	}
	return cs
}

// Concerns returns the key paths a check of r is about, so that it can be shown next
// to them: its Paths, or its Key, when the check knows them (a check just made);
// for a check read from a record file, which saves neither, the paths its rule
// names in r's template:
//
//   - a statement's rule ("text.received"): the figures the text was compared with;
//   - RuleTableMissing: the figures of the table whose caption the message quotes;
//   - RuleSectionThin, RuleSectionMention: the section's narrative key
//     ("narrative.problems_and_improvements") and the figure it should mention;
//   - RuleReuse: the narrative keys.
//
// Paths of figures come first. A path may name a figure the record does not give (a
// table it could not read). nil when the check is about no path it can name.
func Concerns(r *Record, c Check) []string {
	if len(c.Paths) > 0 {
		return c.Paths
	}
	if c.Key != "" {
		return []string{c.Key}
	}
	t := r.Template()
	if t == nil {
		return nil
	}
	var out []string
	add := func(ps ...string) {
		for _, p := range ps {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	switch {
	case strings.HasPrefix(c.Rule, textRulePrefix):
		var walk func([]schema.Statement, bool)
		walk = func(ss []schema.Statement, in bool) {
			for _, st := range ss {
				mine := in || st.Rule == c.Rule
				if mine {
					for _, s := range st.Sums {
						add(s.Paths...)
					}
				}
				walk(st.Parts, mine)
			}
		}
		walk(t.Statements, false)
	case c.Rule == RuleTableMissing:
		for i := range t.Tables {
			tb := &t.Tables[i]
			if strings.Contains(c.Message, TableMissingMarker(tb)) {
				add(tb.Paths()...)
			}
		}
	case c.Rule == RuleSectionThin || c.Rule == RuleSectionMention:
		for _, s := range t.Sections {
			if s.Narrative == "" || !strings.Contains(c.Message, s.Title) {
				continue
			}
			if c.Rule == RuleSectionMention && s.Mention != nil {
				add(s.Mention.Path)
			}
			add("narrative." + s.Narrative)
		}
	case c.Rule == RuleReuse:
		for _, f := range narrativeFields(r.Narrative) {
			if f.Text != "" {
				add("narrative." + f.Field)
			}
		}
	}
	return out
}

// TableMissingMarker is how a RuleTableMissing message names its table: 表格“caption”.
func TableMissingMarker(tb *schema.Table) string { return "表格“" + tb.Caption + "”" }
