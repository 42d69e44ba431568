package textenc

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the encoded fixtures in testdata")

// A fixture is a seed report (UTF-8, in testdata) written in another encoding and
// committed as testdata/<seed>.<name>.
type fixture struct {
	seed string // the UTF-8 source in testdata
	name string // the fixture's suffix
	enc  encoding.Encoding
	bom  string
	want string // the encoding Decode must find
}

const (
	seedHans = "003_bce59b32b8835914.txt" // simplified, with pipe tables
	seedHant = "004_d9f7402dada6cbef.txt" // traditional, with pinyin glosses
)

var fixtures = []fixture{
	{seedHans, "gb18030", simplifiedchinese.GB18030, "", GB18030},
	{seedHant, "gb18030", simplifiedchinese.GB18030, "", GB18030},
	{seedHans, "gbk", simplifiedchinese.GBK, "", GB18030},
	// Big5 cannot write the pinyin glosses' tone marks: the Big5 fixture is
	// the seed without them.
	{seedHant, "big5", traditionalchinese.Big5, "", Big5},
	{seedHans, "utf-16le", xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "", UTF16LE},
	{seedHans, "utf-16be", xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "", UTF16BE},
	{seedHant, "utf-16le", xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "", UTF16LE},
	{seedHant, "bom.utf-16le", xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "\xFF\xFE", UTF16LE},
	{seedHant, "bom.utf-16be", xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "\xFE\xFF", UTF16BE},
	{seedHans, "bom.utf-8", encoding.Nop, "\xEF\xBB\xBF", UTF8},
}

func (f fixture) path() string {
	return filepath.Join("testdata", strings.TrimSuffix(f.seed, ".txt")+"."+f.name)
}

// source returns the text the fixture encodes.
func (f fixture) source(t *testing.T) string {
	s := readFile(t, filepath.Join("testdata", f.seed))
	if f.name == "big5" {
		s = hanzi.StripPinyin(s)
	}
	return s
}

func TestFixturesUpToDate(t *testing.T) {
	for _, f := range fixtures {
		enc, err := f.enc.NewEncoder().String(f.source(t))
		if err != nil {
			t.Fatalf("%s: %v", f.path(), err)
		}
		enc = f.bom + enc
		if *update {
			if err := os.WriteFile(f.path(), []byte(enc), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if readFile(t, f.path()) != enc {
			t.Errorf("%s is not the seed in its encoding: run go test -run TestFixturesUpToDate -update", f.path())
		}
	}
}

func TestDecodeFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.path(), func(t *testing.T) {
			text, enc, err := Decode([]byte(readFile(t, f.path())), "")
			if err != nil {
				t.Fatal(err)
			}
			if enc != f.want {
				t.Errorf("encoding = %q, want %q", enc, f.want)
			}
			if want := f.source(t); text != want {
				t.Errorf("text differs from the seed: %q…, want %q…", head(text), head(want))
			}
		})
	}
}

func TestDecode(t *testing.T) {
	gbk := func(s string) string { return mustEncode(t, simplifiedchinese.GBK, s) }
	big5 := func(s string) string { return mustEncode(t, traditionalchinese.Big5, s) }
	tests := []struct {
		name     string
		in       string
		declared string
		text     string
		enc      string
	}{
		{"empty", "", "", "", UTF8},
		{"ascii", "2017 annual report\n", "", "2017 annual report\n", UTF8},
		{"utf-8", "政府信息公开工作年度报告", "", "政府信息公开工作年度报告", UTF8},
		{"utf-8 BOM", "\xEF\xBB\xBF年度报告", "", "年度报告", UTF8},
		{"utf-8 BOM only", "\xEF\xBB\xBF", "", "", UTF8},
		{"utf-8 declared gbk", "年度报告", "gb2312", "年度报告", UTF8},
		{"utf-8 with a broken byte", "政府信息公开工作年度报告，本年度收到申请三件，均已按时答复。\xff全年无行政复议。", "",
			"政府信息公开工作年度报告，本年度收到申请三件，均已按时答复。\uFFFD全年无行政复议。", UTF8},
		{"gbk short", gbk("政府信息公开"), "", "政府信息公开", GB18030},
		{"gbk line", gbk("2017年,我局主动公开信息133条。"), "", "2017年,我局主动公开信息133条。", GB18030},
		{"big5 short", big5("政府資訊公開"), "", "政府資訊公開", Big5},
		{"big5 line", big5("2017年,我局主動公開信息133條。"), "", "2017年,我局主動公開信息133條。", Big5},
		{"declared big5", big5("年度報告"), "big5", "年度報告", Big5},
		{"declared GBK", gbk("年度报告"), "GBK", "年度报告", GB18030},
		{"declared wrong", gbk("2017年,我局主动公开信息133条。"), "big5", "2017年,我局主动公开信息133条。", GB18030},
		{"declared latin1", gbk("年度报告,我局主动公开信息"), "iso-8859-1", "年度报告,我局主动公开信息", GB18030},
		{"declared nonsense", gbk("年度报告,我局主动公开信息"), "x-nonsense", "年度报告,我局主动公开信息", GB18030},
		{"utf-16le BOM", "\xFF\xFE" + mustEncode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "报告"), "", "报告", UTF16LE},
		{"utf-16be BOM", "\xFE\xFF" + mustEncode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "报告"), "", "报告", UTF16BE},
		{"utf-16le no BOM", mustEncode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "2017年报告\n"), "", "2017年报告\n", UTF16LE},
		{"utf-16be no BOM", mustEncode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "2017年报告\n"), "", "2017年报告\n", UTF16BE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode([]byte(tt.in), tt.declared)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.text || enc != tt.enc {
				t.Errorf("Decode = %q, %q; want %q, %q", text, enc, tt.text, tt.enc)
			}
		})
	}
}

func TestDecodeNotText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"zeros", make([]byte, 100)},
		{"control bytes", bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7, 8}, 20)},
		{"random", pseudoRandom(4096)},
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), pseudoRandom(500)...)},
		{"utf-8 BOM then binary", append([]byte("\xEF\xBB\xBF"), pseudoRandom(200)...)},
		{"utf-16 BOM then binary", append([]byte("\xFF\xFE"), make([]byte, 64)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.in, "")
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("Decode = %q, %q, %v; want ErrNotText", head(text), enc, err)
			}
			t.Log(err)
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("政府信息公开"), "")
	f.Add([]byte("\xEF\xBB\xBF年度报告"), "gbk")
	f.Add([]byte("\xFF\xFE\x00"), "")
	f.Add([]byte{0xB0, 0xA1, 0xA4, 0x40}, "big5")
	f.Add([]byte{0x81, 0x30, 0x81, 0x30}, "")
	f.Fuzz(func(t *testing.T, data []byte, declared string) {
		text, enc, err := Decode(data, declared)
		if err != nil {
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("error %v is not ErrNotText", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Errorf("Decode(%q) = %q: invalid UTF-8", data, text)
		}
		switch enc {
		case UTF8, GB18030, Big5, UTF16LE, UTF16BE:
		default:
			t.Errorf("Decode(%q): encoding %q", data, enc)
		}
		if strings.HasPrefix(text, "\uFEFF") && !bytes.Contains(data, []byte("\uFEFF")) && enc == UTF8 {
			t.Errorf("Decode(%q) = %q: kept a BOM", data, text)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	for _, f := range fixtures {
		data, err := os.ReadFile(f.path())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.path()[len("testdata/"):], func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Decode(data, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustEncode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	out, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pseudoRandom returns n reproducible bytes of noise.
func pseudoRandom(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func head(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
