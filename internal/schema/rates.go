package schema

// Derived rates: shares of one count in another that readers compute by hand to
// compare agencies (how much of what was asked was given). Which figures each rate
// divides is a template's description (Template.Rates); the rates themselves, their
// labels and formulas, are the same for every template.

// RateFigure names one derived rate.
type RateFigure struct {
	Key     string // stable key: "disclosed"
	Label   string // zh-CN label: "实质公开率"
	Formula string // the formula in words, for readers
	Base    string // what the denominator counts, for "over N …": "件申请"
	En      string // English label (the site's English pages)
}

// RateFigures are the derived rates, in display order. A template's Rates say which
// of its figures each one divides; a rate the template does not describe is not
// computed for its reports.
var RateFigures = []RateFigure{
	{"disclosed", "实质公开率", "（予以公开 + 部分公开）÷ 办理结果总计", "件办结申请", "Disclosure rate"},
	{"denied", "不予公开率", "不予公开 ÷ 办理结果总计", "件办结申请", "Refusal rate"},
	{"review_corrected", "复议纠错率", "行政复议结果纠正 ÷ 复议结案（总计 − 尚未审结）", "件复议结案", "Reconsideration correction rate"},
	{"lawsuit_lost", "诉讼败诉率", "行政诉讼结果纠正 ÷ 诉讼结案（总计 − 尚未审结，直接起诉与复议后起诉合计）", "件诉讼结案", "Litigation loss rate"},
}

// ChangeFigure is the change of a summary figure from the agency's report of the
// year before, as a share of that year's figure.
type ChangeFigure struct {
	Key     string // stable key: "received_change"
	Label   string // zh-CN label: "申请量变化"
	Of      string // the summary figure (SummaryFigures) that changes
	Formula string
	Base    string
	En      string // English label (the site's English pages)
}

// ChangeFigures are the year-over-year changes shown as rates.
var ChangeFigures = []ChangeFigure{
	{"received_change", "申请量变化", "received", "（本年收到申请 − 上年收到申请）÷ 上年收到申请", "件上年申请", "Change in requests"},
}

// Ratio says which figures of a template a rate divides: the sum of Num over the
// sum of Den. A term written "-path" is subtracted (复议结案 = 总计 − 尚未审结). A
// rate is computed only when every term is present.
type Ratio struct {
	Num []string
	Den []string
}

// RateLabel returns the label of a rate's key (a RateFigure or a ChangeFigure), or
// the key.
func RateLabel(key string) string {
	for _, r := range RateFigures {
		if r.Key == key {
			return r.Label
		}
	}
	for _, c := range ChangeFigures {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

// tableRates are the rates of the 2019 and 2021 formats. denied are the keys of the
// requests table's 不予公开 rows.
func tableRates(denied []string) map[string]Ratio {
	deniedTotals := make([]string, len(denied))
	for i, k := range denied {
		deniedTotals[i] = "requests." + k + ".total"
	}
	return map[string]Ratio{
		"disclosed": {Num: []string{"requests.granted.total", "requests.partially_granted.total"}, Den: []string{"requests.total.total"}},
		"denied":    {Num: deniedTotals, Den: []string{"requests.total.total"}},
		"review_corrected": {Num: []string{"review.corrected"},
			Den: []string{"review.total", "-review.pending"}},
		"lawsuit_lost": {Num: []string{"litigation_direct.corrected", "litigation_after_review.corrected"},
			Den: []string{"litigation_direct.total", "-litigation_direct.pending", "litigation_after_review.total", "-litigation_after_review.pending"}},
	}
}
