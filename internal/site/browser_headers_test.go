package site

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// TestHeaderCells checks, in chromium's accessibility tree, that the tables' header
// cells are the headers the pages mean them to be, though a column's header in
// <thead> carries no scope (writeGridRow): every <th> of a <thead> is a column
// header, every <th> of a <tbody> a row header. It looks at a report page of each
// national template, in both languages, and at list pages.
func TestHeaderCells(t *testing.T) {
	ctx, cancel := browser(t)
	defer cancel()
	out := buildFixtures(t, "https://example.github.io/portal/")
	srv := serveSite(t, out)
	pages := []string{
		"agency/huaian/2024/", "en/agency/huaian/2024/", // 2021 template
		"agency/xiangyang-xzspj/2017/", // 2008 template
		"year/2017/", "agency/",
	}
	want := map[string]string{
		"thead th": "columnheader",
		"tbody th": "rowheader",
	}
	if _, err := chromedp.Call(ctx, accessibility.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/portal/"+p),
			chromedp.WaitReady("body"),
			// A folded table (a chart's figures, the provenance), and a section
			// the style sheet lets the browser skip while it is off screen
			// (content-visibility: auto), are not in the tree this query reads until
			// they are rendered: unfold and render them all.
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(function (d) { d.open = true; });
document.querySelectorAll('section').forEach(function (s) { s.style.contentVisibility = 'visible'; })`),
			chromedp.Sleep(200*time.Millisecond),
		); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// roleOf is a cell's role in the accessibility tree.
		no := false
		roleOf := func(id cdp.BackendNodeID) (string, error) {
			res, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: id, FetchRelatives: &no})
			if err != nil {
				return "", err
			}
			for _, n := range res.Nodes {
				if n.BackendDOMNodeID == id && n.Role != nil {
					var r string
					err := json.Unmarshal(n.Role.Value, &r)
					return r, err
				}
			}
			return "", nil
		}
		for sel, wantRole := range want {
			cells, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("table "+sel), chromedp.AtLeast(0)))
			if err != nil {
				t.Fatalf("%s: %s: %v", p, sel, err)
			}
			if len(cells) == 0 && sel == "thead th" {
				t.Errorf("/%s: no %s", p, sel)
			}
			wrong := 0
			for _, c := range cells {
				got, err := roleOf(c.BackendNodeID)
				if err != nil {
					t.Fatalf("%s: %s: %v", p, sel, err)
				}
				if got != wantRole {
					if wrong++; wrong <= 3 {
						t.Errorf("/%s: a %s (scope %q) is a %q in the accessibility tree, want %q", p, sel, c.AttributeValue("scope"), got, wantRole)
					}
				}
			}
			t.Logf("/%s: %d %s, %d not %s", p, len(cells), sel, wrong, wantRole)
		}
	}
}
