package site

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The national, regional and yearly charts compare sets of reports, and the set of
// agencies that reported changes from year to year (one agency in 2016, three in
// 2017, …): a sum over whatever reports a year has measures coverage as much as
// anything. So these charts never draw such a sum. They show
//
//   - coverage: how many agencies reported each year, of how many the set knows;
//   - the distribution across agencies: each year's median and quartiles of a
//     figure, over the agencies that give it (nearest rank, so each is the figure
//     of a real agency);
//   - a balanced panel: sums over the same agencies in every year of a span, when
//     there are enough of them;
//   - across regions, one year at a time, the median per agency, each region's
//     label saying over how many agencies.

// minPanelAgencies is the fewest agencies a balanced panel sums: fewer is one
// agency's own trend, which its page shows.
const minPanelAgencies = 2

// years is a set of reports by year.
type years struct {
	list   []int // the years with reports, increasing
	byYear map[int][]*entry
	known  int // agencies with a report in any year
}

func yearsOf(es []*entry) years {
	y := years{byYear: map[int][]*entry{}}
	agencies := map[string]bool{}
	for _, e := range es {
		if _, ok := y.byYear[e.year]; !ok {
			y.list = append(y.list, e.year)
		}
		y.byYear[e.year] = append(y.byYear[e.year], e)
		agencies[e.slug] = true
	}
	slices.Sort(y.list)
	y.known = len(agencies)
	return y
}

// reporting is how many agencies reported in each year of y.list.
func (y years) reporting() []int {
	out := make([]int, len(y.list))
	for i, yr := range y.list {
		set := map[string]bool{}
		for _, e := range y.byYear[yr] {
			set[e.slug] = true
		}
		out[i] = len(set)
	}
	return out
}

// nearestRank is the p-th percentile of vs by the nearest-rank method: the smallest
// figure at least p percent of vs are not above. It sorts vs. nil for no figures.
func nearestRank(vs []int64, p int) *int64 {
	if len(vs) == 0 {
		return nil
	}
	slices.Sort(vs)
	rank := (p*len(vs) + 99) / 100 // ⌈p·n/100⌉
	v := vs[max(rank, 1)-1]
	return &v
}

// figuresOf is the figure key of each entry that gives it.
func figuresOf(es []*entry, key string) []int64 {
	var vs []int64
	for _, e := range es {
		if v := e.sum.Get(key); v != nil {
			vs = append(vs, *v)
		}
	}
	return vs
}

// balancedPanel is the widest span of consecutive years ending with the latest
// year of y in which at least minPanelAgencies agencies reported every year, and
// those agencies; from is 0 when there is none of two years or more.
func (y years) balancedPanel() (from int, slugs []string) {
	if len(y.list) < 2 {
		return 0, nil
	}
	last := y.list[len(y.list)-1]
	in := func(yr int) map[string]bool {
		set := map[string]bool{}
		for _, e := range y.byYear[yr] {
			set[e.slug] = true
		}
		return set
	}
	panel := in(last)
	for yr := last - 1; yr >= y.list[0]; yr-- {
		next := in(yr)
		for s := range panel {
			if !next[s] {
				delete(panel, s)
			}
		}
		if len(panel) < minPanelAgencies {
			break
		}
		from = yr
		slugs = slugs[:0]
		for s := range panel {
			slugs = append(slugs, s)
		}
	}
	slices.Sort(slugs)
	return from, slugs
}

// panelSums sums a figure over the panel's agencies, each year from from to the
// latest: a year's sum is absent unless every agency of the panel gives the figure,
// so every point adds the same agencies.
func (y years) panelSums(from int, slugs []string, key string) (yrs []int, sums []*int64) {
	member := map[string]bool{}
	for _, s := range slugs {
		member[s] = true
	}
	for _, yr := range y.list {
		if yr < from {
			continue
		}
		var sum int64
		n := 0
		for _, e := range y.byYear[yr] {
			if !member[e.slug] {
				continue
			}
			if v := e.sum.Get(key); v != nil {
				sum += *v
				n++
			}
		}
		yrs = append(yrs, yr)
		if n == len(slugs) {
			sums = append(sums, record.Int(sum))
		} else {
			sums = append(sums, nil)
		}
	}
	return yrs, sums
}

// distributionKeys are the figures whose distribution across agencies a set of
// reports charts by year, with their units.
var distributionKeys = []struct{ key, label, unit string }{
	{"received", "收到申请", "件"},
	{"proactive", "主动公开", "条"},
}

// byYearCharts charts a set of reports across years: coverage, each year's
// distribution of the main figures across agencies, and the balanced panel's sums.
// scope names the set ("全国", "湖北省").
func byYearCharts(prefix, scope string, es []*entry) []chartView {
	y := yearsOf(es)
	var out []chartView
	// Coverage counts every year from the first to the last: a year nobody
	// reported is one of no reports of as many agencies.
	counts := y.reporting()
	var all []int
	var have, missing []*int64
	for i, n := 0, 0; len(y.list) > 0 && y.list[0]+i <= y.list[len(y.list)-1]; i++ {
		yr := y.list[0] + i
		all = append(all, yr)
		k := 0
		if n < len(y.list) && y.list[n] == yr {
			k = counts[n]
			n++
		}
		have = append(have, record.Int(int64(k)))
		missing = append(missing, record.Int(int64(y.known-k)))
	}
	if c, ok := charts.Years(prefix+"-coverage",
		fmt.Sprintf("%s历年有报告的机关数（个）：本站共有%d个机关的报告，各年度有报告的机关不同", scope, y.known),
		all, []charts.Series{{Name: "有报告", Values: have}, {Name: "该年度无报告", Values: missing}}, true); ok {
		out = append(out, chartOf(c))
	}
	for _, k := range distributionKeys {
		var lo, mid, hi []*int64
		for _, yr := range y.list {
			vs := figuresOf(y.byYear[yr], k.key)
			lo, mid, hi = append(lo, nearestRank(vs, 25)), append(mid, nearestRank(vs, 50)), append(hi, nearestRank(vs, 75))
		}
		if c, ok := charts.Years(prefix+"-median-"+k.key,
			fmt.Sprintf("%s历年：每个机关%s数的中位数和四分位数（%s/机关；每年有报告并给出此数的机关，机关数见上图）", scope, k.label, k.unit),
			y.list, []charts.Series{{Name: "下四分位数", Values: lo}, {Name: "中位数", Values: mid}, {Name: "上四分位数", Values: hi}}, false); ok {
			out = append(out, chartOf(c))
		}
	}
	from, slugs := y.balancedPanel()
	if from == 0 {
		return out
	}
	last := y.list[len(y.list)-1]
	for _, g := range charts.TrendGroups[:2] {
		var yrs []int
		var series []charts.Series
		for _, key := range g.Keys {
			ys, sums := y.panelSums(from, slugs, key)
			yrs = ys
			series = append(series, charts.Series{Name: schema.SummaryLabel(key), Values: sums})
		}
		if c, ok := charts.Years(prefix+"-panel-"+g.ID,
			fmt.Sprintf("%s：同一批%d个机关（%d—%d年度每年都有报告）的%s合计", scope, len(slugs), from, last, g.Caption),
			yrs, series, false); ok {
			out = append(out, chartOf(c))
		}
	}
	return out
}

// byRegionCharts charts, for one year, each region's median per agency of the
// requests received and of the items disclosed proactively, one chart each (their
// scales differ by orders of magnitude); each region's label says over how many
// agencies. The year is the first of years (latest first) in which at least two of
// the regions have reports: one region is no comparison. es gives a region's
// reports of every year.
func byRegionCharts(id, scope string, years []int, d *dataset, codes []string, es func(code string) []*entry) []chartView {
	year := 0
	for _, yr := range years {
		n := 0
		for _, code := range codes {
			if slices.ContainsFunc(es(code), func(e *entry) bool { return e.year == yr }) {
				n++
			}
		}
		if n >= 2 {
			year = yr
			break
		}
	}
	if year == 0 {
		return nil
	}
	var out []chartView
	for _, k := range distributionKeys {
		var names []string
		var medians []*int64
		for _, code := range codes {
			var in []*entry
			for _, e := range es(code) {
				if e.year == year {
					in = append(in, e)
				}
			}
			vs := figuresOf(in, k.key)
			if len(vs) == 0 {
				continue
			}
			names = append(names, d.regions[code].name+"（"+strconv.Itoa(len(vs))+"个机关）")
			medians = append(medians, nearestRank(vs, 50))
		}
		if c, ok := charts.ByCategory(id+"-"+k.key,
			fmt.Sprintf("%s%d年度：每个机关%s数的中位数（%s/机关；括号内为该年度有报告并给出此数的机关数）", scope, year, k.label, k.unit),
			"地区", names, []charts.Series{{Name: k.label + "（中位数）", Values: medians}}); ok {
			out = append(out, chartOf(c))
		}
	}
	return out
}

// latestFirst is the years of es, latest first.
func latestFirst(es []*entry) []int {
	ys := slices.Clone(yearsOf(es).list)
	slices.Reverse(ys)
	return ys
}
