package decode

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDecodeContextDone: a context already done stops Decode before it starts,
// with the context's error, or ErrTimeout for a deadline.
func TestDecodeContextDone(t *testing.T) {
	data := []byte("政府信息公开工作年度报告\n")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DecodeContext(cancelled, "r.txt", data); !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "r.txt: ") {
		t.Errorf("cancelled: error %v, want r.txt: context canceled", err)
	}
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := DecodeContext(past, "r.txt", data)
	if !errors.Is(err, ErrTimeout) || err.Error() != "r.txt: took too long: decoding stopped at its time budget of 0s" {
		t.Errorf("deadline passed: error %v, want ErrTimeout", err)
	}
	if doc, err := DecodeContext(context.Background(), "r.txt", data); err != nil || len(doc.Lines) != 1 {
		t.Errorf("DecodeContext = %v, %v", doc, err)
	}
}

// TestReadersCheckTheDeadline: every reader, and normalize, checks the deadline
// as it works, so that a long document stops when time is up.
func TestReadersCheckTheDeadline(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	var text, html, docx strings.Builder
	html.WriteString("<html><body>")
	for i := range 4 * deadlineEvery {
		fmt.Fprintf(&text, "第%d行\n", i)
		fmt.Fprintf(&html, "<p>第%d行</p>", i)
		fmt.Fprintf(&docx, "<w:p><w:r><w:t>第%d行</w:t></w:r></w:p>", i)
	}
	lines := strings.Split(text.String(), "\n")
	tests := []struct {
		name string
		read func(d *decoder) error
	}{
		{"text", func(d *decoder) error { _, err := d.readText([]byte(text.String())); return err }},
		{"html", func(d *decoder) error { _, err := d.readHTML([]byte(html.String())); return err }},
		{"docx", func(d *decoder) error { _, err := d.readDOCX(makeDOCX(t, docx.String(), "")); return err }},
		{"normalize", func(d *decoder) error { _, err := d.normalize(&page{lines: lines}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.read(newDecoder(done, time.Second)); !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if err := tt.read(testDecoder()); err != nil {
				t.Errorf("without a deadline: %v", err)
			}
		})
	}
}

// TestHTMLDeepNesting: elements nested maxHTMLDepth deep beside the report, over
// a long link, cost about the page's size: prose used to read the text under each
// of them again (and contains walked up from the container for each).
func TestHTMLDeepNesting(t *testing.T) {
	data := deepHTML(maxHTMLDepth-4, 2<<20)
	var p *page
	var err error
	n := allocated(func() { p, err = readHTML(data) })
	if err != nil {
		t.Fatal(err)
	}
	if len(p.lines) < 3000 {
		t.Errorf("%d lines, want the report's 3000", len(p.lines))
	}
	if n > 40*uint64(len(data)) {
		t.Errorf("reading a %d KB page allocated %d MB", len(data)>>10, n>>20)
	}
}

// TestHTMLNodes: a page of millions of short elements is refused before it is
// parsed (parsed, a 19 MB page of "<p>政府</p>" took 741 MB).
func TestHTMLNodes(t *testing.T) {
	data := []byte("<html><body>" + strings.Repeat("<p>政府</p>", maxHTMLNodes/2+1) + "</body></html>")
	var err error
	n := allocated(func() { _, err = Decode("many.html", data) })
	if !errors.Is(err, ErrHTMLTooLarge) || err.Error() != "many.html: HTML too large: more than 500000 elements and texts" {
		t.Errorf("error %v, want ErrHTMLTooLarge", err)
	}
	if n > 64<<20 {
		t.Errorf("refusing a %d MB page allocated %d MB", len(data)>>20, n>>20)
	}
}
