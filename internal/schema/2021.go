package schema

import "slices"

// The 2021 format: four tables, 国办公开办函〔2021〕30号, used from the 2021 reports on.
// It differs from the 2019 format in the 第二十条 table's columns and in （六）其他处理,
// which it prints as three rows.

func template2021() *Template {
	decisions := []Column{{Key: "decisions", Label: "本年处理决定数量", En: "Decisions this year", Synonyms: []string{"处理决定"}}}
	requests := requestsTable(concat(requestRowsHead, []Row{
		{Key: "other", Number: "（六）", Label: "其他处理", En: "Other handling", Synonyms: []string{"其他处理"}, Group: "results", Hidden: true},
		{Key: "other_overdue_correction", Number: "1.", Label: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", En: "Not corrected in time without good reason; no longer processed", Synonyms: []string{"逾期不补正", "不补正"}, Group: "other"},
		{Key: "other_unpaid_fee", Number: "2.", Label: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", En: "Fee not paid in time as notified; no longer processed", Synonyms: []string{"缴纳费用", "收费通知"}, Group: "other"},
		{Key: "other_misc", Number: "3.", Label: "其他", En: "Other", Synonyms: []string{"3.其他", "3、其他", "3．其他"}, Group: "other"},
	}, requestRowsTail))
	results := append([]string{"granted", "partially_granted"}, rowKeysOf(requests, "denied")...)
	results = append(results, rowKeysOf(requests, "unable")...)
	results = append(results, rowKeysOf(requests, "not_processed")...)
	results = append(results, "other")
	otherSum := Identity{
		Rule:    "requests.other_sum",
		Each:    EachColumn,
		Table:   "requests",
		Left:    []string{"requests.other.{col}"},
		Right:   []string{"requests.other_overdue_correction.{col}", "requests.other_unpaid_fee.{col}", "requests.other_misc.{col}"},
		Message: "“{col}”一列：（六）其他处理{left}件，与其三个子项合计{right}件不符",
		Fill:    true,
		Note:    "计算值：2021年模板的（六）其他处理为其下三项之和",
	}
	identities := tableIdentities(results)
	// （六） is filled from its items before （七）总计 is checked against the outcomes.
	identities = slices.Insert(identities, 3, otherSum)
	// 现行有效件数 across years: what was in force, plus what was made, less what was
	// repealed.
	identities = append(identities, Identity{
		Rule:    "proactive.in_force",
		Each:    EachRow,
		Table:   "art20-1",
		Left:    []string{"proactive.{row}.in_force"},
		Right:   []string{"prev:proactive.{row}.in_force", "proactive.{row}.made", "-proactive.{row}.repealed"},
		Message: "{name}：现行有效{left}件，与{prev_year}年报告的现行有效{right.0}件加本年制发{right.1}件、减本年废止{right.2}件所得{right}件不符",
	})
	statements := concatStatements(requestStatements, art20Statements([]docStatement{
		{what: "制发", words: []string{"制发", "印发", "出台", "制定", "新增"}, exclude: []string{"现行有效", "废止"}, cols: [][2]string{{"made", "本年制发件数"}}},
		{what: "废止", words: []string{"废止", "宣布失效"}, exclude: []string{"现行有效", "制发"}, cols: [][2]string{{"repealed", "本年废止件数"}}},
		{what: "现行有效", words: []string{"现行有效"}, exclude: []string{"制发", "废止"}, cols: [][2]string{{"in_force", "现行有效件数"}}},
	}, [][2]string{{"licensing", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"}}))
	return &Template{
		ID:     "2021",
		Name:   "2021年版表格",
		Notice: "国办公开办函〔2021〕30号",
		Years:  "2021年度起",
		Detect: Detection{
			Required:    requestTableWords,
			MinRequired: 3,
			Markers:     []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "收费通知要求缴纳费用", "本年处理决定数量"},
		},
		Tables: []Table{
			proactiveText,
			art20Table("art20-1", "第二十条第（一）项", []Column{
				{Key: "made", Label: "本年制发件数", En: "Issued this year", Synonyms: []string{"制发"}},
				{Key: "repealed", Label: "本年废止件数", En: "Repealed this year", Synonyms: []string{"废止"}},
				{Key: "in_force", Label: "现行有效件数", En: "In force", Synonyms: []string{"现行有效"}},
			},
				Row{Key: "regulations", Label: "规章", En: "Rules", Synonyms: []string{"规章"}},
				Row{Key: "normative_documents", Label: "行政规范性文件", En: "Administrative normative documents", Synonyms: []string{"规范性文件"}}),
			art20Table("art20-5", "第二十条第（五）项", decisions,
				Row{Key: "licensing", Label: "行政许可", En: "Administrative licensing", Synonyms: []string{"行政许可"}}),
			art20Table("art20-6", "第二十条第（六）项", decisions,
				Row{Key: "penalty", Label: "行政处罚", En: "Administrative penalties", Synonyms: []string{"行政处罚"}},
				Row{Key: "coercion", Label: "行政强制", En: "Administrative coercion", Synonyms: []string{"行政强制"}}),
			art20Table("art20-8", "第二十条第（八）项", []Column{
				{Key: "amount_10k_yuan", Label: "本年收费金额（单位：万元）", En: "Fees collected this year (10,000 yuan)", Kind: Amount, Unit: "万元", Synonyms: []string{"收费金额"}},
			}, Row{Key: "fees", Label: "行政事业性收费", En: "Administrative fees", Synonyms: []string{"行政事业性收费"}}),
			requests,
			appealsTable,
			feesStaffText,
		},
		Sections:   withMention(tableSections([]string{"art20-1", "art20-5", "art20-6", "art20-8"}), "六", feesMention),
		Identities: identities,
		Bounds:     tableBounds(results),
		Statements: statements,
		Summary:    tableSummary(requests),
		Rates:      tableRates(rowKeysOf(requests, "denied")),
		Charts: append([]Chart{proactiveCategoriesChart}, tableCharts(requests, [][3]string{
			{"licensing", "行政许可", "Administrative licensing"}, {"penalty", "行政处罚", "Administrative penalties"},
			{"coercion", "行政强制", "Administrative coercion"},
		})...),
	}
}
