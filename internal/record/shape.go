package record

import (
	"bytes"
	"fmt"

	"github.com/pelletier/go-toml/v2/unstable"
)

// go-toml's decoder is linear in a document's size except in two ways, which a
// hostile record file can use and which readTOML bounds by reading the file first
// with go-toml's parser, which builds no values:
//
//   - it builds a table of each part of a dotted key before MaxNesting can be
//     checked: an 8 MB key of a million parts allocated 2.7 GB;
//   - it looks up every key it defines among all the keys defined before it, so its
//     time grows with the square of their number: 40,000 keys (418 KB) took it
//     3.5 s, and an 8 MB file of keys would take it about half an hour.
//
// A document with few '=', '[' and '.' (mayExceedBounds) has few keys and cannot
// nest deep, and is decoded without the first read.

// mayExceedBounds reports whether data, a TOML document, may have more than MaxKeys
// keys or nest more than MaxNesting deep. Each key of a document is a key-value
// ('='), a table header ('[') or a part of a dotted key ('.'), so one with at most
// MaxKeys of them has at most MaxKeys keys, and can nest no deeper than go-toml
// bounds arrays and inline tables, plus MaxKeys.
func mayExceedBounds(data []byte) bool {
	n := 0
	for _, c := range []byte{'=', '[', '.'} {
		n += bytes.Count(data, []byte{c})
	}
	return n > MaxKeys
}

// shape is what shapeOf read of a document.
type shape struct {
	keys    int    // the keys counted, up to the first past MaxKeys
	line    int    // the line of the first expression past a bound, or 0
	problem string // which bound it passed
}

// shapeOf reads data, a TOML document, with go-toml's parser and reports the first
// expression that nests tables and arrays more than MaxNesting deep or brings its
// keys past MaxKeys. Depth is counted as tomlShape counts it: a key of n dotted parts
// in a table of depth d is at depth d+n, an array's items one deeper than it. Every
// part of a key, table header or inline table's key counts as a key. It stops at a
// syntax error, which the decoder reports.
func shapeOf(data []byte) shape {
	var s shape
	var p unstable.Parser
	p.Reset(data)
	table := 0 // the depth of the current table's map
	for p.NextExpression() {
		e := p.Expression()
		var d int
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			d = s.key(e, 0)
			if e.Kind == unstable.ArrayTable {
				d++ // the array's item
			}
			table = d
		case unstable.KeyValue:
			d = s.value(e.Value(), s.key(e, table))
		}
		switch {
		case d > MaxNesting:
			s.problem = nestedTooDeep()
		case s.keys > MaxKeys:
			s.problem = fmt.Sprintf("more than %d keys", MaxKeys)
		default:
			continue
		}
		s.line = max(lineAt(data, e), 1)
		return s
	}
	return s
}

// nestedTooDeep is the problem of a document nested more than MaxNesting deep.
func nestedTooDeep() string {
	return fmt.Sprintf("tables and arrays nested more than %d deep", MaxNesting)
}

// key counts the parts of n's key and returns the depth of its value in a table
// of depth d.
func (s *shape) key(n *unstable.Node, d int) int {
	for it := n.Key(); it.Next(); {
		s.keys++
		d++
	}
	return d
}

// value counts the keys of v, a value at depth d, and returns the deepest depth it
// reaches, or one past MaxNesting or MaxKeys as soon as it is reached.
func (s *shape) value(v *unstable.Node, d int) int {
	if v == nil || d > MaxNesting {
		return d
	}
	deepest := d
	switch v.Kind {
	case unstable.Array:
		for it := v.Children(); it.Next() && deepest <= MaxNesting && s.keys <= MaxKeys; {
			deepest = max(deepest, s.value(it.Node(), d+1))
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next() && deepest <= MaxNesting && s.keys <= MaxKeys; {
			kv := it.Node()
			deepest = max(deepest, s.value(kv.Value(), s.key(kv, d)))
		}
	}
	return deepest
}

// lineAt is the line of n's key in data, or 0 for a node with none.
func lineAt(data []byte, n *unstable.Node) int {
	it := n.Key()
	if !it.Next() {
		return 0
	}
	off := int(it.Node().Raw.Offset)
	if off > len(data) {
		return 0
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}
