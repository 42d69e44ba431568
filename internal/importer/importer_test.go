package importer

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
)

// seeds copies the corpus's text reports (and their meta files) into a temp folder.
func seeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("../extract/testdata/corpus/seeds/*")
	for _, f := range files {
		if strings.HasSuffix(f, ".expected.toml") || strings.HasSuffix(f, ".pdf") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tree returns every file under dir with its bytes, but for the import lock, which
// stays after an import.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte)
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if !d.IsDir() && rel != filepath.Join(".import", "lock") {
			data, _ := os.ReadFile(path)
			out[rel] = data
		}
		return nil
	})
	return out
}

func TestImportSeeds(t *testing.T) {
	src := seeds(t)
	data := t.TempDir()
	sum, err := Import(context.Background(), []string{src}, Options{DataDir: data, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sum.Results {
		if r.Outcome != Imported {
			t.Errorf("%s: %s %s", r.File, r.Outcome, r.Reason)
		}
	}
	if sum.Counts[Imported] != 5 {
		t.Fatalf("imported %d, want 5", sum.Counts[Imported])
	}
	first := tree(t, data)
	for _, want := range []string{
		"reports/xiang-yang-shi-xing-zheng-shen-pi-ju/2017.toml",
		"raw/xiang-yang-shi-xing-zheng-shen-pi-ju/2017.txt",
		"text/xiang-yang-shi-xing-zheng-shen-pi-ju/2017.txt",
		"reports/xi-feng-qu-ren-min-zheng-fu/2017.toml",
		"reports/sui-zhou-shi-zhao-shang-ju/2017.toml",
	} {
		if _, ok := first[filepath.FromSlash(want)]; !ok {
			t.Errorf("no %s in %v", want, keys(first))
		}
	}
	// The raw original is kept byte for byte, and the record points at it.
	r, err := record.Load(filepath.Join(data, "reports", "xiang-yang-shi-xing-zheng-shen-pi-ju", "2017.toml"))
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(filepath.Join(src, "000_c9adea2f849f8d4a.txt"))
	if r.Source.File != "raw/xiang-yang-shi-xing-zheng-shen-pi-ju/2017.txt" || !bytes.Equal(first[filepath.FromSlash(r.Source.File)], orig) {
		t.Errorf("source %+v does not hold the original", r.Source)
	}
	// Provenance points at lines of the normalized text.
	text := strings.Split(string(first[filepath.FromSlash("text/xiang-yang-shi-xing-zheng-shen-pi-ju/2017.txt")]), "\n")
	p := r.Provenance["proactive.total"]
	if p.Line < 1 || p.Line > len(text) || !strings.Contains(text[p.Line-1], strings.Trim(p.Text, "…")) {
		t.Errorf("provenance %+v is not on its line", p)
	}
	res, err := store.Check(data, time.Now())
	if err != nil || len(res.Errors) > 0 || res.Records != 5 {
		t.Errorf("check: %+v %v", res, err)
	}

	// Again: nothing changes, byte for byte.
	sum, err = Import(context.Background(), []string{src}, Options{DataDir: data, Jobs: 1})
	if err != nil || sum.Counts[Unchanged] != 5 {
		t.Fatalf("re-import: %+v %v", sum.Counts, err)
	}
	second := tree(t, data)
	if len(second) != len(first) {
		t.Fatalf("re-import changed the files: %d → %d", len(first), len(second))
	}
	for k, v := range first {
		if !bytes.Equal(second[k], v) {
			t.Errorf("re-import changed %s", k)
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReviewedIsNeverOverwritten(t *testing.T) {
	src := seeds(t)
	data := t.TempDir()
	file := filepath.Join(src, "001_f0fa1c2612b109d1.txt")
	if _, err := Import(context.Background(), []string{file}, Options{DataDir: data}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(data, "reports", "xi-feng-qu-ren-min-zheng-fu", "2017.toml")
	old, _ := os.ReadFile(path)
	reviewed := bytes.Replace(old, []byte("reviewed = false"), []byte("reviewed = true"), 1)
	reviewed = bytes.Replace(reviewed, []byte("received = 92"), []byte("received = 93"), 1)
	if bytes.Equal(reviewed, old) {
		t.Fatal("could not edit the record")
	}
	os.WriteFile(path, reviewed, 0o644)
	sum, err := Import(context.Background(), []string{file}, Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	res := sum.Results[0]
	if res.Outcome != Skipped || !strings.Contains(res.Reason, "legacy_requests.received: 93 → 92") {
		t.Errorf("outcome %s: %s", res.Outcome, res.Reason)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, reviewed) {
		t.Error("the reviewed record was overwritten")
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/13)
	}
	pdf, _ := os.ReadFile("../extract/testdata/corpus/pdf/huaian-2024.pdf")
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20)
	f.Close()
	cases := map[string]string{
		write("empty.txt", nil):                  "empty",
		write("garbage.txt", garbage):            "not a text",
		write("truncated.pdf", pdf[:len(pdf)/3]): "PDF",
		big:                                      "larger than a report can be",
		write("news.html", []byte(`<html><head><meta charset="utf-8"><title>新闻</title></head><body><h1>市政府召开常务会议</h1><p>会议研究了经济工作，强调要稳中求进。</p></body></html>`)): "not an annual report",
	}
	data := t.TempDir()
	var files []string
	for f := range cases {
		files = append(files, f)
	}
	sum, err := Import(context.Background(), files, Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sum.Results {
		want := cases[r.File]
		if strings.HasSuffix(r.File, ".pdf") {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				want = "pdftotext"
			}
		}
		if r.Outcome != Failed || !strings.Contains(r.Reason, want) {
			t.Errorf("%s: %s %q, want failure with %q", filepath.Base(r.File), r.Outcome, r.Reason, want)
		}
	}
	if got := tree(t, data); len(got) != 0 {
		t.Errorf("failed imports wrote %v", keys(got))
	}
}

func TestSameReportTwiceInOneRun(t *testing.T) {
	src := seeds(t)
	file := filepath.Join(src, "000_c9adea2f849f8d4a.txt")
	copy := filepath.Join(src, "copy.txt")
	data, _ := os.ReadFile(file)
	os.WriteFile(copy, data, 0o644)
	sum, err := Import(context.Background(), []string{file, copy}, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Results[0].Outcome != Imported || sum.Results[1].Outcome != Failed || !strings.Contains(sum.Results[1].Reason, "already imported") {
		t.Errorf("results %+v", sum.Results)
	}
}
