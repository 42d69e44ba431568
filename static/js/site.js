// nianbao site script: draws the charts. Each <div class="chart" data-chart="…">
// holds its ECharts option as JSON; the data table beside it stays for screen
// readers, and is folded once the chart is drawn. Without JavaScript, or without the
// ECharts bundle, the tables are the charts.
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
  var charts = [];
  var els = document.querySelectorAll('.chart[data-chart]');
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    var option;
    try { option = JSON.parse(el.getAttribute('data-chart')); } catch (e) { continue; }
    var fig = el.parentNode;
    var details = fig && fig.querySelector('details.chart-data');
    if (details) { details.open = false; }
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
