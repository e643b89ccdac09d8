"""Happenings as RDF: the triples of the graph ``id/happenings`` (:data:`HAPPENINGS_GRAPH`).

For each happening (:class:`kg.identity.Happening`), following GAF (the instance is
``gaf:denotedBy`` its mentions, here its reports):

- the happening (``kg:Happening``): ``kg:eventClass``, ``rdfs:label`` (the label of its
  best-described report), ``kg:reportCount``, ``gaf:denotedBy`` each report,
  ``kg:reportedIn`` each article, ``kg:firstReported`` and ``kg:lastReported`` (publication
  dates), the entities its reports name (``sem:hasActor``), the places they put it at
  (``sem:hasPlace``) and its time (``sem:hasTime``: the ``sem:Time`` most reports give).
  SEM's properties, not the reports' role properties, so that a query over events' roles
  (``?e kg:agent ?x``) counts reports as before and never a happening twice;
- each report: ``kg:happening`` (the inverse of ``gaf:denotedBy``) and ``kg:eventClass``;
- each link (``kg:EventLink``): ``kg:linkSource``, ``kg:linkTarget``, ``kg:linkScore`` and one
  ``kg:evidence`` per piece of evidence.

The triples are N-Triples statements (no final dot), what a store loads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg import vocab
from kg.identity._cluster import Happening, link_iri
from kg.identity._reports import Report
from kg.store._base import HAPPENINGS_GRAPH

__all__ = ["HAPPENINGS_GRAPH", "happening_statements", "main_report"]


_KG, _GAF, _RDFS, _SEM, _XSD, _RDF = (
    vocab.KG,
    vocab.GAF,
    vocab.RDFS,
    vocab.SEM,
    vocab.XSD,
    vocab.RDF,
)


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _text(value: str) -> str:
    return str(ox.Literal(value))


def _typed(value: str, datatype: str) -> str:
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))


def main_report(reports: Sequence[Report]) -> Report:
    """The report that shows a happening in one row (``kg:mainReport``): the earliest
    (:attr:`Report.key`) with an agent or a patient, else the earliest.

    >>> from kg.identity._reports import ArticleInfo
    >>> art = ArticleInfo("a", "a", None, frozenset())
    >>> def report(n, roles):
    ...     return Report(f"e{n}", art, n, "free", "release", "", 0, frozenset(roles),
    ...                   None, None, None, False, "svo")
    >>> main_report([report(0, []), report(1, [("agent", "x")])]).iri
    'e1'
    """
    ordered = sorted(reports, key=lambda r: r.key)
    acting = [r for r in ordered if any(role in ("agent", "patient") for role, _ in r.roles)]
    return (acting or ordered)[0]


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
        add(_RDFS.label, _text(_best(reports).label))
        add(_KG.reportCount, _typed(str(len(reports)), str(_XSD.integer)))
        add(_KG.mainReport, _iri(main_report(reports).iri))
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
        places = {i for r in reports for i in r.places}
        for iri in sorted({i for r in reports for i in r.entities} - places):
            add(_SEM.hasActor, _iri(iri))
        for iri in sorted(places):
            add(_SEM.hasPlace, _iri(iri))
        time_node = _most_common(r.time_node for r in reports if r.time_node)
        if time_node:
            add(_SEM.hasTime, _iri(time_node))
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
