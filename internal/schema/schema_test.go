package schema

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestNational: the national descriptions are well formed, and hold what the data
// contract (shared/docs/data-schema.md) lists.
func TestNational(t *testing.T) {
	s := National()
	if got := strings.Join(s.IDs(), " "); got != "2008 2019 2021" {
		t.Fatalf("IDs = %s", got)
	}
	for _, tt := range []struct {
		id                    string
		requestRows, printed  int
		fields                int
		mustHave, mustNotHave []string
	}{
		{"2008", 0, 0, 31, []string{"legacy_requests.channels.fax", "legacy_review.complaints", "proactive.total_approx", "fees.collected_yuan"},
			[]string{"requests.granted.total", "review.total"}},
		{"2019", 23, 23, 204, []string{"proactive.procurement.amount_yuan", "proactive.licensing.change", "requests.other.total", "litigation_after_review.pending"},
			[]string{"requests.other_misc.total", "proactive.regulations.made", "legacy_requests.received"}},
		{"2021", 26, 25, 213, []string{"proactive.regulations.in_force", "proactive.fees.amount_10k_yuan", "requests.other_misc.total", "requests.other.total"},
			[]string{"proactive.procurement.projects", "proactive.other_services.decisions"}},
	} {
		t.Run(tt.id, func(t *testing.T) {
			tm := s.Lookup(tt.id)
			if tm == nil {
				t.Fatal("missing")
			}
			if n := len(tm.Fields()); n != tt.fields {
				t.Errorf("%d fields, want %d", n, tt.fields)
			}
			if tb, ok := tm.Table("requests"); !ok {
				t.Error("no requests table")
			} else if tb.Layout == Grid && (len(tb.Rows) != tt.requestRows || len(tb.PrintedRows()) != tt.printed) {
				t.Errorf("requests rows %d (printed %d), want %d (%d)", len(tb.Rows), len(tb.PrintedRows()), tt.requestRows, tt.printed)
			}
			for _, p := range tt.mustHave {
				if tm.FieldIndex(p) < 0 {
					t.Errorf("no field %s", p)
				}
			}
			for _, p := range tt.mustNotHave {
				if tm.FieldIndex(p) >= 0 {
					t.Errorf("field %s belongs to another template", p)
				}
			}
			for _, sf := range SummaryFigures {
				if sf.Key != "not_processed" && len(tm.Summary[sf.Key]) == 0 {
					t.Errorf("summary figure %s has no paths", sf.Key)
				}
			}
			if len(tm.Charts) == 0 {
				t.Error("no charts")
			}
		})
	}
	if f, _ := s.Lookup("2019").Field("proactive.licensing.change"); f.Kind != Signed {
		t.Errorf("本年增/减 is %v, want signed", f.Kind)
	}
	if f, _ := s.Lookup("2021").Field("proactive.fees.amount_10k_yuan"); f.Kind != Amount {
		t.Errorf("本年收费金额 is %v, want an amount", f.Kind)
	}
	if got := s.Owners("requests.other_misc"); !slices.Equal(got, []string{"2021"}) {
		t.Errorf("Owners(requests.other_misc) = %v", got)
	}
	if got := s.Owners("requests"); !slices.Equal(got, []string{"2019", "2021"}) {
		t.Errorf("Owners(requests) = %v", got)
	}
}

// TestGroups: the requests table's rows sit in the groups the template prints.
func TestGroups(t *testing.T) {
	tb, _ := National().Lookup("2021").Table("requests")
	for key, want := range map[string]string{
		"new_received": "", "granted": "results", "denied_third_party": "results denied",
		"other_misc": "results other", "total": "results", "carried_forward": "",
	} {
		r, ok := tb.RowByKey(key)
		if !ok {
			t.Fatalf("no row %s", key)
		}
		if got := strings.Join(tb.GroupPath(r), " "); got != want {
			t.Errorf("%s is in %q, want %q", key, got, want)
		}
	}
	if got := rowKeysOf(*tb, "denied"); len(got) != 8 || got[0] != "denied_state_secret" {
		t.Errorf("denied rows = %v", got)
	}
}

// TestVariant: a variant extends a template without changing it, and a set holds
// both.
func TestVariant(t *testing.T) {
	base := National().Lookup("2021")
	before := len(base.Fields())
	v, err := Variant{
		ID: "2021-test", Base: "2021", Name: "测试省变体",
		Markers: []string{"行政确认"},
		Add: []AddRow{{Table: "requests", After: "not_processed_confirmation",
			Row:  Row{Key: "not_processed_other", Number: "6.", Label: "其他不予处理情形", Synonyms: []string{"其他不予处理"}, Group: "not_processed"},
			Sums: []string{"requests.outcome_sum"}, Summary: []string{"not_processed"}}},
		Relabel: []Relabel{{Table: "art20-8", Row: "fees", Label: "行政事业性收费及政府性基金", Synonyms: []string{"政府性基金"}}},
	}.Apply(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Fields()) != before || base.FieldIndex("requests.not_processed_other.total") >= 0 {
		t.Fatal("Apply changed the base template")
	}
	if fee, _ := base.Table("art20-8"); fee.Rows[0].Label != "行政事业性收费" {
		t.Fatal("Relabel changed the base template")
	}
	if len(v.Fields()) != before+7 || v.FieldIndex("requests.not_processed_other.natural_person") < 0 {
		t.Errorf("variant fields: %d", len(v.Fields()))
	}
	for _, id := range v.Identities {
		if id.Rule == "requests.outcome_sum" && !slices.Contains(id.Right, "requests.not_processed_other.{col}") {
			t.Errorf("outcome_sum does not hold the new row: %v", id.Right)
		}
	}
	if !slices.Contains(v.Summary["not_processed"], "requests.not_processed_other.total") {
		t.Errorf("summary: %v", v.Summary["not_processed"])
	}
	s, err := National().With(v)
	if err != nil {
		t.Fatal(err)
	}
	if s.Comparable("2021-test") != "2021" || s.Comparable("2019") != "2019" {
		t.Error("Comparable")
	}
	if _, err := s.With(v); err == nil {
		t.Error("a set took a template twice")
	}
	if _, err := NewSet(v); err == nil || !strings.Contains(err.Error(), "extends") {
		t.Errorf("a variant without its base: %v", err)
	}
	if _, err := (Variant{ID: "x", Base: "2021", Add: []AddRow{{Table: "nope"}}}).Apply(base); err == nil {
		t.Error("a row added to a table the template lacks")
	}
}

// TestCheck: a description whose tables or identities name fields it does not have
// is refused.
func TestCheck(t *testing.T) {
	bad := National().Lookup("2021").Clone()
	bad.ID = "bad"
	bad.Identities = append(bad.Identities, Identity{Rule: "x", Left: []string{"requests.nowhere.total"}, Right: []string{"review.total"}})
	if _, err := NewSet(bad); err == nil || !strings.Contains(err.Error(), "requests.nowhere.total") {
		t.Errorf("NewSet = %v", err)
	}
	dup := National().Lookup("2021").Clone()
	dup.ID = "dup"
	dup.Tables = append(dup.Tables, dup.Tables[0])
	if _, err := NewSet(dup); err == nil {
		t.Error("a table given twice")
	}
}

// TestEnglishLabels: every text of the national templates that the site prints (a
// table's caption, note, stub and header cells, its rows, columns and groups, the
// sections' titles, the charts' captions, row headers, categories and series) has
// its English, and the English has no Han characters.
func TestEnglishLabels(t *testing.T) {
	for _, tp := range National().Templates() {
		check := func(what, zh, en string) {
			t.Helper()
			if zh == "" && en == "" {
				return
			}
			if en == "" {
				t.Errorf("%s: %s %q has no English", tp.ID, what, zh)
				return
			}
			for _, r := range en {
				if unicode.Is(unicode.Han, r) {
					t.Errorf("%s: %s %q: English %q has Han characters", tp.ID, what, zh, en)
					return
				}
			}
		}
		for _, tb := range tp.Tables {
			check("table "+tb.ID+" caption", tb.Caption, tb.CaptionEn)
			check("table "+tb.ID+" note", tb.Note, tb.NoteEn)
			check("table "+tb.ID+" stub", tb.Stub, tb.StubEn)
			for _, hr := range tb.Head {
				for _, h := range hr {
					check("table "+tb.ID+" header", h.Text, h.En)
				}
			}
			for _, c := range tb.Columns {
				check("table "+tb.ID+" column", c.Label, c.En)
			}
			for _, r := range tb.Rows {
				check("table "+tb.ID+" row", r.Label, r.En)
				check("table "+tb.ID+" row title", r.Title(), r.TitleEn())
			}
			for _, g := range tb.Groups {
				check("table "+tb.ID+" group", g.Label, g.En)
				check("table "+tb.ID+" group title", g.Title(), g.TitleEn())
			}
		}
		for _, s := range tp.Sections {
			check("section", s.Title, s.En)
		}
		for _, c := range tp.Charts {
			check(c.ID+" caption", c.Caption, c.CaptionEn)
			check(c.ID+" row header", c.RowHeader, c.RowHeaderEn)
			for _, cat := range c.Categories {
				check(c.ID+" category", cat.Label, cat.En)
			}
			for _, s := range c.Series {
				check(c.ID+" series", s.Name, s.En)
			}
		}
	}
}

func TestNumberEn(t *testing.T) {
	for in, want := range map[string]string{"": "", "一、": "1. ", "四、": "4. ", "（三）": "(3) ", "（七）": "(7) ", "1.": "1. ", "8.": "8. "} {
		if got := numberEn(in); got != want {
			t.Errorf("numberEn(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzExpand: Expand gives what replacing every {row}, then every {col} in the
// result, gives, for any path, row and column.
func FuzzExpand(f *testing.F) {
	for _, c := range [][3]string{{"requests.{row}.{col}", "granted", "natural"}, {"review.{row}", "upheld", ""},
		{"{{row}ol}", "c", "X"}, {"{row}{col}{", "{col}", "{row}"}, {"plain.path", "a", "b"}, {"{ro{row}w}", "", ""}} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, path, row, col string) {
		want := path
		if strings.Contains(path, "{") {
			want = strings.ReplaceAll(strings.ReplaceAll(path, "{row}", row), "{col}", col)
		}
		if got := Expand(path, row, col); got != want {
			t.Fatalf("Expand(%q, %q, %q) = %q, want %q", path, row, col, got, want)
		}
	})
}
