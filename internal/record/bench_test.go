package record

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse reads and checks the repository's records, which are real reports
// with their [provenance]: one op is every record once.
func BenchmarkParse(b *testing.B) {
	paths, err := filepath.Glob("../../data/reports/*/*.toml")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no records: %v", err)
	}
	files := make([][]byte, len(paths))
	size := 0
	for i, p := range paths {
		if files[i], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
		size += len(files[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, err := ParseAt(paths[i], data, now); err != nil {
				b.Fatal(err)
			}
		}
	}
}
