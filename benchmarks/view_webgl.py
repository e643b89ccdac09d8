"""The big-graph page in headless Chromium: a 20,000-node, 50,000-edge view (synthetic, with
the attributes of ``kg.graph.entity_graph``), offline.

Checks (``make bench``, part ``webgl``): it paints in < 3 s, pans at >= 30 frames/s (the
``requestAnimationFrame`` callbacks counted during a scripted pan), and asks for nothing but
its own file (a Playwright route aborts and records every other request). Also the Python
side: the time to lay out and write the page. Run alone: ``python benchmarks/view_webgl.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.synthetic_graph import synthetic_entity_graph  # noqa: E402

NODES, EDGES = 20_000, 50_000
PAINT_LIMIT_S, FPS_FLOOR = 3.0, 30.0
PAN_S = 3.0

# A pan as a mouse drag, one move per animation frame for PAN_S seconds: the events sigma's
# mouse captor listens to (mousedown on its layer, moves and mouseup on the document).
# Counts the requestAnimationFrame callbacks and the frames sigma drew meanwhile.
_PAN = """(seconds) => new Promise((done) => {
  const s = window.kgView.sigma, layer = s.getMouseCaptor().container;
  const box = layer.getBoundingClientRect();
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
  const fire = (target, type, x, y) => target.dispatchEvent(new MouseEvent(type,
    {clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: 1}));
  let frames = 0, renders = 0;
  const count = () => { renders += 1; };
  s.on("afterRender", count);
  fire(layer, "mousedown", cx, cy);
  const t0 = performance.now();
  const tick = (now) => {
    frames += 1;
    const t = (now - t0) / 1000;
    fire(document, "mousemove", cx + 250 * Math.sin(t * 2.1), cy + 150 * Math.sin(t * 1.3));
    if (now - t0 < seconds * 1000) { requestAnimationFrame(tick); return; }
    fire(document, "mouseup", cx, cy);
    s.off("afterRender", count);
    const elapsed = (performance.now() - t0) / 1000;
    done({frames, renders, seconds: elapsed});
  };
  requestAnimationFrame(tick);
})"""


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, value


def bench_webgl(out: dict[str, Any]) -> None:
    """Python: layout and page-writing time. Chromium: paint time, pan frame rate, requests."""
    from playwright.sync_api import sync_playwright

    from kg.graph import pagerank
    from kg.view import community_layout, find_chromium, render_html
    from kg.view._screenshot import CHROMIUM_ARGS

    graph = synthetic_entity_graph(NODES, EDGES)
    out["nodes"], out["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    wall, cpu, _ = _timed(pagerank, graph)
    out["pagerank_s"], out["pagerank_cpu_s"] = round(wall, 2), round(cpu, 2)
    wall, cpu, lay = _timed(community_layout, graph)
    out["layout_s"], out["layout_cpu_s"] = round(wall, 2), round(cpu, 2)
    out["communities"] = len(lay.groups)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "view-20000.html"
        wall, cpu, summary = _timed(render_html, graph, page, max_nodes=NODES, title="synthetic")
        out["render_html_s"], out["render_html_cpu_s"] = round(wall, 2), round(cpu, 2)
        out["renderer"] = summary.renderer
        out["page_mb"] = round(page.stat().st_size / 1e6, 2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(find_chromium()),
                                        args=list(CHROMIUM_ARGS))
            try:
                tab = browser.new_page(viewport={"width": 1400, "height": 900})
                attempted: list[str] = []

                def route(r: Any) -> None:
                    if r.request.url.startswith("file:"):
                        r.continue_()
                    else:
                        attempted.append(r.request.url)
                        r.abort()

                tab.route("**/*", route)
                errors: list[str] = []
                tab.on("pageerror", lambda exc: errors.append(str(exc)))
                start = time.perf_counter()
                tab.goto(page.as_uri())
                tab.wait_for_function("window.kgView && window.kgView.state.ready",
                                      timeout=120_000, polling=20)
                out["paint_s"] = round(time.perf_counter() - start, 2)
                marks = tab.evaluate("window.kgView.state.marks")
                out["paint_marks_ms"] = {k: round(v) for k, v in marks.items()}
                out["webgl"] = tab.evaluate("""() => { const gl = document.createElement(
                    'canvas').getContext('webgl2'); const d = gl.getExtension(
                    'WEBGL_debug_renderer_info'); return gl.getParameter(
                    d.UNMASKED_RENDERER_WEBGL); }""")
                out["first_paint_drawn"] = tab.evaluate("window.kgView.drawn()")
                pan = tab.evaluate(_PAN, PAN_S)
                out["pan_overview_fps"] = round(pan["frames"] / pan["seconds"], 1)
                out["pan_overview_renders_per_s"] = round(pan["renders"] / pan["seconds"], 1)
                tab.evaluate("window.kgView.showAll()")
                start = time.perf_counter()
                tab.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                             "requestAnimationFrame(r)))")
                out["show_all_paint_s"] = round(time.perf_counter() - start, 2)
                out["all_drawn"] = tab.evaluate("window.kgView.drawn()")
                pan = tab.evaluate(_PAN, PAN_S)
                out["pan_all_fps"] = round(pan["frames"] / pan["seconds"], 1)
                out["pan_all_renders_per_s"] = round(pan["renders"] / pan["seconds"], 1)
                out["requests_attempted"] = attempted
                out["page_errors"] = errors
            finally:
                browser.close()
    out["paint_ok"] = out["paint_s"] < PAINT_LIMIT_S
    out["pan_ok"] = min(out["pan_overview_fps"], out["pan_all_fps"]) >= FPS_FLOOR
    out["offline_ok"] = not out["requests_attempted"]
    out["errors_ok"] = not out["page_errors"]


if __name__ == "__main__":
    figures: dict[str, Any] = {}
    bench_webgl(figures)
    print(json.dumps(figures, indent=2))
