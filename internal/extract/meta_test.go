package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadMeta: a meta file's fields, and one clear error naming the file and line
// for a bad one, a hostile one (nested a million deep: BurntSushi/toml's time grew
// with the square of the depth) and one too large.
func TestLoadMeta(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, doc, want string // want: the error's start after the path, or "" for none
	}{
		{"full", "[agency]\nname = \"测试县测试局\"\nprovince = \"测试省\"\n[report]\nyear = 2020\ntitle = \"t\"\npublished = 2021-01-21\n[source]\nurl = \"https://example.org/r\"\n", ""},
		{"unknown key", "[agency]\nnmae = \"x\"\n", ":2: unknown key agency.nmae (a meta file has"},
		{"unknown table", "[report]\nyear = 2020\n[extra]\na = 1\n", ":3: unknown key extra ("},
		{"syntax", "[agency\nname = \"x\"\n", ":1: "},
		{"date and time", "[report]\npublished = 2021-01-21T10:00:00\n", ":2: "},
		{"wrong type", "[report]\nyear = \"2020\"\n", ":2: "},
		{"nested arrays", "a = " + strings.Repeat("[", 60000), ":1: arrays and inline tables are nested more than the maximum"},
		{"dotted key", strings.Repeat("a.", 30000) + "a = 1\n", ":1: unknown key a.a.a"},
		{"too large", "[agency]\nname = \"" + strings.Repeat("x", MaxMetaBytes) + "\"\n", ": larger than 64 KB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".meta.toml")
			if err := os.WriteFile(path, []byte(tt.doc), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := LoadMeta(path)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if m.Agency.Name != "测试县测试局" || m.Agency.Province != "测试省" || m.Report.Year != 2020 || m.Report.Title != "t" ||
					m.Report.Published == nil || m.Report.Published.String() != "2021-01-21" || m.Source.URL != "https://example.org/r" {
					t.Errorf("got %+v, published %v", m, m.Report.Published)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), path+tt.want) {
				t.Errorf("got %.300v, want an error starting %q", err, path+tt.want)
			}
			if err != nil && (strings.Contains(err.Error(), "\n") || len(err.Error()) > len(path)+400) {
				t.Errorf("not one short line: %.300v", err)
			}
		})
	}
}

// FuzzLoadMeta: any file gives a Meta or one error line naming the file.
func FuzzLoadMeta(f *testing.F) {
	metas, _ := filepath.Glob("testdata/*/*.meta.toml")
	for _, path := range metas {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("[report]\npublished = 2021-01-21\n[agency]\nname = \"x\"\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.meta.toml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadMeta(path); err != nil && !strings.HasPrefix(err.Error(), path) {
			t.Fatalf("%q: error does not name the file: %v", data, err)
		}
	})
}
