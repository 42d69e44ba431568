package region

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		agency, context string
		want            Place
	}{
		// The corpus's agencies.
		{"襄阳市行政审批局", "", Place{"湖北省", "襄阳市", "", "420600"}},
		{"西峰区人民政府", "", Place{"甘肃省", "庆阳市", "西峰区", "621002"}},
		{"抚顺市行政审批服务局", "", Place{"辽宁省", "抚顺市", "", "210400"}},
		{"衡山县行政审批服务局", "", Place{"湖南省", "衡阳市", "衡山县", "430423"}},
		{"随州市招商局", "", Place{"湖北省", "随州市", "", "421300"}},
		{"淮安市人民政府", "", Place{"江苏省", "淮安市", "", "320800"}},
		// Provinces and municipalities.
		{"湖北省人民政府办公厅", "", Place{"湖北省", "", "", "420000"}},
		{"新疆维吾尔自治区人民政府", "", Place{"新疆维吾尔自治区", "", "", "650000"}},
		{"上海市人民政府", "", Place{"上海市", "", "", "310000"}},
		{"北京市朝阳区人民政府", "", Place{"北京市", "", "朝阳区", "110105"}},
		{"天津市滨海新区人民政府", "", Place{"天津市", "", "滨海新区", "120116"}},
		{"重庆市城口县人民政府", "", Place{"重庆市", "", "城口县", "500229"}},
		// A province prefix narrows; so does a city.
		{"湖北省随州市招商局", "", Place{"湖北省", "随州市", "", "421300"}},
		{"吉林省长春市朝阳区人民政府", "", Place{"吉林省", "长春市", "朝阳区", "220104"}},
		{"长春市朝阳区人民政府", "", Place{"吉林省", "长春市", "朝阳区", "220104"}},
		{"吉林市人民政府", "", Place{"吉林省", "吉林市", "", "220200"}},
		{"吉林省人民政府", "", Place{"吉林省", "", "", "220000"}},
		// Autonomous prefectures, their short names, their counties.
		{"恩施土家族苗族自治州人民政府", "", Place{"湖北省", "恩施土家族苗族自治州", "", "422800"}},
		{"恩施州人民政府", "", Place{"湖北省", "恩施土家族苗族自治州", "", "422800"}},
		{"恩施市人民政府", "", Place{"湖北省", "恩施土家族苗族自治州", "恩施市", "422801"}},
		{"长阳县人民政府", "", Place{"湖北省", "宜昌市", "长阳土家族自治县", "420528"}},
		{"锡林郭勒盟行政公署", "", Place{"内蒙古自治区", "锡林郭勒盟", "", "152500"}},
		// County-level units directly under their province.
		{"仙桃市人民政府", "", Place{"湖北省", "", "仙桃市", "429004"}},
		{"湖北省仙桃市人民政府", "", Place{"湖北省", "", "仙桃市", "429004"}},
		{"神农架林区政府", "", Place{"湖北省", "", "神农架林区", "429021"}},
		{"济源市人民政府", "", Place{"河南省", "", "济源市", "419001"}},
		// Prefecture-level cities without districts.
		{"东莞市人民政府", "", Place{"广东省", "东莞市", "", "441900"}},
		{"中山市人民政府", "", Place{"广东省", "中山市", "", "442000"}},
		{"嘉峪关市人民政府", "", Place{"甘肃省", "嘉峪关市", "", "620200"}},
		// Former names and divisions.
		{"襄樊市人民政府", "", Place{"湖北省", "襄阳市", "", "420600"}},
		{"毕节地区行政公署", "", Place{"贵州省", "毕节市", "", "520500"}},
		{"沙县人民政府", "", Place{"福建省", "三明市", "沙县区", "350405"}},
		{"杭州市下城区人民政府", "", Place{"浙江省", "杭州市", "下城区", "330103"}},
		{"莱芜市人民政府", "", Place{"山东省", "莱芜市", "", "371200"}},
		{"巢湖市人民政府", "", Place{"安徽省", "合肥市", "巢湖市", "340181"}}, // today's 巢湖市
		// Party bodies and national bodies' branches.
		{"中共襄阳市委办公室", "", Place{"湖北省", "襄阳市", "", "420600"}},
		{"共青团襄阳市委", "", Place{"湖北省", "襄阳市", "", "420600"}},
		{"中国共产党湖北省委员会", "", Place{"湖北省", "", "", "420000"}},
		{"国家税务总局湖北省税务局", "", Place{"湖北省", "", "", "420000"}},
		{"中国人民银行襄阳市中心支行", "", Place{"湖北省", "襄阳市", "", "420600"}},
		// National bodies.
		{"国家统计局", "", Place{}},
		{"国务院办公厅", "", Place{}},
		{"中华人民共和国外交部", "", Place{}},
		{"中共中央办公厅", "", Place{}},
		{"教育部", "", Place{}},
		{"审计署", "", Place{}},
		// Ambiguous names that context resolves.
		{"朝阳区人民政府", "吉林省长春市朝阳区2019年政府信息公开工作年度报告", Place{"吉林省", "长春市", "朝阳区", "220104"}},
		{"朝阳区人民政府", "根据《北京市政府信息公开规定》", Place{"北京市", "", "朝阳区", "110105"}},
		{"朝阳区人民政府", "division_code = 220104", Place{"吉林省", "长春市", "朝阳区", "220104"}},
		{"鼓楼区人民政府", "南京市鼓楼区", Place{"江苏省", "南京市", "鼓楼区", "320106"}},
		{"鼓楼区人民政府", "福建省", Place{"福建省", "福州市", "鼓楼区", "350102"}},
		{"城关区人民政府", "兰州市城关区", Place{"甘肃省", "兰州市", "城关区", "620102"}},
		{"城区人民政府", "阳泉市城区", Place{"山西省", "阳泉市", "城区", "140302"}},
		{"市中区人民政府", "四川省乐山市", Place{"四川省", "乐山市", "市中区", "511102"}},
		{"樊城区人民政府", "襄樊市樊城区", Place{"湖北省", "襄阳市", "樊城区", "420606"}},
		// Names that name no place: context does.
		{"市行政审批局", "襄阳市行政审批局2017年度政府信息公开年度报告", Place{"湖北省", "襄阳市", "", "420600"}},
		{"县人民政府", "湖南省衡阳市衡山县2020年政府信息公开工作报告", Place{"湖南省", "衡阳市", "衡山县", "430423"}},
		{"区人民政府", "长春市朝阳区", Place{"吉林省", "长春市", "朝阳区", "220104"}},
		{"州人民政府", "恩施州2019年报告", Place{"湖北省", "恩施土家族苗族自治州", "", "422800"}},
		{"市人民政府", "420600", Place{"湖北省", "襄阳市", "", "420600"}},
		{"市人民政府", "随州市 邮编441300", Place{"湖北省", "随州市", "", "421300"}}, // 441300 is also 惠州市's code
		// Spaces, BOMs and controls are ignored.
		{" 襄阳市 行政审批局\n", "", Place{"湖北省", "襄阳市", "", "420600"}},
		{"\uFEFF淮安市人民政府", "", Place{"江苏省", "淮安市", "", "320800"}},
	}
	ix := Default()
	for _, tt := range tests {
		got, err := ix.Resolve(tt.agency, tt.context)
		if err != nil {
			t.Errorf("Resolve(%q, %q): %v", tt.agency, tt.context, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Resolve(%q, %q) = %#v, want %#v", tt.agency, tt.context, got, tt.want)
		}
	}
}

func TestResolveAmbiguous(t *testing.T) {
	tests := []struct {
		agency, context string
		name            string
		codes           []string
	}{
		{"朝阳区人民政府", "", "朝阳区", []string{"110105", "220104"}},
		{"朝阳区人民政府", "北京市和长春市", "朝阳区", []string{"110105", "220104"}}, // both named: no guess
		{"鼓楼区人民政府", "江苏省", "鼓楼区", []string{"320106", "320302"}},
		{"鼓楼区人民政府", "", "鼓楼区", []string{"320106", "320302", "350102", "410204"}},
		{"鼓楼区人民政府", "南京市和福州市", "鼓楼区", []string{"320106", "350102"}},
		{"城关区人民政府", "", "城关区", []string{"540102", "620102"}},
		{"城区人民政府", "", "城区", []string{"140302", "140502", "441502"}},
		{"通州区人民政府", "", "通州区", []string{"110112", "320612"}},
		{"市中区人民政府", "四川省", "市中区", []string{"511002", "511102"}},
		{"市行政审批局", "襄阳市和随州市", "", []string{"420600", "421300"}},
		{"行政审批局", "湖北省襄阳市", "", []string{"420000", "420600"}},
	}
	ix := Default()
	for _, tt := range tests {
		p, err := ix.Resolve(tt.agency, tt.context)
		var amb *AmbiguousError
		if !errors.As(err, &amb) {
			t.Errorf("Resolve(%q, %q) = %v, %v; want an *AmbiguousError", tt.agency, tt.context, p, err)
			continue
		}
		var codes []string
		for _, c := range amb.Candidates {
			codes = append(codes, c.Code)
		}
		if amb.Name != tt.name || strings.Join(codes, " ") != strings.Join(tt.codes, " ") {
			t.Errorf("Resolve(%q, %q): name %q, candidates %v; want %q, %v", tt.agency, tt.context, amb.Name, codes, tt.name, tt.codes)
		}
		if p != (Place{}) {
			t.Errorf("Resolve(%q, %q) returned %#v with its error", tt.agency, tt.context, p)
		}
		if msg := err.Error(); !strings.Contains(msg, tt.agency) || !strings.Contains(msg, tt.codes[0]) {
			t.Errorf("error %q does not name the agency and the candidates", msg)
		}
	}
}

func TestResolveUnknown(t *testing.T) {
	tests := []struct{ agency, context string }{
		{"", ""},
		{"   ", ""},
		{"火星市人民政府", ""},
		{"市行政审批局", ""},
		{"市行政审批局", "本局2017年度报告"},
		{"县人民政府", "襄阳市行政审批局"}, // a city, not a county
		{"我局", ""},
		{"abc", "def"},
		{"\xff\xfe\x00", "\xff"},
		{"😀😀😀", ""},
	}
	ix := Default()
	for _, tt := range tests {
		p, err := ix.Resolve(tt.agency, tt.context)
		if !errors.Is(err, ErrUnknown) {
			t.Errorf("Resolve(%q, %q) = %#v, %v; want ErrUnknown", tt.agency, tt.context, p, err)
		}
	}
}

// TestResolveHostile: huge, broken or odd strings neither panic nor take long, and
// give a division, the national level or an error.
func TestResolveHostile(t *testing.T) {
	huge := strings.Repeat("襄阳市", 1<<18)
	tests := []struct{ agency, context string }{
		{huge, huge},
		{"市" + huge, huge},
		{"市局", strings.Repeat("朝阳区", 1<<18)},
		{"区局", strings.Repeat("朝阳区北京市长春市", 1<<16)},
		{strings.Repeat("\xff", 1<<20), strings.Repeat("\x00", 1<<20)},
		{"北京市\x00朝阳区", ""},
		{"市" + strings.Repeat("4", 1<<20), strings.Repeat("420600", 1<<16)},
		{strings.Repeat("北京市朝阳区", 100), ""},
	}
	ix := Default()
	for _, tt := range tests {
		p, err := ix.Resolve(tt.agency, tt.context)
		if err == nil && !p.National() {
			if _, ok := ix.Lookup(p.Code); !ok {
				t.Errorf("Resolve(%.20q…) = %#v: not a listed code", tt.agency, p)
			}
		}
		if err != nil && len(err.Error()) > 4096 {
			t.Errorf("Resolve(%.20q…): error of %d bytes", tt.agency, len(err.Error()))
		}
	}
}

// TestCorpus resolves the corpus's agencies with their reports as context, and
// with the agency's place left out, by the report alone.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.expected.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	ix := Default()
	for _, path := range files {
		var rec struct {
			Agency struct {
				Name, Province, City, County string
				DivisionCode                 string `toml:"division_code"`
			}
		}
		if _, err := toml.DecodeFile(path, &rec); err != nil {
			t.Fatal(err)
		}
		a := rec.Agency
		want := Place{a.Province, a.City, a.County, a.DivisionCode}
		text, _ := os.ReadFile(strings.TrimSuffix(path, ".expected.toml") + ".txt") // the PDF's has none
		got, err := ix.Resolve(a.Name, string(text))
		if err != nil || got != want {
			t.Errorf("%s: Resolve(%q) = %#v, %v; want %#v", path, a.Name, got, err, want)
		}
		if len(text) == 0 || !strings.Contains(string(text), a.Name) {
			continue
		}
		_, rest, _ := strings.Cut(a.Name, "市")
		if a.County != "" {
			_, rest, _ = strings.Cut(a.Name, a.County[len(a.County)-3:])
			rest = a.County[len(a.County)-3:] + rest
		} else {
			rest = "市" + rest
		}
		got, err = ix.Resolve(rest, string(text))
		if err != nil || got != want {
			t.Errorf("%s: Resolve(%q) = %#v, %v; want %#v", path, rest, got, err, want)
		}
	}
}

func TestLookup(t *testing.T) {
	ix := Default()
	tests := []struct {
		code string
		want Place
		ok   bool
	}{
		{"420000", Place{"湖北省", "", "", "420000"}, true},
		{"420600", Place{"湖北省", "襄阳市", "", "420600"}, true},
		{"621002", Place{"甘肃省", "庆阳市", "西峰区", "621002"}, true},
		{"110105", Place{"北京市", "", "朝阳区", "110105"}, true},
		{"429004", Place{"湖北省", "", "仙桃市", "429004"}, true},
		{"341400", Place{"安徽省", "巢湖市", "", "341400"}, true}, // former
		{"110100", Place{}, false},                          // statistical placeholder
		{"429000", Place{}, false},
		{"320571", Place{}, false}, // development zone
		{"", Place{}, false},
		{"42", Place{}, false},
		{"abcdef", Place{}, false},
	}
	for _, tt := range tests {
		got, ok := ix.Lookup(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q) = %#v, %v; want %#v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
	if got := ix.Name("421300"); got != "随州市" {
		t.Errorf("Name(421300) = %q", got)
	}
	if got := ix.Name("999999"); got != "" {
		t.Errorf("Name(999999) = %q", got)
	}
}

func TestChildren(t *testing.T) {
	ix := Default()
	count := func(code string) int { return len(ix.Children(code)) }
	if n := count(""); n != 34 {
		t.Errorf("%d provinces, want 34", n)
	}
	if n := count("110000"); n != 16 {
		t.Errorf("北京市 has %d districts, want 16", n)
	}
	// 湖北省: 12 prefecture-level cities, 恩施州, and 仙桃, 潜江, 天门, 神农架.
	if n := count("420000"); n != 17 {
		t.Errorf("湖北省 has %d children, want 17", n)
	}
	if n := count("421300"); n != 3 {
		t.Errorf("随州市 has %d children, want 3", n)
	}
	for _, code := range []string{"441900", "621002", "999999", "330100x"} {
		if n := count(code); n != 0 {
			t.Errorf("Children(%q) has %d", code, n)
		}
	}
	for _, p := range ix.Children("330100") {
		if p.County == "下城区" {
			t.Errorf("Children(杭州市) lists the former 下城区")
		}
	}
	// Every listed division's place is consistent with its code, and the levels
	// add up to the list's 34 + 333 + 2,845 current divisions.
	levels := [4]int{}
	var walk func(code string, depth int)
	walk = func(code string, depth int) {
		for _, p := range ix.Children(code) {
			switch {
			case p.County != "":
				levels[3]++
			case p.City != "":
				levels[2]++
			default:
				levels[1]++
			}
			if p.Province == "" || p.Code[:2] != code[:min(2, len(code))] && code != "" {
				t.Errorf("child %#v of %q", p, code)
			}
			if depth < 3 {
				walk(p.Code, depth+1)
			}
		}
	}
	walk("", 1)
	if levels != [4]int{0, 34, 333, 2845} {
		t.Errorf("levels %v, want 34 provinces, 333 prefectures, 2845 counties", levels[1:])
	}
}

func TestLoad(t *testing.T) {
	good := "# comment\n\n420000\t湖北省\n420600\t襄阳市\n420602\t襄城区\n420600\t襄樊市\talias\n429004\t仙桃市\r\n341400\t巢湖市\tformer\n340000\t安徽省\n"
	ix, err := Load(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 6 {
		t.Errorf("Len = %d, want 6", ix.Len())
	}
	if p, err := ix.Resolve("襄樊市襄城区人民政府", ""); err != nil || p.Code != "420602" {
		t.Errorf("襄樊市襄城区: %#v, %v", p, err)
	}

	// Context may name a candidate's parent by an alias.
	small, err := os.ReadFile("testdata/load/small.tsv")
	if err != nil {
		t.Fatal(err)
	}
	ix, err = Load(strings.NewReader(string(small)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ context, code string }{
		{"长春市", "220104"},
		{"北京市", "110105"},
		{"长春", "220104"}, // an alias in small.tsv
	} {
		if p, err := ix.Resolve("朝阳区人民政府", tt.context); err != nil || p.Code != tt.code {
			t.Errorf("small.tsv: Resolve(朝阳区人民政府, %q) = %#v, %v; want %s", tt.context, p, err, tt.code)
		}
	}

	bad := []struct{ text, want string }{
		{"", "no divisions"},
		{"# only\n", "no divisions"},
		{"420000\n", "line 1: want code<TAB>name"},
		{"420000\t湖北省\n42000\t湖北\n", "line 2: bad code"},
		{"42000a\t湖北省\n", "bad code"},
		{"000000\t无\n", "bad code"},
		{"420000\t湖北省\n420000\t湖北省\n", "line 2: code 420000 listed twice"},
		{"420000\t湖北省\tcurrent\n", "unknown status"},
		{"420000\t\n", "empty name"},
		{"420000\t湖\n", "shorter than two"},
		{"420000\t湖 北\n", "space"},
		{"420000\t\xff\xfe\n", "not UTF-8"},
		{"420000\t" + strings.Repeat("湖", 40) + "\n", "longer than"},
		{"420600\t襄阳市\n", "province 420000 is not listed"},
		{"420000\t湖北省\n420600\t襄樊市\talias\n", "line 2: alias 襄樊市 of code 420600"},
		{"420000\t湖北省\t\t\n", "fields"},
		{strings.Repeat("x", maxLineSize+1), "line 1: bufio.Scanner: token too long"},
	}
	for _, tt := range bad {
		_, err := Load(strings.NewReader(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%.40q) = %v, want an error with %q", tt.text, err, tt.want)
		}
	}
}

func TestPlaceString(t *testing.T) {
	if s := (Place{}).String(); s != "全国" {
		t.Errorf("national: %q", s)
	}
	if s := (Place{"甘肃省", "庆阳市", "西峰区", "621002"}).String(); s != "甘肃省庆阳市西峰区" {
		t.Errorf("西峰区: %q", s)
	}
}

// TestConcurrent: the shared index serves several goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	done := make(chan bool)
	for range 4 {
		go func() {
			defer func() { done <- true }()
			for range 100 {
				if p, err := Default().Resolve("北京市朝阳区人民政府", ""); err != nil || p.Code != "110105" {
					t.Errorf("Resolve: %#v, %v", p, err)
					return
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}
