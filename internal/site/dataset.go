package site

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/store"
)

// entry is one report as the site's pages other than its own need it: who, when,
// where, its summary figures and its files. The record itself is read, used for the
// report's own page and dataset rows, and dropped (scan): a build holds every entry
// but only a few records at a time.
type entry struct {
	slug       string
	year       int    // in the record file's name
	reportYear int    // report.year: the same, or the build fails
	path       string // the record file
	name       string // agency.name
	title      string // the page title

	code                   string // agency.division_code
	province, city, county string // agency.province, .city, .county
	template               string // report.template
	templateLabel          string
	published              string // report.published, YYYY-MM-DD or ""
	reviewed               bool
	sum                    record.Summary
	key                    []Figure // the report page's key figures
	charts                 bool     // the report page has charts

	shard string // the province code of the agency's shard (shardOf)

	textPath     string // the normalized source text, when the data folder has it
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

func newDataset() *dataset {
	return &dataset{bySlug: map[string][]*entry{}, regions: map[string]*region{}}
}

// Problems is the error Load returns when the data folder cannot be published: every
// problem, one a line, FILE:LINE: message.
type Problems = record.Problems

// agencyFiles is one agency's record files, in year order, and once read its
// records and entries.
type agencyFiles struct {
	folder  *store.Folder
	slug    string
	files   []store.Entry
	data    [][]byte // the record files' bytes, while the agency is processed
	records []*record.Record
	entries []*entry
}

// scan reads and checks the data folder one agency at a time, on every CPU. For each
// agency whose records all parse, it calls each (on the worker: it may write the
// agency's own outputs) and then done (in agency order: it may append to shared
// outputs); the records are dropped after. Problems of any record
// fail the scan with every problem, sorted; each and done may have run for other
// agencies by then, so their outputs must go to a folder that is thrown away on
// error.
func scan(dataDir string, opts record.ParseOptions, each func(a *agencyFiles) (any, error), done func(a *agencyFiles, out any) error) (*dataset, error) {
	d := newDataset()
	folder, err := store.Open(dataDir)
	if err != nil {
		return nil, err
	}
	files, problems, err := folder.Files()
	if err != nil {
		return nil, err
	}
	var groups []*agencyFiles
	for _, f := range files {
		if n := len(groups); n == 0 || groups[n-1].slug != f.Slug {
			groups = append(groups, &agencyFiles{folder: folder, slug: f.Slug})
		}
		g := groups[len(groups)-1]
		g.files = append(g.files, f)
	}
	type result struct {
		problems record.Problems
		out      any
		err      error
	}
	failed := false
	err = ordered(len(groups), runtime.GOMAXPROCS(0), func(i int) result {
		g := groups[i]
		ps, err := g.read(opts)
		if err != nil || len(ps) > 0 {
			return result{problems: ps, err: err}
		}
		var out any
		if each != nil {
			out, err = each(g)
		}
		return result{out: out, err: err}
	}, func(i int, r result) error {
		g := groups[i]
		defer func() { g.records, g.data = nil, nil }()
		if r.err != nil {
			return r.err
		}
		if len(r.problems) > 0 {
			problems = append(problems, r.problems...)
			failed = true
			return nil
		}
		d.entries = append(d.entries, g.entries...)
		if done != nil && !failed {
			return done(g, r.out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	filed := make([]store.Filed, len(d.entries))
	for i, e := range d.entries {
		filed[i] = store.Filed{Path: e.path, Year: e.year, Agency: e.name, ReportYear: e.reportYear}
	}
	problems = append(problems, store.FolderProblems(filed)...)
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b record.Problem) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
		})
		return nil, problems
	}
	d.index()
	return d, nil
}

// read parses and checks the agency's records (store.Folder.Read) and makes their
// entries.
func (g *agencyFiles) read(opts record.ParseOptions) (record.Problems, error) {
	var problems record.Problems
	for _, f := range g.files {
		f, ps := g.folder.Read(f, opts)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		e := newEntry(f, f.Record)
		if err := e.attach(g.folder, f.Record); err != nil {
			return nil, err
		}
		g.data = append(g.data, f.Data)
		g.records = append(g.records, f.Record)
		g.entries = append(g.entries, e)
	}
	if len(problems) > 0 {
		return problems, nil
	}
	shard := shardOf(g.records)
	for _, e := range g.entries {
		e.shard = shard
	}
	return nil, nil
}

func newEntry(f store.Entry, r *record.Record) *entry {
	e := &entry{
		slug: f.Slug, year: f.Year, reportYear: r.Report.Year, path: f.Path, name: r.Agency.Name,
		title:    fmt.Sprintf("%s %d年度政府信息公开工作年度报告", r.Agency.Name, r.Report.Year),
		code:     r.Agency.DivisionCode,
		province: r.Agency.Province, city: r.Agency.City, county: r.Agency.County,
		template: r.Report.Template, templateLabel: templateLabel(r),
		reviewed: r.Report.Reviewed,
		sum:      record.Summarize(r),
	}
	if r.Report.Title != "" {
		e.title = r.Report.Title
	}
	if r.Report.Published != nil {
		e.published = r.Report.Published.String()
	}
	e.key = keyFiguresOf(r, e.sum)
	return e
}

// attach finds the record's normalized text and raw original in the data folder. It
// does not read them: they are linked or copied into the project, and published
// beside the report's page.
func (e *entry) attach(folder *store.Folder, r *record.Record) error {
	text := folder.TextPath(e.slug, e.year)
	if fi, err := os.Lstat(text); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > store.MaxTextBytes {
			return fmt.Errorf("%s: %d bytes, more than the %d a report's text may have", text, fi.Size(), store.MaxTextBytes)
		}
		e.textPath = text
	}
	if s := r.Source; s != nil && s.File != "" {
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
		for _, rg := range d.regionsOf(e) {
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

// validCode reports whether code is a GB/T 2260 division code the site files
// reports under: six digits, not starting with 00.
func validCode(code string) bool {
	return len(code) == 6 && strings.Trim(code, "0123456789") == "" && code[:2] != "00"
}

// place is a province, city or county a report names.
type place struct {
	code, name string
	level      int
	parent     string
}

// placesOf returns the province, city and county a report belongs to, as the report
// names them. The GB/T 2260 code gives the levels: 420000 province, 420600 city,
// 420602 county. A report without a valid code has none.
func placesOf(e *entry) []place {
	code := e.code
	if !validCode(code) {
		return nil
	}
	prov := code[:2] + "0000"
	out := []place{{prov, e.province, 1, ""}}
	parent := prov
	// A county directly under a province-level city (北京市东城区: city "") has no
	// city level of its own to show.
	if code[2:4] != "00" && (e.city != "" || code[4:] == "00") {
		city := code[:4] + "00"
		out = append(out, place{city, e.city, 2, prov})
		parent = city
	}
	if code[4:] != "00" {
		name := e.county
		if name == "" {
			name = e.city
		}
		out = append(out, place{code, name, 3, parent})
	}
	for i := range out {
		if out[i].name == "" {
			out[i].name = out[i].code
		}
	}
	return out
}

// regionsOf returns the regions a report belongs to (placesOf), creating them; a
// region is named as the first report filed under it names it.
func (d *dataset) regionsOf(e *entry) []*region {
	var out []*region
	for _, pl := range placesOf(e) {
		rg, ok := d.regions[pl.code]
		if !ok {
			rg = &region{code: pl.code, name: pl.name, level: pl.level, parent: pl.parent}
			d.regions[pl.code] = rg
		}
		out = append(out, rg)
	}
	return out
}

// regionTrail links a report's regions, province first.
func (d *dataset) regionTrail(e *entry, s *scope) []Link {
	var out []Link
	for _, rg := range d.regionsOf(e) {
		out = append(out, Link{Name: rg.name, URL: s.region(rg.code)})
	}
	return out
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
