package record

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// JoinKey appends key to a dotted key path, quoting it when TOML needs quotes. Key
// paths are used in messages, [provenance] and Check.Key:
// requests.granted.total, proactive.categories[2].count, provenance."proactive.total".
func JoinKey(parent, key string) string {
	if parent == "" {
		return quoteKey(key)
	}
	return parent + "." + quoteKey(key)
}

func indexPath(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}

// quoteKey returns key as written in a TOML key: bare when it can be, quoted otherwise.
func quoteKey(key string) string {
	if key == "" {
		return `""`
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return quoteBasic(key)
		}
	}
	return key
}

// keyLines maps the key paths of a TOML document to the lines they are defined on.
// It is only called when something is wrong with a record, to say where. It reads
// the document with go-toml's position-keeping parser (its decoder, which readTOML
// uses, keeps them to itself); a document that does not parse yields the keys read
// up to the syntax error. A key longer than MaxLocatedKey is given its ancestor's
// line.
func keyLines(data []byte) map[string]int {
	lines := make(map[string]int)
	starts := lineStarts(data)
	lineOf := func(r unstable.Range) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > int(r.Offset) })
	}
	var p unstable.Parser
	p.Reset(data)
	table := ""
	arrays := make(map[string]int) // array-of-tables path → items seen
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			path, first := nodeKey(e)
			if first == nil {
				continue
			}
			if e.Kind == unstable.ArrayTable {
				i := arrays[path]
				arrays[path] = i + 1
				path = indexPath(path, i)
			}
			path = locatedKey(path)
			table = path
			line := lineOf(first.Raw)
			if _, seen := lines[path]; !seen {
				lines[path] = line
			}
			// [a.b.c] also defines a and a.b, where they are not defined already.
			for p := parentPath(path); p != ""; p = parentPath(p) {
				if _, seen := lines[p]; !seen {
					lines[p] = line
				}
			}
		case unstable.KeyValue:
			key, first := nodeKey(e)
			if first == nil {
				continue
			}
			path := key
			if table != "" {
				path = table + "." + key
			}
			line := lineOf(first.Raw)
			if located := locatedKey(path); located != path {
				if _, seen := lines[located]; !seen {
					lines[located] = line
				}
				continue
			}
			lines[path] = line
			addInline(lines, path, e.Value(), line, lineOf)
		}
	}
	return lines
}

// addInline records the keys of an inline table value under path.
func addInline(lines map[string]int, path string, v *unstable.Node, line int, lineOf func(unstable.Range) int) {
	if v == nil || v.Kind != unstable.InlineTable {
		return
	}
	it := v.Children()
	for it.Next() {
		kv := it.Node()
		if kv.Kind != unstable.KeyValue {
			continue
		}
		key, first := nodeKey(kv)
		if first == nil {
			continue
		}
		child := path + "." + key
		if len(child) > MaxLocatedKey {
			continue // its line is its parent's (locatedKey)
		}
		l := lineOf(first.Raw)
		if l == 0 {
			l = line
		}
		lines[child] = l
		addInline(lines, child, kv.Value(), l, lineOf)
	}
}

// nodeKey returns the dotted path of a key node's parts and its first part.
func nodeKey(n *unstable.Node) (string, *unstable.Node) {
	var b strings.Builder
	var first *unstable.Node
	it := n.Key()
	for it.Next() {
		k := it.Node()
		if first == nil {
			first = k
		} else {
			b.WriteByte('.')
		}
		b.WriteString(quoteKey(string(k.Data)))
	}
	return b.String(), first
}

// locatedKey is path, or when it is longer than MaxLocatedKey, its longest ancestor
// that is not, which keyLines gives the line of path.
func locatedKey(path string) string {
	for len(path) > MaxLocatedKey {
		path = parentPath(path)
	}
	return path
}

// lineStarts returns the byte offset of the start of every line after the first.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// lineFor returns the line of path, or of its nearest ancestor that has one, or 0.
func lineFor(lines map[string]int, path string) int {
	for path = locatedKey(path); path != ""; {
		if l, ok := lines[path]; ok {
			return l
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath strips the last part of a key path ("a.b[2].c" → "a.b[2]" → "a.b").
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i > 0 {
			return path[:i]
		}
	}
	// Walk back over the last key, which may be quoted.
	if strings.HasSuffix(path, `"`) {
		for i := len(path) - 2; i >= 0; i-- {
			if path[i] == '"' && (i == 0 || path[i-1] != '\\') {
				if i == 0 {
					return ""
				}
				return strings.TrimSuffix(path[:i], ".")
			}
		}
		return ""
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// Locator finds the lines of key paths in a record file's text.
type Locator struct{ lines map[string]int }

// NewLocator reads the key positions of a TOML document.
func NewLocator(data []byte) Locator { return Locator{keyLines(data)} }

// Line returns the line of path, or of its nearest ancestor that the document
// defines, or 0.
func (l Locator) Line(path string) int { return lineFor(l.lines, path) }
