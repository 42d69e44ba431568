// nianbao compare page: agencies side by side. Its state is the address (a public
// contract, see README.md and internal/site/compare.go):
//
//   compare/?agencies=SLUG,SLUG[,…]&years=FROM-TO&figure=KEY[,KEY…]
//
// It loads each agency's compare/data/<slug>.json and draws, per figure, a
// <figure class="chart-figure"> holding a .chart (ECharts: a line per agency across
// the years, or a bar per agency for one year) and the same figures as a table; each
// figure fires "nianbao:chart" (bubbling) once drawn, for tools that attach to
// charts. "下载 CSV" saves what is drawn (UTF-8 with BOM), a row per point;
// "复制链接" copies the address. window.nianbaoCompare.csv() returns that CSV,
// .lastBlob is the last file downloaded.
(function () {
  'use strict';
  var form = document.getElementById('compare-form');
  if (!form) { return; }
  var MAX = parseInt(form.getAttribute('data-max'), 10) || 10;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var out = document.getElementById('compare-out');
  var notice = document.getElementById('compare-notice');
  var picked = document.getElementById('compare-picked');
  var from = document.getElementById('compare-from');
  var to = document.getElementById('compare-to');
  var status = document.getElementById('compare-status');
  var link = document.getElementById('compare-url');
  var boxes = Array.from(form.querySelectorAll('input[name="figure"]'));
  var T = window.nianbaoT || function (s) { var a = arguments; return s.replace(/\{(\d+)\}/g, function (m, i) { return String(a[+i + 1]); }); };
  // The agencies' data are the site's one compare/data/ folder (data-data, relative
  // to the page), whatever the page's language.
  var dataDir = new URL(form.getAttribute('data-data') || 'data/', document.baseURI).href;
  var labels = {};
  boxes.forEach(function (b) { labels[b.value] = b.parentNode.textContent.trim(); });
  var years = Array.from(from.options).map(function (o) { return parseInt(o.value, 10); });
  var data = {};   // slug → promise of its compare data (null when missing)
  var charts = [];
  var drawn = [];  // the rows of the CSV: what is drawn
  var state = { agencies: [], from: years[0], to: years[years.length - 1], figures: [] };
  var dropped = []; // slugs beyond MAX, or not valid

  document.getElementById('compare-nojs').hidden = true;
  form.hidden = false;
  // compare/?…&embed=1 is the embed view of a comparison: its charts alone, each
  // with a link to the full page (the style sheet hides the rest of the page).
  var embedded = new URLSearchParams(window.location.search).get('embed') === '1';
  if (embedded) { document.documentElement.classList.add('compare-embedded'); }

  function parse() {
    var q = new URLSearchParams(window.location.search);
    var seen = {};
    var all = (q.get('agencies') || '').split(',').map(function (s) { return s.trim(); }).filter(function (s) {
      if (!s || seen[s]) { return false; }
      seen[s] = true;
      return true;
    });
    dropped = [];
    state.agencies = [];
    all.forEach(function (s) {
      if (!SLUG.test(s) || state.agencies.length >= MAX) { dropped.push(s); } else { state.agencies.push(s); }
    });
    var ys = (q.get('years') || '').match(/^(\d{4})(?:-(\d{4}))?$/);
    state.from = years[0];
    state.to = years[years.length - 1];
    if (ys) {
      var a = parseInt(ys[1], 10), b = parseInt(ys[2] || ys[1], 10);
      state.from = Math.min(a, b);
      state.to = Math.max(a, b);
    }
    state.figures = (q.get('figure') || '').split(',').filter(function (f) { return labels[f]; });
    if (!state.figures.length) { state.figures = [form.getAttribute('data-default-figure') || 'received']; }
  }

  function address(figures, embed) {
    var parts = [];
    if (state.agencies.length) { parts.push('agencies=' + state.agencies.join(',')); }
    parts.push('years=' + (state.from === state.to ? state.from : state.from + '-' + state.to));
    parts.push('figure=' + (figures || state.figures).join(','));
    if (embed || embedded) { parts.push('embed=1'); }
    return window.location.pathname + '?' + parts.join('&');
  }

  function agency(slug) {
    if (!(slug in data)) {
      data[slug] = fetch(new URL(slug + '.json', dataDir).href).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }
    return data[slug];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  function format(v) { return v == null ? '—' : v.toLocaleString('zh-CN'); }

  // A tooltip built from elements and the stylesheet's classes, as site.js does: the
  // Content-Security-Policy refuses ECharts' own, which has style attributes.
  function tooltip(params) {
    params = [].concat(params);
    var box = el('div');
    if (params.length) { box.appendChild(el('span', 'chart-tip-head', params[0].axisValueLabel || params[0].name)); }
    params.forEach(function (p) {
      var row = el('div', 'chart-tip-row');
      var dot = el('span', 'chart-tip-dot', '');
      if (typeof p.color === 'string') { dot.style.backgroundColor = p.color; }
      row.appendChild(dot);
      row.appendChild(el('span', 'chart-tip-name', p.seriesName || ''));
      var v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      row.appendChild(el('span', 'chart-tip-value', format(typeof v === 'number' ? v : null)));
      box.appendChild(row);
    });
    return box;
  }

  function value(a, key, year) {
    var i = a.years.indexOf(year);
    var vs = a.figures[key];
    return i < 0 || !vs ? null : vs[i];
  }

  function option(key, as, ys) {
    var one = ys.length === 1;
    var base = {
      animation: false,
      tooltip: { trigger: one ? 'item' : 'axis', formatter: tooltip, confine: true },
      grid: { left: 8, right: 16, top: one ? 16 : 56, bottom: 8, containLabel: true },
      yAxis: { type: 'value', minInterval: 1 }
    };
    if (one) {
      base.xAxis = { type: 'category', data: as.map(function (a) { return a.name; }), axisLabel: { interval: 0, rotate: as.length > 2 ? 30 : 0, width: 120, overflow: 'truncate' } };
      base.series = [{ type: 'bar', name: T('{0}年度', ys[0]), data: as.map(function (a) { return value(a, key, ys[0]); }), colorBy: 'data' }];
    } else {
      base.legend = { type: 'scroll', top: 0, data: as.map(function (a) { return a.name; }) };
      base.xAxis = { type: 'category', data: ys.map(String) };
      base.series = as.map(function (a) {
        return { type: 'line', name: a.name, connectNulls: false, symbolSize: 7, data: ys.map(function (y) { return value(a, key, y); }) };
      });
    }
    return base;
  }

  function figure(key, as, ys, n) {
    var caption = ys.length === 1 ? T('{0}（{1}年度）', labels[key], ys[0]) : T('{0}（{1}—{2}年度）', labels[key], ys[0], ys[ys.length - 1]);
    var fig = el('figure', 'chart-figure compare-figure');
    var id = 'compare-chart-' + n;
    fig.setAttribute('aria-labelledby', id + '-cap');
    var cap = el('figcaption', '', caption);
    cap.id = id + '-cap';
    fig.appendChild(cap);
    var opt = option(key, as, ys);
    var chart = el('div', 'chart');
    chart.id = id;
    var height = ys.length === 1 ? 300 + (as.length > 2 ? 60 : 0) : 340;
    chart.setAttribute('data-height', String(height));
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', T('{0}（图表，数据见下表）', caption));
    fig.appendChild(chart);
    var details = el('details', 'chart-data');
    details.appendChild(el('summary', '', T('数据表')));
    var wrap = el('div', 'table-wrap');
    var table = el('table');
    var tc = el('caption', 'visually-hidden', caption);
    table.appendChild(tc);
    var head = el('thead');
    var hr = el('tr');
    hr.appendChild(el('th', '', T('机关'))).setAttribute('scope', 'col');
    ys.forEach(function (y) { hr.appendChild(el('th', '', String(y))).setAttribute('scope', 'col'); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    as.forEach(function (a) {
      var tr = el('tr');
      var th = el('th');
      th.setAttribute('scope', 'row');
      var l = el('a', '', a.name);
      l.href = new URL(a.url, new URL('../', document.baseURI)).href;
      th.appendChild(l);
      if ((a.approx || []).indexOf(key) >= 0) { th.appendChild(el('span', 'hint', T('（含约数）'))); }
      tr.appendChild(th);
      ys.forEach(function (y) {
        var v = value(a, key, y);
        tr.appendChild(el('td', 'num', format(v)));
        drawn.push([a.name, a.slug, a.place || '', String(y), labels[key], key, v == null ? '' : String(v)]);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    details.appendChild(wrap);
    fig.appendChild(details);
    // Without the chart library the table is the chart, as on the other pages.
    if (window.echarts) {
      chart.style.height = height + 'px';
      var json = Object.assign({}, opt);
      json.tooltip = Object.assign({}, opt.tooltip);
      delete json.tooltip.formatter;
      chart.setAttribute('data-chart', JSON.stringify(json));
    } else {
      details.open = true;
    }
    return { fig: fig, el: chart, option: opt };
  }

  function render() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    drawn = [];
    out.textContent = '';
    var url = address();
    link.value = new URL(url, document.baseURI).href;
    var notes = [];
    if (dropped.length) {
      notes.push(T('地址中有{0}个机关，最多比较{1}个：未显示 {2}。', dropped.length + state.agencies.length, MAX, dropped.join(T('、'))));
    }
    picked.textContent = '';
    var ys = years.filter(function (y) { return y >= state.from && y <= state.to; });
    from.value = String(state.from);
    to.value = String(state.to);
    boxes.forEach(function (b) { b.checked = state.figures.indexOf(b.value) >= 0; });
    Promise.all(state.agencies.map(agency)).then(function (list) {
      var as = [];
      list.forEach(function (a, i) {
        var slug = state.agencies[i];
        var li = el('li');
        if (!a) {
          notes.push(T('找不到机关“{0}”。', slug));
          li.appendChild(el('span', 'missing', T('{0}（找不到）', slug)));
        } else {
          a.slug = slug;
          as.push(a);
          li.appendChild(el('span', '', a.name));
          if (a.place) { li.appendChild(el('span', 'hint', a.place)); }
        }
        var rm = el('button', 'compare-remove', '×');
        rm.type = 'button';
        rm.setAttribute('aria-label', T('移除{0}', a ? a.name : slug));
        rm.addEventListener('click', function () {
          state.agencies.splice(state.agencies.indexOf(slug), 1);
          go();
        });
        li.appendChild(rm);
        picked.appendChild(li);
      });
      notice.hidden = notes.length === 0;
      notice.textContent = notes.join(' ');
      if (!as.length) {
        out.appendChild(el('p', 'hint', T('用上面的搜索框添加要比较的机关（最多{0}个）。', MAX)));
        return;
      }
      if (!ys.length) {
        out.appendChild(el('p', 'hint', T('所选年度范围内没有数据。')));
        return;
      }
      var grid = el('div', 'charts compare-charts');
      out.appendChild(grid);
      state.figures.forEach(function (key, n) {
        var f = figure(key, as, ys, n);
        grid.appendChild(f.fig);
        // The site's chart script draws it with the toolbar every chart has (CSV,
        // PNG, SVG, link, embed): the embed page cannot find a figure a script adds,
        // so its embed code frames this page's embed view of the one figure.
        f.fig.setAttribute('data-embed-src', new URL(address([key], true), document.baseURI).href);
        if (embedded) {
          var full = el('p', 'embed-source');
          var a = el('a', '', T('来源：年报 · 比较机关（打开完整页面）'));
          a.href = new URL(address([key]).replace(/&embed=1$/, ''), document.baseURI).href;
          a.target = '_blank';
          a.rel = 'noopener';
          full.appendChild(a);
          f.fig.appendChild(full);
        }
        var c = null;
        if (window.nianbaoCharts) {
          c = window.nianbaoCharts.draw(f.el);
        } else if (window.echarts) {
          c = window.echarts.init(f.el, null, { renderer: 'svg' });
          c.setOption(f.option);
          f.el.setAttribute('data-drawn', 'true');
        }
        if (c) { charts.push(c); }
        f.fig.dispatchEvent(new CustomEvent('nianbao:chart', { bubbles: true }));
      });
      form.setAttribute('data-ready', 'true');
    });
  }

  // go records the state in the address (a new history entry) and draws it.
  function go() {
    window.history.pushState(null, '', address());
    render();
  }

  function csv() {
    var quote = function (s) {
      // A cell a spreadsheet would run as a formula gets a leading ' (as the site's CSVs).
      if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) { s = "'" + s; }
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    var rows = [[T('机关'), T('机关代码'), T('地区'), T('年度'), T('指标'), T('指标键'), T('数值')]].concat(drawn);
    return '\ufeff' + rows.map(function (r) { return r.map(quote).join(','); }).join('\r\n') + '\r\n';
  }

  picked.parentNode.addEventListener('nianbao:pick', function (e) {
    var slug = e.detail.slug;
    if (state.agencies.indexOf(slug) >= 0) { return; }
    if (state.agencies.length >= MAX) {
      notice.hidden = false;
      notice.textContent = T('最多比较{0}个机关。', MAX);
      return;
    }
    state.agencies.push(slug);
    go();
  });
  function years_() {
    state.from = parseInt(from.value, 10);
    state.to = parseInt(to.value, 10);
    if (state.from > state.to) { var t = state.from; state.from = state.to; state.to = t; }
    go();
  }
  from.addEventListener('change', years_);
  to.addEventListener('change', years_);
  boxes.forEach(function (b) {
    b.addEventListener('change', function () {
      state.figures = boxes.filter(function (x) { return x.checked; }).map(function (x) { return x.value; });
      if (!state.figures.length) { state.figures = [b.value]; }
      go();
    });
  });
  document.getElementById('compare-copy').addEventListener('click', function () {
    var text = link.value;
    var done = function () { status.textContent = T('已复制链接'); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { link.select(); status.textContent = T('请按 Ctrl+C 复制'); });
    } else {
      link.select();
      status.textContent = T('请按 Ctrl+C 复制');
    }
  });
  var api = { csv: csv, lastBlob: null, lastURL: '' };
  document.getElementById('compare-csv').addEventListener('click', function () {
    var text = csv();
    var blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
    if (api.lastURL) { URL.revokeObjectURL(api.lastURL); }
    api.lastBlob = blob;
    api.lastURL = URL.createObjectURL(blob);
    var a = el('a');
    a.href = api.lastURL;
    a.download = 'nianbao-compare.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    status.textContent = T('已生成 CSV（{0}行）', drawn.length);
  });
  window.addEventListener('popstate', function () { parse(); render(); });
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
  window.nianbaoCompare = api;
  parse();
  render();
})();
