package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/record"
)

// tableRecognizer reads the four tables of the 2019 and 2021 national formats. The
// two differ in the 第二十条 table's columns and in the rows of （六）其他处理; the rest
// is shared.
type tableRecognizer struct {
	template  string
	markers   []string       // words only this template's tables print
	proactive []proactiveRow // the 第二十条 rows
	printed   []string       // the request rows the template prints, in order
}

// proactiveRow is one row of the 第二十条 table: its label and its columns.
type proactiveRow struct {
	key     string   // under [proactive]
	labels  []string // what the row's label is (one of them, exactly or as its end)
	columns []string // keys of the row's cells, in order
}

// Words of the column headers of the 2019/2021 tables.
var headerWords = []string{"自然人", "商业企业", "法人或其他组织", "申请人情况", "结果维持", "信息内容", "未经复议", "复议后起诉"}

// Words every 2019/2021 requests table prints.
var requestTableWords = []string{"本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "结转下年度", "本机关不掌握"}

var tables2019 = &tableRecognizer{
	template: record.Template2019,
	markers:  []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "采购总金额", "采购项目数量", "上一年项目数量"},
	proactive: []proactiveRow{
		{"regulations", []string{"规章"}, []string{"new_made", "new_published", "total_published"}},
		{"normative_documents", []string{"规范性文件"}, []string{"new_made", "new_published", "total_published"}},
		{"licensing", []string{"行政许可"}, []string{"previous_items", "change", "decisions"}},
		{"other_services", []string{"其他对外管理服务事项"}, []string{"previous_items", "change", "decisions"}},
		{"penalty", []string{"行政处罚"}, []string{"previous_items", "change", "decisions"}},
		{"coercion", []string{"行政强制"}, []string{"previous_items", "change", "decisions"}},
		{"fees", []string{"行政事业性收费"}, []string{"previous_items", "change"}},
		{"procurement", []string{"政府集中采购"}, []string{"projects", "amount_yuan"}},
	},
	printed: rowKeys(record.Template2019, false),
}

var tables2021 = &tableRecognizer{
	template: record.Template2021,
	markers:  []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "收费通知要求缴纳费用", "本年处理决定数量"},
	proactive: []proactiveRow{
		{"regulations", []string{"规章"}, []string{"made", "repealed", "in_force"}},
		{"normative_documents", []string{"规范性文件"}, []string{"made", "repealed", "in_force"}},
		{"licensing", []string{"行政许可"}, []string{"decisions"}},
		{"penalty", []string{"行政处罚"}, []string{"decisions"}},
		{"coercion", []string{"行政强制"}, []string{"decisions"}},
		{"fees", []string{"行政事业性收费"}, []string{"amount_10k_yuan"}},
	},
	printed: rowKeys(record.Template2021, true),
}

// rowKeys lists the request rows a template prints; in 2021 （六）其他处理 is only a
// heading over its three items.
func rowKeys(template string, dropOther bool) []string {
	var keys []string
	for _, r := range record.RowsFor(template) {
		if dropOther && r.Key == "other" {
			continue
		}
		keys = append(keys, r.Key)
	}
	return keys
}

func (t *tableRecognizer) Template() string { return t.template }

// Score: a 2019/2021 report prints the requests table; the template's own column
// and row names tell the two apart.
func (t *tableRecognizer) Score(text *wordIndex) int {
	common := text.count(requestTableWords...)
	if common < 3 {
		return 0
	}
	return 10 + common + 20*text.count(t.markers...)
}

// Recognize reads the three tables and the narrative figures.
func (t *tableRecognizer) Recognize(b *builder) {
	// The document's tables, or when they do not hold the requests table (a table
	// copied as text), the rows read from its lines too.
	units := tableUnits(b.doc)
	if n := countRequestRows(units, t.printed); n < len(t.printed)/2 {
		units = b.units()
	}
	t.readProactive(b, units)
	t.readRequests(b, units)
	t.readAppeals(b, units)
	readProactiveTotal(b)
}

func (t *tableRecognizer) readProactive(b *builder, units []unit) {
	seen := make(map[string]bool)
	for _, u := range units {
		for _, row := range t.proactive {
			if seen[row.key] || !labelIs(u.label, row.labels) {
				continue
			}
			vals := u.cells
			if len(vals) == 0 || !anyNumeric(vals[:min(len(vals), len(row.columns))]) && !u.grid {
				continue
			}
			seen[row.key] = true
			for i, col := range row.columns {
				path := "proactive." + row.key + "." + col
				cell := ""
				if i < len(vals) {
					cell = vals[i]
				} else if !u.grid {
					continue
				}
				q, _, ok := parseCell(cell)
				if !ok {
					b.warn("table.cell", path, "第二十条表格“%s”一行的“%s”无法识别为数字", row.labels[0], cell)
					continue
				}
				setProactive(b.rec, row.key, col, q)
				b.traceRow(path, u)
			}
		}
	}
}

// labelIs: the label is one of names, or ends with it ("行政规范性文件" is a 规范性文件
// row), and is short: a sentence that mentions 规章 is not the row.
func labelIs(label string, names []string) bool {
	label = strings.TrimSpace(label)
	if i := strings.LastIndexByte(label, ' '); i >= 0 && labelIs(label[i+1:], names) {
		return true // the last cell of a label read from lines, one cell per line
	}
	for _, n := range names {
		if label == n || strings.HasSuffix(label, n) && len([]rune(label)) <= len([]rune(n))+6 {
			return true
		}
	}
	return false
}

func anyNumeric(cells []string) bool {
	for _, c := range cells {
		if numeric(c) {
			return true
		}
	}
	return false
}

// setProactive stores a 第二十条 cell.
func setProactive(r *record.Record, key, col string, q quantity) {
	if r.Proactive == nil {
		r.Proactive = &record.Proactive{}
	}
	p := r.Proactive
	n := record.Int(int64(q.value))
	a := record.Float(q.value)
	switch key {
	case "regulations", "normative_documents":
		d := &p.Regulations
		if key == "normative_documents" {
			d = &p.NormativeDocuments
		}
		if *d == nil {
			*d = &record.DocumentCounts{}
		}
		switch col {
		case "made":
			(*d).Made = n
		case "repealed":
			(*d).Repealed = n
		case "in_force":
			(*d).InForce = n
		case "new_made":
			(*d).NewMade = n
		case "new_published":
			(*d).NewPublished = n
		case "total_published":
			(*d).TotalPublished = n
		}
	case "licensing", "other_services", "penalty", "coercion":
		ic := map[string]**record.ItemCounts{"licensing": &p.Licensing, "other_services": &p.OtherServices, "penalty": &p.Penalty, "coercion": &p.Coercion}[key]
		if *ic == nil {
			*ic = &record.ItemCounts{}
		}
		switch col {
		case "previous_items":
			(*ic).PreviousItems = n
		case "change":
			(*ic).Change = n
		case "decisions":
			(*ic).Decisions = n
		}
	case "fees":
		if p.Fees == nil {
			p.Fees = &record.FeeItems{}
		}
		switch col {
		case "previous_items":
			p.Fees.PreviousItems = n
		case "change":
			p.Fees.Change = n
		case "amount_10k_yuan":
			p.Fees.Amount10kYuan = a
		}
	case "procurement":
		if p.Procurement == nil {
			p.Procurement = &record.Procurement{}
		}
		switch col {
		case "projects":
			p.Procurement.Projects = n
		case "amount_yuan":
			p.Procurement.AmountYuan = a
		}
	}
}

// rowWords are the words that name each request row, most specific first. A row's
// label names a row when it contains one of its words.
var rowWords = map[string][]string{
	"new_received":                {"本年新收", "新收政府信息公开申请"},
	"carried_over":                {"上年结转"},
	"granted":                     {"予以公开"},
	"partially_granted":           {"部分公开"},
	"denied_state_secret":         {"国家秘密"},
	"denied_prohibited_by_law":    {"法律行政法规禁止", "法规禁止公开", "禁止公开"},
	"denied_security_stability":   {"三安全", "一稳定"},
	"denied_third_party":          {"第三方"},
	"denied_internal_affairs":     {"内部事务"},
	"denied_process_info":         {"过程性"},
	"denied_enforcement_files":    {"执法案卷"},
	"denied_administrative_query": {"行政查询"},
	"unable_not_held":             {"不掌握"},
	"unable_needs_creation":       {"另行制作", "没有现成"},
	"unable_unclear":              {"仍不明确", "补正后"},
	"not_processed_complaint":     {"信访", "举报投诉"},
	"not_processed_repeated":      {"重复申请"},
	"not_processed_publication":   {"公开出版物"},
	"not_processed_excessive":     {"大量反复", "无正当理由大量"},
	"not_processed_confirmation":  {"重新出具", "确认或重新"},
	"other":                       {"其他处理"},
	"other_overdue_correction":    {"逾期不补正", "不补正"},
	"other_unpaid_fee":            {"缴纳费用", "收费通知"},
	"other_misc":                  {"3.其他", "3、其他", "3．其他"},
	"total":                       {"总计"},
	"carried_forward":             {"结转下年度", "下年度继续"},
}

// rowWordLens returns, for each of keys, the length (in runes) of the longest word
// of that row the label contains, or 0.
func rowWordLens(label string, keys []string) []int {
	lens := make([]int, len(keys))
	for k, key := range keys {
		for _, w := range rowWords[key] {
			if strings.Contains(label, w) {
				lens[k] = max(lens[k], utf8.RuneCountInString(w))
			}
		}
	}
	return lens
}

// rowScore scores how well a label names row k of keys, given its rowWordLens: 10
// for a word of the row (4 when another row's word is longer), -10 for a word of
// another row only, 0 when the label names no row.
func rowScore(lens []int, k int) int {
	own, other := lens[k], 0
	for j, l := range lens {
		if j != k {
			other = max(other, l)
		}
	}
	switch {
	case own > 0 && own >= other:
		return 10
	case own > 0:
		return 4
	case other > 0:
		return -10
	}
	return 0
}

// readRequests aligns the rows of the requests table with the template's rows, in
// order, by their labels, and stores their seven columns.
func (t *tableRecognizer) readRequests(b *builder, units []unit) {
	var cands []unit
	for _, u := range units {
		if isRequestRow(u, t.printed) {
			cands = append(cands, u)
		}
	}
	if len(cands) == 0 {
		return
	}
	match := align(cands, t.printed)
	q := &record.Requests{}
	found := 0
	for ci, si := range match {
		if si < 0 {
			u := cands[ci]
			if u.label != "" && anyNumeric(u.cells) {
				b.warn("requests.unrecognized_row", "requests", "收到和处理政府信息公开申请情况表中“%s”一行无法对应到模板的行，未采用", truncate(u.label, 30))
			}
			continue
		}
		key := t.printed[si]
		u := cands[ci]
		row, ok := readRow(b, u, key)
		if !ok {
			continue
		}
		q.SetRow(key, row)
		found++
	}
	if found == 0 {
		return
	}
	for _, key := range t.printed {
		if q.Row(key) == nil {
			spec := specOf(key)
			b.warn("requests.missing_row", "requests."+key, "收到和处理政府信息公开申请情况表中未找到“%s%s”一行", spec.Number, spec.Label)
		}
	}
	if t.template == record.Template2021 && q.Other == nil {
		t.computeOther(b, q)
	}
	b.rec.Requests = q
}

// computeOther: in 2021 （六）其他处理 is the sum of its three items, column by column.
func (t *tableRecognizer) computeOther(b *builder, q *record.Requests) {
	items := []*record.RequestRow{q.OtherOverdueCorrection, q.OtherUnpaidFee, q.OtherMisc}
	row := &record.RequestRow{}
	any := false
	for i, col := range record.RequestColumns {
		var sum int64
		ok := true
		for _, it := range items {
			c := it.Cell(i)
			if c == nil {
				ok = false
				break
			}
			sum += *c
		}
		if !ok {
			continue
		}
		row.SetCell(i, record.Int(sum))
		any = true
		line := -1
		if p, ok := b.rec.Provenance["requests.other_misc."+col.Key]; ok {
			line = p.Line - 1
		}
		b.traceComputed("requests.other."+col.Key, line, "计算值：2021年模板的（六）其他处理为其下三项之和")
	}
	if any {
		q.Other = row
	}
}

func countRequestRows(units []unit, keys []string) int {
	n := 0
	for _, u := range units {
		if isRequestRow(u, keys) {
			n++
		}
	}
	return n
}

// isRequestRow: a row of the requests table has (room for) seven cells, at most
// seven of them numbers, and is not a row of another table.
func isRequestRow(u unit, keys []string) bool {
	if len(u.cells) < 7 && (u.grid || len(u.cells) != 7) {
		if !(u.grid && len(u.cells) >= 1 && labelNamesRow(u.label, keys)) {
			return false
		}
	}
	n := 0
	for _, c := range u.cells {
		if numeric(c) {
			n++
		}
	}
	if n > 7 {
		return false
	}
	if n == 0 {
		// A row left blank: only when its label names a row and it has the cells. A
		// header row names columns, not a row.
		return u.grid && len(u.cells) >= 7 && labelNamesRow(u.label, keys) && !containsAny(u.label, headerWords...)
	}
	return true
}

func labelNamesRow(label string, keys []string) bool {
	for _, l := range rowWordLens(label, keys) {
		if l > 0 {
			return true
		}
	}
	return false
}

// align matches candidate rows to template rows in order (both may skip), scoring
// labels; it returns, for each candidate, the index of its template row or -1.
func align(cands []unit, keys []string) []int {
	n, m := len(cands), len(keys)
	const skipCand, skipKey = -3, -2
	lens := make([][]int, n)
	for i, c := range cands {
		lens[i] = rowWordLens(c.label, keys)
	}
	score := make([][]int, n+1)
	move := make([][]byte, n+1)
	for i := range score {
		score[i] = make([]int, m+1)
		move[i] = make([]byte, m+1)
	}
	for i := 1; i <= n; i++ {
		score[i][0] = score[i-1][0] + skipCand
		move[i][0] = 'c'
	}
	for j := 1; j <= m; j++ {
		score[0][j] = score[0][j-1] + skipKey
		move[0][j] = 'k'
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			s := rowScore(lens[i-1], j-1)
			if s == 0 {
				s = 1 // an unlabelled row in its place
			}
			best, mv := score[i-1][j-1]+s, byte('m')
			if v := score[i-1][j] + skipCand; v > best {
				best, mv = v, 'c'
			}
			if v := score[i][j-1] + skipKey; v > best {
				best, mv = v, 'k'
			}
			score[i][j], move[i][j] = best, mv
		}
	}
	out := make([]int, n)
	for i, j := n, m; i > 0 || j > 0; {
		switch move[i][j] {
		case 'm':
			out[i-1] = j - 1
			i, j = i-1, j-1
		case 'c':
			out[i-1] = -1
			i--
		default:
			j--
		}
	}
	return out
}

func specOf(key string) record.RowSpec {
	for _, s := range record.RequestRows {
		if s.Key == key {
			return s
		}
	}
	return record.RowSpec{Key: key, Label: key}
}

// readRow reads the seven cells of a requests row. Blank cells are 0; a blank total
// is computed from the row, and its provenance says so.
func readRow(b *builder, u unit, key string) (*record.RequestRow, bool) {
	cells := u.cells
	if len(cells) > 7 {
		cells = cells[:7]
	}
	if len(cells) < 7 {
		b.warn("requests.short_row", "requests."+key, "“%s”一行只有%d个单元格，未采用", specOf(key).Label, len(cells))
		return nil, false
	}
	row := &record.RequestRow{}
	totalBlank := false
	for i, c := range cells {
		path := "requests." + key + "." + record.RequestColumns[i].Key
		q, blank, ok := parseCell(c)
		if !ok || !q.isInt {
			b.warn("table.cell", path, "“%s”一行“%s”列的“%s”无法识别为件数", specOf(key).Label, record.RequestColumns[i].Label, c)
			continue
		}
		if blank && i == 6 {
			totalBlank = true
			continue
		}
		row.SetCell(i, record.Int(int64(q.value)))
		b.traceRow(path, u)
	}
	if totalBlank {
		cells := row.Cells()
		if sum, ok := sumCells(cells[:6]); ok {
			row.Total = record.Int(sum)
			b.traceComputed("requests."+key+".total", u.line, "计算值：报告中总计栏为空，按本行六类申请人之和计算")
		}
	}
	return row, true
}

func sumCells(cs []*int64) (int64, bool) {
	var s int64
	for _, c := range cs {
		if c == nil {
			return 0, false
		}
		s += *c
	}
	return s, true
}

// readAppeals reads the 行政复议、行政诉讼 table: one row of fifteen cells, five for
// 行政复议 and five for each kind of 行政诉讼, in the template's order.
func (t *tableRecognizer) readAppeals(b *builder, units []unit) {
	for _, u := range units {
		n := 0
		for _, c := range u.cells {
			if numeric(c) {
				n++
			}
		}
		if n < 10 || len(u.cells) < 15 {
			continue
		}
		cells := u.cells
		if !u.grid && len(cells) != 15 {
			continue
		}
		// Trailing blank cells of pipe text are not part of the row.
		cells = cells[:15]
		blocks := []struct {
			key string
			dst **record.Appeal
		}{{"review", &b.rec.Review}, {"litigation_direct", &b.rec.LitigationDirect}, {"litigation_after_review", &b.rec.LitigationAfterReview}}
		for k, blk := range blocks {
			a := &record.Appeal{}
			fields := []**int64{&a.Upheld, &a.Corrected, &a.Other, &a.Pending, &a.Total}
			names := []string{"upheld", "corrected", "other", "pending", "total"}
			for f := range fields {
				c := cells[k*5+f]
				path := blk.key + "." + names[f]
				q, blank, ok := parseCell(c)
				if !ok || !q.isInt {
					b.warn("table.cell", path, "行政复议、行政诉讼情况表的“%s”无法识别为件数", c)
					continue
				}
				if blank && f == 4 {
					if s, ok := sumCells([]*int64{a.Upheld, a.Corrected, a.Other, a.Pending}); ok {
						a.Total = record.Int(s)
						b.traceComputed(path, u.line, "计算值：报告中总计栏为空，按结果维持、结果纠正、其他结果、尚未审结之和计算")
					}
					continue
				}
				*fields[f] = record.Int(int64(q.value))
				b.traceRow(path, u)
			}
			*blk.dst = a
		}
		return
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
