package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
)

// Rules every template shares: the headline proactive figure (reports of all three
// formats state it in their text), fees and staff.

var (
	// 全年主动公开政府信息共1379条; 通过政府网站发布的各类信息13000余条;
	// 门户网站全年共公开各类政府信息7819条; 主动公开各类政府信息5500余条;
	// 共公布政府信息2599条; 其中主动公开的公文类信息有4条.
	proactiveTotal = pat("信息|文件;条|件|篇;公开|公布|发布", `(?P<verb>主动公开|公开发布|公开|公布|发布)(?P<gap>[^，,。；;：:、（(]{0,14}?)(?:信息|文件)(?:数量|总数|数)?(?:有|共|总计|合计|累计)?(?:为|达|达到)?(?:约)?`+num+approxAfter+`\s*(?:条|件|篇)`)
	// The breakdown that follows it: "，其中，政务公开212条，…"
	breakdownStart = regexp.MustCompile(`^\s*[，,]?\s*其中\s*[，,：:]?`)
	breakdownItem  = regexp.MustCompile(`([^，,；;。、：:]*?)\s*` + num + `\s*(?:条|件|篇|项|个)`)

	feesCount = pat("元", `(?:收取|收缴|共收|收费)[^，,。；;]{0,24}?`+num+`\s*(?P<wan>万)?元`)
	feesZero  = pat("费|收取", `(?:未|没有|无)[^，,。；;]{0,16}?(?:收费|收取费用)(?:及减免)?(?:的)?情况|(?:未|没有|不|无)(?:实行|进行|发生|产生|存在|涉及)?(?:任何)?(?:收费|收取(?:任何)?(?:费用|信息处理费|检索费|复制费)?)|免费(?:公开|提供)|均(?:为)?免费|(?:收费|费用)(?:金额)?(?:为|共|合计)?\s*(?:0|零)\s*元?|收费(?:情况)?\s*(?:为|：|:)\s*(?:无|零)`)

	staffFullTime = pat("专职", `专职(?:工作)?(?:人员)?`+num+`\s*(?:人|名)`)
	staffPartTime = pat("兼职", `兼职(?:工作)?(?:人员)?`+num+`\s*(?:人|名)`)
)

// readProactiveTotal finds the headline count of proactively disclosed items, in the
// proactive section if the report has one, else anywhere, and the breakdown by
// category the report lists. Of the counts the text gives, the headline is the one
// said most plainly of the whole (headlineScore): "2017年全区主动公开政府信息2122条"
// rather than "全年共发布信息166条" (a topic) or "各乡镇主动公开政府信息613条" (a part).
func readProactiveTotal(b *builder) {
	lines := b.doc.Lines
	hs := headings(b)
	from, to, inSection := section(b, hs, []string{"主动公开"}, nil)
	var h []hit
	// The headline is said once, most plainly, and usually early (in the overview):
	// every count in the document competes, the earliest winning a tie.
	h = b.findAll(0, len(lines), proactiveTotal, nil)
	best, bestScore := -1, 0
	for i, x := range h {
		if !x.isInt {
			continue
		}
		if s := headlineScore(lines[x.line], x); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best >= 0 {
		x := h[best]
		if b.set(pathProactiveTotal, record.CountValue(x.n)) {
			b.set(pathProactiveTotal+"_approx", record.FlagValue(x.approx))
			b.trace(pathProactiveTotal, x.line, x.start, x.end)
		}
	}
	readCategories(b, h, best, from, to, inSection)
}

// Words that make a count in the text a part of the headline, not the headline:
// another item of a list (其他应主动公开的信息), a part of the whole (各乡镇, 县直各单位),
// the cumulative count (历年累计), one office's (公开办), requests (依申请).
var notHeadline = []string{"其他应", "其它应", "其他", "其它", "各乡镇", "乡镇", "各单位", "各部门", "各工作部门", "历年累计", "公开办", "依申请", "不予"}

// headlineScore scores a count the text gives as the headline proactive figure: the
// plainer its words, the higher; 0 for a part or another list's item.
func headlineScore(line string, x hit) int {
	clause := line[:x.start]
	if i := strings.LastIndexAny(clause, "，,。；;（("); i >= 0 {
		clause = clause[i:]
	}
	score := 1
	verb, gap := x.group("verb"), x.group("gap")
	// The leftmost verb may not be the count's: in "政府信息公开单位共公布政府信息2599条"
	// it is 公布.
	for _, v := range []string{"主动公开", "公开发布", "公开", "公布", "发布"} {
		if i := strings.LastIndex(gap, v); i >= 0 {
			clause += verb + gap[:i]
			verb, gap = v, gap[i+len(v):]
			break
		}
	}
	if containsAny(clause, notHeadline...) {
		return 0
	}
	switch verb {
	case "主动公开":
		score += 3
	case "公开", "公布", "公开发布":
		score++
	}
	switch strings.TrimSuffix(strings.TrimPrefix(gap, "的"), "的") {
	case "", "政府", "各类", "各类政府", "了政府":
		score += 2
	}
	if containsAny(clause, "全年", "年", "今年", "本年", "全区", "全县", "全市", "全省", "我局", "我委", "我办", "共") {
		score++
	}
	if strings.Contains(clause+gap, "累计") {
		score--
	}
	return max(score, 1)
}

// Where a list of categories starts: "主要类别有：", "其中，", "（其中", or after
// "主动公开的1913条政府信息中，".
var (
	categoriesIntro = regexp.MustCompile(`(?:类别|分类)(?:主要)?(?:有|为|包括|如下)?\s*[：:]|(?:[（(]\s*)?其中\s*[，,：:]?|[0-9]+\s*条(?:政府)?信息中\s*[，,]`)
	// An item of a list: "机构职能类信息594条", then maybe "，占7.9%".
	categoryItem = regexp.MustCompile(`^\s*([^，,；;。：:0-9]{1,40}?)\s*` + num + `\s*(?:条|件|篇|项|个)\s*$`)
	shareOf      = regexp.MustCompile(`^\s*(?:占|约占)[^，,；;。]{0,6}?[0-9.]+\s*[%％]\s*$`)
)

// minCategories is the fewest items a list of categories has.
const minCategories = 2

// readCategories reads the breakdown by category the report lists: after the
// headline ("其中，A212条，B508条"), or as its own list ("主要类别有：A594条，…",
// "其中公示公告类36条，…" after a sentence naming the categories). A list a report
// introduces as its categories is preferred to one that follows a count.
func readCategories(b *builder, h []hit, best, from, to int, inSection bool) {
	if b.tmpl.FieldIndex(pathCategories) < 0 {
		return
	}
	lines := b.doc.Lines
	if !inSection {
		from, to = 0, len(lines)
	}
	type list struct {
		line  int
		items []record.Category
		spans []span
		score int
	}
	var bestList *list
	consider := func(line, at, score int) {
		items, spans := parseCategories(lines[line], at)
		if len(items) < minCategories {
			return
		}
		if bestList == nil || score > bestList.score {
			bestList = &list{line: line, items: items, spans: spans, score: score}
		}
	}
	// Lists anywhere: one the report introduces as its categories; one in the
	// proactive section; one that follows the headline count.
	inTable := tableLines(b)
	var headline *hit
	if best >= 0 {
		headline = &h[best]
	}
	for i := range lines {
		if inTable[i] {
			continue
		}
		l := lines[i]
		if !containsAny(l, "类别", "分类", "其中", "信息中") {
			continue // no list starts on this line (and the regexp need not run)
		}
		named := strings.Contains(l, "类别") || i > 0 && strings.Contains(lines[i-1], "类别")
		inside := inSection && i >= from && i < to
		for _, loc := range categoriesIntro.FindAllStringIndex(l, -1) {
			afterCount := headline != nil && headline.line == i && headline.end <= loc[0] && loc[0]-headline.end <= len("，")
			score := 0
			switch {
			case strings.Contains(l[loc[0]:loc[1]], "类别") || strings.Contains(l[loc[0]:loc[1]], "分类"):
				score = 4
			case named:
				score = 3
			case afterCount:
				score = 2
			case inside:
				score = 1
			}
			if score > 0 {
				consider(i, loc[1], score)
			}
		}
	}
	// After the headline count itself: "…1379条，其中，政务公开212条，…".
	if best >= 0 {
		x := h[best]
		if loc := breakdownStart.FindStringIndex(lines[x.line][x.end:]); loc != nil {
			consider(x.line, x.end+loc[1], 2)
		}
	}
	if bestList == nil {
		return
	}
	b.rec.SetList(pathCategories, bestList.items)
	for i := range bestList.items {
		b.trace(indexPath(pathCategories, i)+".count", bestList.line, bestList.spans[i].start, bestList.spans[i].end)
	}
}

// parseCategories reads the items of a list of categories that starts at byte at of
// the line, up to the end of its sentence (or its closing bracket): pieces "NAME N条"
// separated by commas or semicolons, each maybe followed by its share ("占7.9%").
func parseCategories(line string, at int) ([]record.Category, []span) {
	rest := line[at:]
	end := len(rest)
	if i := strings.IndexAny(rest, "。"); i >= 0 {
		end = i
	}
	if i := strings.IndexAny(rest, "）)"); i >= 0 && i < end {
		end = i
	}
	rest = rest[:end]
	var cats []record.Category
	var spans []span
	for _, pc := range splitKeep(rest, "，,；;") {
		if strings.TrimSpace(pc.text) == "" || shareOf.MatchString(pc.text) {
			continue
		}
		m := categoryItem.FindStringSubmatchIndex(pc.text)
		if m == nil {
			break // the list ends where its items do
		}
		name := strings.Trim(strings.TrimSpace(pc.text[m[2]:m[3]]), "、")
		count, ok := parseCount(pc.text[m[4]:m[5]])
		if !ok || name == "" {
			break
		}
		cats = append(cats, record.Category{Name: name, Count: count})
		spans = append(spans, span{at + pc.start + m[0], at + pc.start + m[1]})
	}
	return cats, spans
}

type piece struct {
	text       string
	start, end int
}

// splitKeep splits s on any of the separator runes, keeping byte offsets.
func splitKeep(s, seps string) []piece {
	var out []piece
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			out = append(out, piece{s[start:i], start, i})
			start = i + len(string(r))
		}
	}
	return append(out, piece{s[start:], start, len(s)})
}

func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// parseCount reads a count in Arabic or small Chinese numerals.
func parseCount(s string) (int64, bool) {
	if v, isInt, ok := parseArabic(s); ok && isInt {
		return int64(v), true
	}
	return parseChinese(s)
}

// readCommon reads fees and staff, which reports of every template may state.
func (b *builder) readCommon() {
	lines := b.doc.Lines
	hs := headings(b)
	inTable := tableLines(b)

	// Fees: a sum collected, else a statement that none was.
	if !b.rec.Has(pathFees) {
		if h := b.findAll(0, len(lines), feesCount, func(l string, start int) bool {
			return !strings.Contains(l[:start], "行政事业性收费")
		}); len(h) > 0 {
			x := h[0]
			v := x.value
			if strings.Contains(x.text, "万元") {
				v *= 10000
			}
			if b.set(pathFees, record.AmountValue(v)) {
				b.trace(pathFees, x.line, x.start, x.end)
			}
		} else {
			from, to, inSection := section(b, hs, []string{"收费"}, nil)
			for i, l := range lines {
				if inTable[i] {
					continue
				}
				if !strings.Contains(l, "费") {
					continue
				}
				for _, s := range sentences(l) {
					sent := l[s.start:s.end]
					loc := feesZero.index(sent)
					if loc == nil {
						continue
					}
					if !(inSection && i >= from && i < to) && !containsAny(sent, "信息", "申请", "公开") {
						continue
					}
					if b.set(pathFees, record.AmountValue(0)) {
						b.trace(pathFees, i, s.start+loc[0], s.start+loc[1])
					}
					goto staff
				}
			}
		}
	}
staff:
	if b.rec.HasUnder("staff") {
		return // from the statistics table
	}
	for _, s := range []struct {
		path string
		re   *pattern
	}{{pathFullTime, staffFullTime}, {pathPartTime, staffPartTime}} {
		if h := b.findAll(0, len(lines), s.re, nil); len(h) > 0 && b.set(s.path, record.CountValue(h[0].n)) {
			b.trace(s.path, h[0].line, h[0].start, h[0].end)
		}
	}
}

// Paths of the figures every template's reports state in their text.
const (
	pathProactiveTotal = "proactive.total"
	pathCategories     = "proactive.categories"
	pathFees           = "fees.collected_yuan"
	pathFullTime       = "staff.full_time"
	pathPartTime       = "staff.part_time"
)
