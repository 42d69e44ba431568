package decode

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
)

// A page a crawler saved as text can be one line: every run of white space, the
// paragraph breaks among them, became one space or nothing, and the site's furniture
// (breadcrumb, page metadata, toolbar) is glued to the report's first words. Such a
// line is cut back into lines before it is normalized: after every sentence, where
// a space comes before or after a numbered heading or after a signature's date,
// and in the line's head, before its first sentence, at every space, so that the
// furniture there becomes lines of its own that the furniture rules drop. The
// report's text is kept whole: a line that begins with a breadcrumb may hold the
// whole report.

// joinedLine is the length (in runes) from which a line with spaces in it is taken
// for a page joined into one line: a real paragraph is shorter.
const joinedLine = 1000

// joinedHead is how many runes of a joined line's start may be furniture and the
// report's title, cut at every space.
const joinedHead = 400

// maxHeading is the longest a heading line is, in runes.
const maxHeading = 40

// headFurniture reports whether a piece of a joined line's head is the site's
// furniture: the breadcrumb's path, glued ("首页政务公开政府信息公开年报"), or the
// time of the page's metadata ("00:00").
func headFurniture(s string) bool {
	return s == "-->" || timeOfDay.MatchString(s) || strings.HasPrefix(s, "首页") && !hanzi.ContainsAny(s, "，。：:")
}

// dateAtEnd is a date ending a piece of text: "二○一三年一月二十日", "2018年1月15日".
var dateAtEnd = regexp.MustCompile(`[0-9〇○零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$`)

var timeOfDay = regexp.MustCompile(`^\d{1,2}:\d{2}(?::\d{2})?$`)

// headingStart is a numbered heading at the start of a paragraph: "一、", "（二）",
// "(三)".
var headingStart = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])`)

// splitJoined cuts a joined line into its paragraphs; any other line is returned
// as it is.
func splitJoined(l string) []string {
	if len(l) < joinedLine || !strings.Contains(l, " ") || utf8.RuneCountInString(l) < joinedLine {
		return []string{l}
	}
	var out []string
	start := 0
	headEnd := headEnd(l)
	for i := 0; i < len(l); {
		if r, size := utf8.DecodeRuneInString(l[i:]); strings.ContainsRune("。！？", r) && i >= headEnd {
			// A sentence ends: the next one starts a line (after the quote or bracket
			// that closes it, and the spaces after).
			end := i + size
			for {
				q, n := utf8.DecodeRuneInString(l[end:])
				if n == 0 || !strings.ContainsRune("”’」』）)", q) {
					break
				}
				end += n
			}
			next := end
			for next < len(l) && l[next] == ' ' {
				next++
			}
			if next < len(l) {
				if s := strings.TrimSpace(l[start:end]); s != "" {
					out = append(out, s)
				}
				start = next
			}
			i = next
			continue
		}
		if l[i] != ' ' {
			i++
			continue
		}
		j := i
		for j < len(l) && l[j] == ' ' {
			j++
		}
		if cutAt(l, start, i, j, headEnd) {
			if s := strings.TrimSpace(l[start:i]); s != "" && !(start < headEnd && headFurniture(s)) {
				out = append(out, s)
			}
			start = j
		}
		i = j
	}
	if s := strings.TrimSpace(l[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// headEnd is the byte offset of the end of a joined line's head: its first
// sentence end, or joinedHead runes, whichever comes first.
func headEnd(l string) int {
	n := 0
	for i, r := range l {
		if n >= joinedHead || strings.ContainsRune("。！？；", r) {
			return i
		}
		n++
	}
	return len(l)
}

// cutAt reports whether the spaces l[i:j] end a paragraph that began at start.
func cutAt(l string, start, i, j, headEnd int) bool {
	if j >= len(l) || i == 0 {
		return false
	}
	if i < headEnd {
		return true // the head: furniture, the title, the page's metadata
	}
	before, _ := utf8.DecodeLastRuneInString(l[:i])
	if strings.ContainsRune("。！？；", before) {
		return true
	}
	if p := l[start:i]; len(p) <= maxHeading*utf8.UTFMax && utf8.RuneCountInString(p) <= maxHeading {
		if loc := headingStart.FindStringIndex(p); loc != nil && loc[1] < len(p) {
			return true // a heading, then its section's text
		}
	}
	if dateAtEnd.MatchString(l[max(start, i-40):i]) {
		return true // the date under the signature, then an annex
	}
	after := l[j:]
	return headingStart.MatchString(after) || strings.HasPrefix(after, "来源：") || strings.HasPrefix(after, "来源:") || strings.HasPrefix(after, "附件")
}
