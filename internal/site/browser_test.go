package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium. Without it the browser tests skip, saying so,
// except in CI (the CI environment variable is set), where they must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI requires the browser test: apt-get install chromium fonts-noto-cjk")
	}
	t.Skip("skipping the browser test: chromium is not installed (apt-get install chromium fonts-noto-cjk)")
	return ""
}

// browser starts a headless chromium with a fresh profile.
func browser(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	return ctx, func() { cancelTimeout(); cancelCtx(); cancelAlloc() }
}

// serveSite serves a built site at /portal/ on loopback.
func serveSite(t *testing.T, out string) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/portal/", http.StripPrefix("/portal/", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

var browserPages = []string{"", "agency/huaian/", "agency/huaian/2024/", "agency/xiangyang-xzspj/2017/", "agency/hostile-test/2022/", "en/agency/huaian/2024/"}

// cspWatch collects the page's Content-Security-Policy violations in
// window.nianbaoCSP. It runs before the page's own scripts, and is not subject to
// the page's policy.
const cspWatch = `window.nianbaoCSP = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.nianbaoCSP.push(e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + ': ' + e.sample);
});`

// showTips moves the pointer over each chart in turn, as a visitor would, and
// returns how many charts showed a tooltip with text.
func showTips(ctx context.Context, charts int) (int, error) {
	shown := 0
	for i := range charts {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(function () {
  var el = document.querySelectorAll('.chart[data-chart]')[%d];
  el.scrollIntoView({block: 'center'});
  var r = el.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
})()`, i)))
		if err != nil {
			return shown, err
		}
		if err := chromedp.Do(ctx,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0]-5, at[1]),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0], at[1]),
			chromedp.Sleep(150*time.Millisecond),
		); err != nil {
			return shown, err
		}
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(function () {
  var el = document.querySelectorAll('.chart[data-chart]')[%d];
  return Array.from(el.children).slice(1).some(function (c) {
    return c.textContent.trim() !== '' && getComputedStyle(c).display !== 'none' && getComputedStyle(c).visibility !== 'hidden';
  });
})()`, i)))
		if err != nil {
			return shown, err
		}
		if ok {
			shown++
		}
	}
	return shown, nil
}

// TestBrowser loads the home page, an agency page and report pages in chromium and
// checks that every chart drew and shows its tooltip, with no console errors, no
// exceptions, no failed requests and no Content-Security-Policy violations.
func TestBrowser(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	srv := serveSite(t, out)

	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				report("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			report("exception: %s at %s:%d", desc, d.URL, d.LineNumber)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				report("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventLoadingFailed:
			report("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 {
				report("HTTP %d: %s", ev.Response.Status, ev.Response.URL)
			}
			if !strings.HasPrefix(ev.Response.URL, srv.URL) && !strings.HasPrefix(ev.Response.URL, "data:") {
				report("request to another origin: %s", ev.Response.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	for _, p := range browserPages {
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/portal/"+p),
			chromedp.WaitReady("body"),
			chromedp.Sleep(300*time.Millisecond),
		)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart[data-chart]').length`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := drawCharts(ctx); err != nil { // a chart is drawn when it is scrolled to
			t.Fatalf("%s: %v", p, err)
		}
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('.chart[data-chart]')).filter(e => e.querySelector('svg path, canvas')).length`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if charts == 0 && p != "agency/huaian/" { // one year of reports: no trend to draw
			t.Errorf("/%s: no charts", p)
		}
		if drawn != charts {
			t.Errorf("/%s: %d of %d charts drew", p, drawn, charts)
		}
		tips, err := showTips(ctx, charts)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if tips != charts {
			t.Errorf("/%s: %d of %d charts showed their tooltip", p, tips, charts)
		}
		policy, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('head meta[http-equiv="Content-Security-Policy"]') || {}).content || ''`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if policy != contentPolicy {
			t.Errorf("/%s: Content-Security-Policy %q, want %q", p, policy, contentPolicy)
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.nianbaoCSP`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range violations {
			t.Errorf("/%s: Content-Security-Policy violation: %s", p, v)
		}
		t.Logf("/%s: %d charts drawn, %d tooltips shown", p, drawn, tips)
	}
	// A figure's link to its source line unfolds the source text.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/agency/xiangyang-xzspj/2017/"),
		chromedp.WaitReady("body"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.figures a[href^="#L"]').click()`),
		chromedp.Sleep(200*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	if open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('text').open`)); err != nil || !open {
		t.Errorf("following a figure's source link left the source text folded (%v)", err)
	}
	// … and shows text.txt a line per item, the linked line among them.
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('L3') || {}).textContent || ''`)); err != nil || got != "2017年度政府信息公开年度报告" {
		t.Errorf("line 3 of the source text: %q (%v)", got, err)
	}
	// The source text is text: a line with markup in it is shown as it is.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/agency/hostile-test/2022/#L2"),
		chromedp.WaitReady("body"),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	hostile, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[(document.getElementById('L2') || {}).textContent || '', String(document.querySelectorAll('ol.lines script').length)]`))
	if err != nil || len(hostile) != 2 || hostile[0] != `<script>alert("text")</script> {{< x >}} 主动公开12条` || hostile[1] != "0" {
		t.Errorf("the hostile source text's line 2: %q (%v)", hostile, err)
	}
	// A list sorts in the browser: by 主动公开, largest first.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/portal/year/2017/"),
		chromedp.WaitReady("body"),
		chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('table.sortable th button')).find(b => b.textContent.startsWith('主动公开')).click()`),
	); err != nil {
		t.Fatal(err)
	}
	if first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('table.sortable tbody tr th').textContent`)); err != nil || first != "西峰区人民政府" {
		t.Errorf("sorted by 主动公开, the first report is %q (%v), want 西峰区人民政府", first, err)
	}
	mu.Lock()
	for _, p := range problems {
		t.Error(p)
	}
	mu.Unlock()

	// The policy is in force: an inline style is refused, and the watch sees it.
	refused, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Promise(function (done) {
  document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>');
  setTimeout(function () { done(window.nianbaoCSP.length); }, 200);
})`, chromedp.EvalAwaitPromise))
	if err != nil || refused == 0 {
		t.Errorf("an inline style was not refused (%d violations seen, %v): the Content-Security-Policy is not in force", refused, err)
	}
}

// TestScreenshots writes PNG screenshots of the main page types, at desktop and phone
// widths, into the folder NIANBAO_SCREENSHOTS names; it skips without it.
//
//	NIANBAO_SCREENSHOTS=/tmp/shots go test ./internal/site -run TestScreenshots
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("NIANBAO_SCREENSHOTS")
	if dir == "" {
		t.Skip("set NIANBAO_SCREENSHOTS=DIR to write screenshots")
	}
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	srv := serveSite(t, out)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range []struct {
		name string
		w    int64
	}{{"desktop", 1366}, {"phone", 390}} {
		for _, p := range append(browserPages, "region/420000/", "year/2017/", "en/agency/huaian/2024/") {
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(size.w, 800),
				chromedp.Navigate(srv.URL+"/portal/"+p),
				chromedp.WaitReady("body"),
				chromedp.Sleep(400*time.Millisecond),
			)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.Trim(strings.ReplaceAll(p, "/", "-"), "-")
			if name == "" {
				name = "home"
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+"-"+size.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			// The first screens one by one, legible at a glance.
			for i := range 3 {
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("window.scrollTo(0, %d)", i*800)), chromedp.Sleep(100*time.Millisecond)); err != nil {
					t.Fatal(err)
				}
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s-screen%d.png", name, size.name, i+1)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
