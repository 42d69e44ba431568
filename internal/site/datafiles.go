package site

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
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
)

// The bulk dataset: every record, split by year and by the province of its agency's
// shard, in three formats: the figures in long format as CSV (gzip), the same
// figures as Parquet (for DuckDB, pandas or Arrow, which read only the columns and
// files a query needs, even over HTTP), and the whole records as JSON (gzip). A
// manifest, data/index.json, lists every file with its year, province, reports and
// size. The files replace the per-record JSON and CSV downloads: a report page links
// to the files of its year and province.
//
// While the records are read, each report's rows are appended to spill files in a
// temporary folder, in agency order (so the output is the same bytes every build);
// once all are read, each partition is written, one at a time per CPU, streaming: a
// build never holds the dataset in memory.

// datasetFormat is one format of the bulk dataset files.
type datasetFormat struct {
	ext   string // file name extension: data/<year>/<province>.<ext>
	label string // for readers
}

var datasetFormats = []datasetFormat{
	{"csv.gz", "CSV（gzip）"},
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
	key          partKey
	reports      int
	rows, values bytes.Buffer // pending figure rows (CSV, cells as they are) and JSON items
	rowsFile     string
	valuesFile   string
}

// partitions collect the dataset's rows by year and province.
type partitions struct {
	dir   string
	parts map[partKey]*partition
}

func newPartitions(dir string) (*partitions, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &partitions{dir: dir, parts: map[partKey]*partition{}}, nil
}

// reportRows is one report's part of the dataset: its figures as CSV lines (cells as
// the record has them) and the record as a JSON item.
type reportRows struct {
	key          partKey
	rows, values []byte
}

// rowsOf makes a report's dataset rows from its record file's bytes.
func rowsOf(e *entry, r *record.Record, data []byte) (reportRows, error) {
	out := reportRows{key: partKey{e.year, e.shard}}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	year := strconv.Itoa(e.year)
	for _, f := range record.Figures(r) {
		w.Write([]string{e.name, e.slug, year, f.Table, f.Row, f.Column, strconv.FormatFloat(f.Value, 'f', -1, 64)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return out, fmt.Errorf("%s: %w", e.path, err)
	}
	out.rows = buf.Bytes()
	v, err := recordValue(data)
	if err != nil {
		return out, fmt.Errorf("%s: %w", e.path, err)
	}
	js, err := json.Marshal(struct {
		Slug   string         `json:"agency_slug"`
		Year   int            `json:"year"`
		Record map[string]any `json:"record"`
	}{e.slug, e.year, v})
	if err != nil {
		return out, fmt.Errorf("%s: %w", e.path, err)
	}
	out.values = js
	return out, nil
}

// add appends a report's rows to its partition.
func (ps *partitions) add(rr reportRows) error {
	p := ps.parts[rr.key]
	if p == nil {
		name := strconv.Itoa(rr.key.year) + "-" + rr.key.shard
		p = &partition{key: rr.key, rowsFile: filepath.Join(ps.dir, name+".csv"), valuesFile: filepath.Join(ps.dir, name+".json")}
		ps.parts[rr.key] = p
	}
	if p.reports > 0 {
		p.values.WriteString(",\n")
	}
	p.reports++
	p.rows.Write(rr.rows)
	p.values.Write(rr.values)
	if p.rows.Len()+p.values.Len() >= spillChunk {
		return p.spill()
	}
	return nil
}

func (p *partition) spill() error {
	for _, f := range []struct {
		path string
		buf  *bytes.Buffer
	}{{p.rowsFile, &p.rows}, {p.valuesFile, &p.values}} {
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
	if err := p.spill(); err != nil {
		return nil, err
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

// eachRow calls f with every figure row of the partition, in order.
func (p *partition) eachRow(f func(row []string) error) error {
	in, err := os.Open(p.rowsFile)
	if os.IsNotExist(err) {
		return nil // no figures
	}
	if err != nil {
		return err
	}
	defer in.Close()
	r := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	r.FieldsPerRecord = len(csvHeader)
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
// header; cells a spreadsheet would run as formulas are neutralised (csvWriter).
func (p *partition) writeCSV(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzipLevel)
	zw.Header = gzipHeader
	cw := newCSV(zw)
	cw.Write(csvHeader)
	if err := p.eachRow(cw.Write); err != nil {
		return err
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// writeJSON writes the partition's records as gzip-compressed JSON:
// {"schema": N, "year": Y, "province": "NNNNNN", "reports": [{agency_slug, year, record}, …]}.
func (p *partition) writeJSON(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzipLevel)
	zw.Header = gzipHeader
	fmt.Fprintf(zw, "{\"schema\":%d,\"year\":%d,\"province\":%q,\"reports\":[\n", record.SchemaVersion, p.key.year, p.key.shard)
	in, err := os.Open(p.valuesFile)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if err == nil {
		_, err = io.Copy(zw, in)
		in.Close()
		if err != nil {
			return err
		}
	}
	io.WriteString(zw, "\n]}\n")
	return zw.Close()
}

var csvHeader = []string{"agency", "agency_slug", "year", "table", "row", "column", "value"}

// recordValue is a record as plain values, with the contract's keys: the TOML file
// decoded into maps, dates as YYYY-MM-DD.
func recordValue(data []byte) (map[string]any, error) {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return plain(m).(map[string]any), nil
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
