package hanzi

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestToSimplified(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"2017年度,我局繼續認真貫徹落實", "2017年度,我局继续认真贯彻落实"},
		{"在市委、市政府的正確領導下", "在市委、市政府的正确领导下"},
		{"掃一掃在手機上查看當前頁面", "扫一扫在手机上查看当前页面"},
		{"您的瀏覽器版本太低!", "您的浏览器版本太低!"},
		{"一目瞭然", "一目了然"}, // a phrase: 瞭 alone becomes 了 too, but through the phrase
		{"二噁英", "二𫫇英"},   // a phrase whose target is outside the BMP
		{"政府信息公开工作年度报告", "政府信息公开工作年度报告"}, // simplified stays
		{"ABC 123 ａｂｃ", "ABC 123 ａｂｃ"},
		{"頭髮", "头发"}, // 髮 and 發 both become 发
		{"\xff認\xfe", "\xff认\xfe"},
	}
	for _, tt := range tests {
		if got := ToSimplified(tt.in); got != tt.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestToSimplifiedSeed(t *testing.T) {
	src := readFile(t, "testdata/004_d9f7402dada6cbef.txt")
	got := ToSimplified(StripPinyin(src))
	for _, want := range []string{
		"2017年度,我局继续认真贯彻落实《中华人民共和国政府信息公开条例》的基础上",
		"(二)解决办法和改进措施",
		"扫一扫在手机上查看当前页面",
		"为了更好的浏览体验,建议升级您的浏览器!",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("converted seed lacks %q", want)
		}
	}
	if Script(got) != "hans" {
		t.Errorf("Script(converted seed) = hant, want hans")
	}
}

func TestToSimplifiedUnchangedDoesNotAllocate(t *testing.T) {
	s := readFile(t, "testdata/003_bce59b32b8835914.txt")
	c := Default()
	if allocs := testing.AllocsPerRun(10, func() { c.ToSimplified(s) }); allocs != 0 {
		t.Errorf("ToSimplified of simplified text: %v allocations, want 0", allocs)
	}
}

func TestScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "hans"},
		{"abc 123", "hans"},
		{"2017年,我局高度重視政府信息公開工作", "hant"},
		{"2017年,我局高度重视政府信息公开工作", "hans"},
		// Simplified text with one character that is also a traditional key (著).
		{"政府信息公开工作取得显著成效，公开数量明显增加，公开质量不断提高，群众满意度持续上升。", "hans"},
	}
	for _, tt := range tests {
		if got := Script(tt.in); got != tt.want {
			t.Errorf("Script(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Script(readFile(t, "testdata/004_d9f7402dada6cbef.txt")); got != "hant" {
		t.Errorf("Script(seed 004) = %q, want hant", got)
	}
	if got := Script(readFile(t, "testdata/003_bce59b32b8835914.txt")); got != "hans" {
		t.Errorf("Script(seed 003) = %q, want hans", got)
	}
}

func TestConverterConcurrent(t *testing.T) {
	c := NewConverter()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got := c.ToSimplified("繼續認真"); got != "继续认真" {
					t.Errorf("got %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzToSimplified(f *testing.F) {
	f.Add("繼續(xù)認(rèn)真")
	f.Add("一目瞭然")
	f.Add("\xff\xfe認")
	f.Add("")
	c := NewConverter()
	f.Fuzz(func(t *testing.T, s string) {
		got := c.ToSimplified(s)
		// Every dictionary entry maps n characters to n characters.
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Errorf("ToSimplified(%q) = %q: rune count changed", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("ToSimplified(%q) = %q: invalid UTF-8", s, got)
		}
		if c.ToSimplified(got) != got && c.Script(got) != "hans" {
			t.Errorf("ToSimplified(%q) = %q is still traditional", s, got)
		}
	})
}

func BenchmarkNewConverter(b *testing.B) {
	for b.Loop() {
		NewConverter()
	}
}

func BenchmarkToSimplified(b *testing.B) {
	for _, name := range []string{"004_d9f7402dada6cbef.txt", "003_bce59b32b8835914.txt"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		// About 10 KB of report text.
		s := strings.Repeat(string(data), (10240+len(data)-1)/len(data))
		c := Default()
		b.Run(name[:3], func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				c.ToSimplified(s)
			}
		})
	}
}

func BenchmarkScript(b *testing.B) {
	s := readFile(b, "testdata/004_d9f7402dada6cbef.txt")
	c := Default()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		c.Script(s)
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestContainsAny(t *testing.T) {
	for _, c := range []struct {
		s, chars string
	}{
		{"", ""}, {"abc", ""}, {"", "件"}, {"共受理申请12件", "件个宗"}, {"共受理申请12", "件个宗"},
		{"领导（lǐng dǎo）", "(（"}, {"a(b", "(（"}, {"\xff\xfe", "\uFFFD"}, {"abc", "xyzc"},
	} {
		if got, want := ContainsAny(c.s, c.chars), strings.ContainsAny(c.s, c.chars); got != want {
			t.Errorf("ContainsAny(%q, %q) = %v, strings.ContainsAny says %v", c.s, c.chars, got, want)
		}
	}
}

func BenchmarkContainsAny(b *testing.B) {
	s := strings.Repeat("本机关全年共受理政府信息公开申请，依法予以答复", 20)
	b.Run("hanzi", func(b *testing.B) {
		for b.Loop() {
			ContainsAny(s, "(（")
		}
	})
	b.Run("strings", func(b *testing.B) {
		for b.Loop() {
			strings.ContainsAny(s, "(（")
		}
	})
}
