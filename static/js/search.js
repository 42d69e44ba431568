// nianbao search: every search box (an element with data-search="<the search index's
// folder>") lists, as one types, the agencies and regions whose name, full pinyin
// (xifeng) or initials (xfq) start with what was typed, at the start of the name or
// of a word in it (after 省 市 区 县 州 盟 旗 镇 乡). The index is in shards, one per
// first letter, or first two letters for a letter with many names
// (internal/site/search.go): the first keystroke loads the manifest
// (search/index.json, which also spells every character of the names) and one shard.
//
// The box is a WAI-ARIA 1.2 combobox: the input (role=combobox) owns a listbox of
// options, the active option is aria-activedescendant; arrow keys move, Enter opens
// (or, with data-search-pick, picks: a "nianbao:pick" event on the box, detail
// {slug, name, place, url}), Escape closes and then clears. A live region says how
// many results there are. Without JavaScript the box is a form leading to the agency
// index, which this script also fills in (?q=).
(function () {
  'use strict';
  var T = window.nianbaoT || function (s) { var a = arguments; return s.replace(/\{(\d+)\}/g, function (m, i) { return String(a[+i + 1]); }); };
  // The folder of the page's language's pages below a part's root (i18n.js): a result
  // leads to the agency's or region's page in the page's language.
  var PAGES = window.nianbaoPages || '';
  var MAX_RESULTS = 12; // options listed at most
  var MAX_REGIONS = 4;  // … of which regions
  var PLACE_ENDS = '省市区县州盟旗镇乡';
  var cache = {}; // URL → promise of its JSON

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // manifest loads search/index.json and turns its spelling (syllable → characters)
  // into character → syllable.
  function manifest(folder) {
    var url = new URL('index.json', folder).href;
    if (!cache['m:' + url]) {
      cache['m:' + url] = load(url).then(function (m) {
        var spell = {};
        Object.keys(m.pinyin || {}).forEach(function (s) {
          Array.from(m.pinyin[s]).forEach(function (c) { spell[c] = s; });
        });
        return { keys: m.keys || [], split: m.split || [], spell: spell };
      });
    }
    return cache['m:' + url];
  }

  function syllable(spell, c) {
    if (/^[A-Za-z0-9]$/.test(c)) { return c.toLowerCase(); }
    return spell[c] || '';
  }

  // slugOf spells a name as the agencies' slugs are spelt (internal/store: Slug): a
  // syllable a word, ASCII letters and digits kept (lower-cased), anything else
  // separating words, joined by hyphens, cut at a hyphen to at most 80 characters.
  // The index leaves out the slugs that are spelt so.
  function slugOf(spell, name) {
    var words = [], ascii = '';
    Array.from(name).forEach(function (c) {
      if (/^[A-Za-z0-9]$/.test(c)) { ascii += c.toLowerCase(); return; }
      if (ascii) { words.push(ascii); ascii = ''; }
      if (spell[c]) { words.push(spell[c]); }
    });
    if (ascii) { words.push(ascii); }
    var slug = words.join('-');
    while (slug.length > 80) {
      var i = slug.lastIndexOf('-', 79);
      if (i <= 0) { slug = slug.slice(0, 80); break; }
      slug = slug.slice(0, i);
    }
    return slug;
  }

  // starts are where a match may begin in a name (search.go: wordStarts).
  function starts(chars) {
    var out = [0];
    for (var i = 1; i < chars.length - 1; i++) {
      if (PLACE_ENDS.indexOf(chars[i]) >= 0) { out.push(i + 1); }
    }
    return out;
  }

  // matchAt returns the first word start at which the query matches the name, or -1.
  function matchAt(spell, name, q, latin) {
    var chars = Array.from(name);
    var syl = latin ? chars.map(function (c) { return syllable(spell, c); }) : null;
    var ss = starts(chars);
    for (var i = 0; i < ss.length; i++) {
      if (!latin) {
        if (chars.slice(ss[i]).join('').toLowerCase().indexOf(q) === 0) { return ss[i]; }
        continue;
      }
      var full = '', initials = '';
      for (var j = ss[i]; j < syl.length; j++) {
        if (syl[j]) { full += syl[j]; initials += syl[j][0]; }
      }
      if (full.indexOf(q) === 0 || initials.indexOf(q) === 0) { return ss[i]; }
    }
    return -1;
  }

  function normalize(q) { return q.toLowerCase().replace(/\s+/g, ''); }

  // find resolves to the results of query q in the index at folder.
  function find(folder, q, kinds) {
    q = normalize(q);
    if (!q) { return Promise.resolve([]); }
    return manifest(folder).then(function (m) {
      // The shard: the query's first letter, and one more letter for each split
      // shard (a query that spells no more than a split shard's key reads that
      // shard, which has only some of its agencies: partial).
      var spelt = Array.from(q).map(function (c) { return syllable(m.spell, c); }).join('');
      var key = spelt.charAt(0);
      if (/[0-9]/.test(key)) { key = '0'; }
      var partial = false;
      while (key && m.split.indexOf(key) >= 0) {
        if (spelt.length <= key.length) { partial = true; break; }
        key = spelt.slice(0, key.length + 1);
      }
      if (!key || m.keys.indexOf(key) < 0) { return []; }
      var latin = /^[a-z0-9]+$/.test(q);
      return load(new URL(key + '.json', folder).href).then(function (sh) {
        var out = [];
        var root = new URL('../', folder);
        function add(rows, kind, path) {
          if (kinds && kinds !== kind) { return; }
          for (var i = 0; i < rows.length; i++) {
            var r = rows[i];
            var at = matchAt(m.spell, r[0], q, latin);
            if (at < 0) { continue; }
            var id = r[1] || (kind === 'agency' ? slugOf(m.spell, r[0]) : '');
            out.push({ kind: kind, name: r[0], id: id, place: sh.p[r[2]] || '', at: at, order: out.length,
              url: new URL((sh.b[r[3]] || '') + PAGES + path + id + '/', root).href });
          }
        }
        add(sh.a, 'agency', 'agency/');
        add(sh.r, 'region', 'region/');
        // Agencies, then regions (at most MAX_REGIONS); each a match at the start of
        // the name first, then in the index's order.
        out.sort(function (a, b) { return (a.at > 0) - (b.at > 0) || a.order - b.order; });
        var regions = out.filter(function (r) { return r.kind === 'region'; }).slice(0, MAX_REGIONS);
        var agencies = out.filter(function (r) { return r.kind === 'agency'; }).slice(0, MAX_RESULTS - regions.length);
        var rs = agencies.concat(regions);
        rs.partial = partial;
        return rs;
      });
    });
  }

  // part makes a part of the combobox that the page leaves to this script (the
  // header's search box has only its label, input and button): a visually hidden
  // element with an id after the input's, in the box.
  function part(box, input, tag, suffix, text) {
    var el = document.createElement(tag);
    el.id = (input.id || 'q') + suffix;
    el.className = 'visually-hidden';
    if (text) { el.textContent = text; }
    (box.querySelector('.search-box') || box).appendChild(el);
    return el;
  }

  function enhance(box, n) {
    var input = box.querySelector('input[type="search"]');
    var list = box.querySelector('[role="listbox"]');
    var status = box.querySelector('[role="status"]');
    if (!input) { return; }
    if (!list) {
      list = part(box, input, 'ul', '-list');
      list.className = 'search-list';
      list.setAttribute('role', 'listbox');
      list.setAttribute('aria-label', T('搜索结果'));
      list.hidden = true;
    }
    if (!status) {
      status = part(box, input, 'span', '-status');
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
    }
    if (!input.hasAttribute('aria-describedby')) {
      input.setAttribute('aria-describedby', part(box, input, 'span', '-hint', T('输入时列出结果，用上下方向键选择，回车打开，Esc 关闭。')).id);
    }
    var folder = new URL(box.getAttribute('data-search'), document.baseURI).href;
    var pick = box.hasAttribute('data-search-pick');
    var kinds = box.getAttribute('data-search-pick') || '';
    var results = [];
    var active = -1;
    var seq = 0;      // the latest query typed …
    var shown = 0;    // … and the one whose results are listed
    var enterPending = false; // Enter was pressed while a query was loading
    var enterHandled = 0;     // when this script last handled an Enter
    var idBase = (input.id || 'search-' + n) + '-opt-';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);

    function say(text) { if (status) { status.textContent = text; } }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function setActive(i) {
      var opts = list.querySelectorAll('[role="option"]');
      if (active >= 0 && opts[active]) { opts[active].setAttribute('aria-selected', 'false'); }
      active = i;
      if (i < 0 || !opts[i]) { input.removeAttribute('aria-activedescendant'); return; }
      opts[i].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({ block: 'nearest' });
    }
    function choose(i) {
      var r = results[i];
      if (!r) { return; }
      if (pick) {
        box.dispatchEvent(new CustomEvent('nianbao:pick', { bubbles: true, detail: { slug: r.id, name: r.name, place: r.place, url: r.url } }));
        input.value = '';
        close();
        say(T('已添加{0}', r.name));
        return;
      }
      window.location.href = r.url;
    }
    function render(rs, q) {
      results = rs;
      input.setAttribute('data-results-for', q || '');
      list.textContent = '';
      active = -1;
      input.removeAttribute('aria-activedescendant');
      rs.forEach(function (r, i) {
        var li = document.createElement('li');
        li.id = idBase + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = 'search-option search-' + r.kind;
        var name = document.createElement('span');
        name.className = 'search-name';
        name.textContent = r.name;
        var note = document.createElement('span');
        note.className = 'search-note';
        note.textContent = (r.kind === 'region' ? T('地区') : T('机关')) + (r.place ? ' · ' + r.place : '');
        li.appendChild(name);
        li.appendChild(note);
        // mousedown, not click: the input keeps its focus and the list stays open.
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      var open = input.value.trim() !== '';
      if (open && rs.partial) {
        var more = document.createElement('li');
        more.className = 'search-none';
        more.textContent = T('再输入一个字母，查看全部结果。');
        list.appendChild(more);
      }
      if (open && rs.length === 0 && !rs.partial) {
        var none = document.createElement('li');
        none.className = 'search-none';
        none.textContent = T('没有找到。试试名称的开头、拼音或首字母。');
        list.appendChild(none);
      }
      list.hidden = !open;
      input.setAttribute('aria-expanded', open && rs.length > 0 ? 'true' : 'false');
      say(!open ? '' : rs.length ? T('找到{0}个结果，用上下方向键选择', rs.length) : T('没有找到结果'));
    }
    function update() {
      var q = input.value;
      var mine = ++seq;
      if (!q.trim()) { shown = mine; render([], ''); return; }
      find(folder, q, kinds).then(function (rs) {
        if (mine === seq) { shown = mine; render(rs, q); afterEnter(); }
      }, function () {
        if (mine === seq) { shown = mine; render([], q); say(T('搜索索引未能加载')); afterEnter(); }
      });
    }
    function afterEnter() {
      if (!enterPending) { return; }
      enterPending = false;
      if (results.length) { choose(0); } else if (!pick && box.requestSubmit) { box.requestSubmit(); }
    }
    input.addEventListener('input', update);
    input.addEventListener('focus', function () { if (input.value.trim() && results.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (e) {
      var count = results.length;
      switch (e.key) {
        case 'ArrowDown':
          e.preventDefault();
          if (list.hidden && count) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
          if (count) { setActive((active + 1) % count); }
          break;
        case 'ArrowUp':
          e.preventDefault();
          if (count) { setActive(active <= 0 ? count - 1 : active - 1); }
          break;
        case 'Enter':
          // Enter opens the chosen result, or the first (once loaded); with none, the
          // form goes to the agency index as it would without JavaScript.
          if (shown !== seq) {
            e.preventDefault();
            enterHandled = Date.now();
            enterPending = true;
          } else if (count && input.value.trim()) {
            e.preventDefault();
            enterHandled = Date.now();
            choose(active >= 0 ? active : 0);
          } else if (pick) {
            e.preventDefault();
          }
          break;
        case 'Escape':
          if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); input.value = ''; render([]); }
          break;
      }
    });
    // An Enter this script handled does not also submit the form (a keypress that
    // comes on its own, as from automation, would).
    box.addEventListener('submit', function (e) {
      if (Date.now() - enterHandled < 1000) { e.preventDefault(); }
    });
    // The agency index is the search's page without JavaScript: fill in ?q=.
    if (!pick) {
      var q = new URLSearchParams(window.location.search).get('q');
      if (q && n === 0) { input.value = q; update(); }
    }
  }

  var boxes = document.querySelectorAll('[data-search]');
  for (var i = 0; i < boxes.length; i++) { enhance(boxes[i], i); }
  window.nianbaoSearch = { find: find };
})();
