package site

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShards builds two province shards and the hub from synthetic data, serves the
// hub and the shards from two origins, and follows every link from the hub's home
// page: every page of both shards is reached through the hub, every link resolves,
// and a shard's national links lead back to the hub.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(t, data, 4, 2) // provinces 11, 12, 13, 14
	shards, err := Shards(Options{DataDir: data, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"110000", "120000", "130000", "140000"}; !slices.Equal(shards, want) {
		t.Fatalf("Shards = %v, want %v", shards, want)
	}

	hubSrv := httptest.NewServer(http.StripPrefix("/portal/", http.FileServer(http.Dir(filepath.Join(dir, "hub")))))
	defer hubSrv.Close()
	shardSrv := httptest.NewServer(http.StripPrefix("/shards/", http.FileServer(http.Dir(filepath.Join(dir, "shards")))))
	defer shardSrv.Close()
	hubURL, shardPattern := hubSrv.URL+"/portal/", shardSrv.URL+"/shards/{province}/"

	if _, err := Build(Options{DataDir: data, Now: testNow, BaseURL: hubURL, Hub: true, ShardURL: shardPattern}, filepath.Join(dir, "hub")); err != nil {
		t.Fatalf("hub: %v", err)
	}
	built := []string{"110000", "120000"}
	for _, code := range built {
		out := filepath.Join(dir, "shards", code)
		st, err := Build(Options{DataDir: data, Now: testNow, BaseURL: strings.ReplaceAll(shardPattern, "{province}", code), Shard: code, HubURL: hubURL}, out)
		if err != nil {
			t.Fatalf("shard %s: %v", code, err)
		}
		if st.Records != 2 {
			t.Errorf("shard %s holds %d reports, want 2", code, st.Records)
		}
	}
	// Nothing of another shard is in a shard.
	if _, err := os.Stat(filepath.Join(dir, "shards", "110000", "agency", "fake-agency-0002")); err == nil {
		t.Error("shard 110000 holds an agency of 120000")
	}
	if _, err := os.Stat(filepath.Join(dir, "hub", "agency", "fake-agency-0001")); err == nil {
		t.Error("the hub holds an agency's pages")
	}

	// Crawl from the hub; links into the shards not built (13, 14) are only counted.
	seen := map[string]int{}
	queue := []string{hubURL}
	notBuilt := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if _, ok := seen[u]; ok {
			continue
		}
		if strings.Contains(u, "/shards/130000/") || strings.Contains(u, "/shards/140000/") {
			notBuilt++
			seen[u] = 0
			continue
		}
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		seen[u] = resp.StatusCode
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", u, resp.Status)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		base, _ := url.Parse(u)
		for _, r := range htmlRefs(string(body)) {
			ref, err := url.Parse(r.url)
			if err != nil {
				t.Errorf("%s: bad URL %q", u, r.url)
				continue
			}
			abs := base.ResolveReference(ref)
			abs.Fragment = ""
			if s := abs.String(); strings.HasPrefix(s, hubSrv.URL) || strings.HasPrefix(s, shardSrv.URL) {
				queue = append(queue, s)
			}
		}
	}
	for _, want := range []string{
		hubURL + "agency/", hubURL + "year/2017/", hubURL + "data-files/",
		shardSrv.URL + "/shards/110000/agency/fake-agency-0001/2018/",
		shardSrv.URL + "/shards/120000/agency/fake-agency-0002/2017/",
		shardSrv.URL + "/shards/110000/region/110000/",
		shardSrv.URL + "/shards/120000/year/2018/",
		shardSrv.URL + "/shards/110000/data/2017/110000.parquet",
		shardSrv.URL + "/shards/120000/agency/fake-agency-0002/2017/text.txt",
	} {
		if seen[want] != http.StatusOK {
			t.Errorf("the crawl from the hub did not reach %s (%d)", want, seen[want])
		}
	}
	if notBuilt == 0 {
		t.Error("the hub links to no page of the shards 130000 and 140000")
	}

	// The hub's agency index (for a search) leads into the shards.
	var idx struct {
		Agencies []struct{ Name, URL string } `json:"agencies"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "hub", "agency", "index.json"))), &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Agencies) != 4 || idx.Agencies[0].URL != shardSrv.URL+"/shards/110000/agency/fake-agency-0001/" {
		t.Errorf("hub agency/index.json: %+v", idx.Agencies)
	}
	// A shard's national links are the hub's.
	page := readFile(t, filepath.Join(dir, "shards", "120000", "agency", "fake-agency-0002", "2017", "index.html"))
	for _, l := range []string{`href="` + hubURL + `year/"`, `href="` + hubURL + `"`} {
		if !strings.Contains(page, l) {
			t.Errorf("a shard's report page lacks %s", l)
		}
	}
}

// TestPagination: a list longer than listRows continues on further pages, linked
// both ways, and together they list every report once.
func TestPagination(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	synthesize(t, data, listRows+30, 1)
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{DataDir: data, Now: testNow, BaseURL: "/"}, out); err != nil {
		t.Fatal(err)
	}
	first := readFile(t, filepath.Join(out, "year", "2017", "index.html"))
	second := readFile(t, filepath.Join(out, "year", "2017", "page", "2", "index.html"))
	if !strings.Contains(first, `href="page/2/"`) || !strings.Contains(second, `href="../../"`) {
		t.Error("the two pages of year/2017 do not link to each other")
	}
	rows := func(doc string) int {
		_, table, _ := strings.Cut(doc, `class="list sortable"`)
		table, _, _ = strings.Cut(table, "</table>")
		return strings.Count(table, `<tr><th>`)
	}
	n := rows(first) + rows(second)
	if n != listRows+30 {
		t.Errorf("the pages of year/2017 list %d reports, want %d", n, listRows+30)
	}
	if _, err := os.Stat(filepath.Join(out, "year", "2017", "page", "3")); err == nil {
		t.Error("a third page")
	}
}

func TestHref(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"year/2017/", "year/2017/page/2/", "page/2/"},
		{"year/2017/page/2/", "year/2017/", "../../"},
		{"agency/x/2017/", "data/2017/110000.csv.gz", "../../../data/2017/110000.csv.gz"},
		{"agency/x/2017/", "agency/x/", "../"},
		{"agency/x/", "agency/x/2017/", "2017/"},
		{"", "agency/x/", "agency/x/"},
		{"agency/", "", "../"},
		{"agency/x/", "agency/x/", "./"},
		{"a/", "https://h.example/p/a/", "https://h.example/p/a/"},
		{"a/", "/p/a/", "/p/a/"},
	} {
		if got := href(tt.from, tt.to); got != tt.want {
			t.Errorf("href(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
