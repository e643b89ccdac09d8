"""The entity graph around one entity, read from the article graphs that can hold it.

A fact links entities of one article, and that article's named graph names each of them: so
the facts of the entities within ``hops`` steps of X all lie in the article graphs that name
an entity within ``hops`` steps of X. :func:`focus_graph` finds those graphs step by step
through the store's indexes (the graphs that name an entity) and projects only them, then
gives each node the labels, aliases and type that the whole store gives it: the graph is the
whole store's entity graph cut to the neighbourhood (:func:`kg.graph.ego` of it), without
reading the rest of the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from rdflib.term import Node

from kg.graph._analysis import EntityNotFound, ego, find_entity
from kg.graph._project import _Index, _node_attrs, _ox_terms, entity_graph
from kg.rdf import article_iri
from kg.vocab import KG, RDF, RDFS, SKOS

__all__ = ["focus_graph"]


def focus_graph(
    source: Any, name: str, hops: int = 2, *, concepts: bool = False, descriptions: bool = False
) -> nx.MultiDiGraph | None:
    """``ego(entity_graph(source, concepts=..., descriptions=...), name, hops)``, read from
    the article graphs around ``name`` only; None when ``source`` is not an embedded store (read it
    whole) or no entity of its graph is called ``name`` (the whole projection's
    :class:`~kg.graph.EntityNotFound` says what is near).

    >>> from kg.graph import example_dataset
    >>> focus_graph(example_dataset(), "Vilnius") is None  # not a store: project it whole
    True
    """
    inner = _oxigraph_of(source)
    if inner is None:
        return None
    import pyoxigraph as ox

    found = _named(inner, name)
    if not found:
        return None
    reached, checked = set(found), set[str]()
    graphs: set[Any] = set()
    G = nx.MultiDiGraph()
    # Only article graphs hold facts; the store's own graphs (happenings, entity links, meta)
    # name an entity too, and the happenings graph alone can be as large as all the articles.
    articles = str(article_iri(""))
    for step in range(hops + 1):
        for node in reached - checked:
            term = ox.NamedNode(node)
            for quads in (inner.quads_for_pattern(term, None, None),
                          inner.quads_for_pattern(None, None, term)):
                graphs.update(q.graph_name for q in quads
                              if getattr(q.graph_name, "value", "").startswith(articles))
        checked |= reached
        G = entity_graph(
            _Index(_ox_terms(_quads(inner, graphs))), concepts=concepts, descriptions=descriptions
        )
        if step < hops:
            near = _within(G, [n for n in found if n in G], step + 1)
            reached |= near
    for node, attrs in G.nodes(data=True):  # as the whole store names it
        own = inner.quads_for_pattern(ox.NamedNode(node), None, None)
        attrs.update(_node_attrs(_Index(_ox_terms(own)), _node(node)))
    try:
        center = find_entity(G, name)
    except EntityNotFound:
        return None
    return ego(G, center, hops)


def _oxigraph_of(source: Any) -> Any:
    """The pyoxigraph store under a :mod:`kg.store` embedded store, else None."""
    inner = getattr(source, "inner", None)
    return inner if inner is not None and hasattr(inner, "quads_for_pattern") else None


def _named(inner: Any, name: str) -> set[str]:
    """The IRIs whose id, label or alias (any case) is ``name``."""
    import pyoxigraph as ox

    iri = name.startswith(("http://", "https://", "urn:")) and " " not in name
    if iri and next(iter(inner.quads_for_pattern(ox.NamedNode(name), None, None)), None):
        return {name}
    want = name.casefold().strip()
    out: set[str] = set()
    for predicate in (RDFS.label, SKOS.altLabel):
        for q in inner.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
            if isinstance(q.subject, ox.NamedNode) and q.object.value.casefold() == want:
                out.add(q.subject.value)
    return out


def _quads(inner: Any, graphs: Iterable[Any]) -> Iterator[Any]:
    """The quads of ``graphs``, and the happening of each of their events (``kg:happening``,
    from the happenings graph: the projection draws one edge per happening)."""
    import pyoxigraph as ox

    from kg.store import HAPPENINGS_GRAPH

    of_happening = ox.NamedNode(str(KG.happening))
    happenings = ox.NamedNode(str(HAPPENINGS_GRAPH))
    event_class = ox.NamedNode(str(KG.Event))
    for graph in graphs:
        yield from inner.quads_for_pattern(None, None, None, graph)
        for q in inner.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), event_class, graph):
            yield from inner.quads_for_pattern(q.subject, of_happening, None, happenings)


def _within(G: nx.MultiDiGraph, sources: list[str], hops: int) -> set[str]:
    """The nodes within ``hops`` steps (either direction) of any of ``sources``."""
    if not sources:
        return set()
    return set(nx.multi_source_dijkstra_path_length(G.to_undirected(as_view=True), sources,
                                                    cutoff=hops, weight=lambda *_: 1))


def _node(iri: str) -> Node:
    from rdflib import URIRef

    return URIRef(iri)
