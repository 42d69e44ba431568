// Package region knows China's administrative divisions (行政区划) at province,
// prefecture and county level with their GB/T 2260 codes, and finds the division an
// agency's name refers to: 襄阳市行政审批局 is a body of 湖北省 襄阳市 (420600).
//
// The division list is embedded (data/divisions.tsv, see data/README.md for its
// source and licence); Default returns the index built from it, Load builds one from
// another list in the same format.
//
// A division is described by a Place. Its levels follow the record's [agency] keys:
//
//   - a provincial body: Province only, e.g. {湖北省, "", "", 420000};
//   - a prefecture-level body (地级市, 自治州, 地区, 盟): Province and City,
//     e.g. {湖北省, 襄阳市, "", 420600}; a prefecture-level city without districts
//     (东莞市, 中山市, 儋州市, 嘉峪关市) is one of them;
//   - a county-level body (区, 县, 县级市, 旗): all three,
//     e.g. {甘肃省, 庆阳市, 西峰区, 621002};
//   - a municipality directly under the central government (北京市, 天津市, 上海市,
//     重庆市) is a province: its own bodies are {北京市, "", "", 110000} and its
//     districts and counties have City "": {北京市, "", 朝阳区, 110105};
//   - a county-level division directly under its province (省直辖县级行政区划: 仙桃市,
//     济源市, 五指山市, 石河子市) also has City "": {湖北省, "", 仙桃市, 429004};
//   - a national body (国家统计局, 国务院办公厅) is the zero Place: Code "".
//
// The list is the one of 2023 (台湾省, 香港 and 澳门 at province level only). Names
// used before resolve to the division that now bears the new name: prefecture-level
// ones since 2008 (襄樊市 for 襄阳市, 毕节地区 for 毕节市) and county-level ones since
// 2021 (沙县 for 沙县区); a few divisions since merged away (巢湖市 as a prefecture,
// 莱芜市, 下城区) are kept under their own code. County-level changes between 2008 and
// 2021 are not covered. Names are matched as written in simplified characters.
package region

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A Place is a division as the record's [agency] keys describe it: the names of its
// province, prefecture-level city and county-level unit ("" for a level that does not
// apply, see the package comment) and the GB/T 2260 code of the lowest of them.
// The zero Place is the national level.
type Place struct {
	Province, City, County, Code string
}

// National reports whether p is the national level (no division).
func (p Place) National() bool { return p.Code == "" }

// String returns the place's full name, such as "甘肃省庆阳市西峰区", or "全国" for
// the national level.
func (p Place) String() string {
	if p.National() {
		return "全国"
	}
	return p.Province + p.City + p.County
}

// ErrUnknown is the error, wrapped with the agency's name, of Resolve for a name that
// refers to no known division.
var ErrUnknown = errors.New("no known division")

// An AmbiguousError is the error of Resolve for a name that may refer to several
// divisions (朝阳区 is in 北京市 and in 长春市) when the context does not tell which.
type AmbiguousError struct {
	Agency     string  // the name given to Resolve
	Name       string  // the ambiguous place name; "" when the agency names none and the context names several
	Candidates []Place // the divisions it may refer to, by code
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "region: %q: ", e.Agency)
	if e.Name != "" {
		fmt.Fprintf(&b, "%s may be any of", e.Name)
	} else {
		b.WriteString("names no division and its context names several:")
	}
	for i, p := range e.Candidates {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s (%s)", p, p.Code)
	}
	return b.String()
}

// A division is one row of the list.
type division struct {
	code   string
	name   string
	level  int8     // 1 province, 2 prefecture, 3 county
	parent int32    // index in Index.divs; -1 for a province
	former bool     // merged away or dissolved; kept for old reports
	names  []string // its name and aliases
}

// An Index is an immutable list of divisions with the look-ups Resolve needs. It is
// safe for concurrent use.
type Index struct {
	divs     []division
	byCode   map[string]int32
	byName   map[string][]int32 // names and aliases, each list sorted by code
	children map[int32][]int32  // current divisions by parent; -1 holds the provinces
	prefixes map[string]bool    // the first two runes of every name, to scan text quickly
	maxRunes int                // of the longest name
}

//go:embed data/divisions.tsv
var divisionsTSV string

var defaultIndex = sync.OnceValue(func() *Index {
	ix, err := Load(strings.NewReader(divisionsTSV))
	if err != nil {
		// The embedded list is checked by the package's tests.
		panic("region: embedded data/divisions.tsv: " + err.Error())
	}
	return ix
})

// Default returns the index of the embedded division list, built on first use and
// shared, read-only, afterwards.
func Default() *Index { return defaultIndex() }

// Lookup returns the division with the given six-digit code, former divisions
// included.
func (ix *Index) Lookup(code string) (Place, bool) {
	i, ok := ix.byCode[code]
	if !ok {
		return Place{}, false
	}
	return ix.place(i), true
}

// Name returns the name of the division with the given code ("湖北省", "襄阳市",
// "西峰区"), or "" if there is none.
func (ix *Index) Name(code string) string {
	if i, ok := ix.byCode[code]; ok {
		return ix.divs[i].name
	}
	return ""
}

// Children returns the current divisions directly under the one with the given code,
// by code: a province's prefecture-level divisions and the county-level ones directly
// under it, a prefecture's county-level divisions, a municipality's districts and
// counties. Children("") returns the provinces. It returns nil for a county-level or
// unknown code.
func (ix *Index) Children(code string) []Place {
	parent := int32(-1)
	if code != "" {
		i, ok := ix.byCode[code]
		if !ok {
			return nil
		}
		parent = i
	}
	kids := ix.children[parent]
	if len(kids) == 0 {
		return nil
	}
	out := make([]Place, len(kids))
	for k, i := range kids {
		out[k] = ix.place(i)
	}
	return out
}

// Len returns the number of divisions in the index, former ones included.
func (ix *Index) Len() int { return len(ix.divs) }

// place builds the Place of division i.
func (ix *Index) place(i int32) Place {
	d := ix.divs[i]
	p := Place{Code: d.code}
	for ; i >= 0; i = ix.divs[i].parent {
		switch a := ix.divs[i]; a.level {
		case 1:
			p.Province = a.name
		case 2:
			p.City = a.name
		case 3:
			p.County = a.name
		}
	}
	return p
}

// isUnder reports whether division i lies (strictly) under division anc.
func (ix *Index) isUnder(i, anc int32) bool {
	for i = ix.divs[i].parent; i >= 0; i = ix.divs[i].parent {
		if i == anc {
			return true
		}
	}
	return false
}

// sortByCode sorts division indexes by code.
func (ix *Index) sortByCode(list []int32) {
	sort.Slice(list, func(a, b int) bool { return ix.divs[list[a]].code < ix.divs[list[b]].code })
}
