package site

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/nianbao/nianbao/internal/schema"
)

// The compare page, compare/, puts agencies side by side: static/js/compare.js reads
// its state from the address, a public contract (README.md):
//
//	compare/?agencies=SLUG,SLUG[,…]&years=FROM-TO&figure=KEY[,KEY…]
//
// agencies are agency slugs (at most compareMaxAgencies; more are named and left
// out), years a year or a range of years (default: every year), figure the keys
// of summary figures (schema.SummaryFigures; default received). It draws a chart
// per figure, a line per agency across the years (bars for one year), with the
// same figures as a table.
//
// Its data are one small file per agency, compare/data/<slug>.json, written by the
// builds that have the national pages (the whole site and the hub):
//
//	{"name": "西峰区人民政府", "place": "甘肃省庆阳市西峰区", "url": "agency/<slug>/",
//	 "years": [2019, 2020], "figures": {"received": [12, null], …}, "approx": ["proactive"]}
//
// figures has a value per year (null where the report gives none), only for the
// summary figures some year gives; url is site-relative, or absolute when the agency's
// page is in another part; approx lists the figures some year gives as approximate.

// compareMaxAgencies is the most agencies the compare page puts side by side: beyond
// that, a chart's lines cannot be told apart.
const compareMaxAgencies = 10

// compareFile is compare/data/<slug>.json.
type compareFile struct {
	Name    string              `json:"name"`
	Place   string              `json:"place,omitempty"`
	URL     string              `json:"url"`
	Years   []int               `json:"years"`
	Figures map[string][]*int64 `json:"figures"`
	Approx  []string            `json:"approx,omitempty"`
}

// compareBody is the data of the compare page's body (templates/compare.html).
type compareBody struct {
	Figures       []schema.SummaryFigure
	Years         []int
	MaxAgencies   int
	Index         string // the agency index, relative to the page
	Search        string // the search index's folder, relative to the page
	Data          string // the agencies' data folder (compare/data/), relative to the page
	W             words  // the page's words
	Script        string // compare.js, relative to the page
	DefaultFigure string
}

// writeCompare writes the compare page and its per-agency data, in builds that have
// the national pages.
func writeCompare(p *project, d *dataset, s *scope) error {
	if s.shard != "" {
		return nil
	}
	for _, slug := range d.agencies {
		es := d.bySlug[slug]
		last := es[len(es)-1]
		f := compareFile{Name: last.name, URL: s.agency(last), Figures: map[string][]*int64{}}
		for _, rg := range d.regionsOf(last) {
			f.Place += rg.name
		}
		for _, e := range es {
			f.Years = append(f.Years, e.year)
		}
		for _, sf := range schema.SummaryFigures {
			vals := make([]*int64, len(es))
			given, approx := false, false
			for i, e := range es {
				vals[i] = e.sum.Get(sf.Key)
				given = given || vals[i] != nil
				approx = approx || e.sum.Approx(sf.Key)
			}
			if given {
				f.Figures[sf.Key] = vals
			}
			if approx {
				f.Approx = append(f.Approx, sf.Key)
			}
		}
		js, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("compare data of %s: %w", slug, err)
		}
		if err := p.write("static/compare/data/"+slug+".json", append(js, '\n')); err != nil {
			return err
		}
	}
	for _, l := range p.listLangs(s) {
		if err := writeComparePage(p, d, l); err != nil {
			return err
		}
	}
	return nil
}

// writeComparePage writes the compare page in l's language. Its data (compare/data/)
// and search index (search/) are the site's, one for every language.
func writeComparePage(p *project, d *dataset, l listLang) error {
	const base = "compare/"
	url := l.page(base)
	figures := schema.SummaryFigures
	if l.pre != "" {
		figures = slices.Clone(figures)
		for i := range figures {
			figures[i].Label = cmp.Or(figures[i].En, figures[i].Label)
		}
	}
	body := compareBody{Figures: figures, Years: d.years, MaxAgencies: compareMaxAgencies, W: l.w,
		Index: href(url, l.page("agency/")), Search: href(url, "search/"), Data: href(url, "compare/data/"),
		Script: href(url, "js/compare.js"), DefaultFigure: "received"}
	html, err := renderBody("compare", body)
	if err != nil {
		return err
	}
	if err := p.write(fragmentPath(url), html); err != nil {
		return err
	}
	lp := ListPage{Page: Page{Title: l.w.T("c_title"), View: "list",
		Description: l.w.T("c_description"),
		Crumbs:      relLinks(url, []Link{{Name: l.w.T("crumb_home"), URL: l.page("")}})},
		Body: fragmentPath(url), Charts: true}
	return p.page(l.content("content/"+base+"_index", ".md"), lp)
}
