package record

import (
	"strconv"

	"github.com/nianbao/nianbao/internal/schema"
)

// Rate is a derived rate of a report (schema.RateFigures) or a change from the year
// before (schema.ChangeFigures): Num ÷ Den, with its counts, so that a reader sees
// what it rests on.
type Rate struct {
	Key   string // "disclosed", "received_change"
	Label string // "实质公开率"
	Num   int64  // for a change, this year's figure less the year before's (may be negative)
	Den   int64  // always above 0
	// Small: Den is below MinRateBase; show the counts with the rate, marked as
	// resting on few cases.
	Small bool
}

// Value is the rate as a fraction (0.25 is 25%).
func (r Rate) Value() float64 { return float64(r.Num) / float64(r.Den) }

// Percent formats the rate as a percentage with one decimal: "25.0%"; a change is
// signed: "+12.5%".
func (r Rate) Percent() string {
	s := strconv.FormatFloat(r.Value()*100, 'f', 1, 64) + "%"
	if r.isChange() && r.Num > 0 {
		s = "+" + s
	}
	return s
}

func (r Rate) isChange() bool {
	for _, c := range schema.ChangeFigures {
		if c.Key == r.Key {
			return true
		}
	}
	return false
}

// ratio is a rate's counts, kept in a Summary so that summaries add up rate by rate
// (a region's rate is the sum of its reports' numerators over the sum of their
// denominators).
type ratio struct{ num, den int64 }

func newRate(key string, q ratio) Rate {
	return Rate{Key: key, Label: schema.RateLabel(key), Num: q.num, Den: q.den, Small: q.den < MinRateBase}
}

// Rate returns the summary's rate with the given key (schema.RateFigures), when the
// record gives every count it divides and its denominator is above 0.
func (s Summary) Rate(key string) (Rate, bool) {
	q, ok := s.rates[key]
	if !ok || q.den <= 0 {
		return Rate{}, false
	}
	return newRate(key, q), true
}

// Rates returns the summary's rates, in the order of schema.RateFigures.
func (s Summary) Rates() []Rate {
	var out []Rate
	for _, rf := range schema.RateFigures {
		if r, ok := s.Rate(rf.Key); ok {
			out = append(out, r)
		}
	}
	return out
}

func (s *Summary) setRate(key string, q ratio) {
	if s.rates == nil {
		s.rates = make(map[string]ratio)
	}
	s.rates[key] = q
}

// summarizeRates computes the rates of r's template into s.
func summarizeRates(s *Summary, r *Record, t *schema.Template) {
	for _, rf := range schema.RateFigures {
		q, ok := t.Rates[rf.Key]
		if !ok {
			continue
		}
		num, ok1 := sumPaths(r, q.Num)
		den, ok2 := sumPaths(r, q.Den)
		if ok1 && ok2 {
			s.setRate(rf.Key, ratio{int64(num), int64(den)})
		}
	}
}

// sumPaths adds the figures of terms ("-path" subtracted); ok is false when one is
// absent.
func sumPaths(r *Record, terms []string) (float64, bool) {
	var sum float64
	for _, term := range terms {
		sign, path, prev := splitTerm(term)
		if prev {
			return 0, false
		}
		v, ok := Derived(r, path)
		if !ok {
			return 0, false
		}
		sum += sign * v
	}
	return sum, len(terms) > 0
}

// Changes returns the changes of the summary figures of schema.ChangeFigures from
// the agency's report of the year before (prev) to cur: (cur − prev) ÷ prev, when
// both give the figure and prev's is above 0. Small marks a change over fewer than
// MinRateBase of the year before.
func Changes(prev, cur Summary) []Rate {
	var out []Rate
	for _, c := range schema.ChangeFigures {
		p, n := prev.Get(c.Of), cur.Get(c.Of)
		if p == nil || n == nil || *p <= 0 {
			continue
		}
		r := newRate(c.Key, ratio{*n - *p, *p})
		r.Label = c.Label
		out = append(out, r)
	}
	return out
}
