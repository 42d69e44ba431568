package record

import (
	"errors"
	"time"

	gotoml "github.com/pelletier/go-toml/v2"
)

// readTOML decodes a record file's TOML document into the values the rest of the
// package walks: tables as map[string]any, arrays whose items are all tables as
// []map[string]any, int64, float64, string, bool, and every kind of date and time as
// a time.Time (a local one in UTC) — the shapes BurntSushi/toml's decoder gives.
//
// It reads with go-toml (github.com/pelletier/go-toml/v2, Hugo's own TOML parser)
// rather than BurntSushi/toml, which still writes records (encode.go): on a record
// go-toml is about nine times faster, allocating a tenth as much, and it stays linear
// on hostile nesting, which it bounds (10,000 levels), where BurntSushi/toml's time
// and memory grow with the square of the depth: a 30 KB file of nested inline tables
// took it 6 s, and a 300 KB one ran the machine out of memory.
//
// What is accepted differs in two ways: an inline array of inline tables
// ("categories = [{name = "x", count = 1}]") is read like the array of tables it
// equals, where BurntSushi/toml gave an array that the walk refused; and a table
// defined by a dotted key and again by a header ([a] b.c = 1, then [a.b]) is
// refused, as TOML requires, where BurntSushi/toml accepted it.
//
// A syntax error is a Problem with the line of the error, as is a document nested
// more than MaxNesting deep or of more than MaxKeys keys, which no record is. A
// document that may be either is read for its shape first (shapeOf) and refused
// before it is decoded, where go-toml's decoder would take memory or time out of
// proportion to its size.
func readTOML(name string, data []byte) (map[string]any, *Problem) {
	refuse := func(s shape) *Problem {
		if s.problem == "" { // tomlShape's refusal
			s.problem = nestedTooDeep()
		}
		return &Problem{File: name, Line: s.line, Message: s.problem}
	}
	if mayExceedBounds(data) {
		if s := shapeOf(data); s.problem != "" {
			return nil, refuse(s)
		}
	}
	var raw map[string]any
	if err := gotoml.Unmarshal(data, &raw); err != nil {
		p := Problem{File: name, Message: "TOML syntax: " + errorText(err)}
		var de *gotoml.DecodeError
		if errors.As(err, &de) {
			p.Line, _ = de.Position()
		}
		return nil, &p
	}
	if raw == nil {
		raw = map[string]any{}
	}
	if !tomlShape(raw, 0) {
		// A decoded document has at most MaxKeys keys: shapeOf gives the line.
		return nil, refuse(shapeOf(data))
	}
	return raw, nil
}

// tomlShape puts the tables and arrays of v, a value go-toml decoded, in
// readTOML's shapes, in place. It reports false, and stops, at a value nested more
// than MaxNesting deep.
func tomlShape(v any, depth int) bool {
	if depth > MaxNesting {
		return false
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !tomlShape(x, depth+1) {
				return false
			}
			v[k] = shaped(x)
		}
	case []any:
		for i, x := range v {
			if !tomlShape(x, depth+1) {
				return false
			}
			v[i] = shaped(x)
		}
	}
	return true
}

// shaped is the value of v, once tomlShape has shaped what it holds, in readTOML's
// shapes: an array of tables as []map[string]any, a date or time as a time.Time.
func shaped(v any) any {
	switch v := v.(type) {
	case []any:
		if len(v) == 0 {
			return v
		}
		for _, x := range v {
			if _, ok := x.(map[string]any); !ok {
				return v
			}
		}
		out := make([]map[string]any, len(v))
		for i, x := range v {
			out[i] = x.(map[string]any)
		}
		return out
	case gotoml.LocalDate:
		return time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, time.UTC)
	case gotoml.LocalDateTime:
		return time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, v.Nanosecond, time.UTC)
	case gotoml.LocalTime:
		return time.Date(0, time.January, 1, v.Hour, v.Minute, v.Second, v.Nanosecond, time.UTC)
	}
	return v
}
