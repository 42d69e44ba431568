package record

import (
	"reflect"
	"strings"
	"sync"
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
	int64PtrType   = reflect.TypeFor[*int64]()
	amountPtrType  = reflect.TypeFor[*Amount]()
	categoriesType = reflect.TypeFor[[]Category]()
)

// figureField is where a figure sits in a Record: the field indexes leading to it
// and its key path, in the order of the record's keys.
type figureField struct {
	index        []int
	path         string
	table, row   string
	column       string
	isInt        bool
	isCategories bool // proactive.categories: one figure an item
}

// figureFields lists the figures a Record can hold, worked out once from its type
// (the list is read-only afterwards).
var figureFields = sync.OnceValue(func() []figureField {
	var out []figureField
	rt := reflect.TypeFor[Record]()
	for i := range rt.NumField() {
		key := tomlName(rt.Field(i))
		if figureSections[key] {
			collectFields(rt.Field(i).Type, []int{i}, key, []string{key}, &out)
		}
	}
	return out
})

func collectFields(t reflect.Type, index []int, path string, parts []string, out *[]figureField) {
	switch t {
	case int64PtrType, amountPtrType:
		f := newFigure(path, parts, 0, t == int64PtrType)
		*out = append(*out, figureField{index: index, path: path, table: f.Table, row: f.Row, column: f.Column, isInt: f.IsInt})
		return
	case categoriesType:
		*out = append(*out, figureField{index: index, path: path, table: strings.Join(parts, "."), isCategories: true})
		return
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return
	}
	for i := range t.NumField() {
		key := tomlName(t.Field(i))
		if key == "" || key == "-" {
			continue
		}
		collectFields(t.Field(i).Type, append(index[:len(index):len(index)], i), JoinKey(path, key), append(parts[:len(parts):len(parts)], key), out)
	}
}

// Figures returns every figure the record gives, in the order of the record's keys
// (the templates' order). Absent figures are not listed.
func Figures(r *Record) []Figure {
	var out []Figure
	rv := reflect.ValueOf(r).Elem()
	for _, ff := range figureFields() {
		v, err := rv.FieldByIndexErr(ff.index)
		if err != nil || v.Kind() == reflect.Pointer && v.IsNil() {
			continue // a table on the way, or the figure, is absent
		}
		switch {
		case ff.isCategories:
			for i, c := range v.Interface().([]Category) {
				out = append(out, Figure{Path: indexPath(ff.path, i) + ".count", Table: ff.table, Row: c.Name,
					Column: "count", Value: float64(c.Count), IsInt: true})
			}
		case ff.isInt:
			out = append(out, Figure{Path: ff.path, Table: ff.table, Row: ff.row, Column: ff.column, Value: float64(v.Elem().Int()), IsInt: true})
		default:
			out = append(out, Figure{Path: ff.path, Table: ff.table, Row: ff.row, Column: ff.column, Value: v.Elem().Float()})
		}
	}
	return out
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
