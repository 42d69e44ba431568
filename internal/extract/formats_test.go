package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestFormats: one report as HTML (UTF-8, GBK), DOCX and PDF gives the same record
// figures, with every identity holding. The report is seed 003's text with the
// Huai'an figures; the DOCX was made from the HTML and the PDF from the DOCX with
// LibreOffice (see decode/testdata), a PDF laid out by another engine than the
// corpus's, with ruled tables.
func TestFormats(t *testing.T) {
	var want map[string]string
	// The fixtures of the decode package: one report laid out four ways.
	for _, name := range []string{"html/report-utf8.html", "html/report-gbk.html", "docx/report.docx", "pdf/report-libreoffice.pdf"} {
		t.Run(name, func(t *testing.T) {
			if filepath.Ext(name) == ".pdf" && !havePDFText() {
				t.Skip("pdftotext not installed: apt-get install poppler-utils poppler-data")
			}
			data, err := os.ReadFile(filepath.Join("decode/testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := File(name, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Record
			if r.Agency.Name != "衡山县行政审批服务局" || r.Report.Year != 2020 || r.Report.Template != "2019" {
				t.Errorf("metadata: %+v %+v", r.Agency, r.Report)
			}
			if len(r.Checks) != 0 {
				t.Errorf("checks: %+v", r.Checks)
			}
			got := figures(r)
			if len(got) < 190 {
				t.Errorf("only %d figures", len(got))
			}
			if got["requests.new_received.total"] != "3119" || got["review.total"] != "351" {
				t.Errorf("figures: new_received %s, review %s", got["requests.new_received.total"], got["review.total"])
			}
			if want == nil {
				want = got
			} else if !reflect.DeepEqual(got, want) {
				for k, v := range want {
					if got[k] != v {
						t.Errorf("%s = %q, want %q (as in report.html)", k, got[k], v)
					}
				}
			}
		})
	}
}
