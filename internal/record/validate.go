package record

import "fmt"

// Rules of the checks Validate and CheckCarryOver produce.
const (
	RuleCategoriesSum = "proactive.categories_sum" // the breakdown adds up to the headline total
	RuleRowTotal      = "requests.row_total"       // a row's 总计 is the sum of its six applicant columns
	RuleBalance       = "requests.balance"         // 第一项加第二项之和，等于第三项加第四项之和
	RuleOutcomeSum    = "requests.outcome_sum"     // （七）总计 is the sum of the outcomes (一) to (六)
	RuleOtherSum      = "requests.other_sum"       // 2021: （六）其他处理 is the sum of its three items
	RuleAppealTotal   = "appeal.total"             // 行政复议/诉讼: 总计 = 维持+纠正+其他+尚未审结
	RuleCarryOver     = "requests.carry_over"      // 上年结转 of year N = 结转下年度 of year N−1
)

// Validate checks the record against the arithmetic identities of its template and
// returns one warning for each one that breaks. An identity is checked only when
// every figure it involves is present. The record is not changed: a report that
// breaks an identity is published as printed, with its checks.
func Validate(r *Record) []Check {
	var cs []Check
	if p := r.Proactive; p != nil && p.Total != nil && len(p.Categories) > 0 && (p.TotalApprox == nil || !*p.TotalApprox) {
		var sum int64
		for _, c := range p.Categories {
			sum += c.Count
		}
		if sum != *p.Total {
			cs = append(cs, warn(RuleCategoriesSum, "proactive.total",
				"分类合计%d条，与所报总数%d条不符", sum, *p.Total))
		}
	}
	if q := r.Requests; q != nil {
		cs = append(cs, checkRequests(q, r.Report.Template)...)
	}
	for _, a := range []struct {
		key, label string
		a          *Appeal
	}{
		{"review", "行政复议", r.Review},
		{"litigation_direct", "行政诉讼（未经复议直接起诉）", r.LitigationDirect},
		{"litigation_after_review", "行政诉讼（复议后起诉）", r.LitigationAfterReview},
	} {
		if a.a == nil {
			continue
		}
		sum, ok := sumAll(a.a.Upheld, a.a.Corrected, a.a.Other, a.a.Pending)
		if ok && a.a.Total != nil && sum != *a.a.Total {
			cs = append(cs, warn(RuleAppealTotal, a.key+".total",
				"%s：结果维持、结果纠正、其他结果、尚未审结合计%d件，与总计%d件不符", a.label, sum, *a.a.Total))
		}
	}
	return cs
}

func checkRequests(q *Requests, template string) []Check {
	var cs []Check
	for _, spec := range RowsFor(template) {
		row := q.Row(spec.Key)
		cells := row.Cells()
		sum, ok := sumAll(cells[:6]...)
		if ok && cells[6] != nil && sum != *cells[6] {
			cs = append(cs, warn(RuleRowTotal, "requests."+spec.Key+".total",
				"“%s%s”一行：六类申请人合计%d件，与总计%d件不符", spec.Number, spec.Label, sum, *cells[6]))
		}
	}
	for i, col := range RequestColumns {
		cell := func(key string) *int64 { return q.Row(key).Cell(i) }
		path := func(key string) string { return "requests." + key + "." + col.Key }

		in, inOK := sumAll(cell("new_received"), cell("carried_over"))
		out, outOK := sumAll(cell("total"), cell("carried_forward"))
		if inOK && outOK && in != out {
			cs = append(cs, warn(RuleBalance, path("carried_forward"),
				"“%s”一列：本年新收%d件加上年结转%d件共%d件，与办理结果总计%d件加结转下年度%d件共%d件不符",
				col.Label, *cell("new_received"), *cell("carried_over"), in, *cell("total"), *cell("carried_forward"), out))
		}

		var subOther *int64
		if template == Template2021 {
			if s, ok := sumAll(cell("other_overdue_correction"), cell("other_unpaid_fee"), cell("other_misc")); ok {
				subOther = &s
				if o := cell("other"); o != nil && *o != s {
					cs = append(cs, warn(RuleOtherSum, path("other"),
						"“%s”一列：（六）其他处理%d件，与其三个子项合计%d件不符", col.Label, *o, s))
				}
			}
		}
		other := cell("other")
		if other == nil {
			other = subOther
		}
		outcomes := []*int64{cell("granted"), cell("partially_granted"), other}
		for _, spec := range RequestRows {
			if spec.Group == "denied" || spec.Group == "unable" || spec.Group == "not_processed" {
				outcomes = append(outcomes, cell(spec.Key))
			}
		}
		if sum, ok := sumAll(outcomes...); ok && cell("total") != nil && sum != *cell("total") {
			cs = append(cs, warn(RuleOutcomeSum, path("total"),
				"“%s”一列：各项办理结果合计%d件，与（七）总计%d件不符", col.Label, sum, *cell("total")))
		}
	}
	return cs
}

// CheckCarryOver checks that the requests carried over into cur are those its
// agency's previous report carried forward. prev must be the record of the year
// before cur's; nil when there is none. Only 2019/2021 tables carry requests over.
func CheckCarryOver(prev, cur *Record) []Check {
	if prev == nil || cur == nil || prev.Requests == nil || cur.Requests == nil {
		return nil
	}
	var cs []Check
	for i, col := range RequestColumns {
		was := prev.Requests.Row("carried_forward").Cell(i)
		now := cur.Requests.Row("carried_over").Cell(i)
		if was != nil && now != nil && *was != *now {
			cs = append(cs, warn(RuleCarryOver, "requests.carried_over."+col.Key,
				"“%s”一列：上年结转%d件，与%d年报告的结转下年度继续办理%d件不符",
				col.Label, *now, prev.Report.Year, *was))
		}
	}
	return cs
}

func warn(rule, key, format string, args ...any) Check {
	return Check{Rule: rule, Severity: SeverityWarning, Key: key, Message: fmt.Sprintf(format, args...)}
}

// sumAll adds the figures; ok is false when any is absent.
func sumAll(xs ...*int64) (sum int64, ok bool) {
	for _, x := range xs {
		if x == nil {
			return 0, false
		}
		sum += *x
	}
	return sum, true
}

// sumPresent adds the figures that are present; ok is false when none is.
func sumPresent(xs ...*int64) (sum int64, ok bool) {
	for _, x := range xs {
		if x != nil {
			sum += *x
			ok = true
		}
	}
	return sum, ok
}

// MergeChecks returns stored followed by the checks of computed that stored does not
// already hold (same rule and message), so that re-validating a record never
// duplicates its notes.
func MergeChecks(stored, computed []Check) []Check {
	seen := make(map[string]bool, len(stored))
	out := make([]Check, 0, len(stored)+len(computed))
	for _, c := range stored {
		seen[c.Rule+"\x00"+c.Message] = true
		out = append(out, c)
	}
	for _, c := range computed {
		if !seen[c.Rule+"\x00"+c.Message] {
			seen[c.Rule+"\x00"+c.Message] = true
			out = append(out, c)
		}
	}
	return out
}
