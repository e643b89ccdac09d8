"""A PNG of an explorer page, taken with headless Chromium (for ``make demo``'s out/graph.png)."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KgError

__all__ = ["CHROMIUM", "chromium_path", "screenshot"]

CHROMIUM = "/usr/bin/chromium"
# no sandbox: runs as root in containers; no background networking: the page must stay offline;
# SwiftShader (software WebGL) for the big-graph page, since headless Chromium has no GPU here
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--enable-unsafe-swiftshader")


def chromium_path() -> Path | None:
    """The Chromium to drive: ``$KG_CHROMIUM`` if set, else /usr/bin/chromium; None if absent."""
    path = Path(os.environ.get("KG_CHROMIUM") or CHROMIUM)
    return path if path.is_file() else None


def screenshot(
    html_path: str | Path,
    png_path: str | Path,
    *,
    width: int = 1400,
    height: int = 900,
    timeout_ms: int = 60_000,
) -> Path:
    """Open ``html_path`` offline, wait until the layout has settled, save a PNG; returns its path.

    Every non-file request is refused, so the picture shows exactly what an offline reader sees.
    """
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise KgError(f"Chromium not found at {os.environ.get('KG_CHROMIUM') or CHROMIUM}; "
                      "install it (apt-get install chromium) or set KG_CHROMIUM")
    page_url = Path(html_path).resolve().as_uri()
    out = Path(png_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith("file:")
                else route.abort(),
            )
            page.goto(page_url)
            page.wait_for_function("window.kgView && window.kgView.state.ready",
                                   timeout=timeout_ms)
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out
