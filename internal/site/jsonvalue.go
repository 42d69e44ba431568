package site

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// appendJSON appends v, a record's file as TOML decodes it (record.FileValues,
// recordValue), as json.Marshal writes plain(v): objects with their keys in order,
// dates as "YYYY-MM-DD", strings escaped as encoding/json escapes them (HTML-safe).
// It writes the values TOML gives itself, since json.Marshal's reflection over every
// record was 3% of a build, and hands any other value, and any string that needs
// escaping, to json.Marshal. TestAppendJSONAsMarshal holds the two to the same bytes.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSON(b, v[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []map[string]any: // an array of tables
		return appendJSONArray(b, v)
	case []any:
		return appendJSONArray(b, v)
	case string:
		return appendJSONString(b, v), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case time.Time:
		return appendJSONString(b, v.Format(time.DateOnly)), nil
	}
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, js...), nil
}

// appendJSONArray appends the array v (appendJSON).
func appendJSONArray[E any](b []byte, v []E) ([]byte, error) {
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendJSON(b, x); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// appendJSONString appends s as a JSON string, as json.Marshal writes it.
func appendJSONString(b []byte, s string) []byte {
	if !jsonPlain(s) {
		js, _ := json.Marshal(s) // a string always marshals
		return append(b, js...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonPlain reports whether json.Marshal writes s between quotes as it is: valid
// UTF-8 without control characters, quotes, backslashes, the HTML characters <, >
// and &, or the line and paragraph separators U+2028 and U+2029.
func jsonPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return false
		}
	}
	return utf8.ValidString(s)
}
