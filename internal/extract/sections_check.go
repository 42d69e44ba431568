package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The report's sections against its template (schema.Template.Sections): a section
// heading whose table could not be read, a 存在的主要问题及改进情况 that says nothing,
// an 其他需要报告的事项 that says 无 while 信息处理费 were collected. A section whose
// heading is not found is not checked: the document may print it in a way the
// headings do not see.

// checkText makes the checks of the report's text: its statements against its
// tables (crosscheck.go) and its sections against the template.
func (b *builder) checkText() {
	b.checkStatements()
	b.checkSections()
}

// checkSections checks each section of the template whose heading the document
// has.
func (b *builder) checkSections() {
	if len(b.tmpl.Sections) == 0 {
		return
	}
	var top []heading
	for _, h := range headings(b) {
		if h.level == 1 {
			top = append(top, h)
		}
	}
	end := b.bodyEnd()
	for _, s := range b.tmpl.Sections {
		k := -1
		for j, h := range top {
			if containsAny(h.text, s.Words...) {
				k = j
				break
			}
		}
		if k < 0 {
			continue
		}
		from, to := top[k].line, end
		if k+1 < len(top) {
			to = min(top[k+1].line, end)
		}
		name := "第" + s.Number + "部分“" + s.Title + "”"
		for _, id := range s.Tables {
			b.checkTableRead(name, id)
		}
		body := b.sectionBody(top[k], to)
		if s.Substance {
			if n := countSentences(body); n < record.MinSubstanceSentences {
				what := "只有一句“" + truncate(body, 40) + "”"
				switch {
				case body == "":
					what = "没有内容"
				case saysNone(body):
					what = "只写“" + body + "”"
				}
				b.warn(record.RuleSectionThin, "narrative."+s.Narrative, "%s（第%d行）%s，未具体说明%s", name, from+1, what, s.Title)
			}
		}
		if m := s.Mention; m != nil {
			b.checkMention(name, from, body, s, m)
		}
	}
}

// checkTableRead warns when the record holds none of the table's figures and no
// other check already says why (a digit run that could not be split).
func (b *builder) checkTableRead(section, id string) {
	tb, ok := b.tmpl.Table(id)
	if !ok {
		return
	}
	paths := tb.Paths()
	for _, p := range paths {
		if b.rec.Has(p) {
			return
		}
	}
	for _, c := range b.checks {
		if slices.Contains(paths, c.Key) {
			return
		}
		if c.Key == tb.Prefix {
			for _, r := range tb.Rows {
				if strings.Contains(c.Message, "“"+r.Label+"”") {
					return
				}
			}
		}
	}
	b.warn(record.RuleTableMissing, paths[0], "%s应有%s，未能读出其中的数字（表格缺失或无法识别）", section, record.TableMissingMarker(tb))
	b.checks[len(b.checks)-1].Paths = paths
}

// checkMention warns when the figure a section must mention is above 0 and the
// section says none of it: a bare "无", or a denial of it without a figure ("无收取
// 信息处理费情况").
func (b *builder) checkMention(name string, from int, body string, s schema.Section, m *schema.Mention) {
	v := b.rec.Amount(m.Path)
	if v == nil || *v <= 0 {
		return
	}
	mentions := containsAny(body, m.Words...)
	denies := mentions && negation.MatchString(body) && !strings.ContainsAny(yearWords.ReplaceAllString(body, ""), "0123456789")
	if mentions && !denies || !mentions && !saysNone(body) && strings.TrimSpace(body) != "" {
		return
	}
	what := "未提及" + m.What
	if denies || saysNone(body) {
		what = "称“" + truncate(strings.TrimSpace(body), 30) + "”"
	}
	label := m.What
	if f, ok := b.tmpl.Field(m.Path); ok {
		label = f.Label
	}
	b.warn(record.RuleSectionMention, m.Path, "%s（第%d行）%s，但本报告的%s为%s，应在本部分说明%s",
		name, from+1, what, label, formatFloat(float64(*v)), m.What)
	b.checks[len(b.checks)-1].Paths = []string{m.Path, "narrative." + s.Narrative}
}

// sectionBody is the text of a section: what its heading line says after the heading
// ("五、存在的主要问题及改进情况。2024年，…"), and its lines up to to that are not
// table rows.
func (b *builder) sectionBody(h heading, to int) string {
	first := strings.TrimSpace(b.doc.Lines[h.line])
	if i := strings.Index(first, h.text); i >= 0 {
		first = strings.TrimLeft(first[i+len(h.text):], "。：: ")
	}
	rest := string(b.text(h.line+1, to))
	return strings.TrimSpace(first + "\n" + rest)
}

// countSentences counts the sentences of a text: its parts between 。！？ and line
// breaks that hold a letter or ideograph.
func countSentences(text string) int {
	n := 0
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("。！？!?\n", r) }) {
		if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) }) >= 0 {
			n++
		}
	}
	return n
}

// noneWords say a section has nothing to report.
var noneWords = []string{"无", "没有", "暂无"}

// saysNone reports whether a text only says there is nothing: short, one sentence,
// and with a word of none ("无", "本机关无其他需要报告的事项").
func saysNone(text string) bool {
	t := strings.TrimSpace(text)
	return t != "" && utf8.RuneCountInString(t) <= record.MaxNoneRunes && countSentences(t) <= 1 && containsAny(t, noneWords...) &&
		!strings.ContainsAny(yearWords.ReplaceAllString(t, ""), "0123456789")
}

// yearWords are mentions of a year ("2022年", "2022年度"): a figure in a text that
// says none is not one.
var yearWords = regexp.MustCompile(`[0-9]{4}年度?`)
