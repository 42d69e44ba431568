package schema

import (
	"fmt"
	"slices"
)

// Variant is a version of a template that a province (or a body) prints: rows added,
// labels renamed, words its reports use. It extends the template; it does not edit
// it: Apply makes a new template, which a Set holds beside the one it extends.
type Variant struct {
	ID      string // the records' report.template value: "2021-zhejiang"
	Name    string
	Base    string   // the ID of the template it extends
	Markers []string // words its reports print that the base's do not: they tell it apart
	Add     []AddRow
	Relabel []Relabel
}

// AddRow adds a row to a table of the template.
type AddRow struct {
	Table string // the table's ID
	After string // the key of the row it follows; "" puts it last
	Row   Row
	// Sums are the rules of identities whose Right the row's cells join (its cell of
	// the same column, or the row itself for an identity over rows).
	Sums []string
	// Summary are summary figures (keys of SummaryFigures) the row's total joins.
	Summary []string
}

// Relabel renames a row of a table, keeping its key, and adds the words that name it.
type Relabel struct {
	Table, Row string
	Label      string   // the new printed label; "" keeps it
	Synonyms   []string // words added to the row's synonyms
}

// Apply returns the template the variant makes of base.
func (v Variant) Apply(base *Template) (*Template, error) {
	if base == nil || base.ID != v.Base {
		return nil, fmt.Errorf("schema: variant %s extends %q, not the template given", v.ID, v.Base)
	}
	t := base.Clone()
	t.ID, t.Base = v.ID, v.Base
	if v.Name != "" {
		t.Name = v.Name
	}
	t.Detect.Markers = append(slices.Clip(t.Detect.Markers), v.Markers...)
	for _, rl := range v.Relabel {
		tb, ok := t.Table(rl.Table)
		if !ok {
			return nil, fmt.Errorf("schema: variant %s: no table %q", v.ID, rl.Table)
		}
		i := slices.IndexFunc(tb.Rows, func(r Row) bool { return r.Key == rl.Row })
		if i < 0 {
			return nil, fmt.Errorf("schema: variant %s: table %s has no row %q", v.ID, rl.Table, rl.Row)
		}
		if rl.Label != "" {
			tb.Rows[i].Label = rl.Label
		}
		tb.Rows[i].Synonyms = append(slices.Clip(tb.Rows[i].Synonyms), rl.Synonyms...)
	}
	for _, add := range v.Add {
		tb, ok := t.Table(add.Table)
		if !ok {
			return nil, fmt.Errorf("schema: variant %s: no table %q", v.ID, add.Table)
		}
		at := len(tb.Rows)
		if add.After != "" {
			i := slices.IndexFunc(tb.Rows, func(r Row) bool { return r.Key == add.After })
			if i < 0 {
				return nil, fmt.Errorf("schema: variant %s: table %s has no row %q", v.ID, add.Table, add.After)
			}
			at = i + 1
		}
		tb.Rows = slices.Insert(tb.Rows, at, add.Row)
		for _, rule := range add.Sums {
			found := false
			for i := range t.Identities {
				id := &t.Identities[i]
				if id.Rule != rule {
					continue
				}
				found = true
				switch id.Each {
				case EachColumn:
					id.Right = append(id.Right, JoinPath(tb.Prefix, add.Row.Key, "{col}"))
				default:
					return nil, fmt.Errorf("schema: variant %s: a row can join only an identity over columns, not %s", v.ID, rule)
				}
			}
			if !found {
				return nil, fmt.Errorf("schema: variant %s: no identity %q", v.ID, rule)
			}
		}
		for _, key := range add.Summary {
			if t.Summary == nil {
				t.Summary = map[string][]string{}
			}
			t.Summary[key] = append(t.Summary[key], JoinPath(tb.Prefix, add.Row.Key, "total"))
		}
	}
	return t, t.check()
}

// Clone returns a deep copy of the template, to make another from.
func (t *Template) Clone() *Template {
	c := *t
	c.fields, c.index, c.prefixes, c.instances, c.fills, c.cells = nil, nil, nil, nil, nil, nil
	c.Detect.Required = slices.Clone(t.Detect.Required)
	c.Detect.Markers = slices.Clone(t.Detect.Markers)
	c.Tables = make([]Table, len(t.Tables))
	for i, tb := range t.Tables {
		tb.Head = slices.Clone(tb.Head)
		for j := range tb.Head {
			tb.Head[j] = slices.Clone(tb.Head[j])
		}
		tb.Columns = slices.Clone(tb.Columns)
		tb.Rows = slices.Clone(tb.Rows)
		for j := range tb.Rows {
			tb.Rows[j].Synonyms = slices.Clone(tb.Rows[j].Synonyms)
			tb.Rows[j].Exclude = slices.Clone(tb.Rows[j].Exclude)
			tb.Rows[j].Columns = slices.Clone(tb.Rows[j].Columns)
		}
		tb.Groups = slices.Clone(tb.Groups)
		c.Tables[i] = tb
	}
	c.Sections = slices.Clone(t.Sections)
	for i := range c.Sections {
		c.Sections[i].Words = slices.Clone(c.Sections[i].Words)
		c.Sections[i].Tables = slices.Clone(c.Sections[i].Tables)
	}
	c.Identities = slices.Clone(t.Identities)
	for i := range c.Identities {
		c.Identities[i].Left = slices.Clone(c.Identities[i].Left)
		c.Identities[i].Right = slices.Clone(c.Identities[i].Right)
	}
	c.Summary = make(map[string][]string, len(t.Summary))
	for k, v := range t.Summary {
		c.Summary[k] = slices.Clone(v)
	}
	c.Rates = make(map[string]Ratio, len(t.Rates))
	for k, q := range t.Rates {
		c.Rates[k] = Ratio{Num: slices.Clone(q.Num), Den: slices.Clone(q.Den)}
	}
	c.cloneChecks(t)
	c.Charts = slices.Clone(t.Charts)
	for i := range c.Charts {
		c.Charts[i].Categories = slices.Clone(c.Charts[i].Categories)
		c.Charts[i].Series = slices.Clone(c.Charts[i].Series)
	}
	return &c
}
