"""Keeping a store's happenings in step with its articles (the graph ``id/happenings``).

:func:`update_happenings` is told which articles changed (added, replaced or removed) and
re-groups only what they touch: the happenings that had reports in them, and those their new
reports link to. Reports to compare with are found by event class in the happenings graph
(``?report kg:eventClass ?class``); their participants are read from their article graphs.
Everything goes through SPARQL queries and one update request, so an embedded store and a
remote endpoint behave alike, and the request replaces the touched happenings atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.identity._classes import DESCRIPTION_TYPES, GENERIC_CLASSES
from kg.identity._cluster import Happening, group_reports, link_reports
from kg.identity._entities import update_entity_links
from kg.identity._graph import HAPPENINGS_GRAPH, happening_statements
from kg.identity._link import entity_roles
from kg.identity._reports import Report, _value, reports_from_triples
from kg.vocab import DCTERMS, GAF, KG, NIF

if TYPE_CHECKING:
    from kg.store import GraphStore

__all__ = ["HappeningUpdate", "update_happenings", "remove_articles", "stored_reports"]

_G = f"<{HAPPENINGS_GRAPH}>"
_SPAN_PROPERTIES = {str(KG.subjectSpan), str(KG.objectSpan), str(KG.argumentSpan)}
#: IRIs per VALUES block: long enough to save round trips, short enough for any endpoint.
_CHUNK = 400


@dataclass
class HappeningUpdate:
    """What :func:`update_happenings` did: happenings replaced, written, and reports grouped."""

    replaced: int = 0
    written: int = 0
    reports: int = 0
    links: int = 0


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _values(name: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(_iri(i) for i in sorted(set(iris)))} }}"


def _chunks(items: Iterable[str]) -> list[list[str]]:
    ordered = sorted(set(items))
    return [ordered[k : k + _CHUNK] for k in range(0, len(ordered), _CHUNK)]


def _rows(store: GraphStore, sparql: str) -> list[tuple[Any, ...]]:
    return store.select_values(sparql)  # type: ignore[return-value]


def stored_reports(
    store: GraphStore,
    *,
    articles: Iterable[str] | None = None,
    events: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
) -> list[Report]:
    """Reports read back from ``store``: those of some articles, some event IRIs, or some
    event classes (as the happenings graph records them); every report with none given."""
    where: list[str] = []
    # an event's kg:inArticle is in its own article's graph: matched there, the engine
    # looks each event up in one graph instead of joining across the union (3x faster)
    if articles is not None:
        where = [
            f"{_values('g', chunk)} GRAPH ?g {{ ?e a {_iri(str(KG.Event))} ; ?p ?o }}"
            for chunk in _chunks(articles)
        ]
    elif events is not None:
        where = [
            f"{_values('e', chunk)} GRAPH ?g {{ ?e {_iri(str(KG.inArticle))} ?g ; ?p ?o }}"
            for chunk in _chunks(events)
        ]
    elif classes is not None:
        where = [
            "VALUES ?c { " + " ".join(str(ox.Literal(c)) for c in chunk) + " } "
            f"GRAPH {_G} {{ ?e {_iri(str(KG.eventClass))} ?c }} "
            f"GRAPH ?g {{ ?e {_iri(str(KG.inArticle))} ?g ; ?p ?o }}"
            for chunk in _chunks(classes)
        ]
    else:
        where = [f"GRAPH ?g {{ ?e a {_iri(str(KG.Event))} ; ?p ?o }} FILTER(?g != {_G})"]
    triples: list[tuple[object, object, object]] = []
    graphs: set[str] = set()
    for clause in where:
        for g, e, p, o in _rows(store, f"SELECT ?g ?e ?p ?o WHERE {{ {clause} }}"):
            triples.append((e, p, o))
            graphs.add(str(g))
    # The words of each concept participant's span (Report.wordings), as the article graph
    # holds them: a report read back is the report the build saw.
    # The properties are a FILTER, not a second VALUES block: Oxigraph joins two VALUES
    # blocks into pairs and then matches ``?s ?p ?o`` against every quad of the store (12 s
    # a chunk of 400 spans on the ECB+ store), where a FILTER keeps the subject index
    # lookup (0.05 s).
    spans = {_value(o) for _e, p, o in triples if _value(p) in _SPAN_PROPERTIES}
    triples += _properties(store, "s", spans, (KG.refersTo, NIF.anchorOf))
    # an article's own properties are in its own graph (the graph ?g named by ?g)
    triples += _properties(store, "g", graphs, (DCTERMS.identifier, DCTERMS.date, KG.mentions))
    return reports_from_triples(triples)


def _properties(
    store: GraphStore, subject: str, iris: Iterable[str], properties: Iterable[object]
) -> list[tuple[object, object, object]]:
    """The triples ``(s, p, o)`` of each of ``iris`` (bound to ``?{subject}``, in any graph
    ``?g``) whose property is one of ``properties``, asked in chunks."""
    wanted = ", ".join(_iri(str(p)) for p in properties)
    triples: list[tuple[object, object, object]] = []
    for chunk in _chunks(iris):
        rows = _rows(
            store,
            f"SELECT ?{subject} ?p ?o WHERE {{ {_values(subject, chunk)} "
            f"GRAPH ?g {{ ?{subject} ?p ?o }} FILTER(?p IN ({wanted})) }}",
        )
        triples.extend((s, p, o) for s, p, o in rows)
    return triples


def _ungrouped_articles(store: GraphStore) -> set[str]:
    """Articles with a report that has no happening (a build stopped before grouping);
    descriptions have none by design."""
    descriptions = " ".join(str(ox.Literal(t)) for t in sorted(DESCRIPTION_TYPES))
    # MINUS, not FILTER NOT EXISTS: Oxigraph answers it by one anti-join over the two
    # lists where NOT EXISTS is a lookup per event (every build asks it: 0.2 s against
    # 1.6 s on the 44,501 events of the ECB+ store)
    sparql = (
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?e a {_iri(str(KG.Event))} }} "
        f"MINUS {{ GRAPH {_G} {{ ?e {_iri(str(KG.happening))} ?h }} }} "
        f"MINUS {{ VALUES ?t {{ {descriptions} }} "
        f"GRAPH ?g {{ ?e {_iri(str(KG.eventType))} ?t }} }} }}"
    )
    return {str(row[0]) for row in _rows(store, sparql)}


def _lookup(store: GraphStore, given: str, iris: Iterable[str], pattern: str) -> set[str]:
    """The values of ``?x`` in the happenings graph's ``pattern``, for each of ``iris`` bound
    to ``?{given}`` (asked in chunks, so a long list stays one short query each)."""
    out: set[str] = set()
    for chunk in _chunks(iris):
        sparql = f"SELECT ?x WHERE {{ {_values(given, chunk)} GRAPH {_G} {{ {pattern} }} }}"
        out.update(str(row[0]) for row in _rows(store, sparql))
    return out


def _happenings_of(
    store: GraphStore, *, articles: Iterable[str] = (), events: Iterable[str] = ()
) -> set[str]:
    return _lookup(store, "a", articles, f"?x {_iri(str(KG.reportedIn))} ?a") | _lookup(
        store, "e", events, f"?e {_iri(str(KG.happening))} ?x"
    )


def _members(store: GraphStore, happenings: Iterable[str]) -> set[str]:
    return _lookup(store, "h", happenings, f"?h {_iri(str(GAF.denotedBy))} ?x")


def _link_nodes(store: GraphStore, reports: Iterable[str]) -> set[str]:
    """The stored links whose source is one of ``reports``."""
    return _lookup(store, "s", reports, f"?x {_iri(str(KG.linkSource))} ?s")


def _candidates(store: GraphStore, new: Sequence[Report]) -> list[Report]:
    """The stored reports :func:`~kg.identity._cluster.link_reports` may link to ``new``:
    every report of a specific class of theirs, and of a generic class ("say") only those
    with one of their entities in the same role, the only ones it can link (found through
    the store's object index, where reading every "say" report of a store read most of it).
    """
    specific = {r.event_class for r in new if r.event_class not in GENERIC_CLASSES}
    found = stored_reports(store, classes=specific) if specific else []
    keys = sorted(
        {
            (r.event_class, role, iri)
            for r in new
            if r.event_class in GENERIC_CLASSES
            for role, iri in entity_roles(r)
        }
    )
    events: set[str] = set()
    for k in range(0, len(keys), _CHUNK):
        rows = " ".join(
            f"({ox.Literal(c)} {_iri(str(KG[role]))} {_iri(iri)})"
            for c, role, iri in keys[k : k + _CHUNK]
        )
        sparql = (
            f"SELECT DISTINCT ?e WHERE {{ VALUES (?c ?p ?x) {{ {rows} }} "
            f"GRAPH ?g {{ ?e ?p ?x }} GRAPH {_G} {{ ?e {_iri(str(KG.eventClass))} ?c }} }}"
        )
        events.update(str(row[0]) for row in _rows(store, sparql))
    if events:
        found += stored_reports(store, events=events)
    return found


def update_happenings(
    store: GraphStore,
    changed: Iterable[str] | None = None,
    *,
    reports: Mapping[str, Sequence[Report]] | None = None,
) -> HappeningUpdate:
    """Bring the happenings of ``store`` up to date after the articles ``changed`` (article
    IRIs) were added, replaced or removed; with ``changed`` None, group every report anew.

    ``reports`` may hold the reports of changed articles, by article IRI, as the build has
    them already (:func:`kg.identity.reports_of`); the others are read from the store. With
    ``changed`` None, ``reports``, if given, must be every report the store holds (a build
    into a store that held no article): nothing is read back.

    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     update_happenings(store)
    HappeningUpdate(replaced=0, written=0, reports=0, links=0)
    """
    if changed is None:
        if reports is None:
            every = stored_reports(store)
        else:
            every = [r for article in sorted(reports) for r in reports[article]]
        links = link_reports(every)
        groups = group_reports(every, links)
        _write(store, groups, clear_all=True)
        return HappeningUpdate(0, len(groups), len(every), len(links))
    # and the articles a build wrote but did not group (killed between the two)
    changed = set(changed) | _ungrouped_articles(store)
    if not changed:
        return HappeningUpdate()
    given = reports or {}
    new: list[Report] = [r for a in sorted(changed) for r in given.get(a, ())]
    missing = changed - set(given)
    if missing:
        new += stored_reports(store, articles=missing)
    old_happenings = _happenings_of(store, articles=changed)
    candidates = [r for r in _candidates(store, new) if r.article.iri not in changed]
    new_links = link_reports(new, candidates)
    new_iris = {r.iri for r in new}
    linked = {i for link in new_links for i in (link.source, link.target)} - new_iris
    touched = old_happenings | _happenings_of(store, events=linked)
    old_members = _members(store, touched)
    known = {r.iri: r for r in candidates}
    kept_iris = {
        i for i in old_members if not any(i.startswith(_event_prefix(a)) for a in changed)
    }
    unknown = kept_iris - set(known)
    members = [known[i] for i in kept_iris if i in known]
    if unknown:
        members += [
            r for r in stored_reports(store, events=unknown) if r.article.iri not in changed
        ]
    # the links among what stays are scored again: a removed report may have held a group
    # together, and only a spanning forest of the links is stored
    kept_links = link_reports(members)
    groups = group_reports([*members, *new], [*kept_links, *new_links])
    _write(store, groups, drop=touched | old_members | _link_nodes(store, old_members))
    return HappeningUpdate(len(touched), len(groups), len(members) + len(new), len(new_links))


def _event_prefix(article_iri: str) -> str:
    """The prefix of the IRIs of an article's events (``id/event/<article-id>/``)."""
    from kg.identity._cluster import _EVENT

    return _EVENT + article_iri.rsplit("/", 1)[-1] + "/"


def _write(
    store: GraphStore,
    groups: Sequence[Happening],
    *,
    drop: Iterable[str] = (),
    clear_all: bool = False,
) -> None:
    """One update request: drop the subjects ``drop`` (or the whole graph) from the
    happenings graph and insert ``groups``."""
    parts: list[str] = []
    if clear_all:
        parts.append(f"DROP SILENT GRAPH {_G}")
    else:
        for chunk in _chunks(drop):
            parts.append(
                f"DELETE {{ GRAPH {_G} {{ ?s ?p ?o }} }} WHERE {{ {_values('s', chunk)} "
                f"GRAPH {_G} {{ ?s ?p ?o }} }}"
            )
    statements = happening_statements(groups)
    if statements:
        body = "\n".join(f"{s} ." for s in statements)
        parts.append(f"INSERT DATA {{ GRAPH {_G} {{\n{body}\n}} }}")
    if parts:
        store.update(" ;\n".join(parts))


def remove_articles(
    store: GraphStore, article_ids: Iterable[str], *, name: str | None = None
) -> list[str]:
    """Take articles out of ``store`` and update the happenings they reported and the
    entity links (:func:`kg.identity.update_entity_links`).

    Returns the ids removed; an id the store does not hold raises :class:`kg.errors.KgError`
    (naming the store as ``name``, or its location) before anything is removed.

    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     remove_articles(store, [])
    []
    """
    from kg.errors import KgError
    from kg.rdf import article_iri

    ids = list(article_ids)
    iris = {i: str(article_iri(i)) for i in ids}
    for i in ids:
        if store.article_hash(iris[i]) is None:
            raise KgError(f"{i}: no such article in {name or store.location}")
    for i in ids:
        store.remove_article(iris[i])
    if ids:
        update_happenings(store, set(iris.values()))
        update_entity_links(store)
    return ids
