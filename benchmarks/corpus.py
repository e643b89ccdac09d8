"""The benchmark corpus: ECB+ news articles from ``../shared/data/ecbplus/``."""

from __future__ import annotations

from pathlib import Path

from kg.model import Article

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "articles"


def ecb_articles() -> list[Article]:
    """Every ECB+ article, read by kg's own ingest."""
    from kg.ingest import read_articles

    if not ECBPLUS.is_dir():
        raise SystemExit(f"benchmark corpus not found at {ECBPLUS}")
    return list(read_articles([ECBPLUS]))


def segment_texts(articles: list[Article]) -> list[str]:
    """The texts kg parses: every content segment of every article."""
    return [a.text[s.start : s.end] for a in articles for s in a.content_segments()]


def word_count(articles: list[Article]) -> int:
    """Whitespace-separated words in the parsed segments."""
    return sum(len(t.split()) for t in segment_texts(articles))
