package record

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FuzzParse: the loader never panics or hangs, and whatever it accepts saves to a
// file it accepts again and saves identically.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.toml")
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseAt("fuzz.toml", data, now)
		if err != nil {
			if _, ok := err.(Problems); !ok {
				t.Fatalf("error %T is not Problems: %v", err, err)
			}
			return
		}
		out, err := Encode(r)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		again, err := ParseAt("fuzz.toml", out, now)
		if err != nil {
			t.Fatalf("saved record does not load:\n%s\n%v", out, err)
		}
		out2, err := Encode(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("second save differs:\n%s\n---\n%s", out, out2)
		}
		Validate(r)
		Summarize(r)
		Figures(r)
	})
}

// FuzzText: any valid UTF-8 string survives the narrative and provenance encodings,
// read back by BurntSushi/toml and by readTOML.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a", "\n", "\"\"\"", "a\\\r\n\t\x00\x7f", "第一行\n第二行\"\"\"\"", "'''\n'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var v struct {
			T Text
			P Provenance
		}
		text, _ := Text(s).MarshalTOML()
		prov, _ := Provenance{Line: 1, Text: s}.MarshalTOML()
		doc := "T = " + string(text) + "\nP = " + string(prov) + "\n"
		if _, err := toml.Decode(doc, &v); err != nil {
			t.Fatalf("%q encodes to invalid TOML:\n%s\n%v", s, doc, err)
		}
		if string(v.T) != s || v.P.Text != s {
			t.Fatalf("%q came back as %q and %q", s, v.T, v.P.Text)
		}
		m, problem := readTOML("fuzz.toml", []byte(doc)) // the reader Parse uses
		if problem != nil {
			t.Fatalf("%q encodes to TOML readTOML refuses:\n%s\n%v", s, doc, problem)
		}
		if p, _ := m["P"].(map[string]any); m["T"] != s || p["text"] != s {
			t.Fatalf("%q came back from readTOML as %q and %q", s, m["T"], p["text"])
		}
	})
}

// FuzzSplitFigure holds splitFigure to its definition: the path split at its dots,
// the first part the table, the last the column, those between, joined, the row.
func FuzzSplitFigure(f *testing.F) {
	for _, p := range []string{"proactive.total", "requests.granted.commercial", "a.b.c.d", "total", "a..b", ".a", "a.", ""} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, path string) {
		parts := strings.Split(path, ".")
		want := Figure{Path: path, Table: parts[0], Column: parts[len(parts)-1]}
		if len(parts) > 2 {
			want.Row = strings.Join(parts[1:len(parts)-1], ".")
		}
		if got := splitFigure(path); got != want {
			t.Fatalf("splitFigure(%q) = %+v, want %+v", path, got, want)
		}
	})
}
