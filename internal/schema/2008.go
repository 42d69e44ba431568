package schema

// The 2008 format: free narrative under the 2008 regulations (国务院令第492号), for the
// 2008–2018 reports. It prints no fixed tables: its figures are read from sentences
// (and from the 政府信息公开情况统计表 many reports append, whose labels are the rows'
// synonyms), and shown in these groupings.

func template2008() *Template {
	items := func(id, caption, captionEn, prefix string, rows ...Row) Table {
		return Table{ID: id, Caption: caption, CaptionEn: captionEn, Layout: Items, Prefix: prefix, Text: true, Stub: "项目", StubEn: "Item",
			Columns: []Column{{Label: "数量", En: "Number"}}, Rows: rows, Match: Contains}
	}
	proactive := proactiveText
	proactive.Match = Contains
	feesStaff := feesStaffText
	feesStaff.Match = Contains
	return &Template{
		ID:     "2008",
		Name:   "2008年版（叙述体）",
		Notice: "国务院令第492号",
		Years:  "2008—2018年度",
		Detect: Detection{Fallback: true},
		Tables: []Table{
			proactive,
			items("requests", "依申请公开政府信息情况", "Disclosure on request", "legacy_requests",
				Row{Key: "received", Label: "收到申请", En: "Requests received", Synonyms: []string{"收到申请数", "受理申请数", "收到申请总数",
					"受理依申请公开信息总数", "受理政府信息依申请公开总数", "受理政府信息公开申请总数", "依申请公开信息总数"}},
				Row{Key: "answered", Label: "答复/办结", En: "Replied or closed", Synonyms: []string{"申请办结数", "办结数", "答复总数", "对申请的答复数"},
					Exclude: []string{"按时", "延期", "同意", "不予", "否决", "其他类型"}}),
			items("channels", "申请方式", "How requests were made", "legacy_requests.channels",
				Row{Key: "in_person", Label: "当面申请", En: "In person", Synonyms: []string{"当面申请数"}},
				Row{Key: "online", Label: "网上申请", En: "Online", Synonyms: []string{"网络申请数", "网上申请数", "互联网申请数", "网站申请数"}},
				Row{Key: "email", Label: "电子邮件", En: "Email", Synonyms: []string{"电子邮件申请数", "邮件申请数"}},
				// A combined cell some 统计表 print: letters and faxes together.
				Row{Label: "信函、传真", En: "Letters and faxes", Synonyms: []string{"信函、传真申请数", "信函传真申请数", "信函/传真申请数"}, Sum: []string{"mail", "fax"}},
				Row{Key: "fax", Label: "传真", En: "Fax", Synonyms: []string{"传真申请数"}},
				Row{Key: "mail", Label: "信函", En: "Letters", Synonyms: []string{"信函申请数"}},
				Row{Key: "phone", Label: "电话", En: "Telephone", Synonyms: []string{"电话申请数"}},
				Row{Key: "other", Label: "其他", En: "Other", Synonyms: []string{"其他形式申请数", "其他方式申请数", "其它形式申请数", "其它方式申请数"}}),
			items("outcomes", "答复情况", "Replies", "legacy_requests.outcomes",
				Row{Key: "already_public", Label: "属于已主动公开", En: "Already proactively disclosed", Synonyms: []string{"已主动公开范围数", "已主动公开数"}},
				Row{Key: "granted", Label: "同意公开", En: "Disclosed", Synonyms: []string{"同意公开答复数", "同意公开数"}, Exclude: []string{"部分", "不同意"}},
				Row{Key: "partially_granted", Label: "同意部分公开", En: "Partly disclosed", Synonyms: []string{"同意部分公开"}},
				Row{Key: "denied", Label: "不同意公开", En: "Not disclosed", Synonyms: []string{"不同意公开", "否决公开", "不予公开答复数"}},
				Row{Key: "not_held", Label: "不属于本行政机关公开", En: "Not for this agency to disclose", Synonyms: []string{"不属于本行政机关", "不属于本机关"}},
				Row{Key: "not_exist", Label: "申请信息不存在", En: "Information does not exist", Synonyms: []string{"信息不存在"}},
				Row{Key: "clarify", Label: "告知作出更改补充", En: "Asked to amend or supplement", Synonyms: []string{"更改补充"}},
				Row{Key: "other_channel", Label: "告知通过其他途径办理", En: "Referred to other channels", Synonyms: []string{"其他途径办理", "其它途径办理"}}),
			items("denials", "不予公开的理由", "Reasons for withholding", "legacy_requests.denial_reasons",
				Row{Key: "state_secret", Label: "国家秘密", En: "State secrets", Synonyms: []string{"国家秘密"}},
				Row{Key: "commercial_secret", Label: "商业秘密", En: "Commercial secrets", Synonyms: []string{"商业秘密"}},
				Row{Key: "privacy", Label: "个人隐私", En: "Personal privacy", Synonyms: []string{"个人隐私"}},
				Row{Key: "not_government_info", Label: "不是《条例》所指政府信息", En: "Not government information under the Regulations", Synonyms: []string{"所指政府信息"}},
				Row{Key: "law_other", Label: "法律法规规定的其他情形", En: "Other cases provided by laws and regulations", Synonyms: []string{"规定的其他情形"}}),
			items("review", "行政复议、行政诉讼和申诉", "Reconsideration, litigation and complaints", "legacy_review",
				Row{Key: "reviews", Label: "因政府信息公开申请行政复议", En: "Administrative reconsiderations over requests", Synonyms: []string{"行政复议数量", "行政复议数"}},
				Row{Key: "lawsuits", Label: "提起行政诉讼", En: "Administrative lawsuits", Synonyms: []string{"行政诉讼数量", "行政诉讼数"}},
				Row{Key: "complaints", Label: "申诉", En: "Complaints", Synonyms: []string{"申诉数量", "举报投诉数量", "举报投诉数", "行政申诉数", "行政申诉、举报数"}}),
			feesStaff,
		},
		Identities: []Identity{categoriesSum},
		Bounds: []Bound{
			categoriesBound,
			{Rule: "bound.outcome", Parts: prefixed("legacy_requests.outcomes.", "already_public", "granted", "partially_granted", "denied", "not_held", "not_exist", "clarify", "other_channel"),
				Whole: []string{"legacy_requests.answered"}, Message: "答复情况“{part}”{p}件，多于答复总数{w}件"},
			{Rule: "bound.channel", Parts: prefixed("legacy_requests.channels.", "in_person", "online", "email", "fax", "mail", "phone", "other"),
				Whole: []string{"legacy_requests.received"}, Message: "申请方式“{part}”{p}件，多于收到申请{w}件"},
		},
		Summary: map[string][]string{
			"proactive":         {"proactive.total"},
			"received":          {"legacy_requests.received"},
			"processed":         {"legacy_requests.answered"},
			"granted":           {"legacy_requests.outcomes.granted"},
			"partially_granted": {"legacy_requests.outcomes.partially_granted"},
			"denied":            {"legacy_requests.outcomes.denied"},
			"unable":            {"legacy_requests.outcomes.not_held", "legacy_requests.outcomes.not_exist"},
			"other":             {"legacy_requests.outcomes.clarify", "legacy_requests.outcomes.other_channel"},
			"reviews":           {"legacy_review.reviews"},
			"lawsuits":          {"legacy_review.lawsuits"},
		},
		Rates: map[string]Ratio{
			"disclosed": {Num: []string{"legacy_requests.outcomes.granted", "legacy_requests.outcomes.partially_granted"}, Den: []string{"legacy_requests.answered"}},
			"denied":    {Num: []string{"legacy_requests.outcomes.denied"}, Den: []string{"legacy_requests.answered"}},
		},
		Charts: []Chart{
			proactiveCategoriesChart,
			{ID: "chart-outcomes", Caption: "申请答复结果（件）", RowHeader: "答复结果", Style: HorizontalBars,
				CaptionEn: "Replies to requests (requests)", RowHeaderEn: "Reply",
				Categories: itemCategories("legacy_requests.outcomes.",
					"already_public", "属于已主动公开", "Already proactively disclosed",
					"granted", "同意公开", "Disclosed",
					"partially_granted", "同意部分公开", "Partly disclosed",
					"denied", "不同意公开", "Not disclosed",
					"not_held", "不属于本行政机关公开", "Not for this agency to disclose",
					"not_exist", "申请信息不存在", "Information does not exist",
					"clarify", "告知作出更改补充", "Asked to amend or supplement",
					"other_channel", "告知通过其他途径办理", "Referred to other channels"),
				Series: []ChartSeries{{Name: "件数", En: "Requests"}}},
			{ID: "chart-reasons", Caption: "不予公开的理由（件）", RowHeader: "理由", Style: HorizontalBars,
				CaptionEn: "Reasons for withholding (requests)", RowHeaderEn: "Reason",
				Categories: itemCategories("legacy_requests.denial_reasons.",
					"state_secret", "国家秘密", "State secrets",
					"commercial_secret", "商业秘密", "Commercial secrets",
					"privacy", "个人隐私", "Personal privacy",
					"not_government_info", "不是《条例》所指政府信息", "Not government information under the Regulations",
					"law_other", "法律法规规定的其他情形", "Other cases provided by laws and regulations"),
				Series: []ChartSeries{{Name: "件数", En: "Requests"}}},
			{ID: "chart-appeals", Caption: "行政复议、行政诉讼和申诉（件）", RowHeader: "类别", Style: Bars,
				CaptionEn: "Reconsideration, litigation and complaints (cases)", RowHeaderEn: "Kind",
				Categories: itemCategories("legacy_review.", "reviews", "行政复议", "Administrative reconsideration",
					"lawsuits", "行政诉讼", "Administrative litigation", "complaints", "申诉", "Complaints"),
				Series: []ChartSeries{{Name: "件数", En: "Cases"}}},
		},
	}
}

// itemCategories makes chart categories of figures under prefix from (key, label,
// English label) triples.
func itemCategories(prefix string, triples ...string) []ChartCategory {
	out := make([]ChartCategory, 0, len(triples)/3)
	for i := 0; i+2 < len(triples); i += 3 {
		out = append(out, ChartCategory{Label: triples[i+1], En: triples[i+2], Paths: []string{prefix + triples[i]}})
	}
	return out
}

// prefixed returns each key with the prefix.
func prefixed(prefix string, keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = prefix + k
	}
	return out
}
