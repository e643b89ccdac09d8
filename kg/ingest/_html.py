"""Main-text extraction from an HTML news page with trafilatura (imported lazily).

Navigation, footers, comments and other page furniture are dropped by trafilatura; what it
returns (one paragraph per line) becomes :attr:`Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.errors import InputError

__all__ = ["HtmlMain", "extract_main"]


@dataclass(frozen=True)
class HtmlMain:
    """The main text of a page and the metadata trafilatura found for it."""

    text: str
    title: str = ""
    date: date | None = None
    url: str | None = None
    sitename: str | None = None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_main(html: str, path: str) -> HtmlMain:
    """Title, date (from the page's metadata only), URL, site name and main text of ``html``.

    Raises :class:`InputError` naming ``path`` when the page has no main text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            # Metadata only: no guessing a date from numbers in the body text or the URL.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # lxml/trafilatura failures on broken markup: report, go on
        raise InputError(path, f"cannot parse HTML: {err}") from err
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise InputError(path, "no main text found in HTML page")
    return HtmlMain(
        text=doc.text or "",
        title=(doc.title or "").strip(),
        date=_iso_date(doc.date),
        url=doc.url or None,
        sitename=doc.sitename or None,
    )
