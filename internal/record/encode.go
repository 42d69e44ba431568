package record

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/google/renameio/v2"
)

// Encode returns the record as TOML. The output is deterministic: keys come in the
// order of the Go types (which is the contract's and the templates' order), the
// [provenance] table is sorted by key, and absent figures are left out.
func Encode(r *Record) ([]byte, error) {
	if r.Schema == 0 {
		c := *r
		c.Schema = SchemaVersion
		r = &c
	}
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encoding the record of %s %d: %w", r.Agency.Name, r.Report.Year, err)
	}
	if !utf8.Valid(buf.Bytes()) {
		return nil, fmt.Errorf("encoding the record of %s %d: it holds text that is not UTF-8", r.Agency.Name, r.Report.Year)
	}
	return buf.Bytes(), nil
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
