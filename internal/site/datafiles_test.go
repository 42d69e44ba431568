package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
)

// TestRecordJSONFromFileValues: the dataset's JSON of a record written from what
// parsing decoded (record.FileValues, appendJSON) is the same bytes as json.Marshal
// of the file decoded again, for the repository's records, the test data's and
// synthetic ones of every template, and leaves the record's FileValues as they were.
func TestRecordJSONFromFileValues(t *testing.T) {
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
			got, err := appendJSON(nil, r.FileValues())
			if err != nil {
				t.Fatal(err)
			}
			if w := marshal(want); !bytes.Equal(got, w) {
				t.Fatalf("%s: JSON from FileValues differs from the file's:\n%s\nwant\n%s", f, got, w)
			}
		}
		if after := marshal(r.FileValues()); !bytes.Equal(before, after) {
			t.Errorf("%s: appendJSON changed the record's FileValues", f)
		}
	}
}

// TestAppendJSONAsMarshal: appendJSON writes what json.Marshal writes of the
// values TOML decodes, strings that need escaping among them.
func TestAppendJSONAsMarshal(t *testing.T) {
	date := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, v := range []any{
		"", "平潭综合实验区", `<script>alert("x")</script> & co`, "a\u2028b\u2029c", "tab\tnew\nline\x00\x1f\x7f",
		"\xff\xfe bad", "quote\" back\\slash", "\u00e2\u0080\u00a8", "line\u2028", "€ ≠ \u2027 \u202a",
		int64(0), int64(-42), int64(1) << 62, 1.5, 1e21, 0.000001, -0.0, 100.0, true, false,
		[]any{}, []any{"a", int64(1), 2.5}, []map[string]any{{"name": "规章", "count": int64(3)}, {}},
		map[string]any{"b": int64(1), "a": map[string]any{"z": "<", "y": []any{true}}, "中": "文", "A": nil},
		date, map[string]any{"published": date},
	} {
		got, err := appendJSON(nil, v)
		if err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		want, err := json.Marshal(plain(v))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("appendJSON(%#v) = %s, json.Marshal writes %s", v, got, want)
		}
	}
}

// FuzzAppendJSONString: any string, as appendJSON writes it, is what json.Marshal
// writes.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "平潭", "<&>", "\u2028\u2029", "\xe2\x80", "\x00\x1f\"\\", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal writes %s", s, got, want)
		}
	})
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

// TestTablesWithFigures: tablesWithFigures finds the tables a record gives figures
// of as asking the record of each cell does (Record.HasUnder), for the repository's
// records, the test data's and synthetic ones of every template.
func TestTablesWithFigures(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/data/reports/*/*.toml", "../../data/reports/*/*.toml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	synth := t.TempDir()
	synthesize(t, synth, 3, 5)
	m, _ := filepath.Glob(filepath.Join(synth, "reports/*/*.toml"))
	files = append(files, m...)
	tables := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := record.ParseWith(f, data, record.ParseOptions{Now: testNow})
		if err != nil || r.Template() == nil {
			continue
		}
		tm := r.Template()
		got := tablesWithFigures(r, tm)
		for i := range tm.Tables {
			tb := &tm.Tables[i]
			want := false
			for _, row := range tb.Rows {
				for _, c := range tb.RowColumns(row) {
					want = want || r.HasUnder(tb.Path(row, c))
				}
			}
			if got[i] != want {
				t.Errorf("%s: table %s: tablesWithFigures says %v, its cells %v", f, tb.ID, got[i], want)
			}
			if want {
				tables++
			}
		}
	}
	if tables < 50 {
		t.Errorf("only %d tables with figures: the test reads too few records", tables)
	}
}
