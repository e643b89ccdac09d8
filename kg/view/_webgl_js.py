"""The big-graph page's script (sigma.js + graphology, WebGL): kept as a Python string, like
:mod:`kg.view._assets`, so the page needs no network.

It reads the same JSON payload as the vis-network page plus precomputed positions (``x``,
``y``) and communities (``c``, ``communities``), and paints at once: no physics. The first
paint of a big graph is the community overview (one disc per community, named after its
highest-PageRank member); clicking a disc opens that community's entities. Labels are drawn
by importance: node size follows PageRank and sigma's label grid keeps, per screen cell, the
labels of the biggest nodes, more as one zooms in. Every piece of article text goes into the
DOM with ``textContent``; ``window.kgView`` is the same kind of handle as on the vis page.
"""

from __future__ import annotations

__all__ = ["WEBGL_JS"]

WEBGL_JS = r"""
(function () {
  "use strict";
  const marks = { start: performance.now() };  // ms since navigation: where the paint time goes
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  marks.parsed = performance.now();
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const state = { ready: false, paintMs: null, marks, overview: !!DATA.overview, selected: null };
  const N = DATA.nodes, E = DATA.edges, C = DATA.communities;
  const typeColor = {};
  DATA.types.forEach((t) => { typeColor[t.name] = t.color; });
  const articleOf = (e) => (e.a === null ? null : DATA.articles[e.a]);
  const sentenceOf = (e) => (e.s === null ? "" : DATA.sentences[e.s]);

  // ---- the graph: entities "n<id>", communities "c<id>", facts "e<id>", links "l<i>" ------
  const graph = new graphology.MultiGraph();
  const NODE_MIN = 3, NODE_SPAN = 12;  // px: node size from PageRank (vis sizes 8..38)
  // Entities drawn while the camera moves, at most, the most central first (the others, and
  // the edges, are drawn again when it stops): software WebGL draws 20,000 points in about
  // 80 ms, too slow to follow the mouse; a few thousand keep the picture while it moves.
  const NODES_WHILE_MOVING = 2000;
  const byRank = N.map((n) => n.id).sort((a, b) => N[b].pr - N[a].pr || a - b);
  const rankOf = new Array(N.length);
  byRank.forEach((id, r) => { rankOf[id] = r; });
  N.forEach((n) => {
    graph.addNode("n" + n.id, {
      x: n.x, y: n.y, label: n.label, color: n.color, kind: "n", id: n.id,
      size: NODE_MIN + NODE_SPAN * (n.size - 8) / 30, zIndex: 1,
      type: rankOf[n.id] < NODES_WHILE_MOVING ? "point" : "detail",
    });
  });
  const commSize = (count) => 4 + 26 * Math.sqrt(count / Math.max(1, C.length ? C[0].size : 1));
  C.forEach((c) => {
    graph.addNode("c" + c.id, {
      x: c.x, y: c.y, label: c.label, color: c.color, kind: "c", id: c.id,
      size: commSize(c.size), zIndex: 2, type: "point",
    });
  });
  E.forEach((e) => {
    graph.addDirectedEdgeWithKey("e" + e.id, "n" + e.from, "n" + e.to, {
      kind: "e", id: e.id, size: 0.6, label: e.rel,
      color: e.neg ? "#c0392b" : "#b0b0b0", type: "line",
    });
  });
  // links between communities: one per pair, weighted by the facts that cross
  const linkOf = new Map();
  const links = [];
  E.forEach((e) => {
    const a = N[e.from].c, b = N[e.to].c;
    if (a === b) return;
    const key = a < b ? a + ":" + b : b + ":" + a;
    let l = linkOf.get(key);
    if (!l) {
      l = { id: links.length, a: Math.min(a, b), b: Math.max(a, b), edges: [] };
      linkOf.set(key, l); links.push(l);
    }
    l.edges.push(e.id);
  });
  links.forEach((l) => {
    graph.addUndirectedEdgeWithKey("l" + l.id, "c" + l.a, "c" + l.b, {
      kind: "l", id: l.id, size: Math.min(6, 0.5 + Math.log(l.edges.length)), color: "#c8c8c8",
      type: "line",
    });
  });

  // ---- what is drawn: filters (as on the vis page), overview/drill-down, focus -----------
  let visibleNodes = new Set(N.map((n) => n.id));
  let visibleEdges = new Set(E.map((e) => e.id));
  let focusId = DATA.focus;
  let inFocus = null;
  const expanded = new Set();  // communities opened from the overview
  const liveCount = new Array(C.length).fill(0);  // members passing the filters
  const liveLink = new Array(links.length).fill(0);

  const entityDrawn = (id) => visibleNodes.has(id)
    && (inFocus !== null || !state.overview || expanded.has(N[id].c));
  const communityDrawn = (cid) => inFocus === null && state.overview && !expanded.has(cid)
    && liveCount[cid] > 0;

  let neighbours = new Set();
  function nodeReducer(key, attrs) {
    if (attrs.kind === "c") {
      if (!communityDrawn(attrs.id)) return { ...attrs, hidden: true };
      return { ...attrs, size: commSize(liveCount[attrs.id]),
        label: attrs.label + " (" + liveCount[attrs.id] + ")" };
    }
    if (!entityDrawn(attrs.id)) return { ...attrs, hidden: true };
    if (state.selected === attrs.id) {
      return { ...attrs, highlighted: true, forceLabel: true, zIndex: 3 };
    }
    if (neighbours.has(attrs.id)) return { ...attrs, forceLabel: neighbours.size <= 40 };
    return attrs;
  }
  function edgeReducer(key, attrs) {
    if (attrs.kind === "l") {
      const l = links[attrs.id];
      if (!(communityDrawn(l.a) && communityDrawn(l.b) && liveLink[l.id] > 0)) {
        return { ...attrs, hidden: true };
      }
      return attrs;
    }
    const e = E[attrs.id];
    if (!visibleEdges.has(e.id) || !entityDrawn(e.from) || !entityDrawn(e.to)) {
      return { ...attrs, hidden: true };
    }
    if (state.selected !== null && (e.from === state.selected || e.to === state.selected)) {
      return { ...attrs, color: e.neg ? "#7b241c" : "#333", size: 1.5, zIndex: 1 };
    }
    if (state.selectedEdge === e.id) return { ...attrs, color: "#000", size: 2.5, zIndex: 2 };
    return attrs;
  }

  marks.graph = performance.now();
  const container = $("kg-network");
  // Programs without instancing: points for nodes, 1-pixel lines for edges. Software WebGL
  // (SwiftShader, what a machine without a GPU has) draws each instance of an instanced
  // program as a draw of its own: 20,000 nodes as sigma's default circles cost it 1.2 s of
  // CPU a frame, as points 0.06 s. Edges are picked by distance on click (edgeAt), not by
  // sigma's picking pass, which would draw every edge a second time each frame.
  let renderer = null;
  const moving = () => {  // sigma's own test for hideEdgesOnMove
    if (renderer === null) return false;  // the first frame, drawn by the constructor
    const m = renderer.getMouseCaptor();
    return renderer.getCamera().isAnimated() || m.isMoving || m.draggedEvents > 0
      || !!m.currentWheelDirection;
  };
  class DetailProgram extends Sigma.rendering.NodePointProgram {
    render(params) { if (!moving()) super.render(params); }
  }
  const settings = {
    nodeReducer, edgeReducer, zIndex: true,
    nodeProgramClasses: { point: Sigma.rendering.NodePointProgram, detail: DetailProgram },
    edgeProgramClasses: { line: Sigma.rendering.EdgeLineProgram },
    defaultNodeType: "point", defaultEdgeType: "line",
    renderEdgeLabels: true, enableEdgeEvents: false, labelDensity: 0.4, labelGridCellSize: 100,
    labelRenderedSizeThreshold: 4, stagePadding: 50, labelFont: "system-ui, sans-serif",
    labelSize: 13,
    edgeLabelSize: 11, minCameraRatio: 0.005, maxCameraRatio: 4,
  };

  // ---- controls (the same ids as the vis page) --------------------------------------------
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
  const labelList = $("kg-labels");
  // the datalist offers the most central names only: 20,000 options make typing sluggish
  N.slice().sort((a, b) => b.pr - a.pr).slice(0, 2000).forEach((n) => {
    const o = el("option"); o.value = n.label; labelList.appendChild(o);
  });
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
  $("kg-legend-note").textContent = "Node size: PageRank; names of the most central entities"
    + " first, more as you zoom. Red edges: negated facts.";

  // the community overview's own controls, next to Focus
  const groups = el("fieldset"); groups.id = "kg-groups";
  groups.appendChild(el("legend", "Communities"));
  const overviewBtn = el("button", "Overview"); overviewBtn.type = "button";
  overviewBtn.id = "kg-overview";
  const allBtn = el("button", "Show all entities"); allBtn.type = "button";
  allBtn.id = "kg-show-all";
  const groupStatus = el("div", null, "kg-muted"); groupStatus.id = "kg-group-status";
  groups.append(overviewBtn, document.createTextNode(" "), allBtn, groupStatus);
  $("kg-counts").before(groups);
  if (!C.length) groups.hidden = true;

  const lowDate = (d) => (d.length === 4 ? d + "-01-01"
    : d.length === 7 ? d + "-01" : d.slice(0, 10));
  const highDate = (d) => (d.length === 4 ? d + "-12-31"
    : d.length === 7 ? d + "-31" : d.slice(0, 10));

  function drawnCounts() {
    let nodes = 0, edges = 0, communities = 0;
    graph.forEachNode((key, a) => {
      if (a.kind === "n" ? entityDrawn(a.id) : communityDrawn(a.id)) {
        if (a.kind === "n") nodes += 1; else communities += 1;
      }
    });
    E.forEach((e) => {
      if (visibleEdges.has(e.id) && entityDrawn(e.from) && entityDrawn(e.to)) edges += 1;
    });
    return { nodes, edges, communities };
  }

  function updateStatus(drawn) {
    const types = Array.from(visibleNodes, (id) => N[id].type);
    const phrases = types.filter((t) => t === "Concept").length;
    // a link is one fact between two of its participants
    let text = (types.length - phrases) + " entities, " + (phrases ? phrases + " phrases, " : "")
      + visibleEdges.size + " links shown";
    if (state.overview && inFocus === null) {
      const open = Array.from(expanded).map((c) => C[c].label);
      text += " (" + drawn.communities + " communities"
        + (open.length ? ", " + drawn.nodes + " entities open" : "") + ")";
      groupStatus.textContent = open.length ? "Open: " + open.slice(0, 5).join(", ")
        + (open.length > 5 ? " and " + (open.length - 5) + " more" : "")
        : "Click a community to open it.";
    } else {
      groupStatus.textContent = inFocus !== null ? "" : "All entities shown.";
    }
    $("kg-counts").textContent = text;
  }

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
    N.forEach((n) => { if (types.has(n.type)) typeOk.add(n.id); });
    let okEdges = E.filter((e) => {
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
    });
    inFocus = null;
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
    liveCount.fill(0);
    visibleNodes.forEach((id) => { liveCount[N[id].c] += 1; });
    liveLink.fill(0);
    links.forEach((l) => {
      l.edges.forEach((id) => { if (visibleEdges.has(id)) liveLink[l.id] += 1; });
    });
    redraw();
    return { nodes: visibleNodes.size, edges: visibleEdges.size };
  }

  // Edges in the graph, at most, for them to stay drawn while the camera moves: past it
  // they are hidden during a pan or zoom and drawn again when it stops (sigma's
  // hideEdgesOnMove), so the nodes keep up with the mouse even in software WebGL. It counts
  // hidden edges too: sigma's edge program runs over every edge of the graph each frame.
  const EDGES_WHILE_MOVING = 5000;
  function redraw() {
    if (renderer === null) return;
    const drawn = drawnCounts();
    renderer.refresh();
    updateStatus(drawn);
  }

  // ---- camera -----------------------------------------------------------------------------
  function frame(keys, animate) {
    // the smallest camera that shows these nodes (framed-graph coordinates), with a margin
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    keys.forEach((k) => {
      const d = renderer.getNodeDisplayData(k);
      if (!d) return;
      x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x); y0 = Math.min(y0, d.y);
      y1 = Math.max(y1, d.y);
    });
    if (x0 === Infinity) return;
    const ratio = Math.min(1, Math.max(0.02, 1.25 * Math.max(x1 - x0, y1 - y0)));
    const target = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: ratio, angle: 0 };
    if (animate) camera.animate(target, { duration: 300 }); else camera.setState(target);
  }
  function frameAll() { camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }); }

  // ---- overview and drill-down ------------------------------------------------------------
  function drill(cid, animate) {
    if (!state.overview) state.overview = true;
    expanded.add(cid);
    redraw();
    frame(C[cid].members.map((id) => "n" + id), animate !== false);
    return drawnCounts();
  }
  function overview() {
    state.overview = C.length > 0;
    expanded.clear();
    select(null);
    if (focusId !== null) { focusId = null; $("kg-focus-status").textContent = ""; }
    applyFilters();
    frameAll();
    return drawnCounts();
  }
  function showAll() {
    state.overview = false;
    expanded.clear();
    redraw();
    return drawnCounts();
  }
  overviewBtn.addEventListener("click", () => overview());
  allBtn.addEventListener("click", () => showAll());

  function select(id) {
    state.selected = id;
    state.selectedEdge = null;
    neighbours = new Set();
    if (id !== null) {
      E.forEach((e) => {
        if (!visibleEdges.has(e.id)) return;
        if (e.from === id) neighbours.add(e.to);
        if (e.to === id) neighbours.add(e.from);
      });
    }
    if (renderer !== null) renderer.refresh({ skipIndexation: true });
  }

  // ---- side panel (as on the vis page) ---------------------------------------------------
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
    const e = E[id];
    if (!e) return null;
    clearPanel();
    state.selectedEdge = id;
    renderer.refresh({ skipIndexation: true });
    const from = N[e.from], to = N[e.to];
    const h = el("h2");
    h.append(el("span", from.label), document.createTextNode(" — "),
      el("em", e.predicate), document.createTextNode(" → "),
      el("span", to.label));
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
    const sentence = sentenceOf(e);
    if (sentence) panel.appendChild(highlighted(sentence, e.hl));
    if (e.n > 1) {
      panel.appendChild(el("h3", e.n + " reports of this happening"));
      for (const k of e.rs || []) {
        panel.appendChild(el("blockquote", DATA.sentences[k], "kg-sentence kg-report"));
      }
    }
    const art = articleOf(e);
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
    const n = N[id];
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
    const mine = E.filter((e) => (e.from === id || e.to === id) && visibleEdges.has(e.id));
    mine.slice(0, 200).forEach((e) => {
      const other = N[e.from === id ? e.to : e.from];
      const text = e.from === id
        ? e.predicate + " → " + other.label
        : other.label + " → " + e.predicate;
      const b = el("button", text + (e.date ? " [" + e.date + "]" : ""));
      b.addEventListener("click", () => showEdge(e.id));
      const li = el("li"); li.appendChild(b); list.appendChild(li);
    });
    panel.appendChild(el("p", mine.length + " facts shown"));
    panel.appendChild(list);
    return n;
  }

  function showCommunity(cid) {
    const c = C[cid];
    clearPanel();
    const h = el("h2");
    const sw = el("span", null, "kg-swatch");
    sw.style.background = c.color;
    h.append(sw, el("span", c.label));
    panel.appendChild(h);
    panel.appendChild(el("p", liveCount[cid] + " of " + c.size + " entities shown; most "
      + "central first", "kg-muted"));
    const list = el("ul", null, "kg-facts");
    c.members.filter((id) => visibleNodes.has(id)).slice(0, 30).forEach((id) => {
      const b = el("button", N[id].label + " (" + N[id].type + ")");
      b.addEventListener("click", () => search(N[id].label, id));
      const li = el("li"); li.appendChild(b); list.appendChild(li);
    });
    panel.appendChild(list);
  }

  // the handler of a click on the canvas: {nodes: [entity ids], edges: [fact ids],
  // communities: [community ids]}, as the vis page's onClick takes its params
  function onClick(params) {
    if (params.communities && params.communities.length) {
      const cid = params.communities[0];
      drill(cid);
      showCommunity(cid);
      return C[cid];
    }
    if (params.nodes && params.nodes.length) {
      select(params.nodes[0]);
      return showNode(params.nodes[0]);
    }
    if (params.edges && params.edges.length) return showEdge(params.edges[0]);
    return null;
  }
  // the drawn edge passing within 4 px of a point on the canvas, nearest first
  function edgeAt(px, py) {
    let best = null, bestD = 4;
    graph.forEachEdge((key, a, source, target) => {
      const ds = renderer.getEdgeDisplayData(key);
      if (!ds || ds.hidden) return;
      const s = renderer.getNodeDisplayData(source), t = renderer.getNodeDisplayData(target);
      if (!s || !t || s.hidden || t.hidden) return;
      const p = renderer.framedGraphToViewport(s), q = renderer.framedGraphToViewport(t);
      const dx = q.x - p.x, dy = q.y - p.y, len2 = dx * dx + dy * dy;
      const u = len2 ? Math.max(0, Math.min(1, ((px - p.x) * dx + (py - p.y) * dy) / len2)) : 0;
      const d = Math.hypot(px - p.x - u * dx, py - p.y - u * dy);
      if (d < bestD) { bestD = d; best = a; }
    });
    return best;
  }
  function clickStage(x, y) {
    const a = edgeAt(x, y);
    if (a === null) { if (state.selected !== null) select(null); return null; }
    if (a.kind === "e") return onClick({ edges: [a.id] });
    const l = links[a.id];  // a link between two communities: open both
    drill(l.a, false); drill(l.b);
    return null;
  }

  // ---- search and focus -------------------------------------------------------------------
  function findNode(text) {
    const q = String(text || "").trim().toLowerCase();
    if (!q) return null;
    const found = N.find((n) => n.label.toLowerCase() === q)
      || N.find((n) => n.aliases.some((a) => a.toLowerCase() === q))
      || N.find((n) => n.label.toLowerCase().includes(q));
    return found ? found.id : null;
  }
  function search(text, known) {
    const id = known !== undefined ? known : findNode(text);
    if (id === null) { $("kg-search-status").textContent = "No entity matches."; return null; }
    $("kg-search-status").textContent = "";
    if (visibleNodes.has(id)) {
      if (state.overview && inFocus === null && !expanded.has(N[id].c)) {
        expanded.add(N[id].c);
        redraw();
      }
      select(id);
      const d = renderer.getNodeDisplayData("n" + id);
      if (d) camera.setState({ x: d.x, y: d.y, ratio: Math.min(camera.getState().ratio, 0.08),
        angle: 0 });
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
    $("kg-focus-status").textContent = focusId === null ? "" : "Focus: " + N[focusId].label;
    if (focusId !== null) frame(Array.from(visibleNodes).map((v) => "n" + v), false);
    else frameAll();
    return r;
  }
  $("kg-focus").addEventListener("click", () => {
    if (state.selected !== null) focus(state.selected);
  });
  $("kg-unfocus").addEventListener("click", () => focus(null));
  $("kg-hops").addEventListener("change", () => applyFilters());

  // where an entity is on screen (CSS pixels from the canvas's top left), for tests
  function screenOf(id) {
    const a = graph.getNodeAttributes("n" + id);
    return renderer.graphToViewport({ x: a.x, y: a.y });
  }

  applyFilters();
  marks.filtered = performance.now();
  const first = drawnCounts();
  settings.hideEdgesOnMove = graph.size > EDGES_WHILE_MOVING;
  renderer = new Sigma(graph, container, settings);  // its first frame, already filtered
  const camera = renderer.getCamera();
  marks.sigma = performance.now();
  updateStatus(first);
  renderer.on("clickNode", ({ node }) => {
    const a = graph.getNodeAttributes(node);
    onClick(a.kind === "c" ? { communities: [a.id] } : { nodes: [a.id] });
  });
  renderer.on("clickStage", ({ event }) => clickStage(event.x, event.y));
  if (focusId !== null) {
    $("kg-focus-status").textContent = "Focus: " + N[focusId].label;
    frame(Array.from(visibleNodes).map((v) => "n" + v), false);
  }
  window.kgView = { renderer: "webgl", sigma: renderer, graph, data: DATA, state, links,
    applyFilters, showEdge, showNode, showCommunity, onClick, search, focus, drill, overview,
    showAll, drawn: drawnCounts, screenOf, edgeAt,
    counts: () => [visibleNodes.size, visibleEdges.size] };
  // ready once the first frame with everything on it is on screen
  requestAnimationFrame(() => requestAnimationFrame(() => {
    state.paintMs = marks.painted = performance.now();
    state.ready = true;
  }));
})();
"""
