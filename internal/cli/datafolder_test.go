package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCommandPathsFailAlone: a missing path fails on its own line; the others
// are imported, the summary is printed, and the exit status is 1. An empty folder
// says no report was found. Before, a missing path aborted the import with no
// summary, and an empty folder printed only "imported 0" and exited 0.
func TestImportCommandPathsFailAlone(t *testing.T) {
	src := t.TempDir()
	good := filepath.Join(src, "a.txt")
	data, _ := os.ReadFile(corpus + "001_f0fa1c2612b109d1.txt")
	os.WriteFile(good, data, 0o644)
	missing := filepath.Join(src, "nope.pdf")
	dir := t.TempDir()
	code, out, _ := runCLI(t, "import", "--data", dir, missing, good)
	if code != ExitFail || !strings.Contains(out, missing+": failed: no such file or folder") ||
		!strings.Contains(out, good+": imported ") || !strings.Contains(out, "imported 1, unchanged 0, skipped (reviewed) 0, failed 1") {
		t.Errorf("import = %d:\n%s", code, out)
	}
	empty := t.TempDir()
	code, out, _ = runCLI(t, "import", "--data", dir, empty)
	if code != ExitFail || !strings.Contains(out, empty+": failed: no report files in this folder") || !strings.Contains(out, "failed 1") {
		t.Errorf("import of an empty folder = %d:\n%s", code, out)
	}
}

// TestDataFolderLinks: a symbolic link in the data folder makes check fail naming
// it, and build and generate refuse the folder, writing nothing. Before, check said
// nothing and build published the file the link pointed at.
func TestDataFolderLinks(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "config")
	writeFile(t, secret, "[remote]\ntoken = ghp_secret\n")
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	src := t.TempDir()
	raw, _ := os.ReadFile(corpus + "001_f0fa1c2612b109d1.txt")
	os.WriteFile(filepath.Join(src, "a.txt"), raw, 0o644)
	if code, out, _ := runCLI(t, "import", "--data", data, src); code != 0 {
		t.Fatalf("import = %d:\n%s", code, out)
	}
	text := filepath.Join(data, "text", "xi-feng-qu-ren-min-zheng-fu", "2017.txt")
	os.Remove(text)
	if err := os.Symlink(secret, text); err != nil {
		t.Fatal(err)
	}

	code, out, _ := runCLI(t, "check", "--data", data)
	if code != ExitFail || !strings.Contains(out, text+": a symbolic link") {
		t.Errorf("check = %d:\n%s", code, out)
	}
	outDir := filepath.Join(dir, "public")
	writeFile(t, filepath.Join(outDir, "index.html"), "previous")
	code, out, errOut := runCLI(t, "build", "--data", data, "--out", outDir)
	if code != ExitFail || !strings.Contains(out, text+": a symbolic link") || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("build = %d:\n%s%s", code, out, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(outDir, "index.html")); string(b) != "previous" {
		t.Error("the previous output changed")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("build left %v beside the output", ents)
	}
	site := filepath.Join(dir, "site")
	if code, _, _ := runCLI(t, "generate", "--data", data, "--site", site); code != ExitFail {
		t.Errorf("generate = %d", code)
	}
	if _, err := os.Stat(site); err == nil {
		t.Error("generate wrote the project")
	}
}
