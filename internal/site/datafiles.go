package site

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// The bulk dataset: every record, split by year and by the province of its agency's
// shard, in four formats: the figures in long format as CSV (gzip), the same
// figures as Parquet (for DuckDB, pandas or Arrow, which read only the columns and
// files a query needs, even over HTTP), a summary CSV (gzip) with one row per report
// (its summary figures, rates and check counts, for a spreadsheet), and the whole
// records as JSON (gzip). The CSVs start with a UTF-8 byte order mark, without which
// Excel on Chinese Windows reads them as GBK. A manifest, data/index.json, lists
// every file with its year, province, reports and size; data/README.txt says what
// the files hold, column by column, their licence and when they were built. The
// files replace the per-record JSON and CSV downloads: a report page links to the
// files of its year and province.
//
// While the records are read, each report's rows are appended to spill files in a
// temporary folder, in agency order (so the output is the same bytes every build);
// once all are read, each partition is written, one at a time per CPU, streaming: a
// build never holds the dataset in memory. A partition smaller than spillChunk is
// written from memory, never spilled.

// datasetFormat is one format of the bulk dataset files.
type datasetFormat struct {
	ext   string // file name extension: data/<year>/<province>.<ext>
	label string // for readers
}

var datasetFormats = []datasetFormat{
	{"csv.gz", "CSV（gzip，长格式）"},
	{"summary.csv.gz", "汇总 CSV（gzip，每份报告一行）"},
	{"parquet", "Parquet"},
	{"json.gz", "JSON（gzip）"},
}

// partitionFile is the site-relative path of a dataset file.
func partitionFile(year int, shard, ext string) string {
	return "data/" + strconv.Itoa(year) + "/" + shard + "." + ext
}

// spillChunk is how many bytes of a partition's rows wait in memory before they are
// appended to its spill file: small, as there is a partition per year and province.
const spillChunk = 64 << 10

type partKey struct {
	year  int
	shard string
}

// partition is one year and province of the dataset while the records are read.
type partition struct {
	key                   partKey
	reports               int
	summaryColumns        []column
	gzips                 *sync.Pool   // of *gzip.Writer: each holds a compressor of about a megabyte
	rows, summary, values bytes.Buffer // pending figure rows, summary rows (CSV, cells as they are) and JSON items
	rowsFile              string
	summaryFile           string
	valuesFile            string
	// spilled: some rows are in the spill files. A partition that never reached
	// spillChunk is written from memory, without spill files (a file created,
	// written, read and removed per partition and kind).
	spilled bool
	// formulas: a cell of the figure rows would run as a spreadsheet formula
	// (safeCell changes it). Without one, the long CSV is the rows as they are,
	// copied; with one, every cell goes through csvWriter.
	formulas bool
}

// partitions collect the dataset's rows by year and province.
type partitions struct {
	dir     string
	parts   map[partKey]*partition
	summary []column // the summary CSV's columns (summaryColumns)
	// gzips are the gzip writers of the partitions' files, reused from file to file:
	// a compressor allocates about a megabyte, and there are three gzip files a
	// partition.
	gzips sync.Pool
}

// newPartitions collects the dataset's rows in spill files under dir; templates are
// the templates the records may follow (nil: the national ones), which say which
// summary figures may be approximate.
func newPartitions(dir string, templates *schema.Set) (*partitions, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &partitions{dir: dir, parts: map[partKey]*partition{}, summary: summaryColumns(templates)}, nil
}

// reportRows is one report's part of the dataset: its figures and its summary as CSV
// lines (cells as the record has them) and the record as a JSON item.
type reportRows struct {
	key          partKey
	rows, values []byte
	formulas     bool // a cell of rows would run as a spreadsheet formula (safeCell)
	// what the summary row is made of, once the partition's columns are known (add)
	entry     *entry
	checks    []CheckFM
	sourceURL string
}

// rowsOf makes a report's dataset rows from its record file's bytes; checks are the
// report's checks as its page lists them.
func rowsOf(e *entry, r *record.Record, checks []CheckFM, data []byte) (reportRows, error) {
	out := reportRows{key: partKey{e.year, e.shard}, checks: checks, entry: e}
	if r.Source != nil {
		out.sourceURL = r.Source.URL
	}
	figures := record.Figures(r)
	year := strconv.Itoa(e.year)
	// A row a figure, each with the report's names and codes, and the figure's
	// table, row and column (about 40 bytes): the buffer is made once, at about its size.
	var buf bytes.Buffer
	buf.Grow(len(figures) * (len(e.name) + len(e.slug) + len(year) + len(e.template) + len(e.code) + 64))
	w := csv.NewWriter(&buf)
	t := r.Template()
	row := make([]string, 10) // csv.Writer.Write keeps none of it
	for _, f := range figures {
		approx := "0"
		if t != nil {
			if fd, ok := t.Field(f.Path); ok && fd.Approx != "" && r.Flag(fd.Approx) {
				approx = "1"
			}
		}
		row = append(row[:0], e.name, e.slug, year, f.Table, f.Row, f.Column, strconv.FormatFloat(f.Value, 'f', -1, 64), approx, e.template, e.code)
		for _, c := range row {
			out.formulas = out.formulas || safeCell(c) != c
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return out, fmt.Errorf("%s: %w", e.path, err)
	}
	out.rows = buf.Bytes()
	v := r.FileValues()
	if v == nil {
		var err error
		if v, err = recordValue(data); err != nil {
			return out, fmt.Errorf("%s: %w", e.path, err)
		}
	}
	js := []byte(`{"agency_slug":`)
	js = appendJSONString(js, e.slug)
	js = append(js, `,"year":`...)
	js = strconv.AppendInt(js, int64(e.year), 10)
	js = append(js, `,"record":`...)
	js, err := appendJSON(js, v)
	if err != nil {
		return out, fmt.Errorf("%s: %w", e.path, err)
	}
	js = append(js, '}')
	out.values = js
	return out, nil
}

// add appends a report's rows to its partition.
func (ps *partitions) add(rr reportRows) error {
	p := ps.parts[rr.key]
	if p == nil {
		name := strconv.Itoa(rr.key.year) + "-" + rr.key.shard
		p = &partition{key: rr.key, summaryColumns: ps.summary, gzips: &ps.gzips, rowsFile: filepath.Join(ps.dir, name+".csv"),
			summaryFile: filepath.Join(ps.dir, name+".summary.csv"), valuesFile: filepath.Join(ps.dir, name+".json")}
		ps.parts[rr.key] = p
	}
	if p.reports > 0 {
		p.values.WriteString(",\n")
	}
	p.reports++
	p.rows.Write(rr.rows)
	p.formulas = p.formulas || rr.formulas
	if err := writeSummaryRow(&p.summary, ps.summary, rr); err != nil {
		return err
	}
	p.values.Write(rr.values)
	if p.rows.Len()+p.summary.Len()+p.values.Len() >= spillChunk {
		return p.spill()
	}
	return nil
}

func (p *partition) spill() error {
	p.spilled = true
	for _, f := range []struct {
		path string
		buf  *bytes.Buffer
	}{{p.rowsFile, &p.rows}, {p.summaryFile, &p.summary}, {p.valuesFile, &p.values}} {
		if f.buf.Len() == 0 {
			continue
		}
		out, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		_, err = out.Write(f.buf.Bytes())
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		f.buf.Reset()
	}
	return nil
}

// datasetFile is one file of the bulk dataset, as the manifest lists it.
type datasetFile struct {
	Year     int    `json:"year"`
	Province string `json:"province"` // the GB/T 2260 code of its shard
	Format   string `json:"format"`   // csv.gz, parquet, json.gz
	Reports  int    `json:"reports"`
	Bytes    int64  `json:"bytes"`
	URL      string `json:"url"` // site-relative in the whole site and a shard; absolute in the hub
}

// finish writes every partition's files under dir (the project's static/ folder),
// on every CPU, and removes the spill folder. It returns the files, by year,
// province and format.
func (ps *partitions) finish(dir string) ([]datasetFile, error) {
	defer os.RemoveAll(ps.dir)
	keys := make([]partKey, 0, len(ps.parts))
	for k := range ps.parts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b partKey) int { return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.shard, b.shard)) })
	files := make([][]datasetFile, len(keys))
	errs := make([]error, len(keys))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				files[i], errs[i] = ps.parts[keys[i]].write(dir)
			}
		})
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []datasetFile
	for i := range keys {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, files[i]...)
	}
	return out, nil
}

// write writes the partition's files.
func (p *partition) write(dir string) ([]datasetFile, error) {
	if p.spilled {
		if err := p.spill(); err != nil {
			return nil, err
		}
	}
	var out []datasetFile
	for _, f := range datasetFormats {
		rel := partitionFile(p.key.year, p.key.shard, f.ext)
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		var err error
		switch f.ext {
		case "csv.gz":
			err = writeFileWith(path, p.writeCSV)
		case "summary.csv.gz":
			err = writeFileWith(path, p.writeSummaryCSV)
		case "parquet":
			err = writeFileWith(path, p.writeParquet)
		case "json.gz":
			err = writeFileWith(path, p.writeJSON)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		out = append(out, datasetFile{Year: p.key.year, Province: p.key.shard, Format: f.ext, Reports: p.reports, Bytes: fi.Size(), URL: rel})
	}
	return out, nil
}

// writeFileWith creates path and writes it with write.
func writeFileWith(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// gzipLevel is the compression of the dataset's gzip files: the fastest. The long
// format repeats itself so much that it still compresses about tenfold, and a build
// compresses every record's figures twice (CSV and JSON): at the default level that
// was a third of the time after reading the records.
const gzipLevel = gzip.BestSpeed

// gzipHeader is the header of every gzip file of the dataset: no name, no time, so
// the same data gives the same bytes.
var gzipHeader = gzip.Header{ModTime: time.Time{}, OS: 255}

// gzipWriter returns a gzip writer to w, at gzipLevel with gzipHeader, from the
// pool of the partitions (or a new one); the caller puts it back once closed.
func (p *partition) gzipWriter(w io.Writer) *gzip.Writer {
	zw, _ := p.gzips.Get().(*gzip.Writer)
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(w, gzipLevel)
	} else {
		zw.Reset(w)
	}
	zw.Header = gzipHeader
	return zw
}

// eachRow calls f with every figure row of the partition, in order.
func (p *partition) eachRow(f func(row []string) error) error {
	return eachSpilled(p.open(p.rowsFile, &p.rows), len(csvHeader), f)
}

// open returns a reader of what the partition holds of one kind (file, buf): its
// spill file once it has spilled (write spilled the rest), else the buffer.
func (p *partition) open(file string, buf *bytes.Buffer) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		if !p.spilled {
			return io.NopCloser(bytes.NewReader(buf.Bytes())), nil
		}
		f, err := os.Open(file)
		if os.IsNotExist(err) {
			return io.NopCloser(bytes.NewReader(nil)), nil // nothing of this kind
		}
		return f, err
	}
}

// eachSpilled calls f with every row of n columns open reads, in order.
func eachSpilled(open func() (io.ReadCloser, error), n int, f func(row []string) error) error {
	in, err := open()
	if err != nil {
		return err
	}
	defer in.Close()
	r := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	r.FieldsPerRecord = n
	r.ReuseRecord = true
	for {
		row, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(row); err != nil {
			return err
		}
	}
}

// writeCSV writes the partition's figures as gzip-compressed CSV, long format, with a
// byte order mark and a header; cells a spreadsheet would run as formulas are
// neutralised (csvWriter).
func (p *partition) writeCSV(w io.Writer) error {
	if p.formulas {
		return p.writeGzipCSV(w, csvHeader, p.eachRow, nil)
	}
	// No cell to neutralise: the rows as rowsOf wrote them are the file's.
	return p.writeGzipCSV(w, csvHeader, nil, p.open(p.rowsFile, &p.rows))
}

// writeSummaryCSV writes the partition's reports as gzip-compressed CSV, one row per
// report, like writeCSV.
func (p *partition) writeSummaryCSV(w io.Writer) error {
	return p.writeGzipCSV(w, columnKeys(p.summaryColumns), func(f func([]string) error) error {
		return eachSpilled(p.open(p.summaryFile, &p.summary), len(p.summaryColumns), f)
	}, nil)
}

// writeGzipCSV writes a gzip-compressed CSV: the byte order mark, the header, and
// the rows each calls with, every cell through csvWriter; or, with each nil, the
// CSV rows verbatim opens, which must need no neutralising.
func (p *partition) writeGzipCSV(w io.Writer, header []string, each func(func([]string) error) error, verbatim func() (io.ReadCloser, error)) error {
	zw := p.gzipWriter(w)
	defer p.gzips.Put(zw)
	io.WriteString(zw, utf8BOM)
	cw := newCSV(zw)
	cw.Write(header)
	if each != nil {
		if err := each(cw.Write); err != nil {
			return err
		}
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	if each == nil {
		in, err := verbatim()
		if err != nil {
			return err
		}
		_, err = io.Copy(zw, in)
		if cerr := in.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeJSON writes the partition's records as gzip-compressed JSON:
// {"schema": N, "year": Y, "province": "NNNNNN", "reports": [{agency_slug, year, record}, …]}.
func (p *partition) writeJSON(w io.Writer) error {
	zw := p.gzipWriter(w)
	defer p.gzips.Put(zw)
	fmt.Fprintf(zw, "{\"schema\":%d,\"year\":%d,\"province\":%q,\"reports\":[\n", record.SchemaVersion, p.key.year, p.key.shard)
	in, err := p.open(p.valuesFile, &p.values)()
	if err != nil {
		return err
	}
	_, err = io.Copy(zw, in)
	in.Close()
	if err != nil {
		return err
	}
	io.WriteString(zw, "\n]}\n")
	return zw.Close()
}

// csvHeader is the long CSV's header (figureColumns).
var csvHeader = columnKeys(figureColumns)

// recordValue is a record file's bytes as plain values, with the contract's keys
// and dates as YYYY-MM-DD: what the dataset's JSON holds of a record that has no
// FileValues (record.FileValues), which is written from those without decoding
// the file again (appendJSON).
func recordValue(data []byte) (map[string]any, error) {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return plain(m).(map[string]any), nil
}

// plain is v with its dates as YYYY-MM-DD and its arrays of tables as []any, in
// new maps and slices: v itself is not changed (it may be a record's FileValues).
func plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = plain(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case time.Time:
		return v.Format(time.DateOnly)
	}
	return v
}

// The licence of the site's compilation of the data, as the footer, the data pages
// and data/README.txt state it. The reports themselves are the agencies'
// publications, which the site reproduces for checking.
const (
	dataLicence    = "CC BY 4.0"
	dataLicenceURL = "https://creativecommons.org/licenses/by/4.0/"
)

// dataReadme is data/README.txt: what the dataset files are, their licence, when they
// were built, and the columns of the CSVs in English and Chinese (the data
// dictionary, from figureColumns and summaryColumns).
func dataReadme(built string, templates *schema.Set) []byte {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	fmt.Fprintf(&b, `年报：政府信息公开工作年度报告数据 / nianbao: Chinese government information disclosure annual reports

最后构建 Last built: %s
许可 Licence: 本站汇编的数据以 %s 许可发布（%s），使用时请注明来源“年报”。
  The compiled data is licensed under %s; please credit "年报 (nianbao)".
  报告原文是各机关发布的政府信息，本站照录以便查证。The report texts are the agencies' own publications.
清单 Manifest: index.json lists every file (year, province, format, reports, bytes, url).

每个年度、每个省级行政区（机关最近一份报告的行政区划代码所属的省；000000：没有代码的机关）一组文件：
One set of files per year and province:
`, built, dataLicence, dataLicenceURL, dataLicence)
	for _, f := range datasetFormats {
		fmt.Fprintf(&b, "  <year>/<province>.%s  %s\n", f.ext, f.label)
	}
	b.WriteString("\nCSV 文件为 UTF-8（带 BOM，Excel 可直接打开），逗号分隔，第一行为英文列名。\nThe CSVs are UTF-8 with a byte order mark, comma-separated, with a header of English column names.\n")
	for _, t := range []struct {
		title string
		cols  []column
	}{{"长格式 CSV 与 Parquet（每个数字一行）/ long CSV and Parquet, one figure a row: <year>/<province>.csv.gz, .parquet", figureColumns},
		{"汇总 CSV（每份报告一行）/ summary CSV, one report a row: <year>/<province>.summary.csv.gz", summaryColumns(templates)}} {
		fmt.Fprintf(&b, "\n%s\n", t.title)
		for _, c := range t.cols {
			fmt.Fprintf(&b, "  %-26s %s：%s\n", c.key, c.zh, c.about)
		}
	}
	b.WriteString("\n报告没有给出的数字为空或不出现，不是0。以 = + - @ 开头而不是数字的单元格前加一个单引号 '，以免电子表格把它当作公式执行。\nA figure a report does not give is empty or absent, never 0. A cell starting with = + - @ that is not a number gets a leading ', so spreadsheets do not run it as a formula.\n")
	return b.Bytes()
}
