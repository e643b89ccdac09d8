"""Happenings as RDF: the triples of the graph ``id/happenings`` (:data:`HAPPENINGS_GRAPH`).

For each happening (:class:`kg.identity.Happening`), following GAF (the instance is
``gaf:denotedBy`` its mentions, here its reports):

- the happening (``kg:Happening``): ``kg:eventClass``, ``kg:eventType`` (its reports' most
  common type), ``rdfs:label`` (the label of its best-described report), ``kg:reportCount``,
  ``gaf:denotedBy`` each report, ``kg:reportedIn`` each article, ``kg:firstReported`` and
  ``kg:lastReported`` (publication dates), the participants its reports name (entities, one
  role property each, as on the reports), its time (``kg:time``, ``sem:hasTimeStamp``: what
  most reports say) and place (``kg:location``);
- each report: ``kg:happening`` (the inverse of ``gaf:denotedBy``) and ``kg:eventClass``;
- each link (``kg:EventLink``): ``kg:linkSource``, ``kg:linkTarget``, ``kg:linkScore`` and one
  ``kg:evidence`` per piece of evidence.

The triples are N-Triples statements (no final dot), what a store loads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox

from kg import vocab
from kg.identity._cluster import Happening, link_iri
from kg.identity._reports import Report

__all__ = ["HAPPENINGS_GRAPH", "happening_statements"]

#: The graph holding the happenings, their links and each report's happening.
HAPPENINGS_GRAPH = vocab.ID["happenings"]

_KG, _GAF, _RDFS, _SEM, _XSD, _RDF = vocab.KG, vocab.GAF, vocab.RDFS, vocab.SEM, vocab.XSD, vocab.RDF


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _text(value: str) -> str:
    return str(ox.Literal(value))


def _typed(value: str, datatype: str) -> str:
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))


def _nt(term: object) -> str:
    """An rdflib or pyoxigraph term in N-Triples syntax."""
    n3 = getattr(term, "n3", None)
    return str(n3()) if callable(n3) else str(term)


def _best(reports: Iterable[Report]) -> Report:
    """The report that names the most participants (the earliest on a tie)."""
    return min(reports, key=lambda r: (-len(r.entities), -len(r.roles), r.key))


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def happening_statements(happenings: Iterable[Happening]) -> list[str]:
    """The statements of ``happenings``: happening nodes, report links and evidence.

    >>> from kg.identity import cluster_reports
    >>> from kg.identity._reports import ArticleInfo, Report
    >>> art = ArticleInfo("https://w3id.org/kg-news/id/article/a", "a", None, frozenset())
    >>> r = Report("https://w3id.org/kg-news/id/event/a/0", art, 0, "quake", "earthquake",
    ...            "quake", 0, frozenset(), None, None, None, False, "noun_event")
    >>> [s for s in happening_statements(cluster_reports([r])) if "reportCount" in s]
    ['<https://w3id.org/kg-news/id/happening/a/0> <https://w3id.org/kg-news/ontology#reportCount> "1"^^<http://www.w3.org/2001/XMLSchema#integer>']
    """  # noqa: E501
    out: list[str] = []
    for h in happenings:
        node = _iri(h.iri)

        def add(p: object, o: str, node: str = node) -> None:
            out.append(f"{node} {_iri(str(p))} {o}")

        reports = h.reports
        add(_RDF.type, _iri(str(_KG.Happening)))
        add(_KG.eventClass, _text(reports[0].event_class))
        kind = _most_common(r.event_type for r in reports)
        if kind:
            add(_KG.eventType, _text(kind))
        add(_RDFS.label, _text(_best(reports).label))
        add(_KG.reportCount, _typed(str(len(reports)), str(_XSD.integer)))
        for r in reports:
            add(_GAF.denotedBy, _iri(r.iri))
            out.append(f"{_iri(r.iri)} {_iri(str(_KG.happening))} {node}")
            out.append(f"{_iri(r.iri)} {_iri(str(_KG.eventClass))} {_text(r.event_class)}")
        for article in sorted({r.article.iri for r in reports}):
            add(_KG.reportedIn, _iri(article))
        dates = sorted({r.article.published for r in reports if r.article.published})
        if dates:
            add(_KG.firstReported, _typed(dates[0], str(_XSD.date)))
            add(_KG.lastReported, _typed(dates[-1], str(_XSD.date)))
        for role, iri in sorted({ri for r in reports for ri in r.roles if "/entity/" in ri[1]}):
            add(getattr(_KG, role), _iri(iri))
        stamped = [r for r in reports if r.time_literal is not None]
        stamp = _most_common(_nt(r.time_literal) for r in stamped)
        if stamp is not None:
            add(_SEM.hasTimeStamp, stamp)
        time_node = _most_common(r.time_node for r in reports if r.time_node)
        if time_node:
            add(_KG.time, _iri(time_node))
        for link in h.links:
            ln = _iri(link_iri(link.source, link.target))
            out.append(f"{ln} {_iri(str(_RDF.type))} {_iri(str(_KG.EventLink))}")
            out.append(f"{ln} {_iri(str(_KG.linkSource))} {_iri(link.source)}")
            out.append(f"{ln} {_iri(str(_KG.linkTarget))} {_iri(link.target)}")
            score = format(link.score, "f").rstrip("0").rstrip(".") or "0"
            out.append(f"{ln} {_iri(str(_KG.linkScore))} {_typed(score, str(_XSD.decimal))}")
            for line in link.evidence:
                out.append(f"{ln} {_iri(str(_KG.evidence))} {_text(line)}")
    return out
