package record

import (
	"bytes"

	"github.com/pelletier/go-toml/v2/unstable"
)

// mayNestTooDeep reports whether data, a TOML document, has too many dots to be
// decoded before deepLine has read it: see MaxUnscannedDots.
func mayNestTooDeep(data []byte) bool {
	return bytes.Count(data, []byte{'.'}) > MaxUnscannedDots
}

// deepLine returns the line of the first expression of data, a TOML document, that
// nests tables and arrays more than MaxNesting deep, counted as tomlShape counts (a
// key of n dotted parts in a table of depth d is at depth d+n), or 0 when none does.
// It reads with go-toml's parser, which builds no values: a hostile key of a million
// dotted parts costs it a node each, where go-toml's decoder builds a million nested
// maps (an 8 MB file allocated 2.7 GB). It stops at a syntax error, which readTOML
// reports.
func deepLine(data []byte) int {
	var p unstable.Parser
	p.Reset(data)
	table := 0 // the depth of the current table's map
	for p.NextExpression() {
		e := p.Expression()
		var d int
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			d = keyParts(e)
			if e.Kind == unstable.ArrayTable {
				d++ // the array's item
			}
			table = d
		case unstable.KeyValue:
			d = valueDepth(e.Value(), table+keyParts(e))
		}
		if d > MaxNesting {
			return max(lineAt(data, e), 1)
		}
	}
	return 0
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

// keyParts counts the dotted parts of a table header's or key-value's key.
func keyParts(n *unstable.Node) int {
	parts := 0
	for it := n.Key(); it.Next(); {
		parts++
	}
	return parts
}

// valueDepth is the deepest depth reached by v, a value at depth d, or a depth past
// MaxNesting as soon as one is reached.
func valueDepth(v *unstable.Node, d int) int {
	if v == nil || d > MaxNesting {
		return d
	}
	deepest := d
	switch v.Kind {
	case unstable.Array:
		for it := v.Children(); it.Next() && deepest <= MaxNesting; {
			deepest = max(deepest, valueDepth(it.Node(), d+1))
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next() && deepest <= MaxNesting; {
			kv := it.Node()
			deepest = max(deepest, valueDepth(kv.Value(), d+keyParts(kv)))
		}
	}
	return deepest
}
