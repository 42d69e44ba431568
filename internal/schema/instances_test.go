package schema

import (
	"reflect"
	"slices"
	"testing"
)

// TestEachSlot: EachSlot yields what Slots lists, for every identity and bound of
// the national templates, and for a table a template does not have.
func TestEachSlot(t *testing.T) {
	for _, tm := range National().Templates() {
		type rng struct {
			each  Each
			table string
		}
		ranges := []rng{{EachRow, "no-such-table"}, {Once, ""}}
		for _, id := range tm.Identities {
			ranges = append(ranges, rng{id.Each, id.Table})
		}
		for _, b := range tm.Bounds {
			ranges = append(ranges, rng{b.Each, b.Table})
		}
		for _, r := range ranges {
			want := tm.Slots(r.each, r.table)
			got := slices.Collect(tm.EachSlot(r.each, r.table))
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: EachSlot(%v, %q) = %d slots, Slots = %d", tm.ID, r.each, r.table, len(got), len(want))
			}
		}
	}
}
