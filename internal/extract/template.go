package extract

import (
	"strings"

	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/schema"
)

// detectTemplate picks the template the document follows, from its content (not its
// year), or says that the document is not an annual report. Each template scores by
// its description's words (schema.Detection): a table template must show enough of
// its tables' words, and scores for each of its own markers; the narrative template
// reads what no table template claims. On a tie the more general template (the one
// with fewer markers: a national template over its variant) wins, then the later one.
func detectTemplate(doc *decode.Document, set *schema.Set) (*schema.Template, error) {
	text := &wordIndex{text: strings.Join(doc.Lines, "\n"), seen: make(map[string]bool)}
	if !looksLikeReport(doc, text, set) {
		return nil, ErrNotReport
	}
	var best *schema.Template
	bestScore := 0
	for _, t := range set.Templates() {
		s := score(t, text)
		if s == 0 {
			continue
		}
		if s > bestScore || s == bestScore && len(t.Detect.Markers) <= len(best.Detect.Markers) {
			best, bestScore = t, s
		}
	}
	if best == nil {
		return nil, ErrNotReport
	}
	return best, nil
}

// score says how strongly the document's text shows a template's own wording: 0 for
// none.
func score(t *schema.Template, text *wordIndex) int {
	d := t.Detect
	if d.Fallback {
		return 1 // any report can be read as narrative
	}
	common := text.count(d.Required...)
	if common < d.MinRequired {
		return 0
	}
	return 10 + common + 20*text.count(d.Markers...)
}

// looksLikeReport: an annual report on government information disclosure speaks of
// 政府信息公开 (or 政务公开) and of at least two of its parts, and its title, when it
// has one, does not say it is another kind of document (a letter on the year's work
// plan, an implementation plan, a notice).
func looksLikeReport(doc *decode.Document, text *wordIndex, set *schema.Set) bool {
	if !text.has("信息公开") && !text.has("政务公开") && !strings.Contains(doc.Title, "信息公开") {
		return false
	}
	strong := text.has("统计期限") || text.has("统计时限") || text.has("计量单位")
	for _, t := range set.Templates() {
		if d := t.Detect; !d.Fallback && text.count(d.Required...) >= d.MinRequired {
			strong = true
		}
	}
	if t := documentTitle(doc); t != "" && !strong && !containsAny(t, reportTitleWords...) && containsAny(t, otherDocumentWords...) {
		return false
	}
	if text.count("主动公开", "依申请", "公开申请", "行政复议", "行政诉讼", "年度报告", "工作报告", "收费", "存在的主要问题", "存在的问题", "改进") < 3 {
		return false
	}
	// And it says it is the report: in its title or opening lines, in its statement
	// of the statistics period, or by printing a template's tables. A news article
	// about disclosure work does none of these.
	opening := doc.Title + strings.Join(doc.Lines[:min(6, len(doc.Lines))], "\n")
	return strong || containsAny(opening, reportTitleWords...)
}

// reportTitleWords name an annual report in its title.
var reportTitleWords = []string{"年度报告", "年报", "工作报告", "年度工作报告"}

// otherDocumentWords, in a title that does not name a report, say the document is
// another kind: "关于2014年政府信息公开工作要点落实情况的函", "…政务公开工作实施方案",
// "关于成立政务公开工作领导小组的通知".
var otherDocumentWords = []string{"函", "通知", "方案", "意见", "办法", "要点", "计划", "规定", "细则", "决定", "批复", "领导小组", "公告", "通报", "指南", "目录", "制度", "规划"}

// documentTitle is the document's own title: a scraper's 标题 line, else the page's
// title, else its first line when that is short.
func documentTitle(doc *decode.Document) string {
	for _, l := range doc.Lines[:min(12, len(doc.Lines))] {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "标题:"); ok {
			return strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "标题："); ok {
			return strings.TrimSpace(v)
		}
	}
	if doc.Title != "" {
		return doc.Title
	}
	return ""
}

// wordIndex answers whether words occur in a document's text, looking each word up
// once: the templates ask for many of the same words.
type wordIndex struct {
	text string
	seen map[string]bool
}

func (x *wordIndex) has(w string) bool {
	v, ok := x.seen[w]
	if !ok {
		v = strings.Contains(x.text, w)
		x.seen[w] = v
	}
	return v
}

// count counts the words of ws that occur in the text.
func (x *wordIndex) count(ws ...string) int {
	n := 0
	for _, w := range ws {
		if x.has(w) {
			n++
		}
	}
	return n
}
