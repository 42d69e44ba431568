package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// startLines are lines where a pattern tried only where its first words occur
// may go wrong: a match inside another's first words (公开 in 主动公开), matches
// next to each other, a long count, a verb far from its noun.
var startLines = []string{
	"",
	"本年度主动公开政府信息2122条，其中政务动态信息1200条。",
	"全年主动公开政府信息" + strings.Repeat("1", 300) + "条。",
	strings.Repeat("工作", 60) + "主动公开" + strings.Repeat("文", 14) + "信息123条" + strings.Repeat("，工作", 60),
	strings.Repeat("信息", 80) + "主动公开信息数量为约" + strings.Repeat(" ", 200) + "12条",
	"发布信息1条发布文件2条主动公开发布信息3条公开公开信息4条，受理申请3件，答复3件，办理完毕2件，行政复议1起，诉讼0件，申诉2件，收取费用12元，未收取任何费用，均为免费，收费金额为0元，专职2人，兼职3名" + strings.Repeat("公开", 100) + "公布信息数3件",
}

// TestPatternStarts: a pattern tried only where its first characters occur finds the
// matches a search of the whole line finds, on every line of the corpus and on
// lines made for it.
func TestPatternStarts(t *testing.T) {
	lines := append([]string{}, startLines...)
	files, _ := filepath.Glob("testdata/corpus/*/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	tried := 0
	for _, p := range allPatterns() {
		if p.anchored != nil {
			tried++
		}
		for _, l := range lines {
			want := p.FindAllStringSubmatchIndex(l, -1)
			if got := p.matches(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s\n%.60q: tried at its first characters it finds %v, the whole line %v", p, l, got, want)
			}
			if got, want := p.index(l), p.FindStringSubmatchIndex(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s\n%.60q: the first match tried at its first characters is %v, in the whole line %v", p, l, got, want)
			}
		}
	}
	if tried < 10 {
		t.Errorf("only %d patterns are tried at their first characters", tried)
	}
}

// allPatterns returns the patterns of the narrative readers.
func allPatterns() []*pattern {
	ps := []*pattern{proactiveTotal, feesCount, feesZero, staffFullTime, staffPartTime, requestsAnswered, reviewCount, lawsuitCount, complaintCount}
	ps = append(ps, requestsReceived...)
	for _, r := range append(append([]rule{}, channelRules...), outcomeRules...) {
		ps = append(ps, r.re)
	}
	return ps
}

// FuzzPatternStarts: on any line, trying a pattern where its first characters
// occur finds what a search of the whole line finds.
func FuzzPatternStarts(f *testing.F) {
	for _, l := range startLines {
		f.Add(l)
	}
	ps := allPatterns()
	f.Fuzz(func(t *testing.T, l string) {
		for _, p := range ps {
			want := p.FindAllStringSubmatchIndex(l, -1)
			if got := p.matches(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s\n%q: tried at its first characters it finds %v, the whole line %v", p, l, got, want)
			}
			if got, want := p.index(l), p.FindStringSubmatchIndex(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s\n%q: the first match tried at its first characters is %v, in the whole line %v", p, l, got, want)
			}
		}
	})
}
