package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/internal/record"
)

// TestFormats: one report as HTML (UTF-8, GBK), DOCX and PDF gives the same record
// figures, with every identity holding.
func TestFormats(t *testing.T) {
	var want map[string]string
	for _, name := range []string{"report.html", "report-gbk.html", "report.docx", "report.pdf"} {
		t.Run(name, func(t *testing.T) {
			if filepath.Ext(name) == ".pdf" && !havePDFText() {
				t.Skip("pdftotext not installed: apt-get install poppler-utils poppler-data")
			}
			data, err := os.ReadFile(filepath.Join("testdata/formats", name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := File(name, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Record
			if r.Agency.Name != "衡山县行政审批服务局" || r.Report.Year != 2020 || r.Report.Template != record.Template2019 {
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
