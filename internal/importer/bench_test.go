package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchReports writes n small text reports, each with a meta file naming its own
// agency, so that each becomes its own record.
func benchReports(b *testing.B, n int) string {
	b.Helper()
	seed, err := os.ReadFile("../extract/testdata/corpus/seeds/001_f0fa1c2612b109d1.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("r%03d", i))
		if err := os.WriteFile(name+".txt", seed, 0o644); err != nil {
			b.Fatal(err)
		}
		meta := fmt.Sprintf("[agency]\nname = \"测试%d局\"\nprovince = \"甘肃省\"\n", i)
		if err := os.WriteFile(name+".meta.toml", []byte(meta), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkImport imports 200 small text reports into an empty data folder: the
// cost of writing (and syncing) the files, besides extraction.
func BenchmarkImport(b *testing.B) {
	const n = 200
	src := benchReports(b, n)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		data := filepath.Join(b.TempDir(), fmt.Sprint(i))
		sum, err := Import(context.Background(), []string{src}, Options{DataDir: data, Jobs: 2})
		if err != nil || sum.Counts[Imported] != n {
			b.Fatalf("%+v %v", sum.Counts, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n)/1000, "ms/report")
}
