package site

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The site's CSV files (the dataset's data/<year>/<province>.csv.gz) are
// opened in spreadsheets, which run a cell that starts with = + - @ (or a tab or
// carriage return before one) as a formula: =HYPERLINK(…) in an agency's name would
// become a link, DDE payloads a command. Every CSV the site writes goes through
// newCSV, whose rows pass each cell through safeCell.

// csvWriter writes CSV rows whose cells are made safe for spreadsheets.
type csvWriter struct {
	w   *csv.Writer
	row []string
}

func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// Write writes one row, each cell through safeCell.
func (c *csvWriter) Write(row []string) error {
	c.row = c.row[:0]
	for _, s := range row {
		c.row = append(c.row, safeCell(s))
	}
	return c.w.Write(c.row)
}

// Flush writes any buffered rows and returns the first error.
func (c *csvWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// safeCell neutralises a cell a spreadsheet would read as a formula, as OWASP advises
// (https://owasp.org/www-community/attacks/CSV_Injection): a cell starting with = + -
// @, a tab or a carriage return gets a leading single quote, which spreadsheets show
// as text and do not run. A number (-4, +1.5, -2e3) is left as it is, so negative
// figures stay numeric.
func safeCell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a plain decimal number: an optional sign, digits with
// an optional fraction, and an optional exponent. Unlike strconv.ParseFloat it
// refuses "-Inf", "NaN", hexadecimal and underscores, which a spreadsheet does not
// read as numbers.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// utf8BOM starts every CSV the site writes: Excel reads a CSV without it in the
// system's code page, GBK on Chinese Windows, and shows UTF-8 Chinese as mojibake.
const utf8BOM = "\uFEFF"

// column is a column of a dataset file, as its data dictionary describes it.
type column struct {
	key   string // the header, in English: stable, for programs
	zh    string // the Chinese name, for readers
	about string // what it holds, in Chinese
}

func columnKeys(cs []column) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.key
	}
	return out
}

// figureColumns are the columns of the long CSV (one figure a row) and of the
// Parquet files. New columns go at the end, so that scripts reading columns by
// position keep working.
var figureColumns = []column{
	{"agency", "机关名称", "报告机关的名称"},
	{"agency_slug", "机关标识", "本站网址中的机关标识：/agency/<agency_slug>/"},
	{"year", "统计年度", "报告统计的年度（不是发布年份）"},
	{"table", "部分", "数字所在的部分，如 requests、proactive、review"},
	{"row", "行", "部分中的行，如 granted；分类数字为分类名称；没有行时为空"},
	{"column", "列", "列，如 natural_person、total、count"},
	{"value", "数值", "报告给出的数字；报告没有给出的数字不出现（不是0）"},
	{"approx", "约数", "1：报告写的是约数（“13000余条”“1546多条”），value 是其中的数字，不是确数；0：确数"},
	{"template", "模板", "报告所用的国家模板：2008、2019 或 2021"},
	{"division_code", "行政区划代码", "机关所在最低一级已知行政区划的 GB/T 2260 代码；未知时为空"},
}

// summaryColumns are the columns of the summary CSV, one report a row: who and
// when, the summary figures that compare reports across templates
// (schema.SummaryFigures), for those of them that may be approximate in one of
// templates (nil: the national ones) whether they are, the derived rates
// (schema.RateFigures) with their counts, and the report's checks.
func summaryColumns(templates *schema.Set) []column {
	cs := []column{
		{"agency", "机关名称", "报告机关的名称"},
		{"agency_slug", "机关标识", "本站网址中的机关标识：/agency/<agency_slug>/"},
		{"division_code", "行政区划代码", "机关所在最低一级已知行政区划的 GB/T 2260 代码"},
		{"province", "省", "机关所在省级行政区"},
		{"city", "市", "机关所在地级行政区；省级机关为空"},
		{"county", "县", "机关所在县级行政区；县级以上机关为空"},
		{"year", "统计年度", "报告统计的年度"},
		{"template", "模板", "2008、2019 或 2021"},
		{"published", "发布日期", "报告所署日期，YYYY-MM-DD；报告未署时为空"},
		{"reviewed", "已人工核对", "1：记录经人工核对；0：自动提取"},
		{"source_url", "原报告网址", "报告发布的网址；未知时为空"},
	}
	for _, sf := range schema.SummaryFigures {
		cs = append(cs, column{sf.Key, sf.Label, "汇总数字：" + sf.Label + "；报告没有给出时为空"})
	}
	for _, key := range approxSummaryKeys(templates) {
		cs = append(cs, column{key + "_approx", schema.SummaryLabel(key) + "（约数）", "1：" + key + " 含报告写明的约数（“余”“多”），不是确数；0：确数"})
	}
	for _, rf := range schema.RateFigures {
		cs = append(cs,
			column{rf.Key + "_rate", rf.Label, rf.Formula + "，小数（0.25 即 25%）；分母为0或缺数字时为空"},
			column{rf.Key + "_num", rf.Label + "分子", rf.Label + "的分子"},
			column{rf.Key + "_den", rf.Label + "分母", rf.Label + "的分母（" + rf.Base + "）；不足" + strconv.Itoa(record.MinRateBase) + "时比率样本较小"})
	}
	return append(cs,
		column{"check_errors", "核对错误数", "核对发现的错误（如勾稽关系不符）的条数"},
		column{"check_warnings", "核对提示数", "核对发现的提示（如数字不合常理）的条数"},
		column{"check_rules", "核对规则", "发现不符的核对规则，以空格分隔，如 proactive.categories_sum"})
}

// approxSummaryKeys are the summary figures that some template sums from a figure
// that may be approximate ("13000余条"), in the order of schema.SummaryFigures.
func approxSummaryKeys(templates *schema.Set) []string {
	if templates == nil {
		templates = schema.National()
	}
	var out []string
	for _, sf := range schema.SummaryFigures {
	templates:
		for _, t := range templates.Templates() {
			for _, p := range t.Summary[sf.Key] {
				if f, ok := t.Field(p); ok && f.Approx != "" {
					out = append(out, sf.Key)
					break templates
				}
			}
		}
	}
	return out
}

// writeSummaryRow appends a report's summary row, with the columns cs, to buf as a
// CSV line, its cells as they are (csvWriter neutralises them when the file is
// written).
func writeSummaryRow(buf *bytes.Buffer, cs []column, rr reportRows) error {
	e := rr.entry
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	row := make([]string, 0, len(cs))
	row = append(row, e.name, e.slug, e.code, e.province, e.city, e.county, strconv.Itoa(e.year), e.template,
		e.published, flag(e.reviewed), rr.sourceURL)
	for _, sf := range schema.SummaryFigures {
		if v := e.sum.Get(sf.Key); v != nil {
			row = append(row, strconv.FormatInt(*v, 10))
		} else {
			row = append(row, "")
		}
	}
	for _, c := range cs[len(row):] {
		key, ok := strings.CutSuffix(c.key, "_approx")
		if !ok {
			break
		}
		row = append(row, flag(e.sum.Approx(key)))
	}
	for _, rf := range schema.RateFigures {
		if rt, ok := e.sum.Rate(rf.Key); ok {
			row = append(row, strconv.FormatFloat(rt.Value(), 'f', 4, 64), strconv.FormatInt(rt.Num, 10), strconv.FormatInt(rt.Den, 10))
		} else {
			row = append(row, "", "", "")
		}
	}
	var errs, warnings int
	var rules []string
	for _, c := range rr.checks {
		if c.Severity == checkError {
			errs++
		} else {
			warnings++
		}
		if !slices.Contains(rules, c.Rule) {
			rules = append(rules, c.Rule)
		}
	}
	row = append(row, strconv.Itoa(errs), strconv.Itoa(warnings), strings.Join(rules, " "))
	if len(row) != len(cs) {
		return fmt.Errorf("%s: a summary row of %d cells for %d columns", e.path, len(row), len(cs))
	}
	w := csv.NewWriter(buf)
	w.Write(row)
	w.Flush()
	return w.Error()
}
