// Package record is the normalized annual-report record: one agency, one year.
//
// The record is specified in the project's data contract (shared/docs/data-schema.md).
// This package holds its Go types, reads and writes it as TOML through
// github.com/BurntSushi/toml, checks it against the contract (unknown keys, wrong types,
// negative counts, keys that do not belong to the record's template) and against the
// arithmetic identities of the national templates, and derives the summary figures
// that compare reports across templates.
//
// A figure the report does not give is a nil pointer, and stays absent through a
// load/save round trip; a figure the report gives as zero is a pointer to 0.
//
// Struct tags carry the contract:
//
//	toml:"name,omitempty"  the key
//	tmpl:"2019,2021"       the templates the key belongs to (no tag: every template)
//	enum:"a|b|c"           the values a string may take
//	signed:"true"          a number that may be negative (本年增/减)
//	required:"true"        a key every record has
package record

// SchemaVersion is the value of the top-level "schema" key this package reads and writes.
const SchemaVersion = 1

// Template names, the values of report.template.
const (
	Template2008 = "2008" // narrative reports under the 2008 regulations
	Template2019 = "2019" // four tables, format 国办公开办函〔2019〕60号
	Template2021 = "2021" // four tables, format 国办公开办函〔2021〕30号
)

// Templates lists the template names in chronological order.
var Templates = []string{Template2008, Template2019, Template2021}

// Record is one agency's report for one year.
type Record struct {
	Schema int     `toml:"schema" signed:"true"` // absent in hand-written files means SchemaVersion
	Agency Agency  `toml:"agency" required:"true"`
	Report Report  `toml:"report" required:"true"`
	Source *Source `toml:"source,omitempty"`

	Proactive *Proactive `toml:"proactive,omitempty"`

	Requests              *Requests `toml:"requests,omitempty" tmpl:"2019,2021"`
	Review                *Appeal   `toml:"review,omitempty" tmpl:"2019,2021"`
	LitigationDirect      *Appeal   `toml:"litigation_direct,omitempty" tmpl:"2019,2021"`
	LitigationAfterReview *Appeal   `toml:"litigation_after_review,omitempty" tmpl:"2019,2021"`

	LegacyRequests *LegacyRequests `toml:"legacy_requests,omitempty" tmpl:"2008"`
	LegacyReview   *LegacyReview   `toml:"legacy_review,omitempty" tmpl:"2008"`

	Fees      *Fees      `toml:"fees,omitempty"`
	Staff     *Staff     `toml:"staff,omitempty"`
	Narrative *Narrative `toml:"narrative,omitempty"`

	// Provenance maps a figure's key path ("requests.granted.total",
	// "proactive.categories[2].count") to where it came from.
	Provenance map[string]Provenance `toml:"provenance,omitempty"`
	Checks     []Check               `toml:"checks,omitempty"`
}

// Agency is the reporting body and where it sits.
type Agency struct {
	Name         string `toml:"name" required:"true"`
	Province     string `toml:"province"`
	City         string `toml:"city"`
	County       string `toml:"county"`
	DivisionCode string `toml:"division_code"`
}

// Report describes the report itself.
type Report struct {
	Year         int    `toml:"year" required:"true" signed:"true"`
	Template     string `toml:"template" required:"true" enum:"2008|2019|2021"`
	Title        string `toml:"title,omitempty"`
	Published    *Date  `toml:"published,omitempty"`
	SourceScript string `toml:"source_script,omitempty" enum:"hans|hant"`
	Reviewed     bool   `toml:"reviewed"`
}

// Source is the raw document a record was extracted from.
type Source struct {
	File   string `toml:"file,omitempty"`
	URL    string `toml:"url,omitempty"`
	SHA256 string `toml:"sha256,omitempty"`
	Format string `toml:"format,omitempty" enum:"text|html|pdf|docx"`
}

// Proactive is 主动公开: the headline count, its breakdown, and the 第二十条 tables.
type Proactive struct {
	Total       *int64     `toml:"total,omitempty"`
	TotalApprox *bool      `toml:"total_approx,omitempty"`
	Categories  []Category `toml:"categories,omitempty"`

	Regulations        *DocumentCounts `toml:"regulations,omitempty" tmpl:"2019,2021"`
	NormativeDocuments *DocumentCounts `toml:"normative_documents,omitempty" tmpl:"2019,2021"`
	Licensing          *ItemCounts     `toml:"licensing,omitempty" tmpl:"2019,2021"`
	OtherServices      *ItemCounts     `toml:"other_services,omitempty" tmpl:"2019"`
	Penalty            *ItemCounts     `toml:"penalty,omitempty" tmpl:"2019,2021"`
	Coercion           *ItemCounts     `toml:"coercion,omitempty" tmpl:"2019,2021"`
	Fees               *FeeItems       `toml:"fees,omitempty" tmpl:"2019,2021"`
	Procurement        *Procurement    `toml:"procurement,omitempty" tmpl:"2019"`
}

// Category is one item of the proactive-disclosure breakdown, in the report's order.
type Category struct {
	Name  string `toml:"name" required:"true"`
	Count int64  `toml:"count" required:"true"`
}

// DocumentCounts is a 规章 or 规范性文件 row of the 第二十条 table.
type DocumentCounts struct {
	Made     *int64 `toml:"made,omitempty" tmpl:"2021"`     // 本年制发件数
	Repealed *int64 `toml:"repealed,omitempty" tmpl:"2021"` // 本年废止件数
	InForce  *int64 `toml:"in_force,omitempty" tmpl:"2021"` // 现行有效件数

	NewMade        *int64 `toml:"new_made,omitempty" tmpl:"2019"`        // 本年新制作数量
	NewPublished   *int64 `toml:"new_published,omitempty" tmpl:"2019"`   // 本年新公开数量
	TotalPublished *int64 `toml:"total_published,omitempty" tmpl:"2019"` // 对外公开总数量
}

// ItemCounts is a 行政许可, 行政处罚, 行政强制 (or 2019 其他对外管理服务事项) row.
type ItemCounts struct {
	PreviousItems *int64 `toml:"previous_items,omitempty" tmpl:"2019"`       // 上一年项目数量
	Change        *int64 `toml:"change,omitempty" tmpl:"2019" signed:"true"` // 本年增/减
	Decisions     *int64 `toml:"decisions,omitempty"`                        // (本年)处理决定数量
}

// FeeItems is the 行政事业性收费 row.
type FeeItems struct {
	PreviousItems *int64  `toml:"previous_items,omitempty" tmpl:"2019"`       // 上一年项目数量
	Change        *int64  `toml:"change,omitempty" tmpl:"2019" signed:"true"` // 本年增/减
	Amount10kYuan *Amount `toml:"amount_10k_yuan,omitempty" tmpl:"2021"`      // 本年收费金额（万元）
}

// Procurement is the 2019 template's 政府集中采购 row.
type Procurement struct {
	Projects   *int64  `toml:"projects,omitempty"`    // 采购项目数量
	AmountYuan *Amount `toml:"amount_yuan,omitempty"` // 采购总金额（元）
}

// Requests is the 2019/2021 table 收到和处理政府信息公开申请情况, one field a row, in
// template order.
type Requests struct {
	NewReceived *RequestRow `toml:"new_received,omitempty"`
	CarriedOver *RequestRow `toml:"carried_over,omitempty"`

	Granted          *RequestRow `toml:"granted,omitempty"`
	PartiallyGranted *RequestRow `toml:"partially_granted,omitempty"`

	DeniedStateSecret         *RequestRow `toml:"denied_state_secret,omitempty"`
	DeniedProhibitedByLaw     *RequestRow `toml:"denied_prohibited_by_law,omitempty"`
	DeniedSecurityStability   *RequestRow `toml:"denied_security_stability,omitempty"`
	DeniedThirdParty          *RequestRow `toml:"denied_third_party,omitempty"`
	DeniedInternalAffairs     *RequestRow `toml:"denied_internal_affairs,omitempty"`
	DeniedProcessInfo         *RequestRow `toml:"denied_process_info,omitempty"`
	DeniedEnforcementFiles    *RequestRow `toml:"denied_enforcement_files,omitempty"`
	DeniedAdministrativeQuery *RequestRow `toml:"denied_administrative_query,omitempty"`

	UnableNotHeld       *RequestRow `toml:"unable_not_held,omitempty"`
	UnableNeedsCreation *RequestRow `toml:"unable_needs_creation,omitempty"`
	UnableUnclear       *RequestRow `toml:"unable_unclear,omitempty"`

	NotProcessedComplaint    *RequestRow `toml:"not_processed_complaint,omitempty"`
	NotProcessedRepeated     *RequestRow `toml:"not_processed_repeated,omitempty"`
	NotProcessedPublication  *RequestRow `toml:"not_processed_publication,omitempty"`
	NotProcessedExcessive    *RequestRow `toml:"not_processed_excessive,omitempty"`
	NotProcessedConfirmation *RequestRow `toml:"not_processed_confirmation,omitempty"`

	Other                  *RequestRow `toml:"other,omitempty"`
	OtherOverdueCorrection *RequestRow `toml:"other_overdue_correction,omitempty" tmpl:"2021"`
	OtherUnpaidFee         *RequestRow `toml:"other_unpaid_fee,omitempty" tmpl:"2021"`
	OtherMisc              *RequestRow `toml:"other_misc,omitempty" tmpl:"2021"`

	Total          *RequestRow `toml:"total,omitempty"`
	CarriedForward *RequestRow `toml:"carried_forward,omitempty"`
}

// RequestRow is one row of the requests table: six applicant columns and their total.
type RequestRow struct {
	NaturalPerson *int64 `toml:"natural_person,omitempty"` // 自然人
	Commercial    *int64 `toml:"commercial,omitempty"`     // 商业企业
	Research      *int64 `toml:"research,omitempty"`       // 科研机构
	SocialOrg     *int64 `toml:"social_org,omitempty"`     // 社会公益组织
	LegalService  *int64 `toml:"legal_service,omitempty"`  // 法律服务机构
	OtherOrg      *int64 `toml:"other_org,omitempty"`      // 其他
	Total         *int64 `toml:"total,omitempty"`          // 总计
}

// Appeal is a 行政复议 or 行政诉讼 block.
type Appeal struct {
	Upheld    *int64 `toml:"upheld,omitempty"`    // 结果维持
	Corrected *int64 `toml:"corrected,omitempty"` // 结果纠正
	Other     *int64 `toml:"other,omitempty"`     // 其他结果
	Pending   *int64 `toml:"pending,omitempty"`   // 尚未审结
	Total     *int64 `toml:"total,omitempty"`     // 总计
}

// LegacyRequests is the 2008 narrative's 依申请公开 figures.
type LegacyRequests struct {
	Received      *int64         `toml:"received,omitempty"` // 收到/受理申请
	Answered      *int64         `toml:"answered,omitempty"` // 答复/办结
	Channels      *Channels      `toml:"channels,omitempty"`
	Outcomes      *Outcomes      `toml:"outcomes,omitempty"`
	DenialReasons *DenialReasons `toml:"denial_reasons,omitempty"`
}

// Channels counts 2008-era requests by how they arrived.
type Channels struct {
	InPerson *int64 `toml:"in_person,omitempty"` // 当面
	Online   *int64 `toml:"online,omitempty"`    // 网上
	Email    *int64 `toml:"email,omitempty"`     // 电子邮件
	Fax      *int64 `toml:"fax,omitempty"`       // 传真
	Mail     *int64 `toml:"mail,omitempty"`      // 信函
	Phone    *int64 `toml:"phone,omitempty"`     // 电话
	Other    *int64 `toml:"other,omitempty"`     // 其他
}

// Outcomes counts 2008-era requests by how they were answered.
type Outcomes struct {
	AlreadyPublic    *int64 `toml:"already_public,omitempty"`    // 属于已主动公开
	Granted          *int64 `toml:"granted,omitempty"`           // 同意公开
	PartiallyGranted *int64 `toml:"partially_granted,omitempty"` // 同意部分公开
	Denied           *int64 `toml:"denied,omitempty"`            // 不同意公开
	NotHeld          *int64 `toml:"not_held,omitempty"`          // 不属于本行政机关公开
	NotExist         *int64 `toml:"not_exist,omitempty"`         // 申请信息不存在
	Clarify          *int64 `toml:"clarify,omitempty"`           // 告知作出更改补充
	OtherChannel     *int64 `toml:"other_channel,omitempty"`     // 告知通过其他途径办理
}

// DenialReasons counts 2008-era denials by reason.
type DenialReasons struct {
	StateSecret       *int64 `toml:"state_secret,omitempty"`        // 国家秘密
	CommercialSecret  *int64 `toml:"commercial_secret,omitempty"`   // 商业秘密
	Privacy           *int64 `toml:"privacy,omitempty"`             // 个人隐私
	NotGovernmentInfo *int64 `toml:"not_government_info,omitempty"` // 不是《条例》所指政府信息
	LawOther          *int64 `toml:"law_other,omitempty"`           // 法律法规规定的其他情形
}

// LegacyReview is the 2008 narrative's 行政复议、行政诉讼 figures.
type LegacyReview struct {
	Reviews    *int64 `toml:"reviews,omitempty"`    // 因政府信息公开申请行政复议
	Lawsuits   *int64 `toml:"lawsuits,omitempty"`   // 提起行政诉讼
	Complaints *int64 `toml:"complaints,omitempty"` // 申诉
}

// Fees is what the agency charged for answering requests.
type Fees struct {
	CollectedYuan *Amount `toml:"collected_yuan,omitempty"` // 依申请收费 / 信息处理费, 元
}

// Staff is the number of people working on disclosure, where the report gives it.
type Staff struct {
	FullTime *int64 `toml:"full_time,omitempty"` // 专职
	PartTime *int64 `toml:"part_time,omitempty"` // 兼职
}

// Narrative is the report's own words, simplified Chinese, web furniture removed.
type Narrative struct {
	Overview                Text `toml:"overview,omitempty"`
	ProblemsAndImprovements Text `toml:"problems_and_improvements,omitempty"`
	OtherMatters            Text `toml:"other_matters,omitempty"`
}

// Provenance is where a figure came from: a line of the normalized source text and
// that line's words.
type Provenance struct {
	Line int    `toml:"line"`
	Text string `toml:"text"`
}

// Check is one finding of validation: reported, never silently fixed.
type Check struct {
	Rule     string `toml:"rule" required:"true"`
	Severity string `toml:"severity" required:"true" enum:"error|warning"`
	Message  string `toml:"message" required:"true"`

	// Key is the key path the check is about, when there is one. It is not saved;
	// it lets tools point at the line of a file.
	Key string `toml:"-"`
}

// Severities of a Check.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Int returns a pointer to n, for building records in code.
func Int(n int64) *int64 { return &n }

// Float returns a pointer to f as an Amount, for building records in code.
func Float(f float64) *Amount { a := Amount(f); return &a }

// Bool returns a pointer to b, for building records in code.
func Bool(b bool) *bool { return &b }
