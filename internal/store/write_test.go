package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testReport is the report of testRecord, with raw original raw (a .txt) and text.
func testReport(raw, text string, line int) Report {
	return Report{
		Agency: "测试局", Slug: "ce-shi-ju", Year: 2017,
		Record: valid(testRecord("ce-shi-ju", 2017, sha(raw), line, "")),
		Raw:    []byte(raw), RawExt: ".txt", Text: []byte(text),
	}
}

func valid(record string) *Valid {
	v, err := Validate("test.toml", []byte(record), now)
	if err != nil {
		panic(err)
	}
	return v
}

func lock(t *testing.T, dir string) *Writer {
	t.Helper()
	f, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := f.Lock(context.Background(), now, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// files returns the files of a data folder but the lock, with their contents.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != filepath.Join(importDir, lockFile) {
			data, _ := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	w := lock(t, dir)
	defer w.Close()
	rep := testReport(testRaw, testText, 2)
	if changed, err := w.Write(rep); err != nil || !changed {
		t.Fatalf("Write = %v, %v", changed, err)
	}
	want := map[string]string{
		"reports/ce-shi-ju/2017.toml": string(rep.Record.Bytes()),
		"raw/ce-shi-ju/2017.txt":      testRaw,
		"text/ce-shi-ju/2017.txt":     testText,
	}
	assertFiles(t, dir, want)
	if changed, err := w.Write(rep); err != nil || changed {
		t.Errorf("Write of the same report = %v, %v", changed, err)
	}
	// The same report from an HTML file: the raw original changes extension, and the
	// .txt one goes.
	html := "<p>测试局2017年政府信息公开工作年度报告</p>"
	rep.RawExt, rep.Raw = ".html", []byte(html)
	rep.Record = valid(strings.Replace(testRecord("ce-shi-ju", 2017, sha(html), 2, ""), "2017.txt", "2017.html", 1))
	if _, err := w.Write(rep); err != nil {
		t.Fatal(err)
	}
	delete(want, "raw/ce-shi-ju/2017.txt")
	want["raw/ce-shi-ju/2017.html"] = html
	want["reports/ce-shi-ju/2017.toml"] = string(rep.Record.Bytes())
	assertFiles(t, dir, want)
	if res, err := Check(dir, now); err != nil || len(res.Errors) > 0 {
		t.Errorf("check: %v %v", res.Errors, err)
	}
}

func assertFiles(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := files(t, dir)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %.60q, want %.60q", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s", k)
		}
	}
}

// TestWriteRefuses: what check would refuse is not written: a record Validate
// refuses cannot be given to Write, and Write refuses files past their limits.
func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	w := lock(t, dir)
	defer w.Close()
	big := testReport(testRaw, strings.Repeat("字", MaxTextBytes/3+1), 2)
	wrongFile := testReport(testRaw, testText, 2)
	wrongFile.RawExt = ".pdf"
	for name, tc := range map[string]struct {
		rep  Report
		want string
	}{
		"text over the limit": {big, "the normalized text is 4.0 MB, more than the 4 MB it may have"},
		"source.file":         {wrongFile, "the record's source.file is not raw/ce-shi-ju/2017.pdf"},
	} {
		if _, err := w.Write(tc.rep); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	assertFiles(t, dir, map[string]string{})
	bidi := strings.Replace(testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""), "测试局", "测试\u202e局", 1)
	if _, err := Validate("x.toml", []byte(bidi), now); err == nil || !strings.Contains(err.Error(), "agency.name holds U+202E") {
		t.Errorf("Validate = %v", err)
	}
}

// TestWriteNeverThroughLinks: a link in the data folder (the agency's raw/ folder, a
// text file) makes the write fail, and nothing outside the folder is written or
// removed. Before, import wrote (and removed stale originals) through them.
func TestWriteNeverThroughLinks(t *testing.T) {
	for _, tc := range []struct {
		name, link string
		isDir      bool
	}{
		{"raw folder", "raw/ce-shi-ju", true},
		{"text file", "text/ce-shi-ju/2017.txt", false},
		{"reports folder", "reports", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outside := writeTree(t, map[string]string{"2017.pdf": "keep me", "2017.txt": "keep me"})
			target := outside
			if !tc.isDir {
				target = filepath.Join(outside, "2017.txt")
			}
			dir := t.TempDir()
			p := filepath.Join(dir, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			w := lock(t, dir)
			defer w.Close()
			_, err := w.Write(testReport(testRaw, testText, 2))
			if err == nil || !strings.Contains(err.Error(), p+": a symbolic link") {
				t.Errorf("Write = %v", err)
			}
			assertFiles(t, outside, map[string]string{"2017.pdf": "keep me", "2017.txt": "keep me"})
		})
	}
}

// crashed is the panic the crash hook stops a write with.
type crashed string

// TestWriteCrash stops a re-import at every step, as a crash would (no cleanup),
// and checks that the folder then holds the old report or the new one, whole: check
// refuses the folder until the next Lock has finished the write, and passes after.
// Before, the three files were renamed one by one, and a crash between two left a
// record whose sha256 and provenance did not match its files.
func TestWriteCrash(t *testing.T) {
	oldRep := testReport(testRaw, testText, 2)
	newRaw := "测试局2017年政府信息公开工作年度报告（修订）\n说明。\n全年收到申请5件。\n"
	newText := "测试局2017年政府信息公开工作年度报告（修订）\n说明。\n全年收到申请5件。\n"
	newRep := testReport(newRaw, newText, 3)
	old := map[string]string{
		"reports/ce-shi-ju/2017.toml": string(oldRep.Record.Bytes()),
		"raw/ce-shi-ju/2017.txt":      testRaw,
		"text/ce-shi-ju/2017.txt":     testText,
	}
	new := map[string]string{
		"reports/ce-shi-ju/2017.toml": string(newRep.Record.Bytes()),
		"raw/ce-shi-ju/2017.txt":      newRaw,
		"text/ce-shi-ju/2017.txt":     newText,
	}
	steps := []string{"staged raw.txt", "staged text.txt", "staged record.toml", "synced", "committed",
		"moved raw.txt", "moved text.txt", "moved record.toml"}
	for i, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			w := lock(t, dir)
			if _, err := w.Write(oldRep); err != nil {
				t.Fatal(err)
			}
			w.crash = func(s string) {
				if s == step {
					panic(crashed(s))
				}
			}
			func() {
				defer func() {
					if r := recover(); r != crashed(step) {
						t.Fatalf("recovered %v", r)
					}
				}()
				w.Write(newRep)
			}()
			w.Close()

			committed := i >= 4
			res, err := Check(dir, now)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case committed:
				if !strings.Contains(res.Errors.Error(), "an import was interrupted") {
					t.Errorf("check after a crash at %s: %v", step, res.Errors)
				}
			case len(res.Errors) > 0:
				t.Errorf("check after a crash at %s: %v", step, res.Errors)
			}

			w = lock(t, dir) // finishes what the crash left
			w.Close()
			want := old
			if committed {
				want = new
			}
			assertFiles(t, dir, want)
			if res, err := Check(dir, now); err != nil || len(res.Errors) > 0 {
				t.Errorf("check after recovery: %v %v", res.Errors, err)
			}
		})
	}
}

// TestLock: a second Writer waits for the first, says so, and gives up with its
// context.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	first := lock(t, dir)
	f, _ := Open(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var holder string
	_, err := f.Lock(ctx, now, func(h string) { holder = h })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second Lock = %v", err)
	}
	if want := fmt.Sprintf("process %d", os.Getpid()); !strings.Contains(holder, want) {
		t.Errorf("waiting for %q, want %q", holder, want)
	}
	done := make(chan error)
	go func() {
		w, err := f.Lock(context.Background(), now, nil)
		if err == nil {
			w.Close()
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	first.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the second Lock did not get the lock once the first was released")
	}
}

// TestLockRefusesLink: the lock file (or .import/) as a link is refused, not
// written through.
func TestLockRefusesLink(t *testing.T) {
	outside := writeTree(t, map[string]string{"file": "keep me"})
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, importDir), 0o755)
	os.Symlink(filepath.Join(outside, "file"), filepath.Join(dir, importDir, lockFile))
	f, _ := Open(dir)
	if _, err := f.Lock(context.Background(), now, nil); err == nil || !strings.Contains(err.Error(), "a symbolic link") {
		t.Errorf("Lock = %v", err)
	}
	assertFiles(t, outside, map[string]string{"file": "keep me"})
}

func TestSlugs(t *testing.T) {
	dir := t.TempDir()
	w := lock(t, dir)
	defer w.Close()
	if _, err := w.Write(testReport(testRaw, testText, 2)); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"测试局": "ce-shi-ju", "策试局": "ce-shi-ju-2"} {
		if got, err := w.Slug(name); err != nil || got != want {
			t.Errorf("Slug(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	w.Close()
	// Another Writer learns the folders' agencies from the files.
	w = lock(t, dir)
	if got, _ := w.Slug("策试局"); got != "ce-shi-ju-2" {
		t.Errorf("Slug(策试局) = %q from the files", got)
	}
	if _, err := w.Slug("！？"); err == nil {
		t.Error("a name with nothing to spell got a slug")
	}
}
