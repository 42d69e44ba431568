package charts

import (
	"github.com/nianbao/nianbao/internal/record"
)

// Report returns the charts of one report, in page order: proactive disclosure,
// request outcomes, denial and inability reasons, reviews and lawsuits. A chart the
// record has no figures for is left out.
func Report(r *record.Record) []Chart {
	var out []Chart
	add := func(c Chart, ok bool) {
		if ok {
			out = append(out, c)
		}
	}
	add(proactive(r))
	if r.Report.Template == record.Template2008 {
		add(legacyOutcomes(r))
		add(legacyReasons(r))
		add(legacyAppeals(r))
		return out
	}
	add(outcomes(r))
	add(reasons(r))
	add(appeals(r))
	return out
}

func proactive(r *record.Record) (Chart, bool) {
	p := r.Proactive
	if p == nil {
		return Chart{}, false
	}
	if len(p.Categories) > 0 {
		names := make([]string, len(p.Categories))
		vals := make([]*int64, len(p.Categories))
		for i, c := range p.Categories {
			names[i] = c.Name
			vals[i] = record.Int(c.Count)
		}
		return Categories("chart-proactive", "主动公开政府信息数量（按类别，条）", "类别", names,
			[]Series{{Name: "条数", Values: vals}}, HorizontalBars)
	}
	// 2019/2021: the decisions of the 第二十条 table.
	var names []string
	var vals []*int64
	for _, it := range []struct {
		name string
		c    *record.ItemCounts
	}{
		{"行政许可", p.Licensing}, {"其他对外管理服务事项", p.OtherServices},
		{"行政处罚", p.Penalty}, {"行政强制", p.Coercion},
	} {
		if it.c != nil && it.c.Decisions != nil {
			names = append(names, it.name)
			vals = append(vals, it.c.Decisions)
		}
	}
	return Categories("chart-proactive", "主动公开的处理决定数量（件）", "事项", names,
		[]Series{{Name: "处理决定数量", Values: vals}}, HorizontalBars)
}

// outcomeRows are the 2019/2021 outcome groups: a row key, or a group of rows.
var outcomeRows = []struct{ key, label string }{
	{"granted", "予以公开"}, {"partially_granted", "部分公开"}, {"denied", "不予公开"},
	{"unable", "无法提供"}, {"not_processed", "不予处理"}, {"other", "其他处理"},
}

func outcomes(r *record.Record) (Chart, bool) {
	q := r.Requests
	if q == nil {
		return Chart{}, false
	}
	names := make([]string, len(outcomeRows))
	for i, o := range outcomeRows {
		names[i] = o.label
	}
	var series []Series
	for col, c := range record.RequestColumns[:6] {
		s := Series{Name: c.Label, Values: make([]*int64, len(outcomeRows))}
		for i, o := range outcomeRows {
			s.Values[i] = groupCell(q, o.key, col)
		}
		series = append(series, s)
	}
	return Categories("chart-outcomes", "申请办理结果（按申请人类型，件）", "办理结果", names, series, StackedBars)
}

// groupCell is a row's cell, or for a group (denied, unable, not_processed, and
// other when the report does not print it) the sum of its items' cells.
func groupCell(q *record.Requests, key string, col int) *int64 {
	if row := q.Row(key); row != nil && row.Cell(col) != nil {
		return row.Cell(col)
	}
	var sum int64
	found := false
	for _, spec := range record.RequestRows {
		if spec.Group != key {
			continue
		}
		if v := q.Row(spec.Key).Cell(col); v != nil {
			sum += *v
			found = true
		}
	}
	if !found {
		return nil
	}
	return &sum
}

func reasons(r *record.Record) (Chart, bool) {
	q := r.Requests
	if q == nil {
		return Chart{}, false
	}
	var names []string
	var vals []*int64
	for _, spec := range record.RowsFor(r.Report.Template) {
		if spec.Group != "denied" && spec.Group != "unable" {
			continue
		}
		prefix := "不予公开："
		if spec.Group == "unable" {
			prefix = "无法提供："
		}
		names = append(names, prefix+spec.Label)
		vals = append(vals, q.Row(spec.Key).Cell(6))
	}
	return Categories("chart-reasons", "不予公开和无法提供的理由（件）", "理由", names,
		[]Series{{Name: "件数", Values: vals}}, HorizontalBars)
}

func appeals(r *record.Record) (Chart, bool) {
	blocks := []struct {
		name string
		a    *record.Appeal
	}{{"行政复议", r.Review}, {"直接起诉", r.LitigationDirect}, {"复议后起诉", r.LitigationAfterReview}}
	results := []string{"结果维持", "结果纠正", "其他结果", "尚未审结"}
	var series []Series
	for i, res := range results {
		s := Series{Name: res}
		for _, b := range blocks {
			var v *int64
			if b.a != nil {
				v = [...]*int64{b.a.Upheld, b.a.Corrected, b.a.Other, b.a.Pending}[i]
			}
			s.Values = append(s.Values, v)
		}
		series = append(series, s)
	}
	names := []string{blocks[0].name, blocks[1].name, blocks[2].name}
	return Categories("chart-appeals", "行政复议和行政诉讼（件；诉讼分未经复议直接起诉和复议后起诉）", "类别", names, series, StackedBars)
}

func legacyOutcomes(r *record.Record) (Chart, bool) {
	lr := r.LegacyRequests
	if lr == nil || lr.Outcomes == nil {
		return Chart{}, false
	}
	o := lr.Outcomes
	names := []string{"属于已主动公开", "同意公开", "同意部分公开", "不同意公开", "不属于本行政机关公开", "申请信息不存在", "告知作出更改补充", "告知通过其他途径办理"}
	vals := []*int64{o.AlreadyPublic, o.Granted, o.PartiallyGranted, o.Denied, o.NotHeld, o.NotExist, o.Clarify, o.OtherChannel}
	return Categories("chart-outcomes", "申请答复结果（件）", "答复结果", names, []Series{{Name: "件数", Values: vals}}, HorizontalBars)
}

func legacyReasons(r *record.Record) (Chart, bool) {
	lr := r.LegacyRequests
	if lr == nil || lr.DenialReasons == nil {
		return Chart{}, false
	}
	d := lr.DenialReasons
	names := []string{"国家秘密", "商业秘密", "个人隐私", "不是《条例》所指政府信息", "法律法规规定的其他情形"}
	vals := []*int64{d.StateSecret, d.CommercialSecret, d.Privacy, d.NotGovernmentInfo, d.LawOther}
	return Categories("chart-reasons", "不予公开的理由（件）", "理由", names, []Series{{Name: "件数", Values: vals}}, HorizontalBars)
}

func legacyAppeals(r *record.Record) (Chart, bool) {
	lr := r.LegacyReview
	if lr == nil {
		return Chart{}, false
	}
	return Categories("chart-appeals", "行政复议、行政诉讼和申诉（件）", "类别", []string{"行政复议", "行政诉讼", "申诉"},
		[]Series{{Name: "件数", Values: []*int64{lr.Reviews, lr.Lawsuits, lr.Complaints}}}, Bars)
}

// Trend charts the summary figures of reports across years: one chart for the
// proactive count, one for requests and their outcomes, one for reviews and lawsuits.
// years label the categories; sums[i] holds the figures of years[i]. prefix makes
// the IDs unique on a page.
func Trend(prefix, scope string, years []string, sums []record.Summary) []Chart {
	var out []Chart
	get := func(key string) []*int64 {
		vs := make([]*int64, len(sums))
		for i := range sums {
			vs[i] = sums[i].Get(key)
		}
		return vs
	}
	groups := []struct {
		id, caption string
		keys        []string
	}{
		{"proactive", scope + "主动公开政府信息数量（条）", []string{"proactive"}},
		{"requests", scope + "政府信息公开申请及办理结果（件）", []string{"received", "granted", "partially_granted", "denied", "unable"}},
		{"appeals", scope + "行政复议和行政诉讼（件）", []string{"reviews", "lawsuits"}},
	}
	for _, g := range groups {
		var series []Series
		for _, key := range g.keys {
			series = append(series, Series{Name: label(key), Values: get(key)})
		}
		kind := Lines
		if len(years) == 1 {
			kind = Bars
		}
		if c, ok := Categories(prefix+"-"+g.id, g.caption, "年度", years, series, kind); ok {
			out = append(out, c)
		}
	}
	return out
}

// ByCategory charts one summary figure per category (such as provinces).
func ByCategory(id, caption, rowHeader string, names []string, series []Series) (Chart, bool) {
	return Categories(id, caption, rowHeader, names, series, Bars)
}

func label(key string) string {
	for _, s := range record.SummaryFigures {
		if s.Key == key {
			return s.Label
		}
	}
	return key
}
