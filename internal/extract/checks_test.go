package extract

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// consistent2021 are requests-table rows that add up: 74 new (71 natural persons, 3
// companies) and 1 carried over, all 75 granted, none carried forward.
var consistent2021 = map[string]string{
	"new_received": "71 | 3 | 0 | 0 | 0 | 0 | 74",
	"carried_over": "1 | 0 | 0 | 0 | 0 | 0 | 1",
	"granted":      "72 | 3 | 0 | 0 | 0 | 0 | 75",
	"total":        "72 | 3 | 0 | 0 | 0 | 0 | 75",
}

// withText is the test report of frameTables with lines of text added to its 总体情况
// and its sections 五 and 六 replaced (when given).
func withText(template string, rows map[string]string, text []string, five, six *string) []string {
	lines := frameTables(template, requestsTable(template, rows)).Lines
	out := append([]string(nil), lines[:4]...)
	out = append(out, text...)
	for i := 4; i < len(lines); i++ {
		out = append(out, lines[i])
		switch {
		case strings.HasPrefix(lines[i], "五、") && five != nil:
			i++
			if *five != "" {
				out = append(out, *five)
			}
		case strings.HasPrefix(lines[i], "六、") && six != nil:
			i++
			if *six != "" {
				out = append(out, *six)
			}
		}
	}
	return out
}

// checksOf lists a record's checks whose rule starts with one of prefixes, as
// "RULE KEY".
func checksOf(r *record.Record, prefixes ...string) []string {
	var out []string
	for _, c := range r.Checks {
		for _, p := range prefixes {
			if strings.HasPrefix(c.Rule, p) {
				out = append(out, c.Rule+" "+c.Key)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestStatements: the text's counts against the tables, the ways real reports state
// them, and counts of other things that must not be compared.
func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// 平潭 2022's wording: 75 = 74 new + 1 carried over; 72 = 71 + 1.
		{"new and carried over", "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。", nil},
		{"new only", "全年共受理政府信息公开申请74件。", nil},
		{"differs", "全年共受理政府信息公开申请76件，其中自然人73件。",
			[]string{"text.received requests.new_received.natural_person", "text.received requests.new_received.total"}},
		// 淮安 2024's wording, with its counts.
		{"answered and carried", "全市共受理政府信息公开申请74件，答复75件（含上年度结转申请1件，另有0件顺延到下年度答复）。", nil},
		{"answered differs", "全市共受理政府信息公开申请74件，答复70件（含上年度结转申请2件，另有3件顺延到下年度答复）。",
			[]string{"text.answered requests.total.total", "text.carried_forward requests.carried_forward.total", "text.carried_over requests.carried_over.total"}},
		{"carried forward before", "结转下年度继续办理4件。", []string{"text.carried_forward requests.carried_forward.total"}},
		// The review table: 1 upheld, 1 pending, 2 in all; no lawsuit.
		{"reviews", "政府信息公开行政复议2件，其中结果维持1件，尚未审结1件；政府信息公开行政诉讼0件。", nil},
		{"reviews differ", "政府信息公开行政复议3件，其中结果维持2件，结果纠正1件；政府信息公开行政诉讼1件。",
			[]string{"text.lawsuits litigation_direct.total", "text.review review.corrected", "text.review review.total", "text.review review.upheld"}},
		{"reviews and suits in one count", "2022年，全区政府信息公开工作方面共有行政诉讼案件0件、行政复议案件2件，均已结案。", nil},
		// 第二十条 (frameTables: 规章 1/0/11, 规范性文件 8/26/66, 许可 447228, 处罚 3985758).
		{"第二十条", "全年新增公开规章1件，制发规范性文件8件，集中公开现行有效行政规范性文件66件，作出行政许可决定447228件。", nil},
		{"第二十条 differs", "集中公开现行有效行政规范性文件60件，本年度制发的规范性文件9件，作出行政处罚决定100件。",
			[]string{"text.normative_documents proactive.normative_documents.in_force", "text.normative_documents proactive.normative_documents.made",
				"text.penalty proactive.penalty.decisions"}},
		// Counts of other things.
		{"other things", strings.Join([]string{
			"全年共受理政务服务事项申请12345件，接受群众咨询200件，答复网民留言58件。",
			"全年办理行政复议案件35件，出庭应诉行政诉讼案件12件。",
			"收到政府信息公开申请75余件。",
			"备案审查规范性文件12件，清理规范性文件30件，制定内部规章制度5件，发布政策文件20件。",
			"市政府及市政府办政策性文件11件，行政许可事项120个。",
			"第3件政府信息公开申请涉及第三方，共征求意见2件。",
		}, ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, docOf(withText("2021", consistent2021, []string{tt.text}, nil, nil)...), Options{})
			got := checksOf(r, "text.")
			if !slices.Equal(got, tt.want) {
				t.Errorf("checks:\n got  %q\n want %q\n%+v", got, tt.want, r.Checks)
			}
			for _, c := range r.Checks {
				if strings.HasPrefix(c.Rule, "text.") && (!strings.HasPrefix(c.Message, "正文（第5行）称") || !strings.Contains(c.Message, "，表格为")) {
					t.Errorf("message %q: want 正文（第5行）称……，表格为……", c.Message)
				}
			}
		})
	}
}

func TestStatementMessage(t *testing.T) {
	r := mustExtract(t, docOf(withText("2021", consistent2021, []string{"2022年，全区收到政府信息公开申请77件。"}, nil, nil)...), Options{})
	var msgs []string
	for _, c := range r.Checks {
		if c.Rule == "text.received" {
			msgs = append(msgs, c.Message)
			if !slices.Equal(c.Paths, []string{"requests.new_received.total", "requests.carried_over.total"}) {
				t.Errorf("paths = %q", c.Paths)
			}
		}
	}
	want := "正文（第5行）称收到申请77件（“2022年，全区收到政府信息公开申请77件”），表格为本年新收74件、本年新收加上年结转75件"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("messages = %q\nwant %q", msgs, want)
	}
}

// TestStatementsCorpus: real reports whose text agrees with their tables raise no
// check; a copy with the text's counts changed raises one for each.
func TestStatementsCorpus(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		edits [][2]string
		want  []string
	}{
		{"平潭 2022", "pingtan-zone-2022", nil, nil},
		{"平潭 2022, counts changed", "pingtan-zone-2022", [][2]string{{"申请75件", "申请76件"}, {"行政复议案件2件", "行政复议案件3件"}, {"行政诉讼案件1件", "行政诉讼案件2件"}},
			[]string{"text.lawsuits litigation_direct.total", "text.received requests.new_received.total", "text.review review.total"}},
		// The text settles the 规范性文件 run "8855698" (88 made, 698 in force): with
		// 699 in the text the run is ambiguous, the figure absent, nothing compared.
		{"平潭 2022, a count the tables were read with", "pingtan-zone-2022", [][2]string{{"规范性文件698件", "规范性文件699件"}}, nil},
		{"平潭 2019", "pingtan-zone-2019", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extractFile(t, "testdata/checks/"+tt.file+".txt", tt.edits)
			if got := checksOf(r, "text."); !slices.Equal(got, tt.want) {
				t.Errorf("checks:\n got  %q\n want %q\n%+v", got, tt.want, r.Checks)
			}
		})
	}
	if !havePDFText() {
		t.Skip("pdftotext not installed: apt-get install poppler-utils poppler-data")
	}
	// 淮安 2024 states 16 figures of its tables in its text, all as printed.
	if got := checksOf(extractFile(t, "testdata/corpus/pdf/huaian-2024.pdf", nil), "text.", "table.missing", "section."); len(got) != 0 {
		t.Errorf("淮安 2024: %q", got)
	}
}

// extractFile extracts a test file (with its .meta.toml), its text edited.
func extractFile(t *testing.T, path string, edits [][2]string) *record.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		if !strings.Contains(string(data), e[0]) {
			t.Fatalf("%s does not say %q", path, e[0])
		}
		data = []byte(strings.Replace(string(data), e[0], e[1], 1))
	}
	opts := Options{}
	if m, err := LoadMeta(strings.TrimSuffix(path, ".txt") + ".meta.toml"); err == nil {
		opts.Meta = m
	}
	res, err := File(path, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res.Record
}

// TestSections: sections 五 and 六, and the tables a section announces.
func TestSections(t *testing.T) {
	str := func(s string) *string { return &s }
	fee := "全年收取信息处理费3940元。"
	tests := []struct {
		name      string
		template  string
		text      []string
		five, six *string
		want      []string
	}{
		{"two sentences", "2021", nil, str("公开质量有待提高。下一步将加强培训。"), str("无。"), nil},
		{"empty", "2021", nil, str(""), nil, []string{"section.thin narrative.problems_and_improvements"}},
		{"无", "2021", nil, str("无。"), nil, []string{"section.thin narrative.problems_and_improvements"}},
		{"one sentence", "2021", nil, str("我局将继续做好政府信息公开工作。"), nil, []string{"section.thin narrative.problems_and_improvements"}},
		{"fees and 无", "2021", []string{fee}, nil, str("无。"), []string{"section.mention fees.collected_yuan"}},
		{"fees denied", "2021", []string{fee}, nil, str("2022年，无收取信息处理费情况。"), []string{"section.mention fees.collected_yuan"}},
		{"fees reported", "2021", nil, nil, str(fee), nil},
		{"no fees", "2021", []string{"本年度未收取任何费用。"}, nil, str("无。"), nil},
		// The 2019 template asks for no 信息处理费 in 六.
		{"2019: fees and 无", "2019", []string{fee}, nil, str("无。"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := consistent2021
			if tt.template == "2019" {
				rows = nil
			}
			r := mustExtract(t, docOf(withText(tt.template, rows, tt.text, tt.five, tt.six)...), Options{})
			if got := checksOf(r, "section.", "table.missing"); !slices.Equal(got, tt.want) {
				t.Errorf("checks:\n got  %q\n want %q\n%+v", got, tt.want, r.Checks)
			}
		})
	}
}

// TestTableMissing: a section heading whose table is not there, or cannot be read.
func TestTableMissing(t *testing.T) {
	drop := func(lines []string, words ...string) []string {
		return slices.DeleteFunc(lines, func(l string) bool { return containsAny(l, words...) })
	}
	base := withText("2021", consistent2021, nil, nil, nil)
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"all there", base, nil},
		{"第二十条第（六）项 left out", drop(slices.Clone(base), "行政处罚", "行政强制"),
			[]string{"table.missing proactive.penalty.decisions"}},
		{"appeals left out", drop(slices.Clone(base), "结果维持", "1 | 0 | 0 | 1", "行政复议 |"),
			[]string{"table.missing review.upheld"}},
		// No heading of section 三: nothing said about its table.
		{"requests and heading left out", drop(slices.Clone(base), "三、收到和处理", "申请", "办理结果", "总计", "结转", "不予", "无法", "属于", "危及", "保护", "重复",
			"法人", "商业企业", "（六）", "其他 |"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, docOf(tt.lines...), Options{})
			got := checksOf(r, "table.missing")
			if !slices.Equal(got, tt.want) {
				t.Errorf("checks:\n got  %q\n want %q\n%+v", got, tt.want, r.Checks)
			}
			for _, c := range r.Checks {
				if c.Rule == record.RuleTableMissing {
					if ps := record.Concerns(r, record.Check{Rule: c.Rule, Message: c.Message}); !slices.Equal(ps, c.Paths) {
						t.Errorf("Concerns of the check read back = %q, want %q", ps, c.Paths)
					}
				}
			}
		})
	}
	// 平潭 2019's 第二十条 runs cannot be split: table.ambiguous says so, not
	// table.missing.
	r := extractFile(t, "testdata/checks/pingtan-zone-2019.txt", nil)
	if got := checksOf(r, "table.missing"); len(got) != 0 || len(checksOf(r, "table.ambiguous")) == 0 {
		t.Errorf("平潭 2019: %q", checksOf(r, "table."))
	}
}

// FuzzCountsOf: any sentence gives counts whose offsets lie in it, in order, each
// quoting a number and its unit.
func FuzzCountsOf(f *testing.F) {
	for _, s := range []string{
		"2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件",
		"答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）",
		"第3件、1.5件、75余件、两件、一个、3件次", "", "件件件", "\xff件9件",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sent string) {
		last := 0
		for _, c := range countsOf(sent) {
			if c.start < last || c.end > len(sent) || c.start >= c.end {
				t.Fatalf("count %+v out of order or range in %q", c, sent)
			}
			if !strings.HasSuffix(sent[:c.end], c.unit) || c.n < 0 {
				t.Fatalf("count %+v does not end with its unit in %q", c, sent)
			}
			last = c.end
		}
	})
}
