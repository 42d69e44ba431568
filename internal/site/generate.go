package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nianbao/nianbao/internal/record"
)

// project writes the files of a Hugo project under dir. Writes go to a few
// goroutines: generating is mostly creating files, and file systems answer faster
// several at a time. close waits for them and returns the first error.
type project struct {
	dir   string
	files atomic.Int64
	jobs  chan writeJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	dirs  map[string]bool // folders already created
	err   error

	// private is true for a project only a build reads (in a temporary folder): it
	// may then share files with the data folder by hard links.
	private bool
}

type writeJob struct {
	path string
	data []byte
	src  string // copy this file instead of writing data
	link bool   // … or hard-link it, falling back to a copy
}

const writers = 8

func newProject(dir string) *project {
	p := &project{dir: dir, jobs: make(chan writeJob, 256), dirs: map[string]bool{}}
	for range writers {
		p.wg.Go(func() {
			for j := range p.jobs {
				if err := p.do(j); err != nil {
					p.mu.Lock()
					if p.err == nil {
						p.err = err
					}
					p.mu.Unlock()
				}
			}
		})
	}
	return p
}

func (p *project) mkdir(dir string) error {
	p.mu.Lock()
	done := p.dirs[dir]
	p.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p.mu.Lock()
	p.dirs[dir] = true
	p.mu.Unlock()
	return nil
}

func (p *project) do(j writeJob) error {
	if err := p.mkdir(filepath.Dir(j.path)); err != nil {
		return err
	}
	if j.src == "" {
		return os.WriteFile(j.path, j.data, 0o644)
	}
	if j.link && os.Link(j.src, j.path) == nil {
		return nil
	}
	return copyFile(j.src, j.path)
}

// copyFile copies the file at src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// close waits for the writes and returns the first error.
func (p *project) close() error {
	close(p.jobs)
	p.wg.Wait()
	return p.err
}

func (p *project) write(rel string, data []byte) error {
	p.files.Add(1)
	p.jobs <- writeJob{path: filepath.Join(p.dir, filepath.FromSlash(rel)), data: data}
	return nil
}

// copyFile puts the file src into the project at rel. When the project is a private
// one (a build's), it hard-links the file: on many file systems creating a file costs
// far more than linking one, and a build creates several per report.
func (p *project) copyFile(rel, src string) error {
	p.files.Add(1)
	p.jobs <- writeJob{path: filepath.Join(p.dir, filepath.FromSlash(rel)), src: src, link: p.private}
	return nil
}

func (p *project) page(rel string, fm any) error {
	b, err := encodeFrontMatter(fm)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return p.write(rel, b)
}

// copyTheme writes the embedded theme (config.toml, layouts/, static/, content/).
func (p *project) copyTheme(theme fs.FS) error {
	return fs.WalkDir(theme, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, path)
		if err != nil {
			return err
		}
		return p.write(path, data)
	})
}

// generate writes the whole Hugo project for d into dir, which must be empty or absent.
func generate(d *dataset, theme fs.FS, dir string, private bool) (int, error) {
	p := newProject(dir)
	p.private = private
	err := p.generate(d, theme)
	if cerr := p.close(); err == nil {
		err = cerr
	}
	return int(p.files.Load()), err
}

func (p *project) generate(d *dataset, theme fs.FS) error {
	dir := p.dir
	if err := p.copyTheme(theme); err != nil {
		return fmt.Errorf("writing the theme: %w", err)
	}
	// Hugo's data folder stays empty: every page carries what it needs.
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return err
	}
	if err := writeHome(p, d); err != nil {
		return err
	}
	if err := writeReports(p, d); err != nil {
		return err
	}
	if err := writeAgencies(p, d); err != nil {
		return err
	}
	if err := writeRegions(p, d); err != nil {
		return err
	}
	if err := writeYears(p, d); err != nil {
		return err
	}
	if err := writeDataset(p, d); err != nil {
		return err
	}
	return nil
}

// writeReports writes each report's page bundle: its page, the record as TOML, JSON
// and CSV, its source text and raw original. Reports are built on every CPU.
func writeReports(p *project, d *dataset) error {
	next := make(chan *entry)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for e := range next {
				if err := writeReport(p, d, e); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, e := range d.entries {
		next <- e
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func writeReport(p *project, d *dataset, e *entry) error {
	dir := "content/" + reportURL(e.slug, e.year)
	page := reportPage(d, e)
	js, err := recordJSON(e)
	if err != nil {
		return fmt.Errorf("%s: %w", e.path, err)
	}
	var buf bytes.Buffer
	w := newCSV(&buf)
	writeCSV(w, e)
	if err := w.Flush(); err != nil {
		return fmt.Errorf("%s: %w", e.path, err)
	}
	e.csv = buf.Bytes()
	page.RecordJSON = string(js)
	page.RecordCSV = string(append(csvHeaderLine(), e.csv...))
	if err := p.page(dir+"index.md", page); err != nil {
		return err
	}
	p.copyFile(dir+"record.toml", e.path)
	if e.textPath != "" {
		p.copyFile(dir+"text.txt", e.textPath)
	}
	if e.originalPath != "" {
		p.copyFile(dir+e.originalName, e.originalPath)
	}
	return nil
}

func csvHeaderLine() []byte {
	var buf bytes.Buffer
	w := newCSV(&buf)
	w.Write(csvHeader)
	w.Flush()
	return buf.Bytes()
}

var csvHeader = []string{"agency", "agency_slug", "year", "table", "row", "column", "value"}

// writeCSV writes a record's figures in long format, one figure a line. Cells that a
// spreadsheet would run as a formula are neutralised (safeCell).
func writeCSV(w *csvWriter, e *entry) {
	year := strconv.Itoa(e.year)
	for _, f := range record.Figures(e.rec) {
		v := strconv.FormatFloat(f.Value, 'f', -1, 64)
		w.Write([]string{e.rec.Agency.Name, e.slug, year, f.Table, f.Row, f.Column, v})
	}
}

// recordValue is a record as plain values, with the contract's keys: the TOML file
// decoded into maps, dates as YYYY-MM-DD.
// It is decoded once and kept: the record's JSON and the dataset share it.
func recordValue(e *entry) (map[string]any, error) {
	if e.value != nil {
		return e.value, nil
	}
	var m map[string]any
	if err := toml.Unmarshal(e.data, &m); err != nil {
		return nil, err
	}
	e.value = plain(m).(map[string]any)
	return e.value, nil
}

func plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = plain(x)
		}
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = plain(x)
		}
		return v
	case time.Time:
		return v.Format(time.DateOnly)
	}
	return v
}

func recordJSON(e *entry) ([]byte, error) {
	m, err := recordValue(e)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}

// writeDataset writes /data/nianbao.json (every record, keyed by agency slug and
// year) and /data/nianbao.csv (every figure, long format).
func writeDataset(p *project, d *dataset) error {
	type item struct {
		Slug   string         `json:"agency_slug"`
		Year   int            `json:"year"`
		Record map[string]any `json:"record"`
	}
	items := []item{}
	var buf bytes.Buffer
	buf.Write(csvHeaderLine())
	for _, e := range d.entries {
		m, err := recordValue(e)
		if err != nil {
			return fmt.Errorf("%s: %w", e.path, err)
		}
		items = append(items, item{Slug: e.slug, Year: e.year, Record: m})
		buf.Write(e.csv) // written by writeCSV, its cells made safe
	}
	js, err := json.Marshal(map[string]any{"schema": record.SchemaVersion, "reports": items})
	if err != nil {
		return err
	}
	if err := p.write("static/data/nianbao.json", append(js, '\n')); err != nil {
		return err
	}
	return p.write("static/data/nianbao.csv", buf.Bytes())
}

func writeAgencies(p *project, d *dataset) error {
	for _, slug := range d.agencies {
		if err := p.page("content/"+agencyURL(slug)+"_index.md", agencyPage(d, slug)); err != nil {
			return err
		}
	}
	// The agency index: every agency, by name.
	idx := ListPage{Page: Page{Title: "全部机关", View: "list", Description: "所有有年度报告数据的机关。",
		Crumbs: []Link{{Name: "首页"}}}, LinksHeading: "机关"}
	for _, slug := range d.agencies {
		es := d.bySlug[slug]
		last := es[len(es)-1]
		note := fmt.Sprintf("%d份报告，%d—%d年度", len(es), es[0].year, last.year)
		idx.Links = append(idx.Links, Link{Name: last.rec.Agency.Name, URL: agencyURL(slug), Note: note})
	}
	slices.SortStableFunc(idx.Links, func(a, b Link) int { return compareStrings(a.Name, b.Name) })
	return p.page("content/agency/_index.md", idx)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// writeList writes a list page and one copy per other sort order.
func writeList(p *project, base string, lp ListPage, es []*entry, caption string, withYear bool) error {
	for _, s := range sortKeys {
		if s.key != "" && len(es) < 2 {
			break
		}
		page := lp
		t := reportTable(caption, base, es, s.key, withYear)
		page.Table = &t
		rel := "content/" + base + "_index.md"
		if s.key != "" {
			page.Title = lp.Title + "（按" + s.label + "排序）"
			page.Charts = nil
			page.Crumbs = append(slices.Clone(lp.Crumbs), Link{Name: lp.Title, URL: base})
			rel = "content/" + sortURL(base, s.key) + "index.md"
		}
		if err := p.page(rel, page); err != nil {
			return err
		}
	}
	return nil
}

func levelName(level int) string {
	return [...]string{"", "省级", "市级", "县级"}[level]
}

func writeRegions(p *project, d *dataset) error {
	codes := make([]string, 0, len(d.regions))
	for c := range d.regions {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var provinces []string
	for _, code := range codes {
		rg := d.regions[code]
		if rg.level == 1 {
			provinces = append(provinces, code)
		}
		lp := ListPage{Page: Page{Title: rg.name, View: "list",
			Description: fmt.Sprintf("%s（行政区划代码%s）各机关政府信息公开工作年度报告的数据。", rg.name, rg.code)}}
		lp.Crumbs = []Link{{Name: "首页"}, {Name: "地区", URL: "region/"}}
		for pc := rg.parent; pc != ""; pc = d.regions[pc].parent {
			lp.Crumbs = slices.Insert(lp.Crumbs, 2, Link{Name: d.regions[pc].name, URL: regionURL(pc)})
		}
		lp.Intro = fmt.Sprintf("%s，行政区划代码 %s。", levelName(rg.level)+"行政区", rg.code)
		lp.Key = keyFigures(rg.entries)
		lp.LinksHeading = "下级地区"
		for _, c := range rg.children {
			lp.Links = append(lp.Links, Link{Name: d.regions[c].name, URL: regionURL(c), Note: fmt.Sprintf("%d份报告", len(d.regions[c].entries))})
		}
		lp.Charts = byYearCharts("chart-year", rg.name+"历年", rg.entries)
		if len(rg.children) > 1 {
			lp.Charts = append(lp.Charts, byRegionCharts("chart-children", rg.name+"下级地区", d, rg.children,
				func(code string) []*entry { return d.regions[code].entries })...)
		}
		if err := writeList(p, regionURL(code), lp, rg.entries, rg.name+"的报告", true); err != nil {
			return err
		}
	}
	idx := ListPage{Page: Page{Title: "地区", View: "list", Description: "按省、市、县浏览年度报告。",
		Crumbs: []Link{{Name: "首页"}}}, LinksHeading: "省级行政区"}
	for _, c := range provinces {
		idx.Links = append(idx.Links, Link{Name: d.regions[c].name, URL: regionURL(c), Note: fmt.Sprintf("%d份报告", len(d.regions[c].entries))})
	}
	if len(provinces) > 1 {
		idx.Charts = append(idx.Charts, byRegionCharts("chart-provinces", "各省（全部年度）", d, provinces,
			func(code string) []*entry { return d.regions[code].entries })...)
	}
	return p.page("content/region/_index.md", idx)
}

func writeYears(p *project, d *dataset) error {
	byYear := map[int][]*entry{}
	for _, e := range d.entries {
		byYear[e.year] = append(byYear[e.year], e)
	}
	idx := ListPage{Page: Page{Title: "年度", View: "list", Description: "按统计年度浏览年度报告。",
		Crumbs: []Link{{Name: "首页"}}}, LinksHeading: "年度"}
	for i, y := range d.years {
		es := byYear[y]
		idx.Links = append(idx.Links, Link{Name: strconv.Itoa(y) + "年度", URL: yearURL(y), Note: fmt.Sprintf("%d份报告", len(es))})
		lp := ListPage{Page: Page{Title: strconv.Itoa(y) + "年度", View: "list",
			Description: fmt.Sprintf("%d年度政府信息公开工作年度报告的数据。", y),
			Crumbs:      []Link{{Name: "首页"}, {Name: "年度", URL: "year/"}}}}
		lp.Key = keyFigures(es)
		if i > 0 {
			lp.Prev = &Link{Name: strconv.Itoa(d.years[i-1]) + "年度", URL: yearURL(d.years[i-1])}
		}
		if i+1 < len(d.years) {
			lp.Next = &Link{Name: strconv.Itoa(d.years[i+1]) + "年度", URL: yearURL(d.years[i+1])}
		}
		provs := provincesOf(d, es)
		lp.Charts = append(lp.Charts, byRegionCharts("chart-provinces", fmt.Sprintf("%d年度各省", y), d, provs, func(code string) []*entry {
			var out []*entry
			for _, e := range es {
				if rs := d.regionsOf(e.rec); len(rs) > 0 && rs[0].code == code {
					out = append(out, e)
				}
			}
			return out
		})...)
		if err := writeList(p, yearURL(y), lp, es, fmt.Sprintf("%d年度的报告", y), false); err != nil {
			return err
		}
	}
	idx.Charts = byYearCharts("chart-year", "全部机关历年", d.entries)
	return p.page("content/year/_index.md", idx)
}

func provincesOf(d *dataset, es []*entry) []string {
	set := map[string]bool{}
	for _, e := range es {
		if rs := d.regionsOf(e.rec); len(rs) > 0 {
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

func writeHome(p *project, d *dataset) error {
	h := HomePage{Page: Page{Title: "年报", View: "home",
		Description: "中国政府机关政府信息公开工作年度报告的规范化数据：主动公开、依申请公开、行政复议和行政诉讼，逐年逐机关可查、可比、可下载。"},
		Empty: len(d.entries) == 0}
	h.Key = keyFigures(d.entries)
	if len(d.years) > 0 {
		h.Key = append(h.Key, Figure{Label: "年度范围", Value: fmt.Sprintf("%d—%d", d.years[0], d.years[len(d.years)-1])})
	}
	h.Charts = byYearCharts("chart-year", "全国历年", d.entries)
	provs := provincesOf(d, d.entries)
	if len(provs) > 1 {
		h.Charts = append(h.Charts, byRegionCharts("chart-provinces", "各省（全部年度）", d, provs,
			func(code string) []*entry { return d.regions[code].entries })...)
	}
	latest := slices.Clone(d.entries)
	slices.SortStableFunc(latest, func(a, b *entry) int {
		if a.year != b.year {
			return b.year - a.year
		}
		pa, pb := "", ""
		if a.rec.Report.Published != nil {
			pa = a.rec.Report.Published.String()
		}
		if b.rec.Report.Published != nil {
			pb = b.rec.Report.Published.String()
		}
		return compareStrings(pb, pa)
	})
	for _, e := range latest[:min(len(latest), 10)] {
		h.Latest = append(h.Latest, Link{Name: e.rec.Agency.Name, URL: reportURL(e.slug, e.year), Note: strconv.Itoa(e.year) + "年度"})
	}
	for _, c := range provs {
		h.Provinces = append(h.Provinces, Link{Name: d.regions[c].name, URL: regionURL(c), Note: fmt.Sprintf("%d份", len(d.regions[c].entries))})
	}
	for i := len(d.years) - 1; i >= 0; i-- {
		h.Years = append(h.Years, Link{Name: strconv.Itoa(d.years[i]), URL: yearURL(d.years[i])})
	}
	h.Charts = nonNil(h.Charts)
	h.Latest = nonNil(h.Latest)
	h.Provinces = nonNil(h.Provinces)
	h.Years = nonNil(h.Years)
	return p.page("content/_index.md", h)
}
