package schema

import (
	"iter"
	"strings"
)

// Instance is one equation of an identity: the identity with {row} or {col}
// replaced by one row or column of its table. An identity over rows or columns has
// an instance for each row or column whose figures the template has.
type Instance struct {
	Identity *Identity
	Row      Row    // the row, for an identity over rows; else the zero Row
	Col      Column // the column, for an identity over columns; else the zero Column
	Left     []Term
	Right    []Term
}

// Term is one figure of an instance's sum.
type Term struct {
	Path  string // the figure's path, or a list's path for a list term
	Sign  int    // +1, or -1 for a subtracted figure
	Prev  bool   // the figure of the agency's report of the year before
	List  bool   // the sum of a list's item counts ("proactive.categories[*].count")
	Field bool   // the path is a field of the template (a list term: a List field)
}

// At is the path a broken instance is reported at.
func (in Instance) At() string {
	at := in.Identity.At
	if at == "" {
		at = in.Identity.Left[0]
	}
	return termPath(Expand(at, in.Row.Key, in.Col.Key))
}

// AcrossYears reports whether the instance has a term of the year before.
func (in Instance) AcrossYears() bool {
	for _, ts := range [][]Term{in.Left, in.Right} {
		for _, t := range ts {
			if t.Prev {
				return true
			}
		}
	}
	return false
}

// Instances returns the template's identities expanded, in the order of its
// identities. An instance with a term that is not a field of the template is left
// out (an identity over a table's rows does not hold for a row without its columns).
func (t *Template) Instances() []Instance {
	if t.instances == nil {
		t.instances = t.expand()
	}
	return t.instances
}

// Slot is one instance of what an identity or a bound ranges over: the row or
// the column its {row} or {col} stands for; the zero Slot for Once.
type Slot struct {
	Row Row
	Col Column
}

// Slots lists the instances of a range over the table with the given id: one zero
// Slot for Once, else a Slot for each row (EachRow) or column (EachColumn) of the
// table; none when the template has no such table.
func (t *Template) Slots(each Each, table string) []Slot {
	if each == Once {
		return []Slot{{}}
	}
	tb, ok := t.Table(table)
	if !ok {
		return nil
	}
	out := make([]Slot, 0, max(len(tb.Rows), len(tb.Columns))) // one allocation: record.Derived calls this per figure it looks for
	switch each {
	case EachRow:
		for _, r := range tb.Rows {
			out = append(out, Slot{Row: r})
		}
	case EachColumn:
		for _, c := range tb.Columns {
			out = append(out, Slot{Col: c})
		}
	}
	return out
}

// EachSlot yields the slots Slots lists, one at a time, without making a slice:
// for a loop run once per figure looked up (record.Derived).
func (t *Template) EachSlot(each Each, table string) iter.Seq[Slot] {
	return func(yield func(Slot) bool) {
		if each == Once {
			yield(Slot{})
			return
		}
		tb, ok := t.Table(table)
		if !ok {
			return
		}
		switch each {
		case EachRow:
			for _, r := range tb.Rows {
				if !yield(Slot{Row: r}) {
					return
				}
			}
		case EachColumn:
			for _, c := range tb.Columns {
				if !yield(Slot{Col: c}) {
					return
				}
			}
		}
	}
}

func (t *Template) expand() []Instance {
	out := []Instance{}
	for i := range t.Identities {
		id := &t.Identities[i]
	next:
		for _, s := range t.Slots(id.Each, id.Table) {
			in := Instance{Identity: id, Row: s.Row, Col: s.Col}
			for side, paths := range [][]string{id.Left, id.Right} {
				for _, p := range paths {
					term := parseTerm(Expand(p, s.Row.Key, s.Col.Key))
					if term.List {
						f, ok := t.Field(term.Path)
						term.Field = ok && f.Kind == List
					} else {
						term.Field = t.FieldIndex(term.Path) >= 0
					}
					if !term.Field && !term.Prev {
						continue next
					}
					if side == 0 {
						in.Left = append(in.Left, term)
					} else {
						in.Right = append(in.Right, term)
					}
				}
			}
			out = append(out, in)
		}
	}
	return out
}

// parseTerm reads a term of an identity: "-path", "prev:path", "list[*].count".
func parseTerm(p string) Term {
	t := Term{Sign: 1}
	if rest, ok := strings.CutPrefix(p, "-"); ok {
		t.Sign, p = -1, rest
	}
	if rest, ok := strings.CutPrefix(p, "prev:"); ok {
		t.Prev, p = true, rest
	}
	if base, rest, ok := strings.Cut(p, "[*]"); ok && rest == ".count" {
		t.List, p = true, base
	}
	t.Path = p
	return t
}

// termPath strips a term's prefixes from a path.
func termPath(p string) string { return parseTerm(p).Path }

// Fill is one way a figure the template derives is worked out: an identity marked
// Fill whose one Left term is the figure, and its Right terms for the figure's row or
// column, their sum. A Term of a Fill has only its Path and Sign.
type Fill struct {
	Identity *Identity
	Terms    []Term
}

// fillIndex maps a derived figure's path to its Fills, in the order of the
// template's identities.
type fillIndex map[string][]Fill

// FillsOf returns the ways the template derives the figure at path, in the order of
// its identities: for each identity marked Fill (not one across years) with one Left
// term, the first row or column for which that term is path. Most figures have none.
func (t *Template) FillsOf(path string) []Fill {
	if t.fills == nil { // a template not made by this package's constructors
		return t.indexFills()[path]
	}
	return t.fills[path]
}

func (t *Template) indexFills() fillIndex {
	out := fillIndex{}
	for i := range t.Identities {
		id := &t.Identities[i]
		if !id.Fill || len(id.Left) != 1 || id.AcrossYears() {
			continue
		}
		seen := map[string]bool{} // the first slot whose Left is a path, as record.Derived took it
		for s := range t.EachSlot(id.Each, id.Table) {
			left := Expand(id.Left[0], s.Row.Key, s.Col.Key)
			if seen[left] {
				continue
			}
			seen[left] = true
			f := Fill{Identity: id, Terms: make([]Term, 0, len(id.Right))}
			for _, term := range id.Right {
				sign := 1
				if rest, ok := strings.CutPrefix(term, "-"); ok {
					sign, term = -1, rest
				}
				f.Terms = append(f.Terms, Term{Path: Expand(term, s.Row.Key, s.Col.Key), Sign: sign})
			}
			out[left] = append(out[left], f)
		}
	}
	return out
}

// AcrossYears reports whether a term of the identity is of the year before
// ("prev:"): it ties a report to the agency's report of the year before.
func (id *Identity) AcrossYears() bool {
	for _, ts := range [][]string{id.Left, id.Right} {
		for _, p := range ts {
			if strings.Contains(p, "prev:") {
				return true
			}
		}
	}
	return false
}
