package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The raw original and text of the test report: line 2 of the text says where the
// figure came from.
const (
	testRaw  = "测试局2017年政府信息公开工作年度报告\n全年收到申请5件。\n"
	testText = "测试局2017年政府信息公开工作年度报告\n全年收到申请5件。\n"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// testRecord is a small record of 测试局 for year, in the folder slug, whose raw
// original (raw/<slug>/<year>.txt) hashes to sum and whose figure came from line.
func testRecord(slug string, year int, sum string, line int, extra string) string {
	return fmt.Sprintf(`schema = 1

[agency]
name = "测试局"

[report]
year = %d
template = "2008"
reviewed = false

[source]
file = "raw/%s/%d.txt"
sha256 = %q
format = "text"

[legacy_requests]
received = 5

[provenance]
"legacy_requests.received" = { line = %d, text = "全年收到申请5件" }
%s`, year, slug, year, sum, line, extra)
}

// goodFolder is a data folder holding one report and its files, which agree.
func goodFolder(t *testing.T) string {
	return writeTree(t, map[string]string{
		"README.md":                   "# data/\n",
		"reports/ce-shi-ju/2017.toml": testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""),
		"raw/ce-shi-ju/2017.txt":      testRaw,
		"text/ce-shi-ju/2017.txt":     testText,
	})
}

func TestCheckGoodFolder(t *testing.T) {
	res, err := Check(goodFolder(t), now)
	if err != nil || res.Records != 1 || len(res.Errors) != 0 {
		t.Errorf("check: %d records, %v, %v", res.Records, res.Errors, err)
	}
}

// TestCheckRefusesLinks: a symbolic link anywhere in the data folder (a raw/<slug>
// or text/<slug> folder, a file, a record, an agency folder) is an error naming it,
// and CheckFiles (what a build calls first) refuses the folder. Before, check said
// nothing, and build published whatever the links pointed at.
func TestCheckRefusesLinks(t *testing.T) {
	outside := writeTree(t, map[string]string{
		"secret/config":  "token = 123",
		"secret.txt":     "token = 123",
		"other/2017.txt": testRaw,
	})
	links := map[string]string{
		"raw/lian-jie":                filepath.Join(outside, "secret"),     // a folder
		"text/ce-shi-ju/2016.txt":     filepath.Join(outside, "secret.txt"), // a file
		"reports/lian-jie-2":          filepath.Join(outside, "other"),      // an agency folder
		"reports/ce-shi-ju/2016.toml": filepath.Join(outside, "secret.txt"),
		"notes":                       "/etc", // anywhere
	}
	dir := goodFolder(t)
	for rel, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, rel)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Check(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for rel := range links {
		want = append(want, filepath.Join(dir, rel)+": a symbolic link")
	}
	assertProblems(t, "errors", res.Errors.Error(), want)

	err = CheckFiles(dir)
	if err == nil || strings.Count(err.Error(), "a symbolic link") != len(links) {
		t.Errorf("CheckFiles = %v", err)
	}
	if err := CheckFiles(goodFolder(t)); err != nil {
		t.Errorf("CheckFiles of a good folder = %v", err)
	}
}

// TestDataFolderMayBeALink: the data folder itself may be a link (the caller chose
// it); the files inside it are read as usual.
func TestDataFolderMayBeALink(t *testing.T) {
	link := filepath.Join(t.TempDir(), "data")
	if err := os.Symlink(goodFolder(t), link); err != nil {
		t.Fatal(err)
	}
	res, err := Check(link, now)
	if err != nil || res.Records != 1 || len(res.Errors) != 0 {
		t.Errorf("check: %d records, %v, %v", res.Records, res.Errors, err)
	}
}

func TestCheckRefusesSpecialFiles(t *testing.T) {
	dir := goodFolder(t)
	fifo := filepath.Join(dir, "text", "ce-shi-ju", "2016.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	res, err := Check(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	assertProblems(t, "errors", res.Errors.Error(), []string{fifo + ": not a regular file"})
}

// TestCheckRecordsAgreeWithFiles: a record out of step with its raw original or its
// text is an error; a sha256 that is not one is an error. Before, check verified
// neither (a non-hex sha256 passed).
func TestCheckRecordsAgreeWithFiles(t *testing.T) {
	const computed = `"legacy_requests.answered" = { line = 0, text = "计算值：按各项之和计算" }` + "\n"
	for _, tc := range []struct {
		name   string
		record string
		raw    string // "" for none
		want   string // "" for no error
	}{
		{"agree", testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""), testRaw, ""},
		{"computed figure without a line", testRecord("ce-shi-ju", 2017, sha(testRaw), 2, computed), testRaw, ""},
		{"raw changed", testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""), testRaw + "改动\n",
			":13: source.sha256 is " + sha(testRaw)[:12] + "…, but raw/ce-shi-ju/2017.txt hashes to " + sha(testRaw + "改动\n")[:12]},
		{"not hex", testRecord("ce-shi-ju", 2017, "not-a-hash", 2, ""), testRaw,
			`:13: source.sha256 "not-a-hash" is not a SHA-256: want 64 lower-case hexadecimal digits`},
		{"upper case", testRecord("ce-shi-ju", 2017, strings.ToUpper(sha(testRaw)), 2, ""), testRaw, "is not a SHA-256"},
		{"raw missing", testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""), "", ":12: source.file raw/ce-shi-ju/2017.txt is not in the data folder"},
		{"line past the text", testRecord("ce-shi-ju", 2017, sha(testRaw), 9, ""), testRaw,
			`:20: provenance."legacy_requests.received": line 9, but ` /* the text path */},
		{"line 0 of a read figure", testRecord("ce-shi-ju", 2017, sha(testRaw), 0, ""), testRaw,
			`provenance."legacy_requests.received": line 0, but only a computed figure`},
		{"source outside raw/", strings.Replace(testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""), `file = "raw/`, `file = "text/`, 1), testRaw,
			`:12: source.file "text/ce-shi-ju/2017.txt" is not a file under the data folder's raw/`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"reports/ce-shi-ju/2017.toml": tc.record,
				"text/ce-shi-ju/2017.txt":     testText,
			}
			if tc.raw != "" {
				files["raw/ce-shi-ju/2017.txt"] = tc.raw
			}
			dir := writeTree(t, files)
			res, err := Check(dir, now)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if len(res.Errors) > 0 {
					t.Errorf("errors:\n%v", res.Errors)
				}
				return
			}
			got, want := res.Errors.Error(), tc.want
			if strings.HasPrefix(want, ":") {
				want = filepath.Join(dir, "reports", "ce-shi-ju", "2017.toml") + want
			}
			if len(res.Errors) != 1 || !strings.Contains(got, want) {
				t.Errorf("errors:\n%v\nwant one with %q", got, tc.want)
			}
		})
	}
}

// TestCheckLimits: a file over the limit of its kind is an error, so that check
// refuses what build would refuse and import never writes. Before, a 10 MB text
// passed check and failed build. The big files are sparse.
func TestCheckLimits(t *testing.T) {
	dir := goodFolder(t)
	sparse := func(rel string, size int64) string {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		f.Truncate(size)
		f.Close()
		return p
	}
	text := sparse("text/ce-shi-ju/2016.txt", MaxTextBytes+1)
	raw := sparse("raw/ce-shi-ju/2016.pdf", MaxRawBytes+1)
	rec := sparse("reports/ce-shi-ju/2016.toml", MaxRecordBytes+1)
	sparse("raw/ce-shi-ju/2015.pdf", MaxRawBytes) // at the limit is fine
	res, err := Check(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	assertProblems(t, "errors", res.Errors.Error(), []string{
		text + ": 4.0 MB, more than the 4 MB a report's text may have",
		raw + ": 20.0 MB, more than the 20 MB a raw original may have",
		rec + ": 8.0 MB, more than the 8 MB a record file may have",
	})
}

// TestCheckRefusesUnsafeText: NUL, bidirectional controls, and names and titles
// past their limits are errors, each on its line.
func TestCheckRefusesUnsafeText(t *testing.T) {
	base := testRecord("ce-shi-ju", 2017, sha(testRaw), 2, "")
	edit := func(old, new string) string {
		s := strings.Replace(base, old, new, 1)
		if s == base {
			t.Fatalf("no %q in the record", old)
		}
		return s
	}
	long := strings.Repeat("测", MaxNameRunes-1) + "局"
	for name, tc := range map[string]struct{ record, want string }{
		"NUL":              {edit(`name = "测试局"`, `name = "测试\u0000局"`), ":4: agency.name holds U+0000 (NUL)"},
		"RLO in the name":  {edit(`name = "测试局"`, "name = \"测试\u202e局\""), ":4: agency.name holds U+202E (a bidirectional control"},
		"isolate in text":  {edit(`text = "全年`, "text = \"\u2066全年"), `:20: provenance."legacy_requests.received".text holds U+2066`},
		"escaped override": {edit(`name = "测试局"`, `name = "\u202D测试局"`), ":4: agency.name holds U+202D"},
		"bell":             {edit(`name = "测试局"`, `name = "测试\u0007局"`), ":4: agency.name holds U+0007 (a control character)"},
		"long name":        {edit(`name = "测试局"`, `name = "`+long+`测"`), fmt.Sprintf(":4: agency.name is %d characters long: a name has at most %d", MaxNameRunes+1, MaxNameRunes)},
		"long title":       {edit(`reviewed = false`, `title = "`+strings.Repeat("报", MaxTitleRunes+1)+`"`), fmt.Sprintf(":9: report.title is %d characters long: a title has at most %d", MaxTitleRunes+1, MaxTitleRunes)},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"reports/ce-shi-ju/2017.toml": tc.record, "raw/ce-shi-ju/2017.txt": testRaw})
			res, err := Check(dir, now)
			if err != nil {
				t.Fatal(err)
			}
			assertProblems(t, "errors", res.Errors.Error(), []string{filepath.Join(dir, "reports", "ce-shi-ju", "2017.toml") + tc.want})
		})
	}
	// At the limits is fine.
	ok := strings.Replace(base, `name = "测试局"`, `name = "`+long+`"`, 1)
	dir := writeTree(t, map[string]string{"reports/ce-shi-ju/2017.toml": ok, "raw/ce-shi-ju/2017.txt": testRaw})
	if res, _ := Check(dir, now); len(res.Errors) > 0 {
		t.Errorf("a name of %d characters: %v", MaxNameRunes, res.Errors)
	}
}

// TestCheckProvenanceQuote: a provenance line that exists but does not say what the
// record quotes is a warning (the text is not the one the record was read from).
func TestCheckProvenanceQuote(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"reports/ce-shi-ju/2017.toml": testRecord("ce-shi-ju", 2017, sha(testRaw), 2, ""),
		"raw/ce-shi-ju/2017.txt":      testRaw,
		"text/ce-shi-ju/2017.txt":     strings.Replace(testText, "5件", "6件", 1),
	})
	res, err := Check(dir, now)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("check: %v %v", res.Errors, err)
	}
	assertProblems(t, "warnings", res.Warnings.Error(), []string{filepath.Join(dir, "reports", "ce-shi-ju", "2017.toml") +
		`:20: provenance."legacy_requests.received" quotes "全年收到申请5件", which is not on line 2 of`})
}

// FuzzCheckRecord: any bytes give a record or problems, never a panic; an accepted
// record holds no string check refuses.
func FuzzCheckRecord(f *testing.F) {
	f.Add([]byte(testRecord("ce-shi-ju", 2017, sha(testRaw), 2, "")))
	f.Add([]byte(testRecord("ce-shi-ju", 2017, "x", 0, `"a" = { line = -1, text = "\u202e" }`)))
	f.Add([]byte("[agency]\nname = \"\\u0000\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := CheckRecord("f.toml", data, now)
		if err != nil {
			return
		}
		if ps := recordRules(r); len(ps) > 0 {
			t.Errorf("accepted a record with problems: %v", ps)
		}
	})
}
