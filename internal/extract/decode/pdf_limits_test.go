package decode

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPDFPages: a PDF of more pages than maxPDFPages is refused, before
// pdftotext renders any (pdfinfo counts them); without pdfinfo, pdftotext reads
// one page past the limit and stops.
func TestPDFPages(t *testing.T) {
	needPdftotext(t)
	data := manyPagePDF(10000, 5, 4) // 1.5 MB
	_, err := Decode("pages.pdf", data)
	if !errors.Is(err, ErrPDFTooLarge) || err.Error() != "pages.pdf: PDF too large: 10000 pages, more than 1000" {
		t.Errorf("error %v, want ErrPDFTooLarge", err)
	}

	tool, _ := exec.LookPath("pdftotext")
	dir := t.TempDir()
	if err := os.Symlink(tool, filepath.Join(dir, "pdftotext")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir) // pdftotext only
	_, err = testDecoder().readPDFWithin(manyPagePDF(12, 5, 4), pdfLimits{pages: 10, words: maxLayoutWords, output: maxPDFOutput})
	if !errors.Is(err, ErrPDFTooLarge) || err.Error() != "PDF too large: more than 10 pages" {
		t.Errorf("without pdfinfo: error %v, want ErrPDFTooLarge", err)
	}
	if p, err := testDecoder().readPDFWithin(manyPagePDF(10, 5, 4), pdfLimits{pages: 10, words: maxLayoutWords, output: maxPDFOutput}); err != nil || len(p.lines) == 0 {
		t.Errorf("10 pages, limit 10: %v", err)
	}
}

// TestPDFOutputCap: pdftotext writing more than its cap is stopped there (the
// cap used to be on a bytes.Buffer's Write, which io.Copy bypassed through
// ReadFrom). And so is a PDF of too many words.
func TestPDFOutputCap(t *testing.T) {
	needPdftotext(t)
	data := manyPagePDF(40, 60, 8) // 40 pages of 540 words: about 2 MB of XHTML
	if _, err := testDecoder().readPDF(data); err != nil {
		t.Fatalf("within the limits: %v", err)
	}
	_, err := testDecoder().readPDFWithin(data, pdfLimits{pages: maxPDFPages, words: maxLayoutWords, output: 1 << 20})
	if !errors.Is(err, ErrPDFTooLarge) || err.Error() != "PDF too large: pdftotext wrote more than 1 MiB" {
		t.Errorf("output cap: error %v, want ErrPDFTooLarge", err)
	}
	_, err = testDecoder().readPDFWithin(data, pdfLimits{pages: maxPDFPages, words: 1000, output: maxPDFOutput})
	if !errors.Is(err, ErrPDFTooLarge) || err.Error() != "PDF too large: more than 1000 words" {
		t.Errorf("word limit: error %v, want ErrPDFTooLarge", err)
	}
}

// TestPDFDeadline: the deadline stops pdftotext.
func TestPDFDeadline(t *testing.T) {
	needPdftotext(t)
	data := manyPagePDF(1000, 60, 8)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := DecodeContext(ctx, "slow.pdf", data)
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("error %v, want ErrTimeout", err)
	}
}

// TestCapWriter: the writer given to os/exec keeps max bytes and stops or drops
// the rest, even under io.Copy.
func TestCapWriter(t *testing.T) {
	if _, ok := any(&capWriter{}).(io.ReaderFrom); ok {
		t.Fatal("capWriter has a ReadFrom method: io.Copy would bypass its cap")
	}
	big := strings.NewReader(strings.Repeat("x", 1<<20))
	w := &capWriter{max: 1000}
	if _, err := io.Copy(w, big); err == nil || !w.over || len(w.buf) != 1000 {
		t.Errorf("io.Copy into a capWriter: err %v, over %v, kept %d bytes", err, w.over, len(w.buf))
	}
	big.Seek(0, io.SeekStart)
	w = &capWriter{max: 1000, drop: true}
	if n, err := io.Copy(w, big); err != nil || n != 1<<20 || !w.over || len(w.buf) != 1000 {
		t.Errorf("io.Copy into a dropping capWriter: %d, %v, over %v, kept %d bytes", n, err, w.over, len(w.buf))
	}
}
