package record

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"
)

// recordFiles are the record files of the repository's data and of the tests'
// fixtures: real records and hand-made broken ones.
func recordFiles(t testing.TB) []string {
	var files []string
	for _, root := range []string{"../../data", "..", "../../testdata"} {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".toml") && !strings.Contains(path, "/i18n/") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("found only %d record files", len(files))
	}
	return files
}

// burntSushiValues is data as BurntSushi/toml decodes it, the reader records were
// read with before readTOML, with inline arrays of tables as readTOML has them.
func burntSushiValues(data []byte) (map[string]any, error) {
	var m map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// sameShape is v with its times as text naming every field, its floats as their
// bits (NaN as "NaN"), and every array of tables as []map[string]any, so that the two readers' values compare with
// reflect.DeepEqual.
func sameShape(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = sameShape(x)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(v))
		for i, x := range v {
			out[i] = sameShape(x).(map[string]any)
		}
		return out
	case []any:
		out := make([]any, len(v))
		tables := len(v) > 0
		for i, x := range v {
			out[i] = sameShape(x)
			_, ok := out[i].(map[string]any)
			tables = tables && ok
		}
		if tables {
			return sameShape(shaped(out))
		}
		return out
	case float64:
		if math.IsNaN(v) {
			return "NaN"
		}
		return math.Float64bits(v)
	case time.Time:
		_, offset := v.Zone()
		if name, _ := v.Zone(); strings.Contains(name, "local") {
			offset = 0 // BurntSushi/toml's zone of a local date or time
		}
		return fmt.Sprintf("%s offset %d", v.Format("2006-01-02T15:04:05.999999999"), offset)
	}
	return v
}

// TestReadTOMLAsBurntSushi: on every record file of the repository and the tests,
// readTOML gives the values BurntSushi/toml gave, and Parse the record it made from
// them (the figures, lists and fields Encode writes).
func TestReadTOMLAsBurntSushi(t *testing.T) {
	for _, path := range recordFiles(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := burntSushiValues(data)
		got, problem := readTOML(path, data)
		if (wantErr != nil) != (problem != nil) {
			t.Errorf("%s: BurntSushi/toml: %v; readTOML: %v", path, wantErr, problem)
			continue
		}
		if wantErr != nil {
			continue
		}
		if !reflect.DeepEqual(sameShape(got), sameShape(want)) {
			t.Errorf("%s: readTOML gives\n%v\nBurntSushi/toml gives\n%v", path, sameShape(got), sameShape(want))
			continue
		}
		r, err := ParseAt(path, data, now)
		if err != nil {
			continue // a fixture of a broken record
		}
		var old Record
		if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&old); err != nil {
			t.Errorf("%s: BurntSushi/toml cannot decode a record Parse accepts: %v", path, err)
			continue
		}
		if old.Schema == 0 {
			old.Schema = SchemaVersion
		}
		old.figures, old.lists, old.template, old.decoded = r.figures, r.lists, r.template, r.decoded
		if !reflect.DeepEqual(*r, old) {
			t.Errorf("%s: Parse gives\n%+v\nBurntSushi/toml gives\n%+v", path, *r, old)
		}
	}
}

// FuzzReadTOMLAsBurntSushi: on any document both readers accept, readTOML gives
// the values BurntSushi/toml gives.
func FuzzReadTOMLAsBurntSushi(f *testing.F) {
	for _, path := range recordFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"a = 2018-01-10\nb = 2018-01-10T10:00:00\nc = 10:00:00\nd = 2018-01-10T10:00:00+08:00\n",
		"a = [{x = 1}, {x = 2}]\nb = []\nc = [1, {x = 1}]\n[[d]]\nx = 1\n", "a = {b = {c = [1.5, -0.0, inf]}}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			return // BurntSushi/toml's time grows with the square of a document's nesting
		}
		want, wantErr := burntSushiValues(data)
		got, problem := readTOML("fuzz.toml", data)
		if wantErr != nil || problem != nil {
			return
		}
		if g, w := sameShape(got), sameShape(want); !reflect.DeepEqual(g, w) {
			t.Fatalf("%q: readTOML gives\n%#v\nBurntSushi/toml gives\n%#v", data, g, w)
		}
	})
}

// TestParseHostileNesting: a record file of arrays, inline tables or dotted keys
// nested a million deep is refused with one problem, which cost BurntSushi/toml
// minutes and gigabytes (the square of the depth), and the dotted keys a stack
// overflow of the first go-toml reader. A file nested as deep as go-toml allows is
// refused too. What is refused as a syntax error allocates a few times the file's
// size; dotted keys, which shapeOf refuses before they are decoded, about 115
// times (go-toml's parser makes a node of each part), where decoding them made a
// table of each and allocated about 340 times. So is a file of a million keys,
// which would take go-toml's decoder about half an hour.
func TestParseHostileNesting(t *testing.T) {
	const deep = 1 << 19
	for _, tt := range []struct {
		name, doc, want string
		times           int // the allocation allowed, in times the file's size
	}{
		{"open arrays", "a = " + strings.Repeat("[", deep), "fuzz.toml:1: TOML syntax: arrays and inline tables are nested more than the maximum", 16},
		{"open inline tables", "a = " + strings.Repeat("{b = ", deep), "fuzz.toml:1: TOML syntax: arrays and inline tables are nested more than the maximum", 16},
		{"closed arrays", "a = " + strings.Repeat("[", deep) + strings.Repeat("]", deep), "fuzz.toml:1: TOML syntax: arrays and inline tables are nested more than the maximum", 16},
		{"as deep as allowed", "schema = 1\na = " + strings.Repeat("{b = ", 9000) + "1" + strings.Repeat("}", 9000), "fuzz.toml:2: tables and arrays nested more than 32 deep", 400},
		{"dotted table", "[" + strings.Repeat("a.", deep) + "a]\n", "fuzz.toml:1: tables and arrays nested more than 32 deep", 128},
		{"dotted key", strings.Repeat("a.", deep) + "a = 1\n", "fuzz.toml:1: tables and arrays nested more than 32 deep", 128},
		{"dotted keys in nested arrays", "a = [\n" + strings.Repeat("{"+strings.Repeat("a.", 20)+"a = [\n", 4000) + "1" + strings.Repeat("]}", 4000) + "]\n", "fuzz.toml:1: tables and arrays nested more than 32 deep", 128},
		{"dotted key in an inline table", "a = {" + strings.Repeat("a.", deep) + "a = 1}\n", "fuzz.toml:1: tables and arrays nested more than 32 deep", 128},
		{"a million keys", distinct("k%d = 1\n", 1<<20), "fuzz.toml:10001: more than 10000 keys", 16},
		{"a million tables", distinct("[t%d]\n", 1<<20), "fuzz.toml:10001: more than 10000 keys", 16},
		{"a million keys in an inline table", "a = {" + distinct("k%d = 1, ", 1<<20) + "z = 1}\n", "fuzz.toml:1: more than 10000 keys", 64},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ParseAt("fuzz.toml", []byte(tt.doc), now)
			runtime.ReadMemStats(&after)
			ps, _ := err.(Problems)
			if !slices.ContainsFunc(ps, func(p Problem) bool { return strings.HasPrefix(p.String(), tt.want) }) {
				t.Fatalf("got %.300v, want a problem starting %q", err, tt.want)
			}
			t.Logf("%d KB file: allocated %d KB", len(tt.doc)>>10, (after.TotalAlloc-before.TotalAlloc)>>10)
			if alloc, limit := after.TotalAlloc-before.TotalAlloc, uint64(tt.times*len(tt.doc)); alloc > limit {
				t.Errorf("allocated %d MB for a %d KB file, more than %d MB", alloc>>20, len(tt.doc)>>10, limit>>20)
			}
		})
	}
}

// distinct is format, which has one %d, repeated n times with 0…n-1.
func distinct(format string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// TestShapeOf: shapeOf counts depth as tomlShape does, in every way a document
// nests (table headers, arrays of tables, dotted keys, inline tables, arrays), so a
// document as deep as MaxNesting is accepted and one a level deeper refused with
// the line of its expression; and it counts every part of a key, so a document of
// MaxKeys keys is accepted and one of a key more refused.
func TestShapeOf(t *testing.T) {
	keys := func(n int) string { return strings.TrimSuffix(strings.Repeat("k.", n), ".") }
	const n = MaxNesting
	deep := fmt.Sprintf("tables and arrays nested more than %d deep", MaxNesting)
	for _, tt := range []struct {
		name string
		doc  string // with %s for the key that makes it MaxNesting deep
		at   int    // that key's parts
		line int    // the line of the expression one part deeper
	}{
		{"dotted key", "x = 1\n%s = 1\n", n, 2},
		{"table header", "x = 1\n[%s]\ny = 1\n", n - 1, 3},
		{"empty table header", "x = 1\n[%s]\n", n, 2},
		{"key in a table", "[a.b]\n%s = 1\n", n - 2, 2},
		{"array of tables", "[[a.b]]\n%s = 1\n", n - 3, 2},
		{"inline table", "a = {%s = 1}\n", n - 1, 1},
		{"array of inline tables", "z = 0\na = [{%s = 1}]\n", n - 2, 2},
		{"nested arrays", "a.b = [[[{%s = [1]}]]]\n", n - 6, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for extra, want := range []int{0, tt.line} {
				doc := []byte(strings.Replace(tt.doc, "%s", keys(tt.at+extra), 1))
				var raw map[string]any
				if err := gotoml.Unmarshal(doc, &raw); err != nil {
					t.Fatalf("%s: %v", doc, err)
				}
				s := shapeOf(doc)
				if s.line != want || (want > 0) != (s.problem == deep) {
					t.Errorf("%s: shapeOf = %+v, want line %d", doc, s, want)
				}
				if shallow := tomlShape(raw, 0); shallow != (want == 0) {
					t.Errorf("%s: tomlShape = %v, shapeOf = %+v", doc, shallow, s)
				}
			}
		})
	}
	many := fmt.Sprintf("more than %d keys", MaxKeys)
	for _, tt := range []struct {
		name string
		doc  func(keys int) string // a document of that many keys
		line func(keys int) int    // the line the key past MaxKeys is on
	}{
		{"keys", func(k int) string { return strings.Repeat("k = 1\n", k) }, func(k int) int { return k }},
		{"dotted keys", func(k int) string { return strings.Repeat("a.b = 1\n", k/2) }, func(k int) int { return (k + 1) / 2 }},
		{"tables", func(k int) string { return "x = 1\n" + strings.Repeat("[t]\n", k-1) }, func(k int) int { return k }},
		{"inline tables", func(k int) string { return "x = [" + strings.Repeat("{a = 1}, ", k-1) + "]\n" }, func(int) int { return 1 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if s := shapeOf([]byte(tt.doc(MaxKeys))); s.problem != "" {
				t.Errorf("%d keys: shapeOf = %+v, want no problem", MaxKeys, s)
			}
			s := shapeOf([]byte(tt.doc(MaxKeys + 2)))
			if want := tt.line(MaxKeys + 1); s.problem != many || s.line != want {
				t.Errorf("%d keys: shapeOf = %+v, want %q on line %d", MaxKeys+2, s, many, want)
			}
		})
	}
	// Dots in strings and decimals are not keys: a file with more than MaxKeys of them
	// is read by shapeOf and accepted.
	doc := []byte("a = \"" + strings.Repeat(".", MaxKeys) + "\"\nb = [" + strings.Repeat("1.5, ", 10) + "1.5]\n")
	if s := shapeOf(doc); !mayExceedBounds(doc) || s.problem != "" || s.keys != 2 {
		t.Errorf("a file of two keys and %d dots: mayExceedBounds %v, shapeOf %+v", bytes.Count(doc, []byte(".")), mayExceedBounds(doc), s)
	}
}

// FuzzShapeOf: on any document go-toml decodes, shapeOf refuses as too deep what
// tomlShape refuses, and only that, and counts at least as many keys as the
// document has; on any document, mayExceedBounds is true where shapeOf counts more
// than MaxKeys keys.
func FuzzShapeOf(f *testing.F) {
	for _, s := range []string{"a.b.c = 1\n", "[a.b]\nc = {d.e = [[{f = 1}]]}\n", "[[a]]\nb.c = [1, [2, {d = 3}]]\n[[a]]\nb.d = 1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		s := shapeOf(data)
		if s.keys > MaxKeys && !mayExceedBounds(data) {
			t.Fatalf("%q: shapeOf counts %d keys, mayExceedBounds is false", data, s.keys)
		}
		var raw map[string]any
		if s.keys > MaxKeys || gotoml.Unmarshal(data, &raw) != nil {
			return
		}
		if shallow := tomlShape(raw, 0); shallow != (s.line == 0) {
			t.Fatalf("%q: tomlShape %v, shapeOf %+v", data, shallow, s)
		}
		if n := countKeys(raw); s.line == 0 && n > s.keys {
			t.Fatalf("%q: %d keys decoded, shapeOf counts %d", data, n, s.keys)
		}
	})
}

// countKeys counts the keys of the tables in v, a decoded value.
func countKeys(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		n += len(v)
		for _, x := range v {
			n += countKeys(x)
		}
	case []any:
		for _, x := range v {
			n += countKeys(x)
		}
	case []map[string]any:
		for _, x := range v {
			n += countKeys(x)
		}
	}
	return n
}

// TestLocateDeepKeys: the lines of a file's keys are found in time linear in its
// size however deep its keys are (MaxLocatedKey); a key deeper than the bound has
// the line of its ancestor within it.
func TestLocateDeepKeys(t *testing.T) {
	const deep = 1 << 19
	doc := "x = 1\n[" + strings.Repeat("a.", deep) + "a]\nb = {" + strings.Repeat("c.", deep) + "c = 1}\n"
	loc := NewLocator([]byte(doc))
	deepest := strings.Repeat("a.", deep) + "a"
	for _, tt := range []struct {
		path string
		want int
	}{{"x", 1}, {"a", 2}, {"a.a.a", 2}, {deepest, 2}, {deepest + ".b", 2}, {deepest + ".b.c.c", 2}} {
		if got := loc.Line(tt.path); got != tt.want {
			t.Errorf("Line(%.40q) = %d, want %d", tt.path, got, tt.want)
		}
	}
}
