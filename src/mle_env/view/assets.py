"""The page's CSS and its one small script, inlined into every page (nothing is fetched).

Paging is CSS: each sample is a ``<section id=...>`` shown when it is the URL's ``:target``, and
the run pages hide while one is. The script filters the samples table and the plots' points,
remembers the filters across reloads, searches a sample's transcript (the search box is hidden
without it; find-in-page still works), and — on a served page of a run still going — reloads
every few seconds.
"""

from __future__ import annotations

CSS = """
:root { --fg:#1d1f23; --muted:#667; --line:#d8dbe0; --bg:#fff; --alt:#f6f7f9; --accent:#2457c5; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       background: var(--bg); margin: 0; }
header.top { background: #1f2a44; color: #fff; padding: 10px 20px; display: flex; gap: 18px; align-items: baseline;
             flex-wrap: wrap; }
header.top a { color: #cfe0ff; }
main { padding: 10px 20px 40px; max-width: 1400px; }
h1 { font-size: 20px; margin: 14px 0 6px; } h2 { font-size: 17px; margin: 22px 0 8px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 4px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--alt); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.floor td, tr.floor th { color: var(--muted); font-style: italic; }
.meta { color: var(--muted); } .meta b { color: var(--fg); font-weight: 600; }
.note { color: var(--muted); font-size: 12px; max-width: 1000px; }
.warn { background: #fff4d6; border: 1px solid #e8c86a; padding: 6px 10px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #e8eaee; }
.st-completed { background: #d8f0dc; } .st-limit { background: #fdebc8; } .st-model-error { background: #f8d7d3; }
.st-infra, .st-grader { background: #e7d7f5; } .st-running, .st-pending { background: #dfe9fb; }
.v-passed { background: #d8f0dc; } .v-failed { background: #f8d7d3; } .v-ungraded { background: #eceef1; }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
.confusions { display: flex; gap: 18px; flex-wrap: wrap; }
figure.confusion { margin: 0; } figcaption { font-weight: 600; margin-bottom: 3px; }
pre { background: var(--alt); border: 1px solid var(--line); padding: 6px 8px; overflow-x: auto; margin: 4px 0;
      white-space: pre-wrap; word-break: break-word; font: 12.5px/1.4 ui-monospace, Menlo, Consolas, monospace; }
details > summary { cursor: pointer; color: var(--accent); }
.event { border-left: 3px solid var(--line); padding: 2px 0 2px 10px; margin: 8px 0; }
.event.model { border-color: #6b8fd6; } .event.tool { border-color: #9aa3ad; margin-left: 18px; }
.event.error, .event.limit { border-color: #d05a4a; } .event.end { border-color: #3b9a57; }
.event .head { font-weight: 600; } .event .head .meta { font-weight: 400; margin-left: 8px; }
.assistant { white-space: pre-wrap; }
.reveal { border: 1px dashed #c0392b; padding: 6px 10px; margin: 10px 0; }
.sample { display: none; } .sample:target { display: block; }
body:has(.sample:target) .runpage { display: none; }
.hl { background: var(--alt); border: 1px solid var(--line); padding: 0 8px; overflow-x: auto; }
.hl pre { border: 0; background: none; padding: 4px 0; }
.plots { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; }
figure.plot { margin: 0; }
svg.plot { font: 11px system-ui, sans-serif; fill: var(--fg); background: #fff; }
svg.plot .axis { stroke: #888; } svg.plot .grid { stroke: #eceef1; }
svg.plot .label { fill: var(--muted); } svg.plot .row { font-weight: 600; }
svg.plot a.pt circle { fill-opacity: 0.75; stroke: #fff; stroke-width: 0.8; }
svg.plot a.pt:hover circle { fill-opacity: 1; stroke: #000; }
svg [hidden] { display: none; }
.stops { background: #fdecea; border: 1px solid #d05a4a; padding: 6px 10px; margin: 6px 0; }
.stops ul { margin: 2px 0; }
.event.error, .event.limit, .event.end.stopped { background: #fdecea; }
.event.tool.failed { border-color: #d05a4a; } .badge.failed { background: #f8d7d3; }
table.turns tr.flagged td { background: #fdecea; }
.search input { width: 420px; max-width: 90%; padding: 3px 6px; }
.event.miss { display: none; }
::highlight(mle-search) { background: #ffe066; color: #000; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 4px 0; }
.legend .key i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
"""

JS = """
(function () {
  function apply(sec) {
    var f = {}, shown = 0;
    sec.querySelectorAll('select[data-filter]').forEach(function (s) { f[s.dataset.filter] = s.value; });
    sec.querySelectorAll('tr.sample-row, a.pt').forEach(function (el) {
      var ok = Object.keys(f).every(function (k) {
        var v = f[k];
        return !v || (el.dataset[k] || '').split(',').indexOf(v) >= 0;
      });
      el.toggleAttribute('hidden', !ok);
      if (ok && el.tagName === 'TR') shown++;
    });
    var out = sec.querySelector('.shown');
    if (out) out.textContent = shown;
    try { sessionStorage.setItem('mle-env-filters-' + sec.id, JSON.stringify(f)); } catch (e) {}
  }
  document.querySelectorAll('section.runpage').forEach(function (sec) {
    var saved = {};
    try { saved = JSON.parse(sessionStorage.getItem('mle-env-filters-' + sec.id) || '{}'); } catch (e) {}
    sec.querySelectorAll('select[data-filter]').forEach(function (s) {
      if (saved[s.dataset.filter]) s.value = saved[s.dataset.filter];
      s.addEventListener('change', function () { apply(sec); });
    });
    apply(sec);
  });
  // the transcript search: hide the entries without the text, open folded outputs that have it,
  // highlight it (CSS Custom Highlight API: no change to the page's text)
  document.querySelectorAll('section.sample').forEach(function (sec) {
    var box = sec.querySelector('.search');
    if (!box) return;
    box.hidden = false;
    var note = sec.querySelector('.nosearch');
    if (note) note.hidden = true;
    var input = box.querySelector('input'), hits = box.querySelector('.hits'), timer = null;
    var events = [].slice.call(sec.querySelectorAll('.transcript .event'));
    function search() {
      var q = input.value.trim().toLowerCase(), n = 0, ranges = [];
      events.forEach(function (ev) {
        ev.querySelectorAll('details[data-opened]').forEach(function (d) {
          d.open = false;
          d.removeAttribute('data-opened');
        });
        var hit = !q || ev.textContent.toLowerCase().indexOf(q) >= 0;
        ev.classList.toggle('miss', !hit);
        if (!q || !hit) return;
        n++;
        ev.querySelectorAll('details').forEach(function (d) {
          if (!d.open && d.textContent.toLowerCase().indexOf(q) >= 0) {
            d.open = true;
            d.setAttribute('data-opened', '');
          }
        });
        var walk = document.createTreeWalker(ev, NodeFilter.SHOW_TEXT), t;
        while ((t = walk.nextNode()) && ranges.length < 5000) {
          var s = t.data.toLowerCase(), i = s.indexOf(q);
          while (i >= 0 && ranges.length < 5000) {
            var r = new Range(); r.setStart(t, i); r.setEnd(t, i + q.length); ranges.push(r);
            i = s.indexOf(q, i + q.length);
          }
        }
      });
      hits.textContent = q ? n + ' of ' + events.length + ' entries' : '';
      if (window.CSS && CSS.highlights) {
        if (ranges.length) CSS.highlights.set('mle-search', new Highlight(...ranges));
        else CSS.highlights.delete('mle-search');
      }
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 120); });
    input.addEventListener('keydown', function (e) { if (e.key === 'Escape') { input.value = ''; search(); } });
  });
  if (document.body.dataset.live === '1') {
    setTimeout(function () { location.reload(); }, 5000);
  }
})();
"""
