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
  var boxes = document.querySelectorAll('.table-wrap');
  function cue() {
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle('scrolls', wide);
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains('scroll-hint');
      if (wide && !has) {
        hint = document.createElement('p');
        hint.className = 'scroll-hint';
        hint.setAttribute('aria-hidden', 'true');
        hint.textContent = '← 左右滑动 →';
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.parentNode.removeChild(hint);
      }
    }
  }
  cue();
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(cue, 150);
  });
  // A folded table (a chart's data) has no width until it is opened.
  document.addEventListener('toggle', function (e) {
    if (e.target.tagName === 'DETAILS' && e.target.open) { cue(); }
  }, true);

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
    if (td && !td.title) { td.title = '原文第' + td.getAttribute('data-l') + '行（点击查看）'; }
  });
})();
