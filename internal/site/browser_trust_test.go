package site

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The pages the phone, keyboard and print checks look at: the home page, a region,
// a year, and report pages of the 2021 and 2019 templates (whose requests table has
// three columns of labels before its figures) and of the 2008 one.
var trustPages = []string{"", "region/420000/", "year/2017/", "agency/huaian/2024/", "agency/hengshan-xzspfwj/2020/", "agency/xiangyang-xzspj/2017/"}

// phoneWidth is the viewport of the phone checks, in CSS pixels (an iPhone 12 to 15).
const phoneWidth = 390

// maxTabStops is the most keyboard tab stops a report page may have: its header,
// contents, key figures, downloads and the folded boxes, not one per table figure.
const maxTabStops = 80

// minNameWidth is the narrowest a cell holding a name (an agency's, a row's label)
// may be on a phone, in CSS pixels: about five characters, not one a line.
const minNameWidth = 70

// focusable counts the page's keyboard tab stops: the elements the Tab key reaches
// (links, buttons, form fields, summaries and tabindex ≥ 0) that are rendered and not
// inside a folded <details>.
const focusable = `(function () {
  var els = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
  var n = 0;
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    if (el.tabIndex < 0 || el.disabled) { continue; }
    if (!el.getClientRects().length) { continue; }
    var d = el.parentElement && el.parentElement.closest('details:not([open])');
    if (d && !(el.tagName === 'SUMMARY' && el.parentElement === d)) { continue; }
    n++;
  }
  return n;
})()`

// TestKeyboard: a report page does not make every table figure a tab stop, and a
// figure cell still leads to its source line, by a click. The pages are the
// repository's own records, whose provenance is complete (淮安市人民政府 2024 has
// 200 figures with a source line; as links they were as many tab stops).
func TestKeyboard(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{DataDir: "../../data", BaseURL: "/portal/", Now: testNow}, out); err != nil {
		t.Fatal(err)
	}
	srv := serveSite(t, out)
	for _, p := range []string{"agency/huai-an-shi-ren-min-zheng-fu/2024/", "agency/ping-tan-zong-he-shi-yan-qu-guan-li-wei-yuan-hui/2019/", "agency/ping-tan-xian-ren-min-zheng-fu/2012/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"+p), chromedp.WaitReady("body"), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](focusable))
		if err != nil {
			t.Fatal(err)
		}
		cells, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('table.grid td[data-l]').length`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("/%s: %d tab stops, %d figure cells with a source line", p, n, cells)
		if n > maxTabStops {
			t.Errorf("/%s: %d tab stops, want at most %d", p, n, maxTabStops)
		}
		if strings.Contains(p, "huai-an") && cells < 100 {
			t.Errorf("/%s: %d figure cells with a source line", p, cells)
		}
	}
	// A click on a figure shows its line of the source text.
	line, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (done) {
  var td = document.querySelector('table.grid td[data-l]');
  td.click();
  setTimeout(function () {
    var li = document.getElementById('L' + td.getAttribute('data-l'));
    done(document.getElementById('text').open && li ? li.id : 'not shown');
  }, 500);
})`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(line, "L") {
		t.Errorf("a click on a figure cell: %q (%v), want its source line shown", line, err)
	}
}

// TestPhoneTables loads the pages at a phone's width: no cell that holds a name is
// squeezed below minNameWidth, the page itself does not scroll sideways, and a
// table wider than the screen scrolls in its box, with the "左右滑动" cue.
func TestPhoneTables(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	srv := serveSite(t, buildFixtures(t, "https://example.github.io/portal/"))
	for _, p := range trustPages {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 800, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/portal/"+p), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(async function () {
  var out = [];
  var frame = function () { return new Promise(function (done) { setTimeout(done, 120); }); };
  if (document.documentElement.scrollWidth > window.innerWidth + 1) { out.push('the page is ' + document.documentElement.scrollWidth + ' px wide'); }
  // Each table as a reader scrolls to it (a report's lower sections are laid out
  // only then); a folded one (a chart's data) opened first.
  var boxes = document.querySelectorAll('.table-wrap');
  for (var j = 0; j < boxes.length; j++) {
    var b = boxes[j];
    var d = b.closest('details:not([open])');
    if (d) { d.open = true; }
    b.scrollIntoView();
    await frame();
    if (!b.getClientRects().length) { continue; }
    var wide = b.scrollWidth > b.clientWidth + 1;
    var hint = b.previousElementSibling && b.previousElementSibling.classList.contains('scroll-hint');
    if (wide && (!b.classList.contains('scrolls') || !hint)) { out.push('a table wider than the screen has no scroll cue: ' + (b.querySelector('caption') || b).textContent.slice(0, 30)); }
    if (!wide && hint) { out.push('a table that fits has a scroll cue'); }
    if (wide) { out.push('scrolls'); }
    var names = b.querySelectorAll('tbody th, table.list td:not(.num)');
    for (var i = 0; i < names.length; i++) {
      var c = names[i], w = c.getBoundingClientRect().width;
      if (getComputedStyle(c).writingMode.indexOf('vertical') === 0) { w = c.getBoundingClientRect().height; }
      if (w > 0 && w < %d && c.textContent.trim().length > 4) { out.push('"' + c.textContent.trim() + '" is ' + Math.round(w) + ' px wide'); }
    }
  }
  return out;
})()`, minNameWidth), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		scrolls := 0
		for _, g := range got {
			if g == "scrolls" {
				scrolls++
				continue
			}
			t.Errorf("/%s at %d px: %s", p, phoneWidth, g)
		}
		t.Logf("/%s at %d px: %d tables scroll sideways, with their cue", p, phoneWidth, scrolls)
		if p == "agency/hengshan-xzspfwj/2020/" && scrolls == 0 {
			t.Errorf("/%s: the requests table fits a phone? the check does not look at it", p)
		}
	}
}

// TestPrint prints report pages to PDF as a reader's browser would and reads the
// text back (pdftotext): the folded tables print open (the provenance of every
// figure, a chart's data), the navigation does not print, the page's address and
// an outbound link's address do.
func TestPrint(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("skipping: pdftotext is not installed (apt-get install poppler-utils)")
	}
	ctx, cancel := browser(t)
	defer cancel()
	srv := serveSite(t, buildFixtures(t, "https://example.github.io/portal/"))
	txt := printPage(t, ctx, srv.URL+"/portal/agency/huaian/2024/", pdftotext, "")
	for _, want := range []string{"每个数字的出处", "requests.new_received.total", "数据表", "原报告网址", "最后构建", "CC BY 4.0",
		"（表格略，见原始文件）"} { // the source text, line 8
		if !strings.Contains(txt, want) {
			t.Errorf("the printed report page lacks %q", want)
		}
	}
	for _, gone := range []string{"跳到正文", "左右滑动", "报告错误"} {
		if strings.Contains(txt, gone) {
			t.Errorf("the printed report page has %q", gone)
		}
	}
	// A list prints its column names (the sort buttons' text), not the sort hint.
	txt = printPage(t, ctx, srv.URL+"/portal/year/2017/", pdftotext, "")
	if !strings.Contains(txt, "予以公开") || !strings.Contains(txt, "西峰区人民政府") || strings.Contains(txt, "点击列名") {
		t.Errorf("the printed year page lacks its list's column names or has the sort hint:\n%s", txt)
	}
	if !strings.Contains(strings.ReplaceAll(txt, "\n", ""), "creativecommons.org") {
		t.Errorf("the printed page does not show the licence's address")
	}
}

// printPage prints the page at url to PDF and returns its text; with dir set, it
// also keeps the PDF there as name.pdf.
func printPage(t *testing.T, ctx context.Context, url, pdftotext, keep string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	yes := true
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	if keep != "" {
		if err := os.WriteFile(keep, res.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(pdftotext, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(res.Data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestTrustScreenshots writes phone screenshots and print previews (PDF, and PNG of
// the emulated print media) of the pages into the folder NIANBAO_TRUST_SHOTS names;
// it skips without it.
//
//	NIANBAO_TRUST_SHOTS=/tmp/shots go test ./internal/site -run TestTrustScreenshots
func TestTrustScreenshots(t *testing.T) {
	dir := os.Getenv("NIANBAO_TRUST_SHOTS")
	if dir == "" {
		t.Skip("set NIANBAO_TRUST_SHOTS=DIR to write screenshots")
	}
	pdftotext, _ := exec.LookPath("pdftotext")
	ctx, cancel := browser(t)
	defer cancel()
	srv := serveSite(t, buildFixtures(t, "https://example.github.io/portal/"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range trustPages {
		name := strings.Trim(strings.ReplaceAll(p, "/", "-"), "-")
		if name == "" {
			name = "home"
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/portal/"+p), chromedp.WaitReady("body"), chromedp.Sleep(400*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-phone.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		// The first screen, legible.
		top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-phone-top.png"), top, 0o644); err != nil {
			t.Fatal(err)
		}
		// The requests table of a report, one screen.
		if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () { var t = document.getElementById('t-requests'); if (t) { t.scrollIntoView(); window.scrollBy(0, -40); } return !!t; })()`)); ok {
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+"-phone-requests.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if pdftotext != "" {
			txt := printPage(t, ctx, srv.URL+"/portal/"+p, pdftotext, filepath.Join(dir, name+"-print.pdf"))
			if err := os.WriteFile(filepath.Join(dir, name+"-print.txt"), []byte(txt), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSortHint: "点击列名可按该列排序" shows above a list whose headers are sort
// buttons (a year's reports), and not above one that does not sort (a region with one
// report), nor in any page's HTML, where it would show without JavaScript.
func TestSortHint(t *testing.T) {
	out := buildFixtures(t, "https://example.github.io/portal/")
	walk(t, out, func(path string) {
		if strings.HasSuffix(path, ".html") && strings.Contains(readFile(t, path), "点击列名可按该列排序") {
			t.Errorf("%s: the sort hint is in the HTML", path)
		}
	})
	ctx, cancel := browser(t)
	defer cancel()
	srv := serveSite(t, out)
	for _, c := range []struct {
		page string
		want bool
	}{{"year/2017/", true}, {"region/320800/", false}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"+c.page), chromedp.WaitReady("body"), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
  var out = [];
  document.querySelectorAll('table.sortable').forEach(function (t) {
    out.push(String(!!t.querySelector('thead button.sort')) + ' ' + getComputedStyle(t.caption, '::after').content);
  });
  return out;
})()`))
		if err != nil || len(got) == 0 {
			t.Fatalf("/%s: %v %v", c.page, got, err)
		}
		for _, g := range got {
			buttons, hint := strings.HasPrefix(g, "true"), strings.Contains(g, "点击列名可按该列排序")
			if buttons != c.want || hint != c.want {
				t.Errorf("/%s: sort buttons %v, hint %v (%s), want %v", c.page, buttons, hint, g, c.want)
			}
		}
	}
}

// TestReportErrorPrefilled: a report page's 报告错误 link, the configured address in
// the page, is pre-filled by its script with the page's title and address, in the
// page's language.
func TestReportErrorPrefilled(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	srv := serveSite(t, buildFixtures(t, "/portal/"))
	for _, c := range []struct{ page, title, body string }{
		{"agency/huaian/2024/", "数据错误：淮安市人民政府", "页面：" + srv.URL + "/portal/agency/huaian/2024/"},
		{"en/agency/huaian/2024/", "Wrong figure: 淮安市人民政府", "Page: " + srv.URL + "/portal/en/agency/huaian/2024/"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portal/"+c.page+"#key"), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('p.report-error a').getAttribute('href')`))
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(href)
		if err != nil {
			t.Fatal(err)
		}
		if u.Host != "github.com" || u.Path != "/nianbao/nianbao/issues/new" || !strings.HasPrefix(u.Query().Get("title"), c.title) ||
			!strings.HasPrefix(u.Query().Get("body"), c.body+"\n") || strings.Contains(href, "+") {
			t.Errorf("/%s: the 报告错误 link is not pre-filled with the page's title and address: %s", c.page, href)
		}
	}
}
