package site

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFindWithoutJavaScript checks what a browser without JavaScript gets: every
// page's search box is a form leading to the agency index (and says so), the agency
// index has its letter bar with anchors that exist, and the compare page says it
// needs JavaScript, linking to the agency index.
func TestFindWithoutJavaScript(t *testing.T) {
	out := buildFixtures(t, "/portal/")
	for _, page := range []string{"index.html", "agency/index.html", "agency/xifeng-qu/2017/index.html", "compare/index.html"} {
		doc := readFile(t, filepath.Join(out, page))
		for _, want := range []string{
			`<form class="search search-head" role="search" method="get" action="/portal/agency/" data-search="/portal/search/">`,
			`<input id="q-head" name="q" type="search"`,
			`<noscript><span class="hint">（浏览器未启用 JavaScript：按“搜索”打开<a href="/portal/agency/">全部机关列表</a>）</span></noscript>`,
			`<script src="/portal/js/nianbao.min.js" defer></script>`, // with js/search.js in it
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s has no %s", page, want)
			}
		}
	}
	if home := readFile(t, filepath.Join(out, "index.html")); !strings.Contains(home, `<form class="search search-home" role="search" method="get" action="/portal/agency/"`) {
		t.Errorf("the home page has no search box of its own")
	}
	cmp := readFile(t, filepath.Join(out, "compare/index.html"))
	for _, want := range []string{
		`<div class="compare-nojs" id="compare-nojs">`,
		`比较页需要 JavaScript。`,
		`<a href="../agency/">全部机关列表</a>`,
		`<form class="compare-form" id="compare-form" hidden data-max="10"`,
		`<input type="checkbox" name="figure" value="received"> 收到申请`,
		`<code>compare/?agencies=机关代码,机关代码[,…]&amp;years=起始年-结束年&amp;figure=指标[,指标…]</code>`,
		`<script src="../js/compare.js" defer></script>`,
		`<script src="/portal/js/echarts.min.js" defer></script>`,
	} {
		if !strings.Contains(cmp, want) {
			t.Errorf("compare/index.html has no %s", want)
		}
	}
	// The agency index: by pinyin, a letter bar whose links lead to rows that exist.
	idx := readFile(t, filepath.Join(out, "agency/index.html"))
	links := regexp.MustCompile(`<a href="\./#(letter-[a-z]+)">([A-Z])</a>`).FindAllStringSubmatch(idx, -1)
	var letters []string
	for _, l := range links {
		letters = append(letters, l[2])
		if !strings.Contains(idx, `<th id="`+l[1]+`">`) {
			t.Errorf("agency/: the letter bar links to #%s, which no row is", l[1])
		}
	}
	if got := strings.Join(letters, ""); got != "CFHSX" {
		t.Errorf("agency/: the letter bar links %s, want CFHSX", got)
	}
	rows := regexp.MustCompile(`<tr><th(?: [^>]*)?><a href="[^"]*">([^<]*)</a>`).FindAllStringSubmatch(idx, -1)
	var names []string
	for _, r := range rows {
		names = append(names, r[1])
	}
	if want := "抚顺市行政审批服务局 衡山县行政审批服务局 淮安市人民政府 随州市招商局 西峰区人民政府 襄阳市行政审批局"; len(names) != 7 || !strings.HasPrefix(names[0], "测试局") || strings.Join(names[1:], " ") != want {
		t.Errorf("agency/ lists %q first, want the hostile 测试局…, then %s (by pinyin: ce, fu, heng, huai, sui, xi, xiang)", names, want)
	}
	byRegion := readFile(t, filepath.Join(out, "agency/by-region/index.html"))
	if !strings.Contains(byRegion, `<nav class="letter-bar region-bar" aria-label="按省级行政区">`) || !strings.Contains(idx, `<a href="by-region/">按地区排列</a>`) {
		t.Errorf("agency/by-region/ has no bar of provinces, or agency/ does not link to it")
	}
}

// TestAgencyLinksToCompare: an agency's page opens the compare page with that agency
// picked.
func TestAgencyLinksToCompare(t *testing.T) {
	out := buildFixtures(t, "https://example.github.io/portal/")
	doc := readFile(t, filepath.Join(out, "agency/huaian/index.html"))
	if !strings.Contains(doc, `<a href="../../compare/?agencies=huaian">与其他机关比较</a>`) {
		t.Error("the agency page has no link to compare it with others")
	}
}

func TestAgencyDescription(t *testing.T) {
	for _, c := range []struct {
		first, last int
		want        string
	}{
		{2017, 2017, "某局2017年度政府信息公开工作年度报告的数据。"},
		{2017, 2020, "某局历年政府信息公开工作年度报告（2017—2020年度）的数据和趋势。"},
	} {
		if got := agencyDescription(testWords(t, langZH), "某局", c.first, c.last); got != c.want {
			t.Errorf("%d–%d: %q, want %q", c.first, c.last, got, c.want)
		}
	}
}
