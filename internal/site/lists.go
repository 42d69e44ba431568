package site

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/charts"
	"github.com/nianbao/nianbao/internal/record"
)

// listRows is the most rows one page of a list shows: a longer list continues on
// …/page/2/ and so on, so a page stays light however many reports a year or a region
// has. The browser sorts the page it shows (static/js/site.js); the whole list in any
// order is the dataset's.
const listRows = 100

// listColumns are the summary figures a table of reports shows, after the agency.
var listColumns = []struct{ key, label string }{
	{"proactive", "主动公开"}, {"received", "收到申请"}, {"granted", "予以公开"},
	{"denied", "不予公开"}, {"reviews", "行政复议"}, {"lawsuits", "行政诉讼"},
}

// figureCells are the cells of a report's (or a sum's) summary figures.
func figureCells(sum record.Summary) []LinkCell {
	var out []LinkCell
	for _, c := range listColumns {
		v := sum.Get(c.key)
		out = append(out, LinkCell{Text: charts.Format(v), Value: v})
	}
	return out
}

// reportTable is the table of reports of a list, in l's language: by agency, then
// latest year first. withYear adds the year column (region lists span years).
func reportTable(l listLang, caption string, es []*entry, withYear bool) SortTable {
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b *entry) int {
		return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(b.year, a.year), cmp.Compare(a.slug, b.slug))
	})
	t := SortTable{Caption: caption, Total: len(sorted)}
	t.Columns = append(t.Columns, SortCol{Label: l.w.T("l_col_agency"), Current: true})
	if withYear {
		t.Columns = append(t.Columns, SortCol{Label: l.w.T("l_col_year"), Num: true})
	}
	t.Columns = append(t.Columns, listColumnsIn(l)...)
	for _, e := range sorted {
		row := []LinkCell{{Text: e.name, URL: l.agency(e)}}
		if withYear {
			y := int64(e.year)
			row = append(row, LinkCell{Text: strconv.Itoa(e.year), URL: l.report(e), Value: &y})
		} else {
			row[0].URL = l.report(e)
		}
		t.Rows = append(t.Rows, append(row, figureCells(e.sum)...))
	}
	return t
}

// listColumnsIn are the columns of listColumns in l's words.
func listColumnsIn(l listLang) []SortCol {
	var out []SortCol
	for _, c := range listColumns {
		out = append(out, SortCol{Label: l.columnLabel(c.key, c.label), Num: true})
	}
	return out
}

// listBodyIn is a list page's body in a language: its words, and on a page of a
// language other than the default, where its charts are (the zh-cn page: the
// charts' captions are Chinese).
type listBodyIn struct {
	listBody
	W        words
	ChartsAt string
}

// writeList writes a list page in l's language and, when its table is longer than
// listRows, the further pages of the table (…/page/N/), each with links to the
// others. Only the first page has the key figures, links and charts. base is the
// list's default-language address; the page's links (lp, t) are already l's.
func writeList(p *project, l listLang, base string, lp ListPage, cs []chartView, heading string, t SortTable) error {
	return writeListWith(p, l, base, lp, cs, heading, t, nil)
}

// writeListWith is writeList with bar, when not nil, writing the links above the
// table of the page at url (the agency index's letters).
func writeListWith(p *project, l listLang, base string, lp ListPage, cs []chartView, heading string, t SortTable, bar func(url string) template.HTML) error {
	pages := max(1, (len(t.Rows)+listRows-1)/listRows)
	for n := 1; n <= pages; n++ {
		url := l.page(pageURL(base, n))
		page := lp
		body := listBodyIn{listBody: listBody{TableHeading: heading}, W: l.w}
		if bar != nil {
			body.Bar = bar(url)
		}
		rel := l.content("content/"+pageURL(base, n)+"_index", ".md")
		if n == 1 {
			if l.pre == "" {
				body.Charts = cs
			} else if len(cs) > 0 {
				body.ChartsAt = href(url, base)
			}
		} else {
			page.Title = l.w.T("l_page_title", lp.Title, n)
			page.Crumbs = append(slices.Clone(lp.Crumbs), Link{Name: lp.Title, URL: l.page(base)})
			page.Intro, page.Key, page.Links, page.Prev, page.Next = "", nil, nil, nil, nil
			rel = l.content("content/"+pageURL(base, n)+"index", ".md")
		}
		page.Crumbs = relLinks(url, slices.Clone(page.Crumbs))
		page.Links = relLinks(url, slices.Clone(page.Links))
		if page.Prev != nil {
			page.Prev = relLink(url, &Link{Name: page.Prev.Name, URL: page.Prev.URL})
		}
		if page.Next != nil {
			page.Next = relLink(url, &Link{Name: page.Next.Name, URL: page.Next.URL})
		}
		if len(t.Rows) > 0 || len(t.Columns) > 0 {
			pt := t
			pt.Rows = t.Rows[(n-1)*listRows : min(n*listRows, len(t.Rows))]
			body.Table, body.Pager = listHTML(url, l.page(base), pt, n, pages)
			body.Table, body.Pager = l.translateTable(body.Table), l.translatePager(body.Pager)
		}
		if len(body.Charts) > 0 || body.ChartsAt != "" || body.Table != "" {
			html, err := renderBody("list", body)
			if err != nil {
				return err
			}
			if err := p.write(fragmentPath(url), html); err != nil {
				return err
			}
			page.Body = fragmentPath(url)
			page.Charts = len(body.Charts) > 0
		}
		if err := p.page(rel, page); err != nil {
			return err
		}
	}
	return nil
}

// agencyBodyIn is an agency page's body in a language (see listBodyIn).
type agencyBodyIn struct {
	agencyBody
	W        words
	ChartsAt string
}

// agencyPage builds /agency/<slug>/ (in l's language) and its body: all the
// agency's years, with trend charts.
func agencyPage(d *dataset, l listLang, slug string) (AgencyPage, agencyBodyIn) {
	es := d.bySlug[slug]
	last := es[len(es)-1]
	url := l.page(agencyURL(slug))
	p := AgencyPage{
		Page: Page{Title: last.name, View: "agency",
			Description: agencyDescription(l.w, last.name, es[0].year, last.year)},
		Body: fragmentPath(url),
	}
	region := nonNil(d.regionTrail(last, l.s))
	for i := range region {
		region[i].URL = l.page(region[i].URL)
	}
	crumbs := relLinks(url, append([]Link{{Name: l.w.T("crumb_home"), URL: l.national("")}}, region...))
	region = relLinks(url, slices.Clone(region))
	t := SortTable{Caption: l.w.T("l_agency_reports"), Total: len(es)}
	t.Columns = append(t.Columns, SortCol{Label: l.w.T("l_col_year"), Num: true, Current: true, Descending: true}, SortCol{Label: l.w.T("l_col_template")})
	t.Columns = append(t.Columns, listColumnsIn(l)...)
	var years []int
	var sums []record.Summary
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		y := int64(e.year)
		tl := e.templateLabel
		if l.pre != "" {
			tl = l.w.T("r_template_name", e.template)
		}
		row := []LinkCell{{Text: l.w.T("l_year_name", e.year), URL: l.report(e), Value: &y}, {Text: tl}}
		t.Rows = append(t.Rows, append(row, figureCells(e.sum)...))
	}
	for _, e := range es {
		years = append(years, e.year)
		sums = append(sums, e.sum)
	}
	var w htmlWriter
	writeListTable(&w, url, t)
	b := agencyBodyIn{agencyBody: agencyBody{Crumbs: crumbs, Title: p.Title, Region: region, Description: p.Description,
		Table:       l.translateTable(w.html()),
		Methodology: href(url, l.national("methodology/")), Compare: href(url, l.national("compare/?agencies="+slug))}, W: l.w}
	cs := chartsOf(charts.TrendCompact("chart-trend", "历年", years, sums))
	if l.pre == "" {
		b.Charts = cs
	} else if len(cs) > 0 {
		b.ChartsAt = href(url, agencyURL(slug))
	}
	p.Charts = len(b.Charts) > 0
	return p, b
}

func writeAgencies(p *project, d *dataset, s *scope) error {
	// A build writes the agency pages from shells (shell.go), after the render; a
	// generated project has a content page each.
	shelled := map[string]int{} // by slug, the page's index in p.shelled
	for li, l := range p.listLangs(s) {
		if !s.hub {
			for _, slug := range d.agencies {
				page, body := agencyPage(d, l, slug)
				html, err := renderBody("agency", body)
				if err != nil {
					return err
				}
				if err := p.write(page.Body, html); err != nil {
					return err
				}
				if p.mem == nil {
					if err := p.page(l.content("content/"+agencyURL(slug)+"_index", ".md"), page); err != nil {
						return err
					}
					continue
				}
				i, ok := shelled[slug]
				if !ok {
					i = len(p.shelled)
					shelled[slug] = i
					p.shelled = append(p.shelled, shelledPage{view: "agency", url: agencyURL(slug)})
				}
				pg := &p.shelled[i]
				pg.title[li], pg.desc[li], pg.charts[li] = page.Title, page.Description, page.Charts
			}
		}
		if err := writeAgencyIndex(p, d, l); err != nil {
			return err
		}
	}
	if err := writeSearch(p, d, s); err != nil {
		return err
	}
	return writeCompare(p, d, s)
}

// writeAgencyIndex writes the agency index: every agency by the pinyin of its name,
// with a bar of letters (A–Z) linking to the first agency of each, and again by
// region (agency/by-region/), with a bar of provinces; the same as JSON
// (agency/index.json), and the search index (writeSearch).
func writeAgencyIndex(p *project, d *dataset, l listLang) error {
	s := l.zh
	title, desc, rdesc := l.w.T("l_agencies"), l.w.T("l_agencies_desc"), l.w.T("l_agencies_desc_region")
	if s.shard != "" {
		name := shardName(d, s.shard)
		title, desc, rdesc = l.w.T("l_shard_agencies", name), l.w.T("l_shard_agencies_desc", name), l.w.T("l_shard_agencies_desc_region", name)
	}
	idx := ListPage{Page: Page{Title: title, View: "list", Description: desc,
		Crumbs: []Link{{Name: l.w.T("crumb_home"), URL: l.national("")}}}}
	type found struct {
		Name    string `json:"name"`
		URL     string `json:"url"`
		Region  string `json:"region,omitempty"`
		Reports int    `json:"reports"`
		From    int    `json:"from"`
		To      int    `json:"to"`
	}
	type row struct {
		cells      []LinkCell
		key        string   // the name's pinyin (speller.sortKey)
		letter     string   // A–Z or #
		province   string   // code, "" for none
		regionPath []string // province, city, county codes
		slug       string
	}
	sp := newSpeller()
	var search []found
	var rows []row
	for _, slug := range d.agencies {
		es := d.bySlug[slug]
		last := es[len(es)-1]
		n := int64(len(es))
		region := ""
		rs := d.regionsOf(last)
		var path []string
		for _, rg := range rs {
			path = append(path, rg.code)
		}
		if len(rs) > 0 {
			region = rs[len(rs)-1].name
		}
		r := row{key: sp.sortKey(last.name), letter: sp.letter(last.name), regionPath: path, slug: slug}
		if len(path) > 0 {
			r.province = path[0]
		}
		r.cells = []LinkCell{{Text: last.name, URL: l.agency(last)}, {Text: region},
			{Text: l.w.T("l_reports_n", len(es)), Value: &n}, {Text: fmt.Sprintf("%d—%d", es[0].year, last.year)}}
		rows = append(rows, r)
		search = append(search, found{Name: last.name, URL: s.agency(last), Region: region, Reports: len(es), From: es[0].year, To: last.year})
	}
	byName := func(a, b row) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.cells[0].Text, b.cells[0].Text), cmp.Compare(a.slug, b.slug))
	}
	slices.SortStableFunc(search, func(a, b found) int { return cmp.Compare(a.Name, b.Name) })

	// By pinyin; the first row of each letter is its anchor.
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(letterOrder(a.letter), letterOrder(b.letter)), byName(a, b))
	})
	columns := []SortCol{{Label: l.w.T("l_col_agency"), Current: true}, {Label: l.w.T("l_col_region")}, {Label: l.w.T("l_col_reports"), Num: true}, {Label: l.w.T("l_col_years")}}
	t := SortTable{Caption: l.w.T("l_agencies_by_name"), Total: len(rows), Columns: columns}
	letterPage := map[string]int{}
	for i, r := range rows {
		cells := slices.Clone(r.cells)
		if _, ok := letterPage[r.letter]; !ok {
			letterPage[r.letter] = i/listRows + 1
			cells[0].ID = letterAnchor(r.letter)
		}
		t.Rows = append(t.Rows, cells)
	}
	const base, byRegionBase = "agency/", "agency/by-region/"
	idx.Links = []Link{{Name: l.w.T("l_by_region"), URL: l.page(byRegionBase)}}
	idx.LinksHeading = l.w.T("l_other_orders")
	letterBar := func(url string) template.HTML {
		var w htmlWriter
		w.raw(`<nav class="letter-bar"`)
		w.attr("aria-label", l.w.T("l_letter_bar"))
		w.raw(`><ul>`)
		for _, letter := range append(strings.Split("ABCDEFGHIJKLMNOPQRSTUVWXYZ", ""), "#") {
			n, ok := letterPage[letter]
			if !ok {
				w.raw(`<li><span aria-disabled="true">` + letter + `</span></li>`)
				continue
			}
			w.raw("<li><a")
			w.attr("href", href(url, l.page(pageURL(base, n)))+"#"+letterAnchor(letter))
			w.raw(">" + letter + "</a></li>")
		}
		w.raw("</ul></nav>\n")
		return w.html()
	}
	if err := writeListWith(p, l, base, idx, nil, l.w.T("l_agencies_heading"), t, letterBar); err != nil {
		return err
	}

	// By region: province, city, county (by code), then by pinyin; agencies with no
	// region last. The first row of each province is its anchor.
	slices.SortStableFunc(rows, func(a, b row) int {
		if (len(a.regionPath) == 0) != (len(b.regionPath) == 0) {
			return cmp.Compare(len(b.regionPath), len(a.regionPath))
		}
		return cmp.Or(slices.Compare(a.regionPath, b.regionPath), byName(a, b))
	})
	rt := SortTable{Caption: l.w.T("l_agencies_by_region"), Total: len(rows), Columns: columns}
	provPage := map[string]int{}
	var provs []string
	for i, r := range rows {
		cells := slices.Clone(r.cells)
		if _, ok := provPage[r.province]; !ok {
			provPage[r.province] = i/listRows + 1
			provs = append(provs, r.province)
			cells[0].ID = "region-" + cmp.Or(r.province, noProvince)
		}
		rt.Rows = append(rt.Rows, cells)
	}
	ridx := idx
	ridx.Title = l.w.T("l_by_region_title", title)
	ridx.Description = rdesc
	ridx.Crumbs = append(slices.Clone(idx.Crumbs), Link{Name: title, URL: l.page(base)})
	ridx.Links = []Link{{Name: l.w.T("l_by_name"), URL: l.page(base)}}
	provinceBar := func(url string) template.HTML {
		var w htmlWriter
		w.raw(`<nav class="letter-bar region-bar"`)
		w.attr("aria-label", l.w.T("l_province_bar"))
		w.raw(`><ul>`)
		for _, c := range provs {
			name := l.w.T("l_no_region")
			if c != "" {
				name = d.regions[c].name
			}
			w.raw("<li><a")
			w.attr("href", href(url, l.page(pageURL(byRegionBase, provPage[c])))+"#region-"+cmp.Or(c, noProvince))
			w.raw(">")
			w.escape(name)
			w.raw("</a></li>")
		}
		w.raw("</ul></nav>\n")
		return w.html()
	}
	if err := writeListWith(p, l, byRegionBase, ridx, nil, l.w.T("l_agencies_heading"), rt, provinceBar); err != nil {
		return err
	}

	if l.pre != "" {
		return nil
	}
	js, err := json.Marshal(map[string]any{"agencies": nonNil(search)})
	if err != nil {
		return err
	}
	return p.write("static/agency/index.json", append(js, '\n'))
}

// letterOrder puts "#" (names that start with no letter) after Z.
func letterOrder(l string) string {
	if l == "#" {
		return "~"
	}
	return l
}

// letterAnchor is the id of the agency index's first row of a letter.
func letterAnchor(l string) string {
	if l == "#" {
		return "letter-other"
	}
	return "letter-" + strings.ToLower(l)
}

// shardName names a shard's province.
func shardName(d *dataset, shard string) string {
	if rg, ok := d.regions[shard]; ok {
		return rg.name
	}
	if shard == noProvince {
		return "未注明地区"
	}
	return shard
}

func sortedRegions(d *dataset) (codes, provinces []string) {
	for c := range d.regions {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		if d.regions[c].level == 1 {
			provinces = append(provinces, c)
		}
	}
	return codes, provinces
}

func writeRegions(p *project, d *dataset, s *scope) error {
	for _, l := range p.listLangs(s) {
		if err := writeRegionsIn(p, d, l); err != nil {
			return err
		}
	}
	return nil
}

// nReports is "N reports" in l's words.
func nReports(l listLang, n int) string {
	if n == 1 {
		return l.w.T("l_n_reports_one", n)
	}
	return l.w.T("l_n_reports", n)
}

// levelKeys are the catalog's names of a region's level (1 province, 2 city, 3 county).
var levelKeys = [...]string{"", "l_level_1", "l_level_2", "l_level_3"}

// writeRegionsIn writes the region pages and the region index in l's language.
func writeRegionsIn(p *project, d *dataset, l listLang) error {
	s := l.zh
	codes, provinces := sortedRegions(d)
	for _, code := range codes {
		if s.hub {
			break
		}
		rg := d.regions[code]
		lp := ListPage{Page: Page{Title: rg.name, View: "list",
			Description: l.w.T("l_region_desc", rg.name, rg.code)}}
		lp.Crumbs = []Link{{Name: l.w.T("crumb_home"), URL: l.national("")}, {Name: l.w.T("l_regions"), URL: l.national("region/")}}
		for pc := rg.parent; pc != ""; pc = d.regions[pc].parent {
			lp.Crumbs = slices.Insert(lp.Crumbs, 2, Link{Name: d.regions[pc].name, URL: l.page(regionURL(pc))})
		}
		lp.Intro = l.w.T("l_region_intro", l.w.T(levelKeys[rg.level]), rg.code)
		lp.Key = keyFiguresIn(l.w, rg.entries)
		lp.LinksHeading = l.w.T("l_subregions")
		for _, c := range rg.children {
			lp.Links = append(lp.Links, Link{Name: d.regions[c].name, URL: l.page(regionURL(c)), Note: nReports(l, len(d.regions[c].entries))})
		}
		var cs []chartView
		cs = byYearCharts("chart-year", rg.name, rg.entries)
		if len(rg.children) > 1 {
			cs = append(cs, byRegionCharts("chart-children", rg.name+"下级地区", latestFirst(rg.entries), d, rg.children,
				func(code string) []*entry { return d.regions[code].entries })...)
		}
		if err := writeList(p, l, regionURL(code), lp, cs, l.w.T("l_reports"), reportTable(l, l.w.T("l_reports_of", rg.name), rg.entries, true)); err != nil {
			return err
		}
	}
	// The region index; a shard's lists its own province, the hub's every shard's.
	idx := ListPage{Page: Page{Title: l.w.T("l_regions"), View: "list", Description: l.w.T("l_regions_desc"),
		Crumbs: []Link{{Name: l.w.T("crumb_home"), URL: l.national("")}}}, LinksHeading: l.w.T("l_provinces")}
	if s.shard != "" {
		idx.Crumbs = append(idx.Crumbs, Link{Name: l.w.T("l_all_regions"), URL: l.national("region/")})
	}
	for _, c := range provinces {
		idx.Links = append(idx.Links, Link{Name: d.regions[c].name, URL: l.region(c), Note: nReports(l, len(d.regions[c].entries))})
	}
	var cs []chartView
	if len(provinces) > 1 {
		cs = byRegionCharts("chart-provinces", "各省", latestFirst(d.entries), d, provinces,
			func(code string) []*entry { return d.regions[code].entries })
	}
	return writeList(p, l, "region/", idx, cs, "", SortTable{})
}

func writeYears(p *project, d *dataset, s *scope) error {
	for _, l := range p.listLangs(s) {
		if err := writeYearsIn(p, d, l); err != nil {
			return err
		}
	}
	return nil
}

// scoped is the words of key, or of keyIn naming the shard's province when the
// build is a shard; args follow the province.
func scoped(l listLang, scopeName, key, keyIn string, args ...any) string {
	if scopeName == "" {
		return l.w.T(key, args...)
	}
	return l.w.T(keyIn, append([]any{scopeName}, args...)...)
}

// writeYearsIn writes the year pages and the year index in l's language.
func writeYearsIn(p *project, d *dataset, l listLang) error {
	s := l.zh
	byYear := map[int][]*entry{}
	for _, e := range d.entries {
		byYear[e.year] = append(byYear[e.year], e)
	}
	scopeName := ""
	if s.shard != "" {
		scopeName = shardName(d, s.shard)
	}
	yearsTitle := scoped(l, scopeName, "l_years", "l_years_in")
	idx := ListPage{Page: Page{Title: yearsTitle, View: "list", Description: l.w.T("l_years_desc"),
		Crumbs: []Link{{Name: l.w.T("crumb_home"), URL: l.national("")}}}, LinksHeading: l.w.T("l_col_year")}
	for i, y := range d.years {
		es := byYear[y]
		idx.Links = append(idx.Links, Link{Name: l.w.T("l_year_name", y), URL: l.page(yearURL(y)), Note: nReports(l, len(es))})
		lp := ListPage{Page: Page{Title: scoped(l, scopeName, "l_year_title", "l_year_title_in", y), View: "list",
			Description: scoped(l, scopeName, "l_year_desc", "l_year_desc_in", y),
			Crumbs:      []Link{{Name: l.w.T("crumb_home"), URL: l.national("")}, {Name: yearsTitle, URL: l.page("year/")}}}}
		lp.Key = keyFiguresIn(l.w, es)
		if i > 0 {
			lp.Prev = &Link{Name: l.w.T("l_year_name", d.years[i-1]), URL: l.page(yearURL(d.years[i-1]))}
		}
		if i+1 < len(d.years) {
			lp.Next = &Link{Name: l.w.T("l_year_name", d.years[i+1]), URL: l.page(yearURL(d.years[i+1]))}
		}
		byProvince := map[string][]*entry{}
		for _, e := range es {
			if rs := d.regionsOf(e); len(rs) > 0 {
				byProvince[rs[0].code] = append(byProvince[rs[0].code], e)
			}
		}
		provs := provincesOf(d, es)
		cs := byRegionCharts("chart-provinces", scopeName+"各省", []int{y}, d, provs,
			func(code string) []*entry { return byProvince[code] })
		var t SortTable
		heading := l.w.T("l_reports")
		if s.hub {
			// The hub lists the provinces, each linking to its shard's page of the year.
			heading = l.w.T("l_provinces_heading")
			t = provinceTable(d, l, y, provs, byProvince)
		} else {
			t = reportTable(l, scoped(l, scopeName, "l_year_reports", "l_year_reports_in", y), es, false)
		}
		if err := writeList(p, l, yearURL(y), lp, cs, heading, t); err != nil {
			return err
		}
	}
	allName := scopeName
	if allName == "" {
		allName = "全部机关"
	}
	return writeList(p, l, "year/", idx, byYearCharts("chart-year", allName, d.entries), "", SortTable{})
}

// provinceTable is the hub's table of a year: a row per province, linking to the
// year's page of the province's shard.
func provinceTable(d *dataset, l listLang, year int, provs []string, es map[string][]*entry) SortTable {
	t := SortTable{Caption: l.w.T("l_year_provinces", year), Total: len(provs)}
	t.Columns = []SortCol{{Label: l.w.T("l_col_province"), Current: true}, {Label: l.w.T("l_col_reports"), Num: true}}
	t.Columns = append(t.Columns, listColumnsIn(l)...)
	for _, c := range provs {
		var sum record.Summary
		for _, e := range es[c] {
			sum.Add(e.sum)
		}
		n := int64(len(es[c]))
		row := []LinkCell{{Text: d.regions[c].name, URL: l.in(c, yearURL(year))}, {Text: strconv.Itoa(len(es[c])), Value: &n}}
		t.Rows = append(t.Rows, append(row, figureCells(sum)...))
	}
	return t
}

func provincesOf(d *dataset, es []*entry) []string {
	set := map[string]bool{}
	for _, e := range es {
		if rs := d.regionsOf(e); len(rs) > 0 {
			set[rs[0].code] = true
		}
	}
	var out []string
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func writeHome(p *project, d *dataset, s *scope) error {
	for _, l := range p.listLangs(s) {
		if err := writeHomeIn(p, d, l); err != nil {
			return err
		}
	}
	return nil
}

// writeHomeIn writes the home page in w's language. Its charts (whose captions the
// charts package writes in Chinese) are on the default language's only.
func writeHomeIn(p *project, d *dataset, l listLang) error {
	s, w := l.zh, l.w
	h := HomePage{Page: Page{Title: w.T("home_title"), View: "home", Description: w.T("home_description")},
		Empty: len(d.entries) == 0}
	scopeName := w.T("scope_national")
	if s.shard != "" {
		scopeName = shardName(d, s.shard)
		h.Title = scopeName + " · " + w.T("site_short")
		h.Crumbs = []Link{{Name: w.T("crumb_home"), URL: s.national(langPrefix(w.lang))}}
		h.More = []Link{{Name: w.T("scope_agencies", scopeName), URL: l.page("agency/")}, {Name: w.T("scope_years", scopeName), URL: l.page("year/")}, {Name: w.T("scope_files", scopeName), URL: "data-files/"}}
	}
	h.Key = keyFiguresIn(w, d.entries)
	if len(d.years) > 0 {
		h.Key = append(h.Key, Figure{Label: w.T("key_years"), Value: fmt.Sprintf("%d—%d", d.years[0], d.years[len(d.years)-1])})
	}
	var cs []chartView
	if w.lang == langZH {
		cs = byYearCharts("chart-year", scopeName, d.entries)
		provs := provincesOf(d, d.entries)
		if len(provs) > 1 {
			cs = append(cs, byRegionCharts("chart-provinces", "各省", latestFirst(d.entries), d, provs,
				func(code string) []*entry { return d.regions[code].entries })...)
		}
	}
	latest := slices.Clone(d.entries)
	slices.SortStableFunc(latest, func(a, b *entry) int {
		if a.year != b.year {
			return b.year - a.year
		}
		return cmp.Compare(b.published, a.published)
	})
	for _, e := range latest[:min(len(latest), 10)] {
		h.Latest = append(h.Latest, Link{Name: e.name, URL: l.report(e), Note: w.T("year_note", e.year)})
	}
	for _, c := range provincesOf(d, d.entries) {
		n, note := len(d.regions[c].entries), "province_note"
		if n == 1 {
			note = "province_note_one"
		}
		h.Provinces = append(h.Provinces, Link{Name: d.regions[c].name, URL: l.region(c), Note: w.T(note, n)})
	}
	for i := len(d.years) - 1; i >= 0; i-- {
		h.Years = append(h.Years, Link{Name: strconv.Itoa(d.years[i]), URL: l.page(yearURL(d.years[i]))})
	}
	// The page's links are relative to it: the English home is one folder down.
	from := langPrefix(w.lang)
	h.Latest = nonNil(relLinks(from, h.Latest))
	h.Provinces = nonNil(relLinks(from, h.Provinces))
	h.Years = nonNil(relLinks(from, h.Years))
	h.Crumbs = relLinks(from, h.Crumbs)
	h.More = relLinks(from, h.More)
	if len(cs) > 0 {
		html, err := renderBody("home", homeBody{Heading: w.T("home_charts", scopeName), Charts: cs})
		if err != nil {
			return err
		}
		if err := p.write(fragmentPath(""), html); err != nil {
			return err
		}
		h.Body, h.Charts = fragmentPath(""), true
	}
	if w.lang == langZH {
		return p.page("content/_index.md", h)
	}
	return p.page("content/_index."+w.lang+".md", h)
}

// writeDataIndex writes the list of the dataset's files: a page (data/files/) and
// the manifest data/index.json. The hub lists the files of every shard, which it
// does not hold: their sizes are the shards'.
func writeDataIndex(p *project, d *dataset, s *scope, files []datasetFile) error {
	if s.hub {
		counts := map[partKey]int{}
		for _, e := range d.entries {
			counts[partKey{e.year, e.shard}]++
		}
		var keys []partKey
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b partKey) int { return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.shard, b.shard)) })
		for _, k := range keys {
			for _, f := range datasetFormats {
				files = append(files, datasetFile{Year: k.year, Province: k.shard, Format: f.ext, Reports: counts[k],
					URL: s.in(k.shard, partitionFile(k.year, k.shard, f.ext))})
			}
		}
	}
	const url = "data-files/"
	lp := ListPage{Page: Page{Title: "数据文件", View: "list",
		Description: "全部记录按年度和省份分成的数据文件：长格式 CSV（gzip）、Parquet 和完整记录 JSON（gzip）。",
		Crumbs:      []Link{{Name: "首页", URL: s.national("")}, {Name: "数据下载", URL: s.national("data/")}}},
		Intro: "每个文件是一个年度、一个省级行政区（按机关最近一份报告的行政区划代码）的全部记录。字段说明见数据下载页；清单 data/index.json 列出全部文件。"}
	t := SortTable{Caption: "数据文件", Total: len(files)}
	t.Columns = []SortCol{{Label: "年度", Num: true, Current: true}, {Label: "省级行政区"}, {Label: "格式"}, {Label: "报告", Num: true}, {Label: "大小（KB）", Num: true}}
	for _, f := range files {
		y, n := int64(f.Year), int64(f.Reports)
		row := []LinkCell{{Text: strconv.Itoa(f.Year), Value: &y}, {Text: shardName(d, f.Province)}, {Text: f.Format, URL: f.URL}, {Text: strconv.Itoa(f.Reports), Value: &n}}
		if f.Bytes > 0 {
			kb := (f.Bytes + 1023) / 1024
			row = append(row, LinkCell{Text: charts.FormatInt(kb), Value: &kb})
		} else {
			row = append(row, LinkCell{Text: "—"})
		}
		t.Rows = append(t.Rows, row)
	}
	if err := writeList(p, p.listLangs(s)[0], url, lp, nil, "文件", t); err != nil {
		return err
	}
	js, err := json.MarshalIndent(map[string]any{"schema": record.SchemaVersion, "built": p.built, "licence": dataLicence, "readme": "README.txt", "files": nonNil(files)}, "", " ")
	if err != nil {
		return err
	}
	if err := p.write("static/data/README.txt", dataReadme(p.built, p.templates)); err != nil {
		return err
	}
	return p.write("static/data/index.json", append(js, '\n'))
}

// keyFigures are the headline counts of a set of reports. A sum says how many
// reports it adds up: the set changes from year to year and from region to region,
// so it is never a national or regional total.
func keyFigures(es []*entry) []Figure { return keyFiguresIn(words{langZH, zhHome}, es) }

// zhHome are the default language's words keyFigures uses (its callers have no
// catalog at hand); TestCatalogHome checks them against i18n/zh-cn.toml.
var zhHome = map[string]string{
	"key_reports": "报告", "key_reports_unit": "%s份", "key_agencies": "机关", "key_agencies_unit": "%s个",
	"key_received": "收到申请（%d份报告之和）", "key_proactive": "主动公开（%d份报告之和）", "key_lawsuits": "行政诉讼（%d份报告之和）",
	"key_approx": "约%s",
	"unit_cases": "%s件", "unit_items": "%s条",
}

// keyFiguresIn is keyFigures in w's language.
func keyFiguresIn(w words, es []*entry) []Figure {
	sums := []struct{ key, label, unit string }{
		{"received", "key_received", "unit_cases"}, {"proactive", "key_proactive", "unit_items"}, {"lawsuits", "key_lawsuits", "unit_cases"},
	}
	agencies := map[string]bool{}
	var s record.Summary
	giving := map[string]int{} // reports that give each summed figure
	for _, e := range es {
		agencies[e.slug] = true
		s.Add(e.sum)
		for _, f := range sums {
			if e.sum.Get(f.key) != nil {
				giving[f.key]++
			}
		}
	}
	out := []Figure{
		{Label: w.T("key_reports"), Value: w.T("key_reports_unit", charts.FormatInt(int64(len(es))))},
		{Label: w.T("key_agencies"), Value: w.T("key_agencies_unit", charts.FormatInt(int64(len(agencies))))},
	}
	for _, f := range sums {
		if v := s.Get(f.key); v != nil {
			value := w.T(f.unit, charts.FormatInt(*v))
			if s.Approx(f.key) {
				value = w.T("key_approx", value)
			}
			out = append(out, Figure{Label: w.T(f.label, giving[f.key]), Value: value})
		}
	}
	return out
}

// agencyDescription is an agency page's summary line: its years of reports, and a
// trend only where there is more than one.
func agencyDescription(w words, name string, first, last int) string {
	if first == last {
		return w.T("l_agency_desc_one", name, first)
	}
	return w.T("l_agency_desc", name, first, last)
}
