package site

import (
	stdhtml "html"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// TestKeyFiguresYearOverYear: a report page's key figures show the year before's
// figure and the change, where both years give it (平潭综合实验区 2019 and 2022, real
// records), and say nothing where the year before does not.
func TestKeyFiguresYearOverYear(t *testing.T) {
	dir := "../../data/reports/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/"
	cur, prev := loadRecord(t, dir+"2022.toml"), loadRecord(t, dir+"2019.toml")
	sum, psum := record.Summarize(cur), record.Summarize(prev)
	figs := withPrevious(keyFiguresOf(cur, sum), sum, psum)
	if len(figs) == 0 {
		t.Fatal("no key figures")
	}
	shown := 0
	for _, f := range figs {
		if f.Prev == "" {
			continue
		}
		shown++
		if !f.Change.set {
			t.Errorf("%s: the year before's %s without the change", f.Label, f.Prev)
		}
	}
	if shown == 0 {
		t.Errorf("no figure shows the year before: %+v", figs)
	}
	// Hand-made summaries: the change and its percentage, a year before of 0, and a
	// figure the year before does not give.
	var a, b record.Summary
	a.Set("proactive", 3119)
	a.Set("received", 5)
	a.Set("lawsuits", 7)
	a.Set("reviews", 2)
	b.Set("reviews", 2)
	b.Set("proactive", 2900)
	b.Set("received", 0)
	key := []Figure{{Label: "主动公开", Value: "3,119"}, {Label: "收到申请", Value: "5"}, {Label: "行政复议", Value: "2"}, {Label: "行政诉讼", Value: "7"}}
	got := withPrevious(key, a, b)
	zh, en := testWords(t, langZH), testWords(t, langEN)
	want := []struct{ label, prev, zh, en string }{
		{"主动公开", "2,900", "+219（+7.6%）", "+219 (+7.6%)"},
		{"收到申请", "0", "+5", "+5"},
		{"行政复议", "2", "持平", "unchanged"},
		{"行政诉讼", "", "", ""},
	}
	for i, w := range want {
		g := got[i]
		if g.Label != w.label || g.Prev != w.prev || g.Change.text(zh) != w.zh || g.Change.text(en) != w.en {
			t.Errorf("figure %d: %s, year before %q, change %q and %q; want %s, %q, %q and %q", i, g.Label, g.Prev, g.Change.text(zh), g.Change.text(en), w.label, w.prev, w.zh, w.en)
		}
	}
	approx := figureChange{set: true, delta: -3, pct: "-1.0", about: true}
	if z, e := approx.text(zh), approx.text(en); z != "约-3（-1.0%）" || e != "about -3 (-1.0%)" {
		t.Errorf("an approximate change: %q and %q", z, e)
	}
	same := figureChange{set: true, about: true}
	if z, e := same.text(zh), same.text(en); z != "约持平" || e != "about unchanged" {
		t.Errorf("an approximate figure unchanged: %q and %q", z, e)
	}
	if key[0].Prev != "" {
		t.Error("withPrevious changed the entry's figures")
	}
	// … and the report body prints them, in its language.
	html := reportHTML(reportBody{Key: got, W: zh})
	if !strings.Contains(stdhtml.UnescapeString(string(html)), `<dd>上年2,900<br>+219（+7.6%）</div>`) {
		t.Errorf("the report body does not show the year before:\n%s", html)
	}
	html = reportHTML(reportBody{Key: got, W: en})
	if !strings.Contains(stdhtml.UnescapeString(string(html)), `<dd>Year before: 0<br>+5</div>`) || !strings.Contains(string(html), `<dd>Year before: 2<br>unchanged</div>`) {
		t.Errorf("the English report body does not show the year before in English:\n%s", html)
	}
}
