"""kg.view.screenshot: a PNG of the explorer for ``make demo`` (own module: it starts its own
Playwright, which cannot run inside another module's open Playwright session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import example_graph
from kg.view import render_html, screenshot
from tests.conftest import require_chromium

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_screenshot_writes_png_of_the_settled_page(tmp_path: Path, renderer: str) -> None:
    require_chromium()
    page = render_html(example_graph(), tmp_path / "graph.html", renderer=renderer).path
    png = screenshot(page, tmp_path / "out" / "graph.png", width=800, height=600)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 800  # IHDR width
    assert len(data) > 10_000  # a drawn graph, not a blank page
