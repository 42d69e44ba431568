package decode

import (
	"reflect"
	"testing"
)

// TestTabTables: a table copied from a page as text keeps its cells in tabs, blank
// cells included; an indented paragraph is not a table.
func TestTabTables(t *testing.T) {
	doc, err := Decode("tab.txt", []byte("\t一、概述\n\t我局认真落实条例。\n统计指标\t单位\t统计数\n（一）收到申请数\t件\t20\n1.当面申请数\t件\t\n二、其他\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("tables: %+v\nlines: %q", doc.Tables, doc.Lines)
	}
	tab := doc.Tables[0]
	want := [][]string{{"统计指标", "单位", "统计数"}, {"（一）收到申请数", "件", "20"}, {"1.当面申请数", "件", ""}}
	if !reflect.DeepEqual(tab.Rows, want) || doc.Lines[tab.Line] != "统计指标 | 单位 | 统计数" || doc.Lines[0] != "一、概述" {
		t.Errorf("rows %q at line %d of %q", tab.Rows, tab.Line, doc.Lines)
	}
}
