package region

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on what Resolve reads, so that hostile input costs little.
const (
	maxAgency     = 512     // bytes of the agency's name looked at
	maxContext    = 1 << 20 // bytes of the context searched for a candidate's parents and code
	maxScan       = 1 << 18 // bytes of the context scanned for place names
	maxCandidates = 50      // listed in an AmbiguousError
)

// partyPrefixes precede a place in the names of party and youth league bodies
// (中共襄阳市委办公室, 共青团襄阳市委).
var partyPrefixes = []string{"中国共产党", "中国共产主义青年团", "中共", "共青团"}

// nationalPrefixes start the names of national bodies.
var nationalPrefixes = []string{"国务院", "中华人民共和国", "国家", "中央", "全国", "最高人民", "中国"}

// Resolve finds the division that an agency's name refers to. context is what else
// is known of the agency: the report's title or text, or a division code.
//
// The place names at the start of the name decide, the longest first, each one
// narrowing the next: "北京市朝阳区人民政府" is 北京市 朝阳区 (110105), "湖北省随州市
// 招商局" is 随州市 in 湖北省, "西峰区人民政府" is 西峰区 with its city and province,
// "恩施州人民政府" (a usual short name) is 恩施土家族苗族自治州, "中共襄阳市委" is 襄阳市.
// Spaces and control characters in the name are ignored; only its first 512 bytes
// and the context's first MiB are read.
//
// A national body resolves to the zero Place (Code "") with a nil error: a name
// starting with 国家, 国务院, 中华人民共和国, 中央, 全国, 最高人民 or 中国 ("国家统计局",
// "国务院办公厅"), or ending with 部 or 署 without starting with a kind of division
// like 市 ("教育部", "审计署"), that names no division. A national body's local
// branch that names its place, such as "国家税务总局湖北省税务局", resolves to that
// place.
//
// When the name fits several divisions (朝阳区, 鼓楼区, 城关区), context decides: the
// candidates whose prefecture or municipality (长春市), province (吉林省) or code the
// context names most win; a prefecture counts more than a province.
//
// When the name names no division ("市行政审批局", "县人民政府"), the divisions of the
// kind its first character says (市, 县, 区, 州, 盟, 旗, 省; any kind otherwise) that
// the context names are the candidates: names of three characters or more (和县 and
// 城区 are also common words), or, if there are none, codes.
//
// If more than one candidate remains, the error is an *AmbiguousError listing them;
// if there is none, the error wraps ErrUnknown. Resolve never guesses between
// candidates. On error the Place is the zero Place.
func (ix *Index) Resolve(agency, context string) (Place, error) {
	agency = clean(agency)
	s := agency
	if s == "" {
		return Place{}, fmt.Errorf("region: empty agency name: %w", ErrUnknown)
	}
	for _, p := range partyPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	if len(context) > maxContext {
		context = context[:maxContext]
	}
	if name, cands := ix.chain(s, 0); len(cands) > 0 {
		return ix.pick(agency, name, cands, context)
	}
	if isNational(s) {
		for pos := range s {
			if pos == 0 || !ix.prefixes[firstRunes(s[pos:], 2)] {
				continue
			}
			if name, cands := ix.chain(s, pos); len(cands) > 0 && utf8.RuneCountInString(name) >= 3 {
				return ix.pick(agency, name, cands, context)
			}
		}
		return Place{}, nil
	}
	return ix.fromContext(agency, s, context)
}

// clean returns the first maxAgency bytes of name as valid UTF-8 without spaces.
func clean(name string) string {
	if len(name) > maxAgency {
		name = name[:maxAgency]
	}
	name = strings.ToValidUTF8(name, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B' {
			return -1
		}
		return r
	}, name)
}

func isNational(s string) bool {
	for _, p := range nationalPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// 外交部, 审计署; but not 市委组织部, which starts with its kind of division.
	return kindOf(s) == 0 && (strings.HasSuffix(s, "部") || strings.HasSuffix(s, "署"))
}

// chain matches the place names that follow each other from byte pos of s, each
// under the one before: "北京市朝阳区…" gives 朝阳区 and [110105]. It returns the
// last name matched and its candidates, nil if no name starts at pos.
func (ix *Index) chain(s string, pos int) (string, []int32) {
	var last string
	var cands []int32
	for pos < len(s) {
		name, next := ix.matchAt(s, pos, cands)
		if next == nil {
			break
		}
		last, cands, pos = name, next, pos+len(name)
	}
	return last, cands
}

// matchAt finds the longest name at byte pos of s that has a division under one of
// within (any division if within is nil), and returns it with those divisions.
func (ix *Index) matchAt(s string, pos int, within []int32) (string, []int32) {
	if !ix.prefixes[firstRunes(s[pos:], 2)] {
		return "", nil
	}
	var ends [64]int // byte offsets after each rune, from pos
	n := 0
	for i := pos; i < len(s) && n < len(ends) && n < ix.maxRunes; n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		ends[n] = i
	}
	for k := n - 1; k >= 1; k-- { // names have at least two runes
		name := s[pos:ends[k]]
		ids := ix.current(ix.byName[name])
		if len(ids) == 0 {
			continue
		}
		if within != nil {
			var under []int32
			for _, i := range ids {
				for _, w := range within {
					if ix.isUnder(i, w) {
						under = append(under, i)
						break
					}
				}
			}
			ids = under
		}
		if len(ids) > 0 {
			return name, ids
		}
	}
	return "", nil
}

// current returns the current divisions among ids, or ids if all are former ones:
// a name in use today means today's division.
func (ix *Index) current(ids []int32) []int32 {
	former := 0
	for _, i := range ids {
		if ix.divs[i].former {
			former++
		}
	}
	if former == 0 || former == len(ids) {
		return ids
	}
	out := make([]int32, 0, len(ids)-former)
	for _, i := range ids {
		if !ix.divs[i].former {
			out = append(out, i)
		}
	}
	return out
}

// pick returns the one candidate, or the one context points to.
func (ix *Index) pick(agency, name string, cands []int32, context string) (Place, error) {
	if len(cands) > 1 {
		cands = ix.narrow(cands, context)
	}
	if len(cands) == 1 {
		return ix.place(cands[0]), nil
	}
	return Place{}, ix.ambiguous(agency, name, cands)
}

// narrow keeps the candidates that context says most of: each scores 4 for its code,
// 2 for the name of each prefecture-level division or municipality above it and 1
// for its province's (any of their names: 恩施州 counts for 恩施土家族苗族自治州). It
// returns all of them if none scores.
func (ix *Index) narrow(cands []int32, context string) []int32 {
	if context == "" {
		return cands
	}
	var top []int32
	topScore := 0
	for _, i := range cands {
		score := 0
		if containsCode(context, ix.divs[i].code) {
			score += 4
		}
		for a := ix.divs[i].parent; a >= 0; a = ix.divs[a].parent {
			if !containsAny(context, ix.divs[a].names) {
				continue
			}
			if ix.divs[a].level == 1 && !strings.HasSuffix(ix.divs[a].name, "市") {
				score++
			} else {
				score += 2
			}
		}
		switch {
		case score > topScore:
			top, topScore = append(top[:0], i), score
		case score == topScore && score > 0:
			top = append(top, i)
		}
	}
	if topScore == 0 {
		return cands
	}
	return top
}

func containsAny(s string, names []string) bool {
	for _, name := range names {
		if strings.Contains(s, name) {
			return true
		}
	}
	return false
}

// containsCode reports whether code occurs in s, not as part of a longer number.
func containsCode(s, code string) bool {
	for {
		i := strings.Index(s, code)
		if i < 0 {
			return false
		}
		end := i + len(code)
		if (i == 0 || !isDigit(s[i-1])) && (end == len(s) || !isDigit(s[end])) {
			return true
		}
		s = s[i+1:]
	}
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// fromContext resolves a name that names no division ("市行政审批局") by the
// divisions the context names.
func (ix *Index) fromContext(agency, s, context string) (Place, error) {
	kind := kindOf(s)
	scan := context
	if len(scan) > maxScan {
		scan = scan[:maxScan]
	}
	seen := make(map[int32]bool)
	done := make(map[string]bool) // names met before
	var cands, coded []int32
	add := func(i int32) {
		if !seen[i] {
			seen[i] = true
			cands = append(cands, i)
		}
	}
	for pos := 0; pos < len(scan); {
		if isDigit(scan[pos]) {
			end := pos
			for end < len(scan) && isDigit(scan[end]) {
				end++
			}
			if end-pos == 6 {
				if i, ok := ix.byCode[scan[pos:end]]; ok && ix.fits(i, ix.divs[i].name, kind) && len(coded) < maxCandidates {
					coded = append(coded, i)
				}
			}
			pos = end
			continue
		}
		name, ids := ix.matchAt(scan, pos, nil)
		if utf8.RuneCountInString(name) < 3 { // two-character names (和县, 城区) are common words
			_, size := utf8.DecodeRuneInString(scan[pos:])
			pos += size
			continue
		}
		pos += len(name)
		if done[name] {
			continue
		}
		done[name] = true
		var fit []int32
		for _, i := range ids {
			if ix.fits(i, name, kind) {
				fit = append(fit, i)
			}
		}
		if len(fit) > 1 {
			fit = ix.narrow(fit, context)
		}
		for _, i := range fit {
			add(i)
		}
	}
	if len(cands) == 0 {
		// Codes count only when no name does: a postcode (随州 441300) may look
		// like another division's code (惠州市).
		for _, i := range coded {
			add(i)
		}
	}
	switch len(cands) {
	case 0:
		return Place{}, fmt.Errorf("region: %q: %w named in it or in its context", agency, ErrUnknown)
	case 1:
		return ix.place(cands[0]), nil
	}
	return Place{}, ix.ambiguous(agency, "", cands)
}

// kindOf returns the kind of division a name without a place starts with: '市' for
// "市行政审批局", '州' for "自治州人民政府", 0 if it does not say.
func kindOf(s string) rune {
	s = strings.TrimPrefix(s, "自治")
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("省市县区州盟旗", r) {
		return r
	}
	return 0
}

// fits reports whether division i, met under name, is of the kind: its name ends
// with it, except that a 区 is a county-level district, not an autonomous region.
func (ix *Index) fits(i int32, name string, kind rune) bool {
	if kind == 0 {
		return true
	}
	d := ix.divs[i]
	if kind == '区' && d.level == 1 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(name)
	return last == kind
}

func (ix *Index) ambiguous(agency, name string, cands []int32) error {
	cands = append([]int32(nil), cands...)
	ix.sortByCode(cands)
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	e := &AmbiguousError{Agency: agency, Name: name, Candidates: make([]Place, len(cands))}
	for k, i := range cands {
		e.Candidates[k] = ix.place(i)
	}
	return e
}
