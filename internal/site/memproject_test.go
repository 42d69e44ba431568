package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"
)

// A build's project in memory serves Hugo what a project on disk would: the files
// written, the bodies from the body store, read-only, each written once.
func TestMemFS(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	m, err := newMemFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer m.close()
	files := map[string]string{
		"config.toml":                  "baseURL = \"/\"\n",
		"content/agency/x/2020.md":     "{\"title\": \"x\"}\n",
		fragmentPath("agency/x/2020/"): "<p>二〇二〇</p>\n",
		fragmentPath("agency/x/"):      "<p>机关</p>\n",
		fragmentPath(""):               "",
		"static/data/index.json":       "[]\n",
	}
	for rel, text := range files {
		if err := m.write(rel, []byte(text)); err != nil {
			t.Fatalf("write %s: %v", rel, err)
		}
	}
	for rel, text := range files {
		path := filepath.Join(m.dir, filepath.FromSlash(rel))
		got, err := afero.ReadFile(m, path)
		if err != nil || string(got) != text {
			t.Errorf("%s: read %q, %v; want %q", rel, got, err, text)
		}
		fi, err := m.Stat(path)
		if err != nil || fi.Size() != int64(len(text)) || fi.IsDir() {
			t.Errorf("%s: stat %v, %v", rel, fi, err)
		}
	}
	body := filepath.Join(m.dir, fragmentPath("agency/x/2020/"))
	if _, err := m.OpenFile(body, os.O_WRONLY|os.O_TRUNC, 0o644); err == nil {
		t.Errorf("a body opened for writing")
	}
	if err := m.write(fragmentPath("agency/x/2020/"), []byte("again")); err == nil {
		t.Errorf("a body written twice")
	}
	if _, err := m.Stat(filepath.Join(m.dir, fragmentPath("agency/y/2020/"))); !os.IsNotExist(err) {
		t.Errorf("a body never written: %v, want not exist", err)
	}
	if fi, err := m.Stat(filepath.Join(m.dir, fragmentDir)); err != nil || !fi.IsDir() {
		t.Errorf("the bodies' folder: %v, %v", fi, err)
	}
	// Nothing but the body store is on disk.
	ents, err := os.ReadDir(m.dir)
	if err != nil || len(ents) != 1 || ents[0].Name() != ".bodies" {
		t.Errorf("on disk: %v, %v; want only .bodies", ents, err)
	}
	out := t.TempDir()
	if err := m.copyStatic(out); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "data", "index.json")); err != nil || string(got) != "[]\n" {
		t.Errorf("static file copied: %q, %v", got, err)
	}
}
