// nianbao site script: draws the charts. Each <div class="chart" data-chart="…"
// data-height="…"> holds its ECharts option as JSON and its height in pixels; the
// data table beside it stays for screen readers, and is folded once the chart is
// drawn. Without JavaScript, or without the ECharts bundle, the tables are the
// charts.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');

  // A link to a line of the source text (#L37) opens the folded text first.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') { p.open = true; }
    }
    if (el) { el.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  if (location.hash) { reveal(); }

  if (!window.echarts) { return; }

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
  function tooltip(params) {
    params = [].concat(params);
    var box = document.createElement('div');
    if (params.length > 0) {
      var head = params[0].axisValueLabel;
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
  }

  var charts = [];
  var els = document.querySelectorAll('.chart[data-chart]');
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    var option;
    try { option = JSON.parse(el.getAttribute('data-chart')); } catch (e) { continue; }
    var fig = el.parentNode;
    var details = fig && fig.querySelector('details.chart-data');
    if (details) { details.open = false; }
    // The height is set here, not in a style attribute, which the pages'
    // Content-Security-Policy refuses.
    el.style.height = (parseInt(el.getAttribute('data-height'), 10) || 300) + 'px';
    var tips = option.tooltip ? [].concat(option.tooltip) : [];
    for (var t = 0; t < tips.length; t++) {
      if (!tips[t]) { continue; }
      if (!tips[t].formatter) { tips[t].formatter = tooltip; }
      if (tips[t].confine == null) { tips[t].confine = true; } // the chart clips what overflows it
    }
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    el.setAttribute('data-drawn', 'true');
    charts.push(chart);
  }
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      for (var j = 0; j < charts.length; j++) { charts[j].resize(); }
    }, 150);
  });
})();
