package schema

// The checks of the 2019 and 2021 formats beyond their identities: the bounds of
// their tables, the figures their reports' text states, and what sections 五 and 六
// must say. Each template's file adds them to its description.

// requestUnits are the units a count of requests or cases is stated in.
var requestUnits = []string{"件", "个", "宗", "起"}

// notRequests are words of a lead that counts something other than requests for
// information (consultations, petitions, messages, proposals, a request's form).
var notRequests = []string{"咨询", "信访", "投诉", "举报", "来信", "来电", "热线", "留言", "诉求", "建议", "提案",
	"复议", "诉讼", "当面", "书面", "电话", "邮件", "邮寄", "网上", "按时", "延期", "逾期", "平均"}

// applicantParts are the counts by applicant that may follow a count of requests
// ("涉及自然人72件、商业企业3件"): each the applicant's column of one of the
// alternatives, a sum of rows of the requests table.
func applicantParts(alternatives ...[]string) []Statement {
	part := func(label string, words []string, cols ...string) Statement {
		st := Statement{Label: label, Words: words, Units: requestUnits}
		for _, rows := range alternatives {
			var paths []string
			for _, r := range rows {
				for _, c := range cols {
					paths = append(paths, "requests."+r+"."+c)
				}
			}
			st.Sums = append(st.Sums, StatedSum{Paths: paths})
		}
		return st
	}
	return []Statement{
		part("自然人", []string{"自然人", "公民"}, "natural_person"),
		part("法人或其他组织", []string{"法人或其他组织", "法人和其他组织", "法人及其他组织"}, applicantColumns[1:]...),
		part("商业企业", []string{"商业企业", "企业法人"}, "commercial"),
		part("科研机构", []string{"科研机构"}, "research"),
		part("社会公益组织", []string{"社会公益组织", "公益组织"}, "social_org"),
		part("法律服务机构", []string{"法律服务机构", "律师事务所"}, "legal_service"),
	}
}

// appealParts are the results that may follow a count of reviews or lawsuits
// ("其中结果维持72件，结果纠正64件"): the same column of each of the rows.
func appealParts(rows ...string) []Statement {
	part := func(label string, words []string, col string) Statement {
		var paths []string
		for _, r := range rows {
			paths = append(paths, r+"."+col)
		}
		return Statement{Label: label, Words: words, Units: requestUnits, Sums: []StatedSum{{Paths: paths}}}
	}
	return []Statement{
		part("结果维持", []string{"维持"}, "upheld"),
		part("结果纠正", []string{"纠正", "撤销", "确认违法", "责令"}, "corrected"),
		part("其他结果", []string{"其他结果", "其他"}, "other"),
		part("尚未审结", []string{"尚未审结", "未审结", "未结"}, "pending"),
	}
}

// requestStatements are the figures of the requests and appeals tables that the
// text of a 2019/2021 report states.
var requestStatements = []Statement{
	{
		Rule: "text.received", Label: "收到申请",
		Words: []string{"收到", "受理", "新收", "接收", "接到", "共收"},
		With:  []string{"公开申请", "依申请公开", "申请公开"},
		// A count of requests carried over, or done, is another statement's.
		Exclude: append([]string{"结转", "办结", "答复", "办理完毕", "备案"}, notRequests...),
		Units:   requestUnits,
		Sums: []StatedSum{
			{Label: "本年新收", Paths: []string{"requests.new_received.total"}},
			{Label: "本年新收加上年结转", Paths: []string{"requests.new_received.total", "requests.carried_over.total"}},
		},
		Parts: applicantParts([]string{"new_received"}, []string{"new_received", "carried_over"}),
	},
	{
		Rule: "text.answered", Label: "办结申请",
		Words:   []string{"办结", "答复", "回复", "办理完毕"},
		With:    []string{"申请"},
		Exclude: append([]string{"结转", "下年度", "率"}, notRequests...),
		Units:   requestUnits,
		Sums:    []StatedSum{{Label: "办理结果总计", Paths: []string{"requests.total.total"}}},
	},
	{
		Rule: "text.carried_over", Label: "上年结转申请",
		Words: []string{"上年结转", "上年度结转", "上一年度结转", "上年度转来", "上年转入"},
		After: []string{"为上年结转", "为上年度结转", "系上年结转", "系上年度结转", "是上年度结转", "为上一年度结转"},
		Units: requestUnits,
		Sums:  []StatedSum{{Label: "上年结转", Paths: []string{"requests.carried_over.total"}}},
	},
	{
		Rule: "text.carried_forward", Label: "结转下年度申请",
		Words: []string{"结转下年度", "结转至下年度", "结转到下年度", "转入下年度", "结转下一年度", "结转至下一年度", "结转到下一年度", "顺延至下年度", "顺延到下年度"},
		After: []string{"结转下年度", "结转至下年度", "结转到下年度", "转入下年度", "结转下一年度", "结转至下一年度", "结转到下一年度",
			"顺延至下年度", "顺延到下年度", "顺延至下一年度", "顺延到下一年度", "转至下年度", "留待下年度"},
		Units: requestUnits,
		Sums:  []StatedSum{{Label: "结转下年度继续办理", Paths: []string{"requests.carried_forward.total"}}},
	},
	{
		Rule: "text.review", Label: "行政复议",
		Words: []string{"行政复议", "复议"},
		// The table counts the reviews of disclosure decisions, not all of a
		// government's; a count of reviews and suits together is neither.
		With:    []string{"信息公开"},
		Exclude: []string{"诉讼", "起诉", "复议后", "复议机关", "办理", "审理", "受理"},
		Units:   requestUnits,
		Sums:    []StatedSum{{Label: "行政复议总计", Paths: []string{"review.total"}}},
		Parts:   appealParts("review"),
	},
	{
		Rule: "text.lawsuits", Label: "行政诉讼",
		Words:   []string{"行政诉讼", "诉讼", "起诉"},
		With:    []string{"信息公开"},
		Exclude: []string{"复议", "应诉", "出庭"},
		Units:   requestUnits,
		Sums: []StatedSum{{Label: "行政诉讼总计（未经复议直接起诉与复议后起诉）",
			Paths: []string{"litigation_direct.total", "litigation_after_review.total"}}},
		Parts: appealParts("litigation_direct", "litigation_after_review"),
	},
}

// art20Statements are the 第二十条 figures the text of a report states: the figures
// of 规章 and 规范性文件 that docs describe, and the decisions of the rows given
// ({row key, label}).
func art20Statements(docs []docStatement, decisions [][2]string) []Statement {
	var out []Statement
	for _, row := range []struct {
		key, label string
		exclude    []string
	}{
		{"regulations", "规章", []string{"规章制度", "规范性文件"}},
		{"normative_documents", "规范性文件", []string{"规章"}},
	} {
		for _, d := range docs {
			var sums []StatedSum
			for _, col := range d.cols {
				sums = append(sums, StatedSum{Label: col[1], Paths: []string{"proactive." + row.key + "." + col[0]}})
			}
			exclude := append([]string{"备案", "审查", "审核", "清理", "累计", "征求意见", "解读", "草案", "修订", "修改"}, row.exclude...)
			out = append(out, Statement{
				Rule: "text." + row.key, Label: d.what + row.label,
				Words: []string{row.label}, Also: d.words,
				Exclude: append(exclude, d.exclude...),
				Units:   []string{"件", "部", "个"},
				Sums:    sums,
			})
		}
	}
	for _, d := range decisions {
		out = append(out, Statement{
			Rule: "text." + d[0], Label: d[1] + "决定",
			Words: []string{d[1]}, Also: []string{"决定"},
			Exclude: []string{"复议", "诉讼", "撤销", "事项", "听证", "备案"},
			Units:   []string{"件", "条", "个"},
			Sums:    []StatedSum{{Label: d[1] + "处理决定数量", Paths: []string{"proactive." + d[0] + ".decisions"}}},
		})
	}
	return out
}

// docStatement is a count of 规章 or 规范性文件 a text states: the words that say
// what it counts (制发, 废止, 现行有效), words that say it counts something else,
// and the 第二十条 columns ({key, label}) it may be.
type docStatement struct {
	what    string
	words   []string
	exclude []string
	cols    [][2]string
}

// tableBounds are the bounds of the 2019/2021 requests and appeals tables. results
// are the outcome rows whose sum is （七）总计.
func tableBounds(results []string) []Bound {
	applicants := make([]string, len(applicantColumns))
	for i, c := range applicantColumns {
		applicants[i] = "requests.{row}." + c
	}
	outcomes := make([]string, len(results))
	for i, r := range results {
		outcomes[i] = "requests." + r + ".total"
	}
	return []Bound{
		categoriesBound,
		{Rule: "bound.row", Each: EachRow, Table: "requests", Parts: applicants, Whole: []string{"requests.{row}.total"},
			Message: "{part}{p}件，多于本行总计{w}件"},
		{Rule: "bound.outcome", Parts: outcomes, Whole: []string{"requests.total.total"},
			Message: "{part}{p}件，多于办理结果总计{w}件"},
		{Rule: "bound.carried_forward", Parts: []string{"requests.carried_forward.total"},
			Whole:   []string{"requests.new_received.total", "requests.carried_over.total"},
			Message: "结转下年度继续办理{p}件，多于本年新收与上年结转之和{w}件"},
		{Rule: "bound.appeal", Each: EachRow, Table: "appeals",
			Parts: []string{"{row}.upheld", "{row}.corrected", "{row}.other", "{row}.pending"}, Whole: []string{"{row}.total"},
			Message: "{part}{p}件，多于总计{w}件"},
	}
}

// categoriesBound: no category of the proactive breakdown exceeds the total.
var categoriesBound = Bound{
	Rule: "bound.category", Parts: []string{"proactive.categories[*].count"}, Whole: []string{"proactive.total"},
	Unless: "proactive.total_approx", Message: "主动公开分类“{part}”{p}条，多于主动公开总数{w}条",
}

// feesMention: section 六 of a 2021 report must report the 信息处理费 collected.
var feesMention = &Mention{Path: "fees.collected_yuan", What: "信息处理费收取情况", Words: []string{"信息处理费", "收费", "收取", "费用"}}

// withMention returns the sections with m set on the section numbered number.
func withMention(sections []Section, number string, m *Mention) []Section {
	for i := range sections {
		if sections[i].Number == number {
			sections[i].Mention = m
		}
	}
	return sections
}

// concatStatements joins statement lists into a new one.
func concatStatements(lists ...[]Statement) []Statement {
	var out []Statement
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
