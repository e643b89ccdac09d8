"""A PNG of an explorer page, taken with headless Chromium (for ``make demo``'s out/graph.png).

Chromium is optional: :func:`find_chromium` raises :class:`~kg.errors.MissingToolError` saying
what to install, and the commands skip the screenshot with that one line.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KgError, MissingToolError

__all__ = ["CHROMIUM", "chromium_path", "find_chromium", "screenshot"]

#: Debian's Chromium (``apt-get install chromium``); ``$KG_CHROMIUM`` names another.
CHROMIUM = "/usr/bin/chromium"
#: How to get Chromium, said wherever it is missing.
INSTALL_CHROMIUM = "apt-get install chromium, or set KG_CHROMIUM=/path/to/chromium"
# no sandbox: runs as root in containers; no background networking: the page must stay offline;
# SwiftShader (software WebGL) for the big-graph page, since headless Chromium has no GPU here
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--enable-unsafe-swiftshader")


def _wanted() -> Path:
    return Path(os.environ.get("KG_CHROMIUM") or CHROMIUM)


def chromium_path() -> Path | None:
    """The Chromium to drive: ``$KG_CHROMIUM`` if set, else /usr/bin/chromium; None if absent."""
    path = _wanted()
    return path if path.is_file() else None


def find_chromium() -> Path:
    """The Chromium to drive, as :func:`chromium_path`; :class:`MissingToolError` if absent.

    >>> import os
    >>> saved = os.environ.get("KG_CHROMIUM")
    >>> os.environ["KG_CHROMIUM"] = "/no/chromium"
    >>> try:
    ...     find_chromium()
    ... except MissingToolError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    Chromium not found at /no/chromium (apt-get install chromium, or set KG_CHROMIUM=...)
    >>> if saved is None:
    ...     del os.environ["KG_CHROMIUM"]
    ... else:
    ...     os.environ["KG_CHROMIUM"] = saved
    """
    path = chromium_path()
    if path is None:
        raise MissingToolError(f"Chromium not found at {_wanted()} ({INSTALL_CHROMIUM})")
    return path


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
    Raises :class:`MissingToolError` when Chromium or the playwright package is missing or
    Chromium does not start, and writes nothing then.
    """
    exe = find_chromium()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise MissingToolError(
            "the playwright package is not installed (pip install playwright)"
        ) from None
    page_url = Path(html_path).resolve().as_uri()
    out = Path(png_path)
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_ARGS))
        except PlaywrightError as exc:
            first = (exc.message or "").strip().splitlines()[:1] or ["no message"]
            raise MissingToolError(
                f"Chromium at {exe} did not start ({first[0]}); {INSTALL_CHROMIUM}"
            ) from None
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith("file:")
                else route.abort(),
            )
            page.goto(page_url)
            try:
                page.wait_for_function("window.kgView && window.kgView.state.ready",
                                       timeout=timeout_ms)
            except PlaywrightTimeout:
                raise KgError(
                    f"{html_path}: the view did not settle within {timeout_ms / 1000:g} s; "
                    "no screenshot written"
                ) from None
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out
