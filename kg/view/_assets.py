"""The explorer page's own CSS, JavaScript and HTML skeleton (vis-network is inlined separately).

Kept as Python strings so the page needs no package data files and no network: the data goes in
as escaped JSON inside ``<script type="application/json">``, and every piece of article text is
put into the DOM with ``textContent`` (never ``innerHTML``).
"""

from __future__ import annotations

import re

__all__ = ["PAGE", "PAGE_CSS", "PAGE_JS", "without_source_map"]

_SOURCE_MAP = re.compile(
    r"^\s*(//[#@]\s*sourceMappingURL=\S*|/\*[#@]\s*sourceMappingURL=.*?\*/)\s*$", re.MULTILINE
)


def without_source_map(text: str) -> str:
    """A vendored script or stylesheet without its source-map comment, which names a file
    that is not shipped: nothing in a page may refer out.

    >>> without_source_map("var a;\\n//# sourceMappingURL=a.js.map\\n")
    'var a;\\n'
    """
    return _SOURCE_MAP.sub("", text)

PAGE_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
#kg-app { display: grid; grid-template-columns: 260px 1fr 340px; height: 100vh; }
#kg-controls, #kg-panel { overflow-y: auto; padding: 10px 12px; background: #f7f7f5; }
#kg-controls { border-right: 1px solid #ddd; }
#kg-panel { border-left: 1px solid #ddd; }
#kg-network { position: relative; min-height: 300px; }
h1 { font-size: 17px; margin: 0 0 8px; word-break: break-word; }
h2 { font-size: 15px; margin: 4px 0 8px; word-break: break-word; }
fieldset { border: 1px solid #ddd; margin: 8px 0; padding: 6px 8px; }
legend { font-weight: 600; }
label { display: block; margin: 4px 0; }
input[type=search], select, input[type=date] { width: 100%; }
.kg-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 5px 0 2px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.25); }
.kg-count { color: #777; }
.kg-note { background: #fff3cd; border: 1px solid #e6d38a; padding: 4px 6px; }
.kg-muted { color: #777; font-size: 12px; }
.kg-sentence { background: #fff; border-left: 3px solid #2c7fb8; margin: 8px 0; padding: 6px 8px; }
mark.kg-subject { background: #cde5f7; }
mark.kg-object { background: #fde2b8; }
mark.kg-predicate { background: #e3e3e3; }
.kg-badge { display: inline-block; border-radius: 3px; padding: 0 5px; margin-right: 4px;
  background: #e8e8e8; font-size: 12px; }
.kg-badge.kg-neg { background: #f5c6c0; }
.kg-facts { list-style: none; padding: 0; }
.kg-facts button { text-align: left; width: 100%; border: 0; background: none; padding: 3px 0;
  cursor: pointer; color: #1a5a96; font: inherit; }
.kg-facts button:hover { text-decoration: underline; }
.kg-break { word-break: break-all; }
button { cursor: pointer; }
"""

# The page script: reads the JSON payload, builds vis DataSets, filters them through DataViews,
# and fills the side panel. Exposed as window.kgView for tests and the browser console.
PAGE_JS = r"""
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const typeColor = {};
  DATA.types.forEach((t) => { typeColor[t.name] = t.color; });

  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id, label: n.label, type: n.type, size: n.size, pr: n.pr, iri: n.iri,
    aliases: n.aliases, desc: n.desc, color: { background: n.color, border: "#555",
      highlight: { background: n.color, border: "#000" } },
    title: n.label + " (" + n.type + ")"
      + (n.aliases.length ? "\naka " + n.aliases.join(", ") : ""),
  })));
  const edges = new vis.DataSet(DATA.edges.map((e) => {
    const art = e.a === null ? null : DATA.articles[e.a];
    const sentence = e.s === null ? "" : DATA.sentences[e.s];
    const item = {
      id: e.id, from: e.from, to: e.to, label: e.rel,
      predicate: e.predicate, lemma: e.lemma, sentence: sentence, hl: e.hl, date: e.date,
      conf: e.conf, neg: e.neg, mod: e.mod, event: e.event, role: e.role, article: art,
      n: e.n, rs: e.rs,
      arrows: "to", dashes: !!e.neg,
      color: e.neg ? { color: "#c0392b", highlight: "#7b241c" }
        : { color: "#8c8c8c", highlight: "#222" },
      title: e.predicate + (e.n > 1 ? " (" + e.n + " reports)" : "")
        + (e.date ? "  [" + e.date + "]" : "") + (sentence ? "\n" + sentence : ""),
    };
    if (e.smooth) item.smooth = e.smooth;
    return item;
  }));

  // filter state, recomputed by applyFilters() and read by the DataView filters
  let visibleNodes = new Set(nodes.getIds());
  let visibleEdges = new Set(edges.getIds());
  let focusId = DATA.focus;
  const nodeView = new vis.DataView(nodes, { filter: (n) => visibleNodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: (e) => visibleEdges.has(e.id) });

  const container = $("kg-network");
  const many = DATA.nodes.length > 150;
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: !many, randomSeed: 7 },
    nodes: { shape: "dot", font: { size: 14, strokeWidth: 3, strokeColor: "#fff" } },
    edges: {
      font: { size: 10, align: "middle", strokeWidth: 3, strokeColor: "#fff" },
      smooth: { enabled: true, type: "curvedCW", roundness: 0.08 },
      arrows: { to: { enabled: true, scaleFactor: 0.5 } }, width: 1.2,
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: DATA.iterations, updateInterval: 50 },
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: many },
  });
  const state = { ready: false };
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });  // freeze the layout: no endless jiggling
    network.fit({ animation: false });
    state.ready = true;
  });
  if (DATA.nodes.length === 0) state.ready = true;

  // ---- controls -------------------------------------------------------------------------
  const typesBox = $("kg-types");
  DATA.types.forEach((t) => {
    const lab = el("label");
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = t.name; box.value = t.name;
    box.addEventListener("change", () => applyFilters());
    const sw = el("span", null, "kg-swatch");
    sw.style.background = t.color;
    lab.append(box, sw, document.createTextNode(t.name + " "),
      el("span", "(" + t.count + ")", "kg-count"));
    typesBox.appendChild(lab);
  });
  const predSelect = $("kg-predicate");
  DATA.predicates.forEach((p) => {
    const o = el("option", p.name + " (" + p.count + ")");
    o.value = p.name;
    predSelect.appendChild(o);
  });
  const labels = $("kg-labels");
  DATA.nodes.forEach((n) => { const o = el("option"); o.value = n.label; labels.appendChild(o); });
  const minConf = $("kg-min-conf");
  const minConfOut = $("kg-min-conf-value");
  ["kg-predicate", "kg-date-from", "kg-date-to", "kg-hide-negated"].forEach((id) => {
    $(id).addEventListener("change", () => applyFilters());
    $(id).addEventListener("input", () => applyFilters());
  });
  minConf.addEventListener("input", () => {
    minConfOut.textContent = minConf.value;
    applyFilters();
  });
  ["kg-date-from", "kg-date-to"].forEach((id) => {
    if (DATA.dates.min) $(id).min = DATA.dates.min;
    if (DATA.dates.max) $(id).max = DATA.dates.max;
  });

  // partial ISO dates cover a span: "2025-12" runs from 2025-12-01 to (at most) 2025-12-31
  const lowDate = (d) => (d.length === 4 ? d + "-01-01"
    : d.length === 7 ? d + "-01" : d.slice(0, 10));
  const highDate = (d) => (d.length === 4 ? d + "-12-31"
    : d.length === 7 ? d + "-31" : d.slice(0, 10));

  function applyFilters() {
    const types = new Set(Array.from(typesBox.querySelectorAll("input[type=checkbox]"))
      .filter((b) => b.checked).map((b) => b.dataset.type));
    const pred = predSelect.value;
    const from = $("kg-date-from").value;
    const to = $("kg-date-to").value;
    const conf = parseFloat(minConf.value) || 0;
    const hideNeg = $("kg-hide-negated").checked;
    const edgeFiltered = !!(pred || from || to || conf > 0 || hideNeg);
    const typeOk = new Set();
    nodes.forEach((n) => { if (types.has(n.type)) typeOk.add(n.id); });
    let okEdges = edges.get({ filter: (e) => {
      if (!typeOk.has(e.from) || !typeOk.has(e.to)) return false;
      if (pred && e.lemma !== pred) return false;
      if (conf > 0 && !(e.conf !== null && e.conf >= conf)) return false;
      if (hideNeg && e.neg) return false;
      if (from || to) {
        if (!e.date) return false;
        if (from && highDate(e.date) < from) return false;
        if (to && lowDate(e.date) > to) return false;
      }
      return true;
    } });
    let inFocus = null;
    if (focusId !== null && typeOk.has(focusId)) {
      const hops = Math.max(0, parseInt($("kg-hops").value, 10) || 0);
      const adj = new Map();
      okEdges.forEach((e) => {
        if (!adj.has(e.from)) adj.set(e.from, []);
        if (!adj.has(e.to)) adj.set(e.to, []);
        adj.get(e.from).push(e.to); adj.get(e.to).push(e.from);
      });
      inFocus = new Set([focusId]);
      let frontier = [focusId];
      for (let h = 0; h < hops; h++) {
        const next = [];
        frontier.forEach((v) => (adj.get(v) || []).forEach((w) => {
          if (!inFocus.has(w)) { inFocus.add(w); next.push(w); }
        }));
        frontier = next;
      }
      okEdges = okEdges.filter((e) => inFocus.has(e.from) && inFocus.has(e.to));
    }
    const touched = new Set();
    okEdges.forEach((e) => { touched.add(e.from); touched.add(e.to); });
    visibleEdges = new Set(okEdges.map((e) => e.id));
    visibleNodes = new Set();
    typeOk.forEach((id) => {
      if (inFocus && !inFocus.has(id)) return;
      if (edgeFiltered && !touched.has(id) && id !== focusId) return;
      visibleNodes.add(id);
    });
    nodeView.refresh();
    edgeView.refresh();
    $("kg-counts").textContent = countsText(nodeView.get().map((n) => n.type), edgeView.length);
    return { nodes: nodeView.length, edges: edgeView.length };
  }

  // "8 entities, 2 phrases, 7 links shown": a link is one fact between two of its
  // participants (a fact with three participants draws two links)
  function countsText(types, links) {
    const phrases = types.filter((t) => t === "Concept").length;
    return (types.length - phrases) + " entities, " + (phrases ? phrases + " phrases, " : "")
      + links + " links shown";
  }

  // ---- side panel -----------------------------------------------------------------------
  const panel = $("kg-panel");
  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }

  function highlighted(sentence, spans) {
    const box = el("blockquote", null, "kg-sentence");
    let at = 0;
    (spans || []).slice().sort((a, b) => a[0] - b[0]).forEach(([s, e, cls]) => {
      if (s < at || e <= s || e > sentence.length) return;  // overlapping or out of range
      box.appendChild(document.createTextNode(sentence.slice(at, s)));
      box.appendChild(el("mark", sentence.slice(s, e), "kg-" + cls));
      at = e;
    });
    box.appendChild(document.createTextNode(sentence.slice(at)));
    return box;
  }

  // only http(s) links: a javascript: URL in the data must not become clickable
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function showEdge(id) {
    const e = edges.get(id);
    if (!e) return null;
    clearPanel();
    const from = nodes.get(e.from), to = nodes.get(e.to);
    const h = el("h2");
    h.append(el("span", from ? from.label : "?"), document.createTextNode(" — "),
      el("em", e.predicate), document.createTextNode(" → "),
      el("span", to ? to.label : "?"));
    panel.appendChild(h);
    const badges = el("p");
    if (e.neg) badges.appendChild(el("span", "negated", "kg-badge kg-neg"));
    if (e.mod) badges.appendChild(el("span", e.mod, "kg-badge"));
    if (e.conf !== null && e.conf !== undefined) {
      badges.appendChild(el("span", "confidence " + e.conf, "kg-badge"));
    }
    if (e.role) badges.appendChild(el("span", "object role: " + e.role, "kg-badge"));
    if (e.date) badges.appendChild(el("span", e.date, "kg-badge"));
    panel.appendChild(badges);
    if (e.sentence) panel.appendChild(highlighted(e.sentence, e.hl));
    if (e.n > 1) {
      panel.appendChild(el("h3", e.n + " reports of this happening"));
      for (const k of e.rs || []) {
        panel.appendChild(el("blockquote", DATA.sentences[k], "kg-sentence kg-report"));
      }
    }
    const art = e.article;
    if (art) {
      const p = el("p", null, "kg-article");
      p.appendChild(el("strong", art.title || "(untitled article)", "kg-title"));
      if (art.date) p.append(document.createElement("br"), el("span", art.date, "kg-muted"));
      const url = safeUrl(art.url);
      if (url) {
        const a = el("a", url, "kg-break");
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        p.append(document.createElement("br"), a);
      }
      panel.appendChild(p);
    }
    if (e.event) panel.appendChild(el("p", e.event, "kg-muted kg-break"));
    return e;
  }

  function showNode(id) {
    const n = nodes.get(id);
    if (!n) return null;
    clearPanel();
    const h = el("h2");
    const sw = el("span", null, "kg-swatch");
    sw.style.background = typeColor[n.type] || "#999";
    h.append(sw, el("span", n.label));
    panel.appendChild(h);
    panel.appendChild(el("p", n.type + " · PageRank " + n.pr.toFixed(4), "kg-muted"));
    if (n.aliases.length) panel.appendChild(el("p", "Also: " + n.aliases.join(", ")));
    if (n.desc && n.desc.length) {  // descriptions: what the articles say it is or has
      const said = el("ul", null, "kg-descriptions");
      n.desc.forEach((d) => said.appendChild(el("li", d)));
      panel.appendChild(said);
    }
    if (n.iri) panel.appendChild(el("p", n.iri, "kg-muted kg-break"));
    const list = el("ul", null, "kg-facts");
    const mine = edges.get({
      filter: (e) => (e.from === id || e.to === id) && visibleEdges.has(e.id),
    });
    mine.slice(0, 200).forEach((e) => {
      const other = nodes.get(e.from === id ? e.to : e.from);
      const text = e.from === id
        ? e.predicate + " → " + (other ? other.label : "?")
        : (other ? other.label : "?") + " → " + e.predicate;
      const b = el("button", text + (e.date ? " [" + e.date + "]" : ""));
      b.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e.id); });
      const li = el("li"); li.appendChild(b); list.appendChild(li);
    });
    panel.appendChild(el("p", mine.length + " facts shown"));
    panel.appendChild(list);
    return n;
  }

  function onClick(params) {
    if (params.nodes && params.nodes.length) return showNode(params.nodes[0]);
    if (params.edges && params.edges.length) return showEdge(params.edges[0]);
    return null;
  }
  network.on("click", onClick);

  function findNode(text) {
    const q = String(text || "").trim().toLowerCase();
    if (!q) return null;
    const all = nodes.get();
    const exact = all.find((n) => n.label.toLowerCase() === q)
      || all.find((n) => n.aliases.some((a) => a.toLowerCase() === q))
      || all.find((n) => n.label.toLowerCase().includes(q));
    return exact ? exact.id : null;
  }
  function search(text) {
    const id = findNode(text);
    if (id === null) { $("kg-search-status").textContent = "No entity matches."; return null; }
    $("kg-search-status").textContent = "";
    if (visibleNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: false });
    }
    showNode(id);
    return id;
  }
  $("kg-search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    search($("kg-search").value);
  });

  function focus(id) {
    focusId = id === undefined ? null : id;
    const r = applyFilters();
    $("kg-focus-status").textContent = focusId === null ? "" : "Focus: " + nodes.get(focusId).label;
    if (focusId !== null) network.fit({ nodes: Array.from(visibleNodes), animation: false });
    return r;
  }
  $("kg-focus").addEventListener("click", () => {
    const sel = network.getSelectedNodes();
    if (sel.length) focus(sel[0]);
  });
  $("kg-unfocus").addEventListener("click", () => focus(null));
  $("kg-hops").addEventListener("change", () => applyFilters());

  applyFilters();
  if (focusId !== null) $("kg-focus-status").textContent = "Focus: " + nodes.get(focusId).label;
  window.kgView = { renderer: "vis", nodes, edges, nodeView, edgeView, network, applyFilters,
    showEdge, showNode, onClick, search, focus, state, data: DATA,
    counts: () => [nodeView.length, edgeView.length] };
})();
"""

# $-placeholders filled by kg.view._html with already-escaped text
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg">
<title>$title</title>
<style>$vis_css</style>
<style>$page_css</style>
</head>
<body>
<div id="kg-app">
<aside id="kg-controls">
<h1>$title</h1>
<p id="kg-summary">$summary</p>
$note
<form id="kg-search-form" role="search">
<label for="kg-search">Find entity</label>
<input id="kg-search" type="search" list="kg-labels" autocomplete="off" placeholder="name or alias">
<datalist id="kg-labels"></datalist>
<button type="submit" id="kg-search-go">Find</button>
<span id="kg-search-status" class="kg-muted"></span>
</form>
<fieldset id="kg-types"><legend>Entity types</legend></fieldset>
<fieldset>
<legend>Facts</legend>
<label>Predicate <select id="kg-predicate"><option value="">(all)</option></select></label>
<label>From <input id="kg-date-from" type="date"></label>
<label>To <input id="kg-date-to" type="date"></label>
<label>Min. confidence <input id="kg-min-conf" type="range" min="0" max="1" step="0.05" value="0">
<output id="kg-min-conf-value" for="kg-min-conf">0</output></label>
<label><input id="kg-hide-negated" type="checkbox"> hide negated facts</label>
</fieldset>
<fieldset>
<legend>Focus</legend>
<label>Hops <input id="kg-hops" type="number" min="0" max="6" value="$hops"></label>
<button type="button" id="kg-focus">Focus on selected</button>
<button type="button" id="kg-unfocus">Show all</button>
<div id="kg-focus-status" class="kg-muted"></div>
</fieldset>
<p id="kg-counts" class="kg-muted"></p>
<p id="kg-legend-note" class="kg-muted">Node size: PageRank. Dashed red edges: negated facts.</p>
</aside>
<main id="kg-network"></main>
<aside id="kg-panel"><p class="kg-muted">Click an entity or a fact to see its sources.</p></aside>
</div>
<script type="application/json" id="kg-data">$data</script>
<script>$vis_js</script>
<script>$page_js</script>
</body>
</html>
"""
