package site

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTrust checks what tells a reader where the data comes from and how far to
// trust it, on every page: the licence, the day of the last build (Options.Built,
// here the tests' Now), and the "报告错误" link; a report page has a link of its
// own (pre-filled by its script: TestReportErrorPrefilled) and shows its source
// address.
// The dataset's README.txt and index.json give the licence and the day too.
func TestTrust(t *testing.T) {
	out := buildFixtures(t, "https://example.github.io/portal/")
	const day = "2026-06-01" // testNow
	pages := 0
	walk(t, out, func(path string) {
		if !strings.HasSuffix(path, ".html") {
			return
		}
		if strings.HasSuffix(filepath.ToSlash(path), "/embed/index.html") {
			return // the embed page is a chart alone, without the site's frame
		}
		pages++
		doc := readFile(t, path)
		footer := doc[strings.LastIndex(doc, "<footer"):]
		wants := []string{`<time datetime="` + day + `">` + day + `</time>`, "最后构建", `href="https://creativecommons.org/licenses/by/4.0/deed.zh-hans" rel="license"`,
			`href="https://github.com/nianbao/nianbao/issues/new" rel="nofollow">报告错误</a>`}
		if strings.HasPrefix(filepath.ToSlash(strings.TrimPrefix(path, out)), "/en/") {
			wants = []string{`<time datetime="` + day + `">` + day + `</time>`, "Last built", `href="https://creativecommons.org/licenses/by/4.0/" rel="license"`,
				`href="https://github.com/nianbao/nianbao/issues/new" rel="nofollow">Report an error</a>`}
		}
		for _, want := range wants {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer lacks %s", path, want)
			}
		}
	})
	if pages < 20 {
		t.Fatalf("walked %d pages", pages)
	}
	// The report page's own link is the configured address, the same on every
	// report page; static/js/site.js pre-fills it (TestReportErrorPrefilled).
	doc := readFile(t, filepath.Join(out, "agency/huaian/2024/index.html"))
	i := strings.Index(doc, `<p class="report-error">`)
	if i < 0 {
		t.Fatal("the report page has no 报告错误 link of its own")
	}
	if href := firstAttr(t, doc[i:], "a", "href"); href != "https://github.com/nianbao/nianbao/issues/new" {
		t.Errorf("the report page's 报告错误 link is %s, want the configured address", href)
	}
	if !strings.Contains(doc, "原报告网址") {
		t.Errorf("the report page does not show its source address")
	}

	readme := readFile(t, filepath.Join(out, "data/README.txt"))
	for _, want := range []string{utf8BOM, "最后构建 Last built: " + day, "CC BY 4.0", "proactive_approx", "approx", "division_code"} {
		if !strings.Contains(readme, want) {
			t.Errorf("data/README.txt lacks %q", want)
		}
	}
	var manifest struct {
		Built   string `json:"built"`
		Licence string `json:"licence"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "data/index.json"))), &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest.Built != day || manifest.Licence != dataLicence {
		t.Errorf("data/index.json: built %q, licence %q", manifest.Built, manifest.Licence)
	}
}

// TestBuiltDay: Options.Built, when set, is the day the pages give, in UTC.
func TestBuiltDay(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Now: testNow}, "2026-06-01"},
		{Options{Now: testNow, Built: testNow.AddDate(0, 0, -40)}, "2026-04-22"},
	} {
		if got := c.opts.built(); got != c.want {
			t.Errorf("%+v: built %q, want %q", c.opts, got, c.want)
		}
	}
}

// attrOf returns the attribute name of the first element tag in doc.
func firstAttr(t *testing.T, doc, tag, name string) string {
	t.Helper()
	i := strings.Index(doc, "<"+tag+" ")
	if i < 0 {
		t.Fatalf("no <%s>", tag)
	}
	rest := doc[i:]
	j := strings.Index(rest, " "+name+`="`)
	if j < 0 || j > strings.Index(rest, ">") {
		t.Fatalf("<%s> has no %s", tag, name)
	}
	v := rest[j+len(name)+3:]
	v = v[:strings.Index(v, `"`)]
	return strings.ReplaceAll(v, "&amp;", "&")
}

// TestNarrativeHasNoStraySpaces: a line break of a report's narrative never
// becomes a space between two Chinese characters (which a browser would show): a
// line that ends mid-sentence (at a comma) goes on in the next line's paragraph with
// nothing between; other lines are paragraphs of their own, trimmed, with no line
// break or padding inside.
func TestNarrativeHasNoStraySpaces(t *testing.T) {
	text := "一、总体情况\n（一）深化决策信息公开。一是加强会议信息公开，\n全年共制作发布图解29期。 \r\n\n  二是做好政策文件公开。\n"
	paras := markedParagraphs(text, "overview", nil)
	var got []string
	for _, p := range paras {
		var b strings.Builder
		for _, s := range p {
			b.WriteString(s.Text)
		}
		got = append(got, b.String())
	}
	want := []string{"一、总体情况", "（一）深化决策信息公开。一是加强会议信息公开，全年共制作发布图解29期。", "二是做好政策文件公开。"}
	if !slices.Equal(got, want) {
		t.Fatalf("paragraphs %q, want %q", got, want)
	}
	for _, p := range paras {
		for _, s := range p {
			if strings.ContainsAny(s.Text, "\r\n") || strings.TrimSpace(s.Text) != s.Text {
				t.Errorf("a paragraph's text %q has a line break or padding, which shows as a space", s.Text)
			}
		}
	}
}

// TestChineseLineBreaks: a line break inside a paragraph of a hand-written page
// (content/about.md wraps its lines) joins the lines without a space, as Chinese is
// written (goldmark's cjk extension, config.toml).
func TestChineseLineBreaks(t *testing.T) {
	out := buildFixtures(t, "/")
	doc := readFile(t, filepath.Join(out, "about/index.html"))
	if !strings.Contains(doc, "整理成统一格式的数据，方便记者") {
		i := strings.Index(doc, "统一格式的数据")
		t.Errorf("the about page's wrapped line is not joined: %q", doc[i:i+40])
	}
}
