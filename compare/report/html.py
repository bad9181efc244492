"""HTML report: one self-contained page, no network requests, no external CSS or JavaScript.

The articles stand side by side as written, each unit coloured by the verdict of its groups
(``differ`` over ``agree`` over ``only``). Hovering, focusing or clicking a unit highlights its
counterparts in the other sources (a click pins the selection and scrolls each other column to
its counterpart; Escape clears). Below come the facts reported differently, the facts some
sources leave out, and with three or more sources the coverage matrix.

Every piece of text is escaped with :func:`html.escape`; the page carries a Content Security
Policy that allows only its own inline style and script (by hash), so even a page edited by hand
cannot fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html import escape

from compare import __version__
from compare.analyze.coverage import Cell, Coverage, coverage, excerpt, facts, reason
from compare.analyze.explain import Explainer
from compare.analyze.strength import LABELS, levels, strengths
from compare.model import Article, Comparison, Group, Unit, UnitKind, Verdict
from compare.options import Detail, ReportOptions
from compare.report.sections import (
    STATUS_TEXT,
    difference_spans,
    only_facts,
    quotes_that_matter,
    ranked_pairs,
    see_also,
    segments,
    shared_rows,
)

_RANK = {Verdict.DIFFER: 0, Verdict.AGREE: 1, Verdict.ONLY: 2}
_MARK = {Cell.REPORTED: "✓", Cell.DIFFERENT: "≠", Cell.MISSING: "—"}
_CELL_TITLE = {Cell.REPORTED: "reported", Cell.DIFFERENT: "reported differently", Cell.MISSING: "left out"}

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0;
  --agree: #dafbe1; --agree-edge: #1a7f37; --differ: #fff1c2; --differ-edge: #9a6700;
  --only: #ffebe9; --only-edge: #cf222e; --sel: #0969da; --sel-bg: #ddf4ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
    --agree: #12361f; --agree-edge: #3fb950; --differ: #3b2e00; --differ-edge: #d29922;
    --only: #42161b; --only-edge: #f85149; --sel: #4493f8; --sel-bg: #0c2d6b; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 110rem; padding: 1rem 1.5rem 3rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid var(--line); padding: .25rem .5rem;
  text-align: left; vertical-align: top; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted, .hint { color: var(--muted); } .sid { font-weight: 700; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em;
  margin-right: .3em; border: 1px solid; }
.swatch.v-agree { background: var(--agree); border-color: var(--agree-edge); }
.swatch.v-differ { background: var(--differ); border-color: var(--differ-edge); }
.swatch.v-only { background: var(--only); border-color: var(--only-edge); }
.columns { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(18rem, 1fr); gap: 1rem;
  overflow-x: auto; padding-bottom: .5rem; }
.source { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; min-width: 0; }
.source .text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 75vh; overflow-y: auto;
  position: relative; padding-right: .25rem; }
.unit { border-radius: 3px; cursor: pointer; border-bottom: 2px solid transparent; }
.unit.v-agree { background: var(--agree); border-bottom-color: var(--agree-edge); }
.unit.v-differ { background: var(--differ); border-bottom: 2px dashed var(--differ-edge); }
.unit.v-only { background: var(--only); border-bottom: 2px dotted var(--only-edge); }
.unit.k-headline { font-weight: 700; }
.unit.k-byline, .unit.k-boilerplate { background: none; border-bottom-color: transparent;
  color: var(--muted); cursor: default; }
.unit:focus { outline: none; }
.unit.selected { outline: 2px solid var(--sel); background: var(--sel-bg); }
.unit.counterpart { outline: 2px dashed var(--sel); background: var(--sel-bg); }
#status { min-height: 1.5em; position: sticky; top: 0; background: var(--bg); padding: .25rem 0; z-index: 1; }
.group { border-left: 4px solid var(--differ-edge); padding: .25rem .75rem; margin: .75rem 0; }
.group blockquote { margin: .25rem 0; }
a.ref { color: var(--sel); text-decoration: none; font-weight: 600; } a.ref:hover { text-decoration: underline; }
.matrix td.cell { text-align: center; } .matrix td.c-reported { background: var(--agree); }
.matrix td.c-different { background: var(--differ); } .matrix td.c-missing { color: var(--muted); }
ol.omissions li, ul.only li { margin: .25rem 0; }
mark { background: var(--differ); color: inherit; outline: 1px solid var(--differ-edge); border-radius: 2px; }
ul.pairs { margin: .5rem 0; } ul.shared > li { margin: .5rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
"""

JS = """
(function () {
  "use strict";
  var units = Array.prototype.slice.call(document.querySelectorAll(".unit[data-unit]"));
  var byId = {}, byGroup = {}, pinned = null;
  var status = document.getElementById("status");
  units.forEach(function (el) {
    byId[el.getAttribute("data-unit")] = el;
    groupsOf(el).forEach(function (g) { (byGroup[g] = byGroup[g] || []).push(el); });
  });
  function groupsOf(el) {
    var v = el.getAttribute("data-groups") || "";
    return v ? v.split(" ") : [];
  }
  function counterparts(el) {
    var out = [];
    groupsOf(el).forEach(function (g) {
      (byGroup[g] || []).forEach(function (o) { if (o !== el && out.indexOf(o) < 0) { out.push(o); } });
    });
    return out;
  }
  function clear() {
    Array.prototype.slice.call(document.querySelectorAll(".unit.selected, .unit.counterpart")).forEach(function (e) {
      e.classList.remove("selected", "counterpart");
    });
  }
  function show(el) {
    clear();
    if (!el) { status.textContent = status.getAttribute("data-idle"); return; }
    var others = counterparts(el);
    el.classList.add("selected");
    others.forEach(function (o) { o.classList.add("counterpart"); });
    var names = others.map(function (o) { return o.getAttribute("data-unit"); });
    status.textContent = el.getAttribute("data-unit") + " (" + el.getAttribute("data-verdict") + "): " +
      (names.length ? "also reported as " + names.join(", ") : "no other source reports it");
  }
  function reveal(el) {
    var box = el.closest(".text");
    if (!box) { return; }
    var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.top + box.clientHeight) {
      box.scrollTop = Math.max(0, box.scrollTop + r.top - b.top - box.clientHeight / 3);
    }
  }
  function pin(el) {
    pinned = (pinned === el) ? null : el;
    show(pinned);
    if (!pinned) { return; }
    var seen = [];
    counterparts(pinned).sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }).forEach(function (o) {
      var box = o.closest(".text");
      if (seen.indexOf(box) < 0) { seen.push(box); reveal(o); }
    });
  }
  units.forEach(function (el) {
    el.addEventListener("mouseenter", function () { show(el); });
    el.addEventListener("mouseleave", function () { show(pinned); });
    el.addEventListener("focus", function () { show(el); });
    el.addEventListener("blur", function () { show(pinned); });
    el.addEventListener("click", function () { pin(el); });
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(el); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { pinned = null; show(null); }
  });
  Array.prototype.slice.call(document.querySelectorAll("a.ref[data-unit]")).forEach(function (a) {
    a.addEventListener("click", function (e) {
      var el = byId[a.getAttribute("data-unit")];
      if (!el) { return; }
      e.preventDefault();
      pinned = null;
      pin(el);
      reveal(el);
      el.scrollIntoView({block: "nearest"});
      el.focus({preventScroll: true});
    });
  });
  show(null);
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(JS)}; img-src data:;"
    " base-uri 'none'; form-action 'none'"
)
"""The page's Content Security Policy: nothing but its own inline style and script, no requests."""


def render(c: Comparison, options: ReportOptions | None = None) -> str:
    """The whole report as one HTML document (a string)."""
    o = options or ReportOptions()
    cov = coverage(c)
    units = {u.id: u for u in c.units}
    groups_of: dict[str, list[Group]] = {}
    for g in c.groups:
        for uid in g.units:
            groups_of.setdefault(uid, []).append(g)
    title = "Source comparison: " + ", ".join(a.label for a in c.sources)
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<link rel="icon" href="data:,">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Source comparison</h1>",
        *_summary(c, cov, o),
        "</header>",
        "<main>",
        *_differences(c, units),
        *_articles(c, groups_of),
        *_shared(c, o),
        *_omissions(c, cov, o),
        *_matrix(c, cov, o),
        *_quotes(c),
        *_notes(c),
        "</main>",
        f"<footer>Made by compare-sources {escape(__version__)}. Offsets and groups as in the JSON report.</footer>",
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(c: Comparison, cov: Coverage, o: ReportOptions) -> list[str]:
    s = c.summary()
    only = sum(k.only for k in cov.counts)
    shared = s["agree"] + s["differ"]
    out = [
        f'<p class="lede"><strong>{len(c.sources)}</strong> sources. {_strong(facts(shared))} reported by two or'
        f" more of them: <strong>{s['agree']}</strong> agree, <strong>{s['differ']}</strong> reported"
        f" differently; {_strong(facts(only))} reported by one source only.</p>",
        '<table class="sources"><thead><tr><th>source</th><th>label</th><th class="num">units</th>'
        '<th class="num">facts reported</th><th class="num">reported differently</th><th class="num">only here</th>'
        '<th class="num">left out</th>'
        + ('<th class="num">all others report</th>' if len(c.sources) >= 3 else "")
        + "</tr></thead><tbody>",
    ]
    for a, k in zip(c.sources, cov.counts, strict=True):
        n = sum(1 for u in c.units if u.source == a.id and u.kind is UnitKind.SENTENCE)
        cells = [n, k.reported + k.different, k.different, k.only, k.missing]
        if len(c.sources) >= 3:
            cells.append(k.all_but)
        out.append(
            f'<tr><td class="sid"><a class="ref" href="#src-{escape(a.id)}">{escape(a.id)}</a></td>'
            f"<td>{escape(a.label)}{_path(a)}</td>" + "".join(f'<td class="num">{x}</td>' for x in cells) + "</tr>"
        )
    out.append("</tbody></table>")
    story = {st.sources: st for st in c.stories}
    items = []
    for p in ranked_pairs(cov):
        x, y = p.sources
        st = story.get(p.sources)
        told = "" if st is None else ("same story · " if st.same else "<strong>not the same story</strong> · ")
        items.append(
            f'<li><span class="sid">{escape(x)}–{escape(y)}</span>: {told}{_strong(facts(p.both))} both report ·'
            f" <strong>{p.different}</strong> reported differently · <strong>{p.only[0]}</strong> only in"
            f" {escape(x)} · <strong>{p.only[1]}</strong> only in {escape(y)}</li>"
        )
    out += _capped(items, o, "ul", "pairs")
    if len(c.sources) >= 3:
        notes = [f"only <strong>{escape(k.source)}</strong> reports {facts(k.only)}" for k in cov.counts if k.only]
        notes += [
            f"all but <strong>{escape(k.source)}</strong> report {facts(k.all_but)}" for k in cov.counts if k.all_but
        ]
        if notes:
            out.append('<ul class="counts">' + "".join(f"<li>{n}</li>" for n in notes) + "</ul>")
    out.append(
        '<p class="legend"><span><span class="swatch v-agree"></span>agree</span>'
        '<span><span class="swatch v-differ"></span>reported differently</span>'
        '<span><span class="swatch v-only"></span>only this source</span></p>'
    )
    return out


def _strong(text: str) -> str:
    """``3 facts`` as ``<strong>3</strong> facts``."""
    n, _, rest = text.partition(" ")
    return f"<strong>{n}</strong> {rest}"


def _path(a: Article) -> str:
    return f' <span class="muted">({escape(a.path)})</span>' if a.path and a.path != a.label else ""


def _unit_verdict(groups: list[Group]) -> Verdict:
    return min((g.verdict for g in groups), key=lambda v: _RANK[v], default=Verdict.ONLY)


def _articles(c: Comparison, groups_of: dict[str, list[Group]]) -> list[str]:
    out = [
        '<section id="articles">',
        "<h2>The articles side by side</h2>",
        '<p class="hint">Hover over a sentence, or tab to it, to highlight the sentences of the other sources'
        " that report the same fact; click (or Enter) to pin the selection, Escape to clear.</p>",
        '<div id="status" role="status" aria-live="polite" data-idle="Nothing selected."></div>',
        '<div class="columns">',
    ]
    for a in c.sources:
        own = sorted((u for u in c.units if u.source == a.id), key=lambda u: (u.start, u.end))
        out.append(f'<article class="source" id="src-{escape(a.id)}" aria-labelledby="h-{escape(a.id)}">')
        label = "" if a.label == a.id else f" {escape(a.label)}"
        out.append(f'<h3 id="h-{escape(a.id)}"><span class="sid">{escape(a.id)}</span>{label}</h3>')
        out.append('<div class="text">' + "".join(_article_text(a, own, groups_of)) + "</div>")
        out.append("</article>")
    out += ["</div>", "</section>"]
    return out


def _article_text(a: Article, units: list[Unit], groups_of: dict[str, list[Group]]) -> Iterable[str]:
    """The article's text, with each unit wrapped in a span; the text between units kept as is."""
    pos = 0
    text = a.text
    for u in units:
        start = max(u.start, pos)
        if start > pos:
            yield escape(text[pos:start])
        gs = groups_of.get(u.id, [])
        verdict = _unit_verdict(gs)
        classes = f"unit v-{verdict.value}"
        if u.kind is not UnitKind.SENTENCE:
            classes += f" k-{u.kind.value}"
        tip = f"{u.id} · " + "; ".join(
            f"{g.id} {g.verdict.value}" + (f" ({g.score:.0f})" if g.score is not None else "") for g in gs
        )
        attrs = (
            f'class="{classes}" id="u-{escape(u.id)}" data-unit="{escape(u.id)}"'
            f' data-groups="{escape(" ".join(g.id for g in gs))}" data-verdict="{escape(verdict.value)}"'
            f' title="{escape(tip)}"'
        )
        if u.kind.matched:
            attrs += ' tabindex="0"'
        yield f"<span {attrs}>{escape(text[start : u.end])}</span>"
        pos = max(pos, u.end)
    if pos < len(text):
        yield escape(text[pos:])


def _ref(u: Unit) -> str:
    return f'<a class="ref" href="#u-{escape(u.id)}" data-unit="{escape(u.id)}">{escape(u.id)}</a>'


def _differences(c: Comparison, units: dict[str, Unit]) -> list[str]:
    groups = [g for g in c.groups if g.verdict is Verdict.DIFFER]
    out = ['<section id="differences">', f"<h2>Reported differently ({len(groups)})</h2>"]
    if not groups:
        out += ['<p class="muted">No conflicting detail found among the facts the sources share.</p>', "</section>"]
        return out
    labels = {a.id: a.label for a in c.sources}
    for g in groups:
        out.append(f'<div class="group" id="group-{escape(g.id)}">')
        out.append(f"<h3>{escape(g.id)}</h3>")
        out.append("<ul>" + "".join(f"<li>{escape(reason(d.kind, d.detail))}</li>" for d in g.differences) + "</ul>")
        for uid in g.units:
            u = units[uid]
            label = f'<span class="muted">{escape(labels[u.source])}</span>'
            out.append(f"<blockquote>{_ref(u)} {label} {_marked(c, g, uid)}</blockquote>")
        out.append("</div>")
    out.append("</section>")
    return out


def _marked(c: Comparison, g: Group, uid: str) -> str:
    """A unit's text, escaped, with the details its group's differences name in ``<mark>``."""
    runs = segments(c.unit(uid).text, difference_spans(c, g, uid))
    return "".join(f"<mark>{escape(t)}</mark>" if marked else escape(t) for t, marked in runs)


def _capped(items: list[str], o: ReportOptions, tag: str, cls: str) -> list[str]:
    """A list's items, those past ``o.top`` (at the standard detail) folded in a ``<details>``."""
    n = len(items) if o.detail is Detail.FULL else min(len(items), o.top)
    out = [f'<{tag} class="{cls}">' + "".join(items[:n]) + f"</{tag}>"]
    if n < len(items):
        out.append(
            f"<details><summary>{len(items) - n} more</summary>"
            f'<{tag} class="{cls}" start="{n + 1}">' + "".join(items[n:]) + f"</{tag}></details>"
        )
    return out


def _shared(c: Comparison, o: ReportOptions) -> list[str]:
    rows = shared_rows(c)
    if not rows:
        return []
    strength = strengths(c, [g for r in rows for g in r.groups])
    tally = {s: list(strength.values()).count(s) for s in LABELS}
    explain = Explainer(c)
    also = see_also(c)
    same, para = levels()
    title = "Reported by both" if len(c.sources) == 2 else "Reported by several sources"
    out = [
        '<section id="shared">',
        f"<h2>{title} ({len(strength)})</h2>",
        '<p class="muted">' + ", ".join(f"{n} {escape(s)}" for s, n in tally.items() if n) + f". Same statement:"
        f" fact similarity ≥ {same:g}; paraphrase: ≥ {para:g}; partial: below (part of a fact, or its event).</p>",
    ]
    items = []
    for r in rows:
        u = r.anchor
        parts = []
        for g in r.groups:
            others = ", ".join(f"{_ref(c.unit(v))} {escape(c.unit(v).text)}" for v in r.counterparts(g))
            why = f' <span class="muted">({escape(explain(g).line())})</span>' if o.explain else ""
            parts.append(f'<li><span class="muted">{escape(g.id)} {escape(strength[g.id])}</span> {others}{why}</li>')
        extra = also.get(u.id, ())
        see = (' <span class="muted">see also ' + ", ".join(escape(v) for v in extra) + "</span>") if extra else ""
        items.append(f"<li>{_ref(u)} {escape(u.text)}{see}<ul>{''.join(parts)}</ul></li>")
    out += _capped(items, o, "ul", "shared")
    out.append("</section>")
    return out


def _quotes(c: Comparison) -> list[str]:
    listed, single = quotes_that_matter(c)
    if not listed and not single:
        return []
    out = ['<section id="quotes">', f"<h2>Quotations in several sources ({len(listed)})</h2>"]
    if single:
        out.append(f'<p class="muted">{single} quotations only one source carries are not listed.</p>')
    items = []
    for e in listed:
        ws = "; ".join(
            f"{escape(w.unit)} “{escape(w.text)}”" + (f" — {escape(w.speaker)}" if w.speaker else "")
            for w in e.wordings
        )
        para = (
            f' <span class="muted">paraphrased in {escape(", ".join(e.paraphrased_in))}</span>'
            if e.paraphrased_in
            else ""
        )
        items.append(f"<li><strong>{escape(STATUS_TEXT.get(e.status, e.status))}</strong>: {ws}{para}</li>")
    if items:
        out.append('<ul class="quotes">' + "".join(items) + "</ul>")
    out.append("</section>")
    return out


def _omissions(c: Comparison, cov: Coverage, o: ReportOptions) -> list[str]:
    labels = {a.id: a.label for a in c.sources}
    n = len(c.sources)
    out = ['<section id="omissions">', "<h2>Left out</h2>"]
    shared = cov.shared_omissions
    if shared:
        out.append(f"<h3>Facts some sources leave out ({len(shared)}), most widely reported first</h3>")
        rows = []
        for om in shared:
            u = om.fact.units[0]
            rows.append(
                f'<li>{_ref(u)} {escape(u.text)} <span class="muted">— reported by {len(om.carriers)} of {n}'
                f" ({escape(', '.join(om.carriers))}); left out by {escape(', '.join(om.missing))}</span></li>"
            )
        out += _capped(rows, o, "ol", "omissions")
    also = see_also(c)
    for s in cov.sources:
        own = only_facts(cov, s)
        if not own:
            continue
        out.append(f'<h3 id="only-{escape(s)}">Only in {escape(s)}: {escape(labels[s])} ({len(own)})</h3>')
        items = []
        for f in own:
            u = f.units[0]
            extra = also.get(u.id, ())
            see = (' <span class="muted">see also ' + ", ".join(escape(v) for v in extra) + "</span>") if extra else ""
            items.append(f"<li>{_ref(u)} {escape(u.text)}{see}</li>")
        out += _capped(items, o, "ul", "only")
    if not cov.omissions:
        out.append('<p class="muted">Every source reports every fact.</p>')
    out.append("</section>")
    return out


def _matrix(c: Comparison, cov: Coverage, o: ReportOptions) -> list[str]:
    if len(c.sources) < 3 or not cov.facts:
        return []
    out = [
        '<section id="coverage">',
        f"<h2>Coverage ({len(cov.facts)} facts × {len(cov.sources)} sources)</h2>",
        '<p class="legend">✓ reported · ≠ reported differently · — left out</p>',
        '<table class="matrix"><thead><tr><th>fact</th>'
        + "".join(f'<th title="{escape(a.label)}">{escape(a.id)}</th>' for a in c.sources)
        + '<th class="num">sources</th></tr></thead><tbody>',
    ]
    for f in cov.facts:
        u = f.units[0]
        cells = "".join(
            f'<td class="cell c-{x.value}" title="{escape(s)}: {_CELL_TITLE[x]}">{_MARK[x]}</td>'
            for s, x in zip(cov.sources, f.cells, strict=True)
        )
        text = excerpt(u.text, 90)
        out.append(
            f'<tr><td>{escape(f.group.id)} {_ref(u)} {escape(text)}</td>{cells}<td class="num">{f.carriers}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _notes(c: Comparison) -> list[str]:
    if not c.notes:
        return []
    items = "".join(f"<li>{escape(n)}</li>" for n in c.notes)
    return [f'<section id="notes"><h2>Notes</h2><ul>{items}</ul></section>']
