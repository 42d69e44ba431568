package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/record"
)

// The narrative rules: the figures of reports under the 2008 regulations (国务院令第
// 492号), free narrative with the figures inside sentences. They fill the figures of
// the narrative template (legacy_requests.*, legacy_review.*) where its description
// has them.

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
const ofN = `(?:答复)?(?:总数|数)?(?:的|为|共|有)?\s*` + num + `\s*(?:件|个|条|宗|次|人次)`

var (
	requestsReceived = []*pattern{
		// The request must be one for information: "收到有关政府信息公开的申请21条", not
		// "受理各类审批服务申请136437件".
		pat("申请", `(?:收到|受理|接到|接收|共收到|共受理)(?:了)?[^，,。；;]{0,16}?(?:公开|信息)[^，,。；;]{0,8}?申请(?:总数|数)?(?:共|总计|合计)?(?:为|达)?\s*`+num+approxAfter+`\s*(?:件|个|条|宗|人次|次)`),
		pat("依申请公开", `(?:收到|受理|接到)[^，,。；;]{0,12}?依申请公开[^，,。；;]{0,8}?`+num+approxAfter+`\s*(?:件|个|条|宗)`),
		// "依申请公开申请5件"; not "依申请公开政府信息24条", which counts items disclosed.
		pat("依申请公开", `依申请公开(?:政府信息|信息)?申请(?:共|总计|合计)?\s*`+num+approxAfter+`\s*(?:件|个|条|宗)`),
	}
	requestsAnswered = pat("", `(?:答复|办结|办理完毕|办理)(?:了)?(?:申请)?(?:总数|数)?(?:共|为)?\s*`+num+`\s*(?:件|个|宗|条)`)
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
	setAt := func(path string, n int64, line int, s span) {
		if b.set(path, record.CountValue(n)) {
			b.trace(path, line, s.start, s.end)
		}
	}
	for _, re := range requestsReceived {
		h := b.findAll(from, to, re, nil)
		if len(h) == 0 && ok {
			h = b.findAll(0, len(lines), re, nil)
		}
		if len(h) > 0 {
			setAt(pathReceived, h[0].n, h[0].line, span{h[0].start, h[0].end})
			break
		}
	}
	if !b.rec.Has(pathReceived) {
		// "未发生受理、答复依申请公开政务信息的情况", "没有发生依申请公开办理情况".
		if i, s, found := findNone(b, from, to, ok, noneSaid{words: []string{"申请"}, exclude: []string{"复议", "诉讼", "申诉", "投诉", "举报"}, maxGap: 60, byClause: true}); found {
			setAt(pathReceived, 0, i, s)
		}
	}

	if h := b.findAll(from, to, requestsAnswered, notAfter("未", "没有")); len(h) > 0 && ok {
		setAt(pathAnswered, h[0].n, h[0].line, span{h[0].start, h[0].end})
	} else if rcv := b.rec.Int(pathReceived); rcv != nil && *rcv > 0 {
		for i := from; i < to; i++ {
			if loc := answeredAll.FindStringIndex(lines[i]); loc != nil && strings.Contains(lines[i], "申请") {
				setAt(pathAnswered, *rcv, i, span{loc[0], loc[1]})
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
			setAt("legacy_requests."+r.key, h[0].n, h[0].line, span{h[0].start, h[0].end})
		}
	}
}

// Paths of the narrative template's request figures.
const (
	pathReceived = "legacy_requests.received"
	pathAnswered = "legacy_requests.answered"
)

// noneSaid describes a sentence that says none happened: a negation (未, 没有, 无)
// before one of words, with no figure in between.
type noneSaid struct {
	words   []string // what did not happen; one of them must follow the negation
	exclude []string // a sentence with one of these is about something else
	context string   // outside the section, the sentence must also say this
	maxGap  int      // bytes between the negation and the word at most; 0: any
	// byClause: look in each clause, not each sentence ("未收到…申请，未收到…行政复议申请"
	// says two things, and exclude words in the second do not concern the first).
	byClause bool
}

// findNone finds the first sentence saying none happened, in the section's lines
// when the report has the section, else anywhere.
func findNone(b *builder, from, to int, inSection bool, q noneSaid) (line int, s span, found bool) {
	lines := b.doc.Lines
	if !inSection {
		from, to = 0, len(lines)
	}
	inTable := tableLines(b)
	for i := from; i < to; i++ {
		if inTable[i] {
			continue
		}
		parts := sentences(lines[i])
		if q.byClause {
			parts = clausesOf(lines[i])
		}
		for _, sp := range parts {
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

// clausesOf splits a line into clauses (at commas and sentence ends), keeping byte
// offsets: "未收到…的申请，未收到…行政复议申请" says two things.
func clausesOf(line string) []span {
	var out []span
	start := 0
	for i, r := range line {
		switch r {
		case '。', '；', ';', '！', '？', '，', ',':
			out = append(out, span{start, i})
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(line) {
		out = append(out, span{start, len(line)})
	}
	return out
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
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
	for _, it := range []struct {
		key  string
		re   *pattern
		word string
	}{
		{"reviews", reviewCount, "复议"},
		{"lawsuits", lawsuitCount, "诉讼"},
		{"complaints", complaintCount, "申诉"},
	} {
		path := "legacy_review." + it.key
		keep := func(l string, start int) bool {
			return strings.Contains(l, "信息公开") || ok
		}
		h := b.findAll(from, to, it.re, keep)
		if !ok {
			h = b.findAll(0, len(lines), it.re, keep)
		}
		if len(h) > 0 {
			if b.set(path, record.CountValue(h[0].n)) {
				b.trace(path, h[0].line, h[0].start, h[0].end)
			}
			continue
		}
		if i, s, found := findNone(b, from, to, ok, noneSaid{words: []string{it.word}, context: "信息公开"}); found {
			if b.set(path, record.CountValue(0)) {
				b.trace(path, i, s.start, s.end)
			}
		}
	}
}
