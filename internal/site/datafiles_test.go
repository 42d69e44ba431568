package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
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

// TestPartitionsInMemory: a partition written from memory (it never reached
// spillChunk) gives the same files as one spilled after every report, or after
// every other one (spilled, then the rest in memory).
func TestPartitionsInMemory(t *testing.T) {
	data := t.TempDir()
	synthesize(t, data, 40, 2) // a report or two per year and province: none spills
	files, _ := filepath.Glob(filepath.Join(data, "reports/*/*.toml"))
	var rows []reportRows
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := record.ParseWith(f, b, record.ParseOptions{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		year, _ := strconv.Atoi(strings.TrimSuffix(filepath.Base(f), ".toml"))
		e := newEntry(store.Entry{Path: f, Slug: filepath.Base(filepath.Dir(f)), Year: year, Data: b, Record: r}, r)
		e.shard = shardOf([]*record.Record{r})
		rr, err := rowsOf(e, r, nil, b)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, rr)
	}
	write := func(spillEvery int) map[string][]byte {
		dir := t.TempDir()
		ps, err := newPartitions(filepath.Join(dir, "spill"), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, rr := range rows {
			if err := ps.add(rr); err != nil {
				t.Fatal(err)
			}
			if spillEvery > 0 && i%spillEvery == 0 {
				if err := ps.parts[rr.key].spill(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if spillEvery == 0 {
			for _, p := range ps.parts {
				if p.spilled {
					t.Fatalf("partition %v spilled with %d reports", p.key, p.reports)
				}
			}
		}
		out := filepath.Join(dir, "static")
		list, err := ps.finish(out)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		for _, f := range list {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.URL)))
			if err != nil {
				t.Fatal(err)
			}
			got[f.URL] = b
		}
		if _, err := os.Stat(filepath.Join(dir, "spill")); !os.IsNotExist(err) {
			t.Errorf("the spill folder is left: %v", err)
		}
		return got
	}
	memory := write(0)
	if len(memory) < 4*31 {
		t.Fatalf("only %d files", len(memory))
	}
	for _, every := range []int{1, 2} {
		spilled := write(every)
		if len(spilled) != len(memory) {
			t.Fatalf("spilling every %d: %d files, from memory %d", every, len(spilled), len(memory))
		}
		for name, b := range memory {
			if !bytes.Equal(b, spilled[name]) {
				t.Errorf("spilling every %d: %s differs from the one written from memory", every, name)
			}
		}
	}
}
