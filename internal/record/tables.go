package record

import (
	"reflect"
	"slices"
)

// RowSpec describes one row of the 2019/2021 requests table.
type RowSpec struct {
	Key       string   // the key under [requests]
	Label     string   // the row's label in the template, without its numbering
	Number    string   // the numbering the template prints: "一、", "（三）", "1." …
	Group     string   // the key of the row this one is an item of ("denied", "unable", "not_processed", "other"), or ""
	Templates []string // the templates that have the row
}

// GroupSpec names a group of rows of the requests table: (三)不予公开 and its items.
type GroupSpec struct {
	Key    string
	Label  string
	Number string
}

var both = []string{Template2019, Template2021}

// RequestGroups are the outcome groups whose items are rows of their own.
var RequestGroups = []GroupSpec{
	{"denied", "不予公开", "（三）"},
	{"unable", "无法提供", "（四）"},
	{"not_processed", "不予处理", "（五）"},
	{"other", "其他处理", "（六）"},
}

// RequestRows lists the rows of the requests table in template order.
var RequestRows = []RowSpec{
	{"new_received", "本年新收政府信息公开申请数量", "一、", "", both},
	{"carried_over", "上年结转政府信息公开申请数量", "二、", "", both},
	{"granted", "予以公开", "（一）", "", both},
	{"partially_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）", "", both},
	{"denied_state_secret", "属于国家秘密", "1.", "denied", both},
	{"denied_prohibited_by_law", "其他法律行政法规禁止公开", "2.", "denied", both},
	{"denied_security_stability", "危及“三安全一稳定”", "3.", "denied", both},
	{"denied_third_party", "保护第三方合法权益", "4.", "denied", both},
	{"denied_internal_affairs", "属于三类内部事务信息", "5.", "denied", both},
	{"denied_process_info", "属于四类过程性信息", "6.", "denied", both},
	{"denied_enforcement_files", "属于行政执法案卷", "7.", "denied", both},
	{"denied_administrative_query", "属于行政查询事项", "8.", "denied", both},
	{"unable_not_held", "本机关不掌握相关政府信息", "1.", "unable", both},
	{"unable_needs_creation", "没有现成信息需要另行制作", "2.", "unable", both},
	{"unable_unclear", "补正后申请内容仍不明确", "3.", "unable", both},
	{"not_processed_complaint", "信访举报投诉类申请", "1.", "not_processed", both},
	{"not_processed_repeated", "重复申请", "2.", "not_processed", both},
	{"not_processed_publication", "要求提供公开出版物", "3.", "not_processed", both},
	{"not_processed_excessive", "无正当理由大量反复申请", "4.", "not_processed", both},
	{"not_processed_confirmation", "要求行政机关确认或重新出具已获取信息", "5.", "not_processed", both},
	{"other", "其他处理", "（六）", "", both},
	{"other_overdue_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.", "other", []string{Template2021}},
	{"other_unpaid_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.", "other", []string{Template2021}},
	{"other_misc", "其他", "3.", "other", []string{Template2021}},
	{"total", "总计", "（七）", "", both},
	{"carried_forward", "结转下年度继续办理", "四、", "", both},
}

// ColumnSpec describes one applicant column of the requests table.
type ColumnSpec struct {
	Key   string
	Label string
}

// RequestColumns lists the columns of the requests table in template order; the
// last is the total.
var RequestColumns = []ColumnSpec{
	{"natural_person", "自然人"},
	{"commercial", "商业企业"},
	{"research", "科研机构"},
	{"social_org", "社会公益组织"},
	{"legal_service", "法律服务机构"},
	{"other_org", "其他"},
	{"total", "总计"},
}

// RowsFor returns the request rows of a template, in order.
func RowsFor(template string) []RowSpec {
	var rows []RowSpec
	for _, r := range RequestRows {
		if slices.Contains(r.Templates, template) {
			rows = append(rows, r)
		}
	}
	return rows
}

// fieldsByKey maps the toml keys of struct type t to field indexes.
func fieldsByKey(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		m[tomlName(t.Field(i))] = i
	}
	return m
}

var requestFields = fieldsByKey(reflect.TypeFor[Requests]())

// Row returns the row with the given key, or nil when it is absent or the key is
// not a row.
func (q *Requests) Row(key string) *RequestRow {
	if q == nil {
		return nil
	}
	i, ok := requestFields[key]
	if !ok {
		return nil
	}
	return reflect.ValueOf(q).Elem().Field(i).Interface().(*RequestRow)
}

// SetRow sets the row with the given key; it reports false for an unknown key.
func (q *Requests) SetRow(key string, row *RequestRow) bool {
	i, ok := requestFields[key]
	if !ok {
		return false
	}
	reflect.ValueOf(q).Elem().Field(i).Set(reflect.ValueOf(row))
	return true
}

// Cells returns the row's seven cells in column order (RequestColumns).
func (r *RequestRow) Cells() [7]*int64 {
	if r == nil {
		return [7]*int64{}
	}
	return [7]*int64{r.NaturalPerson, r.Commercial, r.Research, r.SocialOrg, r.LegalService, r.OtherOrg, r.Total}
}

// Cell returns the cell of column i (an index into RequestColumns).
func (r *RequestRow) Cell(i int) *int64 {
	if r == nil || i < 0 || i >= 7 {
		return nil
	}
	return r.Cells()[i]
}

// SetCell sets the cell of column i (an index into RequestColumns).
func (r *RequestRow) SetCell(i int, v *int64) {
	switch i {
	case 0:
		r.NaturalPerson = v
	case 1:
		r.Commercial = v
	case 2:
		r.Research = v
	case 3:
		r.SocialOrg = v
	case 4:
		r.LegalService = v
	case 5:
		r.OtherOrg = v
	case 6:
		r.Total = v
	}
}
