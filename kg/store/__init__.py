"""Graph stores: one named graph per article, in Oxigraph here or at a SPARQL endpoint.

:func:`open_store` picks the backend from a location; every backend has the
:class:`GraphStore` API (put/replace/remove articles by content hash, query with safely bound
parameters, export/import whole stores as TriG, N-Quads or JSON-LD, an rdflib ``Dataset``
view). :func:`serve` publishes a store as a SPARQL 1.1 Protocol endpoint;
:func:`run_named_query` runs the queries shipped in ``kg/queries/*.rq``.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("http://example.org/e"), RDFS.label, Literal("Minsk")))
>>> with open_store(None) as store:
...     store.put_article("http://example.org/article/a1", g, "hash-1")
...     store.has_article("http://example.org/article/a1", "hash-1"), store.triple_count()
(True, 1)
"""

from kg.store._base import (
    CONTENT_HASH,
    ENTITY_LINKS_GRAPH,
    HAPPENINGS_GRAPH,
    META_GRAPH,
    GraphStore,
    ImportReport,
    export_format,
)
from kg.store._embedded import EmbeddedStore
from kg.store._named import NamedQuery, named_queries, run_named_query
from kg.store._open import open_store
from kg.store._remote import RemoteStore
from kg.store._rows import result_rows
from kg.store._serve import ServeLimits, make_server, serve

__all__ = [
    "open_store",
    "GraphStore",
    "ImportReport",
    "export_format",
    "EmbeddedStore",
    "RemoteStore",
    "META_GRAPH",
    "HAPPENINGS_GRAPH",
    "ENTITY_LINKS_GRAPH",
    "CONTENT_HASH",
    "NamedQuery",
    "named_queries",
    "run_named_query",
    "result_rows",
    "serve",
    "make_server",
    "ServeLimits",
]
