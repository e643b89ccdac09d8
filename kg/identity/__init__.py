"""Happenings: one node per real-world event, across articles, with every report linked to it.

Each fact of an article stays a **report** (a ``kg:Event`` in its article's graph), except
a description ("Belarus is an ally of Russia", "US envoy John Coale": the copula and
possession types of :data:`DESCRIPTION_TYPES`), which stays a fact and is of no happening. The
identity step groups the reports of one real-world event, within an article (the headline
and the lead of one story) and across articles (two wire stories of one release), into a
**happening** (``kg:Happening``, in the graph ``id/happenings``), the instance/mention split
of NewsReader's GAF (``gaf:denotedBy``):

1. each report gets an event class (:func:`event_class`: its type up to synonyms and word
   class);
2. reports of one class are scored pairwise on shared participants, times, places,
   publication dates and how much of the story their articles share
   (:func:`link_score`); a score at or above :data:`THRESHOLD` links them, and the link keeps
   its evidence;
3. the happenings are the connected groups of linked reports (:func:`group_reports`), each
   named after its earliest report, so that any order of the same articles gives the same
   happenings and IRIs.

A build keeps a store's happenings up to date (:func:`update_happenings`, incremental: only
what a new, changed or removed article touches is grouped again); :func:`cluster_reports`
does the same in memory (``kg extract``).

>>> from kg.model import AnalysedArticle, Article, Fact, Predicate, Span
>>> def story(doc, verb, lemma):
...     a = Article(id=doc, text=f"Belarus {verb} prisoners")
...     f = Fact(doc, 0, a.text, 0, len(a.text),
...              predicate=Predicate(verb, 8, 8 + len(verb), lemma=lemma),
...              subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
...              object=Span("prisoners", 9 + len(verb), len(a.text)))
...     return AnalysedArticle(a, (f,), ())
>>> [h.iri.rsplit("/", 2)[-2:] for h in cluster_articles([story("b", "frees", "free"),
...                                                      story("a", "releases", "release")])]
[['a', '0']]
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.identity._classes import (
    DESCRIPTION_TYPES,
    GENERIC_CLASSES,
    SYNONYMS,
    event_class,
    is_description,
)
from kg.identity._cluster import (
    Happening,
    Link,
    group_reports,
    happening_iri,
    link_iri,
    link_reports,
)
from kg.identity._entities import ENTITY_LINKS_GRAPH, entity_link_statements, update_entity_links
from kg.identity._graph import HAPPENINGS_GRAPH, happening_statements
from kg.identity._link import THRESHOLD, WEIGHTS, Weights, link_score
from kg.identity._reports import ArticleInfo, Report, reports_from_triples
from kg.identity._store import HappeningUpdate, remove_articles, stored_reports, update_happenings
from kg.model import AnalysedArticle

__all__ = [
    "ENTITY_LINKS_GRAPH",
    "entity_link_statements",
    "update_entity_links",
    "ArticleInfo",
    "DESCRIPTION_TYPES",
    "GENERIC_CLASSES",
    "HAPPENINGS_GRAPH",
    "Happening",
    "HappeningUpdate",
    "Link",
    "Report",
    "SYNONYMS",
    "THRESHOLD",
    "WEIGHTS",
    "Weights",
    "cluster_articles",
    "cluster_reports",
    "event_class",
    "is_description",
    "group_reports",
    "happening_statements",
    "happening_iri",
    "happening_iris",
    "link_iri",
    "link_reports",
    "link_score",
    "remove_articles",
    "reports_from_triples",
    "reports_of",
    "stored_reports",
    "update_happenings",
]


def reports_of(analysed: AnalysedArticle) -> list[Report]:
    """The reports of one analysed article, read from the RDF a build stores for it."""
    from kg.rdf import article_rdf

    return reports_from_triples(article_rdf(analysed).triples)


def cluster_reports(reports: Iterable[Report]) -> list[Happening]:
    """The happenings of a set of reports, in memory: what a store built from the same
    articles holds (same groups, same IRIs)."""
    every = list(reports)
    return group_reports(every, link_reports(every))


def cluster_articles(articles: Iterable[AnalysedArticle]) -> list[Happening]:
    """The happenings of analysed articles, as :func:`cluster_reports` groups them."""
    return cluster_reports(r for a in articles for r in reports_of(a))


def happening_iris(articles: Iterable[AnalysedArticle]) -> dict[str, str]:
    """Report (event) IRI → the IRI of its happening, for analysed articles grouped together
    as :func:`cluster_articles` groups them: the IRIs ``kg build`` stores for those articles.
    A description has no happening, so no entry.

    >>> happening_iris([])
    {}
    """
    return {r.iri: h.iri for h in cluster_articles(articles) for r in h.reports}
