package record

import (
	"reflect"
	"strings"
)

// Figure is one number a record holds, addressed by its key path.
type Figure struct {
	Path   string  // key path: "requests.granted.total", "proactive.categories[2].count"
	Table  string  // the section: "requests", "proactive", "proactive.categories", "review" …
	Row    string  // the row within the section ("granted", a category's name), or ""
	Column string  // the last key: "total", "natural_person", "count" …
	Value  float64 // the figure
	IsInt  bool    // a count rather than an amount
}

// figureSections are the top-level keys whose numbers are figures of the report.
var figureSections = map[string]bool{
	"proactive": true, "requests": true, "review": true, "litigation_direct": true,
	"litigation_after_review": true, "legacy_requests": true, "legacy_review": true,
	"fees": true, "staff": true,
}

var (
	int64PtrType  = reflect.TypeFor[*int64]()
	amountPtrType = reflect.TypeFor[*Amount]()
)

// Figures returns every figure the record gives, in the order of the record's keys
// (the templates' order). Absent figures are not listed.
func Figures(r *Record) []Figure {
	var out []Figure
	rv := reflect.ValueOf(r).Elem()
	rt := rv.Type()
	for i := range rt.NumField() {
		key := tomlName(rt.Field(i))
		if !figureSections[key] {
			continue
		}
		walkFigures(rv.Field(i), key, []string{key}, &out)
	}
	return out
}

func walkFigures(v reflect.Value, path string, parts []string, out *[]Figure) {
	switch v.Type() {
	case int64PtrType:
		if !v.IsNil() {
			*out = append(*out, newFigure(path, parts, float64(v.Elem().Int()), true))
		}
		return
	case amountPtrType:
		if !v.IsNil() {
			*out = append(*out, newFigure(path, parts, v.Elem().Float(), false))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkFigures(v.Elem(), path, parts, out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			key := tomlName(t.Field(i))
			if key == "" || key == "-" {
				continue
			}
			walkFigures(v.Field(i), JoinKey(path, key), append(parts[:len(parts):len(parts)], key), out)
		}
	case reflect.Slice:
		// proactive.categories: the row is the category's name.
		for i := range v.Len() {
			c, ok := v.Index(i).Interface().(Category)
			if !ok {
				continue
			}
			p := indexPath(path, i)
			*out = append(*out, Figure{
				Path: p + ".count", Table: strings.Join(parts, "."), Row: c.Name,
				Column: "count", Value: float64(c.Count), IsInt: true,
			})
		}
	}
}

func newFigure(path string, parts []string, v float64, isInt bool) Figure {
	f := Figure{Path: path, Table: parts[0], Column: parts[len(parts)-1], Value: v, IsInt: isInt}
	if len(parts) > 2 {
		f.Row = strings.Join(parts[1:len(parts)-1], ".")
	}
	return f
}

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}
