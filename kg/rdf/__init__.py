"""Facts → RDF: one named graph per article, deterministic IRIs, SHACL validation.

The stage's function is :func:`article_rdf`: an analysed article's named graph as pyoxigraph
terms (:class:`ArticleGraph`), what a build hands the store; :func:`article_graph` and
:func:`article_triples` give the same triples as rdflib terms. :func:`facts_to_dataset`
gathers many articles into an Oxigraph-backed :class:`rdflib.Dataset`; :func:`write_dataset`
and :func:`read_dataset` move datasets to and from files (:func:`atomic_file` writes a file
whole or not at all); :func:`validate` checks a graph against ``ontologies/shapes.ttl``. The
model is described in ``docs/model.md``.

>>> from kg.model import Article, Fact, Predicate, Span
>>> a = Article(id="a1", text="Belarus frees prisoners")
>>> f = Fact("a1", 0, a.text, 0, 23, predicate=Predicate("frees", 8, 13, lemma="free"),
...          subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
...          object=Span("prisoners", 14, 23))
>>> g = article_graph(a, [f], [])
>>> g.identifier == article_iri("a1")
True
>>> validate(g)[0]
True
"""

from kg.rdf._build import (
    ArticleGraph,
    Term,
    Triple,
    article_graph,
    article_rdf,
    article_triples,
    time_literal,
    triples_graph,
)
from kg.rdf._convert import from_ox, to_ox
from kg.rdf._io import (
    FORMATS,
    add_graph,
    atomic_file,
    facts_to_dataset,
    format_for,
    new_dataset,
    normalise_literals,
    read_dataset,
    write_dataset,
)
from kg.rdf._iri import (
    article_iri,
    concept_iri,
    entity_class_name,
    entity_classes,
    entity_iri,
    entity_key,
    event_iri,
    mention_iri,
    negated_lemma,
    relation_iri,
    relation_name,
    sentence_iri,
    slug,
    time_iri,
)
from kg.rdf._record import fact_record
from kg.rdf._validate import load_ontology, load_shapes, ontology_path, shapes_path, validate

__all__ = [
    # building graphs
    "article_graph",
    "article_rdf",
    "ArticleGraph",
    "Term",
    "article_triples",
    "fact_record",
    "triples_graph",
    "Triple",
    "facts_to_dataset",
    "new_dataset",
    "add_graph",
    # files
    "write_dataset",
    "read_dataset",
    "atomic_file",
    "format_for",
    "FORMATS",
    "normalise_literals",
    # terms
    "from_ox",
    "to_ox",
    # IRIs
    "article_iri",
    "sentence_iri",
    "mention_iri",
    "negated_lemma",
    "event_iri",
    "entity_iri",
    "entity_key",
    "concept_iri",
    "time_iri",
    "relation_iri",
    "relation_name",
    "entity_class_name",
    "entity_classes",
    "slug",
    # roles and times
    "time_literal",
    # ontology and validation
    "validate",
    "ontology_path",
    "shapes_path",
    "load_ontology",
    "load_shapes",
]
