package site

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
)

// Shards. At national scale one site is too big for one build (and for one GitHub
// Pages site), so the site can be built in parts: a shard per province (every report
// of the agencies whose latest report is filed under that province, with their
// agency, region and year pages and the province's dataset files) and a hub (the
// national pages: home, the agency index, the national figures by year and province,
// and the about, methodology and data pages), which link into the shards. Built
// whole (the default), the same pages are one site and every link is local.
//
// The URL scheme: every page has the same path in its part as in the whole site
// (agency/<slug>/<year>/, region/<code>/, year/<year>/); a shard is published at its
// own base URL (by default the hub's plus "<province code>/"), and links between
// parts are absolute. Agencies with no province code are in the shard "000000".

// noProvince is the shard of the agencies whose reports give no division code.
const noProvince = "000000"

// shardPlaceholder is the part of Options.ShardURL that names the province.
const shardPlaceholder = "{province}"

// Defaults of the cross-part addresses, resolved against the build's base URL.
const (
	defaultShardURL = shardPlaceholder + "/" // from the hub: its shards are below it
	defaultHubURL   = "../"                  // from a shard: the hub is its parent
)

var provinceCode = regexp.MustCompile(`^[0-9]{2}0000$`)

// ParseShard reads a --shard value, "province=NNNNNN" (a GB/T 2260 province code,
// such as 420000, or 000000 for the agencies with no province).
func ParseShard(v string) (string, error) {
	code, ok := strings.CutPrefix(v, "province=")
	if !ok || !provinceCode.MatchString(code) {
		return "", fmt.Errorf("--shard %q: want province=NNNNNN, a GB/T 2260 province code such as 420000 (000000 for agencies with no province)", v)
	}
	return code, nil
}

// scope is what one build holds and where the pages of other parts are.
type scope struct {
	shard    string                   // a shard build: its province code; "" otherwise
	hub      bool                     // a hub build
	hubBase  string                   // a shard build: the hub's address (absolute or root-relative)
	shardURL func(code string) string // a hub build: a shard's address
}

// newScope works out the scope of a build from its options.
func newScope(o Options) (*scope, error) {
	s := &scope{}
	if o.Shard != "" && o.Hub {
		return nil, fmt.Errorf("--shard and --hub: a build is one shard or the hub, not both")
	}
	base := o.BaseURL
	if base == "" {
		base = "/"
	}
	b, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("--base-url %q: %w", base, err)
	}
	resolve := func(flag, ref string) (string, error) {
		u, err := url.Parse(ref)
		if err != nil {
			return "", fmt.Errorf("%s %q: %w", flag, ref, err)
		}
		out := b.ResolveReference(u).String()
		if !strings.HasSuffix(out, "/") {
			out += "/"
		}
		return out, nil
	}
	switch {
	case o.Shard != "":
		if !provinceCode.MatchString(o.Shard) {
			return nil, fmt.Errorf("shard %q is not a GB/T 2260 province code (NN0000)", o.Shard)
		}
		s.shard = o.Shard
		ref := o.HubURL
		if ref == "" {
			ref = defaultHubURL
		}
		if s.hubBase, err = resolve("--hub-url", ref); err != nil {
			return nil, err
		}
	case o.Hub:
		s.hub = true
		pattern := o.ShardURL
		if pattern == "" {
			pattern = defaultShardURL
		}
		if !strings.Contains(pattern, shardPlaceholder) {
			return nil, fmt.Errorf("--shard-url %q: it must contain %s, where the province code goes", pattern, shardPlaceholder)
		}
		if _, err := resolve("--shard-url", strings.ReplaceAll(pattern, shardPlaceholder, noProvince)); err != nil {
			return nil, err
		}
		s.shardURL = func(code string) string {
			u, _ := resolve("", strings.ReplaceAll(pattern, shardPlaceholder, code))
			return u
		}
	}
	return s, nil
}

// whole reports whether the build is the whole site.
func (s *scope) whole() bool { return s.shard == "" && !s.hub }

// holds reports whether the build writes the pages of the shard's reports and
// agencies.
func (s *scope) holds(shard string) bool {
	return s.whole() || s.shard == shard
}

// in is the address of the page at rel (site-relative) of the part shard: rel itself
// in the whole site and in a shard (which holds only its own reports, and the region
// and year pages of those), the shard's address and rel in the hub.
func (s *scope) in(shard, rel string) string {
	if s.hub {
		return s.shardURL(shard) + rel
	}
	return rel
}

// national is the address of a national page (home "", region/, year/<y>/, agency/,
// data/, about/ …): local in the whole site and the hub, the hub's in a shard.
func (s *scope) national(rel string) string {
	if s.shard != "" {
		return s.hubBase + rel
	}
	return rel
}

func (s *scope) report(e *entry) string { return s.in(e.shard, reportURL(e.slug, e.year)) }
func (s *scope) agency(e *entry) string { return s.in(e.shard, agencyURL(e.slug)) }

// region is the address of a region's page; its shard is its province's.
func (s *scope) region(code string) string { return s.in(code[:2]+"0000", regionURL(code)) }

// shardOf is the shard of an agency: the province of its latest report that gives a
// division code, or noProvince. records are in year order.
func shardOf(records []*record.Record) string {
	for i := len(records) - 1; i >= 0; i-- {
		if c := records[i].Agency.DivisionCode; validCode(c) {
			return c[:2] + "0000"
		}
	}
	return noProvince
}

// Shards returns the shards of the data folder's site, in order: the province codes
// of its agencies (noProvince for those with none). The data folder is checked as a
// build checks it.
func Shards(opts Options) ([]string, error) {
	d, err := scan(opts.DataDir, record.ParseOptions{Now: opts.now(), Templates: opts.Templates}, nil, nil)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, e := range d.entries {
		set[e.shard] = true
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out, nil
}
