package site

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/nianbao/nianbao/charts"
)

// downloads records the files the browser saves into dir, by suggested name.
type downloads struct {
	dir  string
	mu   sync.Mutex
	name map[string]string // GUID → suggested file name
	done map[string]string // suggested file name → path of the saved file
}

func watchDownloads(t *testing.T, ctx context.Context) *downloads {
	t.Helper()
	d := &downloads{dir: t.TempDir(), name: map[string]string{}, done: map[string]string{}}
	on := true
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: d.dir, EventsEnabled: &on}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		d.mu.Lock()
		defer d.mu.Unlock()
		switch ev := ev.(type) {
		case *cdpbrowser.EventDownloadWillBegin:
			d.name[ev.GUID] = ev.SuggestedFilename
		case *cdpbrowser.EventDownloadProgress:
			if ev.State == cdpbrowser.DownloadProgressStateCompleted {
				d.done[d.name[ev.GUID]] = filepath.Join(d.dir, ev.GUID)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

// click clicks the toolbar button of the chart id labelled label, and returns the
// file it downloads.
func (d *downloads) click(t *testing.T, ctx context.Context, id, label, name string) []byte {
	t.Helper()
	js := fmt.Sprintf(`(function () {
  var fig = document.getElementById(%q).closest('figure');
  var b = Array.from(fig.querySelectorAll('.chart-tools button')).find(function (b) { return b.textContent === %q; });
  if (!b) { return false; }
  b.click();
  return true;
})()`, id, label)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !ok {
		t.Fatalf("%s: no button %q (%v)", id, label, err)
	}
	for range 400 { // 20 s: a loaded machine draws a PNG slowly
		d.mu.Lock()
		path, ok := d.done[name]
		d.mu.Unlock()
		if ok {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: %q downloaded no %s", id, label, name)
	return nil
}

// drawnRows is what a chart's option draws: a row a category or year (its label,
// then each series' figure, "" where it has none), and the series' names.
func drawnRows(t *testing.T, option string) (rows [][]string, names []string) {
	t.Helper()
	var o struct {
		XAxis, YAxis []struct {
			Type string
			Data []string
		}
		Series []struct {
			Name string
			Data []struct{ Value any }
		}
	}
	if err := json.Unmarshal([]byte(option), &o); err != nil {
		t.Fatal(err)
	}
	var cats []string
	for _, a := range append(o.XAxis, o.YAxis...) {
		if a.Type == "category" {
			cats = a.Data
		}
	}
	figure := func(v any) string {
		if f, ok := v.(float64); ok {
			return fmt.Sprint(int64(f))
		}
		return ""
	}
	for _, s := range o.Series {
		names = append(names, s.Name)
	}
	if len(o.Series) == 0 {
		return nil, nil
	}
	for i := range o.Series[0].Data {
		var row []string
		if i < len(cats) {
			row = append(row, cats[i])
		}
		for j, s := range o.Series {
			v := s.Data[i].Value
			if pair, ok := v.([]any); ok && len(pair) == 2 {
				if j == 0 {
					row = append(row, figure(pair[0]))
				}
				v = pair[1]
			}
			row = append(row, figure(v))
		}
		rows = append(rows, row)
	}
	return rows, names
}

// drawCharts scrolls each chart of the page into view in turn, as a reader would
// (static/js/charts.js draws a chart when it comes near the viewport), waits for
// each to be drawn, scrolls back to the top and returns how many charts were not
// drawn.
func drawCharts(ctx context.Context) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](`(async function () {
  var els = Array.from(document.querySelectorAll('.chart[data-chart]'));
  for (var el of els) {
    el.scrollIntoView({block: 'center'});
    for (var i = 0; i < 100 && !el.hasAttribute('data-drawn'); i++) { await new Promise(function (r) { setTimeout(r, 50); }); }
  }
  window.scrollTo(0, 0);
  return els.filter(function (e) { return !e.hasAttribute('data-drawn'); }).length;
})()`, chromedp.EvalAwaitPromise))
}

// drawnOption is the option the chart id of the page holds, as ECharts has it.
func drawnOption(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	o, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`JSON.stringify(document.getElementById(%q).nianbaoChart.getOption())`, id)))
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return o
}

// TestChartTemplates: a chart a page carries in its compact form (its kind, and its
// data in its table) draws what its whole option would: the same categories or
// years, series and figures, for every kind of chart.
func TestChartTemplates(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	n := func(v int64) *int64 { return &v }
	var cs []charts.Chart
	add := func(c charts.Chart, ok bool) {
		if !ok {
			t.Fatal("no chart")
		}
		cs = append(cs, c)
	}
	two := []charts.Series{{Name: "甲", Values: []*int64{n(3), nil, n(1200)}}, {Name: "乙<b>", Values: []*int64{n(0), n(7), nil}}}
	cats := []string{"北京市", "=SUM(A1)，天津", "<script>x</script>"}
	for _, k := range []charts.Kind{charts.Bars, charts.StackedBars, charts.HorizontalBars, charts.Lines} {
		add(charts.Categories(fmt.Sprintf("chart-k%d", k), "cap", "类别", cats, two, k))
	}
	add(charts.Years("chart-years", "cap", []int{2016, 2017, 2019}, two, false))
	add(charts.Years("chart-years-stacked", "cap", []int{2016, 2017, 2019}, two, true))
	var long []int
	var longVals []*int64
	for y := 2007; y <= 2024; y += 2 {
		long = append(long, y)
		longVals = append(longVals, n(int64(y)))
	}
	add(charts.Years("chart-years-long", "cap", long, []charts.Series{{Name: "一", Values: longVals}}, false))
	page := `<!doctype html><html lang="zh-CN" class="no-js"><head><meta charset="utf-8">
<script src="../js/echarts.min.js" defer></script><script src="../js/chart-kinds.js" defer></script><script src="../js/charts.js" defer></script>
</head><body>` + string(chartsHTML(chartsOf(cs))) + `</body></html>`
	mux := http.NewServeMux()
	mux.Handle("/portal/", http.StripPrefix("/portal/", http.FileServer(http.Dir(out))))
	mux.HandleFunc("/portal/zz-kinds/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(page)) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dl := watchDownloads(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/zz-kinds/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if n, err := drawCharts(ctx); err != nil || n > 0 {
		t.Fatalf("%d charts not drawn (%v)", n, err)
	}
	for _, c := range cs {
		wantRows, wantNames := drawnRows(t, string(c.Option))
		gotRows, gotNames := drawnRows(t, drawnOption(t, ctx, c.ID))
		if !equalRows(gotRows, wantRows) || !slices.Equal(gotNames, wantNames) {
			t.Errorf("%s (%s) draws %v %v, want %v %v", c.ID, c.Compact, gotNames, gotRows, wantNames, wantRows)
		}
	}
	// The CSV: figures as numbers, a missing one empty, markup as text, and a label a
	// spreadsheet would run as a formula defused with a leading '.
	raw := dl.click(t, ctx, "chart-k0", "数据 CSV", "zz-kinds-chart-k0.csv")
	want := "\ufeff类别,甲,乙<b>\r\n北京市,3,0\r\n'=SUM(A1)，天津,,7\r\n<script>x</script>,1200,\r\n"
	if string(raw) != want {
		t.Errorf("the CSV is %q, want %q", raw, want)
	}
}

// TestChartTools: every chart has its toolbar; a chart's CSV download is the rows
// it draws (UTF-8 with a BOM), its PNG and SVG downloads are images, its permalink
// opens the page at the chart, highlighted, and its embed code shows the chart on
// the site's embed page, all under a project subpath.
func TestChartTools(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	srv := serveSite(t, out)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text+" "+fmt.Sprint(ev.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console: "+fmt.Sprint(ev.Args))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	dl := watchDownloads(t, ctx)
	const page = "agency/huaian/2024/"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/"+page),
		chromedp.WaitReady(".chart-tools"),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	// A chart is drawn when it comes near the viewport, not before; every chart has
	// its height and its folded table from the start, so drawing it moves nothing.
	lazy, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async function () {
  var els = Array.from(document.querySelectorAll('.chart[data-chart]'));
  var far = els.filter(function (el) { return el.getBoundingClientRect().top > window.innerHeight + 600; });
  var last = els[els.length - 1];
  var before = [far.length > 0 ? String(far.some(function (el) { return el.hasAttribute('data-drawn'); })) : 'no chart far below',
    String(els.every(function (el) { return el.getBoundingClientRect().height === (parseInt(el.getAttribute('data-height'), 10) || 300); })),
    String(els.every(function (el) { return !el.closest('figure').querySelector('details.chart-data').open; }))];
  var fig = last.closest('figure'), top = fig.querySelector('details.chart-data').getBoundingClientRect().top - fig.getBoundingClientRect().top;
  last.scrollIntoView({block: 'center'});
  for (var i = 0; i < 100 && !last.hasAttribute('data-drawn'); i++) { await new Promise(function (r) { setTimeout(r, 50); }); }
  var moved = fig.querySelector('details.chart-data').getBoundingClientRect().top - fig.getBoundingClientRect().top - top;
  window.scrollTo(0, 0);
  return before.concat([String(last.hasAttribute('data-drawn')), String(moved)]);
})()`, chromedp.EvalAwaitPromise))
	if err != nil || len(lazy) != 5 || lazy[0] != "false" || lazy[1] != "true" || lazy[2] != "true" || lazy[3] != "true" || lazy[4] != "0" {
		t.Errorf("charts far below the viewport drawn at load, every chart at its height, every table folded, the last chart drawn when scrolled to, its table moved by: %v (%v)", lazy, err)
	}
	if n, err := drawCharts(ctx); err != nil || n > 0 {
		t.Fatalf("%d charts not drawn (%v)", n, err)
	}
	// Every chart is an image named by its figure's caption, and so is its table,
	// though the page writes neither name (inlineTable).
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.chart[data-chart]')).map(function (el) {
  var fig = el.closest('figure'), cap = fig.querySelector('figcaption'), table = fig.querySelector('details.chart-data table');
  var by = el.getAttribute('aria-labelledby');
  return [el.getAttribute('role'), String(!!by && document.getElementById(by) === cap), String(!!table && table.getAttribute('aria-labelledby') === by)].join(' ');
})`))
	if err != nil || len(names) == 0 {
		t.Fatalf("charts' names %v (%v)", names, err)
	}
	for i, n := range names {
		if n != "img true true" {
			t.Errorf("chart %d: role, named by its caption, its table named so too: %q, want \"img true true\"", i, n)
		}
	}
	// Every chart has a toolbar of buttons and a link with visible labels.
	tools, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.chart[data-chart]')).map(function (el) {
  var bar = el.closest('figure').querySelector('.chart-tools');
  return bar ? Array.from(bar.querySelectorAll('button, a')).map(function (b) { return b.textContent; }).join('|') : '';
})`))
	if err != nil || len(tools) == 0 {
		t.Fatalf("charts' toolbars %v (%v)", tools, err)
	}
	for i, tl := range tools {
		if tl != "数据 CSV|图片 PNG|图片 SVG|链接|嵌入" {
			t.Errorf("chart %d's toolbar %q", i, tl)
		}
	}

	// The CSV of a chart is the rows the chart draws.
	const id = "chart-outcomes"
	option, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).getAttribute('data-chart')`, id)))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := drawnRows(t, drawnOption(t, ctx, id))
	if !strings.Contains(option, `"nianbao"`) {
		t.Errorf("%s's data-chart %s is not its compact form", id, option)
	}
	raw := dl.click(t, ctx, id, "数据 CSV", "agency-huaian-2024-"+id+".csv")
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Errorf("the CSV has no byte order mark: %q", raw[:min(len(raw), 20)])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, raw)
	}
	if len(recs) != len(want)+1 || !equalRows(recs[1:], want) {
		t.Errorf("the CSV's rows\n%v\nwant the chart's\n%v", recs[1:], want)
	}
	if len(recs) > 0 && (recs[0][0] == "" || len(recs[0]) != len(want[0])) {
		t.Errorf("the CSV's header %v", recs[0])
	}

	// The PNG is a PNG image of the chart's size or more.
	pic := dl.click(t, ctx, id, "图片 PNG", "agency-huaian-2024-"+id+".png")
	if !bytes.HasPrefix(pic, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("the PNG download starts %q", pic[:min(len(pic), 8)])
	} else if img, err := png.Decode(bytes.NewReader(pic)); err != nil {
		t.Errorf("the PNG does not decode: %v", err)
	} else if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 200 {
		t.Errorf("the PNG is %v", b)
	}

	// The SVG is XML with an <svg> root.
	svg := dl.click(t, ctx, id, "图片 SVG", "agency-huaian-2024-"+id+".svg")
	var doc struct{ XMLName xml.Name }
	if err := xml.Unmarshal(svg, &doc); err != nil || doc.XMLName.Local != "svg" {
		t.Errorf("the SVG's root is %v (%v)", doc.XMLName, err)
	}
	// … which says what it shows and where it comes from.
	if !strings.Contains(string(svg), "申请办理结果") || !strings.Contains(string(svg), "/portal/"+page+"#"+id) {
		t.Errorf("the SVG has no caption or source:\n%.600s", svg)
	}

	if dir := os.Getenv("NIANBAO_SCREENSHOTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "download-"+id+".png"), pic, 0o644)
		os.WriteFile(filepath.Join(dir, "download-"+id+".svg"), svg, 0o644)
	}

	// The toolbar works from the keyboard: Tab goes from button to button, and
	// Enter on 嵌入 shows the embed code, selected.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).closest('figure').querySelector('.chart-tools button').focus()`, id)),
		chromedp.KeyEvent("\t"),
	); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`)); err != nil || got != "图片 PNG" {
		t.Errorf("Tab from the CSV button went to %q (%v), want 图片 PNG", got, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`Array.from(document.getElementById(%q).closest('figure').querySelectorAll('.chart-tools button')).pop().focus()`, id)),
		chromedp.KeyEvent("\r"),
		chromedp.Sleep(400*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(function () {
  var box = document.getElementById(%q).closest('figure').querySelector('.chart-embed');
  return [String(box.hidden), String(document.activeElement === box.querySelector('textarea')), document.activeElement.labels && document.activeElement.labels[0] ? document.activeElement.labels[0].textContent : ''];
})()`, id))); err != nil || got[0] != "false" || got[1] != "true" || got[2] == "" {
		t.Errorf("Enter on 嵌入: hidden, focused, label = %v (%v), want the labelled embed code shown and focused", got, err)
	}

	// The permalink is the chart's id; opening it scrolls to the chart, highlighted.
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).closest('figure').querySelector('.chart-tools a').getAttribute('href')`, id)))
	if err != nil || href != "#"+id {
		t.Errorf("the permalink is %q (%v), want #%s", href, err, id)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(srv.URL+"/portal/"+page+href),
		chromedp.WaitReady(".chart-target"),
		chromedp.Sleep(200*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(async function () {
  var el = document.getElementById(%q), f = el.closest('figure');
  for (var i = 0; i < 100 && !el.hasAttribute('data-drawn'); i++) { await new Promise(function (r) { setTimeout(r, 50); }); }
  return [f.classList.contains('chart-target') ? 1 : 0, f.getBoundingClientRect().top, window.innerHeight, window.scrollY, el.querySelector('svg path') ? 1 : 0];
})()`, id), chromedp.EvalAwaitPromise))
	if err != nil || at[0] != 1 || at[1] < -1 || at[1] > at[2]/2 || at[3] == 0 || at[4] != 1 {
		t.Errorf("opening the permalink: highlighted %v, the chart's top at %v of a %v-pixel window, scrolled %v, drawn %v (%v)", at[0], at[1], at[2], at[3], at[4], err)
	}

	// The embed code is an iframe of the embed page, which draws the chart.
	code, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).closest('figure').querySelector('.chart-embed textarea').value`, id)))
	if err != nil || !strings.HasPrefix(code, `<iframe src="`+srv.URL+`/portal/embed/?page=`) {
		t.Fatalf("the embed code %q (%v)", code, err)
	}
	src := strings.ReplaceAll(strings.SplitN(strings.TrimPrefix(code, `<iframe src="`), `"`, 2)[0], "&amp;", "&")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(src),
		chromedp.WaitReady(".chart[data-drawn]"),
	); err != nil {
		t.Fatalf("the embed page %s: %v", src, err)
	}
	embedded, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector('.chart[data-drawn]').id, String(document.querySelectorAll('.chart svg path').length > 0), document.querySelector('.embed-source a').getAttribute('href')]`))
	if err != nil || embedded[0] != id || embedded[1] != "true" || embedded[2] != srv.URL+"/portal/"+page+"#"+id {
		t.Errorf("the embed page shows %v (%v)", embedded, err)
	}
	// The English page's chart, embedded, keeps its page's language: its table's words
	// are the English ones of js/chart-labels.js.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/embed/?page=en/"+url.QueryEscape(page)+"&chart="+id),
		chromedp.WaitReady(".chart[data-drawn]"),
	); err != nil {
		t.Fatalf("the embed page of the English %s: %v", page, err)
	}
	english, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
  var f = document.querySelector('#embed figure'), th = f.querySelectorAll('details.chart-data th');
  return [f.lang, String(th.length), Array.prototype.map.call(th, function (c) { return c.textContent; }).join('|'), f.querySelector('details.chart-data summary').textContent];
})()`))
	if err != nil || english[0] != "en" || english[1] == "0" || regexp.MustCompile(`\p{Han}`).MatchString(english[2]) || english[3] != "Data table" {
		t.Errorf("the embedded English chart: lang %q, %s header cells %q, summary %q (%v)", english[0], english[1], english[2], english[3], err)
	}
	// A bad address says so, and loads nothing.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/embed/?page=..%2F..%2Fx&chart=chart-x"), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('embed').textContent`)); err != nil || !strings.Contains(msg, "嵌入地址有误") {
		t.Errorf("the embed page of a bad address says %q (%v)", msg, err)
	}

	// Years on the home page's axes are years (2016), not figures (2,016).
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if _, err := drawCharts(ctx); err != nil {
		t.Fatal(err)
	}
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('chart-year-coverage').querySelector('svg').textContent`))
	if err != nil || !strings.Contains(labels, "2016") || strings.Contains(labels, "2,016") {
		t.Errorf("the coverage chart's text %q (%v), want years as 2016", labels, err)
	}
	mu.Lock()
	for _, p := range problems {
		t.Error(p)
	}
	mu.Unlock()
}

// equalRows compares CSV rows with drawn rows, a missing figure being empty in both.
func equalRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

// TestChartsWithoutBundle: when the ECharts bundle cannot be loaded, a chart that
// comes into view shows its table, open, in place of its drawing, and its toolbar
// keeps its CSV download and link but offers no picture.
func TestChartsWithoutBundle(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	mux := http.NewServeMux()
	mux.HandleFunc("/portal/js/echarts.min.js", http.NotFound)
	mux.Handle("/portal/", http.StripPrefix("/portal/", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/agency/huaian/2024/"), chromedp.WaitReady(".chart-tools")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async function () {
  var el = document.querySelector('.chart[data-chart]'), fig = el.closest('figure');
  el.scrollIntoView({block: 'center'});
  for (var i = 0; i < 100 && !el.hidden; i++) { await new Promise(function (r) { setTimeout(r, 50); }); }
  return [String(el.hidden), String(fig.querySelector('details.chart-data').open), String(el.hasAttribute('data-drawn')),
    Array.from(fig.querySelectorAll('.chart-tools button, .chart-tools a')).map(function (b) { return b.textContent; }).join('|')];
})()`, chromedp.EvalAwaitPromise))
	if err != nil || len(got) != 4 || got[0] != "true" || got[1] != "true" || got[2] != "false" || got[3] != "数据 CSV|链接|嵌入" {
		t.Errorf("without the bundle: drawing hidden, table open, drawn, toolbar = %v (%v), want true, true, false, 数据 CSV|链接|嵌入", got, err)
	}
}

// TestEnglishCharts: the English report page draws its charts from their English
// tables: the categories, series and toolbar in English, the figures those of the
// zh-cn page's charts.
func TestEnglishCharts(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	srv := serveSite(t, out)
	drawn := func(page string) []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"+page), chromedp.WaitReady(".chart-tools")); err != nil {
			t.Fatal(err)
		}
		if n, err := drawCharts(ctx); err != nil || n > 0 {
			t.Fatalf("%s: %d charts not drawn (%v)", page, n, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.chart[data-chart]')).map(function (el) {
  var o = el.nianbaoChart.getOption(), axis = o.yAxis[0].type === 'category' ? o.yAxis[0] : o.xAxis[0];
  var tools = Array.from(el.closest('figure').querySelectorAll('.chart-tools button, .chart-tools a')).map(function (b) { return b.textContent; });
  return JSON.stringify({c: axis.data, s: o.series.map(function (s) { return s.name; }), d: o.series.map(function (s) { return s.data; }), t: tools});
})`))
		if err != nil || len(got) < 3 {
			t.Fatalf("%s: charts %v (%v)", page, got, err)
		}
		return got
	}
	zh, en := drawn("agency/huaian/2024/"), drawn("en/agency/huaian/2024/")
	if len(zh) != len(en) {
		t.Fatalf("%d charts on the zh-cn page, %d on the English page", len(zh), len(en))
	}
	type chart struct {
		C, S []string
		D    []json.RawMessage
		T    []string
	}
	for i := range en {
		var z, e chart
		if json.Unmarshal([]byte(zh[i]), &z) != nil || json.Unmarshal([]byte(en[i]), &e) != nil {
			t.Fatalf("chart %d: %s / %s", i, zh[i], en[i])
		}
		for _, w := range slices.Concat(e.C, e.S, e.T) {
			if hasHan(w) {
				t.Errorf("chart %d draws %q on the English page", i, w)
			}
		}
		if len(e.C) != len(z.C) || len(e.S) != len(z.S) || fmt.Sprint(e.D) != fmt.Sprint(z.D) {
			t.Errorf("chart %d: the English chart's data %s differs from the zh-cn chart's %s", i, en[i], zh[i])
		}
	}
}
