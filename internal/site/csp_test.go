package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// contentPolicy is the Content-Security-Policy every page declares (layouts/baseof.html).
const contentPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"

// TestContentPolicy: every page declares the Content-Security-Policy before it
// loads anything, and has nothing the policy would refuse: no inline script (JSON
// data blocks aside), no style element, no style attribute.
func TestContentPolicy(t *testing.T) {
	out := buildFixtures(t, "/")
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		pages++
		checkPolicy(t, rel, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("only %d pages", pages)
	}
}

func checkPolicy(t *testing.T, page, doc string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	declared, loaded := false, false
	var inScript bool
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken && inScript && strings.TrimSpace(string(z.Text())) != "" {
			t.Errorf("%s: an inline script", page)
		}
		if tt == html.EndTagToken {
			inScript = false
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if a := attr(tok, "style"); a != "" || hasAttr(tok, "style") {
			t.Errorf("%s: <%s style=%q>: a style attribute", page, tok.Data, a)
		}
		switch tok.Data {
		case "meta":
			if strings.EqualFold(attr(tok, "http-equiv"), "Content-Security-Policy") {
				if loaded {
					t.Errorf("%s: the Content-Security-Policy comes after a script or style sheet", page)
				}
				if got := attr(tok, "content"); got != contentPolicy {
					t.Errorf("%s: Content-Security-Policy %q, want %q", page, got, contentPolicy)
				}
				declared = true
			}
		case "script":
			loaded = true
			inScript = attr(tok, "src") == "" && attr(tok, "type") != "application/json"
		case "link":
			loaded = true
		case "style":
			t.Errorf("%s: a style element", page)
		}
	}
	if !declared {
		t.Errorf("%s: no Content-Security-Policy", page)
	}
}

func hasAttr(tok html.Token, key string) bool {
	for _, a := range tok.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
