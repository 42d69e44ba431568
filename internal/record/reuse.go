package record

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text reuse (内容雷同): a report whose narrative repeats the year before's sentence
// for sentence says little about the year. Sentences are compared normalized: without
// spaces, punctuation or symbols, and with every run of digits the same (a copied
// report changes its years and counts). The limits are in limits.go.

// RuleReuse is the check of a narrative that repeats the year before's.
const RuleReuse = "narrative.reuse"

// Reuse is how much of a report's narrative repeats sentences of another report's
// (the agency's report of the year before).
type Reuse struct {
	// Share is Repeated ÷ Compared: the share of the narrative's compared text that
	// repeats, 0 when nothing is compared.
	Share float64
	// Compared counts the normalized runes of the sentences compared (those of at
	// least MinReuseRunes); Repeated those of the sentences the other report has.
	Compared, Repeated int
	// Passages are the repeated sentences, in the narrative's order, for marking.
	Passages []Passage
}

// Passage is a sentence of a narrative field that repeats one of the year before.
type Passage struct {
	// Field is the narrative key the sentence is in: "overview",
	// "problems_and_improvements", "other_matters".
	Field string
	// Start and End are the sentence's byte offsets in the field's text (its
	// closing punctuation included).
	Start, End int
	Text       string
}

// FieldText is a text compared for reuse, with the name its passages are marked
// with (a narrative key, or any name the caller gives).
type FieldText struct {
	Field string
	Text  string
}

// narrativeFields are the narrative's texts with their keys, in record order.
func narrativeFields(n *Narrative) []FieldText {
	if n == nil {
		return nil
	}
	return []FieldText{
		{"overview", string(n.Overview)},
		{"problems_and_improvements", string(n.ProblemsAndImprovements)},
		{"other_matters", string(n.OtherMatters)},
	}
}

// TextReuse measures how much of cur's narrative repeats prev's, sentence by
// sentence. Either may be nil.
func TextReuse(prev, cur *Record) Reuse {
	if prev == nil || cur == nil {
		return Reuse{}
	}
	return ReuseOf(narrativeFields(prev.Narrative), narrativeFields(cur.Narrative))
}

// ReuseOf measures how much of the texts after repeat sentences of the texts
// before: TextReuse for any texts (a report's whole normalized text, when its
// narrative could not be told into sections).
func ReuseOf(before, after []FieldText) Reuse {
	return ReuseBetween(SentencesOf(before), SentencesOf(after))
}

// Sentences are texts split into the sentences text reuse compares, each with its
// normalized form: made once for a report that is compared both with the year
// before's and with the year after's.
type Sentences []sentence

type sentence struct {
	field string
	span
	text string // the sentence as written
	norm string // normalizeSentence of text
	size int    // the runes of norm
}

// SentencesOf splits the texts into their sentences of at least MinReuseRunes
// normalized runes, the only ones compared.
func SentencesOf(fields []FieldText) Sentences {
	var out Sentences
	for _, f := range fields {
		for _, s := range splitSentences(f.Text) {
			text := f.Text[s.start:s.end]
			n := normalizeSentence(text)
			if size := utf8.RuneCountInString(n); size >= MinReuseRunes {
				out = append(out, sentence{field: f.Field, span: s, text: text, norm: n, size: size})
			}
		}
	}
	return out
}

// NarrativeSentences are the sentences of r's narrative (none for a nil r).
func NarrativeSentences(r *Record) Sentences {
	if r == nil {
		return nil
	}
	return SentencesOf(narrativeFields(r.Narrative))
}

// ReuseBetween measures how much of the sentences after repeat sentences before:
// ReuseOf on texts already split.
func ReuseBetween(before, after Sentences) Reuse {
	var out Reuse
	if len(before) == 0 {
		return out
	}
	seen := make(map[string]bool, len(before))
	for _, s := range before {
		seen[s.norm] = true
	}
	for _, s := range after {
		out.Compared += s.size
		if seen[s.norm] {
			out.Repeated += s.size
			out.Passages = append(out.Passages, Passage{Field: s.field, Start: s.start, End: s.end, Text: strings.TrimSpace(s.text)})
		}
	}
	if out.Compared > 0 {
		out.Share = float64(out.Repeated) / float64(out.Compared)
	}
	return out
}

// checkReuse reports a narrative more than MaxReuseShare of which repeats prev's
// (u is TextReuse of the two), when it has at least MinReuseText runes to compare.
func checkReuse(prev *Record, u Reuse) []Check {
	if u.Compared < MinReuseText || u.Share <= MaxReuseShare {
		return nil
	}
	var paths []string
	for _, p := range u.Passages {
		if f := "narrative." + p.Field; !slices.Contains(paths, f) {
			paths = append(paths, f)
		}
	}
	return []Check{{Rule: RuleReuse, Severity: SeverityWarning, Key: paths[0], Paths: paths,
		Message: fmt.Sprintf("正文%.0f%%与%d年报告相同（%d字中%d字，%d句），内容雷同", u.Share*100, prev.Report.Year,
			u.Compared, u.Repeated, len(u.Passages))}}
}

// splitSentences splits text into sentences: after 。！？；; and at line breaks,
// each span holding its closing punctuation.
func splitSentences(text string) []span {
	var out []span
	start := 0
	for i, r := range text {
		switch r {
		case '。', '！', '？', '；', ';', '!', '?', '\n':
			end := i + utf8.RuneLen(r)
			if r == '\n' {
				end = i
			}
			if strings.TrimSpace(text[start:end]) != "" {
				out = append(out, span{start, end})
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, span{start, len(text)})
	}
	return out
}

type span struct{ start, end int }

// normalizeSentence is the form sentences are compared in: letters and ideographs
// only, every run of digits as one '#' (a written-out year, 二〇二三, is a run of
// digits too), Latin letters in lower case.
func normalizeSentence(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x4E00 && r <= 0x9FFF && !isHanDigit(r):
			// CJK Unified Ideographs, most of a report: none is a digit, a space,
			// punctuation or a symbol, or has a lower case.
			b.WriteString(s[i : i+size])
			i += size
		case unicode.IsDigit(r):
			for i += size; i < len(s); i += size {
				if r, size = utf8.DecodeRuneInString(s[i:]); !unicode.IsDigit(r) {
					break
				}
			}
			b.WriteByte('#')
		case isHanDigit(r):
			j, zero := i, false
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isHanDigit(r) {
					break
				}
				zero = zero || r == '〇' || r == '○' || r == '零'
				j += size
			}
			if zero {
				b.WriteByte('#')
			} else {
				b.WriteString(s[i:j])
			}
			i = j
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.In(r, unicode.Cf):
			i += size
		default:
			b.WriteRune(unicode.ToLower(r))
			i += size
		}
	}
	return b.String()
}

// isHanDigit reports whether r is a character of a number written in Chinese
// figures: 〇○零一二三四五六七八九十百千.
func isHanDigit(r rune) bool {
	switch r {
	case '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}
