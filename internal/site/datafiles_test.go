package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// TestRecordValueOfFileValues: the dataset's JSON of a record made from what parsing
// decoded (record.FileValues) is the same bytes as decoding the file again, for the
// repository's records, the test data's and synthetic ones of every template, and
// leaves the record's FileValues as they were.
func TestRecordValueOfFileValues(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/data/reports/*/*.toml", "../../data/reports/*/*.toml"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	synth := t.TempDir()
	synthesize(t, synth, 3, 5)
	m, _ := filepath.Glob(filepath.Join(synth, "reports/*/*.toml"))
	files = append(files, m...)
	if len(files) < 20 {
		t.Fatalf("only %d record files", len(files))
	}
	marshal := func(v map[string]any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := record.ParseWith(f, data, record.ParseOptions{Now: testNow})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if r.FileValues() == nil {
			t.Fatalf("%s: no FileValues after parsing", f)
		}
		want, err := recordValue(data)
		if err != nil {
			t.Fatal(err)
		}
		before := marshal(r.FileValues())
		for range 2 { // twice: the first must not change what the second reads
			got, err := recordValueOf(r, data)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := marshal(got), marshal(want); !bytes.Equal(g, w) {
				t.Fatalf("%s: JSON from FileValues differs from the file's:\n%s\nwant\n%s", f, g, w)
			}
		}
		if after := marshal(r.FileValues()); !bytes.Equal(before, after) {
			t.Errorf("%s: recordValueOf changed the record's FileValues", f)
		}
	}
}
