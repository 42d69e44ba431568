// The site's scripts' own words in each language. A script asks for its words by
// their Chinese (the default language's) form, with {0}, {1}… for the values:
// nianbaoT('找到{0}个结果', n). On a page whose <html lang> is English, the English
// below is used; on any other, the Chinese. Loaded before every other script of the
// site (layouts/baseof.html); a script that runs without it falls back to its
// Chinese words. internal/site TestScriptWords checks that every word a script asks
// for is here.
(function () {
  'use strict';
  var en = {
    // search.js
    '搜索结果': 'Search results',
    '输入时列出结果，用上下方向键选择，回车打开，Esc 关闭。': 'Results appear as you type; arrow keys choose, Enter opens, Esc closes.',
    '已添加{0}': 'Added {0}',
    '地区': 'Region',
    '机关': 'Agency',
    '再输入一个字母，查看全部结果。': 'Type one more letter to see all results.',
    '没有找到。试试名称的开头、拼音或首字母。': 'Nothing found. Try the start of the name, its pinyin or initials.',
    '找到{0}个结果，用上下方向键选择': '{0} results; choose with the arrow keys',
    '没有找到结果': 'No results',
    '搜索索引未能加载': 'The search index could not be loaded',
    // tables.js
    '← 左右滑动 →': '← scroll sideways →',
    '原文第{0}行（点击查看）': 'Line {0} of the report (click to see it)',
    // charts.js
    '年报': 'Nianbao',
    '图表工具：{0}': 'Chart tools: {0}',
    '数据 CSV': 'Data CSV',
    '下载本图的数据（CSV，UTF-8）': 'Download this chart\'s data (CSV, UTF-8)',
    '来源：年报 {0}': 'Source: Nianbao {0}',
    '图片 PNG': 'Image PNG',
    '下载本图（PNG）': 'Download this chart (PNG)',
    '未能生成PNG图片': 'Could not make the PNG image',
    '图片 SVG': 'Image SVG',
    '下载本图（SVG）': 'Download this chart (SVG)',
    '链接': 'Link',
    '本图的固定链接': 'A permanent link to this chart',
    '嵌入代码（复制到你的网页）': 'Embed code (copy it into your page)',
    '嵌入': 'Embed',
    '显示嵌入本图的代码': 'Show the code that embeds this chart',
    '嵌入地址有误：需要 ?page=本站页面路径&chart=图表编号': 'Wrong embed address: it needs ?page=a page of this site&chart=a chart\'s id',
    '页面上没有这张图表：{0}': 'The page has no such chart: {0}',
    '来源：年报 · {0}': 'Source: Nianbao · {0}',
    '未能载入图表：{0}': 'Could not load the chart: {0}',
    // compare.js
    '{0}年度': '{0}',
    '{0}（{1}年度）': '{0} ({1})',
    '{0}（{1}—{2}年度）': '{0} ({1}–{2})',
    '{0}（图表，数据见下表）': '{0} (a chart; its data are in the table below)',
    '数据表': 'Data table',
    '（含约数）': ' (includes approximate figures)',
    '、': ', ',
    '地址中有{0}个机关，最多比较{1}个：未显示 {2}。': 'The address names {0} agencies; at most {1} are compared: not shown: {2}.',
    '找不到机关“{0}”。': 'No agency “{0}”.',
    '{0}（找不到）': '{0} (not found)',
    '移除{0}': 'Remove {0}',
    '用上面的搜索框添加要比较的机关（最多{0}个）。': 'Add the agencies to compare with the search box above (at most {0}).',
    '所选年度范围内没有数据。': 'There are no data in the years chosen.',
    '来源：年报 · 比较机关（打开完整页面）': 'Source: Nianbao · Compare agencies (open the full page)',
    '机关代码': 'Agency slug',
    '年度': 'Year',
    '指标': 'Figure',
    '指标键': 'Figure key',
    '数值': 'Value',
    '最多比较{0}个机关。': 'At most {0} agencies can be compared.',
    '已复制链接': 'Link copied',
    '请按 Ctrl+C 复制': 'Press Ctrl+C to copy',
    '已生成 CSV（{0}行）': 'CSV made ({0} rows)',
    // site.js
    '数据错误：{0}': 'Wrong figure: {0}',
    '页面：{0}\n\n哪个数字有误，报告原文是多少：\n': 'Page: {0}\n\nWhich figure is wrong, and what the report says:\n'
  };
  function wordsOf(lang) {
    lang = (lang || '').toLowerCase();
    return lang === 'en' || lang.indexOf('en-') === 0 ? en : null;
  }
  var words = wordsOf(document.documentElement.getAttribute('lang'));
  // The folder of the language's pages below the site's root (a shard's root in a
  // split site): '' for the default language.
  window.nianbaoPages = words ? 'en/' : '';
  function say(words, zh, args) {
    var s = words && Object.prototype.hasOwnProperty.call(words, zh) ? words[zh] : zh;
    return s.replace(/\{(\d+)\}/g, function (m, i) { return String(args[+i + 1]); });
  }
  window.nianbaoT = function (zh) { return say(words, zh, arguments); };
  // nianbaoTIn is nianbaoT in the language lang (an element's lang), for a part of
  // the page in another language than the page's: an English page's chart on the
  // embed page. nianbaoTIn(lang, zh, …).
  window.nianbaoTIn = function (lang, zh) { return say(wordsOf(lang), zh, Array.prototype.slice.call(arguments, 1)); };
})();
