package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// FuzzReportPage: whatever record parses, its page's front matter builds without
// panicking and is one line of valid JSON, so no report text can leave it.
func FuzzReportPage(f *testing.F) {
	for _, p := range []string{"hostile-test/2022.toml", "huaian/2024.toml", "xifeng-qu/2017.toml"} {
		b, err := os.ReadFile(filepath.Join(fixtures, "reports", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := record.Parse("fuzz.toml", data)
		if err != nil {
			return
		}
		d := &dataset{bySlug: map[string][]*entry{}, regions: map[string]*region{}}
		e := &entry{slug: "fuzz", year: r.Report.Year, data: data, rec: r, sum: record.Summarize(r)}
		d.entries = []*entry{e}
		d.index()
		fm, err := encodeFrontMatter(reportPage(d, e))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(fm, []byte("\n")) != 1 || !json.Valid(fm) {
			t.Fatalf("front matter is not one line of JSON: %q", fm)
		}
		if _, err := encodeFrontMatter(agencyPage(d, "fuzz")); err != nil {
			t.Fatal(err)
		}
		if _, err := recordJSON(e); err != nil {
			t.Fatal(err)
		}
	})
}
