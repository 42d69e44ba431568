package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func mkfile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const guardRecord = `schema = 1

[agency]
name = "测试局"

[report]
year = 2021
template = "2021"
reviewed = true

[proactive]
total = 3
`

// TestOutputGuard: build and generate replace only an absent or empty folder or one
// nianbao wrote. Each refusal names the folder, and nothing is deleted or written.
func TestOutputGuard(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, root string) (out string) // root holds data/
		want  string                                       // in the error; "" means allowed
	}{
		{"absent", func(t *testing.T, root string) string { return filepath.Join(root, "public") }, ""},
		{"empty", func(t *testing.T, root string) string {
			os.Mkdir(filepath.Join(root, "public"), 0o755)
			return filepath.Join(root, "public")
		}, ""},
		{"a previous build", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "public", markerName), markerText)
			mkfile(t, filepath.Join(root, "public", "stale.html"), "old")
			return filepath.Join(root, "public")
		}, ""},
		{"the data folder", func(t *testing.T, root string) string { return filepath.Join(root, "data") }, "is the data folder"},
		{"the data folder, marked", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "data", markerName), "")
			return filepath.Join(root, "data") + "/"
		}, "is the data folder"},
		{"the data folder by another path", func(t *testing.T, root string) string {
			return filepath.Join(root, "data", "reports", "..")
		}, "is the data folder"},
		{"inside the data folder", func(t *testing.T, root string) string {
			return filepath.Join(root, "data", "reports")
		}, "is inside the data folder"},
		{"a new folder inside the data folder", func(t *testing.T, root string) string {
			return filepath.Join(root, "data", "site", "public")
		}, "is inside the data folder"},
		{"inside the data folder through a link", func(t *testing.T, root string) string {
			os.Symlink(filepath.Join(root, "data"), filepath.Join(root, "link"))
			return filepath.Join(root, "link", "public")
		}, "is inside the data folder"},
		{"holding the data folder", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, markerName), "")
			return root
		}, "holds the data folder"},
		{"a repository's root", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
			mkfile(t, filepath.Join(root, "repo", markerName), "")
			return filepath.Join(root, "repo")
		}, "holds .git"},
		{"a worktree's root", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "repo", ".git"), "gitdir: /elsewhere\n")
			return filepath.Join(root, "repo")
		}, "holds .git"},
		{"a module's root", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "mod", "go.mod"), "module x\n")
			return filepath.Join(root, "mod")
		}, "holds go.mod"},
		{"a folder of other files", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "docs", "notes.txt"), "mine")
			return filepath.Join(root, "docs")
		}, "was not built by nianbao"},
		{"a folder whose marker is a folder", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "docs", markerName, "x"), "mine")
			return filepath.Join(root, "docs")
		}, "was not built by nianbao"},
		{"a link to a build", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "public", markerName), "")
			os.Symlink(filepath.Join(root, "public"), filepath.Join(root, "out"))
			return filepath.Join(root, "out")
		}, "is a symbolic link"},
		{"a file", func(t *testing.T, root string) string {
			mkfile(t, filepath.Join(root, "out"), "mine")
			return filepath.Join(root, "out")
		}, "is not a folder"},
	} {
		for _, cmd := range []struct {
			name string
			run  func(opts Options, dir string) (Stats, error)
		}{{"Build", Build}, {"Generate", Generate}} {
			t.Run(cmd.name+"/"+c.name, func(t *testing.T) {
				root := t.TempDir()
				mkfile(t, filepath.Join(root, "data", "reports", "ce-shi-ju", "2021.toml"), guardRecord)
				out := c.setup(t, root)
				var before []string
				walk(t, root, func(p string) { before = append(before, p) })
				_, err := cmd.run(Options{DataDir: filepath.Join(root, "data"), BaseURL: "/", Now: testNow}, out)
				if c.want == "" {
					if err != nil {
						t.Fatal(err)
					}
					if _, err := os.Stat(filepath.Join(out, markerName)); err != nil {
						t.Errorf("the output has no marker: %v", err)
					}
					if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
						t.Errorf("the previous output was not replaced")
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), filepath.Clean(out)+": ") {
					t.Fatalf("error %v, want %q naming %s", err, c.want, out)
				}
				var after []string
				walk(t, root, func(p string) { after = append(after, p) })
				if strings.Join(before, "\n") != strings.Join(after, "\n") {
					t.Errorf("a refused %s changed the files:\nbefore %v\nafter  %v", cmd.name, before, after)
				}
			})
		}
	}
}

// walk calls fn with every path under root, in order.
func walk(t *testing.T, root string, fn func(string)) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fn(p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStaleStagingRemoved: a killed build's staging folder beside the output is
// removed by the next build; a running build's (locked), and folders that only look
// alike, are left.
func TestStaleStagingRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no folder locks")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	killed := filepath.Join(dir, ".public.build-1234567")
	mkfile(t, filepath.Join(killed, "public", "index.html"), "half a site")
	running := filepath.Join(dir, ".public.build-7654321")
	mkfile(t, filepath.Join(running, "site", "config.toml"), "")
	release, err := lockFolder(running, false)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	other := filepath.Join(dir, ".other.build-1234567") // another output's
	mkfile(t, filepath.Join(other, "x"), "")
	notes := filepath.Join(dir, ".public.build-notes") // not a staging folder's name
	mkfile(t, filepath.Join(notes, "x"), "")

	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil { // an empty data folder
		t.Fatal(err)
	}
	if _, err := Build(Options{DataDir: filepath.Join(dir, "data"), BaseURL: "/", Now: testNow}, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the killed build's staging folder is still there (%v)", err)
	}
	for _, keep := range []string{running, other, notes} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("removed %s: %v", keep, err)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 5 { // public, data, and the three kept
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("left in the output's folder: %v", names)
	}
}

// TestStagingKilledMidSwap: a build killed between the fallback swap's two renames
// leaves no output and the previous one in its staging folder; the next build puts
// it back before it starts, so even a failed build leaves the previous site.
func TestStagingKilledMidSwap(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no folder locks")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mkfile(t, filepath.Join(dir, ".public.build-42", "old", markerName), markerText)
	mkfile(t, filepath.Join(dir, ".public.build-42", "old", "index.html"), "previous")
	bad := filepath.Join(dir, "data", "reports", "x", "2020.toml")
	mkfile(t, bad, "[agency]\nname = 1\n")
	if _, err := Build(Options{DataDir: filepath.Join(dir, "data"), BaseURL: "/", Now: testNow}, out); err == nil {
		t.Fatal("a build of an invalid record succeeded")
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != "previous" {
		t.Errorf("index.html = %q, want the previous output back", got)
	}
}

// TestExchange: the two folders trade places.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mkfile(t, filepath.Join(a, "which"), "a")
	mkfile(t, filepath.Join(b, "which"), "b")
	err := exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("no atomic exchange here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if readFile(t, filepath.Join(a, "which")) != "b" || readFile(t, filepath.Join(b, "which")) != "a" {
		t.Error("the folders were not exchanged")
	}
	if err := exchange(a, filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("exchange with a missing folder: %v, want fs.ErrNotExist", err)
	}
}

// TestSwapLeavesAnOutput swaps new outputs in again and again while another
// goroutine looks: the output folder must exist at every look.
func TestSwapLeavesAnOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := exchange(dir, dir); errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("no atomic exchange here: %v", err)
	}
	mkfile(t, filepath.Join(out, "index.html"), "0")
	var stop atomic.Bool
	var missing, looks atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			if _, err := os.Lstat(out); err != nil {
				missing.Add(1)
			}
			looks.Add(1)
		}
	})
	for i := range 300 {
		work := filepath.Join(dir, "work")
		staged := filepath.Join(work, "public")
		mkfile(t, filepath.Join(staged, "index.html"), string(rune('a'+i%26)))
		if err := swap(staged, out, work); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(work); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if n := missing.Load(); n > 0 {
		t.Errorf("the output was missing at %d of %d looks", n, looks.Load())
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != string(rune('a'+299%26)) {
		t.Errorf("index.html = %q after the last swap", got)
	}
}
