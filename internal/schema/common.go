package schema

// Parts the 2019 and 2021 formats share, and the figures every template's reports
// state in their text. Each template's file assembles its description from them.

import "strings"

// requestColumns are the columns of the requests table: the six kinds of applicant
// and their total.
var requestColumns = []Column{
	{Key: "natural_person", Label: "自然人", En: "Natural persons"},
	{Key: "commercial", Label: "商业企业", En: "Commercial enterprises"},
	{Key: "research", Label: "科研机构", En: "Research institutions"},
	{Key: "social_org", Label: "社会公益组织", En: "Public-interest organizations"},
	{Key: "legal_service", Label: "法律服务机构", En: "Legal service providers"},
	{Key: "other_org", Label: "其他", En: "Other"},
	{Key: "total", Label: "总计", En: "Total"},
}

// applicantColumns are the keys of the six applicant columns.
var applicantColumns = []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org"}

// requestGroups are the headings over rows of the requests table.
var requestGroups = []Group{
	{Key: "results", Number: "三、", Label: "本年度办理结果", En: "Outcomes this year"},
	{Key: "denied", Number: "（三）", Label: "不予公开", En: "Withheld", Parent: "results"},
	{Key: "unable", Number: "（四）", Label: "无法提供", En: "Could not be provided", Parent: "results"},
	{Key: "not_processed", Number: "（五）", Label: "不予处理", En: "Not processed", Parent: "results"},
	{Key: "other", Number: "（六）", Label: "其他处理", En: "Other handling", Parent: "results"},
}

// requestRowsHead are the rows of the requests table up to （五）不予处理's items;
// requestRowsTail follow （六）.
var requestRowsHead = []Row{
	{Key: "new_received", Number: "一、", Label: "本年新收政府信息公开申请数量", En: "New requests received this year", Synonyms: []string{"本年新收", "新收政府信息公开申请"}},
	{Key: "carried_over", Number: "二、", Label: "上年结转政府信息公开申请数量", En: "Requests carried over from last year", Synonyms: []string{"上年结转"}},
	{Key: "granted", Number: "（一）", Label: "予以公开", En: "Disclosed", Synonyms: []string{"予以公开"}, Group: "results"},
	{Key: "partially_granted", Number: "（二）", Label: "部分公开（区分处理的，只计这一情形，不计其他情形）", En: "Partly disclosed (a request handled in parts is counted here only)", Synonyms: []string{"部分公开"}, Group: "results"},
	{Key: "denied_state_secret", Number: "1.", Label: "属于国家秘密", En: "State secrets", Synonyms: []string{"国家秘密"}, Group: "denied"},
	{Key: "denied_prohibited_by_law", Number: "2.", Label: "其他法律行政法规禁止公开", En: "Prohibited by other laws and administrative regulations", Synonyms: []string{"法律行政法规禁止", "法规禁止公开", "禁止公开", "其他法律"}, Group: "denied"},
	{Key: "denied_security_stability", Number: "3.", Label: "危及“三安全一稳定”", En: "Would endanger the “three securities and one stability”", Synonyms: []string{"三安全", "一稳定"}, Group: "denied"},
	{Key: "denied_third_party", Number: "4.", Label: "保护第三方合法权益", En: "Protecting third parties' lawful rights and interests", Synonyms: []string{"第三方"}, Group: "denied"},
	{Key: "denied_internal_affairs", Number: "5.", Label: "属于三类内部事务信息", En: "Internal-affairs information (three kinds)", Synonyms: []string{"内部事务"}, Group: "denied"},
	{Key: "denied_process_info", Number: "6.", Label: "属于四类过程性信息", En: "Process information (four kinds)", Synonyms: []string{"过程性"}, Group: "denied"},
	{Key: "denied_enforcement_files", Number: "7.", Label: "属于行政执法案卷", En: "Administrative enforcement files", Synonyms: []string{"执法案卷"}, Group: "denied"},
	{Key: "denied_administrative_query", Number: "8.", Label: "属于行政查询事项", En: "Administrative inquiry matters", Synonyms: []string{"行政查询"}, Group: "denied"},
	{Key: "unable_not_held", Number: "1.", Label: "本机关不掌握相关政府信息", En: "Not held by this agency", Synonyms: []string{"不掌握"}, Group: "unable"},
	{Key: "unable_needs_creation", Number: "2.", Label: "没有现成信息需要另行制作", En: "No existing information; must be created", Synonyms: []string{"另行制作", "没有现成"}, Group: "unable"},
	{Key: "unable_unclear", Number: "3.", Label: "补正后申请内容仍不明确", En: "Still unclear after correction", Synonyms: []string{"仍不明确", "补正后"}, Group: "unable"},
	{Key: "not_processed_complaint", Number: "1.", Label: "信访举报投诉类申请", En: "Petitions, reports and complaints", Synonyms: []string{"信访", "举报投诉"}, Group: "not_processed"},
	{Key: "not_processed_repeated", Number: "2.", Label: "重复申请", En: "Repeated requests", Synonyms: []string{"重复申请"}, Group: "not_processed"},
	{Key: "not_processed_publication", Number: "3.", Label: "要求提供公开出版物", En: "Requests for published materials", Synonyms: []string{"公开出版物"}, Group: "not_processed"},
	{Key: "not_processed_excessive", Number: "4.", Label: "无正当理由大量反复申请", En: "Many repeated requests without good reason", Synonyms: []string{"大量反复", "无正当理由大量"}, Group: "not_processed"},
	{Key: "not_processed_confirmation", Number: "5.", Label: "要求行政机关确认或重新出具已获取信息", En: "Requests to confirm or reissue information already obtained", Synonyms: []string{"重新出具", "确认或重新"}, Group: "not_processed"},
}

var requestRowsTail = []Row{
	{Key: "total", Number: "（七）", Label: "总计", En: "Total", Synonyms: []string{"总计"}, Group: "results"},
	{Key: "carried_forward", Number: "四、", Label: "结转下年度继续办理", En: "Carried forward to next year", Synonyms: []string{"结转下年度", "下年度继续"}},
}

// requestHead is the requests table's printed header: three rows, the applicant
// columns under 申请人情况, five of them under 法人或其他组织.
var requestHead = [][]HeadCell{
	{{Text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", En: "(In each column, items 1 and 2 together equal items 3 and 4 together)", Colspan: 3, Rowspan: 3}, {Text: "申请人情况", En: "Applicants", Colspan: 7}},
	{{Text: "自然人", En: "Natural persons", Rowspan: 2}, {Text: "法人或其他组织", En: "Legal persons and other organizations", Colspan: 5}, {Text: "总计", En: "Total", Rowspan: 2}},
	{{Text: "商业企业", En: "Commercial enterprises"}, {Text: "科研机构", En: "Research institutions"}, {Text: "社会公益组织", En: "Public-interest organizations"}, {Text: "法律服务机构", En: "Legal service providers"}, {Text: "其他", En: "Other"}},
}

// requestsTable builds the requests table from its rows.
func requestsTable(rows []Row) Table {
	return Table{
		ID:        "requests",
		Caption:   "三、收到和处理政府信息公开申请情况",
		Note:      "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
		CaptionEn: "3. Requests for government information received and handled",
		NoteEn:    "In each column, items 1 and 2 together equal items 3 and 4 together.",
		Layout:    Grid,
		Prefix:    "requests",
		Head:      requestHead,
		Columns:   requestColumns,
		Rows:      rows,
		Groups:    requestGroups,
		Match:     InOrder,
	}
}

// concat joins row lists into a new one.
func concat(lists ...[]Row) []Row {
	var out []Row
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// appealsTable is section 四, 政府信息公开行政复议、行政诉讼情况: one printed row of fifteen
// cells, five for 行政复议 and five for each kind of 行政诉讼.
var appealsTable = Table{
	ID:        "appeals",
	Caption:   "四、政府信息公开行政复议、行政诉讼情况",
	CaptionEn: "4. Administrative reconsideration and litigation over government information disclosure",
	Layout:    Strip,
	Head: [][]HeadCell{
		{{Text: "行政复议", En: "Administrative reconsideration", Colspan: 5}, {Text: "行政诉讼", En: "Administrative litigation", Colspan: 10}},
		{{Text: "结果维持", En: "Upheld", Rowspan: 2}, {Text: "结果纠正", En: "Corrected", Rowspan: 2}, {Text: "其他结果", En: "Other outcome", Rowspan: 2}, {Text: "尚未审结", En: "Pending", Rowspan: 2}, {Text: "总计", En: "Total", Rowspan: 2},
			{Text: "未经复议直接起诉", En: "Sued directly, without reconsideration", Colspan: 5}, {Text: "复议后起诉", En: "Sued after reconsideration", Colspan: 5}},
		{{Text: "结果维持", En: "Upheld"}, {Text: "结果纠正", En: "Corrected"}, {Text: "其他结果", En: "Other outcome"}, {Text: "尚未审结", En: "Pending"}, {Text: "总计", En: "Total"},
			{Text: "结果维持", En: "Upheld"}, {Text: "结果纠正", En: "Corrected"}, {Text: "其他结果", En: "Other outcome"}, {Text: "尚未审结", En: "Pending"}, {Text: "总计", En: "Total"}},
	},
	Columns: []Column{
		{Key: "upheld", Label: "结果维持", En: "Upheld"},
		{Key: "corrected", Label: "结果纠正", En: "Corrected"},
		{Key: "other", Label: "其他结果", En: "Other outcome"},
		{Key: "pending", Label: "尚未审结", En: "Pending"},
		{Key: "total", Label: "总计", En: "Total"},
	},
	Rows: []Row{
		{Key: "review", Label: "行政复议", En: "Administrative reconsideration", Synonyms: []string{"行政复议"}},
		{Key: "litigation_direct", Label: "未经复议直接起诉", En: "Sued directly, without reconsideration", Name: "行政诉讼（未经复议直接起诉）", Synonyms: []string{"未经复议直接起诉", "直接起诉"}},
		{Key: "litigation_after_review", Label: "复议后起诉", En: "Sued after reconsideration", Name: "行政诉讼（复议后起诉）", Synonyms: []string{"复议后起诉"}},
	},
}

// proactiveText are the headline proactive figures, which reports of every template
// state in their text: the count and the breakdown that follows it.
var proactiveText = Table{
	ID:        "proactive",
	Caption:   "主动公开政府信息情况",
	CaptionEn: "Proactive disclosure of government information",
	Layout:    Items,
	Prefix:    "proactive",
	Text:      true,
	Match:     Unprinted,
	Stub:      "类别",
	StubEn:    "Category",
	Columns:   []Column{{Label: "条数", En: "Items"}},
	Rows: []Row{
		{Key: "total", Label: "主动公开政府信息总数", En: "Government information proactively disclosed", Approx: true,
			Synonyms: []string{"主动公开政府信息数", "主动公开政府信息总数", "主动公开信息数", "主动公开文件数"}, Exclude: []string{"其中", "规范性文件"}},
		{Key: "categories", Label: "分类", En: "By category", Kind: List},
	},
}

// feesStaffText are fees collected for answering requests and the staff working on
// disclosure, where a report states them.
var feesStaffText = Table{
	ID:        "fees-staff",
	Caption:   "收费及工作人员",
	CaptionEn: "Fees and staff",
	Layout:    Items,
	Text:      true,
	Match:     Unprinted,
	Stub:      "项目",
	StubEn:    "Item",
	Columns:   []Column{{Label: "数量", En: "Number"}},
	Rows: []Row{
		{Key: "fees.collected_yuan", Label: "依申请收取费用（元）", En: "Fees collected for requests (yuan)", Kind: Amount, Unit: "元", Synonyms: []string{"收取的费用", "收取费用"}},
		{Key: "staff.full_time", Label: "专职人员", En: "Full-time staff", Synonyms: []string{"专职人员数"}},
		{Key: "staff.part_time", Label: "兼职人员", En: "Part-time staff", Synonyms: []string{"兼职人员数"}},
	},
}

// Identities every template shares.
var categoriesSum = Identity{
	Rule:    "proactive.categories_sum",
	Left:    []string{"proactive.total"},
	Right:   []string{"proactive.categories[*].count"},
	Unless:  "proactive.total_approx",
	Message: "分类合计{right}条，与所报总数{left}条不符",
}

// tableIdentities are the identities of the 2019 and 2021 requests and appeals tables.
// results are the outcome rows whose sum is （七）总计.
func tableIdentities(results []string) []Identity {
	rowTotal := Identity{
		Rule:    "requests.row_total",
		Each:    EachRow,
		Table:   "requests",
		Left:    []string{"requests.{row}.total"},
		Message: "“{row}”一行：六类申请人合计{right}件，与总计{left}件不符",
		Fill:    true,
		Note:    "计算值：报告中总计栏为空，按本行六类申请人之和计算",
	}
	for _, c := range applicantColumns {
		rowTotal.Right = append(rowTotal.Right, "requests.{row}."+c)
	}
	outcomes := Identity{
		Rule:    "requests.outcome_sum",
		Each:    EachColumn,
		Table:   "requests",
		Left:    []string{"requests.total.{col}"},
		Message: "“{col}”一列：各项办理结果合计{right}件，与（七）总计{left}件不符",
	}
	for _, r := range results {
		outcomes.Right = append(outcomes.Right, "requests."+r+".{col}")
	}
	return []Identity{
		categoriesSum,
		rowTotal,
		{
			Rule:    "requests.balance",
			Each:    EachColumn,
			Table:   "requests",
			Left:    []string{"requests.new_received.{col}", "requests.carried_over.{col}"},
			Right:   []string{"requests.total.{col}", "requests.carried_forward.{col}"},
			At:      "requests.carried_forward.{col}",
			Message: "“{col}”一列：本年新收{left.0}件加上年结转{left.1}件共{left}件，与办理结果总计{right.0}件加结转下年度{right.1}件共{right}件不符",
		},
		outcomes,
		{
			Rule:    "requests.carry_over",
			Each:    EachColumn,
			Table:   "requests",
			Left:    []string{"requests.carried_over.{col}"},
			Right:   []string{"prev:requests.carried_forward.{col}"},
			Message: "“{col}”一列：上年结转{left}件，与{prev_year}年报告的结转下年度继续办理{right}件不符",
		},
		{
			Rule:    "appeal.total",
			Each:    EachRow,
			Table:   "appeals",
			Left:    []string{"{row}.total"},
			Right:   []string{"{row}.upheld", "{row}.corrected", "{row}.other", "{row}.pending"},
			Message: "{name}：结果维持、结果纠正、其他结果、尚未审结合计{right}件，与总计{left}件不符",
			Fill:    true,
			Note:    "计算值：报告中总计栏为空，按结果维持、结果纠正、其他结果、尚未审结之和计算",
		},
	}
}

// rowKeysOf lists the keys of the rows inside a group (at any depth) of a table.
func rowKeysOf(t Table, group string) []string {
	var out []string
	for _, r := range t.Rows {
		if t.InGroup(r, group) {
			out = append(out, r.Key)
		}
	}
	return out
}

// tableSummary are the summary figures of a 2019/2021 report.
func tableSummary(requests Table) map[string][]string {
	totals := func(keys ...string) []string {
		out := make([]string, len(keys))
		for i, k := range keys {
			out[i] = "requests." + k + ".total"
		}
		return out
	}
	return map[string][]string{
		"proactive":         {"proactive.total"},
		"received":          totals("new_received"),
		"processed":         totals("total"),
		"granted":           totals("granted"),
		"partially_granted": totals("partially_granted"),
		"denied":            totals(rowKeysOf(requests, "denied")...),
		"unable":            totals(rowKeysOf(requests, "unable")...),
		"not_processed":     totals(rowKeysOf(requests, "not_processed")...),
		"other":             totals("other"),
		"reviews":           {"review.total"},
		"lawsuits":          {"litigation_direct.total", "litigation_after_review.total"},
	}
}

// tableCharts are the charts of a 2019/2021 report. decisions are the 第二十条 rows
// whose 处理决定数量 is charted, with their labels.
func tableCharts(requests Table, decisions [][3]string) []Chart {
	var proactive []ChartCategory
	for _, d := range decisions {
		proactive = append(proactive, ChartCategory{Label: d[1], En: d[2], Paths: []string{"proactive." + d[0] + ".decisions"}})
	}
	group := func(label, en string, keys ...string) ChartCategory {
		c := ChartCategory{Label: label, En: en}
		for _, k := range keys {
			c.Paths = append(c.Paths, "requests."+k+".{col}")
		}
		return c
	}
	outcomes := []ChartCategory{
		group("予以公开", "Disclosed", "granted"),
		group("部分公开", "Partly disclosed", "partially_granted"),
		group("不予公开", "Withheld", rowKeysOf(requests, "denied")...),
		group("无法提供", "Could not be provided", rowKeysOf(requests, "unable")...),
		group("不予处理", "Not processed", rowKeysOf(requests, "not_processed")...),
		group("其他处理", "Other handling", "other"),
	}
	var applicants []ChartSeries
	for _, c := range requestColumns[:6] {
		applicants = append(applicants, ChartSeries{Name: c.Label, En: c.En, Col: c.Key})
	}
	var reasons []ChartCategory
	for _, r := range requests.Rows {
		switch {
		case requests.InGroup(r, "denied"):
			reasons = append(reasons, ChartCategory{Label: "不予公开：" + r.Label, En: "Withheld: " + r.En, Paths: []string{"requests." + r.Key + ".total"}})
		case requests.InGroup(r, "unable"):
			reasons = append(reasons, ChartCategory{Label: "无法提供：" + r.Label, En: "Could not be provided: " + r.En, Paths: []string{"requests." + r.Key + ".total"}})
		}
	}
	return []Chart{
		{ID: "chart-proactive", Caption: "主动公开的处理决定数量（件）", RowHeader: "事项", Style: HorizontalBars,
			CaptionEn: "Decisions on proactively disclosed matters (cases)", RowHeaderEn: "Matter",
			Categories: proactive, Series: []ChartSeries{{Name: "处理决定数量", En: "Decisions"}}, Unless: "proactive.categories"},
		{ID: "chart-outcomes", Caption: "申请办理结果（按申请人类型，件）", RowHeader: "办理结果", Style: StackedBars,
			CaptionEn: "Outcomes of requests (by kind of applicant, requests)", RowHeaderEn: "Outcome",
			Categories: outcomes, Series: applicants},
		{ID: "chart-reasons", Caption: "不予公开和无法提供的理由（件）", RowHeader: "理由", Style: HorizontalBars,
			CaptionEn: "Reasons for withholding or not providing (requests)", RowHeaderEn: "Reason",
			Categories: reasons, Series: []ChartSeries{{Name: "件数", En: "Requests"}}},
		{ID: "chart-appeals", Caption: "行政复议和行政诉讼（件；诉讼分未经复议直接起诉和复议后起诉）", RowHeader: "类别", Style: StackedBars,
			CaptionEn: "Administrative reconsideration and litigation (cases; lawsuits filed directly or after reconsideration)", RowHeaderEn: "Kind",
			Categories: []ChartCategory{
				{Label: "行政复议", En: "Administrative reconsideration", Paths: []string{"review.{col}"}},
				{Label: "直接起诉", En: "Sued directly", Paths: []string{"litigation_direct.{col}"}},
				{Label: "复议后起诉", En: "Sued after reconsideration", Paths: []string{"litigation_after_review.{col}"}},
			},
			Series: []ChartSeries{{Name: "结果维持", En: "Upheld", Col: "upheld"}, {Name: "结果纠正", En: "Corrected", Col: "corrected"},
				{Name: "其他结果", En: "Other outcome", Col: "other"}, {Name: "尚未审结", En: "Pending", Col: "pending"}}},
	}
}

// tableSections are the sections of the 2019 and 2021 formats. art20 are the IDs of
// the 第二十条 tables.
func tableSections(art20 []string) []Section {
	return []Section{
		{Number: "一", Title: "总体情况", En: "Overview", Words: []string{"总体情况"}, Narrative: "overview"},
		{Number: "二", Title: "主动公开政府信息情况", En: "Proactive disclosure of government information", Words: []string{"主动公开政府信息情况", "主动公开"}, Tables: art20},
		{Number: "三", Title: "收到和处理政府信息公开申请情况", En: "Requests for government information received and handled", Words: []string{"收到和处理政府信息公开申请", "收到和处理"}, Tables: []string{"requests"}},
		{Number: "四", Title: "政府信息公开行政复议、行政诉讼情况", En: "Administrative reconsideration and litigation", Words: []string{"行政复议、行政诉讼", "行政复议", "行政诉讼"}, Tables: []string{"appeals"}},
		{Number: "五", Title: "存在的主要问题及改进情况", En: "Main problems and improvements", Words: []string{"存在的主要问题", "存在的问题", "改进情况"},
			Narrative: "problems_and_improvements", Substance: true},
		{Number: "六", Title: "其他需要报告的事项", En: "Other matters to report", Words: []string{"其他需要报告的事项"}, Narrative: "other_matters"},
	}
}

// requestTableWords are words every 2019/2021 requests table prints, and reports
// under the 2008 regulations do not ("予以公开" or "部分公开" do not tell: a 2008-era
// report says "不予以公开", "同意部分公开").
var requestTableWords = []string{"本年新收", "上年结转", "结转下年度", "本机关不掌握", "无法提供", "不予处理", "三安全一稳定", "没有现成信息", "信访举报投诉"}

// art20Table makes a table of the 第二十条 section, its rows told by their labels.
func art20Table(id, caption string, columns []Column, rows ...Row) Table {
	return Table{ID: id, Caption: caption, CaptionEn: art20En(caption), Layout: Grid, Prefix: "proactive",
		Stub: "信息内容", StubEn: "Information", Columns: columns, Rows: rows, Match: ByLabel}
}

// art20En is a 第二十条 table's caption in English: "第二十条第（五）项" →
// "Article 20, item (5)".
func art20En(caption string) string {
	item := strings.TrimSuffix(strings.TrimPrefix(caption, "第二十条第"), "项")
	return "Article 20, item " + strings.TrimSpace(numberEn(item))
}
