package decode

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeText decodes anything the sniffer takes for text: Decode must not
// fail but with a clear error, and its Document must keep the invariants of
// document.go.
func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"003_bce59b32b8835914.txt", "004_d9f7402dada6cbef.big5", "004_d9f7402dada6cbef.bom.utf-16le"} {
		data, err := os.ReadFile(filepath.Join("testdata", "text", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("首页 >> 政府信息公开\n繼續(xù)認(rèn)真\n项目 | 数量\n | \n网站 | １２\n第3页 共6页\n"))
	f.Add([]byte("a|b\r\n\r\nc|d\rx|||\n|"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if format, err := sniff(data); err != nil || format != formatText {
			return
		}
		d, err := Decode("fuzz.txt", data)
		if err != nil {
			if !errors.Is(err, ErrNotReport) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if d.Format != formatText {
			t.Errorf("Format = %q", d.Format)
		}
		for _, l := range d.Lines {
			if !utf8.ValidString(l) {
				t.Errorf("line %q is not valid UTF-8", l)
			}
		}
		checkDocument(t, d)
	})
}

// BenchmarkDecodeText decodes the seed reports (plain text, 5 to 11 KB each).
func BenchmarkDecodeText(b *testing.B) {
	var files [][]byte
	size := 0
	for _, name := range seeds {
		data, err := os.ReadFile(filepath.Join("testdata", "text", name))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, data := range files {
			if _, err := Decode(seeds[i], data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "docs/s")
}
