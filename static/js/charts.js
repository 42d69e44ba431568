// nianbao chart script: draws every chart of a page and gives each its toolbar.
//
// A chart is a <figure> holding a <div class="chart" id="…" data-chart="…"
// data-height="…"> (its ECharts option as JSON, or its compact form, which names a
// template of static/js/chart-kinds.js that the table fills in; its height in
// pixels) and a
// <details class="chart-data"> with the same figures as a table, which stays for
// screen readers and is folded when this script starts (opened again if the
// chart cannot be drawn). Without JavaScript, or without the ECharts bundle, the
// tables are the charts. On a report page, whose own tables give the figures, the
// chart's table is in its data-chart ("head" and "rows"), and the page has neither
// the <details> nor the drawing's role and name: this script makes them
// (inlineTable) and fills the table in (fillTable).
//
// Every such figure, on any page, gets a toolbar: its data as CSV (the rows of its
// table, which are the rows it draws), its picture as PNG and SVG, a link to it
// (#id: opening it scrolls to the chart and highlights it) and the code to embed
// it (an iframe of the site's one embed page, embed/?page=…&chart=…, which loads
// the chart from its page; a figure a script adds to the page, which the embed page
// cannot find in the page's HTML, has data-no-embed). The embed page
// (html[data-embed]) is drawn by this script too; another script draws a chart it
// adds with window.nianbaoCharts.draw(el).
//
// A page is quick to show and to use on a phone: at once, every chart gets its
// height, its toolbar and its folded table, so that nothing moves when it is
// drawn; the ECharts bundle (static/js/echarts.min.js, the page's largest file) is
// loaded only when a chart comes near the viewport, and the charts are drawn one
// per task as they come near it, never all at once. A page whose own script draws
// charts at once (the compare page) loads the bundle itself, before this script.
(function () {
  'use strict';
  var T = window.nianbaoT || function (s) { var a = arguments; return s.replace(/\{(\d+)\}/g, function (m, i) { return String(a[+i + 1]); }); };
  if (!document.querySelector) { return; }
  // Charts are hidden without JavaScript (html.no-js): show them before drawing,
  // whichever of the site's scripts runs first.
  document.documentElement.classList.remove('no-js');

  // The site's root, from this script's own address (…/js/charts.js): pages live
  // at any depth, and the site under any path (GitHub Pages project sites).
  var script = document.currentScript;
  var root = new URL('../', script ? script.src : location.href);
  var library = new URL('js/echarts.min.js', root).href;

  // How near the viewport a chart is drawn, and how long a chart waits for an idle
  // moment before it is drawn anyway. A chart is drawn as it is about to scroll
  // in, not sooner: a chart below the first screen costs nothing while the page
  // loads, and the bundle is in the browser's cache by then (prefetch).
  var nearViewport = '50px 0px'; // IntersectionObserver rootMargin
  var idleWait = 300; // milliseconds, requestIdleCallback's timeout

  // loadLibrary loads the ECharts bundle once, from the site (the pages'
  // Content-Security-Policy allows the site's own scripts only).
  var loading = null;
  function loadLibrary() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.echarts) { resolve(window.echarts); return; }
        var s = document.createElement('script');
        s.src = library;
        s.async = true;
        s.onload = function () {
          if (window.echarts) { resolve(window.echarts); } else { reject(new Error(library)); }
        };
        s.onerror = function () { reject(new Error(library)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  // prefetch asks the browser to download the bundle into its cache, without
  // running it, once the page has loaded and the browser is idle: a chart scrolled
  // to later is drawn without waiting for the network.
  function prefetch() {
    if (loading || window.echarts) { return; }
    var l = document.createElement('link');
    l.rel = 'prefetch';
    l.href = library;
    document.head.appendChild(l);
  }
  function whenIdle(f) {
    function idle() { later(f); }
    if (document.readyState === 'complete') { idle(); } else { window.addEventListener('load', idle); }
  }

  // A tooltip built from elements and the stylesheet's classes. ECharts' own tooltip
  // is HTML with style attributes, which the pages' Content-Security-Policy refuses.
  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }
  function tipValue(v) {
    if (v && typeof v === 'object' && !Array.isArray(v)) { v = v.value; }
    if (Array.isArray(v)) { v = v[v.length - 1]; }
    if (typeof v === 'number') { return v.toLocaleString('zh-CN'); }
    return v == null ? '-' : String(v);
  }
  function tooltipOf(yearAxis) {
    return function (params) {
      params = [].concat(params);
      var box = document.createElement('div');
      if (params.length > 0) {
        var head = yearAxis ? String(params[0].axisValue) : params[0].axisValueLabel;
        box.appendChild(span('chart-tip-head', head == null ? params[0].name : head));
      }
      for (var i = 0; i < params.length; i++) {
        var p = params[i];
        var row = document.createElement('div');
        row.className = 'chart-tip-row';
        var dot = span('chart-tip-dot', '');
        if (typeof p.color === 'string') { dot.style.backgroundColor = p.color; }
        row.appendChild(dot);
        row.appendChild(span('chart-tip-name', p.seriesName || ''));
        row.appendChild(span('chart-tip-value', tipValue(p.value)));
        box.appendChild(row);
      }
      return box;
    };
  }

  // A value axis of years says so with the formatter "year" (charts.YearFormatter):
  // a function cannot travel in JSON, and ECharts would write 2,016.
  function yearAxes(option) {
    var found = false;
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(option[k] || []).forEach(function (a) {
        if (a && a.axisLabel && a.axisLabel.formatter === 'year') {
          a.axisLabel.formatter = function (v) { return String(v); };
          a.nianbaoYears = true;
          found = true;
        }
      });
    });
    return found;
  }

  // The labels of a category x axis break onto lines no wider than a column: the
  // width the option gives is the most, and a phone's columns are narrower. Labels
  // that cannot break (years, a word in Latin script: "reconsideration") turn
  // upright instead when a column is narrower than one of their words.
  var minYearGap = 36; // pixels: a year's label, "2016", and room around it
  function fitLabels(el, option) {
    var axes = [].concat(option.xAxis || []);
    var changed = false;
    for (var i = 0; i < axes.length; i++) {
      var a = axes[i], l = a && a.axisLabel;
      if (a && a.nianbaoYears && a.min != null && a.max > a.min) {
        // A year axis ticks every year while their labels fit (minYearGap pixels
        // apart), else every second, third … year: never some years at random.
        var step = Math.max(1, Math.ceil((a.max - a.min) * minYearGap / Math.max(1, el.clientWidth * 0.93 - 56)));
        if (a.interval !== step) { a.interval = step; changed = true; }
        continue;
      }
      if (!l || a.type !== 'category' || l.overflow !== 'break' || !a.data || !a.data.length) { continue; }
      if (l.nianbaoWidth == null) { l.nianbaoWidth = l.width || 76; }
      var w = Math.max(24, Math.min(l.nianbaoWidth, Math.floor((el.clientWidth * 0.93 - 56) / a.data.length) - 6));
      var longest = 0; // characters of the longest word in Latin script
      a.data.forEach(function (d) {
        String(d).split(' ').forEach(function (word) { if (/^[\x21-\x7e]+$/.test(word)) { longest = Math.max(longest, word.length); } });
      });
      var upright = longest * 7 > w;
      var rotate = upright ? 90 : 0;
      if (upright) { w = Math.max(l.nianbaoWidth, longest * 7 + 8); }
      if (w !== l.width || rotate !== (l.rotate || 0)) { l.width = w; l.rotate = rotate; changed = true; }
    }
    return changed;
  }

  // expand builds the option of a chart whose data-chart is its compact form
  // ({"nianbao": kind, "top": pixels}, charts.Chart.Compact) from its kind's
  // template (static/js/chart-kinds.js) and the figure's data table: a column a
  // series, a row a category (a year, for the years kinds), "—" a missing figure.
  function clone(v) { return JSON.parse(JSON.stringify(v)); }
  function figure(text) {
    var t = text.trim().replace(/,/g, '');
    return /^-?[0-9]+(\.[0-9]+)?$/.test(t) ? Number(t) : '-';
  }
  function expand(spec, table) {
    var kinds = window.nianbaoChartKinds || {};
    if (!kinds[spec.nianbao] || !table || !table.tHead || !table.tBodies[0]) { return null; }
    var o = clone(kinds[spec.nianbao]);
    var head = table.tHead.rows[0].cells, rows = table.tBodies[0].rows;
    var labels = [], columns = [];
    for (var c = 1; c < head.length; c++) { columns.push({ name: head[c].textContent, data: [] }); }
    for (var r = 0; r < rows.length; r++) {
      var cells = rows[r].cells;
      labels.push(cells[0].textContent);
      for (var k = 0; k < columns.length; k++) {
        columns[k].data.push(cells[k + 1] ? figure(cells[k + 1].textContent) : '-');
      }
    }
    var years = spec.nianbao === 'years';
    var proto = o.series[0];
    o.series = columns.map(function (col) {
      var s = clone(proto);
      s.name = col.name;
      s.data = col.data.map(function (v, i) { return { value: years ? [Number(labels[i]), v] : v }; });
      return s;
    });
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(o[k] || []).forEach(function (a) {
        if (a.type === 'category') { a.data = labels.slice(); }
        if (years && k === 'xAxis') {
          a.min = Number(labels[0]);
          a.max = Number(labels[labels.length - 1]);
          if (a.max - a.min > 12) { delete a.interval; } // charts.maxYearTicks
        }
      });
    });
    [].concat(o.legend || []).forEach(function (l) { l.show = columns.length > 1; });
    [].concat(o.grid || []).forEach(function (g) { g.top = String(spec.top); });
    return o;
  }

  function heightOf(el) { return parseInt(el.getAttribute('data-height'), 10) || 300; }

  // prepare gives a chart what it has before it is drawn: its height (set here,
  // not in a style attribute, which the pages' Content-Security-Policy refuses),
  // its folded table and its toolbar, so that drawing it moves nothing.
  function prepare(el) {
    if (el.nianbaoPrepared) { return; }
    el.nianbaoPrepared = true;
    if (!el.style.height) { el.style.height = heightOf(el) + 'px'; } // a script's chart may have its own
    var fig = el.closest('figure');
    var details = fig && fig.querySelector('details.chart-data');
    if (!details && fig) { details = inlineTable(fig, el); }
    if (details && !details.querySelector('table')) { fillTable(details, el); }
    if (details) { details.open = false; }
    if (fig) { toolbar(fig, el); }
  }

  // inlineTable gives a chart whose figures are in its data-chart, as a report page
  // has them, what the page leaves out for it: the drawing's role and name (the
  // figure's caption, given its id here), and the folded <details> its table goes in. It returns the
  // <details>, or null for a chart without a table in its data-chart.
  function inlineTable(fig, el) {
    if (!inlineSpec(el)) { return null; }
    var cap = fig.querySelector('figcaption');
    el.setAttribute('role', 'img');
    if (cap) { // the page leaves the caption's id out too: the chart's own, and -cap
      if (!cap.id) { cap.id = el.id + '-cap'; }
      el.setAttribute('aria-labelledby', cap.id);
    }
    var details = document.createElement('details');
    details.className = 'chart-data';
    var summary = document.createElement('summary');
    var lang = (fig.closest('[lang]') || document.documentElement).lang;
    summary.textContent = window.nianbaoTIn ? window.nianbaoTIn(lang, '数据表') : T('数据表');
    details.appendChild(summary);
    fig.appendChild(details);
    return details;
  }

  // inlineSpec is a chart's data-chart with its table in it, "head" and "rows"
  // (each row's header, then its figures as printed), or null. A chart whose
  // template gives its table's words has, instead of "head", the key of the words in
  // js/chart-labels.js ("labels") and rows of its figures alone, numbers or null;
  // they are put together here, the figures written as charts.Format writes them.
  function inlineSpec(el) {
    var spec;
    try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return null; }
    if (!spec || !spec.rows) { return null; }
    if (spec.labels) {
      var all = window.nianbaoChartLabels && window.nianbaoChartLabels[spec.labels];
      var lang = (el.closest('[lang]') || document.documentElement).lang; // the embed page marks a figure with its page's
      var words = all && all[/^en\b/.test(lang) ? 'en' : 'zh'];
      if (!words || words.rows.length !== spec.rows.length) { return null; }
      return {
        head: words.head,
        rows: spec.rows.map(function (r, i) {
          return [words.rows[i]].concat(r.map(function (v) {
            return v == null ? '—' : typeof v === 'number' ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(v);
          }));
        })
      };
    }
    return spec.head ? spec : null;
  }

  // fillTable makes the table of a chart whose figures are in its data-chart
  // ("head", the column headers, and "rows", each row's header then its figures as
  // printed), as a report page has them: the page's own tables give the same
  // figures without JavaScript. The cells are text, never HTML.
  function fillTable(details, el) {
    var spec = inlineSpec(el);
    if (!spec) { return; }
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    var table = document.createElement('table');
    var label = el.getAttribute('aria-labelledby');
    if (label) { table.setAttribute('aria-labelledby', label); }
    function cell(row, tag, text, scope) {
      var c = document.createElement(tag);
      if (scope) { c.scope = scope; }
      c.textContent = String(text);
      row.appendChild(c);
    }
    var head = table.createTHead().insertRow();
    spec.head.forEach(function (h) { cell(head, 'th', h, 'col'); });
    var body = table.createTBody();
    spec.rows.forEach(function (r) {
      var row = body.insertRow();
      r.forEach(function (v, i) { cell(row, i ? 'td' : 'th', v, i ? '' : 'row'); });
    });
    wrap.appendChild(table);
    details.appendChild(wrap);
  }

  // unavailable shows a chart's table, open, in place of its drawing, when the
  // bundle cannot be loaded or the chart cannot be drawn.
  function unavailable(el) {
    prepare(el);
    var fig = el.closest('figure');
    var details = fig && fig.querySelector('details.chart-data');
    if (details) { details.open = true; }
    el.hidden = true;
    var pics = fig ? fig.querySelectorAll('.chart-tools [data-picture]') : [];
    for (var i = 0; i < pics.length; i++) { pics[i].remove(); }
  }

  // draw draws a chart now, when the bundle is loaded, and returns it; else it
  // asks for it to be drawn as soon as the bundle is loaded, and returns null.
  var drawn = [];
  function draw(el) {
    if (!el || el.nianbaoChart) { return el && el.nianbaoChart; }
    if (!window.echarts) { request(el, true); return null; }
    prepare(el);
    var option;
    try { option = JSON.parse(el.getAttribute('data-chart')); } catch (e) { unavailable(el); return null; }
    var fig = el.closest('figure');
    if (option && option.nianbao) {
      option = expand(option, fig && fig.querySelector('details.chart-data table'));
      if (!option) { unavailable(el); return null; }
    }
    // A chart drawn as it is scrolled to appears at once: an animation would redraw
    // the picture for a second, on a phone's slow processor.
    if (option.animation == null) { option.animation = false; }
    var years = yearAxes(option);
    var tips = option.tooltip ? [].concat(option.tooltip) : [];
    for (var t = 0; t < tips.length; t++) {
      if (!tips[t]) { continue; }
      if (!tips[t].formatter) { tips[t].formatter = tooltipOf(years); }
      if (tips[t].confine == null) { tips[t].confine = true; } // the chart clips what overflows it
    }
    fitLabels(el, option);
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    el.setAttribute('data-drawn', 'true');
    el.nianbaoChart = chart; // for other scripts of the site, and its tests
    drawn.push({ chart: chart, el: el, option: option });
    return chart;
  }

  // request draws a chart in a task of its own, once the bundle is loaded: the
  // charts that come near the viewport together are drawn one after another, with
  // the page free to respond between them. A chart the reader asked for (a
  // permalink, a picture to download) goes first.
  var queue = [], pumping = false;
  function request(el, first) {
    if (!el || el.nianbaoChart) { return; }
    var at = queue.indexOf(el);
    if (at >= 0 && !first) { return; }
    if (at >= 0) { queue.splice(at, 1); }
    if (first) { queue.unshift(el); } else { queue.push(el); }
    if (pumping) { return; }
    pumping = true;
    loadLibrary().then(function () { later(step); }, function () {
      pumping = false;
      var all = document.querySelectorAll('.chart[data-chart]');
      for (var i = 0; i < all.length; i++) { unavailable(all[i]); }
      queue = [];
    });
  }
  function step() {
    var el = queue.shift();
    if (!el) { pumping = false; return; }
    try { draw(el); } catch (e) { unavailable(el); }
    var waiting = el.nianbaoWaiting || [];
    el.nianbaoWaiting = null;
    for (var i = 0; i < waiting.length; i++) { waiting[i](el.nianbaoChart); }
    later(step);
  }
  function later(f) {
    if (window.requestIdleCallback) { window.requestIdleCallback(f, { timeout: idleWait }); } else { setTimeout(f, 0); }
  }

  // withChart calls f with the chart of el, drawing it first if it is not drawn
  // yet (a toolbar's picture buttons work before the chart is scrolled to).
  function withChart(el, f) {
    if (el.nianbaoChart) { f(el.nianbaoChart); return; }
    (el.nianbaoWaiting = el.nianbaoWaiting || []).push(f);
    request(el, true);
  }

  // A file name for a chart's download: the page's path and the chart's id.
  function fileName(el, ext) {
    var path = location.pathname.slice(root.pathname.length).replace(/\/+$/, '');
    var page = new URLSearchParams(location.search).get('page');
    if (document.documentElement.hasAttribute('data-embed') && page) { path = page.replace(/\/+$/, ''); }
    var name = (path ? path.replace(/\//g, '-') + '-' : '') + el.id;
    return name.replace(/[^A-Za-z0-9_.-]/g, '_') + '.' + ext;
  }

  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  }

  // csvCell writes a cell: a figure as a number ("3,985,758" → 3985758, "—" →
  // empty), text quoted when it must be, and text a spreadsheet would run as a
  // formula with a leading ' (as the site's CSV files do).
  function csvCell(text, figure) {
    text = text.trim();
    if (figure) {
      if (text === '—' || text === '-') { return ''; }
      var n = text.replace(/,/g, '');
      if (/^-?[0-9]+(\.[0-9]+)?$/.test(n)) { return n; }
    }
    if (/^[=+\-@\t\r]/.test(text) && !/^-?[0-9]+(\.[0-9]+)?$/.test(text)) { text = "'" + text; }
    if (/[",\r\n]/.test(text)) { text = '"' + text.replace(/"/g, '""') + '"'; }
    return text;
  }
  function csvOf(table) {
    var lines = [];
    for (var i = 0; i < table.rows.length; i++) {
      var cells = table.rows[i].cells;
      var out = [];
      for (var j = 0; j < cells.length; j++) {
        out.push(csvCell(cells[j].textContent, cells[j].tagName === 'TD'));
      }
      lines.push(out.join(','));
    }
    // UTF-8 with a byte order mark, so a spreadsheet reads the Chinese as it is.
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  function xmlText(t) {
    return String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // svgOf is the chart's picture to download: its caption above it, broken into
  // lines, and where it comes from below, so the picture says its unit and whose
  // figures it shows wherever it goes.
  function svgOf(chart, caption, source) {
    var w = chart.getWidth(), h = chart.getHeight();
    var inner = chart.renderToSVGString();
    var size = 14, perLine = Math.max(8, Math.floor((w - 16) / size)), lines = [];
    var page = document.title.replace(new RegExp(' · ' + T('年报') + '$'), '');
    var head = page && page !== T('年报') ? 1 : 0;
    for (var i = 0; i < caption.length; i += perLine) { lines.push(caption.slice(i, i + perLine)); }
    var top = 10 + (lines.length + head) * (size + 6) + 6;
    var total = top + h + 22;
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + total + '" viewBox="0 0 ' + w + ' ' + total + '">',
      '<rect width="100%" height="100%" fill="#fff"/>'];
    if (head) {
      out.push('<text x="8" y="' + (10 + size) + '" font-family="sans-serif" font-size="12" fill="#4a5568">' + xmlText(page.slice(0, Math.floor((w - 16) / 12))) + '</text>');
    }
    for (var j = 0; j < lines.length; j++) {
      out.push('<text x="8" y="' + (10 + size + (j + head) * (size + 6)) + '" font-family="sans-serif" font-size="' + size + '" font-weight="bold" fill="#1a202c">' + xmlText(lines[j]) + '</text>');
    }
    out.push(inner.replace(/^<svg/, '<svg x="0" y="' + top + '"'));
    out.push('<text x="8" y="' + (total - 7) + '" font-family="sans-serif" font-size="11" fill="#4a5568">' + xmlText(source) + '</text>');
    out.push('</svg>');
    return out.join('\n');
  }

  // pngOf draws the picture (svgOf) on a canvas at twice its size.
  function pngOf(svg, done) {
    var img = new Image(), scale = 2;
    img.onload = function () {
      var c = document.createElement('canvas');
      c.width = img.naturalWidth * scale;
      c.height = img.naturalHeight * scale;
      var g = c.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      c.toBlob(done, 'image/png');
    };
    img.onerror = function () { done(null); };
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  }

  function button(label, title, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (title) { b.title = title; }
    b.addEventListener('click', onClick);
    return b;
  }

  var toolbarCount = 0;
  function toolbar(fig, el) {
    if (fig.querySelector('.chart-tools') || !el.id) { return; }
    var caption = fig.querySelector('figcaption');
    var title = caption ? caption.textContent.trim() : el.id;
    var table = fig.querySelector('details.chart-data table');
    var bar = document.createElement('div');
    bar.className = 'chart-tools';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', T('图表工具：{0}', title));
    var status = document.createElement('span');
    status.className = 'chart-tools-status';
    status.setAttribute('role', 'status');
    if (table) {
      bar.appendChild(button(T('数据 CSV'), T('下载本图的数据（CSV，UTF-8）'), function () {
        save(new Blob([csvOf(table)], { type: 'text/csv;charset=utf-8' }), fileName(el, 'csv'));
      }));
    }
    function source() {
      var page = document.documentElement.hasAttribute('data-embed') ? new URL(new URLSearchParams(location.search).get('page') || '', root).href : location.href.split('#')[0];
      return T('来源：年报 {0}', page + '#' + el.id);
    }
    var png = button(T('图片 PNG'), T('下载本图（PNG）'), function () {
      withChart(el, function (chart) {
        if (!chart) { return; }
        pngOf(svgOf(chart, title, source()), function (blob) {
          if (blob) { save(blob, fileName(el, 'png')); } else { status.textContent = T('未能生成PNG图片'); }
        });
      });
    });
    var svg = button(T('图片 SVG'), T('下载本图（SVG）'), function () {
      withChart(el, function (chart) {
        if (chart) { save(new Blob([svgOf(chart, title, source())], { type: 'image/svg+xml;charset=utf-8' }), fileName(el, 'svg')); }
      });
    });
    png.setAttribute('data-picture', '');
    svg.setAttribute('data-picture', '');
    bar.appendChild(png);
    bar.appendChild(svg);
    var embed = document.documentElement.hasAttribute('data-embed');
    var page = embed ? new URLSearchParams(location.search).get('page') || '' : location.pathname.slice(root.pathname.length).replace(/index\.html$/, '');
    var link = document.createElement('a');
    link.className = 'chart-link';
    link.textContent = T('链接');
    link.title = T('本图的固定链接');
    link.href = embed ? new URL(page, root).href + '#' + el.id : '#' + el.id;
    if (embed) { link.target = '_blank'; link.rel = 'noopener'; }
    bar.appendChild(link);
    // A figure a script drew into the page (not in the page's HTML, which the embed
    // page reads) says so with data-no-embed.
    // A script's figure may name its own embed view (data-embed-src, a page of this
    // site: the compare page's).
    var embedSrc = fig.getAttribute('data-embed-src');
    if (embedSrc && new URL(embedSrc, location.href).origin !== location.origin) { embedSrc = null; }
    if (!embed && (embedSrc || !fig.hasAttribute('data-no-embed'))) {
      var id = 'chart-embed-' + (++toolbarCount);
      var box = document.createElement('div');
      box.className = 'chart-embed';
      box.id = id;
      box.hidden = true;
      var label = document.createElement('label');
      label.textContent = T('嵌入代码（复制到你的网页）');
      var code = document.createElement('textarea');
      code.readOnly = true;
      code.rows = 3;
      code.id = id + '-code';
      label.htmlFor = code.id;
      var src = new URL('embed/', root);
      src.search = '?page=' + encodeURIComponent(page) + '&chart=' + encodeURIComponent(el.id);
      if (embedSrc) { src = new URL(embedSrc, location.href); }
      var height = heightOf(el) + 110;
      var snippet = document.createElement('iframe');
      snippet.setAttribute('src', src.href);
      snippet.setAttribute('title', title);
      snippet.setAttribute('width', '100%');
      snippet.setAttribute('height', String(height));
      snippet.setAttribute('loading', 'lazy');
      code.value = snippet.outerHTML;
      box.appendChild(label);
      box.appendChild(code);
      var toggle = button(T('嵌入'), T('显示嵌入本图的代码'), function () {
        box.hidden = !box.hidden;
        toggle.setAttribute('aria-expanded', String(!box.hidden));
        if (!box.hidden) { code.focus(); code.select(); }
      });
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', id);
      bar.appendChild(toggle);
      bar.appendChild(status);
      el.parentNode.insertBefore(bar, el.nextSibling);
      bar.parentNode.insertBefore(box, bar.nextSibling);
    } else {
      bar.appendChild(status);
      el.parentNode.insertBefore(bar, el.nextSibling);
    }
  }

  // A link to a chart (#chart-…) scrolls to it and highlights its figure, once the
  // charts above it have their heights.
  function target() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var old = document.querySelectorAll('.chart-target');
    for (var i = 0; i < old.length; i++) { old[i].classList.remove('chart-target'); }
    if (!el || !el.classList.contains('chart')) { return; }
    var fig = el.closest('figure') || el;
    fig.classList.add('chart-target');
    fig.scrollIntoView({ block: 'start' });
    request(el, true);
    // Sections above, laid out only near the screen (content-visibility), and charts
    // drawn there change height as the jump passes them: keep the chart in place
    // until the page settles (2 s) or the reader scrolls.
    var until = Date.now() + 2000, stop = false;
    var cancel = function () { stop = true; };
    ['wheel', 'touchstart', 'keydown', 'mousedown'].forEach(function (e) { window.addEventListener(e, cancel, { once: true, passive: true }); });
    var margin = parseFloat(getComputedStyle(fig).scrollMarginTop) || 0;
    (function keep() {
      if (stop || Date.now() > until) { return; }
      if (Math.abs(fig.getBoundingClientRect().top - margin) > 2) { fig.scrollIntoView({ block: 'start' }); }
      window.requestAnimationFrame(keep);
    })();
  }

  // drawNear prepares every chart of the page and draws each as it comes near the
  // viewport.
  function drawNear() {
    var els = document.querySelectorAll('.chart[data-chart]');
    for (var i = 0; i < els.length; i++) { prepare(els[i]); }
    if (!window.IntersectionObserver) {
      for (var j = 0; j < els.length; j++) { request(els[j]); }
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      for (var k = 0; k < entries.length; k++) {
        if (entries[k].isIntersecting) {
          seen.unobserve(entries[k].target);
          request(entries[k].target);
        }
      }
    }, { rootMargin: nearViewport });
    for (var n = 0; n < els.length; n++) { seen.observe(els[n]); }
    if (els.length) { whenIdle(prefetch); }
  }

  // The embed page: the chart named by ?chart= of the page named by ?page= (a path
  // of the site), with its caption, table and a link to its page.
  function embedPage() {
    var q = new URLSearchParams(location.search);
    var page = q.get('page') || '', id = q.get('chart') || '';
    var box = document.getElementById('embed');
    function fail(msg) { box.textContent = msg; }
    if (!/^([a-z0-9-]+\/)*$/.test(page) || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) { fail(T('嵌入地址有误：需要 ?page=本站页面路径&chart=图表编号')); return; }
    var url = new URL(page, root);
    fetch(url.href).then(function (r) {
      if (!r.ok) { throw new Error(url.href + ': HTTP ' + r.status); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var el = doc.getElementById(id);
      var fig = el && el.closest('figure');
      if (!fig || !el.classList.contains('chart')) { fail(T('页面上没有这张图表：{0}', id)); return; }
      fig = document.importNode(fig, true);
      fig.lang = doc.documentElement.lang; // its words and figures are its page's (inlineSpec)
      box.textContent = '';
      box.appendChild(fig);
      if (doc.title) { document.title = doc.title; }
      var from = document.createElement('p');
      from.className = 'embed-source';
      var a = document.createElement('a');
      a.href = url.href + '#' + id;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = T('来源：年报 · {0}', (doc.title || url.pathname).replace(/ · (年报|Nianbao)$/, ''));
      from.appendChild(a);
      box.appendChild(from);
      var el = fig.querySelector('.chart[data-chart]');
      prepare(el);
      request(el, true);
    }).catch(function (e) { fail(T('未能载入图表：{0}', e.message)); });
  }

  // Another script of the site that adds a chart figure to the page (a compare
  // page) draws it, toolbar and all, with nianbaoCharts.draw(el), el being its
  // <div class="chart" data-chart="…">.
  window.nianbaoCharts = { draw: draw };

  if (document.documentElement.hasAttribute('data-embed')) {
    embedPage();
  } else {
    drawNear();
    // After the site script's own scroll to the anchor (static/js/site.js), which
    // goes to the chart's drawing rather than its figure.
    window.addEventListener('hashchange', function () { setTimeout(target, 0); });
    if (location.hash) { setTimeout(target, 0); }
  }

  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      for (var j = 0; j < drawn.length; j++) {
        var d = drawn[j];
        if (fitLabels(d.el, d.option)) { d.chart.setOption({ xAxis: d.option.xAxis }); }
        d.chart.resize();
      }
    }, 150);
  });
})();
