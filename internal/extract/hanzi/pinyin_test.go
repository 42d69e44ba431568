package hanzi

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripPinyin(t *testing.T) {
	tests := []struct{ in, want string }{
		// Real strings of seed 004.
		{"2017年度,我局繼續(xù)認(rèn)真貫徹落實", "2017年度,我局繼續認真貫徹落實"},
		{"在市委、市政府的正確領(lǐng)導(dǎo)下", "在市委、市政府的正確領導下"},
		{"促進(jìn)了我市招商事業(yè)又好又快發(fā)展。", "促進了我市招商事業又好又快發展。"},
		{"(一)主動公開政府信息的數(shù)量", "(一)主動公開政府信息的數量"},
		{"掃一掃在手機(jī)上查看當(dāng)前頁面", "掃一掃在手機上查看當前頁面"},
		// Other forms of the gloss.
		{"文(wen)章(zhang)", "文章"},
		{"文（wen）章（zhang）", "文章"},
		{"领导(lǐngdǎo)小组", "领导小组"},
		{"领导（lǐng dǎo）小组", "领导小组"},
		{"领导(ling3 dao3)小组", "领导小组"},
		{"绿(lǜ)色", "绿色"},
		{"绿(lv)色", "绿色"},
		{"重(chóng)复", "重复"}, // a heteronym: 重 is zhòng or chóng
		{"重(zhong)要", "重要"},
		{"发(fa\u0304)展", "发展"}, // a decomposed tone mark
		// Kept: not the reading of the characters before.
		{"手机APP(APP)", "手机APP(APP)"},
		{"我局手机(APP)", "我局手机(APP)"},
		{"条例(2019)", "条例(2019)"},
		{"第二十条第(一)项", "第二十条第(一)项"},
		{"办法(试行)", "办法(试行)"},
		{"ABC(wen)", "ABC(wen)"},
		{"(wen)章", "(wen)章"},
		{"文(zhang)", "文(zhang)"},
		{"文(wen", "文(wen"},
		{"文()", "文()"},
		{"文(w-)", "文(w-)"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StripPinyin(tt.in); got != tt.want {
			t.Errorf("StripPinyin(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripPinyinSeed(t *testing.T) {
	got := StripPinyin(readFile(t, "testdata/004_d9f7402dada6cbef.txt"))
	for line := range strings.Lines(got) {
		for _, r := range line {
			if r >= 'a' && r <= 'z' || r >= 0xC0 && r < 0x250 {
				t.Errorf("a gloss is left in %q", line)
				break
			}
		}
	}
}

func FuzzStripPinyin(f *testing.F) {
	f.Add("繼續(xù)認(rèn)真")
	f.Add("文（wen）章（zhang）")
	f.Add("第二十条第(一)项(APP)")
	f.Add("领导(ling3 dao3)")
	f.Fuzz(func(t *testing.T, s string) {
		got := StripPinyin(s)
		if len(got) > len(s) {
			t.Errorf("StripPinyin(%q) = %q: longer", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("StripPinyin(%q) = %q: invalid UTF-8", s, got)
		}
		if !strings.ContainsAny(s, "(（") && got != s {
			t.Errorf("StripPinyin(%q) = %q: changed text without parentheses", s, got)
		}
	})
}

func BenchmarkStripPinyin(b *testing.B) {
	s := readFile(b, "testdata/004_d9f7402dada6cbef.txt") // 5.5 KB, 123 glosses
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		StripPinyin(s)
	}
}
