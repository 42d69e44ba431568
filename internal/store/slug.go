package store

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// maxSlugLen bounds a slug, so that an absurd agency name cannot make an absurd path.
const maxSlugLen = 80

// Slug returns the folder name of an agency: its name in toneless pinyin, a syllable
// a word, joined by hyphens ("襄阳市行政审批局" → "xiang-yang-shi-xing-zheng-shen-pi-ju").
// ASCII letters and digits are kept, lower-cased; everything else separates words.
// It returns "" for a name with nothing to spell.
func Slug(name string) string {
	args := pinyin.NewArgs()
	args.Fallback = func(rune, pinyin.Args) []string { return nil }
	var words []string
	var ascii strings.Builder
	flush := func() {
		if ascii.Len() > 0 {
			words = append(words, ascii.String())
			ascii.Reset()
		}
	}
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			ascii.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			flush()
			if py := pinyin.SinglePinyin(r, args); len(py) > 0 && ValidSlug(py[0]) {
				words = append(words, py[0])
			}
		default:
			flush()
		}
	}
	flush()
	slug := strings.Join(words, "-")
	for len(slug) > maxSlugLen {
		i := strings.LastIndexByte(slug[:maxSlugLen], '-')
		if i <= 0 {
			slug = slug[:maxSlugLen]
			break
		}
		slug = slug[:i]
	}
	return slug
}
