package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
	"golang.org/x/net/html"
)

// FuzzReportPage: whatever record parses, its page's front matter builds without
// panicking and is one line of valid JSON, so no report text can leave it; its body
// (HTML that Hugo prints as it is) has no element or attribute that runs script; its
// dataset rows build.
func FuzzReportPage(f *testing.F) {
	for _, p := range []string{"hostile-test/2022.toml", "huaian/2024.toml", "xifeng-qu/2017.toml"} {
		b, err := os.ReadFile(filepath.Join(fixtures, "reports", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	zh := testWords(f, langZH)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := record.Parse("fuzz.toml", data)
		if err != nil {
			return
		}
		e := newEntry(store.Entry{Path: "fuzz.toml", Slug: "fuzz", Year: r.Report.Year}, r)
		e.shard = shardOf([]*record.Record{r})
		d := newDataset()
		d.entries = []*entry{e}
		d.index()
		s := &scope{}
		fm, err := encodeFrontMatter(reportPage(e))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(fm, []byte("\n")) != 1 || !json.Valid(fm) {
			t.Fatalf("front matter is not one line of JSON: %q", fm)
		}
		rb := reportBodyOf(s, e, r, nil, record.Reuse{}, nil, nil)
		rb.W = zh
		body := reportHTML(rb)
		if bad := scriptIn(string(body)); bad != "" {
			t.Fatalf("the body has %s", bad)
		}
		page, ab := agencyPage(d, listLang{w: zh, s: s, zh: s, reports: true}, "fuzz")
		if _, err := encodeFrontMatter(page); err != nil {
			t.Fatal(err)
		}
		if body, err := renderBody("agency", ab); err != nil {
			t.Fatal(err)
		} else if bad := scriptIn(string(body)); bad != "" {
			t.Fatalf("the agency body has %s", bad)
		}
		rr, err := rowsOf(e, r, rb.Checks, data)
		if err != nil {
			t.Fatal(err)
		}
		var summary bytes.Buffer
		if err := writeSummaryRow(&summary, summaryColumns(nil), rr); err != nil {
			t.Fatal(err)
		}
	})
}

// scriptIn returns the first element or attribute of doc that could run script, or "".
func scriptIn(doc string) string {
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "svg", "img", "style", "form", "base", "meta", "link":
			return tok.String()
		}
		for _, a := range tok.Attr {
			k, v := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" {
				return tok.String()
			}
			if (k == "href" || k == "src") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && strings.Contains(strings.SplitN(v, "/", 2)[0], ":") {
				return tok.String()
			}
		}
	}
}
