package record

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/google/renameio/v2"

	"github.com/nianbao/nianbao/internal/schema"
)

// Encode returns the record as TOML. The output is deterministic: the keys of
// [agency], [report] and [source] come in the order of the Go types, the figures in
// the order of the record's template (the contract's order), the [provenance] table
// is sorted by key, and absent figures are left out.
func Encode(r *Record) ([]byte, error) {
	fail := func(format string, args ...any) ([]byte, error) {
		return nil, fmt.Errorf("encoding the record of %s %d: %s", r.Agency.Name, r.Report.Year, fmt.Sprintf(format, args...))
	}
	t := r.Template()
	if t == nil {
		return fail("unknown template %q", r.Report.Template)
	}
	head := struct {
		Schema int     `toml:"schema"`
		Agency Agency  `toml:"agency"`
		Report Report  `toml:"report"`
		Source *Source `toml:"source,omitempty"`
	}{r.Schema, r.Agency, r.Report, r.Source}
	if head.Schema == 0 {
		head.Schema = SchemaVersion
	}
	tail := struct {
		Narrative  *Narrative            `toml:"narrative,omitempty"`
		Provenance map[string]Provenance `toml:"provenance,omitempty"`
		Checks     []Check               `toml:"checks,omitempty"`
	}{r.Narrative, r.Provenance, r.Checks}

	var buf bytes.Buffer
	if err := encodeTOML(&buf, head); err != nil {
		return fail("%v", err)
	}
	if err := writeFigures(&buf, r, t); err != nil {
		return fail("%v", err)
	}
	if tail.Narrative != nil || len(tail.Provenance) > 0 || len(tail.Checks) > 0 {
		buf.WriteByte('\n')
		if err := encodeTOML(&buf, tail); err != nil {
			return fail("%v", err)
		}
	}
	if !utf8.Valid(buf.Bytes()) {
		return fail("it holds text that is not UTF-8")
	}
	return buf.Bytes(), nil
}

func encodeTOML(buf *bytes.Buffer, v any) error {
	enc := toml.NewEncoder(buf)
	enc.Indent = ""
	return enc.Encode(v)
}

// tomlTable is a table of a record file's figure sections while it is written.
type tomlTable struct {
	path     string
	lines    []string // key = value, in field order
	lists    []string // [[path]] items, written after the keys
	children []*tomlTable
}

// writeFigures writes the record's figures as TOML tables, in the order of the
// template's fields: a table's own keys, then its lists, then its sub-tables.
func writeFigures(buf *bytes.Buffer, r *Record, t *schema.Template) error {
	root := &tomlTable{}
	tables := map[string]*tomlTable{"": root}
	var table func(path string) *tomlTable
	table = func(path string) *tomlTable {
		if tb, ok := tables[path]; ok {
			return tb
		}
		parent, _ := splitLast(path)
		tb := &tomlTable{path: path}
		p := table(parent)
		p.children = append(p.children, tb)
		tables[path] = tb
		return tb
	}
	written := 0
	for _, f := range t.Fields() {
		parent, key := splitLast(f.Path)
		if f.Kind == schema.List {
			items := r.lists[f.Path]
			if len(items) == 0 {
				continue
			}
			tb := table(parent)
			for _, c := range items {
				tb.lists = append(tb.lists, "\n[["+f.Path+"]]\nname = "+quoteBasic(c.Name)+"\ncount = "+strconv.FormatInt(c.Count, 10)+"\n")
			}
			written++
			continue
		}
		v, ok := r.figures[f.Path]
		if !ok {
			continue
		}
		text, err := formatValue(f, v)
		if err != nil {
			return err
		}
		tb := table(parent)
		tb.lines = append(tb.lines, quoteKey(key)+" = "+text)
		written++
	}
	if n := len(r.figures) + len(r.lists); written < n {
		for p := range r.figures {
			if t.FieldIndex(p) < 0 {
				return fmt.Errorf("%s is not a key of the %q template", p, t.ID)
			}
		}
		for p, l := range r.lists {
			if f, ok := t.Field(p); len(l) > 0 && (!ok || f.Kind != schema.List) {
				return fmt.Errorf("%s is not a list of the %q template", p, t.ID)
			}
		}
	}
	for _, top := range root.children {
		buf.WriteByte('\n')
		top.write(buf)
	}
	return nil
}

func (tb *tomlTable) write(buf *bytes.Buffer) {
	buf.WriteString("[" + tb.path + "]\n")
	for _, l := range tb.lines {
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	for _, l := range tb.lists {
		buf.WriteString(l)
	}
	for _, c := range tb.children {
		c.write(buf)
	}
}

// formatValue writes a figure as its field's kind says.
func formatValue(f schema.Field, v Value) (string, error) {
	switch f.Kind {
	case schema.Count, schema.Signed:
		if !v.IsInt() {
			return "", fmt.Errorf("%s is a count, not %s", f.Path, v.Kind)
		}
		return strconv.FormatInt(v.Int, 10), nil
	case schema.Amount:
		if v.Kind == schema.Flag {
			return "", fmt.Errorf("%s is an amount, not a flag", f.Path)
		}
		b, err := Amount(v.Float()).MarshalTOML()
		if err != nil {
			return "", fmt.Errorf("%s: %w", f.Path, err)
		}
		return string(b), nil
	case schema.Flag:
		if v.Kind != schema.Flag {
			return "", fmt.Errorf("%s is a flag, not %s", f.Path, v.Kind)
		}
		return strconv.FormatBool(v.Int != 0), nil
	}
	return "", fmt.Errorf("%s: a %s is not a single value", f.Path, f.Kind)
}

// splitLast splits a key path before its last key.
func splitLast(path string) (parent, key string) {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

// Save writes the record to path atomically: it is written to a temporary file
// beside path and renamed into place, so a reader sees the old file or the new one,
// never half of one. Missing parent folders are created.
func Save(path string, r *Record) error {
	data, err := Encode(r)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, data)
}

// WriteFileAtomic writes data to path through a temporary file and a rename.
func WriteFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := renameio.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
