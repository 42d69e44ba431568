package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nianbao/nianbao"
	"github.com/parquet-go/parquet-go"
	"golang.org/x/net/html"
)

// fixtures is a data folder of the five seed reports and Huai'an 2024 (the corpus's
// expected records, with made-up text/ and raw/ files) and one hostile record.
const fixtures = "testdata/data"

var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// built is the fixtures built once at the root and once under a project subpath,
// shared by the tests that only read the output.
var built = struct {
	sync.Mutex
	dirs map[string]string
}{dirs: map[string]string{}}

func buildFixtures(t testing.TB, baseURL string) string {
	t.Helper()
	built.Lock()
	defer built.Unlock()
	if dir, ok := built.dirs[baseURL]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "nianbao-site-test-")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: fixtures, BaseURL: baseURL, Now: testNow}, out); err != nil {
		t.Fatalf("Build: %v", err)
	}
	built.dirs[baseURL] = out
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range built.dirs {
		os.RemoveAll(filepath.Dir(dir))
	}
	os.Exit(code)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// text is the visible text of an HTML document, entities decoded.
func text(t *testing.T, doc string) string {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		}
	}
}

func TestPages(t *testing.T) {
	out := buildFixtures(t, "/")
	tests := []struct {
		page string
		want []string // in the page's text
	}{
		{"index.html", []string{"政府信息公开工作年度报告数据", "淮安市人民政府", "全国历年有报告的机关数（个）", "每个机关收到申请数的中位数"}},
		{"agency/huaian/2024/index.html", []string{"淮安市人民政府", "3,119", "5,500余", "三、收到和处理政府信息公开申请情况",
			"（三）不予公开", "8.属于行政查询事项", "3,985,758", "第二十条第（八）项", "96,171.6", "申请办理结果（按申请人类型，件）", "核对说明",
			"实质公开率：59.5%（1,816 / 3,050）"}},
		{"agency/xiangyang-xzspj/2017/index.html", []string{"襄阳市行政审批局", "1,379", "发布日期：2018-01-10", "审批公示公告信息", "508",
			"主动公开政府信息数量（按类别，条）", "规范化原文", "本报告所列数据的统计时限"}},
		{"agency/xifeng-qu/2017/index.html", []string{"西峰区人民政府", "13,000余", "当面申请", "61", "同意公开", "88"}},
		{"agency/hengshan-xzspfwj/2020/index.html", []string{"衡山县行政审批服务局", "本年新制作数量", "其他对外管理服务事项", "7,819"}},
		{"agency/suizhou-zsj/2017/index.html", []string{"随州市招商局", "项目信息", "78"}},
		{"agency/fushun-xzspfwj/2016/index.html", []string{"抚顺市行政审批服务局", "2,901"}},
		{"agency/huaian/index.html", []string{"淮安市人民政府", "历年报告", "2024年度"}},
		{"region/index.html", []string{"江苏省", "湖北省"}},
		{"region/320000/index.html", []string{"江苏省", "淮安市"}},
		{"region/320800/index.html", []string{"淮安市", "淮安市人民政府"}},
		{"region/420000/index.html", []string{"湖北省", "襄阳市行政审批局", "随州市招商局"}},
		{"data-files/index.html", []string{"数据文件", "csv.gz", "parquet", "json.gz", "江苏省"}},
		{"year/index.html", []string{"2017年度", "2024年度"}},
		{"year/2017/index.html", []string{"2017年度的报告", "西峰区人民政府", "2016年度", "2020年度"}},
		{"agency/index.html", []string{"全部机关", "抚顺市行政审批服务局"}},
		{"about/index.html", []string{"关于本站"}},
		{"methodology/index.html", []string{"勾稽关系", "汇总口径"}},
		{"data/index.html", []string{"长格式 CSV", "agency_slug"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			doc := readFile(t, filepath.Join(out, tt.page))
			if !strings.Contains(doc, `<html lang="zh-CN"`) {
				t.Errorf("no lang=zh-CN")
			}
			txt := text(t, doc)
			for _, w := range tt.want {
				if !strings.Contains(txt, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

// TestListOrder: a list's table is in its default order (by agency) without
// JavaScript, sortable in the browser (no pre-rendered copies in other orders).
func TestListOrder(t *testing.T) {
	out := buildFixtures(t, "/")
	doc := readFile(t, filepath.Join(out, "year/2017/index.html"))
	txt := text(t, doc)
	a, b, c := strings.Index(txt, "襄阳市行政审批局"), strings.Index(txt, "西峰区人民政府"), strings.Index(txt, "随州市招商局")
	if !(a >= 0 && b >= 0 && c >= 0) {
		t.Fatalf("year/2017 lacks a report: positions %d %d %d", a, b, c)
	}
	if !strings.Contains(doc, `class="list sortable"`) || !strings.Contains(doc, `data-sort="num"`) || !strings.Contains(doc, `data-v="13000"`) {
		t.Error("year/2017's table is not marked sortable, with its figures' values")
	}
	if _, err := os.Stat(filepath.Join(out, "year/2017/sort-proactive")); err == nil {
		t.Error("a pre-rendered sort order is still written")
	}
}

func TestDownloads(t *testing.T) {
	out := buildFixtures(t, "/")
	dir := filepath.Join(out, "agency/huaian/2024")
	toml := readFile(t, filepath.Join(dir, "record.toml"))
	if src := readFile(t, filepath.Join(fixtures, "reports/huaian/2024.toml")); toml != src {
		t.Errorf("record.toml is not the record file's bytes")
	}
	for _, gone := range []string{"record.json", "record.csv"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s is written: the record's JSON and CSV are in the dataset files", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "original.txt")); err != nil {
		t.Errorf("raw original: %v", err)
	}
	// The report page links to its year and province's files.
	page := readFile(t, filepath.Join(dir, "index.html"))
	for _, l := range []string{`href="record.toml"`, `href="../../../data/2024/320000.csv.gz"`, `href="../../../data/2024/320000.summary.csv.gz"`, `href="../../../data/2024/320000.parquet"`, `href="../../../data/2024/320000.json.gz"`} {
		if !strings.Contains(page, l) {
			t.Errorf("the report page lacks the link %s", l)
		}
	}
	rows := readCSV(t, filepath.Join(out, "data/2024/320000.csv.gz"))
	if !slices.Equal(rows[0], csvHeader) {
		t.Errorf("CSV header %v", rows[0])
	}
	want := []string{"淮安市人民政府", "huaian", "2024", "requests", "new_received", "total", "3119", "0", "2021", "320800"}
	if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
		t.Errorf("320000.csv.gz lacks requests.new_received.total = 3119")
	}
	figures := readParquet(t, filepath.Join(out, "data/2024/320000.parquet"))
	if len(figures) != len(rows)-1 {
		t.Errorf("320000.parquet has %d rows, the CSV %d", len(figures), len(rows)-1)
	}
	if !slices.Contains(figures, figureRow{Agency: "淮安市人民政府", Slug: "huaian", Year: 2024, Table: "requests", Row: "new_received", Column: "total", Value: 3119, Template: "2021", DivisionCode: "320800"}) {
		t.Errorf("320000.parquet lacks requests.new_received.total = 3119")
	}
	var part struct {
		Schema   int    `json:"schema"`
		Year     int    `json:"year"`
		Province string `json:"province"`
		Reports  []struct {
			Slug   string         `json:"agency_slug"`
			Year   int            `json:"year"`
			Record map[string]any `json:"record"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(gunzip(t, filepath.Join(out, "data/2024/320000.json.gz"))), &part); err != nil {
		t.Fatalf("320000.json.gz: %v", err)
	}
	if len(part.Reports) != 1 || part.Reports[0].Record["agency"].(map[string]any)["name"] != "淮安市人民政府" || part.Province != "320000" {
		t.Errorf("320000.json.gz: %+v", part)
	}
	var manifest struct {
		Files []datasetFile `json:"files"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "data/index.json"))), &manifest); err != nil {
		t.Fatalf("data/index.json: %v", err)
	}
	reports := 0
	for _, f := range manifest.Files {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.URL)))
		if err != nil || fi.Size() != f.Bytes {
			t.Errorf("data/index.json lists %s (%d bytes): %v", f.URL, f.Bytes, err)
		}
		if f.Format == "json.gz" {
			reports += f.Reports
		}
	}
	if reports != 7 {
		t.Errorf("the dataset files hold %d reports, want 7", reports)
	}
}

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(b)
}

func readParquet(t *testing.T, path string) []figureRow {
	t.Helper()
	rows, err := parquet.ReadFile[figureRow](path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestHostileRecordIsInert checks every page: the only scripts are the site's own,
// no element has an event handler attribute or a javascript: address, and the
// hostile record's text is shown literally.
func TestHostileRecordIsInert(t *testing.T) {
	out := buildFixtures(t, "/")
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		checkInert(t, rel, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := readFile(t, filepath.Join(out, "agency/hostile-test/2022/index.html"))
	txt := text(t, doc)
	for _, w := range []string{
		"{{< shortcode >}}", "{{% x %}}", "<script>alert('narrative')</script>", "+++", "---", "layout: evil",
		"</script><script>alert('check')</script>", "<svg onload=alert(3)>", "测试局<script>alert('name')</script>",
	} {
		if !strings.Contains(txt, w) {
			t.Errorf("hostile page does not show %q as text", w)
		}
	}
	if strings.Contains(doc, "javascript:alert('url')") {
		t.Errorf("the javascript: source URL became a link")
	}
}

func checkInert(t *testing.T, page, doc string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s %s=%q>: an event handler attribute", page, tok.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: <%s %s=%q>", page, tok.Data, a.Key, a.Val)
			}
		}
		switch tok.Data {
		case "script":
			src := attr(tok, "src")
			if !strings.HasPrefix(src, "/") {
				src = path.Join("/", path.Dir(filepath.ToSlash(page)), src)
			}
			switch src {
			case "/js/nianbao.min.js", "/js/nianbao-charts.min.js", "/js/echarts.min.js", "/js/compare.js", // the bundles: layouts/_partials/scripts.html
				"/js/site.js", "/js/search.js", "/js/charts.js", "/js/chart-kinds.js", "/js/chart-labels.js", "/js/tables.js", "/js/print.js", "/js/i18n.js":
			default:
				t.Errorf("%s: a script that is not the site's: %s", page, tok.String())
			}
		case "form", "input":
			// The site's own: the search boxes and the compare page's picker.
			if id := attr(tok, "id"); !strings.HasPrefix(attr(tok, "class"), "search search-") && id != "compare-form" &&
				!strings.HasPrefix(id, "q-") && id != "compare-url" && attr(tok, "name") != "figure" {
				t.Errorf("%s: unexpected element %s", page, tok.String())
			}
		case "img", "svg", "iframe", "object", "embed", "b":
			t.Errorf("%s: unexpected element %s", page, tok.String())
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hashTree hashes every file's path and bytes under dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		io.WriteString(h, rel+"\x00")
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	var hashes []string
	for _, name := range []string{"a", "b"} {
		out := filepath.Join(dir, name)
		if _, err := Build(Options{DataDir: fixtures, BaseURL: "/", Now: testNow}, out); err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, hashTree(t, out))
	}
	if hashes[0] != hashes[1] {
		t.Errorf("two builds of the same data differ: %s vs %s", hashes[0], hashes[1])
	}
}

func TestAtomicOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: fixtures, BaseURL: "/", Now: testNow}, out); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)

	// A theme with a broken template.
	broken := fstest.MapFS{}
	fs.WalkDir(nianbao.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(nianbao.Theme(), p)
			broken[p] = &fstest.MapFile{Data: b}
		}
		return err
	})
	broken["layouts/_partials/views/report.html"] = &fstest.MapFile{Data: []byte(`{{ .Params.nosuch.field.deeper | printf "%d" }}{{ partial "missing.html" . }}`)}
	if _, err := Build(Options{DataDir: fixtures, BaseURL: "/", Now: testNow, Theme: broken}, out); err == nil {
		t.Fatal("build with a broken template succeeded")
	}
	if after := hashTree(t, out); after != before {
		t.Error("a failed render changed the previous output")
	}

	// A data folder with an invalid record.
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(filepath.Join(bad, "reports", "x"), 0o755)
	os.WriteFile(filepath.Join(bad, "reports", "x", "2020.toml"), []byte("[agency]\nname = 1\n"), 0o644)
	_, err := Build(Options{DataDir: bad, BaseURL: "/", Now: testNow}, out)
	if err == nil {
		t.Fatal("build of an invalid record succeeded")
	}
	if !strings.Contains(err.Error(), filepath.Join(bad, "reports", "x", "2020.toml")) {
		t.Errorf("error does not name the file: %v", err)
	}
	if after := hashTree(t, out); after != before {
		t.Error("a refused build changed the previous output")
	}
	// No staging folders are left behind.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestEmptyDataFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	empty := filepath.Join(dir, "data")
	os.Mkdir(empty, 0o755)
	st, err := Build(Options{DataDir: empty, BaseURL: "/", Now: testNow}, out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Records != 0 || st.Pages == 0 {
		t.Errorf("stats %+v", st)
	}
	if txt := text(t, readFile(t, filepath.Join(out, "index.html"))); !strings.Contains(txt, "还没有数据") {
		t.Error("the home page of an empty site does not say there is no data")
	}
	for _, p := range []string{"about/index.html", "methodology/index.html", "data/index.html", "data/index.json", "data-files/index.html", "agency/index.json"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
}

func TestGenerateKeepsReportTextOutOfBodies(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Generate(Options{DataDir: fixtures, Now: testNow}, dir); err != nil {
		t.Fatal(err)
	}
	// Every generated content file is one line of JSON: front matter, no body.
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "index.md") {
			return err
		}
		b, _ := os.ReadFile(p)
		if !bytes.HasPrefix(b, []byte("{")) || bytes.Count(b, []byte("\n")) != 1 || !json.Valid(bytes.TrimSpace(b)) {
			t.Errorf("%s is not a single line of JSON front matter", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "data")); len(ents) != 0 {
		t.Errorf("Hugo's data folder is not empty: %d files", len(ents))
	}
	if _, err := Generate(Options{DataDir: fixtures, Now: testNow}, dir); err != nil {
		t.Errorf("Generate into its own previous project: %v", err)
	}
}

// TestSubpathLinks builds for a GitHub Pages project subpath, serves the output
// there, and follows every internal link and asset from the home page.
func TestSubpathLinks(t *testing.T) {
	const base = "https://example.github.io/portal/"
	out := buildFixtures(t, base)
	mux := http.NewServeMux()
	mux.Handle("/portal/", http.StripPrefix("/portal/", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	origin, _ := url.Parse(srv.URL)

	seen := map[string]bool{}
	queue := []string{"/portal/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", p, resp.Status)
			continue
		}
		ct := resp.Header.Get("Content-Type")
		var refs []ref
		switch {
		case strings.HasPrefix(ct, "text/html"):
			refs = htmlRefs(string(body))
		case strings.HasPrefix(ct, "text/css"):
			refs = cssRefs(string(body))
		case strings.Contains(ct, "javascript"):
			checkNoOrigins(t, p, string(body))
		}
		for _, r := range refs {
			u, err := url.Parse(r.url)
			if err != nil {
				t.Errorf("%s: bad URL %q", p, r.url)
				continue
			}
			abs := origin.ResolveReference(&url.URL{Path: p}).ResolveReference(u)
			if abs.Host == "example.github.io" { // the base URL's host is this server
				abs.Scheme, abs.Host = origin.Scheme, origin.Host
			}
			if abs.Host != origin.Host {
				if !r.link {
					t.Errorf("%s: <%s> requests another origin: %s", p, r.tag, r.url)
				}
				continue
			}
			if !strings.HasPrefix(abs.Path, "/portal/") {
				t.Errorf("%s: %s is outside the project subpath", p, r.url)
				continue
			}
			if !seen[abs.Path] {
				queue = append(queue, abs.Path)
			}
		}
	}
	if len(seen) < 60 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
	for _, must := range []string{"/portal/js/echarts.min.js", "/portal/css/site.min.css", "/portal/agency/huaian/2024/record.toml", "/portal/agency/huaian/2024/text.txt", "/portal/data/2024/320000.parquet"} {
		if !seen[must] {
			t.Errorf("the crawl never reached %s", must)
		}
	}
}

type ref struct {
	tag, url string
	link     bool // an <a href>: a link the reader follows, not a request
}

func htmlRefs(doc string) []ref {
	var out []ref
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if a.Key != "href" && a.Key != "src" {
				continue
			}
			if strings.HasPrefix(a.Val, "#") {
				continue
			}
			out = append(out, ref{tag: tok.Data, url: a.Val, link: tok.Data == "a"})
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)

func cssRefs(css string) []ref {
	var out []ref
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		out = append(out, ref{tag: "css", url: m[1]})
	}
	return out
}

// xmlNamespaces are URIs that name XML namespaces in the ECharts SVG renderer; they
// are identifiers, never fetched.
var xmlNamespaces = regexp.MustCompile(`http://www\.w3\.org/[0-9A-Za-z/]+`)

func checkNoOrigins(t *testing.T, page, js string) {
	t.Helper()
	js = xmlNamespaces.ReplaceAllString(js, "")
	if m := regexp.MustCompile(`https?://[^\s"')]+`).FindString(js); m != "" {
		t.Errorf("%s refers to another origin: %s", page, m)
	}
}

// TestPageWeight: a report page with its charts, compressed as a server sends it,
// is under 150 KB (the shared ECharts file aside).
func TestPageWeight(t *testing.T) {
	out := buildFixtures(t, "/")
	for _, p := range []string{"agency/huaian/2024/index.html", "agency/xiangyang-xzspj/2017/index.html", "index.html"} {
		b := []byte(readFile(t, filepath.Join(out, p)))
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write(b)
		w.Close()
		// What the page loads at once: its style sheet and scripts (the chart
		// library waits for a chart to come near), uncompressed.
		total := z.Len()
		for _, m := range regexp.MustCompile(`<link rel="stylesheet" href="/([^"]+)"|<script src="/([^"]+)" defer>`).FindAllStringSubmatch(string(b), -1) {
			if f := m[1] + m[2]; f != "js/echarts.min.js" {
				total += len(readFile(t, filepath.Join(out, f)))
			}
		}
		t.Logf("%s: %d bytes, %d gzipped; with its style sheet and scripts uncompressed %d", p, len(b), z.Len(), total)
		if total > 150<<10 {
			t.Errorf("%s weighs %d bytes, more than 150 KB", p, total)
		}
	}
}

// TestKeyFiguresSayWhatTheyAdd: a home, region or year page's headline sums say how
// many reports they add up, never reading as a national or regional total.
func TestKeyFiguresSayWhatTheyAdd(t *testing.T) {
	out := buildFixtures(t, "https://example.github.io/portal/")
	for _, page := range []string{"index.html", "year/2024/index.html"} {
		doc := readFile(t, filepath.Join(out, page))
		if strings.Contains(doc, "收到申请合计") || !regexp.MustCompile(`<dt>收到申请（\d+份报告之和）</dt>`).MatchString(doc) {
			t.Errorf("%s: the sum of requests does not say how many reports it adds", page)
		}
	}
}

// TestLegibleFontSizes: no screen rule of the style sheet sets text below 12 px
// (Lighthouse's legible-text audit, 16 px body): rem sizes are at least .75rem, and
// a size relative to its parent (em, %) is bounded below with max(…, 12px). Print
// rules (in points) are not screen text.
func TestLegibleFontSizes(t *testing.T) {
	css := readFile(t, "../../static/css/site.css")
	css = regexp.MustCompile(`@media print \{[^{}]*\{[^}]*\}\s*\}`).ReplaceAllString(css, "") // one-line print rules
	if i := strings.Index(css, "\n@media print {\n"); i >= 0 {
		css = css[:i] // the print section is last
	}
	size := regexp.MustCompile(`font-size:\s*([^;}]+)`)
	for _, m := range size.FindAllStringSubmatch(css, -1) {
		v := strings.TrimSpace(m[1])
		var n float64
		var err error
		switch {
		case strings.HasPrefix(v, "max(") && strings.Contains(v, "12px"):
		case strings.HasSuffix(v, "rem"):
			if n, err = strconv.ParseFloat(strings.TrimSuffix(v, "rem"), 64); err != nil || n < .75 {
				t.Errorf("font-size %s: under 12 px", v)
			}
		case strings.HasSuffix(v, "px"):
			if n, err = strconv.ParseFloat(strings.TrimSuffix(v, "px"), 64); err != nil || n < 12 {
				t.Errorf("font-size %s: under 12 px", v)
			}
		case strings.HasSuffix(v, "em") || strings.HasSuffix(v, "%"):
			t.Errorf("font-size %s: relative to its parent, without a 12 px floor (max(…, 12px))", v)
		}
	}
}

// TestPublishedFilesLinked: a build hard-links a report's own files (its record,
// source text and original) into the output where it can (the same file system),
// rather than creating a copy of each: creating a file costs far more than linking
// one. The content is the data folder's either way (TestDownloads).
func TestPublishedFilesLinked(t *testing.T) {
	out := buildFixtures(t, "/")
	src := filepath.Join(fixtures, "reports", "huaian", "2024.toml")
	probe := filepath.Join(filepath.Dir(out), "probe")
	if err := os.Link(src, probe); err != nil {
		t.Skipf("the output's file system cannot link to the data folder: %v", err)
	}
	os.Remove(probe)
	for _, c := range [][2]string{
		{src, "agency/huaian/2024/record.toml"},
		{filepath.Join(fixtures, "text", "huaian", "2024.txt"), "agency/huaian/2024/text.txt"},
	} {
		a, errA := os.Stat(c[0])
		b, errB := os.Stat(filepath.Join(out, filepath.FromSlash(c[1])))
		if errA != nil || errB != nil {
			t.Fatalf("%v, %v", errA, errB)
		}
		if !os.SameFile(a, b) {
			t.Errorf("%s is a copy of %s, not a link", c[1], c[0])
		}
	}
}

// TestScriptBundles checks the two files the pages load their scripts from
// (layouts/_partials/scripts.html): each is its scripts as the site publishes them
// one by one, in order, minified, the build's own chart-labels.js among them: every
// plain string of each script (a selector, an attribute, a global's name) is in
// it, each script's after the one's before. A page with charts loads both, in that
// order, and a page without only the first.
func TestScriptBundles(t *testing.T) {
	out := buildFixtures(t, "/portal/")
	literal := regexp.MustCompile(`'([A-Za-z0-9_.#:/\[\]=-]{6,})'|"([A-Za-z0-9_.#:/\[\]=-]{6,})"|window\.(nianbao[A-Za-z]+) =`)
	for bundle, parts := range map[string][]string{
		"nianbao.min.js":        {"i18n.js", "site.js", "tables.js", "print.js", "search.js"},
		"nianbao-charts.min.js": {"chart-kinds.js", "chart-labels.js", "charts.js"},
	} {
		got := readFile(t, filepath.Join(out, "js", bundle))
		at, size := 0, 0
		for _, p := range parts {
			part := readFile(t, filepath.Join(out, "js", p))
			size += len(part)
			var code []string // the script without its comments
			for _, line := range strings.Split(part, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "//") {
					continue
				}
				line, _, _ = strings.Cut(line, " // ")
				code = append(code, line)
			}
			found := 0
			for _, m := range literal.FindAllStringSubmatch(strings.Join(code, "\n"), -1) {
				lit := m[1] + m[2]
				if m[3] != "" {
					lit = "window." + m[3] + "="
				}
				i := strings.Index(got[at:], lit)
				if i < 0 && strings.Index(got, lit) < 0 {
					t.Errorf("js/%s lacks %q of %s", bundle, lit, p)
				}
				if i >= 0 && found == 0 {
					at += i // where the script starts, or after
				}
				found++
			}
			if found == 0 {
				t.Errorf("%s: no string to find it by", p)
			}
		}
		if len(got) > size*7/10 {
			t.Errorf("js/%s is %d bytes, its scripts %d: not minified", bundle, len(got), size)
		}
	}
	scripts := regexp.MustCompile(`<script src="([^"]+)" defer></script>`)
	for page, want := range map[string]string{
		"agency/huaian/2024/index.html": "/portal/js/nianbao.min.js /portal/js/nianbao-charts.min.js",
		"about/index.html":              "/portal/js/nianbao.min.js",
		"compare/index.html":            "/portal/js/nianbao.min.js /portal/js/echarts.min.js /portal/js/nianbao-charts.min.js ../js/compare.js",
	} {
		var got []string
		for _, m := range scripts.FindAllStringSubmatch(readFile(t, filepath.Join(out, page)), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s loads %v, want %s", page, got, want)
		}
	}
}
