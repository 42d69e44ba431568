// Package hanzi converts traditional Chinese text to simplified with OpenCC's
// dictionaries, tells which of the two scripts a text is written in, and removes
// the pinyin glosses that some mirror sites glue after characters.
//
// The dictionaries are OpenCC's TSPhrases.txt and TSCharacters.txt, vendored in
// the opencc folder (see its README for their origin) and embedded in the binary.
package hanzi

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

var (
	//go:embed opencc/TSCharacters.txt
	tsCharacters string
	//go:embed opencc/TSPhrases.txt
	tsPhrases string
)

// The character table is a dense array over the blocks where nearly all
// traditional characters live (CJK Extension A and the Unified Ideographs), and a
// map for the rest.
const (
	tableLo = 0x3400
	tableHi = 0xA000
)

// phraseStart marks, in a table entry, a character that begins a phrase of the
// phrase dictionary. The low bits of an entry are the simplified character, or 0
// when the character does not change.
const phraseStart = 1 << 31

type phrase struct {
	from, to string
}

// A Converter converts traditional Chinese to simplified. It is immutable once
// built: one Converter may be used by any number of goroutines at once.
type Converter struct {
	table   []uint32          // indexed by rune-tableLo
	others  map[rune]uint32   // entries for runes outside the table
	phrases map[rune][]phrase // phrases by first rune, longest first
	minRune rune              // the smallest rune with an entry
}

// NewConverter builds a Converter from the embedded OpenCC dictionaries. It takes
// about a millisecond; use Default to share one.
func NewConverter() *Converter {
	c := &Converter{
		table:   make([]uint32, tableHi-tableLo),
		others:  make(map[rune]uint32),
		phrases: make(map[rune][]phrase),
		minRune: utf8.MaxRune,
	}
	eachEntry(tsCharacters, func(from, to string) {
		f, fn := utf8.DecodeRuneInString(from)
		t, tn := utf8.DecodeRuneInString(to)
		if fn != len(from) || tn != len(to) || f == utf8.RuneError || t == utf8.RuneError {
			// Not one character to one character: treat it as a phrase.
			c.addPhrase(from, to)
			return
		}
		if f != t {
			c.set(f, c.get(f)&phraseStart|uint32(t))
		}
	})
	eachEntry(tsPhrases, c.addPhrase)
	for _, ps := range c.phrases {
		sort.Slice(ps, func(i, j int) bool { return len(ps[i].from) > len(ps[j].from) })
	}
	return c
}

// Default returns a Converter shared by the whole program, built on first use.
var Default = sync.OnceValue(NewConverter)

// eachEntry calls f with the key and the first value of each entry of an OpenCC
// dictionary text: "key<TAB>value value…" lines, "#" comments.
func eachEntry(text string, f func(from, to string)) {
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		key, values, ok := strings.Cut(line, "\t")
		fields := strings.Fields(values)
		if !ok || key == "" || len(fields) == 0 {
			continue
		}
		f(key, fields[0])
	}
}

func (c *Converter) addPhrase(from, to string) {
	r, n := utf8.DecodeRuneInString(from)
	if r == utf8.RuneError || n == 0 {
		return
	}
	c.phrases[r] = append(c.phrases[r], phrase{from, to})
	c.set(r, c.get(r)|phraseStart)
}

func (c *Converter) get(r rune) uint32 {
	if r >= tableLo && r < tableHi {
		return c.table[r-tableLo]
	}
	return c.others[r]
}

func (c *Converter) set(r rune, e uint32) {
	if r < c.minRune {
		c.minRune = r
	}
	if r >= tableLo && r < tableHi {
		c.table[r-tableLo] = e
		return
	}
	c.others[r] = e
}

// ToSimplified converts s to simplified Chinese as OpenCC's t2s does: at each
// position the longest phrase of the phrase dictionary that starts there, else the
// character's simplified form. Text that needs no change is returned as is,
// without allocating; invalid UTF-8 is copied through unchanged.
func (c *Converter) ToSimplified(s string) string {
	var b strings.Builder
	last := 0 // s[last:i] is still to be copied
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r < c.minRune {
			i += n
			continue
		}
		e := c.get(r)
		if e&phraseStart != 0 {
			if p, ok := c.matchPhrase(r, s[i:]); ok {
				if p.to != p.from {
					if b.Len() == 0 {
						b.Grow(len(s))
					}
					b.WriteString(s[last:i])
					b.WriteString(p.to)
					last = i + len(p.from)
				}
				i += len(p.from)
				continue
			}
		}
		if to := rune(e &^ phraseStart); to != 0 {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteRune(to)
			last = i + n
		}
		i += n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func (c *Converter) matchPhrase(first rune, s string) (phrase, bool) {
	for _, p := range c.phrases[first] {
		if strings.HasPrefix(s, p.from) {
			return p, true
		}
	}
	return phrase{}, false
}

// Script returns "hant" when s is written in traditional characters, else "hans".
// s is traditional when at least one Han character in twenty has a different
// simplified form (in running traditional text it is about one in four; in
// simplified text the few characters that are also traditional keys, such as 著
// or 乾, stay far below that).
func (c *Converter) Script(s string) string {
	han, changed := c.count(s)
	if changed > 0 && changed*20 >= han {
		return "hant"
	}
	return "hans"
}

// count returns the number of Han characters in s and how many of them have a
// simplified form of their own.
func (c *Converter) count(s string) (han, changed int) {
	for _, r := range s {
		if r < 0x2E80 || (r < 0x4E00 || r > 0x9FFF) && !unicode.Is(unicode.Han, r) {
			continue
		}
		han++
		if r < c.minRune {
			continue
		}
		if to := rune(c.get(r) &^ phraseStart); to != 0 && to != r {
			changed++
		}
	}
	return han, changed
}

// ToSimplified converts s to simplified Chinese with the Default converter.
func ToSimplified(s string) string { return Default().ToSimplified(s) }

// Script tells, with the Default converter, whether s is traditional ("hant") or
// simplified ("hans").
func Script(s string) string { return Default().Script(s) }
