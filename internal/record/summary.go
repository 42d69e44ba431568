package record

import "github.com/nianbao/nianbao/internal/schema"

// Summary holds the figures that compare reports across templates
// (schema.SummaryFigures) and the derived rates (schema.RateFigures, Rate), derived
// as each record's template says. A figure is absent
// when the record gives none of what it is derived from; a sum of several figures
// adds those that are present. The zero Summary has no figures.
type Summary struct {
	values map[string]int64
	approx map[string]bool
	rates  map[string]ratio // the derived rates' counts (rates.go)
}

// Get returns the summary figure with the given key, or nil.
func (s Summary) Get(key string) *int64 {
	v, ok := s.values[key]
	if !ok {
		return nil
	}
	return &v
}

// Approx reports whether the figure is approximate ("13000余条").
func (s Summary) Approx(key string) bool { return s.approx[key] }

// Set sets a figure.
func (s *Summary) Set(key string, v int64) {
	if s.values == nil {
		s.values = make(map[string]int64)
	}
	s.values[key] = v
}

// Add adds the figures of o to s, figure by figure; a figure stays absent only when
// neither gives it, and a sum is approximate when a part is.
func (s *Summary) Add(o Summary) {
	for k, v := range o.values {
		s.Set(k, s.values[k]+v)
	}
	for k, a := range o.approx {
		if a {
			s.setApprox(k)
		}
	}
	for k, q := range o.rates {
		sq := s.rates[k]
		s.setRate(k, ratio{sq.num + q.num, sq.den + q.den})
	}
}

func (s *Summary) setApprox(key string) {
	if s.approx == nil {
		s.approx = make(map[string]bool)
	}
	s.approx[key] = true
}

// Summarize derives the summary figures of a record.
func Summarize(r *Record) Summary {
	var s Summary
	t := r.Template()
	if t == nil {
		return s
	}
	for _, sf := range schema.SummaryFigures {
		var sum float64
		found := false
		for _, p := range t.Summary[sf.Key] {
			v, ok := Derived(r, p)
			if !ok {
				continue
			}
			sum += v
			found = true
			if f, ok := t.Field(p); ok && f.Approx != "" && r.Flag(f.Approx) {
				s.setApprox(sf.Key)
			}
		}
		if found {
			s.Set(sf.Key, int64(sum))
		}
	}
	summarizeRates(&s, r, t)
	return s
}
