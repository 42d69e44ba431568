package site

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"github.com/nianbao/nianbao/internal/store"
)

// The search index. The header's search box (static/js/search.js) finds agencies and
// regions as the visitor types: by name (西峰), by full pinyin (xifeng) or by initials
// (xfq), from the start of the name or of a word in it (wordStarts). The browser must
// not download every agency to answer the first keystroke, so the build writes the
// index in shards, one per key letter (searchKey): search/<key>.json holds every
// agency and region a query starting with that letter may find; a shard with more
// than searchShardRows is split by the query's next letter. The manifest,
// search/index.json, lists the shards (split: those split) and spells the
// characters of every name in pinyin, so that the browser knows the key of a query
// typed in characters and can spell the names of a shard itself: a shard holds
// names, not their pinyin.
//
// Files (JSON, written by the whole site's build and the hub's, where the national
// pages are):
//
//	search/index.json  {"v":1, "keys":["c","x","xf","xi",…], "split":["x"], "pinyin":{"xi":"西希…",…}}
//	search/<key>.json  {"b":[base…], "p":[place…], "a":[[name, slug, place, base]…],
//	                    "r":[[name, code, place, base]…]}
//
// An agency's slug is "" when it is the slug of its name (store.Slug), which the
// browser spells from the manifest: most are, and a shard is then half the size.
// In a shard, b are the URL prefixes of the parts its entries are in ("" for the
// build's own pages, resolved against the folder of the index's search/; the hub's
// shards' addresses otherwise), p the regions' names in full (甘肃省庆阳市西峰区);
// an agency's page is b[base] + "agency/<slug>/", a region's b[base] + "region/<code>/".

// searchShardRows is the most rows (agencies and regions) a shard holds, some 45 KB
// gzipped. A shard with more is split by one more letter of what a query spells
// (x → xi, xf …; sh → shi, sha, sx …), and keeps only its regions, the items spelt
// as its key and its first searchHeadRows agencies: the answer to a query that spells
// no more than its key, which the box says is partial.
const searchShardRows = 3000

// searchHeadRows is how many agencies a split shard keeps (the shortest names first).
const searchHeadRows = 300

// searchMaxKeyLen bounds the splitting: a shard whose key has this many letters is
// not split however many rows it has (names that all spell alike, as synthetic ones
// do, cannot be told apart by more letters anyway).
const searchMaxKeyLen = 4

// searchShardBudget is the most a search shard may weigh gzipped at 10,000 agencies,
// what the first keystroke downloads besides the manifest (TestSearchIndexAtScale).
const searchShardBudget = 100 << 10

// searchIndexVersion is the "v" of search/index.json: the format above.
const searchIndexVersion = 1

// placeEnds are the characters that end a place's name inside an agency's name
// (湖北省襄阳市行政审批局: 湖北省 | 襄阳市 | 行政审批局): a search may start matching after one.
const placeEnds = "省市区县州盟旗镇乡"

// searchItem is an agency or a region the search finds.
type searchItem struct {
	name  string // what is matched and shown
	id    string // an agency's slug, a region's code
	place string // where it is: the agency's region, the region's parent, in full
	base  string // the URL prefix of its part: "" for this build's own pages
}

// speller spells names in toneless pinyin as the agencies' slugs do (store.Slug: one
// reading per character, go-pinyin's first), remembering each character's syllable
// for the manifest.
type speller struct {
	args      pinyin.Args
	syllables map[rune]string // Han characters seen → syllable ("" for none)
}

func newSpeller() *speller {
	args := pinyin.NewArgs()
	args.Fallback = func(rune, pinyin.Args) []string { return nil }
	return &speller{args: args, syllables: map[rune]string{}}
}

// syllable is what r contributes to a name's spelling: a Han character its pinyin,
// an ASCII letter or digit itself (lower-cased), anything else nothing.
func (sp *speller) syllable(r rune) string {
	switch {
	case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return string(unicode.ToLower(r))
	case unicode.Is(unicode.Han, r):
		s, ok := sp.syllables[r]
		if !ok {
			if py := pinyin.SinglePinyin(r, sp.args); len(py) > 0 && store.ValidSlug(py[0]) {
				s = py[0]
			}
			sp.syllables[r] = s
		}
		return s
	}
	return ""
}

// spell returns the name's syllables, one per character ("" for a character with
// none).
func (sp *speller) spell(name string) []string {
	var out []string
	for _, r := range name {
		out = append(out, sp.syllable(r))
	}
	return out
}

// forms are the full pinyin and the initials of the name from rune position start
// on: for 西峰区人民政府 from 0, "xifengqurenminzhengfu" and "xfqrmzf". A query in
// Latin letters matches when one of them starts with it.
func (sp *speller) forms(name string, start int) (full, initials string) {
	var f, i strings.Builder
	for _, s := range sp.spell(name)[start:] {
		if s == "" {
			continue
		}
		f.WriteString(s)
		i.WriteByte(s[0])
	}
	return f.String(), i.String()
}

// sortKey orders names by pinyin, syllable by syllable (xi an before xian), then as
// written.
func (sp *speller) sortKey(name string) string {
	var parts []string
	for _, s := range sp.spell(name) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// letter is the letter a name is filed under in the agency index: the first letter
// of its spelling, upper-case, or "#" when it starts with no letter.
func (sp *speller) letter(name string) string {
	k := sp.sortKey(name)
	if k == "" || k[0] < 'a' || k[0] > 'z' {
		return "#"
	}
	return strings.ToUpper(k[:1])
}

// wordStarts are the rune positions of name where a search may start matching: the
// start, and after each character of placeEnds that more characters follow.
func wordStarts(name string) []int {
	rs := []rune(name)
	out := []int{0}
	for i, r := range rs[:max(0, len(rs)-1)] {
		if strings.ContainsRune(placeEnds, r) && i > 0 {
			out = append(out, i+1)
		}
	}
	return out
}

// searchKey is the shard of a query or a match starting with rune r (spelt s): the
// first letter of its pinyin or itself (a–z), "0" for a digit; "" for none.
func searchKey(s string) string {
	switch {
	case s == "":
		return ""
	case s[0] >= '0' && s[0] <= '9':
		return "0"
	}
	return s[:1]
}

// keys are the letters an item is filed under (searchKey of the first character
// with a spelling at or after each word start) and what a query matching it spells
// from each word start: its full pinyin and its initials from there (西峰区: x;
// xifengqu, xfq, and from 区 on nothing more). A split shard files its items by
// these (searchIndex).
func (sp *speller) keys(name string) (letters, forms []string) {
	syl := sp.spell(name)
	for _, start := range wordStarts(name) {
		for _, s := range syl[start:] {
			if s == "" {
				continue
			}
			if k := searchKey(s); !slices.Contains(letters, k) {
				letters = append(letters, k)
			}
			full, initials := sp.forms(name, start)
			forms = append(forms, full, initials)
			break
		}
	}
	return letters, forms
}

// searchShard is one search/<key>.json as it is built.
type searchShard struct {
	bases, places []string
	baseIdx       map[string]int
	placeIdx      map[string]int
	agencies      [][]any
	regions       [][]any
}

func (sh *searchShard) ref(list *[]string, idx map[string]int, v string) int {
	i, ok := idx[v]
	if !ok {
		i = len(*list)
		*list = append(*list, v)
		idx[v] = i
	}
	return i
}

func (sh *searchShard) add(it searchItem, id string, region bool) {
	row := []any{it.name, id, sh.ref(&sh.places, sh.placeIdx, it.place), sh.ref(&sh.bases, sh.baseIdx, it.base)}
	if region {
		sh.regions = append(sh.regions, row)
	} else {
		sh.agencies = append(sh.agencies, row)
	}
}

// searchIndex builds the search files (path under search/ → content) of the given
// agencies and regions, each list in the order the results should come when they
// match alike.
func searchIndex(agencies, regions []searchItem) (map[string][]byte, error) {
	sp := newSpeller()
	type row struct {
		it     searchItem
		id     string
		region bool
		forms  []string
	}
	byLetter := map[string][]row{}
	var letters []string
	add := func(it searchItem, region bool) {
		id := it.id
		if !region && id == store.Slug(it.name) {
			id = "" // the browser spells it (search.js: slugOf), as store.Slug does
		}
		ls, forms := sp.keys(it.name)
		for _, k := range ls {
			if _, ok := byLetter[k]; !ok {
				letters = append(letters, k)
			}
			byLetter[k] = append(byLetter[k], row{it, id, region, forms})
		}
	}
	for _, it := range agencies {
		add(it, false)
	}
	for _, it := range regions {
		add(it, true)
	}
	shards := map[string]*searchShard{}
	shard := func(k string) *searchShard {
		sh, ok := shards[k]
		if !ok {
			sh = &searchShard{baseIdx: map[string]int{}, placeIdx: map[string]int{}}
			shards[k] = sh
		}
		return sh
	}
	// place writes the rows of key: into its shard, or when there are too many, into
	// the shards of key and one more letter, keeping in key's own its regions, the
	// items spelt key and its first searchHeadRows agencies, for a query that spells
	// no more than key.
	var split []string
	var place func(key string, rows []row)
	place = func(key string, rows []row) {
		if len(rows) <= searchShardRows || key == "0" || len(key) >= searchMaxKeyLen {
			for _, r := range rows {
				shard(key).add(r.it, r.id, r.region)
			}
			return
		}
		split = append(split, key)
		head, agencies := shard(key), 0
		children := map[string][]row{}
		var order []string
		for _, r := range rows {
			exact := false
			var in []string
			for _, f := range r.forms {
				exact = exact || f == key
				if len(f) > len(key) && strings.HasPrefix(f, key) && !slices.Contains(in, f[:len(key)+1]) {
					in = append(in, f[:len(key)+1])
				}
			}
			if r.region || exact || agencies < searchHeadRows {
				head.add(r.it, r.id, r.region)
				if !r.region {
					agencies++
				}
			}
			for _, c := range in {
				if _, ok := children[c]; !ok {
					order = append(order, c)
				}
				children[c] = append(children[c], r)
			}
		}
		for _, c := range order {
			place(c, children[c])
		}
	}
	for _, k := range letters {
		place(k, byLetter[k])
	}
	slices.Sort(split)
	out := map[string][]byte{}
	var keys []string
	for k, sh := range shards {
		keys = append(keys, k)
		js, err := json.Marshal(map[string]any{"b": sh.bases, "p": sh.places, "a": nonNil(sh.agencies), "r": nonNil(sh.regions)})
		if err != nil {
			return nil, fmt.Errorf("search shard %s: %w", k, err)
		}
		out[k+".json"] = append(js, '\n')
	}
	slices.Sort(keys)
	// The manifest spells every character of the names: syllable → characters.
	bySyllable := map[string][]rune{}
	for r, s := range sp.syllables {
		if s != "" {
			bySyllable[s] = append(bySyllable[s], r)
		}
	}
	spelt := map[string]string{}
	for s, rs := range bySyllable {
		slices.Sort(rs)
		spelt[s] = string(rs)
	}
	js, err := json.Marshal(map[string]any{"v": searchIndexVersion, "keys": nonNil(keys), "split": nonNil(split), "pinyin": spelt})
	if err != nil {
		return nil, fmt.Errorf("search manifest: %w", err)
	}
	out["index.json"] = append(js, '\n')
	return out, nil
}

// writeSearch writes the search index of a build that has the national pages (the
// whole site or the hub): its agencies, by name, and its regions, provinces first.
func writeSearch(p *project, d *dataset, s *scope) error {
	if s.shard != "" {
		return nil
	}
	trail := func(rs []*region) string {
		var b strings.Builder
		for _, rg := range rs {
			b.WriteString(rg.name)
		}
		return b.String()
	}
	base := func(shard string) string { return strings.TrimSuffix(s.in(shard, "x"), "x") }
	sp := newSpeller()
	var agencies []searchItem
	for _, slug := range d.agencies {
		es := d.bySlug[slug]
		last := es[len(es)-1]
		agencies = append(agencies, searchItem{name: last.name, id: slug, place: trail(d.regionsOf(last)), base: base(last.shard)})
	}
	slices.SortStableFunc(agencies, func(a, b searchItem) int {
		return cmp.Or(cmp.Compare(len([]rune(a.name)), len([]rune(b.name))), cmp.Compare(sp.sortKey(a.name), sp.sortKey(b.name)), cmp.Compare(a.id, b.id))
	})
	codes, _ := sortedRegions(d)
	slices.SortStableFunc(codes, func(a, b string) int { return cmp.Compare(d.regions[a].level, d.regions[b].level) })
	var regions []searchItem
	for _, c := range codes {
		rg := d.regions[c]
		var up []*region
		for pc := rg.parent; pc != ""; pc = d.regions[pc].parent {
			up = append([]*region{d.regions[pc]}, up...)
		}
		regions = append(regions, searchItem{name: rg.name, id: c, place: trail(up), base: base(c[:2] + "0000")})
	}
	files, err := searchIndex(agencies, regions)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := p.write("static/search/"+n, files[n]); err != nil {
			return err
		}
	}
	return nil
}
