package decode

import "fmt"

// page is a document as a format reader sees it, before normalization: raw lines
// (possibly traditional, with pinyin glosses, full-width digits and web furniture),
// and tables whose Line indexes into lines.
type page struct {
	format   string
	encoding string
	title    string
	lines    []string
	tables   []Table
}

// Decode reads a raw report. name is used in errors only. It sniffs the format from
// the bytes (not the name), reads the text and tables, and normalizes them.
func Decode(name string, data []byte) (*Document, error) {
	p, err := read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return normalize(p), nil
}

// read dispatches on the sniffed format.
func read(data []byte) (*page, error) {
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	var p *page
	switch format {
	case formatPDF:
		p, err = readPDF(data)
	case formatDOCX:
		p, err = readDOCX(data)
	case formatHTML:
		p, err = readHTML(data)
	default:
		p, err = readText(data)
	}
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("reading %s: no content", format)
	}
	if p.format == "" {
		p.format = format
	}
	return p, nil
}
