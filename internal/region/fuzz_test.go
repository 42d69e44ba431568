package region

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzResolve: Resolve never panics, and gives a listed division, the national
// level, ErrUnknown or an *AmbiguousError with listed candidates, the same each time.
func FuzzResolve(f *testing.F) {
	for _, seed := range [][2]string{
		{"襄阳市行政审批局", ""},
		{"北京市朝阳区人民政府", ""},
		{"朝阳区人民政府", "吉林省长春市"},
		{"鼓楼区人民政府", "江苏省"},
		{"市行政审批局", "襄阳市和随州市"},
		{"县人民政府", "420600"},
		{"国家税务总局湖北省税务局", ""},
		{"中共中央办公厅", ""},
		{"自治州人民政府", "恩施州"},
		{"\xff北京市", "\x00"},
	} {
		f.Add(seed[0], seed[1])
	}
	texts, _ := filepath.Glob("testdata/corpus/*.txt")
	for _, path := range texts {
		text, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("市局", string(text))
	}
	ix := Default()
	f.Fuzz(func(t *testing.T, agency, context string) {
		p, err := ix.Resolve(agency, context)
		p2, err2 := ix.Resolve(agency, context)
		if p != p2 || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("Resolve(%q, %q) gave %#v, %v, then %#v, %v", agency, context, p, err, p2, err2)
		}
		var amb *AmbiguousError
		switch {
		case err == nil && p.National():
			if p != (Place{}) {
				t.Fatalf("national place %#v has names", p)
			}
		case err == nil:
			if q, ok := ix.Lookup(p.Code); !ok || q != p {
				t.Fatalf("Resolve(%q, %q) = %#v, which Lookup gives as %#v, %v", agency, context, p, q, ok)
			}
		case errors.As(err, &amb):
			if len(amb.Candidates) < 2 {
				t.Fatalf("ambiguity with %d candidates", len(amb.Candidates))
			}
			for _, c := range amb.Candidates {
				if q, ok := ix.Lookup(c.Code); !ok || q != c {
					t.Fatalf("candidate %#v is not listed", c)
				}
			}
		case !errors.Is(err, ErrUnknown):
			t.Fatalf("Resolve(%q, %q): error %T %v", agency, context, err, err)
		}
	})
}

// FuzzLoad: Load never panics, and an index it builds is consistent: every
// division's children are listed under it, and its names resolve without panic.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/load/*.tsv")
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("420000\t湖北省\n420600\t襄樊市\talias\n")
	f.Add("420000\t湖北省\n420000\t湖北省\n")
	f.Fuzz(func(t *testing.T, data string) {
		ix, err := Load(strings.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "region: ") {
				t.Fatalf("error %q does not say where it comes from", err)
			}
			return
		}
		var walk func(code string, depth int)
		walk = func(code string, depth int) {
			for _, p := range ix.Children(code) {
				if depth > 3 {
					t.Fatalf("division %s is more than three levels deep", p.Code)
				}
				if q, ok := ix.Lookup(p.Code); !ok || q != p {
					t.Fatalf("child %#v of %q: Lookup gives %#v, %v", p, code, q, ok)
				}
				if _, err := ix.Resolve(ix.Name(p.Code), ""); err != nil && !errors.Is(err, ErrUnknown) {
					var amb *AmbiguousError
					if !errors.As(err, &amb) {
						t.Fatalf("Resolve(%q): %v", ix.Name(p.Code), err)
					}
				}
				walk(p.Code, depth+1)
			}
		}
		walk("", 1)
	})
}
