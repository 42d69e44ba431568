package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestShellPagesAsHugoWritesThem: a build, which writes the report pages from shells
// (shell.go), writes the site plain Hugo writes from the generated project, which
// has a content page a report: every file the same, byte for byte, and the sitemaps
// the same entries.
func TestShellPagesAsHugoWritesThem(t *testing.T) {
	const base = "https://example.org/portal/"
	for _, c := range []struct {
		name    string
		opts    Options
		reports int // at least
	}{
		{"whole site", Options{DataDir: fixtures, BaseURL: base, Now: testNow}, 14}, // the fixtures' 7 reports, in two languages
		{"no English report pages", Options{DataDir: fixtures, BaseURL: base, Now: testNow, NoEnglishReports: true}, 7},
		{"a shard", Options{DataDir: fixtures, BaseURL: base + "420000/", Now: testNow, Shard: "420000"}, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			built := filepath.Join(dir, "built")
			if _, err := Build(c.opts, built); err != nil {
				t.Fatal(err)
			}
			project := filepath.Join(dir, "project")
			if _, err := Generate(c.opts, project); err != nil {
				t.Fatal(err)
			}
			rendered := filepath.Join(dir, "rendered")
			if _, err := Render(project, rendered, c.opts.BaseURL); err != nil {
				t.Fatal(err)
			}
			a, b := treeFiles(t, built), treeFiles(t, rendered)
			delete(a, markerName)
			delete(b, markerName)
			reports := 0
			for rel, want := range b {
				got, ok := a[rel]
				switch {
				case !ok:
					t.Errorf("%s: plain Hugo writes it, the build does not", rel)
				case strings.HasSuffix(rel, "sitemap.xml"):
					if g, w := sitemapEntries(got), sitemapEntries(want); !slices.Equal(g, w) {
						t.Errorf("%s: the build's has %d entries, plain Hugo's %d, or they differ", rel, len(g), len(w))
					}
				case !bytes.Equal(got, want):
					t.Errorf("%s: the build's differs from plain Hugo's", rel)
				}
				if regexp.MustCompile(`^(en/)?agency/[^/]+/[0-9]{4}/index\.html$`).MatchString(rel) {
					reports++
				}
			}
			for rel := range a {
				if _, ok := b[rel]; !ok {
					t.Errorf("%s: the build writes it, plain Hugo does not", rel)
				}
			}
			if reports < c.reports {
				t.Errorf("compared %d report pages, want at least %d", reports, c.reports)
			}
		})
	}
}

// treeFiles reads every file under dir, by its slash-separated path below it.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sitemapEntries are a sitemap's <url> entries, sorted.
func sitemapEntries(xml []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<url>.*?</url>`).FindAll(xml, -1) {
		out = append(out, string(m))
	}
	slices.Sort(out)
	return out
}
