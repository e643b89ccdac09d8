"""Interactive HTML explorer for entity graphs: one offline file, vis-network inlined.

:func:`render_html` writes the page; :func:`screenshot` renders it to PNG with headless
Chromium; :func:`to_pyvis` gives the same view as a ``pyvis.network.Network`` (offline too)
for notebooks.

>>> import tempfile
>>> from kg.graph import example_graph
>>> with tempfile.TemporaryDirectory() as d:
...     summary = render_html(example_graph(), d + "/graph.html", title="Belarus")
...     page = summary.path.read_text(encoding="utf-8")
>>> summary.nodes, summary.edges, "https://cdn" in page
(8, 6, False)
"""

from kg.view._html import TYPE_COLORS, ViewSummary, render_html, to_json_script
from kg.view._pyvis import to_pyvis
from kg.view._screenshot import chromium_path, find_chromium, screenshot

__all__ = [
    "TYPE_COLORS",
    "ViewSummary",
    "chromium_path",
    "find_chromium",
    "render_html",
    "screenshot",
    "to_json_script",
    "to_pyvis",
]
