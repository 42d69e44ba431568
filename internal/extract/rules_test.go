package extract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// docOf builds a document from lines; lines with "|" are rows of pipe tables, as
// decode makes them.
func docOf(lines ...string) *decode.Document {
	doc := &decode.Document{Format: "text", Script: "hans"}
	var cur *decode.Table
	for _, l := range lines {
		if strings.Contains(l, "|") {
			if cur == nil {
				doc.Tables = append(doc.Tables, decode.Table{Line: len(doc.Lines)})
				cur = &doc.Tables[len(doc.Tables)-1]
			}
			var cells []string
			for _, c := range strings.Split(l, "|") {
				cells = append(cells, strings.TrimSpace(c))
			}
			cur.Rows = append(cur.Rows, cells)
		} else {
			cur = nil
		}
		doc.Lines = append(doc.Lines, l)
	}
	return doc
}

// figures returns the record's figures as "path=value" for comparison.
func figures(r *record.Record) map[string]string {
	out := make(map[string]string)
	for _, f := range record.Figures(r) {
		out[f.Path] = fmt.Sprint(f.Value)
	}
	return out
}

func mustExtract(t *testing.T, doc *decode.Document, opts Options) *record.Record {
	t.Helper()
	r, err := Extract(doc, opts)
	if err != nil {
		t.Fatalf("Extract: %v\n%s", err, strings.Join(doc.Lines, "\n"))
	}
	return r
}

// A report's frame: a title, the statistics period, the parts a report has.
func frame2008(body ...string) *decode.Document {
	lines := []string{
		"测试市测试局2015年政府信息公开工作年度报告",
		"本报告中所列数据的统计期限自2015年1月1日起至2015年12月31日止。",
		"一、概述",
		"2015年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
	}
	lines = append(lines, body...)
	lines = append(lines, "五、存在的主要问题及改进措施", "主动公开的信息内容还需完善。", "测试市测试局", "2016年3月1日")
	return docOf(lines...)
}

// TestNarrativeRules: the ways real 2008-era reports state their figures, zero
// included ("未发生", "没有…情况", "办理0件", "未实行收费", "均免费").
func TestNarrativeRules(t *testing.T) {
	tests := []struct {
		name string
		body []string
		want map[string]string // path → value; "-" means absent
	}{
		{"headline with breakdown", []string{"二、主动公开政府信息情况",
			"全年主动公开政府信息共1379条,其中,政务公开212条,审批公示公告信息508条,人事信息5条。向平台推送审批信息3793条。"},
			map[string]string{"proactive.total": "1379", "proactive.categories[0].count": "212", "proactive.categories[2].count": "5", "proactive.categories[3].count": "-"}},
		{"breakdown names with 、", []string{"二、主动公开信息情况",
			"截止2015年12月31日，我局主动公开信息133条，其中，机构概况类信息2条，政策法规、规范性文件信息10条，项目信息78条。"},
			map[string]string{"proactive.total": "133", "proactive.categories[1].count": "10"}},
		{"approximate headline", []string{"二、主动公开政府信息情况", "本年度全区通过政府网站发布的各类信息13000余条，主要涉及全区重要会议精神。"},
			map[string]string{"proactive.total": "13000"}},
		{"requests with channels and outcomes", []string{"三、依申请公开情况",
			"2015年，收到公开政府信息申请92件。从受理形式看，当面申请61件、以网上提交表单形式申请20件、以传真形式申请6件、以信函形式申请5件。对收到的申请全部予以了答复。其中，属于已主动公开的80件；同意公开的88件；同意部分公开的0件；不同意公开的4件（其中，涉及个人隐私的1件；不是《条例》所指政府信息的3件；为法律法规规定的其他情形的0件）；不属于本行政机关公开的0件；申请信息不存在的0件；告知作出更改补充的0件；告知通过其它途径办理的0件。"},
			map[string]string{"legacy_requests.received": "92", "legacy_requests.answered": "92", "legacy_requests.channels.in_person": "61",
				"legacy_requests.channels.online": "20", "legacy_requests.channels.fax": "6", "legacy_requests.channels.mail": "5",
				"legacy_requests.outcomes.already_public": "80", "legacy_requests.outcomes.granted": "88",
				"legacy_requests.outcomes.partially_granted": "0", "legacy_requests.outcomes.denied": "4",
				"legacy_requests.denial_reasons.privacy": "1", "legacy_requests.denial_reasons.not_government_info": "3",
				"legacy_requests.denial_reasons.law_other": "0", "legacy_requests.outcomes.not_held": "0",
				"legacy_requests.outcomes.not_exist": "0", "legacy_requests.outcomes.clarify": "0", "legacy_requests.outcomes.other_channel": "0"}},
		{"no requests: 未发生", []string{"三、政府信息依申请公开情况", "2015年,我局未发生受理、答复依申请公开政务信息的情况。"},
			map[string]string{"legacy_requests.received": "0", "legacy_requests.answered": "-"}},
		{"no requests: 没有…情况，办理0件", []string{"三、依申请公开信息办理情况", "2015年，我局没有依申请公开信息情况，办理0件。"},
			map[string]string{"legacy_requests.received": "0"}},
		{"no requests in a subsection", []string{"二、政府信息公开工作情况", "（四）依申请公开情况", "2015年度没有发生依申请公开办理情况。", "（五）工作制度建立情况", "我局完善了《依申请公开信息工作制度》。"},
			map[string]string{"legacy_requests.received": "0"}},
		{"requests in Chinese numerals", []string{"三、依申请公开情况", "全年共受理政府信息公开申请两件，均已按时答复。"},
			map[string]string{"legacy_requests.received": "2", "legacy_requests.answered": "2"}},
		{"reviews: none of three", []string{"四、行政复议和行政诉讼情况", "本年度没有因为政府信息公开引起的行政复议,行政诉讼和申诉。"},
			map[string]string{"legacy_review.reviews": "0", "legacy_review.lawsuits": "0", "legacy_review.complaints": "0"}},
		{"reviews: none, two sentences", []string{"四、举报、投诉和行政复议、行政诉讼", "2015年,本局未收到有关政府信息公开事务的行政复议申请,没有发生因政府信息公开提起行政诉讼。"},
			map[string]string{"legacy_review.reviews": "0", "legacy_review.lawsuits": "0", "legacy_review.complaints": "-"}},
		{"reviews counted", []string{"四、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年因政府信息公开申请行政复议2件，提起行政诉讼1件。"},
			map[string]string{"legacy_review.reviews": "2", "legacy_review.lawsuits": "1"}},
		{"fees: 未实行收费", []string{"四、依申请公开的收费情况", "2015年,未实行收费制度。"}, map[string]string{"fees.collected_yuan": "0"}},
		{"fees: 均免费", []string{"四、信息公开收费及减免情况", "我局对各项信息均免费公开。"}, map[string]string{"fees.collected_yuan": "0"}},
		{"fees: 均未收费 outside a section", []string{"六、机构、人员和经费情况", "在提供信息时均未收费。"}, map[string]string{"fees.collected_yuan": "0"}},
		{"fees collected", []string{"四、收费情况", "全年收取政府信息公开信息处理费3940元。"}, map[string]string{"fees.collected_yuan": "3940"}},
		{"fees: nothing said", []string{"四、其他", "价格和收费信息已公开。"}, map[string]string{"fees.collected_yuan": "-"}},
		{"staff", []string{"六、机构和人员", "目前全区有49人从事政府信息公开工作，其中专职人员3人，兼职人员46人。"},
			map[string]string{"staff.full_time": "3", "staff.part_time": "46"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, frame2008(tt.body...), Options{})
			if r.Report.Template != "2008" {
				t.Fatalf("template %q", r.Report.Template)
			}
			got := figures(r)
			for k, w := range tt.want {
				g, ok := got[k]
				if w == "-" {
					if ok {
						t.Errorf("%s = %s, want absent", k, g)
					}
					continue
				}
				if g != w {
					t.Errorf("%s = %q, want %s", k, g, w)
				}
				if _, ok := r.Provenance[k]; !ok {
					t.Errorf("%s has no provenance", k)
				}
			}
		})
	}
}

func TestProvenance(t *testing.T) {
	doc := frame2008("二、主动公开政府信息情况", "全年主动公开政府信息共1379条。")
	r := mustExtract(t, doc, Options{})
	p := r.Provenance["proactive.total"]
	if p.Line != 6 || p.Text != "全年主动公开政府信息共1379条" {
		t.Errorf("provenance = %+v", p)
	}
	if doc.Lines[p.Line-1] != "全年主动公开政府信息共1379条。" {
		t.Errorf("line %d is %q", p.Line, doc.Lines[p.Line-1])
	}
}

// requestRows are the rows of a template's requests table.
func requestRows(template string) []schema.Row {
	tb, _ := schema.National().Lookup(template).Table("requests")
	return tb.Rows
}

// requestsTable is a template's requests table as pipe text, with the cells a row gives.
func requestsTable(template string, rows map[string]string) []string {
	lines := []string{"三、收到和处理政府信息公开申请情况",
		"(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | | |",
		"| 自然人 | 法人或其他组织 | | | | | 总计 |",
		"| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |"}
	for _, spec := range requestRows(template) {
		if spec.Hidden {
			lines = append(lines, spec.Title()+" | | | | | | | |")
			continue
		}
		cells, ok := rows[spec.Key]
		if !ok {
			cells = "0 | 0 | 0 | 0 | 0 | 0 | 0"
		}
		lines = append(lines, spec.Number+spec.Label+" | "+cells+" |")
	}
	return lines
}

func frameTables(template string, table []string) *decode.Document {
	lines := []string{"测试县测试局2022年政府信息公开工作年度报告",
		"本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
		"一、总体情况", "2022年，我局主动公开政府信息120条。",
		"二、主动公开政府信息情况"}
	if template == "2021" {
		lines = append(lines, "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 1 | 0 | 11", "行政规范性文件 | 8 | 26 | 66",
			"信息内容 | 本年处理决定数量", "行政许可 | 447228", "信息内容 | 本年处理决定数量", "行政处罚 | 3985758", "行政强制 | 88283",
			"信息内容 | 本年收费金额（单位：万元）", "行政事业性收费 | 96171.6")
	} else {
		lines = append(lines, "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量", "规章 | 0 | 0 | 0", "规范性文件 | 2 | 2 | 30",
			"信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量", "行政许可 | 120 | -3 | 4500",
			"信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量", "行政处罚 | 40 | 2 | 310", "行政强制 | 3 | 0 | 12",
			"信息内容 | 上一年项目数量 | 本年增/减", "行政事业性收费 | 2 | 0",
			"信息内容 | 采购项目数量 | 采购总金额", "政府集中采购 | 4 | 251000元")
	}
	lines = append(lines, table...)
	lines = append(lines, "四、政府信息公开行政复议、行政诉讼情况",
		"行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
		"1 | 0 | 0 | 1 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"五、存在的主要问题及改进情况", "公开质量有待提高。下一步将加强培训。", "六、其他需要报告的事项", "无。")
	return docOf(lines...)
}

func TestTables(t *testing.T) {
	r := mustExtract(t, frameTables("2019", requestsTable("2019", map[string]string{
		"new_received":    "3 | 1 | | | | | 4",        // blank cells are 0
		"granted":         "2 | 1 | 0 | 0 | 0 | 0 | ", // total left empty: computed
		"total":           "3 | 1 | 0 | 0 | 0 | 0 | 4",
		"unable_not_held": "1 | 0 | 0 | 0 | 0 | 0 | 1",
	})), Options{})
	if r.Report.Template != "2019" {
		t.Fatalf("template %s", r.Report.Template)
	}
	got := figures(r)
	for k, w := range map[string]string{
		"requests.new_received.natural_person": "3", "requests.new_received.research": "0", "requests.new_received.total": "4",
		"requests.granted.total": "3", "requests.unable_not_held.total": "1", "requests.carried_forward.total": "0",
		"proactive.normative_documents.total_published": "30", "proactive.licensing.change": "-3",
		"proactive.procurement.amount_yuan": "251000", "proactive.total": "120",
		"review.upheld": "1", "review.pending": "1", "review.total": "2", "litigation_after_review.total": "0",
	} {
		if got[k] != w {
			t.Errorf("%s = %q, want %s", k, got[k], w)
		}
	}
	if p := r.Provenance["requests.granted.total"]; !strings.Contains(p.Text, "计算值") {
		t.Errorf("computed total's provenance = %+v", p)
	}
	if p := r.Provenance["review.total"]; !strings.Contains(p.Text, "计算值") {
		t.Errorf("computed review total's provenance = %+v", p)
	}
	if p := r.Provenance["requests.new_received.natural_person"]; p.Line == 0 || !strings.Contains(p.Text, "本年新收") {
		t.Errorf("provenance = %+v", p)
	}
	if cs := tableChecks(r); len(cs) != 0 {
		t.Errorf("unexpected checks: %+v", cs)
	}
	if r.Narrative == nil || r.Narrative.ProblemsAndImprovements != "公开质量有待提高。下一步将加强培训。" || r.Narrative.OtherMatters != "无。" {
		t.Errorf("narrative = %+v", r.Narrative)
	}
}

func TestTables2021(t *testing.T) {
	r := mustExtract(t, frameTables("2021", requestsTable("2021", map[string]string{
		"new_received":             "5 | 0 | 0 | 0 | 0 | 0 | 5",
		"other_overdue_correction": "1 | 0 | 0 | 0 | 0 | 0 | 1",
		"other_misc":               "2 | 0 | 0 | 0 | 0 | 0 | 2",
		"total":                    "5 | 0 | 0 | 0 | 0 | 0 | 5",
		"granted":                  "2 | 0 | 0 | 0 | 0 | 0 | 2",
	})), Options{})
	if r.Report.Template != "2021" {
		t.Fatalf("template %s", r.Report.Template)
	}
	got := figures(r)
	for k, w := range map[string]string{
		"requests.other.total": "3", "requests.other.natural_person": "3", "requests.other_unpaid_fee.total": "0",
		"proactive.regulations.in_force": "11", "proactive.fees.amount_10k_yuan": "96171.6", "proactive.licensing.decisions": "447228",
	} {
		if got[k] != w {
			t.Errorf("%s = %q, want %s", k, got[k], w)
		}
	}
	if cs := tableChecks(r); len(cs) != 0 {
		t.Errorf("checks: %+v", cs)
	}
}

// TestTablesBrokenIdentity: a table that does not add up is published as printed,
// with a check.
func TestTablesBrokenIdentity(t *testing.T) {
	r := mustExtract(t, frameTables("2019", requestsTable("2019", map[string]string{
		"new_received": "3 | 1 | 0 | 0 | 0 | 0 | 5",
	})), Options{})
	if got := figures(r)["requests.new_received.total"]; got != "5" {
		t.Errorf("total = %s, want 5 as printed", got)
	}
	found := false
	for _, c := range r.Checks {
		found = found || c.Rule == "requests.row_total"
	}
	if !found {
		t.Errorf("no row_total check: %+v", r.Checks)
	}
}

func TestMissingRow(t *testing.T) {
	table := requestsTable("2019", nil)
	var cut []string
	for _, l := range table {
		if !strings.Contains(l, "重复申请") {
			cut = append(cut, l)
		}
	}
	r := mustExtract(t, frameTables("2019", cut), Options{})
	if r.HasUnder("requests.not_processed_repeated") || !r.HasUnder("requests.not_processed_publication") {
		t.Errorf("rows misaligned: %v", figures(r))
	}
	found := false
	for _, c := range r.Checks {
		found = found || c.Rule == "requests.missing_row" && strings.Contains(c.Message, "重复申请")
	}
	if !found {
		t.Errorf("no missing_row check: %+v", r.Checks)
	}
}

func TestNotReport(t *testing.T) {
	for _, doc := range []*decode.Document{
		docOf("习近平主持召开中央全面深化改革委员会会议", "新华社北京电 会议强调，要坚持稳中求进工作总基调。", "会议指出，2023年经济社会发展取得新成效。"),
		docOf("网站首页", "政务公开", "信息公开指南", "联系我们"),
		docOf(),
	} {
		if _, err := Extract(doc, Options{}); !errors.Is(err, ErrNotReport) {
			t.Errorf("Extract(%q) = %v, want ErrNotReport", doc.Lines, err)
		}
	}
}

func TestMetadataErrors(t *testing.T) {
	doc := docOf("根据《政府信息公开条例》，现公布本局政府信息公开工作年度报告。", "一、概述", "我局认真贯彻落实《政府信息公开条例》，主动公开信息10条。", "二、依申请公开情况", "未收到政府信息公开申请。", "三、行政复议", "未发生行政复议。", "四、存在的主要问题", "无。")
	_, err := Extract(doc, Options{})
	if err == nil || !strings.Contains(err.Error(), "--meta") || !strings.Contains(err.Error(), "year") {
		t.Fatalf("no year: %v", err)
	}
	r, err := Extract(doc, Options{Meta: &Meta{Report: MetaReport{Year: 2016}}})
	if err == nil || !strings.Contains(err.Error(), "agency") || !strings.Contains(err.Error(), "--meta") {
		t.Fatalf("no agency: %v %v", r, err)
	}
	r, err = Extract(doc, Options{Meta: &Meta{Report: MetaReport{Year: 2016}, Agency: record.Agency{Name: "随州市招商局", Province: "湖北省", City: "随州市"}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Agency.DivisionCode != "421300" || r.Report.Year != 2016 {
		t.Errorf("meta: %+v %+v", r.Agency, r.Report)
	}
}

func TestMetaTitles(t *testing.T) {
	for _, tt := range []struct {
		lines         []string
		agency, title string
		year          int
		published     string
	}{
		{[]string{"西峰区2017年政府信息公开工作的年度报告", "2018-02-07 09:33:10 来源: 作者: 编辑:赵暖星 点击:"}, "西峰区人民政府", "西峰区2017年政府信息公开工作的年度报告", 2017, "2018-02-07"},
		{[]string{"淮安市人民政府", "2024年政府信息公开工作年度报告"}, "淮安市人民政府", "淮安市人民政府2024年政府信息公开工作年度报告", 2024, ""},
		{[]string{"衡山县行政审批服务局2020年政府信息公开工作报告", "(2021年1月21日)"}, "衡山县行政审批服务局", "衡山县行政审批服务局2020年政府信息公开工作报告", 2020, "2021-01-21"},
	} {
		body := append(tt.lines, "一、总体情况", "全年主动公开政府信息20条。", "二、依申请公开情况", "未收到政府信息公开申请。", "三、行政复议", "未发生行政复议。", "四、存在的主要问题", "无。")
		r := mustExtract(t, docOf(body...), Options{})
		pub := ""
		if r.Report.Published != nil {
			pub = r.Report.Published.String()
		}
		if r.Agency.Name != tt.agency || r.Report.Title != tt.title || r.Report.Year != tt.year || pub != tt.published {
			t.Errorf("%q: got %s / %s / %d / %s", tt.lines[0], r.Agency.Name, r.Report.Title, r.Report.Year, pub)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		in    string
		v     float64
		blank bool
		ok    bool
	}{
		{"0", 0, false, true}, {"3119", 3119, false, true}, {"1,234", 1234, false, true}, {"96171.6", 96171.6, false, true},
		{"251000元", 251000, false, true}, {"12件", 12, false, true}, {"", 0, true, true}, {"—", 0, true, true},
		{"-3", -3, false, true}, {"1,23", 0, false, false}, {"规章", 0, false, false}, {"1.属于国家秘密", 0, false, false},
		{"12,345,678", 12345678, false, true}, {"3.", 0, false, false},
	} {
		q, blank, ok := parseCell(tt.in)
		if ok != tt.ok || blank != tt.blank || ok && q.value != tt.v {
			t.Errorf("parseCell(%q) = %v, %v, %v", tt.in, q.value, blank, ok)
		}
	}
	for in, want := range map[string]int64{"两": 2, "十": 10, "十二": 12, "二十": 20, "三百五十": 350, "一千零五": 1005, "零": 0} {
		if got, ok := parseChinese(in); !ok || got != want {
			t.Errorf("parseChinese(%q) = %d, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "万", "abc", "十x"} {
		if _, ok := parseChinese(bad); ok {
			t.Errorf("parseChinese(%q) accepted", bad)
		}
	}
}

// tableChecks are the checks about the tables (the test agencies have made-up names,
// so their region is unknown).
func tableChecks(r *record.Record) []record.Check {
	var out []record.Check
	for _, c := range r.Checks {
		if c.Rule != "agency.region" {
			out = append(out, c)
		}
	}
	return out
}

// statisticsTable is the 政府信息公开情况统计表 many 2014–2018 reports append.
var statisticsTable = []string{
	"统计指标 | 单位 | 统计数",
	"一、主动公开情况 | |",
	"（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | 1,234",
	"其中：主动公开规范性文件数 | 条 | 12",
	"二、回应解读情况 | |",
	"二、依申请公开情况 | |",
	"（一）收到申请数 | 件 | 20",
	"1.当面申请数 | 件 | 5",
	"2.传真申请数 | 件 | 0",
	"3.网络申请数 | 件 | 13",
	"4.信函申请数 | 件 | 2",
	"（二）申请办结数 | 件 | 19",
	"1.按时办结数 | 件 | 19",
	"2.延期办结数 | 件 | 0",
	"（三）申请答复数 | 件 | 19",
	"1.属于已主动公开范围数 | 件 | 3",
	"2.同意公开答复数 | 件 | 10",
	"3.同意部分公开答复数 | 件 | 1",
	"4.不同意公开答复数 | 件 | 2",
	"其中：涉及国家秘密 | 件 | 0",
	"涉及商业秘密 | 件 | 0",
	"涉及个人隐私 | 件 | 1",
	"危及国家安全、公共安全、经济安全和社会稳定 | 件 | 0",
	"不是《条例》所指政府信息 | 件 | 1",
	"法律法规规定的其他情形 | 件 | 0",
	"5.不属于本行政机关公开 | 件 | 2",
	"6.申请信息不存在 | 件 | 1",
	"7.告知作出更改补充 | 件 | 0",
	"8.告知通过其他途径办理 | 件 | 0",
	"三、行政复议数量 | 件 | 1",
	"四、行政诉讼数量 | 件 | 0",
	"五、政府信息公开举报投诉数量 | 件 | 0",
	"六、依申请公开信息收取的费用 | 万元 | 0.05",
	"七、机构建设和保障经费情况 | |",
	"（三）从事政府信息公开工作人员数 | 人 | 8",
	"1.专职人员数（不包括政府公报及政府网站工作人员数） | 人 | 2",
	"2.兼职人员数 | 人 | 6",
}

func TestStatisticsTable(t *testing.T) {
	want := map[string]string{
		"proactive.total": "1234", "legacy_requests.received": "20", "legacy_requests.channels.in_person": "5",
		"legacy_requests.channels.fax": "0", "legacy_requests.channels.online": "13", "legacy_requests.channels.mail": "2",
		"legacy_requests.answered": "19", "legacy_requests.outcomes.already_public": "3", "legacy_requests.outcomes.granted": "10",
		"legacy_requests.outcomes.partially_granted": "1", "legacy_requests.outcomes.denied": "2",
		"legacy_requests.denial_reasons.privacy": "1", "legacy_requests.denial_reasons.not_government_info": "1",
		"legacy_requests.denial_reasons.state_secret": "0", "legacy_requests.outcomes.not_held": "2",
		"legacy_requests.outcomes.not_exist": "1", "legacy_review.reviews": "1", "legacy_review.lawsuits": "0",
		"fees.collected_yuan": "500", "staff.full_time": "2", "staff.part_time": "6",
	}
	tabbed := make([]string, len(statisticsTable))
	for i, l := range statisticsTable {
		tabbed[i] = strings.ReplaceAll(l, " | ", "\t")
	}
	for name, lines := range map[string][]string{"pipe table": statisticsTable, "tab-separated text": tabbed} {
		t.Run(name, func(t *testing.T) {
			body := append([]string{"三、政府信息公开情况统计表"}, lines...)
			r := mustExtract(t, frame2008(body...), Options{})
			got := figures(r)
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s = %q, want %s", k, got[k], w)
				}
				if _, ok := r.Provenance[k]; !ok {
					t.Errorf("%s has no provenance", k)
				}
			}
		})
	}
}

func TestAgencyFromTitle(t *testing.T) {
	for title, want := range map[string]string{
		"衡山县行政审批服务局2020年政府信息公开工作报告":     "衡山县行政审批服务局",
		"衡山县行政审批服务局政府信息公开工作2020年度报告":    "衡山县行政审批服务局",
		"西峰区2017年政府信息公开工作的年度报告":         "西峰区人民政府",
		"【2021年度】襄阳市行政审批局政府信息公开工作年度报告":  "襄阳市行政审批局",
		"关于襄阳市人民政府办公室2019年政府信息公开工作年度报告": "襄阳市人民政府办公室",
		"2017年度政府信息公开年度报告":              "",
		"政府信息公开工作年度报告":                  "",
	} {
		if got := agencyFromTitle(title); got != want {
			t.Errorf("agencyFromTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

// TestOneCellPerLine: a page's tables copied as text often come one cell per line
// (blank cells then vanish, but a filled table has none).
func TestOneCellPerLine(t *testing.T) {
	var lines []string
	cell := func(cs ...string) { lines = append(lines, cs...) }
	cell("测试市人民政府2024年政府信息公开工作年度报告", "一、总体情况", "2024年，全市主动公开政府信息5500余条。",
		"二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
		"规章", "1", "0", "11", "行政规范性文件", "8", "26", "66",
		"第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "447228",
		"三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
		"申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
	rows := map[string]string{
		"new_received": "3001 53 0 0 61 4 3119", "carried_over": "34 0 0 0 0 0 34", "granted": "1288 21 0 0 50 3 1362",
		"partially_granted": "447 7 0 0 0 0 454", "denied_state_secret": "2 0 0 0 0 0 2", "unable_not_held": "746 12 0 0 10 1 769",
		"other_misc": "108 2 0 0 0 0 110", "total": "2932 53 0 0 61 4 3050", "carried_forward": "103 0 0 0 0 0 103",
	}
	for _, spec := range requestRows("2021") {
		if spec.Hidden {
			cell(spec.Title())
			continue
		}
		if spec.Key == "granted" {
			cell("三、本年度办理结果")
		}
		cell(spec.Number + spec.Label)
		v, ok := rows[spec.Key]
		if !ok {
			v = "0 0 0 0 0 0 0"
		}
		cell(strings.Fields(v)...)
	}
	cell("四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
		"未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
	cell(strings.Fields("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20")...)
	cell("五、存在的主要问题及改进情况", "解读质量仍需提升。", "六、其他需要报告的事项", "无。")
	r := mustExtract(t, docOf(lines...), Options{})
	got := figures(r)
	for k, w := range map[string]string{
		"proactive.regulations.in_force": "11", "proactive.normative_documents.repealed": "26", "proactive.licensing.decisions": "447228",
		"requests.new_received.natural_person": "3001", "requests.new_received.total": "3119", "requests.partially_granted.total": "454",
		"requests.unable_not_held.legal_service": "10", "requests.other_misc.total": "110", "requests.total.total": "3050",
		"requests.carried_forward.natural_person": "103", "review.total": "351", "litigation_after_review.pending": "6",
	} {
		if got[k] != w {
			t.Errorf("%s = %q, want %s", k, got[k], w)
		}
	}
}

// TestAmbiguousRuns: a flattened run with several readings that the identities and
// the text do not settle publishes nothing, and says which readings it has; one the
// text settles is published.
func TestAmbiguousRuns(t *testing.T) {
	read := func(file string) *record.Record {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		meta, err := LoadMeta(strings.TrimSuffix(file, ".txt") + ".meta.toml")
		if err != nil {
			t.Fatal(err)
		}
		res, err := File(file, data, Options{Meta: meta})
		if err != nil {
			t.Fatal(err)
		}
		return res.Record
	}
	// 2019: 行政事业性收费 "350" is 3 | 50 or 35 | 0 (上一年项目数量 | 本年增/减).
	r := read("testdata/corpus/crawl/pingtan-zone-2019.txt")
	for _, p := range []string{"proactive.fees.previous_items", "proactive.fees.change", "proactive.licensing.decisions"} {
		if r.Has(p) {
			t.Errorf("%s published from an ambiguous run: %v", p, *r.Amount(p))
		}
	}
	found := false
	for _, c := range r.Checks {
		if c.Rule == "table.ambiguous" && strings.Contains(c.Message, "“350”") {
			found = strings.Contains(c.Message, "3|50") && strings.Contains(c.Message, "35|0")
		}
	}
	if !found {
		t.Errorf("no check naming both readings of 350: %+v", r.Checks)
	}
	// The rows the row identity settles are published: 230 000023 is 23|0|0|0|0|0|23.
	if v := r.Int("requests.new_received.natural_person"); v == nil || *v != 23 {
		t.Errorf("new_received.natural_person = %v, want 23", v)
	}
	// 2021: 行政规范性文件 "8855698" has 15 splits; the narrative names two cells
	// ("现行有效行政规范性文件698件", "制发的规范性文件88件"), which settles it.
	r = read("testdata/corpus/crawl/pingtan-zone-2022.txt")
	for p, want := range map[string]int64{"proactive.normative_documents.made": 88, "proactive.normative_documents.repealed": 55, "proactive.normative_documents.in_force": 698} {
		if v := r.Int(p); v == nil || *v != want {
			t.Errorf("%s = %v, want %d", p, v, want)
		}
	}
}

// TestRunsBounded: a run far too long to be a row is refused quickly, with a check,
// and nothing of it is published.
func TestRunsBounded(t *testing.T) {
	run := strings.Repeat("1", 60)
	doc := docOf("测试县测试局2022年政府信息公开工作年度报告",
		"本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
		"三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量"+run+"二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000（二）部分公开0000000（七）总计0000000四、结转下年度继续办理0000000",
		"五、存在的主要问题及改进情况", "无。")
	r := mustExtract(t, doc, Options{})
	if r.HasUnder("requests.new_received") {
		t.Errorf("a 60-digit run was read: %v", figures(r))
	}
	if v := r.Int("requests.carried_over.total"); v == nil || *v != 0 {
		t.Errorf("the other rows are still read: carried_over.total = %v", v)
	}
}

// TestOtherPrintedAsOneRow: a 2021 report that prints （六）其他处理 as one row with
// figures, and not its three items, has that row read; one that prints only its
// items has it computed from them.
func TestOtherPrintedAsOneRow(t *testing.T) {
	var lines []string
	for _, l := range requestsTable("2021", map[string]string{
		"new_received": "3 | 0 | 0 | 0 | 0 | 0 | 3", "granted": "1 | 0 | 0 | 0 | 0 | 0 | 1",
		"total": "3 | 0 | 0 | 0 | 0 | 0 | 3",
	}) {
		switch {
		case strings.HasPrefix(l, "（六）"):
			lines = append(lines, "（六）其他处理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
		case strings.HasPrefix(l, "1.申请人无正当理由"), strings.HasPrefix(l, "2.申请人逾期"), strings.HasPrefix(l, "3.其他"):
		case strings.HasPrefix(l, "2.其他法律"):
			lines = append(lines, strings.Replace(l, "其他法律行政法规禁止公开", "其他法律行政止公开", 1)) // a typo real reports print
		default:
			lines = append(lines, l)
		}
	}
	r := mustExtract(t, frameTables("2021", lines), Options{})
	got := figures(r)
	if got["requests.other.total"] != "2" || got["requests.other.natural_person"] != "2" {
		t.Errorf("（六） = %s / %s, want 2 / 2", got["requests.other.total"], got["requests.other.natural_person"])
	}
	if got["requests.denied_prohibited_by_law.total"] != "0" || got["requests.total.total"] != "3" {
		t.Errorf("rows after the typo misaligned: %v", got)
	}
	if p := r.Provenance["requests.other.total"]; strings.Contains(p.Text, "计算值") {
		t.Errorf("a printed （六） is not computed: %+v", p)
	}
	for _, c := range r.Checks {
		if strings.HasPrefix(c.Rule, "requests.") {
			t.Errorf("check %+v", c)
		}
	}
}

// TestUnfilledTable: a requests table printed with every cell blank is an unfilled
// template, absent with a check, not a table of zeros.
func TestUnfilledTable(t *testing.T) {
	blank := map[string]string{}
	for _, r := range requestRows("2019") {
		blank[r.Key] = " | | | | | | "
	}
	r := mustExtract(t, frameTables("2019", requestsTable("2019", blank)), Options{})
	if r.HasUnder("requests") {
		t.Errorf("an unfilled table gave figures: %v", figures(r))
	}
	found := false
	for _, c := range r.Checks {
		found = found || c.Rule == "table.blank"
	}
	if !found {
		t.Errorf("no table.blank check: %+v", r.Checks)
	}
	if v := r.Int("review.total"); v == nil || *v != 2 {
		t.Errorf("the other tables are read: review.total = %v", v)
	}
}

// TestNotReports: real pages that talk of disclosure and are not annual reports (a
// letter on the year's work plan, plans, notices) are refused, with one error naming
// the file.
func TestNotReports(t *testing.T) {
	files, _ := filepath.Glob("testdata/notreports/*.txt")
	if len(files) < 6 {
		t.Fatalf("%d files in testdata/notreports", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = File(f, data, Options{})
		if !errors.Is(err, ErrNotReport) || !strings.HasPrefix(err.Error(), f+": ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line naming the file and ErrNotReport", f, err)
		}
	}
}

// TestSpanningCells: a cell printed over two columns ("本年增/减" and its "-3" cell
// merged across two grid columns) is one cell of the template's row: the cells
// after it do not shift.
func TestSpanningCells(t *testing.T) {
	page, err := os.ReadFile("decode/testdata/html/report-utf8.html")
	if err != nil {
		t.Fatal(err)
	}
	html := strings.Replace(string(page), "<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n<tr><td>行政许可</td><td>215</td><td>-3</td><td>447228</td></tr>",
		"<tr><td>信息内容</td><td>上一年项目数量</td><td colspan=\"2\">本年增/减</td><td>处理决定数量</td></tr>\n<tr><td>行政许可</td><td>215</td><td colspan=\"2\">-3</td><td>447228</td></tr>", 1)
	if html == string(page) {
		t.Fatal("the fixture's 行政许可 row changed; update the test")
	}
	res, err := File("spans.html", []byte(html), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := figures(res.Record)
	for k, w := range map[string]string{"proactive.licensing.previous_items": "215", "proactive.licensing.change": "-3", "proactive.licensing.decisions": "447228"} {
		if got[k] != w {
			t.Errorf("%s = %q, want %s", k, got[k], w)
		}
	}
}
