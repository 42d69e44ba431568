package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/store"
)

// gzipSize is how many bytes data weighs gzipped, as a server sends it.
func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func TestSpeller(t *testing.T) {
	sp := newSpeller()
	for _, tt := range []struct {
		name           string
		start          int
		full, initials string
	}{
		{"西峰区人民政府", 0, "xifengqurenminzhengfu", "xfqrmzf"},
		{"西峰区人民政府", 3, "renminzhengfu", "rmzf"},
		{"衡山县行政审批服务局", 0, "hengshanxianxingzhengshenpifuwuju", "hsxxzspfwj"},
		{"衡山县行政审批服务局", 3, "xingzhengshenpifuwuju", "xzspfwj"},
		{"Fake 局2", 0, "fakeju2", "fakej2"},
		{"（测试）局", 0, "ceshiju", "csj"},
	} {
		full, initials := sp.forms(tt.name, tt.start)
		if full != tt.full || initials != tt.initials {
			t.Errorf("forms(%q, %d) = %q, %q, want %q, %q", tt.name, tt.start, full, initials, tt.full, tt.initials)
		}
	}
	// The same syllables as the agencies' slugs.
	for _, name := range []string{"西峰区人民政府", "衡山县行政审批服务局", "襄阳市行政审批局", "重庆市人民政府"} {
		if got, want := strings.ReplaceAll(sp.sortKey(name), " ", "-"), store.Slug(name); got != want {
			t.Errorf("sortKey(%q) = %q, the slug is %q", name, got, want)
		}
	}
	for _, tt := range []struct{ name, letter string }{{"西峰区人民政府", "X"}, {"abc局", "A"}, {"2号局", "#"}, {"（测试）局", "C"}, {"", "#"}} {
		if got := sp.letter(tt.name); got != tt.letter {
			t.Errorf("letter(%q) = %q, want %q", tt.name, got, tt.letter)
		}
	}
}

func TestWordStarts(t *testing.T) {
	for _, tt := range []struct {
		name string
		want []int
	}{
		{"西峰区人民政府", []int{0, 3}},
		{"湖北省襄阳市行政审批局", []int{0, 3, 6}},
		{"庆阳市", []int{0}},     // nothing follows the 市
		{"市场监督管理局", []int{0}}, // a 市 that starts the name starts no word
		{"", []int{0}},
	} {
		if got := wordStarts(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("wordStarts(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// searchFiles is a decoded search index.
type searchFiles struct {
	Keys   []string          `json:"keys"`
	Split  []string          `json:"split"`
	Pinyin map[string]string `json:"pinyin"`
	shards map[string]searchShardFile
	spell  map[rune]string // character → syllable, from Pinyin
}

type searchShardFile struct {
	B []string `json:"b"`
	P []string `json:"p"`
	A [][]any  `json:"a"`
	R [][]any  `json:"r"`
}

func decodeSearch(t *testing.T, files map[string][]byte) searchFiles {
	t.Helper()
	var idx searchFiles
	if err := json.Unmarshal(files["index.json"], &idx); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	idx.shards = map[string]searchShardFile{}
	idx.spell = map[rune]string{}
	for s, cs := range idx.Pinyin {
		for _, c := range cs {
			idx.spell[c] = s
		}
	}
	for _, k := range idx.Keys {
		var sh searchShardFile
		if err := json.Unmarshal(files[k+".json"], &sh); err != nil {
			t.Fatalf("%s.json: %v", k, err)
		}
		idx.shards[k] = sh
	}
	if len(files) != len(idx.Keys)+1 {
		t.Errorf("%d files for %d shards and the manifest", len(files), len(idx.Keys))
	}
	return idx
}

// find does what static/js/search.js does with the files: the names in the query's
// shard that match it at a word start, in full pinyin or initials (Latin letters)
// or as written.
func (idx searchFiles) find(t *testing.T, q string) []string {
	spell := idx.spell
	syllable := func(r rune) string {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return string(r)
		}
		if r >= 'A' && r <= 'Z' {
			return string(r + 'a' - 'A')
		}
		return spell[r]
	}
	q = strings.ToLower(q)
	var spelt strings.Builder
	for _, r := range q {
		spelt.WriteString(syllable(r))
	}
	key := searchKey(spelt.String())
	for slices.Contains(idx.Split, key) && spelt.Len() > len(key) {
		key = spelt.String()[:len(key)+1]
	}
	sh, ok := idx.shards[key]
	if !ok {
		return nil
	}
	latin := strings.Trim(q, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
	var out []string
	for _, rows := range [][][]any{sh.A, sh.R} {
		for _, row := range rows {
			name := row[0].(string)
			if int(row[2].(float64)) >= len(sh.P) || int(row[3].(float64)) >= len(sh.B) {
				t.Errorf("shard %s: %v refers to no place or base", key, row)
			}
			rs := []rune(name)
			for _, start := range wordStarts(name) {
				var full, initials strings.Builder
				for _, r := range rs[start:] {
					if s := syllable(r); s != "" {
						full.WriteString(s)
						initials.WriteByte(s[0])
					}
				}
				if !latin && strings.HasPrefix(string(rs[start:]), q) ||
					latin && (strings.HasPrefix(full.String(), q) || strings.HasPrefix(initials.String(), q)) {
					out = append(out, name)
					break
				}
			}
		}
	}
	return out
}

// slugOf spells a name's slug from the manifest, as search.js does.
func (idx searchFiles) slugOf(name string) string {
	spell := idx.spell
	var words []string
	ascii := ""
	for _, r := range name {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			ascii += strings.ToLower(string(r))
			continue
		}
		if ascii != "" {
			words, ascii = append(words, ascii), ""
		}
		if s := spell[r]; s != "" {
			words = append(words, s)
		}
	}
	if ascii != "" {
		words = append(words, ascii)
	}
	slug := strings.Join(words, "-")
	for len(slug) > 80 {
		i := strings.LastIndexByte(slug[:80], '-')
		if i <= 0 {
			slug = slug[:80]
			break
		}
		slug = slug[:i]
	}
	return slug
}

func TestSearchIndex(t *testing.T) {
	agencies := []searchItem{
		{name: "西峰区人民政府", id: "xi-feng-qu-ren-min-zheng-fu", place: "甘肃省庆阳市西峰区"},
		{name: "衡山县行政审批服务局", id: "heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju", place: "湖南省衡阳市衡山县", base: "https://example.org/430000/"},
		{name: "希峰区人民政府", id: "xi-feng-qu-ren-min-zheng-fu-2"},
		{name: "国家统计局", id: "guo-jia-tong-ji-ju"},
		{name: "2号测试局", id: "2-hao-ce-shi-ju"},
	}
	regions := []searchItem{{name: "甘肃省", id: "620000"}, {name: "西峰区", id: "621002", place: "甘肃省庆阳市"}}
	files, err := searchIndex(agencies, regions)
	if err != nil {
		t.Fatal(err)
	}
	idx := decodeSearch(t, files)
	if want := []string{"0", "g", "h", "r", "x"}; !slices.Equal(idx.Keys, want) {
		t.Errorf("shards %v, want %v", idx.Keys, want)
	}
	if idx.Pinyin["xi"] != "希西" || idx.Pinyin["feng"] != "峰" {
		t.Errorf("the manifest spells xi %q, feng %q", idx.Pinyin["xi"], idx.Pinyin["feng"])
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"西峰", []string{"西峰区人民政府", "西峰区"}},
		{"xifeng", []string{"西峰区人民政府", "希峰区人民政府", "西峰区"}},
		{"XFQ", []string{"西峰区人民政府", "希峰区人民政府", "西峰区"}},
		{"xfqrmzf", []string{"西峰区人民政府", "希峰区人民政府"}},
		{"人民政府", []string{"西峰区人民政府", "希峰区人民政府"}},
		{"rmzf", []string{"西峰区人民政府", "希峰区人民政府"}},
		{"xzsp", []string{"衡山县行政审批服务局"}},
		{"hsx", []string{"衡山县行政审批服务局"}},
		{"gs", []string{"甘肃省"}},
		{"2h", []string{"2号测试局"}},
		{"审批", nil}, // not at a word start
		{"qqq", nil},
	} {
		if got := idx.find(t, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("find(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
	h := idx.shards["h"]
	if len(h.A) != 1 || h.B[int(h.A[0][3].(float64))] != "https://example.org/430000/" || h.P[int(h.A[0][2].(float64))] != "湖南省衡阳市衡山县" {
		t.Errorf("shard h: %+v", h)
	}
	// Empty: a manifest with no shards.
	files, err = searchIndex(nil, nil)
	if err != nil || len(files) != 1 || !strings.Contains(string(files["index.json"]), `"keys":[]`) {
		t.Errorf("the index of nothing: %q, %v", files, err)
	}
}

// agencySuffixes are what realistic agency names end with, after their place.
var agencySuffixes = []string{"人民政府", "人民政府办公室", "公安局", "财政局", "教育局", "民政局", "自然资源局",
	"生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
	"应急管理局", "市场监督管理局", "行政审批服务局", "医疗保障局", "统计局", "审计局", "司法局",
	"人力资源和社会保障局", "发展和改革委员会", "退役军人事务局", "林业局", "税务局", "信访局"}

// realisticAgencies makes n agencies of real places (the embedded division list) and
// realistic names: the place, sometimes its province before it, and a body.
func realisticAgencies(t testing.TB, n int) []searchItem {
	f, err := os.Open("../region/data/divisions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{}
	var codes []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") || len(fields[0]) != 6 {
			continue
		}
		names[fields[0]] = fields[1]
		codes = append(codes, fields[0])
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var out []searchItem
	slugs := map[string]int{}
	for range n {
		code := codes[rng.IntN(len(codes))]
		prov, city := names[code[:2]+"0000"], names[code[:4]+"00"]
		place := prov
		if city != prov {
			place += city
		}
		if names[code] != city && names[code] != prov {
			place += names[code]
		}
		name := names[code] + agencySuffixes[rng.IntN(len(agencySuffixes))]
		if rng.IntN(4) == 0 && names[code] != prov {
			name = prov + name
		}
		// Slugs as an import gives them out: the name's, then -2, -3 … for the
		// names that spell the same.
		slug := store.Slug(name)
		if slugs[slug]++; slugs[slug] > 1 {
			slug += fmt.Sprintf("-%d", slugs[slug])
		}
		out = append(out, searchItem{name: name, id: slug, place: place,
			base: "https://example.org/" + code[:2] + "0000/"})
	}
	return out
}

// syntheticAgencies are n agencies named as synthesize names them (测试市虚构局0001 in
// 测试省NN 测试NN市), without writing their records.
func syntheticAgencies(n int) []searchItem {
	var out []searchItem
	for a := range n {
		prov, city := 11+a%31, 1+(a/31)%10
		out = append(out, searchItem{name: fmt.Sprintf("测试市虚构局%04d", a+1), id: fmt.Sprintf("fake-agency-%04d", a+1),
			place: fmt.Sprintf("测试省%02d测试%02d市", prov, city)})
	}
	return out
}

// TestSearchIndexAtScale builds the index of 10,000 agencies, named as synthesize
// names them and realistically (real places, real kinds of body), and of 30,000
// realistic ones: the first keystroke (the manifest and a letter's shard) and each
// later one (the shard of a longer key, where a shard is split) stay within
// searchShardBudget, gzipped.
func TestSearchIndexAtScale(t *testing.T) {
	for _, tt := range []struct {
		name     string
		agencies []searchItem
	}{{"synthesize", syntheticAgencies(10000)}, {"realistic", realisticAgencies(t, 10000)}, {"realistic", realisticAgencies(t, 30000)}} {
		files, err := searchIndex(tt.agencies, nil)
		if err != nil {
			t.Fatal(err)
		}
		total, totalGz := 0, 0
		var letter, pair struct {
			raw, gz int
			name    string
		}
		for name, b := range files {
			total += len(b)
			gz := gzipSize(b)
			totalGz += gz
			largest := &letter
			if len(strings.TrimSuffix(name, ".json")) > 1 {
				largest = &pair
			}
			if name != "index.json" && gz > largest.gz {
				largest.raw, largest.gz, largest.name = len(b), gz, name
			}
		}
		manifest := gzipSize(files["index.json"])
		idx := decodeSearch(t, files)
		t.Logf("%s, %d agencies: %d shards (letters split: %s), %d KB (%d KB gzipped); manifest %d KB (%d KB gzipped); largest letter shard %s %d KB (%d KB gzipped), longer key's shard %s %d KB (%d KB gzipped); first keystroke at most %d KB gzipped",
			tt.name, len(tt.agencies), len(files)-1, strings.Join(idx.Split, ","), total>>10, totalGz>>10, len(files["index.json"])>>10, manifest>>10,
			letter.name, letter.raw>>10, letter.gz>>10, pair.name, pair.raw>>10, pair.gz>>10, (manifest+letter.gz)>>10)
		if first := manifest + letter.gz; first > searchShardBudget {
			t.Errorf("%s: the first keystroke downloads %d bytes gzipped, more than %d", tt.name, first, searchShardBudget)
		}
		if pair.gz > searchShardBudget {
			t.Errorf("%s: the shard %s weighs %d bytes gzipped, more than %d", tt.name, pair.name, pair.gz, searchShardBudget)
		}
		// Every agency is found by its full name, its pinyin and its initials; the
		// slugs left out are the names' as the manifest spells them.
		left := 0
		for _, sh := range idx.shards {
			for _, row := range sh.A {
				if row[1].(string) == "" {
					left++
					if got, want := idx.slugOf(row[0].(string)), store.Slug(row[0].(string)); got != want {
						t.Errorf("%s: the manifest spells the slug of %s %q, not %q", tt.name, row[0], got, want)
					}
				}
			}
		}
		t.Logf("%s: %d of the shards' agency rows leave their slug out", tt.name, left)
		sp := newSpeller()
		for _, a := range tt.agencies[:20] {
			full, initials := sp.forms(a.name, 0)
			for _, q := range []string{a.name, full, initials} {
				if !slices.Contains(idx.find(t, q), a.name) {
					t.Errorf("%s: %q does not find %s", tt.name, q, a.name)
				}
			}
		}
	}
}

// TestBuildWritesSearch builds synthetic agencies and the fixtures: the build
// writes the search index and the compare data of every agency, and a shard's
// build neither.
func TestBuildWritesSearch(t *testing.T) {
	dir := t.TempDir()
	synthesize(t, filepath.Join(dir, "data"), 40, 1)
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: filepath.Join(dir, "data"), BaseURL: "/", Now: testNow}, out); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	entries, err := os.ReadDir(filepath.Join(out, "search"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(out, "search", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	idx := decodeSearch(t, files)
	if got := idx.find(t, "cssxgj0007"); !slices.Equal(got, []string{"测试市虚构局0007"}) {
		t.Errorf("cssxgj0007 finds %q", got)
	}
	if got := len(idx.find(t, "虚构局")); got != 40 {
		t.Errorf("虚构局 finds %d agencies, want 40", got)
	}
	var c compareFile
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "compare/data/fake-agency-0007.json"))), &c); err != nil {
		t.Fatal(err)
	}
	if c.Name != "测试市虚构局0007" || c.URL != "agency/fake-agency-0007/" || !slices.Equal(c.Years, []int{2017}) || len(c.Figures["proactive"]) != 1 || c.Figures["proactive"][0] == nil {
		t.Errorf("compare data: %+v", c)
	}
}
