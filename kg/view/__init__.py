"""Interactive HTML explorer for entity graphs: one offline file, its JavaScript inlined.

:func:`render_html` writes the page (vis-network for small graphs; sigma.js on WebGL, laid out
beforehand by :func:`community_layout`, above :data:`WEBGL_MIN_NODES` nodes);
:func:`screenshot` renders it to PNG with headless Chromium; :func:`to_pyvis` gives the same
view as a ``pyvis.network.Network`` (offline too) for notebooks.

>>> import tempfile
>>> from kg.graph import example_graph
>>> with tempfile.TemporaryDirectory() as d:
...     summary = render_html(example_graph(), d + "/graph.html", title="Belarus")
...     page = summary.path.read_text(encoding="utf-8")
>>> summary.nodes, summary.edges, "https://cdn" in page
(8, 6, False)
"""

from kg.view._html import (
    TYPE_COLORS,
    WEBGL_MIN_NODES,
    ViewSummary,
    counts_text,
    render_html,
    to_json_script,
)
from kg.view._layout import Group, Layout, community_layout
from kg.view._pyvis import to_pyvis
from kg.view._screenshot import chromium_path, find_chromium, screenshot
from kg.view._write import WrittenView, write_view

__all__ = [
    "TYPE_COLORS",
    "WEBGL_MIN_NODES",
    "Group",
    "Layout",
    "ViewSummary",
    "chromium_path",
    "community_layout",
    "counts_text",
    "find_chromium",
    "render_html",
    "screenshot",
    "to_json_script",
    "to_pyvis",
    "WrittenView",
    "write_view",
]
