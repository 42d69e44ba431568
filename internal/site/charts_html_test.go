package site

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/charts"
)

// unitInCaption is how a chart's caption says its unit: in brackets, ending with
// one (（件）, （条/机关；…）, （个，…）).
var unitInCaption = regexp.MustCompile(`（[^）]*(件|条|个)[^）]*）`)

// unitInCaptionEn is unitInCaption on an English page: "(… requests)", "(items)".
var unitInCaptionEn = regexp.MustCompile(`\([^)]*\b(requests|cases|items)\b[^)]*\)`)

// TestChartFigures: every chart of every page is a figure with a caption that says
// its unit, a drawing area with a unique id that carries its compact form (a kind
// the site's templates know), and its data table beside it, a row a category; and
// no chart sums reports across years or draws a trend of one year.
func TestChartFigures(t *testing.T) {
	out := buildFixtures(t, "/")
	kinds := charts.Templates()
	seen := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		doc, err := html.Parse(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		ids := map[string]bool{}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "figure" && hasClass(n, "chart-figure") {
				seen++
				checkChartFigure(t, out, rel, n, kinds, ids)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		for _, banned := range []string{"全部年度", "全国历年主动公开", "历年政府信息公开申请及办理结果（件）"} {
			if !strings.HasPrefix(rel, "agency/") && strings.Contains(string(b), banned) {
				t.Errorf("%s: a chart of a sum over whoever reported (%q)", rel, banned)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 10 {
		t.Errorf("only %d charts in the site", seen)
	}
	// 淮安市人民政府 has one year of reports: its page lists the figures, no trend.
	if doc := readFile(t, filepath.Join(out, "agency/huaian/index.html")); strings.Contains(doc, `class="chart"`) || !strings.Contains(doc, "没有趋势可画") {
		t.Error("the page of an agency with one year of reports draws a trend, or does not say why it draws none")
	}
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func checkChartFigure(t *testing.T, out, page string, fig *html.Node, kinds map[string]json.RawMessage, ids map[string]bool) {
	t.Helper()
	caption := find(fig, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "figcaption" })
	chart := find(fig, func(n *html.Node) bool { return n.Type == html.ElementNode && hasClass(n, "chart") })
	table := find(fig, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "details" && hasClass(n, "chart-data")
	})
	// A report page's chart has its table in data-chart (chartView.Inline), for the
	// script to make with its <details>: a header, and rows of as many cells.
	report := regexp.MustCompile(`^(en/)?agency/[^/]+/[0-9]{4}/`).MatchString(filepath.ToSlash(page))
	if caption == nil || chart == nil || table == nil && !report {
		t.Errorf("%s: a chart figure without its caption, drawing area or data table", page)
		return
	}
	cap := textOf(caption)
	unit := unitInCaption
	if strings.HasPrefix(filepath.ToSlash(page), "en/") {
		unit = unitInCaptionEn
	}
	if !unit.MatchString(cap) {
		t.Errorf("%s: caption %q does not say its unit", page, cap)
	}
	id, _ := attrOf(chart, "id")
	if id == "" || ids[id] {
		t.Errorf("%s: chart id %q missing or not unique", page, id)
	}
	ids[id] = true
	raw, _ := attrOf(chart, "data-chart")
	var spec struct {
		Kind string `json:"nianbao"`
		Top  int    `json:"top"`
	}
	if err := json.Unmarshal([]byte(raw), &spec); err != nil || kinds[spec.Kind] == nil || spec.Top <= 0 {
		t.Errorf("%s #%s: data-chart %q is not a compact chart of a known kind (%v)", page, id, raw, err)
	}
	var inlineHead []string
	var inlineRows [][]string
	if report {
		inlineHead, inlineRows, _ = inlineChartTable(t, out, page, raw)
	}
	var body, head *html.Node
	if table != nil {
		body = find(table, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "tbody" })
		head = find(table, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "thead" })
	}
	switch {
	case report && (table != nil || len(inlineHead) < 2 || len(inlineRows) == 0):
		t.Errorf("%s #%s: a report page's chart without its table in data-chart, or with one in the page", page, id)
	case report:
		for _, r := range inlineRows {
			if len(r) != len(inlineHead) {
				t.Errorf("%s #%s: a row of %d cells under %d headers", page, id, len(r), len(inlineHead))
			}
		}
	case body == nil || head == nil || body.FirstChild == nil:
		t.Errorf("%s #%s: the data table has no head or rows", page, id)
	}
}

// inlineChartTable is the table static/js/charts.js makes of a report page's
// chart from its data-chart (inlineSpec): its "head" and "rows" as written, or its
// figures with the words its "labels" key names in the built site's
// js/chart-labels.js, in the page's language (en for a page under en/), each figure
// written as charts.Format writes it. ok is false when data-chart is neither.
func inlineChartTable(t *testing.T, out, page, raw string) (head []string, rows [][]string, ok bool) {
	t.Helper()
	var spec struct {
		Head   []string `json:"head"`
		Labels string   `json:"labels"`
		Rows   [][]any  `json:"rows"`
	}
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		t.Errorf("%s: data-chart %s: %v", page, raw, err)
		return nil, nil, false
	}
	cell := func(v any) string {
		switch v := v.(type) {
		case nil:
			return "—"
		case float64:
			return charts.FormatInt(int64(v))
		case string:
			return v
		}
		t.Errorf("%s: data-chart %s: a cell %#v", page, raw, v)
		return ""
	}
	if spec.Labels == "" {
		for _, r := range spec.Rows {
			var row []string
			for _, v := range r {
				row = append(row, cell(v))
			}
			rows = append(rows, row)
		}
		return spec.Head, rows, len(spec.Head) > 0
	}
	js := readFile(t, filepath.Join(out, "js", "chart-labels.js"))
	js = js[strings.Index(js, "=")+1:]
	js = strings.TrimSuffix(strings.TrimSpace(js), ";")
	var all map[string]map[string]charts.Labels
	if err := json.Unmarshal([]byte(js), &all); err != nil {
		t.Fatalf("js/chart-labels.js: %v", err)
	}
	lang := "zh"
	if strings.HasPrefix(filepath.ToSlash(page), "en/") {
		lang = "en"
	}
	words, found := all[spec.Labels][lang]
	if !found || len(words.Rows) != len(spec.Rows) {
		t.Errorf("%s: data-chart %s: js/chart-labels.js has no %s words of %d rows", page, raw, lang, len(spec.Rows))
		return nil, nil, false
	}
	for i, r := range spec.Rows {
		row := []string{words.Rows[i]}
		for _, v := range r {
			row = append(row, cell(v))
		}
		rows = append(rows, row)
	}
	return words.Head, rows, true
}
