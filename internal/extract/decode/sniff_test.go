package decode

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func zipOf(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), formatPDF},
		{"pdf after junk", []byte("\r\n\r\n%PDF-1.4\n"), formatPDF},
		{"docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), formatDOCX},
		{"html doctype", []byte("<!DOCTYPE html>\n<html><body>年度报告</body></html>"), formatHTML},
		{"html upper case after BOM and space", []byte("\xEF\xBB\xBF \r\n<HTML>\n<HEAD>"), formatHTML},
		{"html fragment div", []byte("<div class=\"content\">年度报告</div>"), formatHTML},
		{"html fragment p", []byte("<p>一、概述</p>"), formatHTML},
		{"html fragment table", []byte("<table border=1><tr><td>0</td></tr></table>"), formatHTML},
		{"html comment first", []byte("<!-- saved from url -->\n<html>"), formatHTML},
		{"html after a text line", []byte("saved page\n<html lang=zh>"), formatHTML},
		{"html utf-16le", []byte("\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00"), formatHTML},
		{"text", []byte("一、概述\n2017年,我局……"), formatText},
		{"text with a less-than", []byte("占比<5%\n<pre不是标签"), formatText},
		{"text gbk", []byte{0xC4, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6}, formatText},
		{"binary is the text reader's to refuse", []byte{0, 1, 2, 3, 0xFF}, formatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sniff(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("sniff = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    error
		message string
	}{
		{"empty", nil, ErrEmpty, "report.bin: empty file"},
		{"too large", make([]byte, MaxSize+1), ErrTooLarge, "report.bin: file larger than 20 MiB"},
		{"binary", append([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0D}, bytes.Repeat([]byte{0, 1, 2, 3, 0x80, 0xFF, 7, 8}, 100)...),
			ErrNotReport, "report.bin: not a text, HTML, PDF or DOCX document"},
		{"legacy doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), ErrLegacyDOC,
			"report.bin: a legacy Word .doc (OLE2) file: save it as .docx"},
		{"zip not docx", zipOf(t, "xl/workbook.xml"), ErrNotDOCX,
			"report.bin: a ZIP archive that is not a DOCX document (it has no word/document.xml)"},
		{"damaged zip", []byte("PK\x03\x04 this is not really a zip"), errDamagedZIP, "report.bin: a damaged ZIP (DOCX) file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode("report.bin", tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %v, %v; want %v", d, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.message) {
				t.Errorf("error %q does not start with %q", err, tt.message)
			}
		})
	}
}

func FuzzSniff(f *testing.F) {
	f.Add([]byte("%PDF-1.7"))
	f.Add([]byte("<p>年度报告</p>"))
	f.Add(zipOf(f, "word/document.xml"))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := sniff(data)
		if err != nil {
			if format != "" {
				t.Errorf("sniff = %q with error %v", format, err)
			}
			return
		}
		switch format {
		case formatText, formatHTML, formatPDF, formatDOCX:
		default:
			t.Errorf("sniff = %q", format)
		}
	})
}
