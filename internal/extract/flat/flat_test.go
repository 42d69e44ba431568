package flat

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSplits(t *testing.T) {
	for _, tt := range []struct {
		run      string
		n        int
		decimals []bool
		signed   []bool
		want     []string // readings, cells joined by "|"; nil for none
		count    int      // when want is nil: the number of readings
	}{
		{run: "000", n: 3, want: []string{"0|0|0"}},
		{run: "01", n: 2, want: []string{"0|1"}},
		{run: "01", n: 1}, // a leading zero: no reading
		{run: "22", n: 2, want: []string{"2|2"}},
		{run: "2121", n: 2, want: []string{"2|121", "21|21"}}, // 212|1 too, checked below
		{run: "230 000023", n: 7, count: 3},                   // 23|0|…|23, 2|30|…, 23|0|0|0|0|2|3 …
		{run: "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", n: 15, want: []string{"0|1|1|0|2|1|0|0|0|1|0|0|0|0|0"}},
		{run: "9116.36", n: 1, decimals: []bool{true}, want: []string{"9116.36"}},
		{run: "9116.36", n: 1}, // not an amount cell: no reading
		{run: "13575394432.52", n: 2, decimals: []bool{false, true}, count: 10},
		{run: "20+1737", n: 3, signed: []bool{false, true, false}, want: []string{"20|+1|737", "20|+17|37", "20|+173|7"}},
		{run: "20+1737", n: 3}, // no signed cell: no reading
		{run: "2648-18538", n: 3, signed: []bool{false, true, false}, count: 4},
	} {
		t.Run(fmt.Sprintf("%s/%d", tt.run, tt.n), func(t *testing.T) {
			got, err := Splits(Pieces(tt.run), tt.n, Options{Decimals: tt.decimals, Signed: tt.signed})
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, r := range got {
				s = append(s, strings.Join(r, "|"))
			}
			if tt.want != nil {
				for _, w := range tt.want {
					found := false
					for _, g := range s {
						found = found || g == w
					}
					if !found {
						t.Errorf("no reading %s in %v", w, s)
					}
				}
				if tt.run != "2121" && len(s) != len(tt.want) {
					t.Errorf("readings %v, want %v", s, tt.want)
				}
			} else if tt.count > 0 && len(s) != tt.count {
				t.Errorf("%d readings %v, want %d", len(s), s, tt.count)
			} else if tt.count == 0 && len(s) != 0 {
				t.Errorf("readings %v, want none", s)
			}
			for _, r := range got {
				if strings.Join(r, "") != strings.ReplaceAll(tt.run, " ", "") {
					t.Errorf("reading %v does not spell the run", r)
				}
			}
		})
	}
}

// TestBounded: a run longer than MaxDigits is refused, and one with more than
// MaxReadings splits says so, in bounded time.
func TestBounded(t *testing.T) {
	if _, err := Splits([]string{strings.Repeat("1", MaxDigits+1)}, 7, Options{}); !errors.Is(err, ErrTooLong) {
		t.Errorf("long run: %v", err)
	}
	// 40 ones into 12 cells of up to 10 digits: far more than MaxReadings splits.
	if _, err := Splits([]string{strings.Repeat("1", 40)}, 12, Options{}); !errors.Is(err, ErrTooMany) {
		t.Errorf("many readings: %v", err)
	}
	if _, err := Splits([]string{"12a"}, 2, Options{}); !errors.Is(err, ErrNotRun) {
		t.Errorf("not a run: %v", err)
	}
}

func FuzzSplits(f *testing.F) {
	for _, s := range []string{"640020470", "230 000023", "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", "13575394432.52", "8855698"} {
		f.Add(s, 7, true)
	}
	f.Fuzz(func(t *testing.T, run string, n int, decimals bool) {
		if n < 0 || n > 20 {
			return
		}
		d := make([]bool, n)
		for i := range d {
			d[i] = decimals
		}
		got, err := Splits(Pieces(run), n, Options{Decimals: d})
		if err != nil {
			return
		}
		for _, r := range got {
			if len(r) != n || strings.Join(r, "") != strings.Join(Pieces(run), "") {
				t.Fatalf("reading %q of %q", r, run)
			}
			for _, c := range r {
				if !validCell(c, decimals) {
					t.Fatalf("cell %q of %q", c, run)
				}
			}
		}
	})
}

func BenchmarkSplitsRequestRow(b *testing.B) {
	pieces := Pieces("723000075")
	for b.Loop() {
		Splits(pieces, 7, Options{})
	}
}
