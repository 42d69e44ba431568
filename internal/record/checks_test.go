package record

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestRates: the derived rates of real records, computed only where the counts
// exist, marked small under MinRateBase.
func TestRates(t *testing.T) {
	tests := []struct {
		file string
		want string // key=percent num/den, "*" for small
	}{
		// 淮安 2024: (1362+454)/3050; (2+31+5+6+8+12+9+105)/3050; 64/(351−37);
		// (4+1)/(26−1+20−6).
		{"corpus/huaian-2024.expected.toml", "disclosed=59.5% 1816/3050 denied=5.8% 178/3050 review_corrected=20.4% 64/314 lawsuit_lost=12.8% 5/39"},
		// 平潭 2022: 75 requests; 2 reviews and 1 lawsuit concluded: small.
		{"years/pingtan-zone-2022.toml", "disclosed=40.0% 30/75 denied=5.3% 4/75 review_corrected=50.0% 1/2* lawsuit_lost=0.0% 0/1*"},
		// 西峰区 2017 (2008 template): 同意公开 88 of 92 answered, 不同意公开 4.
		{"corpus/001_f0fa1c2612b109d1.expected.toml", "disclosed=95.7% 88/92 denied=4.3% 4/92"},
		// 襄阳 2017: no request answered, nothing to divide.
		{"corpus/000_c9adea2f849f8d4a.expected.toml", ""},
		// 衡山县 2020 (2019 template): every count is 0.
		{"corpus/003_bce59b32b8835914.expected.toml", ""},
		// 平潭 2014 (2008 template): one request, granted.
		{"years/pingtan-zone-2014.toml", "disclosed=100.0% 1/1* denied=0.0% 0/1*"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if got := fmtRates(Summarize(mustParseFile(t, "testdata/"+tt.file)).Rates()); got != tt.want {
				t.Errorf("rates:\n got  %s\n want %s", got, tt.want)
			}
		})
	}
	// Absent when a count is: 2024 without 尚未审结 has no 复议纠错率.
	r := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	r.Delete("review.pending")
	if _, ok := Summarize(r).Rate("review_corrected"); ok {
		t.Error("review_corrected computed without review.pending")
	}
	// Summaries add rate by rate: the sum of numerators over the sum of denominators.
	s := Summarize(mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml"))
	s.Add(Summarize(mustParseFile(t, "testdata/years/pingtan-zone-2022.toml")))
	if rt, ok := s.Rate("disclosed"); !ok || rt.Num != 1816+30 || rt.Den != 3050+75 || rt.Small {
		t.Errorf("added disclosed = %+v", rt)
	}
}

func fmtRates(rs []Rate) string {
	var parts []string
	for _, r := range rs {
		p := fmt.Sprintf("%s=%s %d/%d", r.Key, r.Percent(), r.Num, r.Den)
		if r.Small {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// TestChanges: 申请量变化 from the year before, across templates.
func TestChanges(t *testing.T) {
	zone2014 := Summarize(mustParseFile(t, "testdata/years/pingtan-zone-2014.toml")) // 1 request received
	zone2022 := Summarize(mustParseFile(t, "testdata/years/pingtan-zone-2022.toml")) // 74 new
	huaian := Summarize(mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml"))
	none := Summarize(mustParseFile(t, "testdata/corpus/000_c9adea2f849f8d4a.expected.toml")) // 0 received
	tests := []struct {
		name      string
		prev, cur Summary
		want      string
	}{
		{"small base", zone2014, zone2022, "received_change=+7300.0% 73/1*"},
		{"fall", huaian, zone2022, "received_change=-97.6% -3045/3119"},
		{"rise", zone2022, huaian, "received_change=+4114.9% 3045/74"},
		{"none the year before", none, zone2022, ""},
		{"same", huaian, huaian, "received_change=0.0% 0/3119"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmtRates(Changes(tt.prev, tt.cur)); got != tt.want {
				t.Errorf("Changes = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestTextReuse: sentence-level reuse between real narratives of one agency, and a
// deliberately reused copy.
func TestTextReuse(t *testing.T) {
	zone2012 := mustParseFile(t, "testdata/years/pingtan-zone-2012.toml")
	zone2014 := mustParseFile(t, "testdata/years/pingtan-zone-2014.toml")
	zone2022 := mustParseFile(t, "testdata/years/pingtan-zone-2022.toml")
	reused := mustParseFile(t, "testdata/broken/reuse.toml")
	tests := []struct {
		name       string
		prev, cur  *Record
		minShare   float64
		maxShare   float64
		passages   int
		firstField string
	}{
		{"2012 → 2014, rewritten", zone2012, zone2014, 0, 0.05, -1, ""},
		{"2022 → its copy", zone2022, reused, 0.9, 0.99, 44, "overview"},
		{"the copy against itself", reused, reused, 1, 1, 47, "overview"},
		{"no year before", nil, zone2022, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := TextReuse(tt.prev, tt.cur)
			if u.Share < tt.minShare || u.Share > tt.maxShare {
				t.Errorf("share = %.3f, want %.2f..%.2f", u.Share, tt.minShare, tt.maxShare)
			}
			if tt.passages >= 0 && len(u.Passages) != tt.passages {
				t.Errorf("%d passages, want %d", len(u.Passages), tt.passages)
			}
			for _, p := range u.Passages {
				text := narrativeText(tt.cur.Narrative, p.Field)
				if p.Start < 0 || p.End > len(text) || strings.TrimSpace(text[p.Start:p.End]) != p.Text {
					t.Fatalf("passage %+v does not quote %s[%d:%d]", p, p.Field, p.Start, p.End)
				}
			}
			if tt.firstField != "" && u.Passages[0].Field != tt.firstField {
				t.Errorf("first passage in %s, want %s", u.Passages[0].Field, tt.firstField)
			}
		})
	}
	// The rewritten sentences are not marked; a changed year or count is.
	u := TextReuse(zone2022, reused)
	var marked []string
	for _, p := range u.Passages {
		marked = append(marked, p.Text)
	}
	all := strings.Join(marked, "\n")
	if strings.Contains(all, "常态化管理") || !strings.Contains(all, "15102条") {
		t.Errorf("marked passages:\n%s", all)
	}
}

func narrativeText(n *Narrative, field string) string {
	for _, f := range narrativeFields(n) {
		if f.Field == field {
			return f.Text
		}
	}
	return ""
}

func TestNormalizeSentence(t *testing.T) {
	for in, want := range map[string]string{
		"2022年，全区收到政府信息公开申请75件。":    "#年全区收到政府信息公开申请#件",
		"二〇二三年 全区收到 政府信息公开申请 81 件；": "#年全区收到政府信息公开申请#件",
		"一是做好规范性文件公开，二是统一标准":        "一是做好规范性文件公开二是统一标准",
		"上传WORD和PDF版本\u200b的附件":     "上传word和pdf版本的附件",
	} {
		if got := normalizeSentence(in); got != want {
			t.Errorf("normalizeSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConcerns: the key paths of checks made now (their Paths) and of checks read
// back from a record file (from their rule, in the template's description).
func TestConcerns(t *testing.T) {
	r := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	tests := []struct {
		name  string
		check Check
		want  []string // a prefix of the result
		n     int      // its length, or -1
	}{
		{"made now", Check{Rule: "requests.balance", Key: "requests.carried_forward.total", Paths: []string{"requests.carried_forward.total", "requests.total.total"}},
			[]string{"requests.carried_forward.total", "requests.total.total"}, 2},
		{"a key only", Check{Rule: "table.cell", Key: "requests.granted.total"}, []string{"requests.granted.total"}, 1},
		{"text, read back", Check{Rule: "text.received", Message: "正文称收到申请…"},
			[]string{"requests.new_received.total", "requests.carried_over.total", "requests.new_received.natural_person"}, -1},
		{"text of a 第二十条 row", Check{Rule: "text.normative_documents"},
			[]string{"proactive.normative_documents.made", "proactive.normative_documents.repealed", "proactive.normative_documents.in_force"}, 3},
		{"a missing table", Check{Rule: RuleTableMissing, Message: "第二部分“主动公开政府信息情况”应有表格“第二十条第（五）项”，未能读出其中的数字"},
			[]string{"proactive.licensing.decisions"}, 1},
		{"a thin section", Check{Rule: RuleSectionThin, Message: "第五部分“存在的主要问题及改进情况”只有一句"},
			[]string{"narrative.problems_and_improvements"}, 1},
		{"fees not mentioned", Check{Rule: RuleSectionMention, Message: "第六部分“其他需要报告的事项”称无，…"},
			[]string{"fees.collected_yuan", "narrative.other_matters"}, 2},
		{"unknown", Check{Rule: "table.ambiguous", Message: "…"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Concerns(r, tt.check)
			if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) || tt.n >= 0 && len(got) != tt.n {
				t.Errorf("Concerns = %q, want %q… (%d)", got, tt.want, tt.n)
			}
		})
	}
}

// TestChecks: stored checks come first, keep their place, and take the key paths of
// the computed check that repeats them; nothing is listed twice.
func TestChecks(t *testing.T) {
	r := mustParseFile(t, "testdata/broken/bound_row.toml")
	computed := Validate(r)
	stored := []Check{{Rule: "table.ambiguous", Severity: SeverityWarning, Message: "x"}}
	for _, c := range computed {
		stored = append(stored, Check{Rule: c.Rule, Severity: c.Severity, Message: c.Message}) // as read back
	}
	r.Checks = stored
	prev := mustParseFile(t, "testdata/corpus/huaian-2024.expected.toml")
	prev.Report.Year = 2023
	cs := Checks(prev, r)
	if len(cs) < len(stored) || cs[0].Rule != "table.ambiguous" {
		t.Fatalf("Checks = %+v", cs)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if seen[c.Rule+c.Message] {
			t.Errorf("%s listed twice", c.Message)
		}
		seen[c.Rule+c.Message] = true
		if i > 0 && (c.Key == "" || len(c.Paths) == 0 || c.Paths[0] != c.Key) {
			t.Errorf("check %+v has no key paths", c)
		}
	}
	if !slices.ContainsFunc(cs, func(c Check) bool { return c.Rule == RuleCarryOver }) {
		t.Errorf("Checks lacks the checks across years: %+v", cs)
	}
}

// FuzzTextReuse: any two narratives give a share between 0 and 1 and passages that
// quote the later one.
func FuzzTextReuse(f *testing.F) {
	data, err := os.ReadFile("testdata/years/pingtan-zone-2022.toml")
	if err != nil {
		f.Fatal(err)
	}
	zone, err := ParseAt("pingtan-zone-2022.toml", data, now)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(zone.Narrative.ProblemsAndImprovements), string(zone.Narrative.ProblemsAndImprovements[:300]))
	f.Add("一是加强领导。二是完善制度。", "一是加强领导；二是完善制度\n")
	f.Add("", "\xff。。\n\n；")
	f.Fuzz(func(t *testing.T, before, after string) {
		prev := &Record{Narrative: &Narrative{Overview: Text(before)}}
		cur := &Record{Narrative: &Narrative{Overview: Text(after), OtherMatters: Text(before)}}
		u := TextReuse(prev, cur)
		if u.Share < 0 || u.Share > 1 || u.Repeated > u.Compared {
			t.Fatalf("share %v (%d of %d)", u.Share, u.Repeated, u.Compared)
		}
		for _, p := range u.Passages {
			text := narrativeText(cur.Narrative, p.Field)
			if p.Start < 0 || p.End > len(text) || p.Start > p.End || strings.TrimSpace(text[p.Start:p.End]) != p.Text {
				t.Fatalf("passage %+v does not quote %q", p, text)
			}
		}
	})
}

// normalizeSentenceByRunes is normalizeSentence as it was first written, rune by
// rune over the whole sentence: the reference FuzzNormalizeSentence holds the
// faster one to.
func normalizeSentenceByRunes(s string) string {
	const hanDigits = "〇○零一二三四五六七八九十百千"
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			for i+1 < len(rs) && unicode.IsDigit(rs[i+1]) {
				i++
			}
			b.WriteByte('#')
		case strings.ContainsRune(hanDigits, r):
			j := i
			zero := false
			for j < len(rs) && strings.ContainsRune(hanDigits, rs[j]) {
				zero = zero || rs[j] == '〇' || rs[j] == '○' || rs[j] == '零'
				j++
			}
			if zero {
				b.WriteByte('#')
			} else {
				b.WriteString(string(rs[i:j]))
			}
			i = j - 1
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.In(r, unicode.Cf):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FuzzNormalizeSentence: normalizeSentence agrees with the rune-by-rune reference
// on any text, invalid UTF-8 included.
func FuzzNormalizeSentence(f *testing.F) {
	for _, s := range []string{"2022年，全区收到政府信息公开申请75件。", "二〇二三年 全区收到 81 件；", "一是做好规范性文件公开，二是统一标准",
		"上传WORD和PDF版本\u200b的附件", "\xff〇\xe4\xb8", "十一五 ○○ 一九九九年 ٣٤ Ⅻ ＡＢＣ", "龥鿿一\u9fff\u4e00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeSentence(s), normalizeSentenceByRunes(s); got != want {
			t.Fatalf("normalizeSentence(%q) = %q, want %q", s, got, want)
		}
	})
}
