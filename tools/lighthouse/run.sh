#!/usr/bin/env bash
# Measures the site with Lighthouse as issue 12 asks: mobile (Lighthouse's default
# form factor and simulated throttling), the site served gzip-compressed as GitHub
# Pages serves it (gzserve), RUNS runs of each of four pages (the home page, a
# region, a year and a report), and prints each run's scores and metrics and each
# page's medians. Not run by CI.
#
#   tools/lighthouse/run.sh [SITE [RUNS]]     SITE: a built site (default public/), RUNS: 3
#
# Lighthouse 12.2.3 is installed with npm into a temporary folder, or taken from
# LIGHTHOUSE_DIR (a folder with node_modules/.bin/lighthouse). Chromium is
# CHROME_PATH (default /usr/bin/chromium). The reports are kept in OUT (default a
# temporary folder), one JSON file a run. PAGES overrides the pages measured.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
site="$(cd "${1:-$repo/public}" && pwd)"
runs="${2:-3}"
port="${PORT:-8411}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
pages="${PAGES:-home=/ region=/region/350000/ year=/year/2019/ report=/agency/huai-an-shi-ren-min-zheng-fu/2024/}"
tmp="$(mktemp -d)"
out="${OUT:-$tmp/out}"
mkdir -p "$out"
lh="${LIGHTHOUSE_DIR:-}"
if [ -z "$lh" ]; then
	lh="$tmp/lighthouse"
	mkdir -p "$lh"
	(cd "$lh" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent lighthouse@12.2.3 >/dev/null)
fi
(cd "$repo" && go build -o "$tmp/gzserve" ./tools/lighthouse/gzserve)
"$tmp/gzserve" -dir "$site" -addr "127.0.0.1:$port" 2>"$tmp/gzserve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp/gzserve" "$tmp/lighthouse"' EXIT
sleep 1

for page in $pages; do
	name="${page%%=*}" path="${page#*=}"
	for run in $(seq 1 "$runs"); do
		"$lh/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
			--chrome-flags="--headless=new --no-sandbox" \
			--only-categories=performance,accessibility,best-practices,seo \
			--output=json --output-path="$out/$name-$run.json" >/dev/null 2>"$out/$name-$run.log"
	done
done

node - "$out" $pages <<'JS'
// A line per run, then a line of medians per page.
const fs = require('fs'), path = require('path');
const [out, ...pages] = process.argv.slice(2);
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const rows = {};
for (const f of fs.readdirSync(out).filter(f => f.endsWith('.json')).sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(out, f)));
  const c = r.categories, a = r.audits;
  const row = {
    perf: Math.round(c.performance.score * 100), a11y: Math.round(c.accessibility.score * 100),
    bp: Math.round(c['best-practices'].score * 100), seo: Math.round(c.seo.score * 100),
    lcp: a['largest-contentful-paint'].numericValue, tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue, fcp: a['first-contentful-paint'].numericValue,
  };
  const name = f.replace(/-[0-9]+\.json$/, '');
  (rows[name] = rows[name] || []).push(row);
  const failing = [];
  for (const k of Object.keys(c)) for (const ref of c[k].auditRefs) {
    const x = a[ref.id];
    if (ref.weight > 0 && x.score !== null && x.score < 1 && !/^(largest-contentful-paint|total-blocking-time|cumulative-layout-shift|first-contentful-paint|speed-index|interactive)$/.test(ref.id)) failing.push(ref.id);
  }
  console.log(`${f}: perf ${row.perf} a11y ${row.a11y} bp ${row.bp} seo ${row.seo} FCP ${(row.fcp / 1000).toFixed(1)} s LCP ${(row.lcp / 1000).toFixed(1)} s TBT ${Math.round(row.tbt)} ms CLS ${row.cls.toFixed(3)}${failing.length ? ' (below 1: ' + failing.join(' ') + ')' : ''}`);
}
console.log('\n| page | performance | a11y | BP | SEO | LCP | TBT | CLS |\n|---|---|---|---|---|---|---|---|');
for (const p of pages) {
  const name = p.split('=')[0], rs = rows[name] || [];
  if (!rs.length) continue;
  const m = k => median(rs.map(r => r[k]));
  const range = k => { const v = rs.map(r => r[k]); return Math.min(...v) === Math.max(...v) ? String(m(k)) : `${m(k)} (${Math.min(...v)}–${Math.max(...v)})`; };
  console.log(`| ${p.split('=')[1]} | ${range('perf')} | ${m('a11y')} | ${m('bp')} | ${m('seo')} | ${(m('lcp') / 1000).toFixed(1)} s | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} |`);
}
JS
echo "reports: $out"
