package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/record"
)

// Result is a report read from its raw file: the record and the normalized document
// its provenance refers to.
type Result struct {
	Record   *record.Record
	Document *decode.Document
}

// File decodes a raw report and extracts its record. name is the file's name as the
// record's [source] file, and in errors. Errors name the file.
func File(name string, data []byte, opts Options) (*Result, error) {
	doc, err := decode.Decode(name, data)
	if err != nil {
		return nil, err
	}
	r, err := Extract(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	url := ""
	if r.Source != nil {
		url = r.Source.URL // the address the page says it was published at
	}
	r.Source = &record.Source{File: name, URL: url, SHA256: hex.EncodeToString(sum[:]), Format: doc.Format}
	if opts.Meta != nil && opts.Meta.Source.URL != "" {
		r.Source.URL = opts.Meta.Source.URL
	}
	return &Result{Record: r, Document: doc}, nil
}
