package site

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/extract"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The template as data, end to end: a template the code has never seen, written as
// one description value in this file, is detected, extracted from a pipe-text and
// an HTML report, validated, summarised and rendered on a report page. Nothing
// outside this file and its fixtures (testdata/templates) knows it.

// fourthTemplate is a made-up fourth national format: the 2021 format with one more
// row of the requests table (6.虚构的不予处理情形, an item of （五）不予处理) and the
// 第二十条（八） row renamed 行政事业性收费及政府性基金.
func fourthTemplate(t *testing.T) *schema.Template {
	t.Helper()
	tm, err := schema.Variant{
		ID:      "2031",
		Name:    "2031年版表格（虚构，仅供测试）",
		Base:    "2021",
		Markers: []string{"虚构的不予处理情形"},
		Add: []schema.AddRow{{
			Table: "requests", After: "not_processed_confirmation",
			Row: schema.Row{Key: "not_processed_fictional", Number: "6.", Label: "虚构的不予处理情形",
				Synonyms: []string{"虚构的不予处理"}, Group: "not_processed"},
			Sums: []string{"requests.outcome_sum"}, Summary: []string{"not_processed"},
		}},
		Relabel: []schema.Relabel{{Table: "art20-8", Row: "fees", Label: "行政事业性收费及政府性基金", Synonyms: []string{"政府性基金"}}},
	}.Apply(schema.National().Lookup("2021"))
	if err != nil {
		t.Fatal(err)
	}
	tm.Base = "" // a national format of its own, not a variant of 2021
	tm.Notice = "国办公开办函〔2031〕1号（虚构）"
	return tm
}

// provincialVariant is a made-up province's version of the 2021 format: a 行政确认
// row in 第二十条（五）, and 3.其他 printed as 3.其他情形.
func provincialVariant(t *testing.T) *schema.Template {
	t.Helper()
	tm, err := schema.Variant{
		ID:      "2021-test",
		Name:    "2021年版表格（虚构省变体，仅供测试）",
		Base:    "2021",
		Markers: []string{"行政确认"},
		Add: []schema.AddRow{{Table: "art20-5", After: "licensing",
			Row: schema.Row{Key: "confirmation", Label: "行政确认", Synonyms: []string{"行政确认"}}}},
		Relabel: []schema.Relabel{{Table: "requests", Row: "other_misc", Label: "其他情形"}},
	}.Apply(schema.National().Lookup("2021"))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestNewTemplate(t *testing.T) {
	tm := fourthTemplate(t)
	testTemplate(t, tm, "fourth", map[string]string{
		"requests.not_processed_fictional.natural_person": "1", "requests.not_processed_fictional.total": "1",
		"proactive.fees.amount_10k_yuan": "12.5", "requests.total.total": "13", "requests.carried_forward.total": "1",
		"proactive.licensing.decisions": "4472", "review.total": "4", "requests.other.total": "1",
	}, "not_processed", 1, []string{"6.虚构的不予处理情形", "行政事业性收费及政府性基金", "2031年版表格（虚构，仅供测试）"})
}

func TestProvincialVariant(t *testing.T) {
	tm := provincialVariant(t)
	testTemplate(t, tm, "variant", map[string]string{
		"proactive.confirmation.decisions": "37", "proactive.licensing.decisions": "4472", "requests.other_misc.commercial": "1",
		"requests.total.total": "12", "proactive.fees.amount_10k_yuan": "12.5",
	}, "processed", 12, []string{"行政确认", "3.其他情形", "2021年版表格（虚构省变体，仅供测试）"})
}

// testTemplate reads testdata/templates/NAME.txt and .html with a set that also
// holds tm, checks the figures (want), that the identities hold, one summary figure,
// and that the report page shows the words in page.
func testTemplate(t *testing.T, tm *schema.Template, name string, want map[string]string, sumKey string, sum int64, page []string) {
	set, err := schema.National().With(tm)
	if err != nil {
		t.Fatal(err)
	}
	var rec *record.Record
	for _, ext := range []string{".txt", ".html"} {
		file := filepath.Join("testdata", "templates", name+ext)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := extract.File(file, data, extract.Options{Templates: set})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Record
		if r.Report.Template != tm.ID || r.Agency.Name != "测试县虚构局" || r.Report.Year != 2025 {
			t.Fatalf("%s: template %q, agency %q, year %d", file, r.Report.Template, r.Agency.Name, r.Report.Year)
		}
		got := map[string]string{}
		for _, f := range record.Figures(r) {
			got[f.Path] = strconv.FormatFloat(f.Value, 'f', -1, 64)
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %s = %q, want %s", file, k, got[k], w)
			}
		}
		for _, c := range r.Checks {
			if c.Rule != "agency.region" { // a made-up place
				t.Errorf("%s: check %+v", file, c)
			}
		}
		if v := record.Summarize(r).Get(sumKey); v == nil || *v != sum {
			t.Errorf("%s: summary %s = %v, want %d", file, sumKey, v, sum)
		}
		// National templates alone do not read it as this template.
		if res, err := extract.File(file, data, extract.Options{}); err == nil && res.Record.Report.Template == tm.ID {
			t.Errorf("%s: read as %s without it", file, tm.ID)
		}
		rec = r
	}

	// A broken copy is reported against the new row's identity.
	broken := rec.Clone()
	broken.SetInt("requests.total.natural_person", 99)
	if cs := record.Validate(broken); len(cs) == 0 {
		t.Error("a broken total passes validation")
	}

	// The record saves, loads back with the set (and only with it), and renders.
	dir := t.TempDir()
	slug := "ce-shi-xian-xu-gou-ju"
	raw := filepath.Join(dir, "data", "raw", slug, "2025.html")
	if err := os.MkdirAll(filepath.Dir(raw), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(raw, []byte("<p>原文</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec.Source.File = "raw/" + slug + "/2025.html"
	data, err := record.Encode(rec)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := record.Parse("x.toml", data); err == nil {
		t.Error("a record of an unknown template loads without its description")
	}
	path := filepath.Join(dir, "data", "reports", slug, "2025.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: filepath.Join(dir, "data"), BaseURL: "/", Now: testNow, Templates: set}, out); err != nil {
		t.Fatalf("Build: %v", err)
	}
	html := readFile(t, filepath.Join(out, "agency", slug, "2025", "index.html"))
	for _, w := range page {
		if !strings.Contains(html, w) {
			t.Errorf("report page lacks %q", w)
		}
	}
}
