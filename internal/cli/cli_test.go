package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, now: func() time.Time { return time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC) }}
	code = run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckReportsEveryProblem: a malformed TOML file and a record with a negative
// count and an unknown key: each problem with its file and line, exit status 1.
func TestCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	malformed := filepath.Join(dir, "reports", "ce-shi-ju", "2019.toml")
	writeFile(t, malformed, "schema = 1\n[agency]\nname = \"测试局\n")
	bad := filepath.Join(dir, "reports", "ce-shi-xian", "2021.toml")
	writeFile(t, bad, `schema = 1
[agency]
name = "测试县测试局"
[report]
year = 2021
template = "2021"
colour = "红"
[requests.granted]
natural_person = -4
total = 1
`)
	code, out, _ := runCLI(t, "check", "--data", dir)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{
		malformed + ":3: TOML syntax",
		bad + ":7: unknown key report.colour",
		bad + ":9: requests.granted.natural_person = -4: a count cannot be negative",
		"checked 0 records in " + dir + ": 3 errors, 0 warnings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestCheckCorpus: every expected file of the shared corpus, placed as a record,
// passes check.
func TestCheckCorpus(t *testing.T) {
	files, _ := filepath.Glob("../record/testdata/corpus/*.expected.toml")
	if len(files) != 6 {
		t.Fatalf("%d corpus files, want 6", len(files))
	}
	dir := t.TempDir()
	for i, f := range files {
		data, _ := os.ReadFile(f)
		year := ""
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "year = "); ok {
				year = v
			}
		}
		writeFile(t, filepath.Join(dir, "reports", "agency-"+string(rune('a'+i)), year+".toml"), string(data))
	}
	code, out, errOut := runCLI(t, "check", "--data", dir)
	if code != 0 || !strings.Contains(out, "checked 6 records in "+dir+": 0 errors, 0 warnings") {
		t.Errorf("check = %d:\n%s%s", code, out, errOut)
	}
}

func TestCheckWarningsExitZero(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile("../record/testdata/broken/row_total.toml")
	path := filepath.Join(dir, "reports", "huaian", "2024.toml")
	writeFile(t, path, string(data))
	code, out, _ := runCLI(t, "check", "--data", dir)
	if code != 0 || !strings.Contains(out, path+":") || !strings.Contains(out, ": warning: ") ||
		!strings.Contains(out, "0 errors, 2 warnings") {
		t.Errorf("check = %d:\n%s", code, out)
	}
}

func TestCheckMissingFolder(t *testing.T) {
	code, _, errOut := runCLI(t, "check", "--data", filepath.Join(t.TempDir(), "nowhere"))
	if code != 1 || !strings.Contains(errOut, "nowhere") {
		t.Errorf("check = %d, %s", code, errOut)
	}
}

func TestHelpAndUsage(t *testing.T) {
	for _, sub := range []string{"extract", "import", "check", "generate", "build", "serve"} {
		code, out, _ := runCLI(t, sub, "--help")
		if code != 0 || !strings.Contains(out, "Usage:") || !strings.Contains(out, sub) {
			t.Errorf("%s --help = %d:\n%s", sub, code, out)
		}
	}
	if code, _, errOut := runCLI(t, "check", "--no-such-flag"); code != ExitUsage || !strings.Contains(errOut, "unknown flag") {
		t.Errorf("bad flag = %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "check", "extra"); code != ExitUsage || !strings.Contains(errOut, "nianbao check") {
		t.Errorf("extra argument = %d, %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "frobnicate"); code != ExitUsage {
		t.Error("unknown subcommand succeeded")
	}
}
