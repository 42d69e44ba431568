package decode

import (
	"context"
	"errors"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"time"
)

// pageCounterRe is what counterStart matches, as the regular expression that
// trimMetaFurniture used before it read lines backwards.
var pageCounterRe = regexp.MustCompile(`\s*(?:【\s*)?(?:点击|浏览|阅读|访问)(?:数|次数|量|率)?\s*[:：]\s*\d*\s*次?\s*(?:】)?\s*$`)

// regexCounterStart is counterStart by the regular expression.
func regexCounterStart(l string) int {
	if loc := pageCounterRe.FindStringIndex(l); loc != nil {
		return loc[0]
	}
	return -1
}

func TestCounterStart(t *testing.T) {
	for _, l := range []string{
		"", "点击", "点击：", "点击:", " 点击：12 ", "浏览次数：123", "【点击：3】", "【 阅读量 : 12 次 】 ",
		"2024-01-01 来源：本站 点击：", "点击：1 2", "点击次：", "访问率：次", "点击：】】", "次数：1",
		"作者：张三 浏览：12次】", "点击：【打印】", "【【点击：", "点击\t：\n1\r", "点击：１２",
	} {
		if got, want := counterStart(l), regexCounterStart(l); got != want {
			t.Errorf("counterStart(%q) = %d, want %d", l, got, want)
		}
	}
}

// FuzzCounterStart: counterStart agrees with the regular expression it replaces.
func FuzzCounterStart(f *testing.F) {
	f.Add("2024年1月1日 来源：本站 【浏览次数：12 次】")
	f.Add("点击：点击：点击：")
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := counterStart(l), regexCounterStart(l); got != want {
			t.Errorf("counterStart(%q) = %d, want %d", l, got, want)
		}
	})
}

// trimMetaFurnitureRegexp is trimMetaFurniture as it was: quadratic, since each
// turn scans the whole line.
func trimMetaFurnitureRegexp(l string) string {
	if !strings.HasSuffix(l, "】") && !hasCounterWord(l) || !metaLine.MatchString(l) {
		return l
	}
	for {
		t := pageCounterRe.ReplaceAllString(l, "")
		if strings.HasSuffix(t, "】") {
			if i := strings.LastIndex(t, "【"); i >= 0 && isToolbar(t[i:]) {
				t = strings.TrimSpace(t[:i])
			}
		}
		if t == l {
			return l
		}
		l = t
	}
}

// TestTrimMetaFurnitureAsBefore: on metadata lines made of the pieces the rules
// look at, trimMetaFurniture does what it did (its toolbar groups are short).
func TestTrimMetaFurnitureAsBefore(t *testing.T) {
	pieces := []string{"2024-01-01", "2024年1月1日", "来源：本站", "作者：", "点击：", "浏览次数：12", "阅读量", "次", "【", "】",
		"【打印】", "【关闭】", "【字体：大 中 小】", "打印", "字体", "：", ":", "12", " ", "正文", "【打印本页】【关闭窗口】"}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for n := 1 + r.Intn(12); n > 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		l := tidySpaces(b.String())
		if got, want := trimMetaFurniture(l), trimMetaFurnitureRegexp(l); got != want {
			t.Fatalf("trimMetaFurniture(%q) = %q, want %q", l, got, want)
		}
	}
}

// longLineDecode decodes a line of phrase repeated to size bytes (after head),
// in a report, within a deadline, and returns the time it took.
func longLineDecode(t testing.TB, head, phrase string, size int) time.Duration {
	data := repeatedLine("某某县人民政府2024年政府信息公开工作年度报告", head, phrase, size)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := DecodeContext(ctx, "long.txt", data); err != nil && !errors.Is(err, ErrTextTooLarge) {
		t.Fatalf("%q × %d bytes: %v", phrase, size, err)
	}
	return time.Since(start)
}

// TestLongLinesLinear: the line filters (furniture, counters, toolbars, pinyin
// glosses, breadcrumbs) take time linear in the line: four times the line,
// about four times the time (quadratic filters took sixteen; a 4 MB line of
// "【打印】" after a date took minutes). Each size is timed at its best of three
// runs, and the bound is loose (ten times), so that a busy machine does not
// fail it.
func TestLongLinesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("times long lines")
	}
	const small, large = 128 << 10, 512 << 10
	for _, p := range attackPhrases {
		t.Run(p.name, func(t *testing.T) {
			best := func(size int) time.Duration {
				d := time.Duration(1 << 62)
				for range 3 {
					d = min(d, longLineDecode(t, p.head, p.phrase, size))
				}
				return d
			}
			// Four times the input may take up to ten times as long (quadratic would be
			// sixteen); a loaded machine can still stall one measure, so a pair that
			// looks worse is measured again before it counts.
			var s, l time.Duration
			for range 3 {
				s, l = best(small), best(large)
				if l <= 10*s+20*time.Millisecond {
					return
				}
			}
			t.Errorf("%d KB: %v, %d KB: %v: more than linear", small>>10, s, large>>10, l)
		})
	}
}

// BenchmarkLongLine decodes a 4 MB line of each hostile phrase.
func BenchmarkLongLine(b *testing.B) {
	for _, p := range attackPhrases {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(4 << 20)
			for b.Loop() {
				longLineDecode(b, p.head, p.phrase, 4<<20-64<<10)
			}
		})
	}
}

// TestTextBudget: a document of more than MaxTextSize of text is refused.
func TestTextBudget(t *testing.T) {
	data := []byte(strings.Repeat("政府信息公开工作年度报告第一行文字。\n", MaxTextSize/50))
	_, err := Decode("big.txt", data)
	if !errors.Is(err, ErrTextTooLarge) || err.Error() != "big.txt: text too large: more than 4 MiB of text" {
		t.Errorf("error %v, want ErrTextTooLarge", err)
	}
	if _, err := Decode("ok.txt", data[:len(data)/2]); err != nil {
		t.Errorf("half as much: %v", err)
	}
}
