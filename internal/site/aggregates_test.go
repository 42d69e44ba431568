package site

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// panelFixture: agencies a and b report 2016–2019, c only 2017 and 2019, d only
// 2019; nobody reports 2018 but a and b.
func panelFixture() []*entry {
	var es []*entry
	add := func(slug string, year int, received int64) {
		var s record.Summary
		s.Set("received", received)
		s.Set("proactive", received*10)
		es = append(es, &entry{slug: slug, name: slug, year: year, sum: s})
	}
	for y := 2016; y <= 2019; y++ {
		add("a", y, int64(y-2000))
		add("b", y, 1)
	}
	add("c", 2017, 100)
	add("c", 2019, 200)
	add("d", 2019, 7)
	return es
}

func TestCoverage(t *testing.T) {
	y := yearsOf(panelFixture())
	if !slices.Equal(y.list, []int{2016, 2017, 2018, 2019}) || y.known != 4 {
		t.Errorf("years %v of %d agencies, want 2016–2019 of 4", y.list, y.known)
	}
	if got := y.reporting(); !slices.Equal(got, []int{2, 3, 2, 4}) {
		t.Errorf("agencies reporting %v, want [2 3 2 4]", got)
	}
}

func TestNearestRank(t *testing.T) {
	for _, tt := range []struct {
		vs   []int64
		p    int
		want int64
	}{
		{[]int64{5}, 50, 5},
		{[]int64{4, 1, 3, 2}, 50, 2}, // the lower middle figure: a real agency's
		{[]int64{4, 1, 3, 2}, 25, 1},
		{[]int64{4, 1, 3, 2}, 75, 3},
		{[]int64{9, 1, 5}, 50, 5},
		{[]int64{9, 1, 5}, 0, 1},
		{[]int64{9, 1, 5}, 100, 9},
	} {
		if got := nearestRank(slices.Clone(tt.vs), tt.p); got == nil || *got != tt.want {
			t.Errorf("nearestRank(%v, %d) = %v, want %d", tt.vs, tt.p, got, tt.want)
		}
	}
	if nearestRank(nil, 50) != nil {
		t.Error("a median of nothing")
	}
}

func TestBalancedPanel(t *testing.T) {
	y := yearsOf(panelFixture())
	from, slugs := y.balancedPanel()
	if from != 2016 || !slices.Equal(slugs, []string{"a", "b"}) {
		t.Errorf("panel from %d of %v, want 2016 of [a b]", from, slugs)
	}
	yrs, sums := y.panelSums(from, slugs, "received")
	var got []int64
	for _, s := range sums {
		got = append(got, *s)
	}
	if !slices.Equal(yrs, []int{2016, 2017, 2018, 2019}) || !slices.Equal(got, []int64{17, 18, 19, 20}) {
		t.Errorf("panel sums %v %v, want 2016–2019 [17 18 19 20]", yrs, got)
	}
	// Without the year only a and b reported, c and d alone cannot make a panel of two.
	var es []*entry
	for _, e := range panelFixture() {
		if e.slug == "c" || e.slug == "d" {
			es = append(es, e)
		}
	}
	if from, slugs := yearsOf(es).balancedPanel(); from != 0 || slugs != nil {
		t.Errorf("panel from %d of %v, want none", from, slugs)
	}
}

// TestByYearCharts: the charts of a set of reports across years are coverage,
// distributions and the balanced panel, never a sum over whoever reported.
func TestByYearCharts(t *testing.T) {
	cs := byYearCharts("c", "全国", panelFixture())
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	want := []string{"c-coverage", "c-median-received", "c-median-proactive", "c-panel-proactive", "c-panel-requests"}
	if !slices.Equal(ids, want) {
		t.Fatalf("charts %v, want %v", ids, want)
	}
	cov := cs[0]
	if got := cov.Rows[3]; !slices.Equal(got, []string{"2019", "4", "0"}) {
		t.Errorf("coverage of 2019 %v, want [2019 4 0]", got)
	}
	// 2017's received: a 17, b 1, c 100 → quartiles 1, 17, 100.
	if got := cs[1].Rows[1]; !slices.Equal(got, []string{"2017", "1", "17", "100"}) {
		t.Errorf("2017's distribution %v, want [2017 1 17 100]", got)
	}
}
