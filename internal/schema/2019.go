package schema

// The 2019 format: four tables, 国办公开办函〔2019〕60号, used for the 2019 and 2020
// reports under the 2019 regulations (国令第711号).

var (
	docColumns2019 = []Column{
		{Key: "new_made", Label: "本年新制作数量", En: "Made this year", Synonyms: []string{"新制作"}},
		{Key: "new_published", Label: "本年新公开数量", En: "Published this year", Synonyms: []string{"新公开"}},
		{Key: "total_published", Label: "对外公开总数量", En: "Total published", Synonyms: []string{"公开总数", "对外公开总"}},
	}
	itemColumns2019 = []Column{
		{Key: "previous_items", Label: "上一年项目数量", En: "Items the year before", Synonyms: []string{"上一年项目", "上年项目"}},
		{Key: "change", Label: "本年增/减", En: "Change this year", Kind: Signed, Synonyms: []string{"增/减", "增减"}},
		{Key: "decisions", Label: "处理决定数量", En: "Decisions", Synonyms: []string{"处理决定"}},
	}
)

func template2019() *Template {
	requests := requestsTable(concat(requestRowsHead, []Row{
		{Key: "other", Number: "（六）", Label: "其他处理", En: "Other handling", Synonyms: []string{"其他处理"}, Group: "results"},
	}, requestRowsTail))
	results := append([]string{"granted", "partially_granted"}, rowKeysOf(requests, "denied")...)
	results = append(results, rowKeysOf(requests, "unable")...)
	results = append(results, rowKeysOf(requests, "not_processed")...)
	results = append(results, "other")
	statements := concatStatements(requestStatements, art20Statements([]docStatement{
		{what: "制发", words: []string{"制发", "印发", "出台", "制定", "新制作"}, exclude: []string{"现行有效", "废止"},
			cols: [][2]string{{"new_made", "本年新制作数量"}, {"new_published", "本年新公开数量"}}},
	}, [][2]string{{"licensing", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"}}))
	return &Template{
		ID:     "2019",
		Name:   "2019年版表格",
		Notice: "国办公开办函〔2019〕60号",
		Years:  "2019、2020年度",
		Detect: Detection{
			Required:    requestTableWords,
			MinRequired: 3,
			Markers:     []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "采购总金额", "采购项目数量", "上一年项目数量"},
		},
		Tables: []Table{
			proactiveText,
			art20Table("art20-1", "第二十条第（一）项", docColumns2019,
				Row{Key: "regulations", Label: "规章", En: "Rules", Synonyms: []string{"规章"}},
				Row{Key: "normative_documents", Label: "规范性文件", En: "Normative documents", Synonyms: []string{"规范性文件"}}),
			art20Table("art20-5", "第二十条第（五）项", itemColumns2019,
				Row{Key: "licensing", Label: "行政许可", En: "Administrative licensing", Synonyms: []string{"行政许可"}},
				Row{Key: "other_services", Label: "其他对外管理服务事项", En: "Other public administrative services", Synonyms: []string{"其他对外管理服务事项"}}),
			art20Table("art20-6", "第二十条第（六）项", itemColumns2019,
				Row{Key: "penalty", Label: "行政处罚", En: "Administrative penalties", Synonyms: []string{"行政处罚"}},
				Row{Key: "coercion", Label: "行政强制", En: "Administrative coercion", Synonyms: []string{"行政强制"}}),
			art20Table("art20-8", "第二十条第（八）项", itemColumns2019[:2],
				Row{Key: "fees", Label: "行政事业性收费", En: "Administrative fees", Synonyms: []string{"行政事业性收费"}}),
			art20Table("art20-9", "第二十条第（九）项", []Column{
				{Key: "projects", Label: "采购项目数量", En: "Procurement projects", Synonyms: []string{"采购项目"}},
				{Key: "amount_yuan", Label: "采购总金额", En: "Total procurement amount", Kind: Amount, Unit: "元", Synonyms: []string{"采购总金额", "采购金额"}},
			}, Row{Key: "procurement", Label: "政府集中采购", En: "Centralized government procurement", Synonyms: []string{"政府集中采购"}}),
			requests,
			appealsTable,
			feesStaffText,
		},
		Sections:   tableSections([]string{"art20-1", "art20-5", "art20-6", "art20-8", "art20-9"}),
		Identities: tableIdentities(results),
		Bounds:     tableBounds(results),
		Statements: statements,
		Summary:    tableSummary(requests),
		Rates:      tableRates(rowKeysOf(requests, "denied")),
		Charts: append([]Chart{proactiveCategoriesChart}, tableCharts(requests, [][3]string{
			{"licensing", "行政许可", "Administrative licensing"}, {"other_services", "其他对外管理服务事项", "Other public administrative services"},
			{"penalty", "行政处罚", "Administrative penalties"}, {"coercion", "行政强制", "Administrative coercion"},
		})...),
	}
}
