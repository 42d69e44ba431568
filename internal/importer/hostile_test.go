package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/extract/decode"
	"github.com/nianbao/nianbao/internal/store"
)

const seedReport = "../extract/testdata/corpus/seeds/001_f0fa1c2612b109d1.txt" // 西峰区人民政府 2017

// writeReport copies the seed report to dir/name, with a meta file naming agency
// when agency is not "".
func writeReport(t *testing.T, dir, name, agency string) string {
	t.Helper()
	data, err := os.ReadFile(seedReport)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if agency != "" {
		meta := fmt.Sprintf("[agency]\nname = %q\nprovince = \"甘肃省\"\n", agency)
		if err := os.WriteFile(metaPath(p), []byte(meta), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func checkFolder(t *testing.T, data string, records int) {
	t.Helper()
	res, err := store.Check(data, time.Now())
	if err != nil || len(res.Errors) > 0 || res.Records != records {
		t.Errorf("check: %d records (want %d), %v %v", res.Records, records, res.Errors, err)
	}
}

// TestConcurrentImports: two imports at once of two agencies whose names spell the
// same in pinyin (西峰区 and 希峰区: xi-feng-qu-…) both keep their record, in two
// folders. Before, both saw the folder free, both reported "imported", and the
// second record overwrote the first.
func TestConcurrentImports(t *testing.T) {
	src := t.TempDir()
	a := writeReport(t, src, "a.txt", "西峰区人民政府")
	b := writeReport(t, src, "b.txt", "希峰区人民政府")
	data := t.TempDir()

	// Both extractions finish before either import writes (or, once imports take
	// the lock, the second waits and the first goes on after a while).
	var barrier sync.WaitGroup
	barrier.Add(2)
	progress := func(int, int, string) {
		barrier.Done()
		wait := make(chan struct{})
		go func() { barrier.Wait(); close(wait) }()
		select {
		case <-wait:
		case <-time.After(500 * time.Millisecond):
		}
	}
	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	errs := make([]error, 2)
	for i, f := range []string{a, b} {
		wg.Go(func() {
			sums[i], errs[i] = Import(context.Background(), []string{f}, Options{DataDir: data, Jobs: 1, Progress: progress})
		})
	}
	wg.Wait()
	records := map[string]bool{}
	for i := range sums {
		if errs[i] != nil || sums[i].Counts[Imported] != 1 {
			t.Fatalf("import %d: %+v %v", i, sums[i].Results, errs[i])
		}
		records[sums[i].Results[0].Record] = true
	}
	if len(records) != 2 {
		t.Errorf("both imports wrote %v", records)
	}
	for _, slug := range []string{"xi-feng-qu-ren-min-zheng-fu", "xi-feng-qu-ren-min-zheng-fu-2"} {
		if _, err := os.Stat(store.RecordPath(data, slug, 2017)); err != nil {
			t.Error(err)
		}
	}
	checkFolder(t, data, 2)
}

// TestImportWaitsForTheLock: an import into a folder another holds says so, and
// waits.
func TestImportWaitsForTheLock(t *testing.T) {
	src := t.TempDir()
	f := writeReport(t, src, "a.txt", "")
	data := t.TempDir()
	folder, _ := store.Open(data)
	held, err := folder.Lock(context.Background(), time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 1)
	done := make(chan Summary)
	go func() {
		sum, _ := Import(context.Background(), []string{f}, Options{DataDir: data, Waiting: func(h string) { waiting <- h }})
		done <- sum
	}()
	select {
	case h := <-waiting:
		if !strings.Contains(h, fmt.Sprint(os.Getpid())) {
			t.Errorf("waiting for %q", h)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second import did not say it waits")
	}
	held.Close()
	if sum := <-done; sum.Counts[Imported] != 1 {
		t.Errorf("after the wait: %+v", sum.Results)
	}
}

// TestImportRefusesLinkedInputs: a symbolic link given to import, or found in a
// folder it is given, fails with the reason; the other files are imported. Before,
// import followed them.
func TestImportRefusesLinkedInputs(t *testing.T) {
	src := t.TempDir()
	good := writeReport(t, src, "good.txt", "")
	elsewhere := t.TempDir()
	target := writeReport(t, elsewhere, "target.txt", "测试局")
	inFolder := filepath.Join(src, "linked.txt")
	os.Symlink(target, inFolder)
	given := filepath.Join(t.TempDir(), "given.txt")
	os.Symlink(target, given)
	linkedMeta := writeReport(t, src, "meta.txt", "")
	os.Symlink(metaPath(target), metaPath(linkedMeta))

	data := t.TempDir()
	sum, err := Import(context.Background(), []string{src, given}, Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		good:       "",
		inFolder:   "a symbolic link (to " + target + "): import reads files and folders, not links",
		linkedMeta: metaPath(linkedMeta) + ": a symbolic link",
		given:      "a symbolic link",
	}
	for _, r := range sum.Results {
		w, ok := want[r.File]
		switch {
		case !ok:
			t.Errorf("unexpected result %+v", r)
		case w == "" && r.Outcome != Imported:
			t.Errorf("%s: %s %s", r.File, r.Outcome, r.Reason)
		case w != "" && (r.Outcome != Failed || !strings.Contains(r.Reason, w)):
			t.Errorf("%s: %s %q, want failure with %q", r.File, r.Outcome, r.Reason, w)
		}
	}
	if len(sum.Results) != 4 || sum.Counts[Imported] != 1 {
		t.Errorf("results %+v", sum.Results)
	}
}

// TestImportNeverWritesThroughLinks: a data folder whose raw/<slug> is a link to a
// folder outside: the report fails, nothing outside is written or removed (the
// stale original of another extension included). Before, import wrote the raw
// original through the link and removed 2017.pdf beside it.
func TestImportNeverWritesThroughLinks(t *testing.T) {
	src := t.TempDir()
	f := writeReport(t, src, "a.txt", "")
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "2017.pdf"), []byte("keep me"), 0o644)
	data := t.TempDir()
	os.Mkdir(filepath.Join(data, "raw"), 0o755)
	link := filepath.Join(data, "raw", "xi-feng-qu-ren-min-zheng-fu")
	os.Symlink(outside, link)
	sum, err := Import(context.Background(), []string{f}, Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Outcome != Failed || !strings.Contains(r.Reason, link+": a symbolic link; import does not write through one") {
		t.Errorf("%s %q", r.Outcome, r.Reason)
	}
	ents, _ := os.ReadDir(outside)
	if len(ents) != 1 || ents[0].Name() != "2017.pdf" {
		t.Errorf("outside the data folder: %v", ents)
	}
	if _, err := os.Stat(store.RecordPath(data, "xi-feng-qu-ren-min-zheng-fu", 2017)); err == nil {
		t.Error("the record was written without its raw original")
	}
}

// TestImportPathsFailAlone: a missing path fails on its own (the others are
// imported, and the summary says so), and a folder with no report in it fails
// saying there was none. Before, a missing path aborted the whole import with no
// summary, and an empty folder only gave "imported 0".
func TestImportPathsFailAlone(t *testing.T) {
	src := t.TempDir()
	good := writeReport(t, src, "good.txt", "")
	missing := filepath.Join(src, "missing.txt")
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.docx.bak"), []byte("x"), 0o644)
	sum, err := Import(context.Background(), []string{missing, good, empty}, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Results) != 3 || sum.Counts[Imported] != 1 || sum.Counts[Failed] != 2 {
		t.Fatalf("results %+v", sum.Results)
	}
	for i, want := range []string{"no such file or folder", "", "no report files in this folder"} {
		r := sum.Results[i]
		if want != "" && (r.Outcome != Failed || !strings.Contains(r.Reason, want)) {
			t.Errorf("%s: %s %q, want %q", r.File, r.Outcome, r.Reason, want)
		}
	}
}

// TestImportTextLimit: a report whose normalized text is over store.MaxTextBytes
// fails at import. Before, it was imported, passed check, and failed build.
func TestImportTextLimit(t *testing.T) {
	if decode.MaxTextSize != store.MaxTextBytes {
		t.Fatalf("decode reads texts of up to %d bytes, the data folder holds %d: one limit", decode.MaxTextSize, store.MaxTextBytes)
	}
	seed, _ := os.ReadFile(seedReport)
	var b strings.Builder
	b.Write(seed)
	for i := 0; b.Len() <= store.MaxTextBytes*9/8; i++ { // normalization drops a little
		fmt.Fprintf(&b, "第%d条补充说明：本机关依法做好政府信息公开工作。\n", i)
	}
	f := filepath.Join(t.TempDir(), "long.txt")
	os.WriteFile(f, []byte(b.String()), 0o644)
	data := t.TempDir()
	sum, err := Import(context.Background(), []string{f}, Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	// Decoding stops at the same limit (decode.MaxTextSize), before the text is
	// written; either says the text is too large.
	if r := sum.Results[0]; r.Outcome != Failed || !strings.Contains(r.Reason, "text too large") && !strings.Contains(r.Reason, "more than the 4 MB it may have") {
		t.Errorf("%s %q", r.Outcome, r.Reason)
	}
	if got := tree(t, data); len(got) != 0 {
		t.Errorf("a failed import wrote %v", keys(got))
	}
}

// TestImportMetaYear: a year out of range from a meta file is an error naming the
// meta file and its line, not the record it would have made.
func TestImportMetaYear(t *testing.T) {
	src := t.TempDir()
	f := writeReport(t, src, "a.txt", "")
	meta := metaPath(f)
	os.WriteFile(meta, []byte("# a typo\n[report]\nyear = 1917\n"), 0o644)
	sum, err := Import(context.Background(), []string{f}, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Outcome != Failed || !strings.HasPrefix(r.Reason, meta+":3: report.year = 1917: want a statistics year from 2007") {
		t.Errorf("%s %q", r.Outcome, r.Reason)
	}
}

// TestImportHint: a report that does not say who made it: the reason says to put a
// meta file beside it, and which, not to use a flag import does not have.
func TestImportHint(t *testing.T) {
	data, _ := os.ReadFile("../extract/testdata/corpus/seeds/004_d9f7402dada6cbef.txt") // only says 我局
	f := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(f, data, 0o644)
	sum, err := Import(context.Background(), []string{f}, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	r := sum.Results[0]
	if r.Outcome != Failed || !strings.Contains(r.Reason, "REPORT.meta.toml beside the report") || !strings.Contains(r.Reason, "for this report: "+metaPath(f)) ||
		strings.Contains(r.Reason, "give it with --meta") {
		t.Errorf("%s %q", r.Outcome, r.Reason)
	}
}

// TestImportWritesAsItGoes: each record is written as soon as it is extracted (in
// the order given), not all at the end: when the fifth file of five is extracted,
// with one job, the first three are on disk. Before, nothing was written until all
// were extracted, so a crash near the end lost all the work.
func TestImportWritesAsItGoes(t *testing.T) {
	src := t.TempDir()
	var files []string
	for i := range 5 {
		files = append(files, writeReport(t, src, fmt.Sprintf("r%d.txt", i), fmt.Sprintf("测试%d局", i)))
	}
	data := t.TempDir()
	var onDisk int
	progress := func(done, total int, file string) {
		if done == total {
			for i := range 5 {
				if _, err := os.Stat(store.RecordPath(data, fmt.Sprintf("ce-shi-%d-ju", i), 2017)); err == nil {
					onDisk++
				}
			}
		}
	}
	sum, err := Import(context.Background(), files, Options{DataDir: data, Jobs: 1, Progress: progress})
	if err != nil || sum.Counts[Imported] != 5 {
		t.Fatalf("%+v %v", sum.Results, err)
	}
	if onDisk < 3 {
		t.Errorf("%d records were on disk when the last file was extracted, want 3 or more", onDisk)
	}
}

// TestImportInterrupted: an import whose context is cancelled (as SIGINT or SIGTERM
// does) stops, says how far it got, and leaves no temporary file: every report it
// wrote is whole, and the folder checks.
func TestImportInterrupted(t *testing.T) {
	src := t.TempDir()
	var files []string
	for i := range 6 {
		files = append(files, writeReport(t, src, fmt.Sprintf("r%d.txt", i), fmt.Sprintf("测试%d局", i)))
	}
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int, file string) {
		if done == 3 {
			cancel()
		}
	}
	sum, err := Import(ctx, files, Options{DataDir: data, Jobs: 1, Progress: progress})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupted after") {
		t.Errorf("err = %v", err)
	}
	if n := len(sum.Results); n == 0 || n >= 6 || sum.Counts[Imported] != n {
		t.Errorf("results %+v", sum.Results)
	}
	ents, _ := os.ReadDir(filepath.Join(data, ".import"))
	if len(ents) != 1 || ents[0].Name() != "lock" {
		t.Errorf(".import holds %v", ents)
	}
	checkFolder(t, data, len(sum.Results))
}
