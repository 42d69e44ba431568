package region

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkResolve(b *testing.B) {
	text, err := os.ReadFile("testdata/corpus/000_c9adea2f849f8d4a.txt")
	if err != nil {
		b.Fatal(err)
	}
	report := string(text) // 7 KB
	ix := Default()
	for _, bm := range []struct{ name, agency, context string }{
		{"city", "襄阳市行政审批局", report},
		{"district", "北京市朝阳区人民政府", ""},
		{"ambiguous-by-context", "朝阳区人民政府", "吉林省长春市朝阳区" + report},
		{"national", "国家统计局", report},
		{"no-place-by-context", "市行政审批局", report},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Resolve(bm.agency, bm.context); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	b.SetBytes(int64(len(divisionsTSV)))
	for b.Loop() {
		if _, err := Load(strings.NewReader(divisionsTSV)); err != nil {
			b.Fatal(err)
		}
	}
}
