// Package textenc detects the encoding of a text or HTML file and decodes it to
// UTF-8: UTF-8 (with or without BOM), GB18030/GBK/GB2312, Big5 and UTF-16.
//
// Detection goes from the surest sign to the weakest:
//
//  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//  2. the NUL-byte pattern of UTF-16 without a BOM: the ASCII characters of a
//     report (digits, newlines, punctuation) have a NUL high byte, always on the
//     same side of each pair, and no other encoding here has NUL bytes in text;
//  3. valid UTF-8: GB18030 or Big5 text of any length is practically never valid
//     UTF-8;
//  4. otherwise GB18030 and Big5 (and UTF-8 with errors) are all tried and scored
//     by common characters (see score); the declared encoding (an HTML meta
//     charset) is taken when the bytes decode cleanly with it and it scores at
//     least half as well as the best.
//
// Bytes that are not text in any of these (binary data) are an ErrNotText error.
package textenc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The encoding names Decode returns.
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030" // also GBK and GB2312, which it extends
	Big5    = "big5"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// ErrNotText is the error (wrapped with details) for bytes that are not text in
// any of the supported encodings.
var ErrNotText = errors.New("not text in UTF-8, GB18030, Big5 or UTF-16")

// sampleSize is how much of the input the detection looks at: the start of a
// report is enough to tell its encoding, and it bounds the work on large files.
const sampleSize = 64 << 10

// Decode detects the encoding of data and returns it as UTF-8 text with the name of
// the encoding it found ("utf-8", "gb18030", "big5", "utf-16le", "utf-16be"). A byte
// order mark is removed. Empty data is empty UTF-8 text.
//
// declared is an encoding the file declares (an HTML meta charset, any name the
// WHATWG Encoding Standard knows, such as "gb2312" or "GBK"), or "". It is used
// when the bytes decode cleanly with it and read about as well as with the best
// other encoding, unless they are valid UTF-8: scrapers often save a page as
// UTF-8 and leave its old meta charset in place.
func Decode(data []byte, declared string) (text string, encoding string, err error) {
	if len(data) == 0 {
		return "", UTF8, nil
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return finish(UTF8, data[3:], true)
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return finish(UTF16LE, data[2:], true)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return finish(UTF16BE, data[2:], true)
	}
	if enc := utf16ByNUL(data); enc != "" {
		if text, err := decode(enc, data); err == nil && isClean(badChars(sample(text))) {
			return text, enc, nil
		}
	}
	if utf8.Valid(data) {
		return finish(UTF8, data, false)
	}
	best, bestScore := "", 0
	texts := make(map[string]string, 3)
	scores := make(map[string]int, 3)
	for _, enc := range []string{UTF8, GB18030, Big5} {
		text, err := decode(enc, sampleBytes(data))
		if err != nil {
			continue
		}
		s := score(text)
		texts[enc], scores[enc] = text, s
		if best == "" || s > bestScore {
			best, bestScore = enc, s
		}
	}
	// The declared encoding wins when the bytes decode cleanly with it and it
	// reads nearly as well as the best: a GBK line can happen to be valid Big5,
	// and a wrong declaration must not turn it to nonsense.
	if enc := knownName(declared); enc != "" && enc != UTF8 && enc != best {
		if s, ok := scores[enc]; ok && s*2 >= bestScore && cleanSample(enc, data) {
			best = enc
		}
	}
	if len(data) <= sampleSize { // the sample was the whole text
		return check(texts[best], best, false)
	}
	return finish(best, data, false)
}

// finish decodes data with enc and checks that the result is text. bom tells
// whether a byte order mark chose enc.
func finish(enc string, data []byte, bom bool) (string, string, error) {
	text, err := decode(enc, data)
	if err != nil {
		return "", "", fmt.Errorf("%w: decoding as %s: %v", ErrNotText, enc, err)
	}
	return check(text, enc, bom)
}

// check returns text decoded with enc if it is text. bom tells whether a byte
// order mark chose enc.
func check(text, enc string, bom bool) (string, string, error) {
	if bad, n := badChars(sample(text)); !isClean(bad, n) {
		how := "detected"
		if bom {
			how = "from its byte order mark"
		}
		return "", "", fmt.Errorf("%w: read as %s (%s), %d of the first %d characters are control characters or invalid bytes",
			ErrNotText, enc, how, bad, n)
	}
	return text, enc, nil
}

// decode converts data from enc to UTF-8, replacing invalid bytes by U+FFFD.
func decode(enc string, data []byte) (string, error) {
	var e encoding.Encoding
	switch enc {
	case UTF8:
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	case GB18030:
		e = simplifiedchinese.GB18030
	case Big5:
		e = traditionalchinese.Big5
	case UTF16LE:
		e = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case UTF16BE:
		e = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	default:
		return "", fmt.Errorf("unsupported encoding %q", enc)
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// knownName maps a declared encoding name to one of Decode's names, or "" when
// it is unknown or not one of them (sites that declare ISO-8859-1 for Chinese
// text are common: such a declaration is ignored).
func knownName(declared string) string {
	declared = strings.TrimSpace(declared)
	if declared == "" {
		return ""
	}
	e, err := htmlindex.Get(declared)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	switch name {
	case "utf-8":
		return UTF8
	case "gbk", "gb18030":
		return GB18030
	case "big5":
		return Big5
	case "utf-16le":
		return UTF16LE
	case "utf-16be":
		return UTF16BE
	}
	return ""
}

// utf16ByNUL recognizes UTF-16 without a byte order mark by where its NUL bytes
// fall: text has some ASCII (newlines, digits), whose high byte is 0, on odd
// offsets in little-endian and even offsets in big-endian order; UTF-8, GB18030
// and Big5 text has no NUL bytes at all. The other side has a few NULs too (the
// low byte of 一, U+4E00, is 0), but many times fewer.
func utf16ByNUL(data []byte) string {
	data = sampleBytes(data)
	if len(data) < 2 || len(data)%2 != 0 && len(data) < sampleSize {
		return ""
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(data) / 2
	switch {
	case odd > 0 && even*4 <= odd && odd*50 >= pairs:
		return UTF16LE
	case even > 0 && odd*4 <= even && even*50 >= pairs:
		return UTF16BE
	}
	return ""
}

// score rates text decoded with a candidate encoding: the number of its common
// Chinese characters, less a penalty for each invalid or control character.
//
// Why this tells GB18030 from Big5: both are double-byte encodings over nearly the
// same byte ranges, so the bytes of either decode without errors in the other.
// But the decoding is then a scramble: a common character's code in one encoding
// is, in the other, mostly a rare character, a symbol or no character. Correctly
// decoded report text is nearly all common characters (over 90% of its Han
// characters are among the ~3,200 of common.go, in either script), while the
// wrong decoding of the same bytes has only a small share of them. The penalty
// makes a candidate that breaks the text lose.
func score(text string) int {
	common := commonSet()
	var n, bad int
	for _, r := range text {
		switch {
		case r < 0x10000 && common[r>>6]&(1<<(r&63)) != 0:
			n++
		case isBad(r):
			bad++
		}
	}
	return n - 4*bad
}

// commonSet is the set of the characters of common.go, as a bit set over the
// Basic Multilingual Plane. It is built once and never changed.
var commonSet = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for _, r := range commonSimplified + commonTraditional {
		if r < 0x10000 {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return &set
})

// isBad reports whether r should not occur in text: the replacement character of
// an invalid byte sequence, a control character other than whitespace, or a
// private-use character (what random bytes decode to in GB18030's user areas).
func isBad(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v'
	case r >= 0x7F && r < 0xA0:
		return true
	case r >= 0xE000 && r < 0xF900:
		return true
	}
	return r >= 0xF0000 && unicode.Is(unicode.Co, r)
}

// badChars counts the bad characters of text and all its characters.
func badChars(text string) (bad, n int) {
	for _, r := range text {
		n++
		if isBad(r) {
			bad++
		}
	}
	return bad, n
}

// isClean reports whether bad characters of n are few enough for text: one, or
// at most one in fifty (a few broken bytes in a scraped page are normal).
func isClean(bad, n int) bool { return bad <= 1 || bad*50 <= n }

// cleanSample reports whether the sample of data decodes with enc without a
// single bad character (but for a character cut at the end of the sample).
func cleanSample(enc string, data []byte) bool {
	text, err := decode(enc, sampleBytes(data))
	if err != nil {
		return false
	}
	if len(data) > sampleSize {
		text = strings.TrimSuffix(text, "\uFFFD")
	}
	bad, _ := badChars(text)
	return bad == 0
}

// sampleBytes returns the part of data that detection looks at.
func sampleBytes(data []byte) []byte {
	if len(data) > sampleSize {
		return data[:sampleSize]
	}
	return data
}

// sample returns the decoded counterpart of sampleBytes.
func sample(text string) string {
	if len(text) > 2*sampleSize {
		return text[:2*sampleSize]
	}
	return text
}
