"""Entities of different articles taken to be one: the graph ``id/entity-links``.

An entity's IRI is a function of its canonical name and type family
(:func:`kg.resolve.names.entity_key`), so the same name in two articles is already one node.
What a name alone cannot say is decided here, over every article of a store, by
:func:`kg.resolve.merge.surname_links`: a person called by surname only ("Yeltsin") is the
one full name ("Boris Yeltsin") named by the articles that share its context. Each such link
is stated as ``<yeltsin> owl:sameAs <boris-yeltsin>`` in :data:`ENTITY_LINKS_GRAPH`, and the
statement is reified (``rdf:subject``, ``rdf:object``) with its ``kg:identityRule`` and one
``kg:sharedContext`` per entity or time the articles share.

:func:`update_entity_links` recomputes the whole graph (one query for what each article
names, one update request); a build and ``kg remove`` call it after the happenings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.resolve.merge import SurnameLink, surname_links
from kg.store._base import ENTITY_LINKS_GRAPH
from kg.vocab import ID, KG, OWL, RDF, SEM

if TYPE_CHECKING:
    from kg.store import GraphStore

__all__ = ["ENTITY_LINKS_GRAPH", "update_entity_links", "entity_link_statements"]

_ENTITY = f"{ID}entity/"

#: What each article graph names: its entities (kg:mentions) and the times of its events.
_NAMED = f"""
SELECT ?g ?x WHERE {{
  {{ GRAPH ?g {{ ?g <{KG.mentions}> ?x }} }} UNION {{ GRAPH ?g {{ ?x a <{SEM.Time}> }} }}
}}
"""


def _key(iri: str) -> str:
    """``entity/person/boris-yeltsin`` → ``person/boris-yeltsin``; a time keeps ``time/``."""
    return iri[len(_ENTITY) :] if iri.startswith(_ENTITY) else iri[len(str(ID)) :]


def _node(key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{key}" if key.startswith("time/") else f"{_ENTITY}{key}")


def entity_link_statements(links: Sequence[SurnameLink]) -> list[str]:
    """The N-Triples statements (no final dot) of :data:`ENTITY_LINKS_GRAPH` for ``links``.

    >>> from kg.resolve.merge import SurnameLink
    >>> rows = entity_link_statements(
    ...     [SurnameLink("person/yeltsin", "person/boris-yeltsin", ("b",), ("place/moscow",))])
    >>> rows[0].split()[1].endswith("#sameAs>"), len(rows)
    (True, 7)
    """
    rows: list[str] = []
    same_as = ox.NamedNode(str(OWL.sameAs))
    for link in links:
        source, target = _node(link.source), _node(link.target)
        statement = ox.NamedNode(f"{ID}entity-link/{link.source}")
        rows.append(f"{source} {same_as} {target}")
        rows.append(f"{statement} {ox.NamedNode(str(RDF.type))} {ox.NamedNode(str(RDF.Statement))}")
        rows.append(f"{statement} {ox.NamedNode(str(RDF.subject))} {source}")
        rows.append(f"{statement} {ox.NamedNode(str(RDF.predicate))} {same_as}")
        rows.append(f"{statement} {ox.NamedNode(str(RDF.object))} {target}")
        rows.append(f"{statement} {ox.NamedNode(str(KG.identityRule))} {ox.Literal(link.rule)}")
        for key in link.shared:
            rows.append(f"{statement} {ox.NamedNode(str(KG.sharedContext))} {_node(key)}")
    return rows


def update_entity_links(store: GraphStore) -> int:
    """Recompute :data:`ENTITY_LINKS_GRAPH` from every article in ``store``; the links made.

    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     update_entity_links(store)
    0
    """
    named: dict[str, set[str]] = {}
    for graph, node in store.select_values(_NAMED):
        named.setdefault(str(graph), set()).add(_key(str(node)))
    links = surname_links(named)
    g = ox.NamedNode(str(ENTITY_LINKS_GRAPH))
    request = f"DROP SILENT GRAPH {g}"
    statements = entity_link_statements(links)
    if statements:
        body = "\n".join(f"{s} ." for s in statements)
        request += f" ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
    store.update(request)
    return len(links)
