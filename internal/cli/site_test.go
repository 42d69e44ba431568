package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildEmptyDataFolder: a fresh clone (data/ holds only its README) builds a
// site before any data lands.
func TestBuildEmptyDataFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	writeFile(t, filepath.Join(dir, "data", "README.md"), "# data/\n")
	code, stdout, stderr := runCLI(t, "build", "--data", filepath.Join(dir, "data"), "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built ") || !strings.Contains(stdout, "0 records") {
		t.Errorf("summary %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestBuildMissingDataFolder: build run where there is no data folder (the wrong
// directory, a typo in --data) says so, instead of building an empty site.
func TestBuildMissingDataFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	missing := filepath.Join(dir, "data")
	code, stdout, stderr := runCLI(t, "build", "--data", missing, "--out", out)
	if code != ExitFail || !strings.Contains(stderr, "data folder "+missing+" does not exist") || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a refused build wrote %v", ents)
	}
}

// TestBuildRefusesErrors: a record with errors is printed FILE:LINE: message, the
// build exits 1 and the previous output stays.
func TestBuildRefusesErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	writeFile(t, filepath.Join(out, "index.html"), "previous")
	writeFile(t, filepath.Join(out, ".nianbao-build"), "") // a previous build's
	bad := filepath.Join(dir, "data", "reports", "ce-shi-ju", "2021.toml")
	writeFile(t, bad, "schema = 1\n[agency]\nname = \"测试局\"\n[report]\nyear = 2021\ntemplate = \"2021\"\n[proactive]\ntotal = -3\n")
	code, stdout, stderr := runCLI(t, "build", "--data", filepath.Join(dir, "data"), "--out", out)
	if code != ExitFail {
		t.Fatalf("exit %d, want %d", code, ExitFail)
	}
	if !strings.Contains(stdout, bad+":8:") {
		t.Errorf("stdout does not point at %s:8: %q", bad, stdout)
	}
	if !strings.Contains(stderr, "nothing was written") {
		t.Errorf("stderr %q", stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "previous" {
		t.Error("the previous output changed")
	}
}

func TestGenerateNeedsSite(t *testing.T) {
	code, _, stderr := runCLI(t, "generate")
	if code != ExitUsage || !strings.Contains(stderr, "--site") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestOutputFolderGuard: build and generate refuse to replace the data folder or a
// repository's root (exit 1, the folder untouched), as --out once did.
func TestOutputFolderGuard(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	rec := filepath.Join(data, "reports", "ce-shi-ju", "2021.toml")
	writeFile(t, rec, "schema = 1\n[agency]\nname = \"测试局\"\n[report]\nyear = 2021\ntemplate = \"2021\"\nreviewed = true\n[proactive]\ntotal = 3\n")
	writeFile(t, filepath.Join(dir, ".git", "config"), "[core]\n")
	for _, args := range [][]string{
		{"build", "--data", data, "--out", data},
		{"build", "--data", data, "--out", dir},
		{"generate", "--data", data, "--site", data},
		{"generate", "--data", data, "--site", dir},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != ExitFail || !strings.Contains(stderr, args[len(args)-1]+": ") {
			t.Errorf("%s = %d, %q; want exit 1 naming the folder", strings.Join(args, " "), code, stderr)
		}
		for _, f := range []string{rec, filepath.Join(dir, ".git", "config")} {
			if _, err := os.Stat(f); err != nil {
				t.Fatalf("%s: %v", strings.Join(args, " "), err)
			}
		}
	}
}

// TestShardsAndShardFlags: shards lists the data folder's provinces as JSON; the
// shard flags are checked before anything is built.
func TestShardsAndShardFlags(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	writeFile(t, filepath.Join(data, "reports", "ce-shi-ju", "2021.toml"),
		"schema = 1\n[agency]\nname = \"测试局\"\ndivision_code = \"420602\"\n[report]\nyear = 2021\ntemplate = \"2021\"\n[proactive]\ntotal = 3\n")
	code, stdout, stderr := runCLI(t, "shards", "--data", data)
	if code != ExitOK || strings.TrimSpace(stdout) != `["420000"]` {
		t.Fatalf("shards: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, args := range [][]string{
		{"--shard", "420602"},
		{"--shard", "province=4200"},
		{"--shard", "province=420000", "--hub"},
		{"--hub-url", "https://example.org/"},
		{"--shard-url", "https://{province}.example.org/"},
	} {
		out := filepath.Join(dir, "public")
		code, _, stderr := runCLI(t, append([]string{"build", "--data", data, "--out", out}, args...)...)
		if code != ExitUsage || stderr == "" {
			t.Errorf("build %v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("build %v wrote %s", args, out)
		}
	}
	out := filepath.Join(dir, "shard")
	if code, stdout, stderr := runCLI(t, "build", "--data", data, "--out", out, "--shard", "province=420000", "--base-url", "https://example.org/420000/"); code != ExitOK {
		t.Fatalf("build --shard: exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "agency", "ce-shi-ju", "2021", "index.html")); err != nil {
		t.Error(err)
	}
}
