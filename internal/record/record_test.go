package record

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/internal/schema"
)

// now is "this year" for the tests: a fixed date keeps them repeatable.
var now = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func mustParseFile(t *testing.T, path string) *Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseAt(path, data, now)
	if err != nil {
		t.Fatalf("ParseAt(%s):\n%v", path, err)
	}
	return r
}

func corpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.expected.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files in testdata/corpus: %v", err)
	}
	return files
}

// leaves flattens a decoded TOML document into key path → value.
func leaves(prefix string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, v := range x {
			leaves(JoinKey(prefix, k), v, out)
		}
	case []map[string]any:
		for i, item := range x {
			leaves(fmt.Sprintf("%s[%d]", prefix, i), item, out)
		}
	default:
		out[prefix] = v
	}
}

func decodeLeaves(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		t.Fatalf("decoding:\n%s\n%v", data, err)
	}
	out := make(map[string]any)
	leaves("", m, out)
	return out
}

func sameNumber(a, b any) bool {
	toF := func(v any) (float64, bool) {
		switch x := v.(type) {
		case int64:
			return float64(x), true
		case float64:
			return x, true
		}
		return 0, false
	}
	fa, okA := toF(a)
	fb, okB := toF(b)
	return okA && okB && fa == fb
}

// TestCorpusRoundTrip loads every expected file of the shared corpus as a record and
// checks that a load/save round trip loses nothing and invents nothing, that saving is
// byte-stable, and that every identity holds.
func TestCorpusRoundTrip(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			orig, _ := os.ReadFile(path)
			r := mustParseFile(t, path)
			out, err := Encode(r)
			if err != nil {
				t.Fatal(err)
			}
			want := decodeLeaves(t, orig)
			got := decodeLeaves(t, out)
			for k, w := range want {
				g, ok := got[k]
				switch {
				case !ok:
					t.Errorf("%s = %v lost in the round trip", k, w)
				case sameNumber(w, g):
				case fmt.Sprint(w) != fmt.Sprint(g) && !(k == "report.published" && strings.HasPrefix(fmt.Sprint(w), fmt.Sprint(g))):
					t.Errorf("%s = %v became %v", k, w, g)
				}
			}
			for k, g := range got {
				if _, ok := want[k]; !ok && k != "schema" && k != "report.reviewed" {
					t.Errorf("%s = %v appeared in the round trip", k, g)
				}
			}
			again, err := ParseAt("re-encoded", out, now)
			if err != nil {
				t.Fatalf("re-encoded record does not parse:\n%s\n%v", out, err)
			}
			out2, _ := Encode(again)
			if !bytes.Equal(out, out2) {
				t.Errorf("second save differs from the first:\n%s\n---\n%s", out, out2)
			}
			if cs := Validate(r); len(cs) != 0 {
				t.Errorf("Validate found %v; every identity holds in the corpus", cs)
			}
		})
	}
}

// TestAbsentIsNotZero: a figure the report does not give stays absent, and a zero
// stays a zero, through a load/save round trip.
func TestAbsentIsNotZero(t *testing.T) {
	src := `[agency]
name = "测试市测试局"
[report]
year = 2016
template = "2008"
[proactive]
total = 0
[legacy_requests]
received = 0
[fees]
collected_yuan = 0
`
	r, err := ParseAt("t.toml", []byte(src), now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Has("legacy_requests.answered") || r.HasUnder("staff") || r.HasUnder("legacy_review") {
		t.Fatalf("absent figures became present: %+v", Figures(r))
	}
	if p, f := r.Int("proactive.total"), r.Amount("fees.collected_yuan"); p == nil || *p != 0 || f == nil || *f != 0 {
		t.Fatalf("zero figures lost: %+v", Figures(r))
	}
	out, _ := Encode(r)
	for _, want := range []string{"total = 0\n", "received = 0\n", "collected_yuan = 0\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("saved record lacks %q:\n%s", want, out)
		}
	}
	for _, absent := range []string{"answered", "staff", "legacy_review", "total_approx"} {
		if strings.Contains(string(out), absent) {
			t.Errorf("saved record has %q, which the source did not give:\n%s", absent, out)
		}
	}
}

// TestEncodeOrder: rows come out in template order and keys in contract order,
// whatever order the file had.
func TestEncodeOrder(t *testing.T) {
	src := `[requests.total]
total = 3
[requests.granted]
total = 1
natural_person = 1
[requests.new_received]
total = 3
[report]
template = "2021"
year = 2022
[agency]
name = "测试市测试局"
`
	r, err := ParseAt("t.toml", []byte(src), now)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Encode(r)
	s := string(out)
	order := []string{"schema = 1", "[agency]", "[report]", "[requests.new_received]", "[requests.granted]",
		"natural_person = 1", "[requests.total]"}
	last := -1
	for _, want := range order {
		i := strings.Index(s, want)
		if i < 0 || i < last {
			t.Fatalf("%q out of order (at %d, previous at %d):\n%s", want, i, last, s)
		}
		last = i
	}
}

// wantLines reads "# want-X: ..." comment lines of a test file.
func wantLines(data []byte, tag string) []string {
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "+tag+": "); ok {
			out = append(out, rest)
		}
	}
	return out
}

// TestInvalid: every file of testdata/invalid fails to load, with each problem its
// "# want-error: LINE: text" lines name, at that line, and no others.
func TestInvalid(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.toml")
	if len(files) == 0 {
		t.Fatal("no files in testdata/invalid")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, _ := os.ReadFile(path)
			wants := wantLines(data, "want-error")
			_, err := ParseAt(path, data, now)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ParseAt = %v, want Problems", err)
			}
			if len(ps) != len(wants) {
				t.Errorf("got %d problems, want %d:\n%v", len(ps), len(wants), err)
			}
			for _, w := range wants {
				lineText, text, _ := strings.Cut(w, ": ")
				line, _ := strconv.Atoi(lineText)
				found := slices.ContainsFunc(ps, func(p Problem) bool {
					return p.Line == line && strings.Contains(p.Message, text) && p.File == path
				})
				if !found {
					t.Errorf("no problem at line %d containing %q; got:\n%v", line, text, err)
				}
			}
			for _, p := range ps {
				if !strings.HasPrefix(p.String(), path+":") {
					t.Errorf("%q does not start with the file name", p.String())
				}
			}
		})
	}
}

// TestCappedProblems: a file of more than MaxProblems problems (here a key each)
// is reported with its first MaxProblems, in line order, after one problem that
// counts them all, as Count does.
func TestCappedProblems(t *testing.T) {
	const keys = 3 * MaxProblems
	var doc strings.Builder
	for i := range keys {
		fmt.Fprintf(&doc, "k%d = 1\n", i)
	}
	_, err := ParseAt("many.toml", []byte(doc.String()), now)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("ParseAt = %v, want Problems", err)
	}
	// Every key is unknown, and the required ones are missing.
	total := keys + len(requiredKeys(t))
	if want := fmt.Sprintf("many.toml: %d problems; the first %d follow", total, MaxProblems); len(ps) == 0 || ps[0].String() != want {
		t.Fatalf("first problem %v, want %q", ps[0], want)
	}
	if len(ps) != MaxProblems+1 || ps.Count() != total {
		t.Errorf("%d problems reported, Count %d; want %d and %d", len(ps), ps.Count(), MaxProblems+1, total)
	}
	if last := ps[len(ps)-1]; last.Line != MaxProblems-len(requiredKeys(t)) {
		t.Errorf("last problem reported %v, want the one of line %d", last, MaxProblems-len(requiredKeys(t)))
	}
	if n := (Problems{{Message: "x"}}).Count(); n != 1 {
		t.Errorf("Count of one problem = %d", n)
	}
}

// requiredKeys are the top-level keys a record must have.
func requiredKeys(t *testing.T) []string {
	_, err := ParseAt("empty.toml", nil, now)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("ParseAt of nothing = %v, want Problems", err)
	}
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.Message
	}
	return keys
}

// TestBroken: each deliberately broken copy loads (it is a valid record of a report
// that breaks an identity or looks implausible), and Validate reports exactly the
// "# want-check: RULE KEY" lines of the file. A file with a "# prev: PATH" line is
// checked against that record as the year before too (CheckAcrossYears).
func TestBroken(t *testing.T) {
	files, _ := filepath.Glob("testdata/broken/*.toml")
	if len(files) == 0 {
		t.Fatal("no files in testdata/broken")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, _ := os.ReadFile(path)
			r := mustParseFile(t, path)
			cs := Validate(r)
			if prev := wantLines(data, "prev"); len(prev) == 1 {
				cs = append(cs, CheckAcrossYears(mustParseFile(t, prev[0]), r)...)
			}
			var got []string
			for _, c := range cs {
				if c.Severity != SeverityWarning || c.Message == "" {
					t.Errorf("check %+v: want a warning with a message", c)
				}
				got = append(got, c.Rule+" "+c.Key)
			}
			want := wantLines(data, "want-check")
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("Validate:\n got  %q\n want %q", got, want)
			}
		})
	}
}

func TestCheckMessages(t *testing.T) {
	r := mustParseFile(t, "testdata/broken/categories_sum.toml")
	cs := Validate(r)
	if len(cs) != 1 || cs[0].Message != "分类合计1380条，与所报总数1379条不符" {
		t.Fatalf("Validate = %+v", cs)
	}
	r = mustParseFile(t, "testdata/broken/balance.toml")
	for _, c := range Validate(r) {
		if c.Rule == "requests.balance" && !strings.Contains(c.Message, "本年新收3119件加上年结转34件共3153件，与办理结果总计3050件加结转下年度104件共3154件不符") {
			t.Errorf("balance message: %s", c.Message)
		}
	}
}

func TestCarryOver(t *testing.T) {
	prev := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	prev.Report.Year = 2023
	cur := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	carry := func() []Check {
		return slices.DeleteFunc(CheckCarryOver(prev, cur), func(c Check) bool { return c.Rule != RuleCarryOver })
	}
	if cs := carry(); len(cs) != 2 {
		// 2023 carried forward 103 (natural persons) but 2024 carried over 34.
		t.Fatalf("CheckCarryOver = %+v, want the natural_person and total columns", cs)
	}
	for _, col := range []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"} {
		prev.Set("requests.carried_forward."+col, CountValue(*cur.Int("requests.carried_over." + col)))
	}
	if cs := carry(); len(cs) != 0 {
		t.Fatalf("CheckCarryOver = %+v, want none", cs)
	}
	if cs := CheckCarryOver(nil, cur); cs != nil {
		t.Fatalf("CheckCarryOver(nil, …) = %+v", cs)
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		file   string
		want   string
		approx bool
	}{
		{"huaian-2024.expected.toml", fmt.Sprintf("proactive=5500 received=3119 processed=3050 granted=1362 partially_granted=454 "+
			"denied=%d unable=%d not_processed=%d other=187 reviews=351 lawsuits=%d",
			2+31+5+6+8+12+9+105, 769+11+1, 62+25+1, 26+20), true},
		{"001_f0fa1c2612b109d1.expected.toml", "proactive=13000 received=92 processed=92 granted=88 partially_granted=0 " +
			"denied=4 unable=0 not_processed=- other=0 reviews=0 lawsuits=0", true},
		{"000_c9adea2f849f8d4a.expected.toml", "proactive=1379 received=0 processed=- granted=- partially_granted=- " +
			"denied=- unable=- not_processed=- other=- reviews=0 lawsuits=0", false},
		{"003_bce59b32b8835914.expected.toml", "proactive=7819 received=0 processed=0 granted=0 partially_granted=0 " +
			"denied=0 unable=0 not_processed=0 other=0 reviews=0 lawsuits=0", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := mustParseFile(t, "testdata/corpus/"+tt.file)
			got := Summarize(r)
			if fmtSummary(got) != tt.want || got.Approx("proactive") != tt.approx {
				t.Errorf("Summarize:\n got  %s approx=%v\n want %s approx=%v", fmtSummary(got), got.Approx("proactive"), tt.want, tt.approx)
			}
		})
	}
	// A 2021 record whose （六） is not printed: other is the sum of its items.
	r := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	for _, col := range []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"} {
		r.Delete("requests.other." + col)
	}
	if s := Summarize(r); s.Get("other") == nil || *s.Get("other") != 71+6+110 {
		t.Errorf("Other without the (六) row = %v, want 187", s.Get("other"))
	}
}

func fmtSummary(s Summary) string {
	var parts []string
	for _, f := range schema.SummaryFigures {
		if v := s.Get(f.Key); v != nil {
			parts = append(parts, fmt.Sprintf("%s=%d", f.Key, *v))
		} else {
			parts = append(parts, f.Key+"=-")
		}
	}
	return strings.Join(parts, " ")
}

func TestFigures(t *testing.T) {
	r := mustParseFile(t, "testdata/corpus/000_c9adea2f849f8d4a.expected.toml")
	fs := Figures(r)
	want := []Figure{
		{Path: "proactive.total", Table: "proactive", Column: "total", Value: 1379, IsInt: true},
		{Path: "proactive.categories[0].count", Table: "proactive.categories", Row: "政务公开", Column: "count", Value: 212, IsInt: true},
	}
	if len(fs) < 2 || !reflect.DeepEqual(fs[:2], want) {
		t.Fatalf("Figures[:2] = %+v", fs[:2])
	}
	h := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	var found bool
	for _, f := range Figures(h) {
		if f.Path == "requests.granted.natural_person" {
			found = f.Table == "requests" && f.Row == "granted" && f.Column == "natural_person" && f.Value == 1288
		}
		if f.Path == "proactive.fees.amount_10k_yuan" && (f.IsInt || f.Value != 96171.6) {
			t.Errorf("amount figure %+v", f)
		}
	}
	if !found {
		t.Error("requests.granted.natural_person missing from Figures")
	}
}

func TestTextAndProvenanceEncoding(t *testing.T) {
	r := &Record{
		Agency: Agency{Name: "测试市测试局"},
		Report: Report{Year: 2020, Template: "2019"},
		Narrative: &Narrative{
			Overview:     Text("第一行\n第二行 \"\"\" 三个引号\\反斜杠\r\n\t制表\x00"),
			OtherMatters: "无",
		},
		Provenance: map[string]Provenance{
			"proactive.total": {Line: 37, Text: `全年主动公开政府信息共1379条 "引号"`},
		},
	}
	r.Set("fees.collected_yuan", AmountValue(3940))
	out, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"proactive.total" = { line = 37, text = "全年主动公开政府信息共1379条 \"引号\"" }`,
		"overview = \"\"\"\n第一行\n第二行",
		"collected_yuan = 3940\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("encoded record lacks %q:\n%s", want, out)
		}
	}
	back, err := ParseAt("t", out, now)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if back.Narrative.Overview != r.Narrative.Overview || back.Provenance["proactive.total"] != r.Provenance["proactive.total"] {
		t.Errorf("round trip changed the text:\n%q\n%q", back.Narrative.Overview, r.Narrative.Overview)
	}
}

func TestAmountEncoding(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {3940, "3940"}, {96171.6, "96171.6"}, {0.05, "0.05"}, {1234567.891, "1234567.891"},
		{1e20, "1e+20"}, {1e-9, "1e-09"},
	} {
		got, err := Amount(tt.in).MarshalTOML()
		if err != nil || string(got) != tt.want {
			t.Errorf("Amount(%v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
		var back struct{ A Amount }
		if _, err := toml.Decode("A = "+string(got), &back); err != nil || float64(back.A) != tt.in {
			t.Errorf("Amount(%v) does not read back: %v %v", tt.in, back.A, err)
		}
	}
}

func TestNewDate(t *testing.T) {
	if d, err := NewDate(2018, 1, 10); err != nil || d.String() != "2018-01-10" {
		t.Errorf("NewDate(2018,1,10) = %v, %v", d, err)
	}
	if _, err := NewDate(2018, 2, 30); err == nil {
		t.Error("NewDate(2018,2,30) accepted")
	}
}

func TestPathAccess(t *testing.T) {
	r := &Record{Report: Report{Template: "2021"}}
	if r.Int("requests.granted.total") != nil || r.HasUnder("requests") {
		t.Fatal("absent figure is present")
	}
	r.SetInt("requests.granted.total", 5)
	r.Set("proactive.fees.amount_10k_yuan", AmountValue(1.5))
	if v := r.Int("requests.granted.total"); v == nil || *v != 5 || !r.HasUnder("requests") || !r.HasUnder("requests.granted") || r.HasUnder("requests.gran") {
		t.Fatal("Set/Int/HasUnder do not agree")
	}
	if r.Int("proactive.fees.amount_10k_yuan") != nil || *r.Amount("proactive.fees.amount_10k_yuan") != 1.5 || *r.Amount("requests.granted.total") != 5 {
		t.Fatal("an amount is not a count, a count is an amount")
	}
	r.Set("requests.nonsense.total", CountValue(1))
	if _, err := Encode(r); err == nil || !strings.Contains(err.Error(), "requests.nonsense.total is not a key of the \"2021\" template") {
		t.Fatalf("Encode of an unknown path: %v", err)
	}
}

func TestLocator(t *testing.T) {
	src := []byte(`schema = 1
[agency]
name = "x"

[[proactive.categories]]
name = "a"
count = 1
[[proactive.categories]]
name = "b"
count = 2
[provenance]
"proactive.total" = { line = 3, text = "t" }
[requests.granted]
total = 1
`)
	loc := NewLocator(src)
	for path, want := range map[string]int{
		"schema": 1, "agency": 2, "agency.name": 3, "proactive.categories[0].count": 7,
		"proactive.categories[1]": 8, "proactive.categories[1].name": 9,
		`provenance."proactive.total".text`: 12, "requests.granted.total": 14,
		"requests.granted.natural_person": 13, "nothing.here": 0,
	} {
		if got := loc.Line(path); got != want {
			t.Errorf("Line(%s) = %d, want %d", path, got, want)
		}
	}
}

// TestGiven: Given yields every figure's path and every list's with items, each
// once.
func TestGiven(t *testing.T) {
	r := &Record{Report: Report{Template: "2021"}}
	r.SetInt("requests.granted.total", 5)
	r.Set("proactive.fees.amount_10k_yuan", AmountValue(1.5))
	r.SetList("proactive.categories", []Category{{Name: "规章", Count: 2}})
	got := slices.Sorted(r.Given())
	want := []string{"proactive.categories", "proactive.fees.amount_10k_yuan", "requests.granted.total"}
	if !slices.Equal(got, want) {
		t.Errorf("Given = %q, want %q", got, want)
	}
}
