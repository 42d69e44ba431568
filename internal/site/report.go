package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// keyFiguresOf are a report's summary figures, each linked to its source line where
// it is one figure of the record.
func keyFiguresOf(r *record.Record, sum record.Summary) []Figure {
	var out []Figure
	for _, spec := range schema.SummaryFigures {
		v := sum.Get(spec.Key)
		if v == nil {
			continue
		}
		f := Figure{Label: spec.Label, Value: charts.FormatInt(*v), Line: r.Provenance[summaryPath(r, spec.Key)].Line}
		if sum.Approx(spec.Key) {
			f.Value += "余"
		}
		out = append(out, f)
	}
	return out
}

// withPrevious adds to a report's key figures (keyFiguresOf its summary sum) the
// figures of the agency's report of the year before, prev, and the change from
// them (written in the page's words, figureChange.text), where both give the figure.
func withPrevious(key []Figure, sum, prev record.Summary) []Figure {
	out := slices.Clone(key)
	i := 0
	for _, spec := range schema.SummaryFigures {
		v := sum.Get(spec.Key)
		if v == nil {
			continue
		}
		if i >= len(out) || out[i].Label != spec.Label {
			return key // not the figures keyFiguresOf made: leave them as they are
		}
		if p := prev.Get(spec.Key); p != nil {
			f := &out[i]
			f.Prev = charts.FormatInt(*p)
			if prev.Approx(spec.Key) {
				f.Prev += "余"
			}
			f.Change = figureChange{set: true, delta: *v - *p, about: sum.Approx(spec.Key) || prev.Approx(spec.Key)}
			if d := f.Change.delta; d != 0 && *p > 0 {
				f.Change.pct = strconv.FormatFloat(float64(d)*100/float64(*p), 'f', 1, 64)
				if d > 0 {
					f.Change.pct = "+" + f.Change.pct
				}
			}
		}
		i++
	}
	return out
}

// figureChange is a key figure's change from the year before: the difference, its
// percentage of the year before's figure ("" when that is 0) and whether either
// year's figure is approximate.
type figureChange struct {
	set   bool
	delta int64
	pct   string
	about bool
}

// text is the change in w's words: "+219（+7.6%）", "持平", "约-3", "约持平".
func (c figureChange) text(w words) string {
	if !c.set {
		return ""
	}
	s := w.T("figure_same")
	if c.delta != 0 {
		s = charts.FormatInt(c.delta)
		if c.delta > 0 {
			s = "+" + s
		}
		if c.pct != "" {
			s += w.T("paren", c.pct+"%")
		}
	}
	if c.about {
		s = w.T("figure_about", s)
	}
	return s
}

// reportPage builds the front matter of one report page.
func reportPage(e *entry) ReportPage {
	return ReportPage{
		Page: Page{
			Title:       e.title,
			View:        "report",
			Description: fmt.Sprintf("%s%d年度政府信息公开工作年度报告的数据、表格和图表。", e.name, e.year),
		},
		Agency: e.name,
		Year:   e.year,
		Body:   fragmentPath(reportURL(e.slug, e.year)),
		Charts: e.charts,
	}
}

// reportBodyOf builds the body of a report page from its record; prev is the
// agency's record of the year before, or nil, and reuse how much of r's narrative
// repeats prev's (record.TextReuse); before and after are the agency's reports
// before and after this one, or nil.
func reportBodyOf(s *scope, e *entry, r, prev *record.Record, reuse record.Reuse, before, after *entry) reportBody {
	from := reportURL(e.slug, e.year)
	prov := r.Provenance
	b := reportBody{Key: e.key, Original: e.originalName, Title: e.title, Year: e.year,
		TemplateLabel: e.templateLabel, Published: e.published, Reviewed: e.reviewed,
		Agency: Link{Name: e.name, URL: href(from, agencyURL(e.slug))}}
	// The crumbs: home, the agency's regions, the agency.
	b.Crumbs = []Link{{Name: "首页", URL: href(from, s.national(""))}}
	for _, pl := range placesOf(e) {
		b.Crumbs = append(b.Crumbs, Link{Name: pl.name, URL: href(from, s.region(pl.code))})
	}
	b.Crumbs = append(b.Crumbs, b.Agency)
	if before != nil {
		b.Prev = &Link{Name: strconv.Itoa(before.year) + "年度", URL: href(from, reportURL(before.slug, before.year))}
	}
	if after != nil {
		b.Next = &Link{Name: strconv.Itoa(after.year) + "年度", URL: href(from, reportURL(after.slug, after.year))}
	}
	if src := r.Source; src != nil {
		b.SourceURL = safeOutboundURL(src.URL)
		b.Format = src.Format
		b.SHA256 = src.SHA256
	}
	b.chartFigures = charts.ReportFiguresOf(r) // summed once, for the charts in both languages
	b.Charts = inline(chartsOf(charts.ReportCompactOf(r, b.chartFigures, charts.Chinese)))
	var has []bool // which of its template's tables the record gives figures of
	if t := r.Template(); t != nil {
		has = tablesWithFigures(r, t)
	}
	grids := reportTables(r, has)
	b.TextTables = len(grids) > 0 && allTextTables(r, has)
	if prev != nil && reuse.Compared > 0 {
		b.Reuse = &reuseView{Percent: strconv.FormatFloat(reuse.Share*100, 'f', 0, 64) + "%", Year: prev.Report.Year, Passages: len(reuse.Passages)}
	}
	if n := r.Narrative; n != nil {
		for _, part := range []struct {
			key, h string
			t      record.Text
		}{{"overview", "总体情况", n.Overview}, {"problems_and_improvements", "存在的主要问题及改进情况", n.ProblemsAndImprovements}, {"other_matters", "其他需要报告的事项", n.OtherMatters}} {
			if strings.TrimSpace(string(part.t)) != "" {
				b.Narrative = append(b.Narrative, Section{Heading: part.h, Paragraphs: markedParagraphs(string(part.t), part.key, reuse.Passages)})
			}
		}
	}
	// The year before's summary: its entry's, when it is the report before.
	var prevSum *record.Summary
	if prev != nil {
		s := record.Summary{}
		if before != nil && before.year == e.year-1 {
			s = before.sum
		} else {
			s = record.Summarize(prev)
		}
		prevSum = &s
		b.Key = withPrevious(e.key, e.sum, s)
	}
	b.Rates = ratesOf(e.sum, prevSum)
	b.ChecksURL = href(from, s.national("checks/"))
	// Each check names the figures it concerns, as printed, next to its message.
	for _, c := range record.ChecksReusing(prev, r, reuse) {
		sev := checkWarning
		if c.Severity == record.SeverityError {
			sev = checkError
		}
		fm := CheckFM{Severity: sev, Rule: c.Rule, Message: c.Message, Key: c.Key}
		for _, p := range c.Paths {
			fm.Figures = append(fm.Figures, concernedFigure(r, p))
		}
		b.Checks = append(b.Checks, fm)
		markCells(grids, c)
	}
	b.Tables = gridsHTML(grids, tableWords{})
	b.grids = grids // for the page in English, which has the same cells (englishReport)
	keys := make([]string, 0, len(prov))
	for k := range prov {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(prov[a].Line, prov[b].Line), cmp.Compare(a, b))
	})
	for _, k := range keys {
		v, _ := figureValue(r, k)
		b.Provenance = append(b.Provenance, ProvFM{Key: k, Value: v, Line: prov[k].Line, Text: prov[k].Text})
	}
	if e.textPath != "" {
		b.Text = "text.txt"
	}
	b.Downloads = []Link{{Name: "本记录 TOML", URL: "record.toml"}}
	for _, f := range datasetFormats {
		b.Downloads = append(b.Downloads, Link{Name: f.label, URL: href(from, partitionFile(e.year, e.shard, f.ext)),
			Note: fmt.Sprintf("%s %d年度全部记录，含本记录", provinceLabel(e), e.year)})
	}
	return b
}

// How a report page names a check's severity.
const (
	checkError   = "错误"
	checkWarning = "提示"
)

// ratesOf is a report's derived rates (实质公开率 …) and, when the summary of the
// agency's report of the year before is known (prev), the changes from it, each
// with its counts.
func ratesOf(sum record.Summary, prev *record.Summary) []rateView {
	var out []rateView
	for _, rt := range sum.Rates() {
		out = append(out, rateView{Label: rt.Label, Percent: rt.Percent(), Small: rt.Small,
			Counts: charts.FormatInt(rt.Num) + " / " + charts.FormatInt(rt.Den)})
	}
	if prev != nil {
		for _, rt := range record.Changes(*prev, sum) {
			diff := charts.FormatInt(rt.Num)
			if rt.Num > 0 {
				diff = "+" + diff
			}
			out = append(out, rateView{Label: rt.Label, Percent: rt.Percent(), Small: rt.Small,
				Diff: diff, Before: charts.FormatInt(rt.Den)})
		}
	}
	return out
}

// markCells marks the cells of the report's tables that a check concerns, with the
// check's message as their title.
func markCells(grids []Grid, c record.Check) {
	if len(c.Paths) == 0 {
		return
	}
	for _, g := range grids {
		for _, row := range g.Body {
			for i := range row {
				if row[i].Key != "" && slices.Contains(c.Paths, row[i].Key) && row[i].Flag == "" {
					row[i].Flag = c.Message
				}
			}
		}
	}
}

// maxConcernedItems is how many items of a list a check's line names.
const maxConcernedItems = 8

// concernedFigure names a figure a check concerns: its label in the template's
// words and its value as printed ("办理总计 3,050"), or "未给出" when the report does
// not give it; for every item of a list ("proactive.categories[*].count"), the
// items as printed ("分项：政务动态 1,200、…").
func concernedFigure(r *record.Record, path string) string {
	if base, _, isList := strings.Cut(path, "[*]"); isList {
		items := r.List(base)
		if len(items) == 0 {
			return "分项 未给出"
		}
		var parts []string
		for i, c := range items {
			if i == maxConcernedItems {
				parts = append(parts, fmt.Sprintf("等%d项", len(items)))
				break
			}
			parts = append(parts, c.Name+" "+charts.FormatInt(c.Count))
		}
		return "分项：" + strings.Join(parts, "、")
	}
	t := r.Template()
	label := path
	if t != nil {
		if f, ok := t.Field(path); ok && f.Label != "" {
			label = f.Label
		}
	}
	if v, ok := figureValue(r, path); ok {
		return label + " " + v
	}
	return label + " 未给出"
}

// figureValue is the figure at path (a figure's, or a list item's count,
// "proactive.categories[2].count") as printed, as record.Figures and formatFigure
// give it; ok is false when the record does not give it.
func figureValue(r *record.Record, path string) (string, bool) {
	if v, ok := r.Get(path); ok {
		if v.Kind == schema.Flag {
			return "", false
		}
		return formatFigure(record.Figure{Value: v.Float(), IsInt: v.IsInt()}), true
	}
	base, rest, ok := strings.Cut(path, "[")
	if !ok {
		return "", false
	}
	index, ok := strings.CutSuffix(rest, "].count")
	i, err := strconv.Atoi(index)
	items := r.List(base)
	if !ok || err != nil || i < 0 || i >= len(items) || strconv.Itoa(i) != index {
		return "", false
	}
	return charts.FormatInt(items[i].Count), true
}

// allTextTables reports whether every table of the record's template that it fills
// (has, tablesWithFigures of the record) holds figures the report states in its
// text (a template without fixed tables).
func allTextTables(r *record.Record, has []bool) bool {
	t := r.Template()
	if t == nil {
		return false
	}
	for i := range t.Tables {
		if !t.Tables[i].Text && has[i] {
			return false
		}
	}
	return true
}

// provinceLabel names the province of an entry's shard for a download link.
func provinceLabel(e *entry) string {
	if e.shard == noProvince {
		return "未注明地区的机关"
	}
	if e.province != "" && validCode(e.code) && e.code[:2]+"0000" == e.shard {
		return e.province
	}
	return e.shard
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// templateLabel names a record's template for readers.
func templateLabel(r *record.Record) string {
	if t := r.Template(); t != nil {
		return t.Label()
	}
	return r.Report.Template
}

// summaryPath is the record key a summary figure comes from, where it is one key
// the record gives, for its provenance line.
func summaryPath(r *record.Record, key string) string {
	t := r.Template()
	if t == nil {
		return ""
	}
	var found string
	for _, p := range t.Summary[key] {
		if r.Has(p) {
			if found != "" {
				return "" // a sum of several figures has no one line
			}
			found = p
		}
	}
	return found
}

// markedParagraphs splits a narrative field's text into its paragraphs (its
// non-blank lines, trimmed), each a run of spans: the sentences that repeat the
// year before's report (passages of the field named key) marked. A line that ends
// mid-sentence (joinsNext) goes on in the next line's paragraph, joined with no
// space: a line break of Chinese text is no space.
func markedParagraphs(s, key string, passages []record.Passage) [][]Span {
	var out [][]Span
	off := 0
	joins := false // the previous line ends mid-sentence
	for _, line := range strings.SplitAfter(s, "\n") {
		start, end := off, off+len(line)
		off = end
		for start < end && isSpace(s[start]) {
			start++
		}
		for end > start && isSpace(s[end-1]) {
			end--
		}
		if start == end {
			continue
		}
		var para []Span
		at := start
		for _, p := range passages {
			if p.Field != key || p.End <= at || p.Start >= end {
				continue
			}
			from, to := max(p.Start, at), min(p.End, end)
			if from > at {
				para = append(para, Span{Text: s[at:from]})
			}
			para = append(para, Span{Text: s[from:to], Repeated: true})
			at = to
		}
		if at < end {
			para = append(para, Span{Text: s[at:end]})
		}
		if joins && len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], para...)
		} else {
			out = append(out, para)
		}
		joins = joinsNext(s[start:end])
	}
	return out
}

// joinsNext reports whether a line of a narrative ends mid-sentence, so that the
// next line goes on in its paragraph: it ends with a mark no sentence, heading or
// list item ends with (a comma, an enumeration comma, an opening quote or
// bracket). A line that ends with a character may be a heading, and stays a
// paragraph of its own.
func joinsNext(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune("，、“‘《（〔【", r)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// safeOutboundURL returns u when it is an http(s) address, else "": a record's URL
// becomes a link, and only web addresses may.
func safeOutboundURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}

func formatFigure(f record.Figure) string {
	if f.IsInt {
		return charts.FormatInt(int64(f.Value))
	}
	return formatAmount(f.Value)
}

func formatAmount(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return s
	}
	out := charts.FormatInt(n)
	if frac != "" {
		out += "." + frac
	}
	return out
}
