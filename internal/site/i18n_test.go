package site

import (
	"encoding/json"
	stdhtml "html"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/net/html"

	nianbao "github.com/nianbao/nianbao"
)

// TestCatalogKeys: the theme's two catalogs have the same keys, and a catalog that
// lacks a key the other has is refused, naming the file and the key.
func TestCatalogKeys(t *testing.T) {
	c, err := loadCatalog(nianbao.Theme())
	if err != nil {
		t.Fatal(err)
	}
	if len(c[langZH]) < 50 || len(c[langZH]) != len(c[langEN]) {
		t.Fatalf("zh-cn has %d words, en %d", len(c[langZH]), len(c[langEN]))
	}
	for _, tc := range []struct{ zh, en, want string }{
		{"a = \"甲\"\nb = \"乙\"\n", "a = \"A\"\n", `i18n/en.toml: no "b"`},
		{"a = \"甲\"\n", "a = \"A\"\nb = \"B\"\n", `i18n/zh-cn.toml: no "b"`},
		{"a = 1\n", "a = \"A\"\n", "i18n/zh-cn.toml:"},
	} {
		theme := fstest.MapFS{"i18n/zh-cn.toml": {Data: []byte(tc.zh)}, "i18n/en.toml": {Data: []byte(tc.en)}}
		if _, err := loadCatalog(theme); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q / %q: error %v, want %q", tc.zh, tc.en, err, tc.want)
		}
	}
	if _, err := loadCatalog(fstest.MapFS{}); err == nil {
		t.Error("a theme without i18n/: no error")
	}
}

// TestCatalogUsedKeys: every key the layouts (T "key"), the body templates
// ($.W.T "key") and the Go code (w.T("key")) ask for is in the catalog, and every
// key of the catalog is asked for somewhere.
func TestCatalogUsedKeys(t *testing.T) {
	c, err := loadCatalog(nianbao.Theme())
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]string{} // key → where
	find := func(where, src string, re *regexp.Regexp) {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			used[m[1]] = where
		}
	}
	hugoT := regexp.MustCompile(`\bT "([a-z0-9_]+)"`)
	bodyT := regexp.MustCompile(`\.W\.T "([a-z0-9_]+)"`)
	goT := regexp.MustCompile(`\.T\("([a-z0-9_]+)"[,)]`)
	err = fs.WalkDir(nianbao.Theme(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(nianbao.Theme(), p)
		find(p, string(b), hugoT)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(bodyFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(bodyFS, p)
		find(p, string(b), bodyT)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Go code asks w.T("key"), and names some keys in tables ("r_heading_overview").
	goKey := regexp.MustCompile(`"([a-z0-9_]+)"`)
	gos, _ := filepath.Glob("*.go")
	for _, p := range gos {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src := readFile(t, p)
		find(p, src, goT)
		for _, m := range goKey.FindAllStringSubmatch(src, -1) {
			if _, ok := c[langZH][m[1]]; ok {
				used[m[1]] = p
			}
		}
	}
	// Keys made from a value: the dataset formats' names.
	for _, f := range datasetFormats {
		used["format_"+strings.ReplaceAll(f.ext, ".", "_")] = "report_en.go"
	}
	for _, k := range slices.Sorted(maps.Keys(used)) {
		if _, ok := c[langZH][k]; !ok {
			t.Errorf("%s: %q is not in the catalog", used[k], k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c[langZH])) {
		if _, ok := used[k]; !ok {
			t.Errorf("i18n/zh-cn.toml: %q is used nowhere", k)
		}
	}
	for k, v := range zhHome {
		if c[langZH][k] != v {
			t.Errorf("zhHome[%q] = %q, i18n/zh-cn.toml has %q", k, v, c[langZH][k])
		}
	}
}

// TestScriptWords: every word a site script asks static/js/i18n.js for
// (T('中文')) has its English there.
func TestScriptWords(t *testing.T) {
	dict := readFile(t, "../../static/js/i18n.js")
	en := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*'([^']+)': '`).FindAllStringSubmatch(dict, -1) {
		en[m[1]] = true
	}
	if len(en) < 20 {
		t.Fatalf("i18n.js: %d words", len(en))
	}
	asks := regexp.MustCompile(`\bT\('([^']+)'`)
	scripts, _ := filepath.Glob("../../static/js/*.js")
	n := 0
	for _, p := range scripts {
		for _, m := range asks.FindAllStringSubmatch(readFile(t, p), -1) {
			n++
			if !en[m[1]] {
				t.Errorf("%s: %q has no English in i18n.js", filepath.Base(p), m[1])
			}
		}
	}
	if n < 20 {
		t.Errorf("the scripts ask for %d words", n)
	}
}

// TestLanguages: every page says its language (<html lang>), an English page is
// under /en/, every hreflang link names a page that exists and links back, the
// default language is x-default, and the language switch links the same pages.
// The sitemap lists both languages.
func TestLanguages(t *testing.T) {
	const base = "/"
	out := buildFixtures(t, base)
	english := 0
	walk(t, out, func(p string) {
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		if !strings.HasSuffix(rel, ".html") || strings.HasPrefix(rel, "embed/") {
			return
		}
		doc := readFile(t, p)
		wantLang := "zh-CN"
		if strings.HasPrefix(rel, "en/") {
			wantLang = "en"
			english++
		}
		alts, sw, lang := languageLinks(t, doc)
		if lang != wantLang {
			t.Errorf("%s: <html lang=%q>, want %q", rel, lang, wantLang)
		}
		if len(alts) == 0 {
			if len(sw) > 0 {
				t.Errorf("%s: a language switch without hreflang links", rel)
			}
			return
		}
		self := "/" + strings.TrimSuffix(rel, "index.html")
		if alts[wantLang] != self {
			t.Errorf("%s: hreflang %s is %q, want the page itself", rel, wantLang, alts[wantLang])
		}
		if alts["x-default"] != alts["zh-CN"] || alts["zh-CN"] == "" || alts["en"] == "" {
			t.Errorf("%s: hreflang links %v", rel, alts)
		}
		for hl, u := range alts {
			target := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(u, "/")))
			if strings.HasSuffix(u, "/") {
				target = filepath.Join(target, "index.html")
			}
			back, _, _ := languageLinks(t, readFile(t, target))
			if back[wantLang] != self {
				t.Errorf("%s: hreflang %s %s does not link back (it has %v)", rel, hl, u, back)
			}
		}
		for hl, u := range sw {
			if hl == wantLang || alts[hl] != u {
				t.Errorf("%s: the switch links %s %s, hreflang says %q", rel, hl, u, alts[hl])
			}
		}
		if len(sw) != len(alts)-2 {
			t.Errorf("%s: the switch has %d languages, hreflang %d", rel, len(sw), len(alts)-1)
		}
	})
	if english < 10 {
		t.Errorf("%d English pages", english)
	}
	for _, p := range []string{"en/index.html", "en/about/index.html", "en/methodology/index.html", "en/checks/index.html", "en/data/index.html", "en/agency/huaian/2024/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("no English page: %v", err)
		}
	}
	for _, p := range []string{"zh-cn/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s: a page that should not be there", p)
		}
	}
	index := readFile(t, filepath.Join(out, "sitemap.xml"))
	for _, want := range []string{"<sitemapindex", "/zh-cn/sitemap.xml", "/en/sitemap.xml"} {
		if !strings.Contains(index, want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}
	if sm := readFile(t, filepath.Join(out, "en/sitemap.xml")); !strings.Contains(sm, "<loc>/en/agency/huaian/2024/</loc>") || !strings.Contains(sm, `hreflang="zh-CN"`) {
		t.Error("en/sitemap.xml lacks the English report page or its zh-CN alternate")
	}
	if sm := readFile(t, filepath.Join(out, "zh-cn/sitemap.xml")); !strings.Contains(sm, "<loc>/agency/huaian/2024/</loc>") {
		t.Error("zh-cn/sitemap.xml lacks the report page")
	}
}

// languageLinks are a page's <link rel="alternate" hreflang> (hreflang → href),
// its language switch's links (hreflang → href) and its <html lang>.
func languageLinks(t *testing.T, doc string) (alts, sw map[string]string, lang string) {
	t.Helper()
	alts, sw = map[string]string{}, map[string]string{}
	z := html.NewTokenizer(strings.NewReader(doc))
	inSwitch := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tok := z.Token()
		switch {
		case tok.Data == "html" && tt == html.StartTagToken:
			lang = attr(tok, "lang")
		case tok.Data == "link" && attr(tok, "rel") == "alternate":
			alts[attr(tok, "hreflang")] = attr(tok, "href")
		case tok.Data == "ul" && tt == html.StartTagToken && attr(tok, "class") == "lang-switch":
			inSwitch = true
		case tok.Data == "ul" && tt == html.EndTagToken:
			inSwitch = false
		case inSwitch && tok.Data == "a" && tt == html.StartTagToken:
			if attr(tok, "lang") != attr(tok, "hreflang") {
				t.Errorf("a switch link with lang %q, hreflang %q", attr(tok, "lang"), attr(tok, "hreflang"))
			}
			sw[attr(tok, "hreflang")] = attr(tok, "href")
		}
	}
}

// TestEnglishUI: the English home, hand-written and report pages show none of the
// site's Chinese UI words (every zh-cn catalog value in Chinese), outside what is
// record text (names, titles, narrative, check messages, the report's tables and
// source lines, the links to Chinese pages) and the switch to 中文. The prose of
// the hand-written pages, which quotes the Chinese terms it translates, is left out.
func TestEnglishUI(t *testing.T) {
	zhWords := catalogChineseWords(t)
	out := buildFixtures(t, "/")
	recordText := regexp.MustCompile(`(?s)<title>.*?</title>|<meta name="description"[^>]*>|<h1>.*?</h1>|<nav class="crumbs".*?</nav>|<p class="kicker">.*?</p>|<li>Region: .*?</li>|<table class="grid".*?</table>|<p class="hint">本列.*?</p>|<section id="narrative".*?</section>|<ul class="checks">.*?</ul>|<details class="provenance".*?</details>|<ul class="links">.*?</ul>|<ul class="lang-switch".*?</ul>|<a [^>]*>[^<]*</a> \([^)]*\)|<code>.*?</code>|placeholder="[^"]*"|data-chart='[^']*'|<article class="prose">.*?</article>`)
	// The repository's data has reports of consecutive years, whose key figures and
	// rates say how they changed from the year before.
	data := buildData(t, "/")
	for _, p := range []string{"en/index.html", "en/about/index.html", "en/checks/index.html", "en/agency/huaian/2024/index.html", "en/agency/xifeng-qu/2017/index.html", "en/404.html",
		"data:en/agency/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/2015/index.html", "data:en/agency/ping-tan-zong-he-shi-yan-qu-shi-chang-jian-du-guan-li-ju/2018/index.html"} {
		dir := out
		if rest, ok := strings.CutPrefix(p, "data:"); ok {
			dir, p = data, rest
		}
		doc := readFile(t, filepath.Join(dir, p))
		// A report's key figures and rates are the template's words and figures,
		// with no record text: not a character of Chinese.
		if i := strings.Index(doc, `<section id="key"`); i >= 0 {
			key := doc[i:]
			key = key[:strings.Index(key, "</section>")]
			if hasHan(key) {
				t.Errorf("%s: Chinese in the key figures and rates:\n%s", p, key)
			}
		}
		ui := recordText.ReplaceAllString(doc, "")
		for _, w := range zhWords {
			if strings.Contains(ui, w) {
				i := strings.Index(ui, w)
				t.Errorf("%s: Chinese UI text %q: …%s…", p, w, ui[max(0, i-80):min(len(ui), i+80)])
			}
		}
		if strings.Contains(ui, "[") && regexp.MustCompile(`\[[a-z0-9_]+\]`).MatchString(ui) {
			t.Errorf("%s: a key without words: %s", p, regexp.MustCompile(`\[[a-z0-9_]+\]`).FindString(ui))
		}
	}
	// The English report page's links to the zh-cn page's files and pages resolve.
	const page = "en/agency/huaian/2024/"
	doc := readFile(t, filepath.Join(out, page, "index.html"))
	for _, r := range htmlRefs(doc) {
		if _, ok, err := localTarget(out, "/"+page, r.url); ok && err != nil {
			t.Errorf("%s: %s does not resolve: %v", page, r.url, err)
		}
	}
	for _, want := range []string{`data-text="../../../../agency/huaian/2024/text.txt"`, "Key figures", "Requests received", "Checks", "Source and downloads", "Charts"} { // the charts' "Data table" is charts.js's (TestEnglishReportTables)
		if !strings.Contains(doc, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}

func hasHan(s string) bool { return hanCount(s) > 0 }

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// TestNoEnglishReports: Options.NoEnglishReports leaves out the English report
// pages and nothing else, and no page links to one.
func TestNoEnglishReports(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{DataDir: fixtures, Now: testNow, NoEnglishReports: true}, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en/agency/huaian/2024")); err == nil {
		t.Error("en/agency/huaian/2024/ is there")
	}
	// The English agency page is there, and links the zh-CN report page.
	if doc := readFile(t, filepath.Join(out, "en/agency/huaian/index.html")); !strings.Contains(doc, `href="../../../agency/huaian/2024/"`) {
		t.Error("en/agency/huaian/ does not link the zh-CN report page")
	}
	for _, p := range []string{"en/index.html", "en/about/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
	doc := readFile(t, filepath.Join(out, "agency/huaian/2024/index.html"))
	if strings.Contains(doc, "/en/") || strings.Contains(doc, "lang-switch") {
		t.Error("the report page links an English page")
	}
}

// testWords are the embedded theme's words in lang, for tests that render a body.
func testWords(t testing.TB, lang string) words {
	t.Helper()
	c, err := loadCatalog(nianbao.Theme())
	if err != nil {
		t.Fatal(err)
	}
	return c.in(lang)
}

// TestEnglishReportTables: the English page of the repository's 淮安市人民政府 2024
// has the zh-cn page's tables with their labels in English: the same figure cells
// (text, key and source line) in the same order, every caption and header cell in
// English (but the proactive breakdown's categories, the record's own words); and
// its charts, captioned in English, with English data tables holding the zh-cn
// charts' figures.
func TestEnglishReportTables(t *testing.T) {
	out := buildData(t, "/")
	const page = "agency/huai-an-shi-ren-min-zheng-fu/2024/index.html"
	zh := readFile(t, filepath.Join(out, page))
	en := readFile(t, filepath.Join(out, "en", page))
	r := loadRecord(t, "../../data/reports/huai-an-shi-ren-min-zheng-fu/2024.toml")
	recordWords := map[string]bool{}
	for _, c := range r.List("proactive.categories") {
		recordWords[c.Name] = true
	}
	grid := regexp.MustCompile(`(?s)<table class="grid".*?</table>`)
	// Cells and rows have no end tags (writeGridRow): a cell's text runs to the
	// next tag or the row's end.
	td := regexp.MustCompile(`<td[^>]*>[^<\n]*`)
	title := regexp.MustCompile(` title="[^"]*"`)
	th := regexp.MustCompile(`<(?:th|caption)[^>]*>([^<\n]*)`)
	zhGrids, enGrids := grid.FindAllString(zh, -1), grid.FindAllString(en, -1)
	if len(zhGrids) < 4 || len(enGrids) != len(zhGrids) {
		t.Fatalf("%d tables on the zh-cn page, %d on the English page", len(zhGrids), len(enGrids))
	}
	labels := 0
	for i := range zhGrids {
		// An approximate figure says so in the page's language: 5,500余, 5,500+.
		zhCells := regexp.MustCompile(`余([\n<])`).ReplaceAllString(title.ReplaceAllString(zhGrids[i], ""), "+$1")
		zc, ec := td.FindAllString(zhCells, -1), td.FindAllString(title.ReplaceAllString(enGrids[i], ""), -1)
		if !slices.Equal(zc, ec) {
			t.Errorf("table %d: the English figure cells differ from the zh-cn ones:\n%q\n%q", i, ec, zc)
		}
		for _, m := range th.FindAllStringSubmatch(enGrids[i], -1) {
			labels++
			if text := stdhtml.UnescapeString(m[1]); hasHan(text) && !recordWords[text] {
				t.Errorf("table %d: label %q is not in English", i, text)
			}
		}
	}
	if labels < 80 {
		t.Errorf("only %d labels in the English tables", labels)
	}
	for _, want := range []string{"1. New requests received this year", "Natural persons", "Commercial enterprises",
		"Administrative reconsideration", "Upheld", "Corrected", "(3) Withheld", "1. State secrets"} {
		if !strings.Contains(en, ">"+want+"<") {
			t.Errorf("the English tables lack %q", want)
		}
	}
	if strings.Contains(en, `title="核对提示`) {
		t.Error("a flagged cell of the English tables is titled in Chinese")
	}
	// The charts: as many as on the zh-cn page, captioned in English, their data
	// tables with English headers and the same figures.
	fig := regexp.MustCompile(`(?s)<figure class="chart-figure[^"]*"><figcaption[^>]*>([^<]*)</figcaption>.*?</figure>`)
	zhFigs, enFigs := fig.FindAllStringSubmatch(zh, -1), fig.FindAllStringSubmatch(en, -1)
	if len(zhFigs) < 3 || len(enFigs) != len(zhFigs) {
		t.Fatalf("%d charts on the zh-cn page, %d on the English page", len(zhFigs), len(enFigs))
	}
	// Their tables are in data-chart (chartView.Inline), for the script to make.
	data := regexp.MustCompile(`data-chart='([^']*)'`)
	table := func(page, fig string) (head []string, figures [][]string) {
		m := data.FindStringSubmatch(fig)
		if m == nil {
			t.Fatalf("a report chart without data-chart: %s", fig)
		}
		h, rows, _ := inlineChartTable(t, out, page, stdhtml.UnescapeString(m[1]))
		for _, r := range rows {
			head = append(head, r[0])
			figures = append(figures, r[1:])
		}
		return append(head, h...), figures
	}
	for i := range zhFigs {
		if caption := enFigs[i][1]; hasHan(caption) || !unitInCaptionEn.MatchString(caption) {
			t.Errorf("chart %d: caption %q is not in English or does not say its unit", i, caption)
		}
		enLabels, enFigures := table("en/"+page, enFigs[i][0])
		_, zhFigures := table(page, zhFigs[i][0])
		for _, text := range enLabels {
			if hasHan(text) && !recordWords[text] {
				t.Errorf("chart %d: data table header %q is not in English", i, text)
			}
		}
		if !slices.EqualFunc(zhFigures, enFigures, slices.Equal) {
			t.Errorf("chart %d: the English data table's figures differ from the zh-cn one's", i)
		}
		if hasHan(stdhtml.UnescapeString(strings.Split(enFigs[i][0], "data-chart=")[0])) {
			t.Errorf("chart %d: Chinese in the English chart's markup: %s", i, enFigs[i][0])
		}
	}
	// The script makes each chart's folded table under a summary it translates
	// (charts.js inlineTable: T('数据表')).
	js, err := os.ReadFile("../../static/js/i18n.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), "'数据表': 'Data table'") {
		t.Error("static/js/i18n.js does not translate the charts' 数据表")
	}
}

// englishListPages are English versions of the agency, region, year, index and
// compare pages of the fixtures' build.
var englishListPages = []string{
	"en/agency/index.html", "en/agency/by-region/index.html", "en/agency/huaian/index.html", "en/agency/xifeng-qu/index.html",
	"en/region/index.html", "en/region/420000/index.html", "en/region/420600/index.html",
	"en/year/index.html", "en/year/2017/index.html", "en/compare/index.html",
}

// TestEnglishLists: the English agency, region, year, index and compare pages exist,
// each with its hreflang pair and language switch to the zh-CN page (and back); their
// UI has no Chinese word of the catalog (record text, agency and place names, is
// as printed) and no key without words; their links resolve, and lead to English
// pages where there are some.
func TestEnglishLists(t *testing.T) {
	zhWords := catalogChineseWords(t)
	out := buildFixtures(t, "/")
	var names []string // the agencies' and places' names, record text
	var idx struct {
		Agencies []struct{ Name, Region string } `json:"agencies"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "agency/index.json"))), &idx); err != nil {
		t.Fatal(err)
	}
	for _, a := range idx.Agencies {
		names = append(names, template.HTMLEscapeString(a.Name), a.Region)
	}
	recordText := regexp.MustCompile(`(?s)<title>.*?</title>|<meta [^>]*>|<h1>.*?</h1>|<nav class="crumbs".*?</nav>|<p class="meta">.*?</p>|<tbody>.*?</tbody>|<nav class="letter-bar region-bar".*?</nav>|<ul class="links">.*?</ul>|<ul class="lang-switch".*?</ul>|<code>.*?</code>|<script.*?</script>`)
	for _, p := range englishListPages {
		doc := readFile(t, filepath.Join(out, p))
		alts, sw, lang := languageLinks(t, doc)
		zh := "/" + strings.TrimSuffix(strings.TrimPrefix(p, "en/"), "index.html")
		if lang != "en" || alts["en"] != "/"+strings.TrimSuffix(p, "index.html") || alts["zh-CN"] != zh || sw["zh-CN"] != zh {
			t.Errorf("%s: lang %q, hreflang %v, switch %v; want en and the pair with %s", p, lang, alts, sw, zh)
		}
		if back, _, _ := languageLinks(t, readFile(t, filepath.Join(out, zh, "index.html"))); back["en"] != alts["en"] {
			t.Errorf("%s: the zh-CN page %s names %q as its English version", p, zh, back["en"])
		}
		ui := recordText.ReplaceAllString(doc, "")
		for _, n := range names {
			ui = strings.ReplaceAll(ui, n, "")
		}
		for _, w := range zhWords {
			if i := strings.Index(ui, w); i >= 0 {
				t.Errorf("%s: Chinese UI text %q: …%s…", p, w, ui[max(0, i-80):min(len(ui), i+80)])
			}
		}
		if k := regexp.MustCompile(`\[[a-z0-9_]+\]`).FindString(ui); k != "" {
			t.Errorf("%s: a key without words: %s", p, k)
		}
		for _, r := range htmlRefs(doc) {
			target, ok, err := localTarget(out, "/"+path.Dir(p), r.url)
			if !ok {
				continue
			}
			u, _ := url.Parse(r.url)
			if err != nil {
				t.Errorf("%s: %s does not resolve: %v", p, r.url, err)
			}
			// Pages (not files) lead to English pages; the charts are on the zh-CN page.
			if strings.HasSuffix(target, "/") && target != zh && !strings.HasPrefix(target, "/en/") && !strings.HasSuffix(target, "/search/") && !strings.HasSuffix(target, "/data-files/") && u.Fragment != "charts-h" && u.Fragment != "trend-h" {
				t.Errorf("%s: %s leads to the zh-CN page %s", p, r.url, target)
			}
		}
	}
	// The English agency page links its English report pages; the compare page reads
	// the site's one compare/data/ folder.
	doc := readFile(t, filepath.Join(out, "en/agency/xifeng-qu/index.html"))
	for _, want := range []string{`href="2017/"`, "Reports by year", `href="../../compare/?agencies=xifeng-qu">Compare with other agencies`} {
		if !strings.Contains(doc, want) {
			t.Errorf("en/agency/xifeng-qu/ lacks %s", want)
		}
	}
	if doc := readFile(t, filepath.Join(out, "en/compare/index.html")); !strings.Contains(doc, `data-data="../../compare/data/"`) || !strings.Contains(doc, `data-search="../../search/"`) {
		t.Error("en/compare/ does not read the site's compare/data/ and search/")
	}
	// The English report page's crumbs lead to the English agency and region pages.
	if doc := readFile(t, filepath.Join(out, "en/agency/huaian/2024/index.html")); !strings.Contains(doc, `<li><a href="../../../region/320800/">淮安市</a><li><a href="../">淮安市人民政府</a></ol>`) {
		t.Error("en/agency/huaian/2024/: its crumbs do not lead to the English region and agency pages")
	}
	if doc := readFile(t, filepath.Join(out, "en/index.html")); !strings.Contains(doc, `href="year/2017/"`) || !strings.Contains(doc, `href="/en/agency/"`) {
		t.Error("the English home page does not link the English year and agency pages")
	}
}

// TestEnglishPagination: an English list longer than listRows continues on English
// pages (en/…/page/N/, each with its zh-CN pair), with an English pager; an English
// agency page with a trend links the zh-CN page's chart.
func TestEnglishPagination(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(t, data, listRows+30, 2)
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: data, Now: testNow, BaseURL: "/"}, out); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"en/year/2017/page/2/index.html", "en/agency/page/2/index.html"} {
		doc := readFile(t, filepath.Join(out, p))
		alts, _, _ := languageLinks(t, doc)
		if alts["zh-CN"] != "/"+strings.TrimSuffix(strings.TrimPrefix(p, "en/"), "index.html") {
			t.Errorf("%s: hreflang %v", p, alts)
		}
		for _, want := range []string{`<nav class="pager" aria-label="Pages">`, `href="../../">← Previous</a>`, "(page 2)", " in all, 30 on this page)</caption>"} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		if hasHan(regexp.MustCompile(`(?s)<tbody>.*?</tbody>|<title>.*?</title>|<h1>.*?</h1>|<nav class="crumbs".*?</nav>|<meta [^>]*>|<ul class="lang-switch".*?</ul>`).ReplaceAllString(doc, "")) {
			t.Errorf("%s: Chinese outside the table's records", p)
		}
	}
	first := readFile(t, filepath.Join(out, "en/agency/index.html"))
	if !strings.Contains(first, `<nav class="letter-bar" aria-label="By the first letter of the pinyin">`) || !strings.Contains(first, `href="page/2/">Next →</a>`) {
		t.Error("en/agency/ lacks its letter bar or its pager")
	}
	if doc := readFile(t, filepath.Join(out, "en/agency/fake-agency-0001/index.html")); !strings.Contains(doc, `<a href="../../../agency/fake-agency-0001/#trend-h" hreflang="zh-CN">`) || strings.Contains(doc, "data-chart") {
		t.Error("en/agency/fake-agency-0001/ does not link the zh-CN page's trend, or draws a chart")
	}
}

// TestTranslateList: an English list table's count and pager are in English, and
// record text that looks like them (an agency named "← 上一页", a caption ending in
// "（3份）") is left as printed.
func TestTranslateList(t *testing.T) {
	l := listLang{w: testWords(t, langEN), pre: "en/"}
	zh := listLang{w: testWords(t, langZH)}
	n := int64(1)
	tbl := SortTable{Caption: "某局（3份）", Total: 250, Columns: []SortCol{{Label: "Agency"}},
		Rows: [][]LinkCell{{{Text: "← 上一页", URL: "agency/x/"}}, {{Text: "下一页 →"}, {Text: "1", Value: &n}}}}
	table, pager := listHTML("en/agency/page/2/", "en/agency/", tbl, 2, 3)
	got, gotPager := string(l.translateTable(table)), string(l.translatePager(pager))
	for _, want := range []string{"<caption>某局（3份） (250 in all, 2 on this page)</caption>", `<a href="../../../../agency/x/">← 上一页</a>`, "下一页 →<td"} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks %s:\n%s", want, got)
		}
	}
	for _, want := range []string{`aria-label="Pages"`, ">← Previous</a>", ">Next →</a>"} {
		if !strings.Contains(gotPager, want) {
			t.Errorf("the pager lacks %s:\n%s", want, gotPager)
		}
	}
	if zh.translateTable(table) != table || zh.translatePager(pager) != pager {
		t.Error("the default language's table or pager changed")
	}
}

// catalogChineseWords returns the Chinese UI words an English page must not show:
// each run of two or more Han characters of a zh-cn catalog value whose English
// differs.
func catalogChineseWords(t *testing.T) []string {
	t.Helper()
	c, err := loadCatalog(nianbao.Theme())
	if err != nil {
		t.Fatal(err)
	}
	var zhWords []string
	for k, v := range c[langZH] {
		if hasHan(v) && c[langEN][k] != v {
			for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '%' || r == '<' || r == '>' }) {
				if hanCount(part) >= 2 {
					zhWords = append(zhWords, strings.TrimFunc(part, func(r rune) bool { return !unicode.Is(unicode.Han, r) }))
				}
			}
		}
	}
	return zhWords
}

// localTarget is the site path (from the output's root) that the link raw of a page
// in the folder dir ("/en/agency/") leads to, and whether the output has it (a file,
// or a folder with its index.html); ok is false for a link this site does not serve
// from its own files (absolute, a fragment alone, empty or malformed).
func localTarget(out, dir, raw string) (target string, ok bool, err error) {
	u, perr := url.Parse(raw)
	if perr != nil || u.IsAbs() || strings.HasPrefix(raw, "#") || raw == "" {
		return "", false, nil
	}
	target = path.Join(dir, u.Path)
	if strings.HasPrefix(u.Path, "/") {
		target = u.Path
	}
	fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(target)))
	if err == nil && fi.IsDir() {
		_, err = os.Stat(filepath.Join(out, filepath.FromSlash(target), "index.html"))
	}
	return target, true, err
}
