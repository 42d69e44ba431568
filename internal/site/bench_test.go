package site

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// synthesize writes a fake data folder: agencies × years reports, with obviously
// fake names ("测试市虚构局0001"), mixing the three templates by year (2017–2018
// "2008", 2019–2020 "2019", 2021– "2021"), across 31 fake provinces of 10 cities.
func synthesize(tb testing.TB, dir string, agencies, years int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	national := schema.National()
	narrative := strings.Repeat("本机关认真贯彻落实政府信息公开条例，持续推进政务公开标准化规范化建设。", 12)
	for a := range agencies {
		slug := fmt.Sprintf("fake-agency-%04d", a+1)
		prov, city := 11+a%31, 1+(a/31)%10
		for y := range years {
			year := 2017 + y
			r := &record.Record{
				Schema: record.SchemaVersion,
				Agency: record.Agency{
					Name:         fmt.Sprintf("测试市虚构局%04d", a+1),
					Province:     fmt.Sprintf("测试省%02d", prov),
					City:         fmt.Sprintf("测试%02d市", city),
					DivisionCode: fmt.Sprintf("%02d%02d00", prov, city),
				},
				Report:    record.Report{Year: year, Title: fmt.Sprintf("Fake Agency %04d %d年度政府信息公开工作年度报告", a+1, year)},
				Narrative: &record.Narrative{Overview: record.Text(narrative), ProblemsAndImprovements: record.Text(narrative[:300])},
				Provenance: map[string]record.Provenance{
					"proactive.total": {Line: 3, Text: "全年主动公开政府信息若干条"},
				},
			}
			set := func(path string, max int64) { r.SetInt(path, rng.Int64N(max)) }
			switch {
			case year <= 2018:
				r.SetTemplate(national.Lookup("2008"))
				set("proactive.total", 20000)
				var cats []record.Category
				for i := range 6 {
					cats = append(cats, record.Category{Name: fmt.Sprintf("虚构类别%d", i+1), Count: rng.Int64N(500)})
				}
				r.SetList("proactive.categories", cats)
				for _, f := range []struct {
					path string
					max  int64
				}{
					{"legacy_requests.received", 300}, {"legacy_requests.answered", 300},
					{"legacy_requests.outcomes.granted", 200}, {"legacy_requests.outcomes.partially_granted", 20},
					{"legacy_requests.outcomes.denied", 20}, {"legacy_requests.outcomes.not_held", 20},
					{"legacy_requests.denial_reasons.state_secret", 3}, {"legacy_requests.denial_reasons.privacy", 5},
					{"legacy_review.reviews", 10}, {"legacy_review.lawsuits", 5},
				} {
					set(f.path, f.max)
				}
			default:
				id := "2019"
				if year >= 2021 {
					id = "2021"
				}
				t := national.Lookup(id)
				r.SetTemplate(t)
				set("proactive.total", 20000)
				tb, _ := t.Table("requests")
				for _, row := range tb.Rows {
					var sum int64
					for _, c := range tb.Columns[:6] {
						v := rng.Int64N(40)
						r.SetInt(tb.Path(row, c), v)
						sum += v
					}
					r.SetInt(tb.Path(row, tb.Columns[6]), sum)
				}
				for _, f := range []struct {
					path string
					max  int64
				}{
					{"review.upheld", 10}, {"review.corrected", 5}, {"review.other", 5}, {"review.pending", 3}, {"review.total", 25},
					{"litigation_direct.upheld", 5}, {"litigation_direct.total", 8},
					{"proactive.licensing.decisions", 100000}, {"proactive.penalty.decisions", 100000},
				} {
					set(f.path, f.max)
				}
			}
			data, err := record.Encode(r)
			if err != nil {
				tb.Fatal(err)
			}
			p := filepath.Join(dir, "reports", slug, fmt.Sprintf("%d.toml", year))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				tb.Fatal(err)
			}
			text := filepath.Join(dir, "text", slug, fmt.Sprintf("%d.txt", year))
			os.MkdirAll(filepath.Dir(text), 0o755)
			os.WriteFile(text, []byte(strings.Repeat(narrative+"\n", 20)), 0o644)
		}
	}
}

// peakHeap samples the heap in use while f runs and returns its peak.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load()
}

// BenchmarkBuild builds a synthetic site of 10,000 reports across 2,000 agencies
// (500 across 100 with -short) and reports each phase, Hugo rendering the generated
// project alone, and the peak heap of the build and of that render.
//
//	go test ./internal/site -run XXX -bench Build -benchtime 1x
func BenchmarkBuild(b *testing.B) {
	agencies := 2000
	if testing.Short() {
		agencies = 100
	}
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(b, data, agencies, 5)
	opts := Options{DataDir: data, BaseURL: "/", Now: testNow}
	var st Stats
	var buildPeak, renderPeak uint64
	var renderAlone time.Duration
	for i := 0; b.Loop(); i++ {
		// Hugo alone on the generated project first, then the whole build: whichever
		// runs first pays for growing the heap and the file system's caches.
		siteDir := filepath.Join(dir, fmt.Sprintf("site%d", i))
		if _, err := Generate(opts, siteDir); err != nil {
			b.Fatal(err)
		}
		var err error
		t := time.Now()
		renderPeak = max(renderPeak, peakHeap(func() { _, err = Render(siteDir, filepath.Join(dir, fmt.Sprintf("alone%d", i)), "/") }))
		renderAlone = time.Since(t)
		if err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(siteDir)
		out := filepath.Join(dir, "public")
		buildPeak = max(buildPeak, peakHeap(func() { st, err = Build(opts, out) }))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Records), "reports")
	b.ReportMetric(float64(st.Pages), "pages")
	b.ReportMetric(st.Load.Seconds(), "load+check-s")
	b.ReportMetric(st.Gen.Seconds(), "generate-s")
	b.ReportMetric(st.Render.Seconds(), "render-s")
	b.ReportMetric(st.Total().Seconds(), "total-s")
	b.ReportMetric(renderAlone.Seconds(), "hugo-alone-s")
	b.ReportMetric(st.Total().Seconds()/renderAlone.Seconds(), "total/hugo-alone")
	b.ReportMetric(float64(buildPeak)/(1<<20), "build-peak-heap-MB")
	b.ReportMetric(float64(renderPeak)/(1<<20), "hugo-alone-peak-heap-MB")
	b.ReportMetric(float64(buildPeak)/float64(renderPeak), "peak/hugo-alone-peak")
}

// BenchmarkGenerate is the generate phase alone, on 2,000 synthetic reports.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(b, data, 400, 5)
	d, err := load(data, testNow, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if _, err := generate(d, Options{}.theme(), filepath.Join(dir, fmt.Sprintf("site%d", i)), true); err != nil {
			b.Fatal(err)
		}
	}
}
