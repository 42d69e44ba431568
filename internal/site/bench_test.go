package site

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/schema"
)

// synthesize writes a fake data folder: agencies × years reports, with obviously
// fake names ("测试市虚构局0001"), mixing the three templates by year (2017–2018
// "2008", 2019–2020 "2019", 2021– "2021"), across 31 fake provinces of 10 cities.
// A report adds up as a real one mostly does: its tables balance (outcomes sum to
// their total, each row's total is its columns' sum, what is carried forward is
// carried over the next year) and its figures stay within synthBreadth of the
// agency's own from year to year; one report in synthBrokenEvery breaks one
// identity (an outcome one more than the total allows), so pages carry checks.
func synthesize(tb testing.TB, dir string, agencies, years int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	national := schema.National()
	for a := range agencies {
		slug := fmt.Sprintf("fake-agency-%04d", a+1)
		prov, city := 11+a%31, 1+(a/31)%10
		// The agency's scale: its figures vary around these from year to year.
		proactive, requests, decisions := 200+rng.Int64N(20000), 1+rng.Int64N(40), 100+rng.Int64N(100000)
		near := func(base int64) int64 { return base - base/synthBreadth + rng.Int64N(2*(base/synthBreadth)+1) }
		var carried map[string]int64 // the year before's carried_forward, by column
		for y := range years {
			year := 2017 + y
			narrative := synthNarrative(rng)
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
			broken := rng.IntN(synthBrokenEvery) == 0
			switch {
			case year <= 2018:
				r.SetTemplate(national.Lookup("2008"))
				var cats []record.Category
				var total int64
				for i := range 6 {
					n := near(proactive / 6)
					total += n
					cats = append(cats, record.Category{Name: fmt.Sprintf("虚构类别%d", i+1), Count: n})
				}
				if broken {
					total-- // the categories sum to one more than the total
				}
				r.SetInt("proactive.total", total)
				r.SetList("proactive.categories", cats)
				// On the scale of the later templates' six columns of applicants.
				granted, partly, denied, notHeld := near(12*requests), near(3*requests), near(requests+48), near(requests+18)
				answered := granted + partly + denied + notHeld
				for path, v := range map[string]int64{
					"legacy_requests.received": answered, "legacy_requests.answered": answered,
					"legacy_requests.outcomes.granted": granted, "legacy_requests.outcomes.partially_granted": partly,
					"legacy_requests.outcomes.denied": denied, "legacy_requests.outcomes.not_held": notHeld,
					"legacy_requests.denial_reasons.state_secret": denied / 2, "legacy_requests.denial_reasons.privacy": denied - denied/2,
					"legacy_review.reviews": rng.Int64N(5), "legacy_review.lawsuits": rng.Int64N(3),
				} {
					r.SetInt(path, v)
				}
				carried = nil
			default:
				id := "2019"
				if year >= 2021 {
					id = "2021"
				}
				t := national.Lookup(id)
				r.SetTemplate(t)
				r.SetInt("proactive.total", near(proactive))
				tb, _ := t.Table("requests")
				cols := tb.Columns[:len(tb.Columns)-1] // the applicants; the last is their total
				sums := map[string]int64{}             // by row: the row's total column
				set := func(row schema.Row, c schema.Column, v int64) {
					r.SetInt(tb.Path(row, c), v)
					sums[row.Key] += v
				}
				next := map[string]int64{}
				for ci, c := range cols {
					var total, other int64
					for _, row := range tb.Rows {
						var v int64
						switch {
						case row.Group == "" || row.Key == "total" || row.Key == "other" && row.Hidden:
							continue // below
						case row.Key == "granted":
							v = near(requests * 2)
						case row.Key == "partially_granted":
							v = near(requests / 2)
						default:
							v = rng.Int64N(3)
						}
						if row.Group == "other" {
							other += v
						}
						set(row, c, v)
						total += v
					}
					for _, row := range tb.Rows {
						if row.Key == "other" && row.Hidden {
							set(row, c, other)
						}
					}
					forward := rng.Int64N(4)
					over, ok := carried[c.Key]
					if !ok {
						over = rng.Int64N(4)
					}
					next[c.Key] = forward
					if broken && ci == 0 {
						total-- // the outcomes sum to one more than the total
					}
					for _, row := range tb.Rows {
						switch row.Key {
						case "total":
							set(row, c, total)
						case "carried_forward":
							set(row, c, forward)
						case "carried_over":
							set(row, c, over)
						case "new_received":
							set(row, c, max(0, total+forward-over))
						}
					}
				}
				for _, row := range tb.Rows {
					r.SetInt(tb.Path(row, tb.Columns[len(tb.Columns)-1]), sums[row.Key])
				}
				carried = next
				review := [4]int64{rng.Int64N(6), rng.Int64N(3), rng.Int64N(3), rng.Int64N(2)}
				suit := [4]int64{rng.Int64N(4), rng.Int64N(2), rng.Int64N(2), rng.Int64N(2)}
				for i, k := range []string{"upheld", "corrected", "other", "pending"} {
					r.SetInt("review."+k, review[i])
					r.SetInt("litigation_direct."+k, suit[i])
				}
				r.SetInt("review.total", review[0]+review[1]+review[2]+review[3])
				r.SetInt("litigation_direct.total", suit[0]+suit[1]+suit[2]+suit[3])
				r.SetInt("proactive.licensing.decisions", near(decisions))
				r.SetInt("proactive.penalty.decisions", near(decisions))
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
			os.WriteFile(text, []byte(strings.Repeat(narrative+"\n", synthTextBytes/len(narrative)+1)), 0o644)
		}
	}
}

// synthNarrative is a fake narrative of a few fixed sentences and others drawn from
// a pool, so that an agency's narratives repeat each other in part, as real ones do.
func synthNarrative(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("本机关认真贯彻落实政府信息公开条例。持续推进政务公开标准化规范化建设。")
	who := []string{"办公室", "法制科", "信息中心", "各业务科室"}
	did := []string{"完善了", "梳理了", "更新了", "公开了"}
	what := []string{"主动公开目录", "依申请公开流程", "政策解读材料", "政府信息公开指南"}
	how := []string{"按季度通报进展", "纳入年度考核", "接受社会监督", "及时回应关切"}
	for range 16 {
		b.WriteString(who[rng.IntN(4)] + did[rng.IntN(4)] + what[rng.IntN(4)] + "，并" + how[rng.IntN(4)] + "。")
	}
	return b.String()
}

// The synthetic reports' variation and faults (synthesize).
const (
	synthBreadth     = 10 // an agency's figures vary by ±1/synthBreadth from year to year
	synthBrokenEvery = 5  // one report in 5 breaks one identity
	// synthTextBytes is about the size of a synthetic source text: 25 KB, above the
	// corpus's real ones (4–17 KB).
	synthTextBytes = 25000
)

// peak is what a measured call used: its time, the peak of the heap in use (sampled)
// and the peak resident memory of the process (Linux: VmHWM, reset before the call;
// elsewhere the heap peak).
type peak struct {
	time      time.Duration
	cpu       time.Duration // user and system time of the process: on a shared machine, steadier than the time
	sys       time.Duration // the system time alone: mostly the kernel creating and writing files
	heap, rss uint64
	// What the garbage collector took (runtime/metrics): its share of the
	// runtime's CPU estimate, which varies less than CPU seconds on a loaded
	// machine, its cycles and what was allocated.
	gcShare         float64
	gcCycles        uint64
	allocs, objects uint64
}

// keepFaster makes p the faster of p and q, a second measurement of the same work:
// the shorter time, the smaller CPU (with its system part), and the larger peak
// memory. On a shared machine one measurement can be far off.
func (p *peak) keepFaster(q peak) {
	if q.time < p.time {
		p.time = q.time
	}
	if q.cpu < p.cpu {
		p.cpu, p.sys = q.cpu, q.sys
	}
	p.rss, p.heap = max(p.rss, q.rss), max(p.heap, q.heap)
}

// gcMetrics are the runtime/metrics measure reads, in the order gcReadings returns them.
var gcMetrics = []string{"/cpu/classes/gc/total:cpu-seconds", "/cpu/classes/total:cpu-seconds", "/gc/cycles/total:gc-cycles", "/gc/heap/allocs:bytes", "/gc/heap/allocs:objects"}

// gcReadings reads gcMetrics, each as a float64.
func gcReadings() []float64 {
	ss := make([]metrics.Sample, len(gcMetrics))
	for i, n := range gcMetrics {
		ss[i].Name = n
	}
	metrics.Read(ss)
	out := make([]float64, len(ss))
	for i, s := range ss {
		switch s.Value.Kind() {
		case metrics.KindFloat64:
			out[i] = s.Value.Float64()
		case metrics.KindUint64:
			out[i] = float64(s.Value.Uint64())
		}
	}
	return out
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	u, s := cpuTimes()
	return u + s
}

// cpuTimes are the user and the system time the process has used.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// measure runs f and returns its time and memory peaks. The garbage collector runs
// first and returns freed memory to the system, so each call starts from the live
// heap alone.
func measure(f func()) peak {
	runtime.GC()
	debug.FreeOSMemory()
	resetRSS := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	var heap atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > heap.Load() {
				heap.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	t, g := time.Now(), gcReadings()
	u, sys := cpuTimes()
	f()
	p := peak{time: time.Since(t)}
	u1, sys1 := cpuTimes()
	p.cpu, p.sys = u1-u+sys1-sys, sys1-sys
	g1 := gcReadings()
	if total := g1[1] - g[1]; total > 0 {
		p.gcShare = (g1[0] - g[0]) / total
	}
	p.gcCycles, p.allocs, p.objects = uint64(g1[2]-g[2]), uint64(g1[3]-g[3]), uint64(g1[4]-g[4])
	close(done)
	wg.Wait()
	p.heap = heap.Load()
	p.rss = p.heap
	if resetRSS {
		if hwm := vmHWM(); hwm > 0 {
			p.rss = hwm
		}
	}
	return p
}

// vmHWM is the process's peak resident memory since the last reset, from
// /proc/self/status, or 0.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// hugoFloor writes the smallest Hugo project with the site's pages: one page per
// report and per agency, each printing its title, and nothing else. Rendering it is
// the time and memory Hugo itself needs for that many pages: the floor a build is
// measured against.
func hugoFloor(tb testing.TB, dir string, agencies, years int) {
	tb.Helper()
	files := map[string]string{
		"config.toml":          "baseURL = \"/\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"robotstxt\"]\n",
		"layouts/home.html":    "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>\n",
		"layouts/section.html": "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>\n",
		"layouts/page.html":    "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>\n",
	}
	for a := range agencies {
		slug := fmt.Sprintf("fake-agency-%04d", a+1)
		files["content/agency/"+slug+"/_index.md"] = fmt.Sprintf("{\"title\": \"测试市虚构局%04d\"}\n", a+1)
		for y := range years {
			files[fmt.Sprintf("content/agency/%s/%d/index.md", slug, 2017+y)] = fmt.Sprintf("{\"title\": \"测试市虚构局%04d %d年度\"}\n", a+1, 2017+y)
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// outputSize is what a built site weighs: every file, the report pages
// (agency/<slug>/<year>/index.html) and the reports' source material (their
// normalized text and raw original, published as the data folder has them).
type outputSize struct {
	total, pages, maxPage, source int64
	nPages                        int
}

func measureOutput(tb testing.TB, dir string) outputSize {
	tb.Helper()
	var s outputSize
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n := fi.Size()
		s.total += n
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		parts := strings.Split(rel, "/")
		if len(parts) == 4 && parts[0] == "agency" && len(parts[2]) == 4 {
			switch {
			case parts[3] == "index.html":
				s.pages += n
				s.nPages++
				s.maxPage = max(s.maxPage, n)
			case parts[3] == "text.txt" || strings.HasPrefix(parts[3], "original"):
				s.source += n
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// benchAgencies is the number of agencies (of 5 reports each) BenchmarkBuild
// synthesizes: 2,000 (10,000 reports), 100 with -short, or NIANBAO_BENCH_AGENCIES.
func benchAgencies(tb testing.TB) int {
	if s := os.Getenv("NIANBAO_BENCH_AGENCIES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			tb.Fatalf("NIANBAO_BENCH_AGENCIES=%q: want a number of agencies", s)
		}
		return n
	}
	if testing.Short() {
		return 100
	}
	return 2000
}

// BenchmarkBuild builds a synthetic site of 10,000 reports across 2,000 agencies
// (see benchAgencies) and measures, side by side in one run: the Hugo floor (the
// smallest Hugo site with one page per report and per agency, hugoFloor, rendered
// before and after the build, the faster counting), plain Hugo rendering the
// generated project, and the whole build: by default (with English report pages),
// run before and after the second floor, the faster counting, and without English
// report pages (no-english-*). It reports each one's time, CPU (and the system's
// part of it) and peak memory (resident, and heap in use), the build's garbage
// collection (its share of CPU, cycles, bytes allocated), the build's phases, and
// its output: bytes per report (everything, and without the reports' source texts
// and originals) and the report pages' mean and largest size.
// The builds run with the garbage collector set as nianbao build sets it (TuneGC).
//
//	go test ./internal/site -run XXX -bench 'Build$' -benchtime 1x
func BenchmarkBuild(b *testing.B) {
	agencies := benchAgencies(b)
	const years = 5
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(b, data, agencies, years)
	// The build is the site as built by default, with the English report pages;
	// the same build without them (Options.NoEnglishReports), as a national-scale
	// build may be, is measured after it, unless NIANBAO_BENCH_NO_ENGLISH=0.
	// NIANBAO_BENCH_NO_ENGLISH=1 measures only that one.
	noEnglish := os.Getenv("NIANBAO_BENCH_NO_ENGLISH")
	opts := Options{DataDir: data, BaseURL: "/", Now: testNow, NoEnglishReports: noEnglish == "1"}
	// Both builds run with the garbage collector set as nianbao build sets it
	// (TuneGC), unless NIANBAO_BENCH_DEFAULT_GC=1; the floor and Hugo alone run
	// with Go's default, as plain hugo does.
	build1 := func(opts Options, out string) (Stats, error) {
		if os.Getenv("NIANBAO_BENCH_DEFAULT_GC") != "1" {
			defer TuneGC()()
		}
		return Build(opts, out)
	}
	var st Stats
	var floor, alone, build, plain peak
	var plainOut outputSize
	for i := 0; b.Loop(); i++ {
		// The floor first, then Hugo alone on the generated project, then the whole
		// build: each starts from the live heap (measure), and the file system's
		// caches are warm for the build, as they are for the floor.
		floorDir := filepath.Join(dir, fmt.Sprintf("floor%d", i))
		hugoFloor(b, floorDir, agencies, years)
		var err error
		floor = measure(func() { _, err = Render(floorDir, filepath.Join(dir, fmt.Sprintf("floor-out%d", i)), "/") })
		if err != nil {
			b.Fatal(err)
		}
		siteDir := filepath.Join(dir, fmt.Sprintf("site%d", i))
		if _, err := Generate(opts, siteDir); err != nil {
			b.Fatal(err)
		}
		alone = measure(func() { _, err = Render(siteDir, filepath.Join(dir, fmt.Sprintf("alone%d", i)), "/") })
		if err != nil {
			b.Fatal(err)
		}
		// Nothing is deleted until the end (b.TempDir): on a file system that
		// discards freed blocks (ext4 -o discard), creating files right after a large
		// delete costs several times the system time, which would be charged to
		// whichever measurement comes next.
		build = measure(func() { st, err = build1(opts, filepath.Join(dir, "public")) })
		if err != nil {
			b.Fatal(err)
		}
		if noEnglish == "" {
			o := opts
			o.NoEnglishReports = true
			out := filepath.Join(dir, "public-without-english")
			plain = measure(func() { _, err = build1(o, out) })
			if err != nil {
				b.Fatal(err)
			}
			plainOut = measureOutput(b, out)
		}
		// The floor again, after the build: on a shared machine one measurement can
		// be far off; the faster of the two is the floor.
		againDir := filepath.Join(dir, fmt.Sprintf("floor-again-project%d", i))
		hugoFloor(b, againDir, agencies, years)
		again := measure(func() { _, err = Render(againDir, filepath.Join(dir, fmt.Sprintf("floor-again%d", i)), "/") })
		if err != nil {
			b.Fatal(err)
		}
		floor.keepFaster(again)
		// The build again too, last, for the same reason: its time and CPU are the
		// faster of the two, as the floor's are, and its peak memory the larger.
		buildAgain := measure(func() { _, err = build1(opts, filepath.Join(dir, "public-again")) })
		if err != nil {
			b.Fatal(err)
		}
		build.keepFaster(buildAgain)
	}
	out := measureOutput(b, filepath.Join(dir, "public"))
	n := float64(st.Records)
	mb := func(v uint64) float64 { return float64(v) / (1 << 20) }
	b.ReportMetric(n, "reports")
	b.ReportMetric(float64(st.Pages), "pages")
	b.ReportMetric(st.Load.Seconds(), "load+check-s")
	b.ReportMetric(st.Gen.Seconds(), "generate-s")
	b.ReportMetric(st.Render.Seconds(), "render-s")
	b.ReportMetric(build.time.Seconds(), "build-s")
	b.ReportMetric(alone.time.Seconds(), "hugo-alone-s")
	b.ReportMetric(floor.time.Seconds(), "floor-s")
	b.ReportMetric(build.time.Seconds()/floor.time.Seconds(), "build/floor")
	b.ReportMetric(build.cpu.Seconds(), "build-cpu-s")
	b.ReportMetric(floor.cpu.Seconds(), "floor-cpu-s")
	b.ReportMetric(alone.cpu.Seconds(), "hugo-alone-cpu-s")
	b.ReportMetric(build.cpu.Seconds()/floor.cpu.Seconds(), "build/floor-cpu")
	b.ReportMetric(mb(build.rss), "build-peak-rss-MB")
	b.ReportMetric(100*build.gcShare, "build-gc-%cpu")
	b.ReportMetric(float64(build.gcCycles), "build-gc-cycles")
	b.ReportMetric(build.sys.Seconds(), "build-sys-cpu-s")
	b.ReportMetric(floor.sys.Seconds(), "floor-sys-cpu-s")
	b.ReportMetric(mb(build.allocs), "build-alloc-MB")
	b.ReportMetric(mb(build.heap), "build-peak-heap-MB")
	b.ReportMetric(mb(alone.rss), "hugo-alone-peak-rss-MB")
	b.ReportMetric(mb(floor.rss), "floor-peak-rss-MB")
	b.ReportMetric(float64(out.total)/n/1024, "output-KB/report")
	b.ReportMetric(float64(out.total-out.source)/n/1024, "output-without-source-KB/report")
	b.ReportMetric(float64(out.pages)/float64(max(out.nPages, 1))/1024, "page-KB")
	b.ReportMetric(float64(out.maxPage)/1024, "max-page-KB")
	if noEnglish == "" {
		b.ReportMetric(plain.cpu.Seconds(), "no-english-build-cpu-s")
		b.ReportMetric(plain.cpu.Seconds()/floor.cpu.Seconds(), "no-english-build/floor-cpu")
		b.ReportMetric(mb(plain.rss), "no-english-build-peak-rss-MB")
		b.ReportMetric(100*plain.gcShare, "no-english-build-gc-%cpu")
		b.ReportMetric(mb(plain.allocs), "no-english-build-alloc-MB")
		b.ReportMetric(float64(plainOut.total-plainOut.source)/n/1024, "no-english-output-without-source-KB/report")
	}
}

// BenchmarkGenerate is the generate phase alone, on 2,000 synthetic reports.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(b, data, 400, 5)
	for i := 0; b.Loop(); i++ {
		if _, _, err := generateProject(Options{DataDir: data, Now: testNow, private: true}, filepath.Join(dir, fmt.Sprintf("site%d", i))); err != nil {
			b.Fatal(err)
		}
	}
}
