package site

import (
	"reflect"
	"testing"
)

func TestProvRows(t *testing.T) {
	fig := func(key string, line int, text string) ProvFM {
		return ProvFM{Key: key, Value: "1", Line: line, Text: text}
	}
	for _, tc := range []struct {
		name  string
		in    []ProvFM
		spans []int
	}{
		{"none", nil, []int{}},
		{"one", []ProvFM{fig("a", 3, "x")}, []int{1}},
		{"one line, three figures", []ProvFM{fig("a", 3, "x"), fig("b", 3, "x"), fig("c", 3, "x")}, []int{3, 0, 0}},
		{"lines in turn", []ProvFM{fig("a", 3, "x"), fig("b", 3, "x"), fig("c", 4, "y"), fig("d", 5, "z"), fig("e", 5, "z")}, []int{2, 0, 1, 2, 0}},
		// The same line quoted differently is not merged: each quote is shown.
		{"same line, other quote", []ProvFM{fig("a", 3, "x"), fig("b", 3, "x…")}, []int{1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := provRows(tc.in)
			spans := []int{}
			for i, r := range rows {
				if r.ProvFM != tc.in[i] {
					t.Errorf("row %d is %+v, want %+v", i, r.ProvFM, tc.in[i])
				}
				spans = append(spans, r.Span)
			}
			if !reflect.DeepEqual(spans, tc.spans) {
				t.Errorf("spans %v, want %v", spans, tc.spans)
			}
		})
	}
}
