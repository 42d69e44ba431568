package hanzi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Limits of what StripPinyin takes for a gloss.
const (
	maxGlossBytes = 64 // the text between the parentheses
	maxGlossChars = 8  // the Han characters one gloss may cover
)

// StripPinyin removes the pinyin readings that some mirror sites glue after
// characters, with ASCII or full-width parentheses: 繼續(xù)認(rèn)真 becomes
// 繼續認真, 文(wen)章(zhang) becomes 文章, and 领导（lǐng dǎo） becomes 领导.
//
// A parenthesized group is removed only when it is a reading of the Han
// characters right before it: Latin syllables, with or without tone marks or
// tone numbers, that spell one of the readings (heteronyms included) of each of
// the last one to eight characters, in order. Anything else stays: (APP),
// (2019), (一), (试行), or (wen) after a non-Han character.
func StripPinyin(s string) string {
	if !ContainsAny(s, "(（") {
		return s
	}
	var b strings.Builder
	last := 0 // s[last:i] is still to be copied
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '(' && r != '（' {
			i += n
			continue
		}
		end, ok := glossEnd(s, i, n)
		if !ok {
			i += n
			continue
		}
		b.WriteString(s[last:i])
		i, last = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// glossEnd reports whether the parenthesis of width n at s[open] begins a pinyin
// gloss of the characters before it, and where the gloss ends.
func glossEnd(s string, open, n int) (end int, ok bool) {
	rest := s[open+n:]
	if len(rest) > maxGlossBytes+3 {
		rest = rest[:maxGlossBytes+3]
	}
	closing := strings.IndexAny(rest, ")）")
	if closing <= 0 {
		return 0, false
	}
	syllables, ok := foldPinyin(rest[:closing])
	if !ok {
		return 0, false
	}
	han := hanBefore(s, open)
	for k := 1; k <= len(han); k++ {
		if spells(syllables, han[len(han)-k:]) {
			_, cn := utf8.DecodeRuneInString(rest[closing:])
			return open + n + closing + cn, true
		}
	}
	return 0, false
}

// hanBefore returns the run of Han characters that ends at s[i], at most
// maxGlossChars of them.
func hanBefore(s string, i int) []rune {
	var run []rune
	for i > 0 && len(run) < maxGlossChars {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		run = append(run, r)
		i -= n
	}
	for a, b := 0, len(run)-1; a < b; a, b = a+1, b-1 {
		run[a], run[b] = run[b], run[a]
	}
	return run
}

// foldPinyin reduces a candidate gloss to bare lower-case letters: tone marks
// (precomposed or combining) and tone numbers dropped, ü written u, spaces and
// apostrophes between syllables dropped. It fails on anything that is not
// written pinyin.
func foldPinyin(g string) (string, bool) {
	g = strings.TrimSpace(g)
	if g == "" || len(g) > maxGlossBytes {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(g))
	prevLetter := false
	for _, r := range g {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			r |= 0x20     // lower case
			if r == 'v' { // the keyboard spelling of ü
				r = 'u'
			}
			b.WriteRune(r)
			prevLetter = true
		case toneless[r] != 0:
			b.WriteByte(toneless[r])
			prevLetter = true
		case r >= 0x300 && r < 0x370: // combining tone marks and diaeresis
			if !prevLetter {
				return "", false
			}
		case r >= '1' && r <= '5':
			if !prevLetter { // a tone number follows its syllable
				return "", false
			}
			prevLetter = false
		case r == ' ' || r == '\'' || r == '’' || r == '-' || r == '·':
			prevLetter = false
		default:
			return "", false
		}
	}
	if b.Len() == 0 {
		return "", false
	}
	return b.String(), true
}

// toneless maps the letters of pinyin with tone marks (and ü) to plain letters.
var toneless = map[rune]byte{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a', 'ɑ': 'a',
	'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'ê': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i',
	'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u',
	'ü': 'u', 'ǖ': 'u', 'ǘ': 'u', 'ǚ': 'u', 'ǜ': 'u',
	'ḿ': 'm', 'ń': 'n', 'ň': 'n', 'ǹ': 'n', 'ɡ': 'g',
	'Ā': 'a', 'Á': 'a', 'Ǎ': 'a', 'À': 'a',
	'Ē': 'e', 'É': 'e', 'Ě': 'e', 'È': 'e',
	'Ō': 'o', 'Ó': 'o', 'Ǒ': 'o', 'Ò': 'o',
}

// spells reports whether letters is the concatenation of one reading of each
// character of chars, in order. It tracks the set of offsets in letters that the
// characters so far can reach, so heteronyms cost no backtracking.
func spells(letters string, chars []rune) bool {
	var reach, next [maxGlossBytes + 1]bool
	reach[0] = true
	for _, c := range chars {
		next = [maxGlossBytes + 1]bool{}
		moved := false
		rs := readings(c)
		for p := 0; p < len(letters); p++ {
			if !reach[p] {
				continue
			}
			for _, r := range rs {
				if strings.HasPrefix(letters[p:], r) {
					next[p+len(r)] = true
					moved = true
				}
			}
		}
		if !moved {
			return false
		}
		reach = next
	}
	return reach[len(letters)]
}

// readings returns the toneless readings of a character, ü written u, from
// go-pinyin's dictionary (its SinglePinyin is much slower: it restyles each
// reading with regular expressions).
func readings(r rune) []string {
	rs := strings.Split(pinyin.PinyinDict[int(r)], ",")
	out := rs[:0]
	for _, p := range rs {
		if f, ok := foldPinyin(p); ok {
			out = append(out, f)
		}
	}
	return out
}
