package record

import (
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/schema"
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

// Figures returns every figure the record gives, in the order of its template's
// fields (the order a record file writes them). Flags are not figures. Figures of a
// record whose template is unknown come in path order.
func Figures(r *Record) []Figure {
	out := make([]Figure, 0, len(r.figures)+8)
	add := func(path string, v Value) {
		if v.Kind == schema.Flag {
			return
		}
		f := splitFigure(path)
		f.Value, f.IsInt = v.Float(), v.IsInt()
		out = append(out, f)
	}
	addList := func(path string) {
		for i, c := range r.lists[path] {
			out = append(out, Figure{Path: indexPath(path, i) + ".count", Table: path, Row: c.Name,
				Column: "count", Value: float64(c.Count), IsInt: true})
		}
	}
	t := r.Template()
	if t == nil {
		paths := make([]string, 0, len(r.figures)+len(r.lists))
		for p := range r.figures {
			paths = append(paths, p)
		}
		for p := range r.lists {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			if v, ok := r.figures[p]; ok {
				add(p, v)
			} else {
				addList(p)
			}
		}
		return out
	}
	for _, fd := range t.Fields() {
		if fd.Kind == schema.List {
			addList(fd.Path)
		} else if v, ok := r.figures[fd.Path]; ok {
			add(fd.Path, v)
		}
	}
	return out
}

// splitFigure names the parts of a figure's path: its section, its row and its column.
// The parts are substrings of path: nothing is allocated.
func splitFigure(path string) Figure {
	f := Figure{Path: path, Table: path, Column: path}
	if i := strings.IndexByte(path, '.'); i >= 0 {
		j := strings.LastIndexByte(path, '.')
		f.Table, f.Column = path[:i], path[j+1:]
		if i < j {
			f.Row = path[i+1 : j]
		}
	}
	return f
}
