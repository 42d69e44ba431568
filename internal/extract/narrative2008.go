package extract

import (
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
)

// narrative2008 reads reports under the 2008 regulations (国务院令第492号): free
// narrative with the figures inside sentences.
type narrative2008 struct{}

func (narrative2008) Template() string { return record.Template2008 }

// Score: any report can be read as narrative; the table formats outscore it when
// their tables are there.
func (narrative2008) Score(text *wordIndex) int { return 1 }

func (narrative2008) Recognize(b *builder) {
	readProactiveTotal(b)
	readLegacyRequests(b)
	readLegacyReview(b)
	readStatisticsTable(b)
}

// statRow is a row of the 政府信息公开情况统计表 many 2008-era reports append: its label
// (words it contains, and words it must not) and the record key it fills.
type statRow struct {
	key string
	has []string
	not []string
}

// statRows are in the table's order; a label matches the first row whose words it has.
var statRows = []statRow{
	{"proactive.total", []string{"主动公开政府信息数", "主动公开政府信息总数", "主动公开信息数"}, []string{"其中", "规范性文件"}},
	{"legacy_requests.received", []string{"收到申请数", "受理申请数", "收到申请总数"}, nil},
	{"legacy_requests.channels.in_person", []string{"当面申请数"}, nil},
	{"legacy_requests.channels.fax", []string{"传真申请数"}, nil},
	{"legacy_requests.channels.online", []string{"网络申请数", "网上申请数", "互联网申请数"}, nil},
	{"legacy_requests.channels.mail", []string{"信函申请数"}, nil},
	{"legacy_requests.channels.email", []string{"电子邮件申请数", "邮件申请数"}, nil},
	{"legacy_requests.channels.phone", []string{"电话申请数"}, nil},
	{"legacy_requests.channels.other", []string{"其他形式申请数", "其他方式申请数"}, nil},
	{"legacy_requests.answered", []string{"申请办结数", "办结数"}, []string{"按时", "延期"}},
	{"legacy_requests.outcomes.already_public", []string{"已主动公开范围数", "已主动公开数"}, nil},
	{"legacy_requests.outcomes.partially_granted", []string{"同意部分公开"}, nil},
	{"legacy_requests.outcomes.denied", []string{"不同意公开"}, nil},
	{"legacy_requests.outcomes.granted", []string{"同意公开答复数", "同意公开数"}, []string{"部分", "不同意"}},
	{"legacy_requests.denial_reasons.state_secret", []string{"国家秘密"}, nil},
	{"legacy_requests.denial_reasons.commercial_secret", []string{"商业秘密"}, nil},
	{"legacy_requests.denial_reasons.privacy", []string{"个人隐私"}, nil},
	{"legacy_requests.denial_reasons.not_government_info", []string{"所指政府信息"}, nil},
	{"legacy_requests.denial_reasons.law_other", []string{"规定的其他情形"}, nil},
	{"legacy_requests.outcomes.not_held", []string{"不属于本行政机关", "不属于本机关"}, nil},
	{"legacy_requests.outcomes.not_exist", []string{"信息不存在"}, nil},
	{"legacy_requests.outcomes.clarify", []string{"更改补充"}, nil},
	{"legacy_requests.outcomes.other_channel", []string{"其他途径办理", "其它途径办理"}, nil},
	{"legacy_review.reviews", []string{"行政复议数量", "行政复议数"}, nil},
	{"legacy_review.lawsuits", []string{"行政诉讼数量", "行政诉讼数"}, nil},
	{"legacy_review.complaints", []string{"申诉数量", "举报投诉数量", "举报投诉数"}, nil},
	{"fees.collected_yuan", []string{"收取的费用", "收取费用"}, nil},
	{"staff.full_time", []string{"专职人员数"}, nil},
	{"staff.part_time", []string{"兼职人员数"}, nil},
}

// readStatisticsTable reads the 政府信息公开情况统计表 (label | unit | figure) many
// 2008-era reports append. A figure there is the report's own statistic and takes
// precedence over the same figure read from a sentence.
func readStatisticsTable(b *builder) {
	units := b.units()
	seen := make(map[string]bool)
	for _, u := range units {
		var val string
		blank := u.grid && len(u.cells) > 0
		for _, c := range u.cells {
			if numeric(c) {
				val = c
			}
			blank = blank && isBlank(c)
		}
		if blank {
			val = "0" // a blank cell of the filled-in table
		}
		if val == "" || len(u.cells) > 3 {
			continue
		}
		for _, row := range statRows {
			if seen[row.key] || !containsAny(u.label, row.has...) || containsAny(u.label, row.not...) {
				continue
			}
			q, _, ok := parseCell(val)
			if !ok || q.value < 0 {
				break
			}
			seen[row.key] = true
			v := q.value
			if row.key == "fees.collected_yuan" && strings.Contains(u.label, "万元") {
				v *= 10000
			}
			if !q.isInt && row.key != "fees.collected_yuan" {
				break
			}
			setFigure(b.rec, row.key, v)
			b.traceRow(row.key, u)
			break
		}
	}
}

// setFigure stores a figure of the 2008 template, or a shared one, by key path.
func setFigure(r *record.Record, key string, v float64) {
	group, field, _ := strings.Cut(key, ".")
	n := int64(v)
	switch group {
	case "proactive":
		if r.Proactive == nil {
			r.Proactive = &record.Proactive{}
		}
		r.Proactive.Total = record.Int(n)
		r.Proactive.TotalApprox = record.Bool(false)
	case "legacy_requests":
		if r.LegacyRequests == nil {
			r.LegacyRequests = &record.LegacyRequests{}
		}
		switch field {
		case "received":
			r.LegacyRequests.Received = record.Int(n)
		case "answered":
			r.LegacyRequests.Answered = record.Int(n)
		default:
			setLegacy(r.LegacyRequests, field, n)
		}
	case "legacy_review":
		if r.LegacyReview == nil {
			r.LegacyReview = &record.LegacyReview{}
		}
		*map[string]**int64{"reviews": &r.LegacyReview.Reviews, "lawsuits": &r.LegacyReview.Lawsuits, "complaints": &r.LegacyReview.Complaints}[field] = record.Int(n)
	case "fees":
		r.Fees = &record.Fees{CollectedYuan: record.Float(v)}
	case "staff":
		if r.Staff == nil {
			r.Staff = &record.Staff{}
		}
		if field == "full_time" {
			r.Staff.FullTime = record.Int(n)
		} else {
			r.Staff.PartTime = record.Int(n)
		}
	}
}

// A rule is a pattern whose "n" group is the figure at key.
type rule struct {
	key string
	re  *pattern
	not []string // words that must not come right before the match ("不" before 同意公开)
}

// rules builds rules from (key, pattern, not) triples. need is a word every
// match of a group of rules holds.
func rules(need string, triples ...any) []rule {
	var out []rule
	for i := 0; i < len(triples); i += 3 {
		r := rule{key: triples[i].(string), re: pat(need, triples[i+1].(string))}
		if triples[i+2] != nil {
			r.not = triples[i+2].([]string)
		}
		out = append(out, r)
	}
	return out
}

// "X的N件", "XN件": the ways a count follows what it counts.
const ofN = `(?:的|为|共)?\s*` + num + `\s*(?:件|个|条|宗|次|人次)`

var (
	requestsReceived = []*pattern{
		pat("申请", `(?:收到|受理|接到|接收|共收到|共受理)(?:了)?[^，,。；;]{0,16}?申请(?:共|总计|合计)?(?:为|达)?\s*`+num+approxAfter+`\s*(?:件|个|条|宗|人次|次)`),
		pat("依申请公开", `(?:收到|受理|接到)[^，,。；;]{0,12}?依申请公开[^，,。；;]{0,8}?`+num+approxAfter+`\s*(?:件|个|条|宗)`),
		pat("依申请公开", `依申请公开(?:政府信息|信息)?(?:申请)?(?:共|总计|合计)?\s*`+num+approxAfter+`\s*(?:件|个|条|宗)`),
	}
	requestsAnswered = pat("", `(?:答复|办结|办理完毕|办理)(?:了)?(?:申请)?(?:共)?\s*`+num+`\s*(?:件|个|宗)`)
	answeredAll      = regexp.MustCompile(`(?:全部|均)[^，,。；;未不没]{0,6}?(?:答复|办结|回复)`)
	negation         = regexp.MustCompile(`未|没有|无`)

	channelRules = rules("申请",
		"channels.in_person", `当面(?:提交|提出|递交)?(?:申请)?`+ofN, nil,
		"channels.online", `(?:网上|网络|在线|网站|互联网|电子政务)[^，,。、；;]{0,10}?申请`+ofN, nil,
		"channels.email", `(?:电子邮件|电子邮箱|邮箱)[^，,。、；;]{0,6}?申请`+ofN, nil,
		"channels.fax", `传真[^，,。、；;]{0,6}?申请`+ofN, nil,
		"channels.mail", `(?:信函|邮寄|信件)[^，,。、；;]{0,6}?申请`+ofN, nil,
		"channels.phone", `电话[^，,。、；;]{0,6}?申请`+ofN, nil,
		"channels.other", `其[他它](?:形式|方式|途径)[^，,。、；;]{0,6}?申请`+ofN, nil,
	)
	outcomeRules = rules("",
		"outcomes.already_public", `属于已(?:经)?主动公开(?:范围)?(?:的)?(?:信息)?`+ofN, nil,
		"outcomes.granted", `(?:同意|予以|准予)公开`+ofN, []string{"不", "部分", "不予", "不同意"},
		"outcomes.partially_granted", `(?:同意)?部分公开`+ofN, nil,
		"outcomes.denied", `不(?:同意|予)公开`+ofN, nil,
		"outcomes.not_held", `(?:不属于本(?:行政)?机关(?:公开|职责|掌握)(?:范围)?|非本(?:行政)?机关(?:公开|职责|掌握)(?:范围)?)`+ofN, nil,
		"outcomes.not_exist", `(?:申请|所申请)?(?:的)?(?:公开)?(?:信息|内容)不存在`+ofN, nil,
		"outcomes.clarify", `告知(?:作出|申请人)?(?:更改|补正)(?:、)?(?:补充)?(?:申请)?`+ofN, nil,
		"outcomes.other_channel", `告知(?:通过|其)?其?[他它](?:途径|渠道|方式)(?:办理|获取)?`+ofN, nil,
		"denial_reasons.state_secret", `国家秘密`+ofN, nil,
		"denial_reasons.commercial_secret", `商业秘密`+ofN, nil,
		"denial_reasons.privacy", `个人隐私`+ofN, nil,
		"denial_reasons.not_government_info", `不(?:是|属于)(?:《条例》|条例)?所(?:指|称)(?:的)?政府信息`+ofN, nil,
		"denial_reasons.law_other", `法律(?:、)?法规(?:规定)?的其他情形`+ofN, nil,
	)
)

// readLegacyRequests reads 依申请公开: received, answered, channels, outcomes and
// denial reasons, from the requests section when the report has one.
func readLegacyRequests(b *builder) {
	lines := b.doc.Lines
	hs := headings(b)
	from, to, ok := section(b, hs, []string{"依申请", "申请公开", "公开申请"}, []string{"复议", "诉讼", "收费"})
	if !ok {
		from, to = 0, len(lines)
	}
	lr := &record.LegacyRequests{}
	set := false

	for _, re := range requestsReceived {
		h := b.findAll(from, to, re, nil)
		if len(h) == 0 && ok {
			h = b.findAll(0, len(lines), re, nil)
		}
		if len(h) > 0 {
			lr.Received = record.Int(h[0].n)
			b.trace("legacy_requests.received", h[0].line, h[0].start, h[0].end)
			set = true
			break
		}
	}
	if lr.Received == nil {
		// "未发生受理、答复依申请公开政务信息的情况", "没有发生依申请公开办理情况".
		if i, s, found := findNone(b, from, to, ok, noneSaid{words: []string{"申请"}, exclude: []string{"复议", "诉讼", "申诉", "投诉", "举报"}, maxGap: 60}); found {
			lr.Received = record.Int(0)
			b.trace("legacy_requests.received", i, s.start, s.end)
			set = true
		}
	}

	if h := b.findAll(from, to, requestsAnswered, notAfter("未", "没有")); len(h) > 0 && ok {
		lr.Answered = record.Int(h[0].n)
		b.trace("legacy_requests.answered", h[0].line, h[0].start, h[0].end)
		set = true
	} else if lr.Received != nil && *lr.Received > 0 {
		for i := from; i < to; i++ {
			if loc := answeredAll.FindStringIndex(lines[i]); loc != nil && strings.Contains(lines[i], "申请") {
				lr.Answered = record.Int(*lr.Received)
				b.trace("legacy_requests.answered", i, loc[0], loc[1])
				set = true
				break
			}
		}
	}

	for _, group := range [][]rule{channelRules, outcomeRules} {
		for _, r := range group {
			h := b.findAll(from, to, r.re, notAfter(r.not...))
			if len(h) == 0 {
				continue
			}
			setLegacy(lr, r.key, h[0].n)
			b.trace("legacy_requests."+r.key, h[0].line, h[0].start, h[0].end)
			set = true
		}
	}
	if set {
		b.rec.LegacyRequests = lr
	}
}

// noneSaid describes a sentence that says none happened: a negation (未, 没有, 无)
// before one of words, with no figure in between.
type noneSaid struct {
	words   []string // what did not happen; one of them must follow the negation
	exclude []string // a sentence with one of these is about something else
	context string   // outside the section, the sentence must also say this
	maxGap  int      // bytes between the negation and the word at most; 0: any
}

// findNone finds the first sentence saying none happened, in the section's lines
// when the report has the section, else anywhere.
func findNone(b *builder, from, to int, inSection bool, q noneSaid) (line int, s span, found bool) {
	lines := b.doc.Lines
	if !inSection {
		from, to = 0, len(lines)
	}
	for i := from; i < to; i++ {
		if strings.Contains(lines[i], "|") {
			continue
		}
		for _, sp := range sentences(lines[i]) {
			sent := lines[i][sp.start:sp.end]
			if containsAny(sent, q.exclude...) || !inSection && q.context != "" && !strings.Contains(sent, q.context) {
				continue
			}
			for _, w := range q.words {
				at := strings.Index(sent, w)
				if at < 0 {
					continue
				}
				neg := negation.FindStringIndex(sent[:at])
				if neg == nil || q.maxGap > 0 && at-neg[0] > q.maxGap || hasDigit(sent[neg[0]:at]) {
					continue
				}
				return i, sp, true
			}
		}
	}
	return 0, span{}, false
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

func setLegacy(lr *record.LegacyRequests, key string, n int64) {
	v := record.Int(n)
	group, field, _ := strings.Cut(key, ".")
	switch group {
	case "channels":
		if lr.Channels == nil {
			lr.Channels = &record.Channels{}
		}
		c := lr.Channels
		*map[string]**int64{"in_person": &c.InPerson, "online": &c.Online, "email": &c.Email, "fax": &c.Fax,
			"mail": &c.Mail, "phone": &c.Phone, "other": &c.Other}[field] = v
	case "outcomes":
		if lr.Outcomes == nil {
			lr.Outcomes = &record.Outcomes{}
		}
		o := lr.Outcomes
		*map[string]**int64{"already_public": &o.AlreadyPublic, "granted": &o.Granted, "partially_granted": &o.PartiallyGranted,
			"denied": &o.Denied, "not_held": &o.NotHeld, "not_exist": &o.NotExist, "clarify": &o.Clarify,
			"other_channel": &o.OtherChannel}[field] = v
	case "denial_reasons":
		if lr.DenialReasons == nil {
			lr.DenialReasons = &record.DenialReasons{}
		}
		d := lr.DenialReasons
		*map[string]**int64{"state_secret": &d.StateSecret, "commercial_secret": &d.CommercialSecret, "privacy": &d.Privacy,
			"not_government_info": &d.NotGovernmentInfo, "law_other": &d.LawOther}[field] = v
	}
}

var (
	reviewCount    = pat("复议", `(?:行政复议|复议)(?:案件|申请)?(?:共|总计)?\s*`+num+`\s*(?:件|起|宗|次)`)
	lawsuitCount   = pat("诉讼", `(?:行政诉讼|诉讼)(?:案件)?(?:共|总计)?\s*`+num+`\s*(?:件|起|宗|次)`)
	complaintCount = pat("申诉", `申诉(?:案件)?(?:共)?\s*`+num+`\s*(?:件|起|宗|次)`)
)

// readLegacyReview reads 因政府信息公开申请行政复议、提起行政诉讼 (and 申诉): a count for
// each, or a sentence saying there was none.
func readLegacyReview(b *builder) {
	lines := b.doc.Lines
	hs := headings(b)
	from, to, ok := section(b, hs, []string{"复议", "诉讼", "申诉"}, nil)
	lr := &record.LegacyReview{}
	set := false
	for _, it := range []struct {
		key  string
		re   *pattern
		word string
		dst  **int64
	}{
		{"reviews", reviewCount, "复议", &lr.Reviews},
		{"lawsuits", lawsuitCount, "诉讼", &lr.Lawsuits},
		{"complaints", complaintCount, "申诉", &lr.Complaints},
	} {
		keep := func(l string, start int) bool {
			return !strings.Contains(l, "|") && strings.Contains(l, "信息公开") || ok
		}
		h := b.findAll(from, to, it.re, keep)
		if !ok {
			h = b.findAll(0, len(lines), it.re, keep)
		}
		if len(h) > 0 {
			*it.dst = record.Int(h[0].n)
			b.trace("legacy_review."+it.key, h[0].line, h[0].start, h[0].end)
			set = true
			continue
		}
		if i, s, found := findNone(b, from, to, ok, noneSaid{words: []string{it.word}, context: "信息公开"}); found {
			*it.dst = record.Int(0)
			b.trace("legacy_review."+it.key, i, s.start, s.end)
			set = true
		}
	}
	if set {
		b.rec.LegacyReview = lr
	}
}
