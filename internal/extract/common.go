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
	// 门户网站全年共公开各类政府信息7819条; 主动公开各类政府信息5500余条.
	proactiveTotal = pat("信息", `(?:主动|公开|发布)[^，,。；;：:]{0,14}?信息(?:数量|总数|数)?(?:共|总计|合计|累计)?(?:为|达|达到)?(?:约)?`+num+approxAfter+`\s*(?:条|件|篇)`)
	// The breakdown that follows it: "，其中，政务公开212条，…"
	breakdownStart = regexp.MustCompile(`^\s*[，,]?\s*其中\s*[，,：:]?`)
	breakdownItem  = regexp.MustCompile(`([^，,；;。、：:]*?)\s*` + num + `\s*(?:条|件|篇|项|个)`)

	feesCount = pat("元", `(?:收取|收缴|共收|收费)[^，,。；;]{0,24}?`+num+`\s*(?P<wan>万)?元`)
	feesZero  = regexp.MustCompile(`(?:未|没有|不|无)(?:实行|进行|发生|产生|存在|涉及)?(?:任何)?(?:收费|收取(?:任何)?(?:费用|信息处理费|检索费|复制费)?)|免费(?:公开|提供)|均(?:为)?免费|(?:收费|费用)(?:金额)?(?:为|共|合计)?\s*(?:0|零)\s*元?|收费(?:情况)?\s*(?:为|：|:)\s*(?:无|零)`)

	staffFullTime = pat("专职", `专职(?:工作)?(?:人员)?`+num+`\s*(?:人|名)`)
	staffPartTime = pat("兼职", `兼职(?:工作)?(?:人员)?`+num+`\s*(?:人|名)`)
)

// readProactiveTotal finds the headline count of proactively disclosed items, in the
// proactive section if the report has one, else anywhere, and the breakdown that
// follows it in the same sentence.
func readProactiveTotal(b *builder) {
	lines := b.doc.Lines
	hs := headings(b)
	skip := tableLines(b)
	var h []hit
	if from, to, ok := section(b, hs, []string{"主动公开"}, nil); ok {
		h = b.findAll(from, to, proactiveTotal, nil)
	}
	if len(h) == 0 {
		h = b.findAll(0, len(lines), proactiveTotal, nil)
	}
	for _, x := range h {
		if skip[x.line] || !x.isInt {
			continue
		}
		if !b.set(pathProactiveTotal, record.CountValue(x.n)) {
			return
		}
		b.set(pathProactiveTotal+"_approx", record.FlagValue(x.approx))
		b.trace(pathProactiveTotal, x.line, x.start, x.end)
		readBreakdown(b, x)
		return
	}
}

// readBreakdown reads "其中，A212条，B508条，…" after the headline figure, up to the end
// of its sentence. An item's name may itself hold "、" ("政策法规、规范性文件信息10条");
// items may also be separated by "、".
func readBreakdown(b *builder, total hit) {
	line := b.doc.Lines[total.line]
	rest := line[total.end:]
	loc := breakdownStart.FindStringIndex(rest)
	if loc == nil {
		return
	}
	offset := total.end + loc[1]
	rest = rest[loc[1]:]
	if i := strings.IndexAny(rest, "。；;"); i >= 0 {
		rest = rest[:i]
	}
	var cats []record.Category
	var places []span
	for _, pc := range splitKeep(rest, "，,") {
		ms := breakdownItem.FindAllStringSubmatchIndex(pc.text, -1)
		for _, m := range ms {
			// With one count in the piece, all the text before it is the name, "、"
			// included; with several, "、" separates the items.
			name := pc.text[m[2]:m[3]]
			if len(ms) == 1 {
				name = pc.text[:m[4]]
			}
			name = strings.Trim(strings.TrimSpace(name), "、")
			count, ok := parseCount(pc.text[m[4]:m[5]])
			if !ok || name == "" {
				return
			}
			cats = append(cats, record.Category{Name: name, Count: count})
			places = append(places, span{pc.start + m[0], pc.start + m[1]})
		}
	}
	if len(cats) < 2 {
		return
	}
	if b.tmpl.FieldIndex(pathCategories) < 0 {
		return
	}
	b.rec.SetList(pathCategories, cats)
	for i := range cats {
		b.trace(indexPath(pathCategories, i)+".count", total.line, offset+places[i].start, offset+places[i].end)
	}
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
					loc := feesZero.FindStringIndex(sent)
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
