package extract

import (
	"strings"

	"github.com/nianbao/nianbao/internal/extract/decode"
)

// A recognizer reads the figures of one national template. Adding the next national
// format is adding a recognizer (a file) and listing it in recognizers.
type recognizer interface {
	// Template is the record's report.template value.
	Template() string
	// Score says how strongly the document's text shows this template's own
	// wording: 0 for none. The recognizer with the highest score reads the document.
	Score(text *wordIndex) int
	// Recognize fills the builder's record with the figures it finds.
	Recognize(b *builder)
}

// recognizers are the national templates, newest first: on a tie the newer wins.
var recognizers = []recognizer{tables2021, tables2019, narrative2008{}}

func recognizerFor(template string) recognizer {
	for _, r := range recognizers {
		if r.Template() == template {
			return r
		}
	}
	return nil
}

// detectTemplate picks the recognizer whose template the document follows, from its
// content (not its year), or says that the document is not an annual report.
func detectTemplate(doc *decode.Document) (recognizer, error) {
	text := &wordIndex{text: strings.Join(doc.Lines, "\n"), seen: make(map[string]bool)}
	if !looksLikeReport(doc, text) {
		return nil, ErrNotReport
	}
	var best recognizer
	bestScore := 0
	for _, r := range recognizers {
		if s := r.Score(text); s > bestScore {
			best, bestScore = r, s
		}
	}
	if best == nil {
		return nil, ErrNotReport
	}
	return best, nil
}

// looksLikeReport: an annual report on government information disclosure speaks of
// 政府信息公开 (or 政务公开) and of at least two of its parts.
func looksLikeReport(doc *decode.Document, text *wordIndex) bool {
	if !text.has("信息公开") && !text.has("政务公开") && !strings.Contains(doc.Title, "信息公开") {
		return false
	}
	if text.count("主动公开", "依申请", "公开申请", "行政复议", "行政诉讼", "年度报告", "工作报告", "收费", "存在的主要问题", "存在的问题", "改进") < 3 {
		return false
	}
	// And it says it is the report: in its title or opening lines, in its statement
	// of the statistics period, or by printing the template's tables. A news article
	// about disclosure work does none of these.
	opening := doc.Title + strings.Join(doc.Lines[:min(6, len(doc.Lines))], "\n")
	return containsAny(opening, "年度报告", "工作报告", "年报", "年度工作报告") ||
		text.has("统计期限") || text.has("统计时限") ||
		text.count(requestTableWords...) >= 3
}

// wordIndex answers whether words occur in a document's text, looking each word up
// once: the recognizers ask for many of the same words.
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
