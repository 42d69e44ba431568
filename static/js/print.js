// nianbao print script: a printed page shows what the screen folds. Before printing,
// every closed <details> (a chart's data table, the provenance of the figures) is
// opened; after printing, those are closed again. The style sheet's print rules do
// the rest (navigation hidden, outbound links' addresses shown).
//
// The source text is not in the page until the reader opens it (static/js/site.js
// loads text.txt then). A print happens as soon as the beforeprint handlers return,
// so an asynchronous fetch would come too late: when the text has not been loaded,
// it is read here synchronously (the one synchronous request of the site, made only
// when printing) into a <pre class="print-text"> after the box, which only print
// shows, and only while the box's own list is empty.
(function () {
  'use strict';
  var opened = [];
  function printText() {
    var box = document.getElementById('text');
    var src = box && box.getAttribute('data-text');
    if (!src || box.querySelector('ol.lines li')) { return; }
    var next = box.nextElementSibling;
    if (next && next.classList.contains('print-text')) { return; }
    try {
      var req = new XMLHttpRequest();
      req.open('GET', src, false);
      req.send();
      if (req.status !== 200) { return; }
      var pre = document.createElement('pre');
      pre.className = 'print-text';
      pre.textContent = req.responseText;
      box.parentNode.insertBefore(pre, box.nextSibling);
    } catch (e) { /* printed without the source text */ }
  }
  window.addEventListener('beforeprint', function () {
    printText();
    var all = document.querySelectorAll('details:not([open])');
    for (var i = 0; i < all.length; i++) {
      if (all[i].id === 'text') { continue; } // opening it would load the text again (site.js)
      all[i].open = true;
      opened.push(all[i]);
    }
  });
  window.addEventListener('afterprint', function () {
    for (var i = 0; i < opened.length; i++) { opened[i].open = false; }
    opened = [];
  });
})();
