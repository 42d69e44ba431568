package site

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
	"github.com/nianbao/nianbao/internal/store"
)

// entry is one record and what its pages need.
type entry struct {
	slug     string
	year     int
	path     string // the record file
	data     []byte // its bytes, the TOML download
	rec      *record.Record
	sum      record.Summary
	textPath string         // the normalized source text, when the data folder has it
	value    map[string]any // the record as plain values, once decoded (recordValue)
	csv      []byte         // its figures as CSV lines, without the header

	originalPath string // the raw original in the data folder, when there is one
	originalName string // its name as a page resource
}

// region is a province, city or county with the reports filed under it.
type region struct {
	code, name string
	level      int    // 1 province, 2 city, 3 county
	parent     string // code of the level above, "" for a province
	children   []string
	entries    []*entry
}

// dataset is the loaded data folder, indexed for the pages.
type dataset struct {
	entries  []*entry // by slug, then year
	agencies []string // slugs, in order
	bySlug   map[string][]*entry
	regions  map[string]*region
	years    []int
}

// Problems is the error Load returns when the data folder cannot be published: every
// problem, one a line, FILE:LINE: message.
type Problems = record.Problems

// load reads and checks the data folder: what store.Load refuses cannot be
// published.
func load(dataDir string, now time.Time, templates *schema.Set) (*dataset, error) {
	d := &dataset{bySlug: map[string][]*entry{}, regions: map[string]*region{}}
	folder, err := store.Open(dataDir)
	if err != nil {
		return nil, err
	}
	entries, problems, err := folder.LoadWith(record.ParseOptions{Now: now, Templates: templates})
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, problems
	}
	for _, se := range entries {
		e := &entry{slug: se.Slug, year: se.Year, path: se.Path, data: se.Data, rec: se.Record, sum: record.Summarize(se.Record)}
		if err := e.attach(folder); err != nil {
			return nil, err
		}
		d.entries = append(d.entries, e)
	}
	d.index()
	return d, nil
}

// attach finds the record's normalized text and raw original in the data folder. It
// does not read them: they are linked or copied into the project, and Hugo reads the
// text when it renders the report's page.
func (e *entry) attach(folder *store.Folder) error {
	text := folder.TextPath(e.slug, e.year)
	if fi, err := os.Lstat(text); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > store.MaxTextBytes {
			return fmt.Errorf("%s: %d bytes, more than the %d a report's text may have", text, fi.Size(), store.MaxTextBytes)
		}
		e.textPath = text
	}
	if s := e.rec.Source; s != nil && s.File != "" {
		p, err := folder.SourcePath(s.File)
		if err != nil {
			return fmt.Errorf("%s: %w", e.path, err)
		}
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > store.MaxRawBytes {
				return fmt.Errorf("%s: %d bytes, more than the %d a raw original may have", p, fi.Size(), store.MaxRawBytes)
			}
			e.originalPath = p
			e.originalName = originalName(s.Format, path.Ext(s.File))
		}
	}
	return nil
}

// originalName is the download name of a raw original. Web pages and unknown formats
// are served as plain text, so an original never runs as a page of this site.
func originalName(format, ext string) string {
	ext = strings.ToLower(ext)
	switch {
	case format == "pdf" || ext == ".pdf":
		return "original.pdf"
	case format == "docx" || ext == ".docx":
		return "original.docx"
	case format == "html" || ext == ".html" || ext == ".htm":
		return "original-html.txt"
	}
	return "original.txt"
}

func (d *dataset) index() {
	slices.SortFunc(d.entries, func(a, b *entry) int { return cmp.Or(cmp.Compare(a.slug, b.slug), cmp.Compare(a.year, b.year)) })
	years := map[int]bool{}
	for _, e := range d.entries {
		if _, ok := d.bySlug[e.slug]; !ok {
			d.agencies = append(d.agencies, e.slug)
		}
		d.bySlug[e.slug] = append(d.bySlug[e.slug], e)
		years[e.year] = true
		for _, rg := range d.regionsOf(e.rec) {
			rg.entries = append(rg.entries, e)
		}
	}
	for y := range years {
		d.years = append(d.years, y)
	}
	slices.Sort(d.years)
	for _, rg := range d.regions {
		if p, ok := d.regions[rg.parent]; ok {
			p.children = append(p.children, rg.code)
		}
	}
	for _, rg := range d.regions {
		slices.Sort(rg.children)
	}
}

// regionsOf returns the province, city and county a record belongs to, creating
// them. The GB/T 2260 code gives the levels: 420000 province, 420600 city, 420602
// county. A record without a valid code has no region pages.
func (d *dataset) regionsOf(r *record.Record) []*region {
	code := r.Agency.DivisionCode
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" || code[:2] == "00" {
		return nil
	}
	var out []*region
	get := func(code, name string, level int, parent string) *region {
		rg, ok := d.regions[code]
		if !ok {
			if name == "" {
				name = code
			}
			rg = &region{code: code, name: name, level: level, parent: parent}
			d.regions[code] = rg
		}
		return rg
	}
	prov := code[:2] + "0000"
	out = append(out, get(prov, r.Agency.Province, 1, ""))
	parent := prov
	// A county directly under a province-level city (北京市东城区: city "") has no
	// city level of its own to show.
	if code[2:4] != "00" && (r.Agency.City != "" || code[4:] == "00") {
		city := code[:4] + "00"
		out = append(out, get(city, r.Agency.City, 2, prov))
		parent = city
	}
	if code[4:] != "00" {
		name := r.Agency.County
		if name == "" {
			name = r.Agency.City
		}
		out = append(out, get(code, name, 3, parent))
	}
	return out
}

// regionTrail links a record's regions, province first.
func (d *dataset) regionTrail(r *record.Record) []Link {
	var out []Link
	for _, rg := range d.regionsOf(r) {
		out = append(out, Link{Name: rg.name, URL: regionURL(rg.code)})
	}
	return out
}

func (d *dataset) byYear(slug string, year int) *entry {
	for _, e := range d.bySlug[slug] {
		if e.year == year {
			return e
		}
	}
	return nil
}

func (d *dataset) before(e *entry) *entry {
	es := d.bySlug[e.slug]
	i := slices.Index(es, e)
	if i > 0 {
		return es[i-1]
	}
	return nil
}

func (d *dataset) after(e *entry) *entry {
	es := d.bySlug[e.slug]
	i := slices.Index(es, e)
	if i >= 0 && i+1 < len(es) {
		return es[i+1]
	}
	return nil
}

// URLs, site-relative.
func agencyURL(slug string) string { return "agency/" + slug + "/" }
func reportURL(slug string, year int) string {
	return "agency/" + slug + "/" + strconv.Itoa(year) + "/"
}
func regionURL(code string) string { return "region/" + code + "/" }
func yearURL(year int) string      { return "year/" + strconv.Itoa(year) + "/" }
