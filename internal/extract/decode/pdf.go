package decode

// PDF reading: poppler's pdftotext is the text engine (robust with CJK CID fonts);
// it runs as a subprocess and reports every word with its box (-bbox-layout), and
// grid.go rebuilds lines and tables from those positions.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// errNoPdftotext says what to install when pdftotext is missing.
var errNoPdftotext = errors.New("reading PDF needs pdftotext: install poppler-utils (Debian: apt-get install poppler-utils poppler-data)")

// readPDF reads a PDF with pdftotext: its text lines in reading order (wrapped
// paragraph lines joined, page numbers dropped) and its tables rebuilt from the
// words' positions.
func (d *decoder) readPDF(data []byte) (*page, error) {
	return readPDFContext(d.ctx, data)
}

func readPDFContext(ctx context.Context, data []byte) (*page, error) {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i < 0 {
		return nil, errors.New("not a PDF: no %PDF- header")
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, errNoPdftotext
	}
	f, err := os.CreateTemp("", "nianbao-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("reading PDF: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fmt.Errorf("reading PDF: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("reading PDF: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	out, err := run(ctx, tool, "-bbox-layout", "-enc", "UTF-8", f.Name(), "-")
	if err != nil {
		return nil, fmt.Errorf("corrupt or unreadable PDF: pdftotext: %w", err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		return nil, fmt.Errorf("pdftotext output: %w", err)
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
	p := &page{format: "pdf", title: pdfTitle(ctx, f.Name())}
	p.lines, p.tables = layoutPages(pages)
	return p, nil
}

// run runs a command and returns its standard output, bounded; on failure the
// error carries the first lines of its standard error.
func run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout limitedBuffer
	stdout.max = maxPDFOutput
	var stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, fmt.Errorf("timed out after %v", pdfTimeout)
	}
	if stdout.over {
		return nil, fmt.Errorf("output over %d MB", maxPDFOutput>>20)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.SplitN(msg, "\n", 4); len(lines) > 3 {
			msg = strings.Join(lines[:3], "; ")
		} else {
			msg = strings.Join(lines, "; ")
		}
		if msg == "" {
			return nil, err
		}
		return nil, fmt.Errorf("%v: %s", err, msg)
	}
	return stdout.Bytes(), nil
}

// limitedBuffer is a bytes.Buffer that stops growing at max bytes.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("output too large")
	}
	return b.Buffer.Write(p)
}

// pdfTitle returns the PDF's Title metadata according to pdfinfo, or "".
func pdfTitle(ctx context.Context, file string) string {
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		return ""
	}
	out, err := run(ctx, tool, "-enc", "UTF-8", file)
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if t, ok := strings.CutPrefix(sc.Text(), "Title:"); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// parseBBox reads pdftotext's -bbox-layout XHTML: pages and their words.
func parseBBox(data []byte) ([]pageWords, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var pages []pageWords
	var cur *word
	var text strings.Builder
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
				pages = append(pages, pageWords{width: attrFloat(t, "width"), height: attrFloat(t, "height")})
			case "word":
				if len(pages) == 0 {
					continue
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
