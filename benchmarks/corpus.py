"""The benchmark corpus: ECB+ news articles from ``../shared/data/ecbplus/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def named_query_params(store: Any) -> dict[str, dict[str, Any]]:
    """Parameters for the named queries, taken from the data: the busiest agent/patient pair
    of entities (kg:Entity, not concepts such as "it", which no entity query matches)."""
    rows = list(
        store.query(
            """PREFIX kg: <https://w3id.org/kg-news/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?a ?b WHERE {
              { SELECT ?x ?y (COUNT(DISTINCT ?e) AS ?n) WHERE {
                  GRAPH ?g { ?e kg:agent ?x ; kg:patient ?y .
                             ?x a kg:Entity . ?y a kg:Entity . FILTER(?x != ?y) } }
                GROUP BY ?x ?y ORDER BY DESC(?n) LIMIT 1 }
              GRAPH ?g2 { ?x rdfs:label ?a . ?y rdfs:label ?b } } LIMIT 1"""
        )
    )
    a, b = (str(rows[0][0]), str(rows[0][1])) if rows else ("Obama", "Congress")
    return {
        "who-did-what": {},  # the default page: the newest 100 rows
        "who-did-what-all": {"limit": 0},  # every row (45,807 on ECB+)
        "timeline": {"entity": a},
        "actors-of": {"type": "PERSON"},
        "events-between": {"a": a, "b": b},
        "every-fact-about": {"entity": a},
    }


def article_files(source: Path = ECBPLUS) -> list[list[str]]:
    """The ECB+ article files under ``source`` as path parts, in kg's reading order (the
    sorted walk of :func:`kg.ingest.read_articles`)."""
    if not source.is_dir():
        raise SystemExit(f"benchmark corpus not found at {source}")
    return sorted(f.relative_to(source).as_posix().split("/") for f in source.rglob("*.txt"))


def link_articles(folder: Path, files: list[list[str]], source: Path = ECBPLUS) -> Path:
    """A folder of links to ``files`` (path parts of :func:`article_files`) under their topic
    folders as in ``source``; made once, kept when it already holds them."""
    for parts in files:
        link = folder.joinpath(*parts)
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(source.joinpath(*parts))
    return folder


def first_articles(n: int, folder: Path, source: Path = ECBPLUS) -> Path:
    """A folder of the first ``n`` ECB+ article files in kg's reading order, linked under
    their topic folders as in ``source`` (:func:`link_articles`)."""
    return link_articles(folder, article_files(source)[:n], source)
