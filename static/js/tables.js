// nianbao table script: the cues of tables wider than the screen, and the figures of
// a report's tables that lead to their line of the source text.
//
// A table wider than its box scrolls sideways inside it (.table-wrap): the box gets
// the class "scrolls" (the style sheet shades the edge that has more) and a line
// "← 左右滑动 →" above it, updated when the window is resized.
//
// A figure cell of a report table carries its source line in data-l (not a link,
// which would make every figure a tab stop): a click on it shows the line, as the
// key figures' #L links do (static/js/site.js reveals #L<n> on hashchange). The
// provenance table below lists the same lines as links, for keyboards and screen
// readers.
(function () {
  'use strict';
  var T = window.nianbaoT || function (s) { var a = arguments; return s.replace(/\{(\d+)\}/g, function (m, i) { return String(a[+i + 1]); }); };
  // A box is looked at when it is laid out and whenever it or its table changes
  // size (ResizeObserver): a report page's sections below the screen are laid out
  // only when they come near it (content-visibility in the style sheet), and
  // measuring them all at once would lay them all out.
  function cue(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle('scrolls', wide);
    var hint = box.previousElementSibling;
    var has = hint && hint.classList.contains('scroll-hint');
    if (wide && !has) {
      hint = document.createElement('p');
      hint.className = 'scroll-hint';
      hint.setAttribute('aria-hidden', 'true');
      hint.textContent = T('← 左右滑动 →');
      box.parentNode.insertBefore(hint, box);
    } else if (!wide && has) {
      hint.parentNode.removeChild(hint);
    }
  }
  var boxes = document.querySelectorAll('.table-wrap');
  if (window.ResizeObserver) {
    var watch = new ResizeObserver(function (entries) {
      var seen = [];
      for (var i = 0; i < entries.length; i++) {
        var box = entries[i].target.closest('.table-wrap');
        if (box && seen.indexOf(box) < 0) { seen.push(box); }
      }
      // Read every width, then change the page.
      var wide = seen.map(function (b) { return b.scrollWidth > b.clientWidth + 1; });
      for (var j = 0; j < seen.length; j++) {
        if (wide[j] !== seen[j].classList.contains('scrolls') || wide[j] !== !!(seen[j].previousElementSibling && seen[j].previousElementSibling.classList.contains('scroll-hint'))) { cue(seen[j]); }
      }
    });
    for (var i = 0; i < boxes.length; i++) {
      watch.observe(boxes[i]);
      if (boxes[i].firstElementChild) { watch.observe(boxes[i].firstElementChild); }
    }
  } else {
    for (var k = 0; k < boxes.length; k++) { cue(boxes[k]); }
  }

  document.addEventListener('click', function (e) {
    var td = e.target.closest && e.target.closest('td[data-l]');
    if (!td) { return; }
    var hash = '#L' + td.getAttribute('data-l');
    if (location.hash === hash) {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = hash;
    }
  });
  document.addEventListener('mouseover', function (e) {
    var td = e.target.closest && e.target.closest('td[data-l]');
    if (td && !td.title) { td.title = T('原文第{0}行（点击查看）', td.getAttribute('data-l')); }
  });
})();
