package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

const corpus = "../extract/testdata/corpus/seeds/"

func TestExtractPrintsRecord(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", corpus+"001_f0fa1c2612b109d1.txt")
	if code != 0 {
		t.Fatalf("extract = %d: %s", code, errOut)
	}
	r, err := record.Parse("stdout", []byte(out))
	if err != nil {
		t.Fatalf("output is not a record: %v\n%s", err, out)
	}
	if r.Agency.Name != "西峰区人民政府" || r.Report.Year != 2017 || *r.Int("legacy_requests.received") != 92 {
		t.Errorf("record: %+v %+v", r.Agency, r.Report)
	}
}

func TestExtractUsesMetaBeside(t *testing.T) {
	// 004 only says 我局: its agency comes from 004_….meta.toml beside it.
	code, out, errOut := runCLI(t, "extract", corpus+"004_d9f7402dada6cbef.txt")
	if code != 0 || !strings.Contains(out, `name = "随州市招商局"`) || !strings.Contains(out, `source_script = "hant"`) {
		t.Errorf("extract = %d: %s\n%s", code, errOut, out)
	}
	dir := t.TempDir()
	data, _ := os.ReadFile(corpus + "004_d9f7402dada6cbef.txt")
	lonely := filepath.Join(dir, "report.txt")
	os.WriteFile(lonely, data, 0o644)
	code, out, errOut = runCLI(t, "extract", lonely)
	if code != 1 || out != "" || !strings.Contains(errOut, lonely) || !strings.Contains(errOut, "--meta") {
		t.Errorf("without meta = %d: %q %q", code, out, errOut)
	}
	meta := filepath.Join(dir, "m.toml")
	os.WriteFile(meta, []byte("[agency]\nname = \"随州市招商局\"\n"), 0o644)
	if code, out, errOut = runCLI(t, "extract", "--meta", meta, lonely); code != 0 || !strings.Contains(out, "421300") {
		t.Errorf("--meta = %d: %s %s", code, errOut, out)
	}
	os.WriteFile(meta, []byte("[agency]\nnmae = \"随州市招商局\"\n"), 0o644)
	if code, _, errOut = runCLI(t, "extract", "--meta", meta, lonely); code != 1 || !strings.Contains(errOut, meta+":2: unknown key agency.nmae") {
		t.Errorf("bad meta = %d: %s", code, errOut)
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	code, out, errOut := runCLI(t, "extract", empty)
	if code != 1 || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, empty+": ") {
		t.Errorf("empty = %d: %q %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "extract", filepath.Join(dir, "missing.txt")); code != 1 || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("missing = %d: %q", code, errOut)
	}
}

func TestImportCommand(t *testing.T) {
	src := t.TempDir()
	for _, f := range []string{"000_c9adea2f849f8d4a.txt", "002_d41cb1e17d5f5455.txt"} {
		data, _ := os.ReadFile(corpus + f)
		os.WriteFile(filepath.Join(src, f), data, 0o644)
	}
	os.WriteFile(filepath.Join(src, "bad.txt"), []byte("hello"), 0o644)
	data := t.TempDir()
	code, out, _ := runCLI(t, "import", "--data", data, "-j", "2", src)
	if code != 1 || !strings.Contains(out, "imported 2, unchanged 0, skipped (reviewed) 0, failed 1") || !strings.Contains(out, "bad.txt: failed: ") {
		t.Errorf("import = %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "import", "--data", data, filepath.Join(src, "000_c9adea2f849f8d4a.txt"))
	if code != 0 || !strings.Contains(out, "imported 0, unchanged 1") {
		t.Errorf("re-import = %d:\n%s", code, out)
	}
	if code, out, _ = runCLI(t, "check", "--data", data); code != 0 {
		t.Errorf("check after import = %d:\n%s", code, out)
	}
}

// TestExplain: extract --explain reads a folder as import does (its FILE.meta.toml
// files with their reports, not as reports), says what each report's tables gave
// and counts the sound ones; a path it cannot read is one line, not the end.
func TestExplain(t *testing.T) {
	code, out, errOut := runCLI(t, "extract", "--explain", corpus, filepath.Join(t.TempDir(), "missing"))
	if code != 0 {
		t.Fatalf("extract --explain = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if strings.Contains(out, ".meta.toml") {
		t.Errorf("a meta file is explained as a report:\n%s", out)
	}
	want := []string{
		corpus + "003_bce59b32b8835914.txt: template 2019, ",
		"requests 161/161, appeals 15/15",
		corpus + "004_d9f7402dada6cbef.txt: template 2008, ", // its agency from the meta file beside it
		"missing: not read: no such file or folder",
		"6 files, 5 read as reports, 5 sound",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("explain does not say %q:\n%s", w, out)
		}
	}
	if len(lines) != 7 {
		t.Errorf("%d lines, want 5 reports, the missing path and the count:\n%s", len(lines), out)
	}
}
