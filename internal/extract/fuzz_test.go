package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// FuzzExtract: any text, read as a document, extracts without panicking, and what
// it extracts is a valid record.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*/*.txt")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		f.Add(string(data))
	}
	f.Add(strings.Join(requestsTable("2021", nil), "\n"))
	f.Fuzz(func(t *testing.T, text string) {
		doc := docOf(strings.Split(text, "\n")...)
		r, err := Extract(doc, Options{})
		if err != nil {
			return
		}
		out, err := record.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := record.Parse("fuzz", out); err != nil {
			t.Fatalf("extracted record does not load: %v\n%s", err, out)
		}
	})
}

// FuzzParseCell: the cell and number readers never panic, and agree with each other.
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"0", "1,234", "96171.6", "251000元", "—", "十余", "两", "-3", "1.属于国家秘密", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, blank, ok := parseCell(s)
		if blank && (!ok || q.value != 0) {
			t.Fatalf("blank cell %q = %v %v", s, q, ok)
		}
		parseChinese(s)
		tokens(s)
		snippet(s, 0, len(s))
		if len(s) > 2 {
			snippet(s, 1, len(s)/2)
		}
	})
}
