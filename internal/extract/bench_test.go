package extract

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkExtractText measures extraction of the corpus's text reports whose tables
// are kept as tables (the seeds), decoding included: documents per second on one
// core.
func BenchmarkExtractText(b *testing.B) { benchmarkText(b, "testdata/corpus/seeds/*.txt") }

// BenchmarkExtractFlat measures extraction of the crawler's text dumps, whose tables
// are flattened into runs of digits that are split and settled by the identities.
func BenchmarkExtractFlat(b *testing.B) { benchmarkText(b, "testdata/corpus/crawl/*.txt") }

func benchmarkText(b *testing.B, glob string) {
	files, _ := filepath.Glob(glob)
	var docs [][]byte
	var size int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		size += int64(len(data))
	}
	opts := Options{}
	// Warm the shared tables (region index, conversion dictionaries) outside the timing.
	File("warm", docs[0], opts)
	b.SetBytes(size / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		data := docs[n%len(docs)]
		n++
		File("bench", data, opts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
	// On a shared machine wall time says little; the process's CPU time says how
	// much work a document takes.
	b.ReportMetric(float64(n)/(cpuTime()-cpu).Seconds(), "docs/cpu-s")
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractPDF measures extraction of the corpus's PDF report, pdftotext
// included.
func BenchmarkExtractPDF(b *testing.B) {
	if !havePDFText() {
		b.Skip("pdftotext not installed: apt-get install poppler-utils poppler-data")
	}
	data, err := os.ReadFile("testdata/corpus/pdf/huaian-2024.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	n := 0
	for b.Loop() {
		n++
		if _, err := File("huaian-2024.pdf", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkExtractHTML measures extraction of a 2019-template CMS page with its four
// tables (decode/testdata/html/report-utf8.html): documents per second on one core.
func BenchmarkExtractHTML(b *testing.B) {
	data, err := os.ReadFile("decode/testdata/html/report-utf8.html")
	if err != nil {
		b.Fatal(err)
	}
	File("warm", data, Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		if _, err := File("report.html", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}
