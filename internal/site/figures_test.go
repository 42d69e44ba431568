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
		if f.Change == "" {
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
	want := []Figure{
		{Label: "主动公开", Value: "3,119", Prev: "2,900", Change: "+219（+7.6%）"},
		{Label: "收到申请", Value: "5", Prev: "0", Change: "+5"},
		{Label: "行政复议", Value: "2", Prev: "2", Change: "持平"},
		{Label: "行政诉讼", Value: "7"},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("figure %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if key[0].Prev != "" {
		t.Error("withPrevious changed the entry's figures")
	}
	// … and the report body prints them.
	html := reportHTML(reportBody{Key: got, W: testWords(t, langZH)})
	if !strings.Contains(stdhtml.UnescapeString(string(html)), `<dd><span>上年2,900</span> <span>+219（+7.6%）</span></div>`) {
		t.Errorf("the report body does not show the year before:\n%s", html)
	}
}
