"""Happenings: the reports joined by links, one happening per connected group.

A happening is a connected component of the link graph (reports as nodes, a link where
:func:`kg.identity._link.link_score` reaches the threshold); it keeps a spanning forest of
its links, so what is stored grows with the reports, not with their pairs. Links depend
only on the two reports, and components only on the links, so the happenings of a set of
articles are the same whatever order the articles came in, and adding or removing an
article changes only the happenings its reports are linked into. A happening's IRI comes
from its earliest report (:attr:`Report.key`): ``id/happening/<article-id>/<n>`` for the
report ``id/event/<article-id>/<n>``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.identity._classes import GENERIC_CLASSES
from kg.identity._link import THRESHOLD, WEIGHTS, Weights, entity_roles, link_score
from kg.identity._reports import Report
from kg.resolve._union_find import UnionFind
from kg.vocab import ID

__all__ = ["Link", "Happening", "link_reports", "group_reports", "happening_iri", "link_iri"]

_EVENT, _HAPPENING = str(ID["event/"]), str(ID["happening/"])


@dataclass(frozen=True)
class Link:
    """Two reports taken to be of one happening: ``source`` < ``target`` (IRIs), the score
    and the evidence for it."""

    source: str
    target: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Happening:
    """One real-world event: its IRI, its reports (earliest first) and the links joining them."""

    iri: str
    reports: tuple[Report, ...]
    links: tuple[Link, ...]


def happening_iri(report_iri: str) -> str:
    """The IRI of a happening whose earliest report is ``report_iri``.

    >>> happening_iri("https://w3id.org/kg-news/id/event/belarus-2025/1")
    'https://w3id.org/kg-news/id/happening/belarus-2025/1'
    """
    return _HAPPENING + report_iri.removeprefix(_EVENT)


def link_iri(source: str, target: str) -> str:
    """The IRI of the link between two reports (the same for either order).

    >>> link_iri("x", "y") == link_iri("y", "x")
    True
    """
    a, b = sorted((source, target))
    digest = hashlib.sha1(f"{a} {b}".encode()).hexdigest()[:20]
    return str(ID[f"link/{digest}"])


def link_reports(
    new: Sequence[Report],
    others: Iterable[Report] = (),
    *,
    weights: Weights = WEIGHTS,
    threshold: float = THRESHOLD,
) -> list[Link]:
    """The links among ``new`` and between ``new`` and ``others`` (not among ``others``).

    Each report is scored against the reports of its class; for a generic class ("say",
    "be"), only against those sharing an entity in one role, the only pairs
    :func:`~kg.identity._link.link_score` can link (most reports are of a generic class, and
    comparing all their pairs was most of the work).
    """
    by_class: dict[str, list[Report]] = defaultdict(list)
    by_role: dict[tuple[str, str, str], list[Report]] = defaultdict(list)

    def index(r: Report) -> None:
        if r.event_class in GENERIC_CLASSES:
            for role, iri in entity_roles(r):
                by_role[r.event_class, role, iri].append(r)
        else:
            by_class[r.event_class].append(r)

    def candidates(r: Report) -> Iterable[Report]:
        if r.event_class not in GENERIC_CLASSES:
            return by_class[r.event_class]
        roles = entity_roles(r)
        found = {o.iri: o for role, iri in roles for o in by_role[r.event_class, role, iri]}
        return [found[i] for i in sorted(found)]

    for r in others:
        index(r)
    links: list[Link] = []
    for r in new:
        for other in candidates(r):
            if other.iri == r.iri:
                continue
            score, evidence = link_score(r, other, weights)
            if score >= threshold:
                a, b = sorted((r.iri, other.iri))
                links.append(Link(a, b, score, tuple(sorted(evidence))))
        index(r)
    return links


def group_reports(reports: Sequence[Report], links: Iterable[Link]) -> list[Happening]:
    """The happenings of ``reports``: one per connected group under ``links`` (links to
    reports not given are ignored), in order of their IRIs.

    A happening keeps the links of a maximum spanning forest (the strongest links first,
    ties by IRI): as many links as it has reports less one, each report joined by its best
    evidence, and the same forest whatever order the links came in.
    """
    ordered = sorted(reports, key=lambda r: r.key)
    index = {r.iri: k for k, r in enumerate(ordered)}
    uf = UnionFind(len(ordered))
    kept: list[Link] = []
    for link in sorted(links, key=lambda x: (-x.score, x.source, x.target)):
        a, b = index.get(link.source), index.get(link.target)
        if a is not None and b is not None and uf.find(a) != uf.find(b):
            uf.union(a, b)
            kept.append(link)
    members: dict[int, list[Report]] = defaultdict(list)
    for k, r in enumerate(ordered):
        members[uf.find(k)].append(r)  # the root is the smallest index: the earliest report
    link_of: dict[int, list[Link]] = defaultdict(list)
    for link in kept:
        link_of[uf.find(index[link.source])].append(link)
    out = [
        Happening(
            happening_iri(group[0].iri),
            tuple(group),
            tuple(sorted(link_of[root], key=lambda x: (x.source, x.target))),
        )
        for root, group in members.items()
    ]
    return sorted(out, key=lambda h: h.iri)
