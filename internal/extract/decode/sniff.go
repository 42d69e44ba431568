package decode

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
)

// The formats Decode reads, as Document.Format names them.
const (
	formatText = "text"
	formatHTML = "html"
	formatPDF  = "pdf"
	formatDOCX = "docx"
)

// Errors for files Decode cannot read. Decode wraps them with the file's name
// and details; test for them with errors.Is.
var (
	ErrEmpty      = errors.New("empty file")
	ErrTooLarge   = fmt.Errorf("file larger than %d MiB", MaxSize>>20)
	ErrNotReport  = errors.New("not a text, HTML, PDF or DOCX document")
	ErrLegacyDOC  = errors.New("a legacy Word .doc (OLE2) file: save it as .docx")
	ErrNotDOCX    = errors.New("a ZIP archive that is not a DOCX document")
	errDamagedZIP = errors.New("a damaged ZIP (DOCX) file")
)

// sniffSize is how far into a file sniff looks for the signs of a format.
const sniffSize = 1024

// sniff tells the format of a file from its bytes, not its name: PDF ("%PDF-"
// near the start), DOCX (a ZIP archive holding word/document.xml), HTML (markup
// at the start), else text. It refuses what cannot be a report: an empty or too
// large file, a legacy .doc, a ZIP archive that is not a DOCX. Whether a "text"
// file really is text is for the text reader to find out.
func sniff(data []byte) (string, error) {
	switch {
	case len(data) == 0:
		return "", ErrEmpty
	case len(data) > MaxSize:
		return "", fmt.Errorf("%w: %d bytes", ErrTooLarge, len(data))
	}
	head := data[:min(len(data), sniffSize)]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return formatPDF, nil
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "", ErrLegacyDOC
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return sniffZIP(data)
	case looksLikeHTML(head):
		return formatHTML, nil
	}
	return formatText, nil
}

// sniffZIP tells a DOCX from other ZIP archives by its main part.
func sniffZIP(data []byte) (string, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", errDamagedZIP, err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			return formatDOCX, nil
		}
	}
	return "", fmt.Errorf("%w (it has no word/document.xml)", ErrNotDOCX)
}

// htmlStarts are the markup a web page or a saved fragment of one starts with;
// htmlAnywhere are tags that only HTML has, looked for in the whole head.
var (
	htmlStarts = []string{
		"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p",
		"<table", "<span", "<br", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6",
		"<center", "<font", "<style", "<script", "<link", "<!--", "<?xml",
	}
	htmlAnywhere = []string{"<!doctype html", "<html", "<body", "<head>", "<meta "}
)

// looksLikeHTML reports whether the head of a file is HTML: after a byte order
// mark and white space it starts with markup, or it has a tag only HTML has.
// NUL bytes are dropped first, so that UTF-16 markup reads as ASCII.
func looksLikeHTML(head []byte) bool {
	h := bytes.ToLower(bytes.ReplaceAll(head, []byte{0}, nil))
	for _, bom := range []string{"\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF"} {
		h = bytes.TrimPrefix(h, []byte(bom))
	}
	h = bytes.TrimLeft(h, " \t\r\n\f")
	for _, tag := range htmlStarts {
		if !bytes.HasPrefix(h, []byte(tag)) {
			continue
		}
		if tag == "<!--" || tag == "<?xml" || tag == "<!doctype html" {
			return true
		}
		// The tag name must end here: "<p>" or "<p class", not "<pre" or "<pinyin".
		if len(h) == len(tag) {
			return true
		}
		switch h[len(tag)] {
		case '>', '/', ' ', '\t', '\r', '\n', '\f':
			return true
		}
	}
	for _, tag := range htmlAnywhere {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}
