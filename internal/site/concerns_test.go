package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// loadRecord reads a record of the repository's data folder.
func loadRecord(t *testing.T, file string) *record.Record {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestChecksNameTheirFigures: on a real record whose categories do not add up to
// its total (平潭县人民政府 2012), the report page's check names the figures it
// concerns as printed: the total, and the categories with their counts.
func TestChecksNameTheirFigures(t *testing.T) {
	r := loadRecord(t, "../../data/reports/ping-tan-xian-ren-min-zheng-fu/2012.toml")
	var found bool
	for _, c := range record.Checks(nil, r) {
		if c.Rule != "proactive.categories_sum" {
			continue
		}
		found = true
		var named []string
		for _, p := range c.Paths {
			named = append(named, concernedFigure(r, p))
		}
		got := strings.Join(named, "；")
		for _, want := range []string{"主动公开政府信息总数 2,026", "分项：", "规划计划类信息 60", "等9项"} {
			if !strings.Contains(got, want) {
				t.Errorf("the check names %q, without %q", got, want)
			}
		}
	}
	if !found {
		t.Fatal("no proactive.categories_sum check on the record")
	}
	if got := concernedFigure(r, "requests.granted.total"); !strings.HasSuffix(got, "未给出") {
		t.Errorf("a figure the report does not give is named %q", got)
	}
}

// TestFigureValue: a figure's value as a report page prints it, looked up by its
// path, is the one record.Figures and formatFigure give, for every figure of the
// repository's and the test data's records, lists' items included; a path the record
// does not give has none.
func TestFigureValue(t *testing.T) {
	files, _ := filepath.Glob("../../data/reports/*/*.toml")
	more, _ := filepath.Glob("testdata/data/reports/*/*.toml")
	n := 0
	for _, path := range append(files, more...) {
		r := loadRecord(t, path)
		for _, f := range record.Figures(r) {
			n++
			if got, ok := figureValue(r, f.Path); !ok || got != formatFigure(f) {
				t.Errorf("%s: %s = %q (%v), want %q", path, f.Path, got, ok, formatFigure(f))
			}
		}
		for _, p := range []string{"requests.nothing", "proactive.categories[99].count", "proactive.categories[-1].count", "proactive.categories[01].count", "proactive.categories[0]", "proactive.categories[x].count"} {
			if got, ok := figureValue(r, p); ok {
				t.Errorf("%s: %s = %q, want none", path, p, got)
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d figures", n)
	}
}

// TestRatesShowCounts: a report page's rates carry the counts they divide, a rate
// over fewer than 30 cases is marked, and a change from the year before says by how
// much (平潭综合实验区 2022, a real record; itself as the year before).
func TestRatesShowCounts(t *testing.T) {
	r := loadRecord(t, "../../data/reports/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/2022.toml")
	got := map[string]rateView{}
	sum := record.Summarize(r)
	for _, v := range ratesOf(sum, &sum) {
		got[v.Label] = v
	}
	want := []rateView{
		{Label: "实质公开率", Percent: "40.0%", Counts: "30 / 75"},
		{Label: "复议纠错率", Percent: "50.0%", Counts: "1 / 2", Small: true},
	}
	for _, w := range want {
		if g := got[w.Label]; g != w {
			t.Errorf("%s = %+v, want %+v", w.Label, g, w)
		}
	}
	changes := 0
	for _, v := range got {
		if v.Diff == "0" && v.Before != "" && v.Counts == "" {
			changes++
		}
	}
	if changes == 0 {
		t.Errorf("no change from the year before among %+v", got)
	}
}

// TestFlaggedCells: a table cell a check concerns is marked, with the check's
// message as its title, and no other cell is (平潭综合实验区市场监督管理局 2017, whose
// categories do not add up to its proactive total).
func TestFlaggedCells(t *testing.T) {
	r := loadRecord(t, "../../data/reports/ping-tan-zong-he-shi-yan-qu-shi-chang-jian-du-guan-li-ju/2017.toml")
	grids := reportTables(r, nil)
	for _, c := range record.Checks(nil, r) {
		markCells(grids, c)
	}
	doc := string(gridsHTML(grids, tableWords{}))
	if n := strings.Count(doc, `class="flagged"`); n != 1 {
		t.Errorf("%d cells flagged, want the proactive total's:\n%s", n, doc)
	}
	if !regexp.MustCompile(`class="flagged" title="核对提示：分类合计437条，与所报总数457条不符" data-l="35">457[\n<]`).MatchString(doc) {
		t.Errorf("the proactive total is not flagged with its check:\n%s", doc)
	}
}

// TestRepeatedPassagesMarked: the sentences of a narrative that repeat the
// agency's report before are marked, a new one is not, and the paragraphs keep
// every byte of the text (平潭综合实验区 2012, a real record, against itself with a
// new paragraph).
func TestRepeatedPassagesMarked(t *testing.T) {
	load := func(year string) *record.Record {
		return loadRecord(t, "../../data/reports/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/"+year+".toml")
	}
	prev, cur := load("2012"), load("2012")
	const fresh = "本年度新建了依申请公开网上受理平台，这一句不见于上年度的报告。"
	cur.Narrative.Overview += record.Text("\n" + fresh)
	reuse := record.TextReuse(prev, cur)
	if len(reuse.Passages) == 0 {
		t.Fatal("no repeated sentence between the two reports")
	}
	text := string(cur.Narrative.Overview)
	paras := markedParagraphs(text, "overview", reuse.Passages)
	var plain []string
	marked := 0
	for _, p := range paras {
		var b strings.Builder
		for _, s := range p {
			b.WriteString(s.Text)
			if s.Repeated {
				marked++
				if !strings.Contains(string(prev.Narrative.Overview)+string(prev.Narrative.OtherMatters)+string(prev.Narrative.ProblemsAndImprovements), strings.TrimSpace(s.Text)[:min(len(strings.TrimSpace(s.Text)), 9)]) {
					t.Errorf("marked %q, which the 2012 report does not start a sentence with", s.Text)
				}
			}
		}
		plain = append(plain, b.String())
	}
	var want []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			want = append(want, l)
		}
	}
	if strings.Join(plain, "\n") != strings.Join(want, "\n") {
		t.Errorf("the marked paragraphs lose or add text:\n%q\nwant\n%q", plain, want)
	}
	overview := 0
	for _, p := range reuse.Passages {
		if p.Field == "overview" {
			overview++
		}
	}
	if marked == 0 || marked != overview {
		t.Errorf("%d sentences of the overview repeat, %d marked", overview, marked)
	}
	last := paras[len(paras)-1]
	if len(last) != 1 || last[0].Repeated || last[0].Text != fresh {
		t.Errorf("the new paragraph is %+v", last)
	}
}

// TestReuseShown: the report page says how much of its narrative repeats the year
// before's and marks the repeated sentences.
func TestReuseShown(t *testing.T) {
	b := reportBody{Title: "测试", Reuse: &reuseView{Percent: "75%", Year: 2016, Passages: 1},
		Narrative: []Section{{Heading: "总体情况", Paragraphs: [][]Span{{{Text: "重复的一句。", Repeated: true}, {Text: "<新的一句>"}}}}},
		W:         testWords(t, langZH)}
	doc := reportHTML(b)
	for _, want := range []string{"与2016年度报告相同的文字：<strong>75%</strong>", "<mark>重复的一句。</mark>&lt;新的一句&gt;"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the page does not hold %q:\n%s", want, doc)
		}
	}
}
