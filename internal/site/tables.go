package site

import (
	"strconv"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
)

// The report's tables, laid out as the national templates print them. Every figure
// cell carries its key path and, where the record has one, its provenance line.

type grid struct {
	r *record.Record
	g Grid
}

func th(text string, scope string, cs, rs int) Cell {
	return Cell{Text: text, Header: true, Scope: scope, Colspan: cs, Rowspan: rs}
}

// num is the cell of a figure at key path key.
func (b *grid) num(key string, v *int64) Cell {
	c := Cell{Text: charts.Format(v), Num: true, Key: key}
	if p, ok := b.r.Provenance[key]; ok {
		c.Line = p.Line
	}
	return c
}

func (b *grid) amount(key string, v *record.Amount) Cell {
	c := Cell{Text: "—", Num: true, Key: key}
	if v != nil {
		c.Text = formatAmount(float64(*v))
	}
	if p, ok := b.r.Provenance[key]; ok {
		c.Line = p.Line
	}
	return c
}

func (b *grid) row(cells ...Cell) { b.g.Body = append(b.g.Body, cells) }

func templateTables(r *record.Record) []Grid {
	var out []Grid
	if g, ok := article20(r); ok {
		out = append(out, g...)
	}
	if r.Requests != nil {
		out = append(out, requestsTable(r))
	}
	if r.Review != nil || r.LitigationDirect != nil || r.LitigationAfterReview != nil {
		out = append(out, appealsTable(r))
	}
	return append(out, commonTables(r)...)
}

// article20 is section 二, 主动公开政府信息情况: one table per item of 第二十条.
func article20(r *record.Record) ([]Grid, bool) {
	p := r.Proactive
	if p == nil {
		return nil, false
	}
	is2019 := r.Report.Template == record.Template2019
	var out []Grid
	docs := func(key, label string, d *record.DocumentCounts, b *grid) {
		if d == nil {
			d = &record.DocumentCounts{}
		}
		k := "proactive." + key + "."
		if is2019 {
			b.row(th(label, "row", 0, 0), b.num(k+"new_made", d.NewMade), b.num(k+"new_published", d.NewPublished), b.num(k+"total_published", d.TotalPublished))
		} else {
			b.row(th(label, "row", 0, 0), b.num(k+"made", d.Made), b.num(k+"repealed", d.Repealed), b.num(k+"in_force", d.InForce))
		}
	}
	items := func(key, label string, c *record.ItemCounts, b *grid) {
		if c == nil {
			c = &record.ItemCounts{}
		}
		k := "proactive." + key + "."
		if is2019 {
			b.row(th(label, "row", 0, 0), b.num(k+"previous_items", c.PreviousItems), b.num(k+"change", c.Change), b.num(k+"decisions", c.Decisions))
		} else {
			b.row(th(label, "row", 0, 0), b.num(k+"decisions", c.Decisions))
		}
	}
	if p.Regulations != nil || p.NormativeDocuments != nil {
		b := &grid{r: r, g: Grid{ID: "t-art20-1", Caption: "第二十条第（一）项"}}
		if is2019 {
			b.g.Head = [][]Cell{{th("信息内容", "col", 0, 0), th("本年新制作数量", "col", 0, 0), th("本年新公开数量", "col", 0, 0), th("对外公开总数量", "col", 0, 0)}}
			docs("regulations", "规章", p.Regulations, b)
			docs("normative_documents", "规范性文件", p.NormativeDocuments, b)
		} else {
			b.g.Head = [][]Cell{{th("信息内容", "col", 0, 0), th("本年制发件数", "col", 0, 0), th("本年废止件数", "col", 0, 0), th("现行有效件数", "col", 0, 0)}}
			docs("regulations", "规章", p.Regulations, b)
			docs("normative_documents", "行政规范性文件", p.NormativeDocuments, b)
		}
		out = append(out, b.g)
	}
	itemHead := func() [][]Cell {
		if is2019 {
			return [][]Cell{{th("信息内容", "col", 0, 0), th("上一年项目数量", "col", 0, 0), th("本年增/减", "col", 0, 0), th("处理决定数量", "col", 0, 0)}}
		}
		return [][]Cell{{th("信息内容", "col", 0, 0), th("本年处理决定数量", "col", 0, 0)}}
	}
	if p.Licensing != nil || p.OtherServices != nil {
		b := &grid{r: r, g: Grid{ID: "t-art20-5", Caption: "第二十条第（五）项", Head: itemHead()}}
		items("licensing", "行政许可", p.Licensing, b)
		if is2019 {
			items("other_services", "其他对外管理服务事项", p.OtherServices, b)
		}
		out = append(out, b.g)
	}
	if p.Penalty != nil || p.Coercion != nil {
		b := &grid{r: r, g: Grid{ID: "t-art20-6", Caption: "第二十条第（六）项", Head: itemHead()}}
		items("penalty", "行政处罚", p.Penalty, b)
		items("coercion", "行政强制", p.Coercion, b)
		out = append(out, b.g)
	}
	if f := p.Fees; f != nil {
		b := &grid{r: r, g: Grid{ID: "t-art20-8", Caption: "第二十条第（八）项"}}
		if is2019 {
			b.g.Head = [][]Cell{{th("信息内容", "col", 0, 0), th("上一年项目数量", "col", 0, 0), th("本年增/减", "col", 0, 0)}}
			b.row(th("行政事业性收费", "row", 0, 0), b.num("proactive.fees.previous_items", f.PreviousItems), b.num("proactive.fees.change", f.Change))
		} else {
			b.g.Head = [][]Cell{{th("信息内容", "col", 0, 0), th("本年收费金额（单位：万元）", "col", 0, 0)}}
			b.row(th("行政事业性收费", "row", 0, 0), b.amount("proactive.fees.amount_10k_yuan", f.Amount10kYuan))
		}
		out = append(out, b.g)
	}
	if pr := p.Procurement; pr != nil && is2019 {
		b := &grid{r: r, g: Grid{ID: "t-art20-9", Caption: "第二十条第（九）项"}}
		b.g.Head = [][]Cell{{th("信息内容", "col", 0, 0), th("采购项目数量", "col", 0, 0), th("采购总金额", "col", 0, 0)}}
		b.row(th("政府集中采购", "row", 0, 0), b.num("proactive.procurement.projects", pr.Projects), b.amount("proactive.procurement.amount_yuan", pr.AmountYuan))
		out = append(out, b.g)
	}
	return out, len(out) > 0
}

// requestsTable is section 三, 收到和处理政府信息公开申请情况, in the template's layout.
func requestsTable(r *record.Record) Grid {
	q := r.Requests
	b := &grid{r: r, g: Grid{ID: "t-requests", Caption: "三、收到和处理政府信息公开申请情况",
		Note: "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"}}
	b.g.Head = [][]Cell{
		{th("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "col", 3, 3), th("申请人情况", "colgroup", 7, 0)},
		{th("自然人", "col", 0, 2), th("法人或其他组织", "colgroup", 5, 0), th("总计", "col", 0, 2)},
		{th("商业企业", "col", 0, 0), th("科研机构", "col", 0, 0), th("社会公益组织", "col", 0, 0), th("法律服务机构", "col", 0, 0), th("其他", "col", 0, 0)},
	}
	cells := func(key string) []Cell {
		row := q.Row(key).Cells()
		out := make([]Cell, 7)
		for i, v := range row {
			out[i] = b.num("requests."+key+"."+record.RequestColumns[i].Key, v)
		}
		return out
	}
	rows := record.RowsFor(r.Report.Template)
	// Rows of 三、本年度办理结果: from granted to total.
	var resultRows int
	for _, s := range rows {
		if s.Key != "new_received" && s.Key != "carried_over" && s.Key != "carried_forward" {
			resultRows++
		}
	}
	if r.Report.Template == record.Template2021 {
		resultRows-- // （六）其他处理 is a group heading with three rows, not a row of its own
	}
	groupSize := func(g string) int {
		n := 0
		for _, s := range rows {
			if s.Group == g {
				n++
			}
		}
		return n
	}
	groupLabel := map[string]string{}
	for _, g := range record.RequestGroups {
		groupLabel[g.Key] = g.Number + g.Label
	}
	firstOfResults := true
	seenGroup := map[string]bool{}
	for _, s := range rows {
		switch s.Key {
		case "new_received", "carried_over", "carried_forward":
			b.row(append([]Cell{th(s.Number+s.Label, "row", 3, 0)}, cells(s.Key)...)...)
			continue
		case "other":
			if r.Report.Template == record.Template2021 {
				continue // printed as its three items
			}
		}
		var lead []Cell
		if firstOfResults {
			lead = append(lead, th("三、本年度办理结果", "rowgroup", 0, resultRows))
			firstOfResults = false
		}
		if s.Group != "" {
			if !seenGroup[s.Group] {
				seenGroup[s.Group] = true
				lead = append(lead, th(groupLabel[s.Group], "rowgroup", 0, groupSize(s.Group)))
			}
			lead = append(lead, th(s.Number+s.Label, "row", 0, 0))
		} else {
			lead = append(lead, th(s.Number+s.Label, "row", 2, 0))
		}
		b.row(append(lead, cells(s.Key)...)...)
	}
	return b.g
}

// appealsTable is section 四, 政府信息公开行政复议、行政诉讼情况.
func appealsTable(r *record.Record) Grid {
	b := &grid{r: r, g: Grid{ID: "t-appeals", Caption: "四、政府信息公开行政复议、行政诉讼情况"}}
	results := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	var sub []Cell
	for _, s := range results[:5] {
		sub = append(sub, th(s, "col", 0, 2))
	}
	sub = append(sub, th("未经复议直接起诉", "colgroup", 5, 0), th("复议后起诉", "colgroup", 5, 0))
	var third []Cell
	for range 2 {
		for _, s := range results {
			third = append(third, th(s, "col", 0, 0))
		}
	}
	b.g.Head = [][]Cell{{th("行政复议", "colgroup", 5, 0), th("行政诉讼", "colgroup", 10, 0)}, sub, third}
	var row []Cell
	for _, blk := range []struct {
		key string
		a   *record.Appeal
	}{{"review", r.Review}, {"litigation_direct", r.LitigationDirect}, {"litigation_after_review", r.LitigationAfterReview}} {
		a := blk.a
		if a == nil {
			a = &record.Appeal{}
		}
		k := blk.key + "."
		row = append(row, b.num(k+"upheld", a.Upheld), b.num(k+"corrected", a.Corrected), b.num(k+"other", a.Other), b.num(k+"pending", a.Pending), b.num(k+"total", a.Total))
	}
	b.row(row...)
	return b.g
}

// legacyTables lays out the figures of a 2008-template report, which has no fixed
// tables: one two-column table per topic, in the order the reports tell them.
func legacyTables(r *record.Record) []Grid {
	var out []Grid
	simple := func(id, caption string, rows []struct {
		label, key string
		v          *int64
	}) {
		b := &grid{r: r, g: Grid{ID: id, Caption: caption, Head: [][]Cell{{th("项目", "col", 0, 0), th("数量", "col", 0, 0)}}}}
		any := false
		for _, x := range rows {
			if x.v == nil {
				continue
			}
			any = true
			b.row(th(x.label, "row", 0, 0), b.num(x.key, x.v))
		}
		if any {
			out = append(out, b.g)
		}
	}
	type kv = struct {
		label, key string
		v          *int64
	}
	if p := r.Proactive; p != nil {
		rows := []kv{{"主动公开政府信息总数", "proactive.total", p.Total}}
		b := &grid{r: r, g: Grid{ID: "t-proactive", Caption: "主动公开政府信息情况", Head: [][]Cell{{th("类别", "col", 0, 0), th("条数", "col", 0, 0)}}}}
		for _, x := range rows {
			if x.v != nil {
				c := b.num(x.key, x.v)
				if p.TotalApprox != nil && *p.TotalApprox {
					c.Text += "余"
				}
				b.row(th(x.label, "row", 0, 0), c)
			}
		}
		for i, c := range p.Categories {
			key := "proactive.categories[" + strconv.Itoa(i) + "].count"
			b.row(th(c.Name, "row", 0, 0), b.num(key, record.Int(c.Count)))
		}
		if len(b.g.Body) > 0 {
			out = append(out, b.g)
		}
	}
	if lr := r.LegacyRequests; lr != nil {
		simple("t-requests", "依申请公开政府信息情况", []kv{
			{"收到申请", "legacy_requests.received", lr.Received},
			{"答复/办结", "legacy_requests.answered", lr.Answered},
		})
		if c := lr.Channels; c != nil {
			k := "legacy_requests.channels."
			simple("t-channels", "申请方式", []kv{
				{"当面申请", k + "in_person", c.InPerson}, {"网上申请", k + "online", c.Online},
				{"电子邮件", k + "email", c.Email}, {"传真", k + "fax", c.Fax}, {"信函", k + "mail", c.Mail},
				{"电话", k + "phone", c.Phone}, {"其他", k + "other", c.Other},
			})
		}
		if o := lr.Outcomes; o != nil {
			k := "legacy_requests.outcomes."
			simple("t-outcomes", "答复情况", []kv{
				{"属于已主动公开", k + "already_public", o.AlreadyPublic}, {"同意公开", k + "granted", o.Granted},
				{"同意部分公开", k + "partially_granted", o.PartiallyGranted}, {"不同意公开", k + "denied", o.Denied},
				{"不属于本行政机关公开", k + "not_held", o.NotHeld}, {"申请信息不存在", k + "not_exist", o.NotExist},
				{"告知作出更改补充", k + "clarify", o.Clarify}, {"告知通过其他途径办理", k + "other_channel", o.OtherChannel},
			})
		}
		if d := lr.DenialReasons; d != nil {
			k := "legacy_requests.denial_reasons."
			simple("t-denials", "不予公开的理由", []kv{
				{"国家秘密", k + "state_secret", d.StateSecret}, {"商业秘密", k + "commercial_secret", d.CommercialSecret},
				{"个人隐私", k + "privacy", d.Privacy}, {"不是《条例》所指政府信息", k + "not_government_info", d.NotGovernmentInfo},
				{"法律法规规定的其他情形", k + "law_other", d.LawOther},
			})
		}
	}
	if lv := r.LegacyReview; lv != nil {
		k := "legacy_review."
		simple("t-review", "行政复议、行政诉讼和申诉", []kv{
			{"因政府信息公开申请行政复议", k + "reviews", lv.Reviews}, {"提起行政诉讼", k + "lawsuits", lv.Lawsuits},
			{"申诉", k + "complaints", lv.Complaints},
		})
	}
	out = append(out, commonTables(r)...)
	return out
}

// commonTables are fees and staff, which every template may give.
func commonTables(r *record.Record) []Grid {
	var out []Grid
	b := &grid{r: r, g: Grid{ID: "t-fees-staff", Caption: "收费及工作人员", Head: [][]Cell{{th("项目", "col", 0, 0), th("数量", "col", 0, 0)}}}}
	if f := r.Fees; f != nil && f.CollectedYuan != nil {
		b.row(th("依申请收取费用（元）", "row", 0, 0), b.amount("fees.collected_yuan", f.CollectedYuan))
	}
	if s := r.Staff; s != nil {
		if s.FullTime != nil {
			b.row(th("专职人员", "row", 0, 0), b.num("staff.full_time", s.FullTime))
		}
		if s.PartTime != nil {
			b.row(th("兼职人员", "row", 0, 0), b.num("staff.part_time", s.PartTime))
		}
	}
	if len(b.g.Body) > 0 {
		out = append(out, b.g)
	}
	return out
}
