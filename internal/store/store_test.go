package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// writeTree writes files (slash paths relative to dir) and returns dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "record", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCheck(t *testing.T) {
	huaian := readFixture(t, "corpus/huaian-2024.expected.toml")
	huaian2023 := strings.Replace(huaian, "year = 2024", "year = 2023", 1)
	dir := writeTree(t, map[string]string{
		"reports/huaian/2024.toml":       huaian,
		"reports/huaian/2023.toml":       huaian2023, // carried forward 103, but 2024 carried over 34
		"reports/huaian-copy/2024.toml":  huaian,     // the same agency and year twice
		"reports/huaian-wrong/2022.toml": huaian,     // and named after the wrong year
		"reports/broken/2019.toml":       "schema = 1\n[agency\nname = \"x\"\n",
		"reports/bad-values/2020.toml": `[agency]
name = "测试县测试局"
nickname = "测试"
[report]
year = 2020
template = "2019"
[requests.granted]
total = -1
`,
		"reports/loose.toml":           "x = 1",
		"reports/Not_A_Slug/2020.toml": huaian,
		"reports/huaian/2024.pdf":      "not a record",
		"reports/huaian/notes.toml":    huaian,
	})
	res, err := Check(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	wantErrors := []string{
		p("reports/Not_A_Slug/2020.toml") + `: agency folder "Not_A_Slug" is not a slug`,
		p("reports/bad-values/2020.toml") + ":3: unknown key agency.nickname",
		p("reports/bad-values/2020.toml") + ":8: requests.granted.total = -1: a count cannot be negative",
		p("reports/broken/2019.toml") + ":2: TOML syntax: expected ']' to close table name",
		p("reports/huaian-copy/2024.toml") + ":10: 淮安市人民政府 2024 is recorded 3 times: also in " +
			p("reports/huaian-wrong/2022.toml") + ", " + p("reports/huaian/2024.toml"),
		p("reports/huaian/2024.toml") + ":10: 淮安市人民政府 2024 is recorded 3 times: also in " +
			p("reports/huaian-copy/2024.toml") + ", " + p("reports/huaian-wrong/2022.toml"),
		p("reports/huaian-wrong/2022.toml") + ":17: report.year = 2024, but the file is named 2022.toml",
		p("reports/huaian-wrong/2022.toml") + ":10: 淮安市人民政府 2024 is recorded 3 times",
		p("reports/huaian/notes.toml") + ": a record file is named after its year",
		p("reports/loose.toml") + ": record files live at",
	}
	assertProblems(t, "errors", res.Errors.Error(), wantErrors)
	wantWarnings := []string{
		// The 2023 copy holds the same 现行有效件数: the 2024 figures do not follow.
		p("reports/huaian/2024.toml") + ":31: 规章：现行有效11件，与2023年报告的现行有效11件加本年制发1件、减本年废止0件所得12件不符 [proactive.in_force]",
		p("reports/huaian/2024.toml") + ":35: 行政规范性文件：现行有效66件，与2023年报告的现行有效66件加本年制发8件、减本年废止26件所得48件不符 [proactive.in_force]",
		p("reports/huaian/2024.toml") + ":55: “自然人”一列：上年结转34件，与2023年报告的结转下年度继续办理103件不符 [requests.carry_over]",
		p("reports/huaian/2024.toml") + ":61: “总计”一列：上年结转34件，与2023年报告的结转下年度继续办理103件不符 [requests.carry_over]",
	}
	assertProblems(t, "warnings", res.Warnings.Error(), wantWarnings)
	if res.Records != 4 {
		t.Errorf("Records = %d, want 4", res.Records)
	}
}

func assertProblems(t *testing.T, what, got string, want []string) {
	t.Helper()
	lines := strings.Split(got, "\n")
	if got == "" {
		lines = nil
	}
	if len(lines) != len(want) {
		t.Errorf("%s: got %d, want %d:\n%s", what, len(lines), len(want), got)
	}
	for _, w := range want {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no line starting %q in:\n%s", what, w, got)
		}
	}
}

func TestCheckEmptyAndMissing(t *testing.T) {
	res, err := Check(t.TempDir(), now)
	if err != nil || res.Records != 0 || len(res.Errors) != 0 {
		t.Errorf("empty folder: %+v, %v", res, err)
	}
	_, err = Check(filepath.Join(t.TempDir(), "nope"), now)
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestRecordPath(t *testing.T) {
	if got := RecordPath("data", "huaian", 2024); got != filepath.Join("data", "reports", "huaian", "2024.toml") {
		t.Errorf("RecordPath = %s", got)
	}
	for s, want := range map[string]bool{"huaian": true, "xi-feng-qu-2": true, "a--b": false, "-a": false, "A": false, "": false, "淮安": false} {
		if ValidSlug(s) != want {
			t.Errorf("ValidSlug(%q) = %v", s, !want)
		}
	}
}

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"襄阳市行政审批局":       "xiang-yang-shi-xing-zheng-shen-pi-ju",
		"西峰区人民政府":        "xi-feng-qu-ren-min-zheng-fu",
		"淮安市人民政府":        "huai-an-shi-ren-min-zheng-fu",
		"中共XX县委（ABC办）12": "zhong-gong-xx-xian-wei-abc-ban-12",
		"<script>":       "script",
		"":               "",
		"！？":             "",
	} {
		if got := Slug(name); got != want {
			t.Errorf("Slug(%q) = %q, want %q", name, got, want)
		}
		if got := Slug(name); got != "" && !ValidSlug(got) {
			t.Errorf("Slug(%q) = %q is not a valid slug", name, got)
		}
	}
	long := Slug(strings.Repeat("测试", 100))
	if len(long) > maxSlugLen || !ValidSlug(long) {
		t.Errorf("long slug %q", long)
	}
}
