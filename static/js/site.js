// nianbao site script: shows the source text, sorts tables. The charts are drawn
// by static/js/charts.js.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');

  // The normalized source text is not in the page: the <details id="text"
  // data-text="text.txt"> box loads it when it is opened, or when a link to one of
  // its lines (#L37) is followed, and shows it a line per item (li#L37), as text.
  var textBox = document.getElementById('text');
  var loading = null;
  function loadText() {
    var src = textBox && textBox.getAttribute('data-text');
    if (!src) { return Promise.resolve(); }
    if (!loading) {
      loading = fetch(src).then(function (r) {
        if (!r.ok) { throw new Error(src + ': HTTP ' + r.status); }
        return r.text();
      }).then(function (t) {
        var lines = t.replace(/\r/g, '').replace(/\n$/, '').split('\n');
        var list = textBox.querySelector('ol.lines');
        var items = document.createDocumentFragment();
        for (var i = 0; i < lines.length; i++) {
          var li = document.createElement('li');
          li.id = 'L' + (i + 1);
          li.textContent = lines[i];
          items.appendChild(li);
        }
        list.appendChild(items);
      }, function () { loading = null; });
    }
    return loading;
  }
  if (textBox) {
    textBox.addEventListener('toggle', function () { if (textBox.open) { loadText(); } });
  }

  // A link to a line of the source text (#L37) opens the folded text first.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    function show() {
      var el = document.getElementById(id);
      for (var p = el; p; p = p.parentElement) {
        if (p.tagName === 'DETAILS') { p.open = true; }
      }
      if (el) { el.scrollIntoView(); }
    }
    if (/^L[0-9]+$/.test(id) && textBox && !document.getElementById(id)) {
      textBox.open = true;
      loadText().then(show);
    } else {
      show();
    }
  }
  window.addEventListener('hashchange', reveal);
  if (location.hash) { reveal(); }

  // A report page's 报告错误 link (p.report-error) leads to the configured address
  // (config.toml's report_error); a GitHub-style new-issue address (…/issues/new)
  // or a mailto: address is pre-filled here with the page's title and address, so
  // that the page itself is the same for every report.
  var T = window.nianbaoT || function (s) { var a = arguments; return s.replace(/\{(\d+)\}/g, function (m, i) { return String(a[+i + 1]); }); };
  var report = document.querySelector('p.report-error a[href]');
  if (report) {
    var to = report.getAttribute('href');
    var heading = document.querySelector('main h1');
    var title = encodeURIComponent(T('数据错误：{0}', heading ? heading.textContent.trim() : document.title));
    var about = encodeURIComponent(T('页面：{0}\n\n哪个数字有误，报告原文是多少：\n', location.href.split('#')[0]));
    var sep = to.indexOf('?') < 0 ? '?' : '&';
    if (/^mailto:/i.test(to)) {
      report.setAttribute('href', to + sep + 'subject=' + title + '&body=' + about);
    } else if (to.indexOf('/issues/new') >= 0) {
      report.setAttribute('href', to + sep + 'title=' + title + '&body=' + about);
    }
  }

  // Tables of reports sort in the browser: each column header becomes a button. A
  // figure sorts by its data-v value (largest first, absent last), text by the
  // reader's collation; the page's own order is the one without JavaScript.
  var collator = window.Intl ? new Intl.Collator('zh-CN') : null;
  function sortTable(table, col, th) {
    var body = table.tBodies[0];
    var num = th.getAttribute('data-sort') === 'num';
    var dir = th.getAttribute('aria-sort') === (num ? 'descending' : 'ascending') ? -1 : 1;
    if (num) { dir = -dir; }
    var rows = [];
    for (var i = 0; i < body.rows.length; i++) {
      var cell = body.rows[i].cells[col];
      var v = num ? cell.getAttribute('data-v') : cell.textContent;
      rows.push({ row: body.rows[i], key: num ? (v === null ? null : parseFloat(v)) : v, at: i });
    }
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.at - b.at : (a.key === null ? 1 : -1);
      }
      var c = num ? a.key - b.key : (collator ? collator.compare(a.key, b.key) : (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return c === 0 ? a.at - b.at : dir * c;
    });
    for (var j = 0; j < rows.length; j++) { body.appendChild(rows[j].row); }
    var heads = th.parentNode.cells;
    for (var k = 0; k < heads.length; k++) { heads[k].removeAttribute('aria-sort'); }
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  var sortables = document.querySelectorAll('table.sortable');
  for (var s = 0; s < sortables.length; s++) {
    (function (table) {
      if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) { return; }
      var hint = table.querySelector('.sort-hint');
      if (hint) { hint.hidden = false; }
      var ths = table.tHead.rows[0].cells;
      for (var c = 0; c < ths.length; c++) {
        (function (th, col) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'sort';
          while (th.firstChild) { b.appendChild(th.firstChild); }
          th.appendChild(b);
          b.addEventListener('click', function () { sortTable(table, col, th); });
        })(ths[c], c);
      }
    })(sortables[s]);
  }
})();
