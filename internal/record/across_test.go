package record

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/schema"
)

// TestInForce: 现行有效件数 of year N = that of N−1 + 本年制发 − 本年废止, for 规章 and
// 规范性文件 of the 2021 template, on the 淮安 2024 record and copies of it as the
// year before.
func TestInForce(t *testing.T) {
	cur := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	// 2024: 规章 1 made, 0 repealed, 11 in force; 规范性文件 8 made, 26 repealed, 66 in force.
	tests := []struct {
		name     string
		template string // of the year before
		set      map[string]int64
		drop     []string
		want     []string // "KEY: message part"
	}{
		{name: "consistent", template: "2021",
			set: map[string]int64{"proactive.regulations.in_force": 10, "proactive.normative_documents.in_force": 84}},
		{name: "both broken", template: "2021",
			set: map[string]int64{"proactive.regulations.in_force": 11, "proactive.normative_documents.in_force": 66},
			want: []string{
				"proactive.regulations.in_force: 规章：现行有效11件，与2023年报告的现行有效11件加本年制发1件、减本年废止0件所得12件不符",
				"proactive.normative_documents.in_force: 行政规范性文件：现行有效66件，与2023年报告的现行有效66件加本年制发8件、减本年废止26件所得48件不符",
			}},
		{name: "one row absent the year before", template: "2021",
			set:  map[string]int64{"proactive.normative_documents.in_force": 66},
			drop: []string{"proactive.regulations.in_force"},
			want: []string{"proactive.normative_documents.in_force: 所得48件不符"}},
		// The 2019 template has no 现行有效件数: nothing to compare.
		{name: "2019 the year before", template: "2019"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := &Record{Agency: cur.Agency, Report: Report{Year: 2023, Template: tt.template}}
			if tt.template == "2021" {
				prev = cur.Clone()
				prev.Report.Year = 2023
			}
			for k, v := range tt.set {
				prev.SetInt(k, v)
			}
			for _, k := range tt.drop {
				prev.Delete(k)
			}
			var got []Check
			for _, c := range CheckAcrossYears(prev, cur) {
				if c.Rule == "proactive.in_force" {
					got = append(got, c)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d checks, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				key, msg, _ := strings.Cut(w, ": ")
				if got[i].Key != key || !strings.Contains(got[i].Message, msg) {
					t.Errorf("check %d = %s: %s\nwant %s: …%s…", i, got[i].Key, got[i].Message, key, msg)
				}
			}
		})
	}
}

// TestTermPrefixes: an identity's term may be subtracted and of the year before in
// either order of its prefixes; a subtracted term's figure is quoted as printed.
func TestTermPrefixes(t *testing.T) {
	cur := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	prev := cur.Clone()
	prev.Report.Year = 2023
	base := schema.National().Lookup("2021")
	for _, order := range []string{"-prev:", "prev:-"} {
		t.Run(order, func(t *testing.T) {
			tmpl := base.Clone()
			// made = in_force − in_force of the year before: 1 = 11 − 11 breaks.
			tmpl.Identities = []schema.Identity{{
				Rule: "test.order", Each: schema.Once,
				Left:    []string{"proactive.regulations.made"},
				Right:   []string{"proactive.regulations.in_force", order + "proactive.regulations.in_force"},
				Message: "{left} ≠ {right.0} − {right.1} = {right}",
			}}
			r := cur.Clone()
			r.SetTemplate(tmpl)
			cs := CheckAcrossYears(prev, r)
			if len(cs) != 1 || cs[0].Message != "1 ≠ 11 − 11 = 0" || cs[0].Key != "proactive.regulations.made" {
				t.Fatalf("CheckAcrossYears = %+v, want one check “1 ≠ 11 − 11 = 0”", cs)
			}
			if cs := Validate(r); len(cs) != 0 {
				t.Errorf("Validate checked an identity across years: %+v", cs)
			}
		})
	}
	for _, p := range []string{"-prev:a.b", "prev:-a.b", "prev:a.b", "-a.b", "a.b"} {
		if got := schema.TermPath(p); got != "a.b" {
			t.Errorf("TermPath(%q) = %q, want a.b", p, got)
		}
	}
}
