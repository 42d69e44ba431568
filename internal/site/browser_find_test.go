package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/nianbao/nianbao/internal/store"
)

// comparePermalink compares 西峰区人民政府 (2017) with 衡山县行政审批服务局 (2020) of the
// repository's data folder over 2017–2020, by two figures.
const comparePermalink = "compare/?agencies=xi-feng-qu-ren-min-zheng-fu,heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju&years=2017-2020&figure=received,granted"

// buildData builds the repository's data folder, whose agencies have the slugs an
// import gives (their names' pinyin), which the search index leaves out.
func buildData(t *testing.T, baseURL string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{DataDir: "../../data", BaseURL: baseURL, Now: testNow}, out); err != nil {
		t.Fatalf("Build: %v", err)
	}
	return out
}

// findProblems collects the page's exceptions and console errors.
func findProblems(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			problems = append(problems, fmt.Sprintf("exception: %s at %s:%d", desc, d.URL, d.LineNumber))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console.error")
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	return func() []string { return problems }
}

// typeSearch types q into the search box #id, one key at a time, and returns the
// names of the options listed for it, once the live region has spoken.
func typeSearch(ctx context.Context, id, q string) ([]string, error) {
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function () { var i = document.getElementById(%q); i.value = ''; i.dispatchEvent(new Event('input')); i.focus(); })()`, id)),
		chromedp.SendKeys("#"+id, q),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).getAttribute('data-results-for') === %q && document.getElementById(%q).textContent !== ''`, id, q, id+"-status"), chromedp.WithPollingTimeout(5*time.Second)),
	); err != nil {
		return nil, fmt.Errorf("typing %q: %w", q, err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll('#%s-list [role=option] .search-name')).map(e => e.textContent)`, id)))
}

// TestBrowserFind types into the search boxes and opens a compare permalink in
// chromium: the search finds an agency by name, pinyin and initials, with the
// combobox's ARIA state; the permalink draws both agencies, and the CSV has the rows
// of the charts.
func TestBrowserFind(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildData(t, "https://example.github.io/portal/")
	// … and beside it the index of 10,000 realistic agencies, whose shard s is split.
	big := realisticAgencies(t, 10000)
	files, err := searchIndex(big, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "search-big"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(out, "search-big", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := serveSite(t, out)
	problems := findProblems(t, ctx)
	shots := os.Getenv("NIANBAO_SCREENSHOTS")
	shot := func(name string, full bool) {
		if shots == "" {
			return
		}
		a := chromedp.CaptureScreenshot()
		if full {
			a = chromedp.FullScreenshot(100)
		}
		png, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/portal/"),
		chromedp.WaitReady("body"),
	); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"西峰", "xifeng", "xfq", "XiFeng"} {
		names, err := typeSearch(ctx, "q-home", q)
		if err != nil {
			t.Fatal(err)
		}
		if !contains(names, "西峰区人民政府") {
			t.Errorf("search %q lists %q, want 西峰区人民政府 among them", q, names)
		}
	}
	if names, err := typeSearch(ctx, "q-home", "hsx"); err != nil || !contains(names, "衡山县行政审批服务局") {
		t.Errorf("search hsx lists %q (%v), want 衡山县行政审批服务局", names, err)
	}
	// A word inside the name: 衡山县 | 行政审批服务局.
	if names, err := typeSearch(ctx, "q-home", "xzsp"); err != nil || !contains(names, "衡山县行政审批服务局") {
		t.Errorf("search xzsp lists %q (%v), want 衡山县行政审批服务局", names, err)
	}
	if names, err := typeSearch(ctx, "q-home", "qqqqzz"); err != nil || len(names) != 0 {
		t.Errorf("search qqqqzz lists %q (%v), want nothing", names, err)
	}
	// The English home's search box speaks English (static/js/i18n.js) and finds the
	// same agencies.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/en/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if names, err := typeSearch(ctx, "q-home", "xfq"); err != nil || !contains(names, "西峰区人民政府") {
		t.Errorf("English home: search xfq lists %q (%v), want 西峰区人民政府", names, err)
	}
	if _, err := typeSearch(ctx, "q-home", "qqqqzz"); err != nil {
		t.Fatal(err)
	}
	if said, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('q-home-status').textContent + ' | ' + document.getElementById('q-home-list').textContent`)); err != nil || !strings.Contains(said, "No results") || !strings.Contains(said, "Nothing found") {
		t.Errorf("English home: an empty search says %q (%v), want it in English", said, err)
	}
	// Enter on an English page's result opens the agency's English page.
	if _, err := typeSearch(ctx, "q-home", "xfq"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); err != nil || loc != "/portal/en/agency/xi-feng-qu-ren-min-zheng-fu/" {
		t.Errorf("English home: Enter on xfq went to %q (%v), want /portal/en/agency/xi-feng-qu-ren-min-zheng-fu/", loc, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	// A split shard: one letter reads its first agencies (partial), more letters the
	// shard of their key.
	var target searchItem
	for _, a := range big {
		if strings.HasPrefix(store.Slug(a.name), "sh") && len([]rune(a.name)) > 8 {
			target = a
			break
		}
	}
	full, initials := newSpeller().forms(target.name, 0)
	split, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(async function () {
  var folder = new URL('search-big/', document.baseURI).href;
  var one = await window.nianbaoSearch.find(folder, 's');
  var out = [String(one.partial) + ' ' + (one.length > 0)];
  for (const q of [%q, %q, %q]) {
    var rs = await window.nianbaoSearch.find(folder, q);
    out.push(String(!!rs.partial) + ' ' + rs.some(r => r.name === %q && r.url.endsWith('/agency/' + %q + '/')));
  }
  return out;
})()`, target.name, full, initials, target.name, target.id), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"true true", "false true", "false true", "false true"}; strings.Join(split, "|") != strings.Join(want, "|") {
		t.Errorf("the split index: s, %s, %s, %s give (partial, found) %q, want %q", target.name, full, initials, split, want)
	}
	// The combobox: its state, the arrow keys, Escape.
	if _, err := typeSearch(ctx, "q-home", "xfq"); err != nil {
		t.Fatal(err)
	}
	shot("search-xfq-390", false)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	aria, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
  var i = document.getElementById('q-home');
  var a = document.getElementById(i.getAttribute('aria-activedescendant') || 'none');
  return [i.getAttribute('role'), i.getAttribute('aria-expanded'), i.getAttribute('aria-controls'),
    a ? a.getAttribute('aria-selected') + ' ' + a.querySelector('.search-name').textContent : 'no active option',
    document.getElementById('q-home-status').textContent];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"combobox", "true", "q-home-list", "true 西峰区人民政府"}; len(aria) != 5 || strings.Join(aria[:4], "|") != strings.Join(want, "|") || !strings.Contains(aria[4], "找到") {
		t.Errorf("after xfq and ArrowDown: role, aria-expanded, aria-controls, active option, status = %q, want %q and a count", aria, want)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('q-home-list').hidden && document.getElementById('q-home').getAttribute('aria-expanded') === 'false'`)); err != nil || !hidden {
		t.Errorf("Escape left the list open (%v)", err)
	}
	// Enter opens the active result.
	if names, err := typeSearch(ctx, "q-head", "xifeng"); err != nil {
		t.Fatal(err)
	} else {
		t.Logf("header search xifeng: %q", names)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); err != nil || loc != "/portal/agency/xi-feng-qu-ren-min-zheng-fu/" {
		t.Errorf("Enter on 西峰区人民政府 went to %q (%v), want /portal/agency/xi-feng-qu-ren-min-zheng-fu/", loc, err)
	}

	// The compare permalink draws both agencies, in a chart and a table per figure.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/"+comparePermalink),
		chromedp.WaitReady("body"),
		chromedp.Poll[chromedp.Void](`document.getElementById('compare-form').getAttribute('data-ready') === 'true'`, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	shot("compare-permalink-390", false)
	shot("compare-permalink-390-full", true)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
  var figs = document.querySelectorAll('#compare-out figure.chart-figure');
  var out = [String(figs.length)];
  figs.forEach(function (f) {
    var c = f.querySelector('.chart');
    out.push(f.querySelector('figcaption').textContent + ' drawn=' + (c.getAttribute('data-drawn') === 'true' && !!c.querySelector('svg path')) +
      ' rows=' + Array.from(f.querySelectorAll('tbody th a')).map(a => a.textContent).join('/') +
      ' legend=' + JSON.parse(c.getAttribute('data-chart')).legend.data.join('/'));
  });
  out.push(document.getElementById('compare-from').value + '-' + document.getElementById('compare-to').value);
  out.push(Array.from(document.querySelectorAll('input[name=figure]:checked')).map(b => b.value).join(','));
  return out;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2",
		"收到申请（2017—2020年度） drawn=true rows=西峰区人民政府/衡山县行政审批服务局 legend=西峰区人民政府/衡山县行政审批服务局",
		"予以公开（2017—2020年度） drawn=true rows=西峰区人民政府/衡山县行政审批服务局 legend=西峰区人民政府/衡山县行政审批服务局",
		"2017-2020", "received,granted"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the compare permalink shows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The address stays the permalink.
	if loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`)); err != nil || loc != "/portal/"+comparePermalink {
		t.Errorf("the compare page's address is %q (%v), want /portal/%s", loc, err, comparePermalink)
	}
	// The CSV download: a row per point drawn (2 figures × 2 agencies × 4 years: the data folder has reports of 2017, 2018, 2019 and 2020), the
	// file's bytes (the blob the download link points at; the page's policy lets no
	// script fetch it).
	csv, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (done) {
  document.getElementById('compare-csv').click();
  window.nianbaoCompare.lastBlob.arrayBuffer().then(function (b) {
    var bytes = new Uint8Array(b);
    done((bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 'BOM ' : 'no BOM ') + new TextDecoder().decode(bytes.slice(3)));
  });
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	if !strings.HasPrefix(csv, "BOM 机关,机关代码,地区,年度,指标,指标键,数值\r\n") || len(lines) != 1+2*2*4 {
		t.Errorf("the compare CSV (%d lines):\n%s", len(lines), csv)
	}
	for _, row := range []string{"西峰区人民政府,xi-feng-qu-ren-min-zheng-fu,甘肃省庆阳市西峰区,2017,收到申请,received,92", "衡山县行政审批服务局,heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju,湖南省衡阳市衡山县,2020,收到申请,received,", "西峰区人民政府,xi-feng-qu-ren-min-zheng-fu,甘肃省庆阳市西峰区,2020,收到申请,received,\r\n"} {
		if !strings.Contains(csv, row) {
			t.Errorf("the compare CSV has no row %q:\n%s", row, csv)
		}
	}
	// Each compare chart's embed code frames the compare page's embed view of that
	// one figure, which shows the chart alone with a link to the full page.
	src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
  var fig = document.querySelector('#compare-out figure.chart-figure');
  var code = fig.querySelector('.chart-embed textarea');
  if (!code) { return ''; }
  var f = new DOMParser().parseFromString(code.value, 'text/html').querySelector('iframe');
  return f ? f.getAttribute('src') : '';
})()`))
	if err != nil || !strings.Contains(src, "/portal/compare/?agencies=xi-feng-qu-ren-min-zheng-fu,heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju&years=2017-2020&figure=received&embed=1") {
		t.Errorf("the compare chart's embed code frames %q (%v)", src, err)
	} else {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(src),
			chromedp.Poll[chromedp.Void](`document.getElementById('compare-form').getAttribute('data-ready') === 'true'`, chromedp.WithPollingTimeout(10*time.Second)),
		); err != nil {
			t.Fatal(err)
		}
		view, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[document.querySelectorAll('#compare-out .chart[data-drawn=true]').length,
  getComputedStyle(document.querySelector('.site-header')).display, getComputedStyle(document.getElementById('compare-form')).display,
  document.querySelector('#compare-out .embed-source a').getAttribute('href').indexOf('embed=1') < 0].join(' ')`))
		if err != nil || view != "1 none none true" {
			t.Errorf("the compare embed view: %q (%v), want one chart drawn, no header, no form, a link to the full page", view, err)
		}
		shot("compare-embed-390", false)
	}
	// One year: bars, an agency a bar.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/compare/?agencies=xi-feng-qu-ren-min-zheng-fu,heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju,no-such-agency&years=2017&figure=proactive"),
		chromedp.WaitReady("body"),
		chromedp.Poll[chromedp.Void](`document.getElementById('compare-form').getAttribute('data-ready') === 'true'`, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	shot("compare-one-year-390", true)
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
  var o = JSON.parse(document.querySelector('#compare-out .chart').getAttribute('data-chart'));
  return [o.series[0].type, o.xAxis.data.join('/'), JSON.stringify(o.series[0].data), document.getElementById('compare-notice').textContent];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"bar", "西峰区人民政府/衡山县行政审批服务局", "[13000,null]", "找不到机关“no-such-agency”。"}; strings.Join(bars, "|") != strings.Join(want, "|") {
		t.Errorf("one year: %q, want %q", bars, want)
	}
	if shots != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/agency/"), chromedp.WaitReady("body"), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		shot("agency-index-390", true)
	}
	// The English compare permalink draws both agencies too, in English words, from
	// the site's one compare/data/; its rows lead to the English agency pages.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/en/"+comparePermalink),
		chromedp.WaitReady("body"),
		chromedp.Poll[chromedp.Void](`document.getElementById('compare-form').getAttribute('data-ready') === 'true'`, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	shot("en-compare-permalink-390", true)
	en, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#compare-out figure.chart-figure')).map(function (f) {
  var c = f.querySelector('.chart');
  return f.querySelector('figcaption').textContent + ' drawn=' + (c.getAttribute('data-drawn') === 'true' && !!c.querySelector('svg path')) +
    ' rows=' + Array.from(f.querySelectorAll('tbody th a')).map(a => new URL(a.href).pathname).join(' ');
})`))
	if err != nil {
		t.Fatal(err)
	}
	rows := " rows=/portal/en/agency/xi-feng-qu-ren-min-zheng-fu/ /portal/en/agency/heng-shan-xian-xing-zheng-shen-pi-fu-wu-ju/"
	if want := []string{"Requests received (2017–2020) drawn=true" + rows, "Disclosed (2017–2020) drawn=true" + rows}; strings.Join(en, "\n") != strings.Join(want, "\n") {
		t.Errorf("the English compare permalink shows\n%s\nwant\n%s", strings.Join(en, "\n"), strings.Join(want, "\n"))
	}
	if shots != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/en/agency/"), chromedp.WaitReady("body"), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		shot("en-agency-index-390", true)
	}
	// More than ten agencies: the first ten are compared, and the page says so.
	var many []string
	for i := range 12 {
		many = append(many, fmt.Sprintf("agency-%d", i))
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/compare/?agencies="+strings.Join(many, ",")),
		chromedp.WaitReady("body"),
		chromedp.Sleep(500*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	if note, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('compare-notice').textContent`)); err != nil || !strings.Contains(note, "最多比较10个") || !strings.Contains(note, "agency-10、agency-11") {
		t.Errorf("12 agencies: the notice says %q (%v)", note, err)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.nianbaoCSP`)); err != nil || len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %q (%v)", v, err)
	}
	for _, p := range problems() {
		t.Error(p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
