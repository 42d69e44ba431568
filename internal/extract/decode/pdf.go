package decode

// PDF reading: poppler's pdftotext is the text engine (robust with CJK CID fonts);
// it runs as a subprocess and reports every word with its box (-bbox-layout), and
// layout.go rebuilds lines and tables from those positions. The PDF goes to the
// tools on their standard input (no temporary file), and pdftotext's output is
// parsed as it streams out, within the limits of limits.go.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// errNoPdftotext says what to install when pdftotext is missing.
var errNoPdftotext = errors.New("reading PDF needs pdftotext: install poppler-utils (Debian: apt-get install poppler-utils poppler-data)")

// pdfLimits bound the reading of one PDF: the limits of limits.go (smaller in
// tests).
type pdfLimits struct {
	pages  int   // pages
	words  int   // words of all the pages
	output int64 // bytes pdftotext may write
}

func defaultPDFLimits() pdfLimits {
	return pdfLimits{pages: maxPDFPages, words: maxLayoutWords, output: maxPDFOutput}
}

// readPDF reads a PDF with pdftotext: its text lines in reading order (wrapped
// paragraph lines joined, page numbers dropped) and its tables rebuilt from the
// words' positions.
func (d *decoder) readPDF(data []byte) (*page, error) {
	return d.readPDFWithin(data, defaultPDFLimits())
}

func (d *decoder) readPDFWithin(data []byte, lim pdfLimits) (*page, error) {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i < 0 {
		return nil, errors.New("not a PDF: no %PDF- header")
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, errNoPdftotext
	}
	info := d.pdfInfo(data)
	if info.pages > lim.pages {
		return nil, fmt.Errorf("%w: %d pages, more than %d", ErrPDFTooLarge, info.pages, lim.pages)
	}
	pages, err := d.pdfWords(tool, data, lim)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, errors.New("corrupt or truncated PDF: pdftotext found no pages")
	}
	words := 0
	for _, p := range pages {
		words += len(p.words)
	}
	if words == 0 {
		return nil, fmt.Errorf("no text: the PDF's %d page(s) have no text layer (a scanned PDF needs OCR)", len(pages))
	}
	p := &page{format: "pdf", title: info.title}
	p.lines, p.tables, err = defaultLayout().layout(d, pages)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// pdfWords runs pdftotext on a PDF and reads the words of its pages as they
// stream out. It stops pdftotext, with an error, at the first limit passed: the
// deadline, the bytes of output, the pages (pdftotext reads one page more than
// the limit, no further) or the words.
func (d *decoder) pdfWords(tool string, data []byte, lim pdfLimits) ([]pageWords, error) {
	ctx, stop := context.WithCancel(d.ctx)
	defer stop()
	cmd := exec.CommandContext(ctx, tool, "-bbox-layout", "-enc", "UTF-8", "-l", strconv.Itoa(lim.pages+1), "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	stderr := &capWriter{max: maxToolStderr, drop: true}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("reading PDF: %w", err)
	}
	if err := cmd.Start(); err != nil {
		if err := d.expired(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("reading PDF: pdftotext: %w", err)
	}
	out := &cappedReader{r: stdout, left: lim.output}
	pages, perr := parseBBox(out, lim)
	if perr != nil {
		stop() // read no further: pdftotext is killed
	}
	werr := cmd.Wait()
	if err := d.expired(); err != nil {
		return nil, err
	}
	var limit *pdfLimitError
	switch {
	case out.over:
		return nil, fmt.Errorf("%w: pdftotext wrote more than %s", ErrPDFTooLarge, byteSize(lim.output))
	case errors.As(perr, &limit):
		return nil, perr
	case werr != nil:
		return nil, fmt.Errorf("corrupt or unreadable PDF: pdftotext: %w", toolError(werr, stderr))
	case perr != nil:
		return nil, fmt.Errorf("pdftotext output: %w", perr)
	}
	return pages, nil
}

// pdfLimitError is a PDF past a page or word limit.
type pdfLimitError struct{ what string }

func (e *pdfLimitError) Error() string { return ErrPDFTooLarge.Error() + ": " + e.what }
func (e *pdfLimitError) Unwrap() error { return ErrPDFTooLarge }

// toolError is the error of a tool that failed, with the first lines of its
// error output.
func toolError(err error, stderr *capWriter) error {
	msg := strings.TrimSpace(string(stderr.buf))
	if lines := strings.SplitN(msg, "\n", 4); len(lines) > 3 {
		msg = strings.Join(lines[:3], "; ")
	} else {
		msg = strings.Join(lines, "; ")
	}
	if msg == "" {
		return err
	}
	return fmt.Errorf("%v: %s", err, msg)
}

// pdfMeta is what pdfinfo says of a PDF.
type pdfMeta struct {
	title string // the Title metadata, or ""
	pages int    // the number of pages, or 0 when unknown
}

// pdfInfo asks pdfinfo for a PDF's title and number of pages. It returns what
// it could learn: nothing when pdfinfo is missing or fails.
func (d *decoder) pdfInfo(data []byte) pdfMeta {
	var m pdfMeta
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		return m
	}
	cmd := exec.CommandContext(d.ctx, tool, "-enc", "UTF-8", "-")
	cmd.Stdin = bytes.NewReader(data)
	stdout := &capWriter{max: maxPDFInfo}
	cmd.Stdout = stdout
	if cmd.Run() != nil || stdout.over {
		return m
	}
	sc := bufio.NewScanner(bytes.NewReader(stdout.buf))
	titled := false
	for sc.Scan() {
		if t, ok := strings.CutPrefix(sc.Text(), "Title:"); ok && !titled {
			m.title, titled = strings.TrimSpace(t), true
		}
		if n, ok := strings.CutPrefix(sc.Text(), "Pages:"); ok {
			m.pages, _ = strconv.Atoi(strings.TrimSpace(n))
		}
	}
	return m
}

// capWriter keeps what is written to it, up to max bytes. Past max, Write fails
// (so that a tool writing more is stopped), or, with drop, discards the rest. It
// has no ReadFrom method, so that io.Copy, as os/exec uses it, goes through
// Write (a bytes.Buffer's ReadFrom would read everything).
type capWriter struct {
	buf  []byte
	max  int
	drop bool // past max, discard instead of failing
	over bool // more than max bytes were written
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.max - len(w.buf); len(p) > room {
		w.over = true
		w.buf = append(w.buf, p[:max(room, 0)]...)
		if w.drop {
			return len(p), nil
		}
		return 0, errors.New("output too large")
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// cappedReader reads r up to left bytes; reading more fails.
type cappedReader struct {
	r    io.Reader
	left int64
	over bool // r had more than left bytes
}

var errOutputCap = errors.New("output over its limit")

func (c *cappedReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1] // one byte more than allowed tells a longer output
	}
	n, err := c.r.Read(p)
	if c.left -= int64(n); c.left < 0 {
		c.over = true
		return 0, errOutputCap
	}
	return n, err
}

// xmlChars passes a reader's bytes through with the control characters XML does
// not allow (U+0000–U+001F but tab, line feed and carriage return) made spaces:
// pdftotext writes a PDF's text as it finds it, and a font's odd codes (U+0011) must
// not make the whole page unreadable.
type xmlChars struct{ r io.Reader }

func (x xmlChars) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	for i, c := range p[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			p[i] = ' '
		}
	}
	return n, err
}

// parseBBox reads pdftotext's -bbox-layout XHTML: pages and their words, up to
// the limits.
func parseBBox(r io.Reader, lim pdfLimits) ([]pageWords, error) {
	d := xml.NewDecoder(xmlChars{r})
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var pages []pageWords
	var cur *word
	var text strings.Builder
	words := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				if len(pages) == lim.pages {
					return nil, &pdfLimitError{fmt.Sprintf("more than %d pages", lim.pages)}
				}
				pages = append(pages, pageWords{width: attrFloat(t, "width"), height: attrFloat(t, "height")})
			case "word":
				if len(pages) == 0 {
					continue
				}
				if words++; words > lim.words {
					return nil, &pdfLimitError{fmt.Sprintf("more than %d words", lim.words)}
				}
				cur = &word{x0: attrFloat(t, "xMin"), y0: attrFloat(t, "yMin"), x1: attrFloat(t, "xMax"), y1: attrFloat(t, "yMax")}
				text.Reset()
			}
		case xml.CharData:
			if cur != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "word" && cur != nil {
				cur.text = text.String()
				p := &pages[len(pages)-1]
				p.words = append(p.words, *cur)
				cur = nil
			}
		}
	}
	return pages, nil
}

func attrFloat(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, err := strconv.ParseFloat(a.Value, 64)
			if err == nil {
				return f
			}
		}
	}
	return 0
}
