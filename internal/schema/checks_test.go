package schema

import (
	"strings"
	"testing"
)

// TestCheckDescriptions: a bound, statement, rate or section that names what the
// template does not have is refused when the set is made.
func TestCheckDescriptions(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Template)
		want string
	}{
		{"bound of no field", func(t *Template) {
			t.Bounds = append(t.Bounds, Bound{Rule: "bound.x", Parts: []string{"requests.nothing.total"}, Whole: []string{"requests.total.total"}})
		}, "bound bound.x: requests.nothing.total names no field"},
		{"bound over no table", func(t *Template) {
			t.Bounds = append(t.Bounds, Bound{Rule: "bound.y", Each: EachRow, Table: "nope", Parts: []string{"a"}, Whole: []string{"b"}})
		}, `bound bound.y ranges over table "nope"`},
		{"statement of no field", func(t *Template) {
			t.Statements = append(t.Statements, Statement{Rule: "text.x", Words: []string{"收到"}, Units: []string{"件"},
				Sums: []StatedSum{{Paths: []string{"requests.nothing.total"}}}})
		}, "statement text.x: requests.nothing.total is not a field"},
		{"statement without units", func(t *Template) {
			t.Statements = append(t.Statements, Statement{Rule: "text.y", Words: []string{"收到"},
				Sums: []StatedSum{{Paths: []string{"requests.total.total"}}}})
		}, "needs a rule, words, units and sums"},
		{"part of no field", func(t *Template) {
			t.Statements[0].Parts = append(t.Statements[0].Parts, Statement{Words: []string{"x"}, Units: []string{"件"},
				Sums: []StatedSum{{Paths: []string{"requests.x.total"}}}})
		}, "requests.x.total is not a field"},
		{"rate of no field", func(t *Template) {
			t.Rates["disclosed"] = Ratio{Num: []string{"requests.granted.total"}, Den: []string{"-requests.nothing.total"}}
		}, "rate disclosed: -requests.nothing.total is not a field"},
		{"section of no table", func(t *Template) { t.Sections[1].Tables = append(t.Sections[1].Tables, "art20-99") },
			`section 二 prints table "art20-99"`},
		{"mention of no field", func(t *Template) { t.Sections[5].Mention = &Mention{Path: "fees.nothing"} },
			"section 六 mentions fees.nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := National().Lookup("2021").Clone()
			tmpl.ID = "test"
			tt.edit(tmpl)
			_, err := NewSet(tmpl)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewSet = %v, want an error with %q", err, tt.want)
			}
		})
	}
	// Clone copies the check descriptions: editing the copy leaves the national one.
	c := National().Lookup("2021").Clone()
	c.Statements[0].Words[0] = "changed"
	c.Bounds[1].Parts[0] = "changed"
	c.Rates["disclosed"].Num[0] = "changed"
	n := National().Lookup("2021")
	if n.Statements[0].Words[0] == "changed" || n.Bounds[1].Parts[0] == "changed" || n.Rates["disclosed"].Num[0] == "changed" {
		t.Error("Clone shares the check descriptions")
	}
}
