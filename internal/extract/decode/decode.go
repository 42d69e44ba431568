package decode

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

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
// the bytes (not the name), reads the text and tables, and normalizes them, within
// the limits of limits.go (Timeout among them).
func Decode(name string, data []byte) (*Document, error) {
	return DecodeContext(context.Background(), name, data)
}

// DecodeContext is Decode, stopped early (with ctx's error) when ctx is done. The
// time budget is the shorter of ctx's deadline and Timeout.
func DecodeContext(ctx context.Context, name string, data []byte) (*Document, error) {
	limit := Timeout
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < limit {
		limit = max(time.Until(dl), 0)
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	doc, err := newDecoder(ctx, limit).decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

// decoder decodes one file. Its format reader and normalize share its budget:
// the document's table cells and bytes, its text bytes, and its deadline.
type decoder struct {
	ctx        context.Context
	limit      time.Duration // the time budget, for messages
	steps      int           // steps of work since the deadline was last checked
	tableCells int           // grid positions the document's tables may still take
	tableBytes int           // bytes the document's table rows may still take
	textBytes  int           // bytes of normalized text still allowed
}

// newDecoder returns a decoder that stops when ctx is done; limit is ctx's time
// budget, for messages.
func newDecoder(ctx context.Context, limit time.Duration) *decoder {
	return &decoder{ctx: ctx, limit: limit, tableCells: maxTableCells, tableBytes: maxTableBytes, textBytes: MaxTextSize}
}

// Errors for documents past a budget of limits.go. Decode wraps them with the
// file's name and details; test for them with errors.Is.
var (
	ErrTableTooLarge = errors.New("table too large")
	ErrTextTooLarge  = errors.New("text too large")
	ErrHTMLTooLarge  = errors.New("HTML too large")
	ErrPDFTooLarge   = errors.New("PDF too large")
	ErrTimeout       = errors.New("took too long")
)

// step counts one step of work (a line, a node, a token) and, every
// deadlineEvery steps, checks the deadline.
func (d *decoder) step() error {
	if d.steps++; d.steps < deadlineEvery {
		return nil
	}
	d.steps = 0
	return d.expired()
}

// expired returns why decoding must stop (the deadline passed, or the caller
// cancelled), or nil.
func (d *decoder) expired() error {
	err := d.ctx.Err()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: decoding stopped at its time budget of %v", ErrTimeout, d.limit.Round(time.Millisecond))
	}
	return err
}

// line charges one normalized line against the document's text budget.
func (d *decoder) line(l string) error {
	if d.textBytes -= len(l) + 1; d.textBytes < 0 {
		return fmt.Errorf("%w: more than %s of text", ErrTextTooLarge, byteSize(MaxTextSize))
	}
	return nil
}

// row charges a row of n cells, whose texts cells yields, against the document's
// budget of table cells and bytes.
func (d *decoder) row(n int, cells func(yield func(string) bool)) error {
	d.tableCells -= n
	d.tableBytes -= 3 * max(n-1, 0) // the " | " between cells
	for c := range cells {
		if d.tableBytes -= len(c); d.tableBytes < 0 {
			break
		}
	}
	switch {
	case d.tableCells < 0:
		return fmt.Errorf("%w: the document's tables have more than %d cells", ErrTableTooLarge, maxTableCells)
	case d.tableBytes < 0:
		return fmt.Errorf("%w: the document's tables have more than %s of text", ErrTableTooLarge, byteSize(maxTableBytes))
	}
	return d.step()
}

// rowOf charges a row of cell texts against the document's budget.
func (d *decoder) rowOf(cells []string) error {
	return d.row(len(cells), slices.Values(cells))
}

// decode reads and normalizes a file.
func (d *decoder) decode(data []byte) (*Document, error) {
	if err := d.expired(); err != nil {
		return nil, err
	}
	p, err := d.read(data)
	if err != nil {
		return nil, err
	}
	return d.normalize(p)
}

// read dispatches on the sniffed format.
func (d *decoder) read(data []byte) (*page, error) {
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	var p *page
	switch format {
	case formatPDF:
		p, err = d.readPDF(data)
	case formatDOCX:
		p, err = d.readDOCX(data)
	case formatHTML:
		p, err = d.readHTML(data)
	default:
		p, err = d.readText(data)
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
