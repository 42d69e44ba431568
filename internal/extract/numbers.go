package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// quantity is a number as a report prints it.
type quantity struct {
	value float64
	isInt bool
}

// parseCell reads a table cell: "0", "1,234", "96171.6", "251000元", "12件", "—".
// ok is false for a cell that is not a number (a label). blank is true for an empty
// cell or a dash, which in a filled-in template table means 0.
func parseCell(s string) (q quantity, blank, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "-", "—", "——", "－", "/", "／", "无", "0.0":
		if s == "0.0" {
			return quantity{value: 0, isInt: false}, false, true
		}
		return quantity{isInt: true}, true, true
	}
	// Units and measure words a cell may carry.
	for _, unit := range []string{"万元", "元", "件", "条", "项", "个", "次", "人"} {
		if strings.HasSuffix(s, unit) {
			s = strings.TrimSpace(strings.TrimSuffix(s, unit))
			break
		}
	}
	v, isInt, ok := parseArabic(s)
	if !ok {
		return quantity{}, false, false
	}
	return quantity{value: v, isInt: isInt}, false, true
}

// parseArabic reads an Arabic number with optional thousands separators and an
// optional sign: "3119", "1,234", "96171.6", "-3", "+2". The whole string must be
// the number. (It is hand-written, not a regexp: every cell and token of a report
// goes through it.)
func parseArabic(s string) (v float64, isInt bool, ok bool) {
	if !isArabic(s) {
		return 0, false, false
	}
	s = strings.ReplaceAll(strings.TrimPrefix(s, "+"), ",", "")
	if len(s) > 18 {
		return 0, false, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, false
	}
	return f, !strings.Contains(s, "."), true
}

// isArabic reports whether s is [-+]digits with optional groups of three after
// commas ("12,345") and an optional decimal part.
func isArabic(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if hasDot && (frac == "" || !allDigits(frac)) {
		return false
	}
	if intPart == "" {
		return false
	}
	if !strings.Contains(intPart, ",") {
		return allDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var chineseDigits = map[rune]int64{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var chineseUnits = map[rune]int64{'十': 10, '百': 100, '千': 1000}

// parseChinese reads a small number written in Chinese numerals: "两", "十", "十二",
// "二十", "三百五十", "一千零五". The whole string must be the number (up to 9999).
func parseChinese(s string) (int64, bool) {
	if s == "" || utf8.RuneCountInString(s) > 8 {
		return 0, false
	}
	var total, digit int64
	sawDigit := false
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			digit = d
			sawDigit = true
			continue
		}
		u, ok := chineseUnits[r]
		if !ok {
			return 0, false
		}
		if !sawDigit {
			digit = 1 // "十二": an implicit 一
		}
		total += digit * u
		digit, sawDigit = 0, false
	}
	return total + digit, true
}
