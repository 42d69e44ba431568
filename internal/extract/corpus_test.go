package extract

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nianbao/nianbao/internal/record"
)

// corpusCase is a raw report of testdata/corpus (the shared corpus's four folders)
// with its expected figures.
type corpusCase struct {
	raw, expected, meta string
}

func corpusCases(t testing.TB) []corpusCase {
	t.Helper()
	var cases []corpusCase
	files, _ := filepath.Glob("testdata/corpus/*/*")
	for _, f := range files {
		ext := filepath.Ext(f)
		if ext == ".toml" {
			continue
		}
		base := strings.TrimSuffix(f, ext)
		c := corpusCase{raw: f, expected: base + ".expected.toml"}
		if _, err := os.Stat(c.expected); err != nil {
			continue
		}
		if _, err := os.Stat(base + ".meta.toml"); err == nil {
			c.meta = base + ".meta.toml"
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		t.Fatal("no corpus cases in testdata/corpus")
	}
	return cases
}

// leaves flattens a TOML document like shared/tools/corpus-check does: tables by
// key, arrays of tables item by item.
func leaves(prefix string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, v := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			leaves(p, v, out)
		}
	case []map[string]any:
		for i, item := range x {
			leaves(fmt.Sprintf("%s[%d]", prefix, i), item, out)
		}
	default:
		out[prefix] = v
	}
}

func sameValue(want, got any) bool {
	f := func(v any) (float64, bool) {
		switch x := v.(type) {
		case int64:
			return float64(x), true
		case float64:
			return x, true
		}
		return 0, false
	}
	if wf, ok := f(want); ok {
		gf, ok := f(got)
		return ok && math.Abs(wf-gf) < 1e-9
	}
	if wt, ok := want.(time.Time); ok {
		gt, ok := got.(time.Time)
		return ok && wt.Format("2006-01-02") == gt.Format("2006-01-02")
	}
	return fmt.Sprint(want) == fmt.Sprint(got)
}

// TestCorpus is shared/tools/corpus-check as a Go test: every figure of every
// expected file must come out of extraction with its value.
func TestCorpus(t *testing.T) {
	total, good := 0, 0
	for _, c := range corpusCases(t) {
		t.Run(filepath.Base(c.raw), func(t *testing.T) {
			if strings.HasSuffix(c.raw, ".pdf") && !havePDFText() {
				t.Skip("pdftotext not installed: apt-get install poppler-utils poppler-data")
			}
			var want map[string]any
			if _, err := toml.DecodeFile(c.expected, &want); err != nil {
				t.Fatal(err)
			}
			opts := Options{}
			if c.meta != "" {
				m, err := LoadMeta(c.meta)
				if err != nil {
					t.Fatal(err)
				}
				opts.Meta = m
			}
			data, err := os.ReadFile(c.raw)
			if err != nil {
				t.Fatal(err)
			}
			res, err := File(filepath.Base(c.raw), data, opts)
			if err != nil {
				t.Fatal(err)
			}
			out, err := record.Encode(res.Record)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if _, err := toml.Decode(string(out), &got); err != nil {
				t.Fatalf("output is not TOML: %v\n%s", err, out)
			}
			wl, gl := map[string]any{}, map[string]any{}
			leaves("", want, wl)
			leaves("", got, gl)
			for k, w := range wl {
				total++
				g, ok := gl[k]
				if !ok {
					t.Errorf("%s: want %v, got (absent)", k, w)
					continue
				}
				if !sameValue(w, g) {
					t.Errorf("%s: want %v, got %v", k, w, g)
					continue
				}
				good++
			}
			if _, err := record.Parse("extracted", out); err != nil {
				t.Errorf("the extracted record does not load: %v", err)
			}
		})
	}
	t.Logf("corpus: %d/%d figures match", good, total)
}

func havePDFText() bool {
	_, err := exec.LookPath("pdftotext")
	return err == nil
}
