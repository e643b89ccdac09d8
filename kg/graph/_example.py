"""A tiny hand-made example: the entity graph :func:`kg.graph.entity_graph` returns, and the
RDF of the same six facts as :mod:`kg.rdf` writes it.

Used by the doctests and tests so they need no spaCy model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["example_dataset", "example_graph"]

_ARTICLE = "https://example.org/kg/article/belarus"
_TITLE = "Belarus frees prisoners after US lifts sanctions"
_URL = "https://example.org/news/belarus"
_ENT = "https://example.org/kg/entity/"

# (subject, lemma, predicate text, object, sentence, date, confidence, negated)
_FACTS: tuple[tuple[str, str, str, str, str, str, float, bool], ...] = (
    ("Belarus", "free", "freed", "Ales Bialiatski",
     "Belarus freed Ales Bialiatski on Saturday.", "2025-12-13", 0.9, False),
    ("United States", "lift", "lifted sanctions on", "Belaruskali",
     "The United States lifted sanctions on Belaruskali.", "2025-12-13", 0.8, False),
    ("John Coale", "meet", "met", "Alexander Lukashenko",
     "John Coale met Alexander Lukashenko in Minsk.", "2025-12-12", 0.7, False),
    ("Alexander Lukashenko", "release", "released", "Ales Bialiatski",
     "Alexander Lukashenko released Ales Bialiatski.", "2025-12-13", 0.6, False),
    ("Alexander Lukashenko", "release", "did not release", "Maria Kalesnikava",
     "Alexander Lukashenko did not release Maria Kalesnikava.", "2025-12-14", 0.5, True),
    ("Ales Bialiatski", "arrive", "arrived in", "Vilnius",
     "Ales Bialiatski arrived in Vilnius.", "2025-12-14", 0.9, False),
)
_TYPES = {
    "Belarus": "Place",
    "United States": "Place",
    "Vilnius": "Place",
    "Belaruskali": "Organisation",
    "John Coale": "Person",
    "Alexander Lukashenko": "Person",
    "Ales Bialiatski": "Person",
    "Maria Kalesnikava": "Person",
}
_ALIASES = {"Alexander Lukashenko": ("Lukashenko",), "United States": ("U.S.", "US")}


def _iri(name: str) -> str:
    return _ENT + name.lower().replace(" ", "-")


def example_graph() -> nx.MultiDiGraph:
    """Eight entities and six facts about prisoners freed in Belarus.

    >>> G = example_graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (8, 6)
    >>> sorted({d["lemma"] for _, _, d in G.edges(data=True)})
    ['arrive', 'free', 'lift', 'meet', 'release']
    """
    G = nx.MultiDiGraph(name="example")
    for name, typ in _TYPES.items():
        G.add_node(_iri(name), label=name, type=typ, aliases=_ALIASES.get(name, ()))
    offset = 0
    for i, (s, lemma, pred, o, sent, day, conf, neg) in enumerate(_FACTS, start=1):
        event = f"{_ARTICLE}/event/{i}"
        s_at = sent.index(s)
        o_at = sent.index(o)
        p_at = sent.index(pred)
        attrs: dict[str, Any] = {
            "lemma": lemma,
            "predicate": pred,
            "event": event,
            "event_type": lemma,
            "role": "patient" if lemma != "arrive" else "location",
            "subject_role": "agent",
            "sentence": sent,
            "sentence_id": f"{_ARTICLE}/sentence/{i}",
            "sentence_index": i,
            "sentence_start": offset,
            "sentence_end": offset + len(sent),
            "subject_start": offset + s_at,
            "subject_end": offset + s_at + len(s),
            "object_start": offset + o_at,
            "object_end": offset + o_at + len(o),
            "predicate_start": offset + p_at,
            "predicate_end": offset + p_at + len(pred),
            "article": _ARTICLE,
            "title": _TITLE,
            "published": "2025-12-14",
            "time": day,
            "date": day,
            "url": _URL,
            "confidence": conf,
            "negated": neg,
            "modality": None,
            "quantity": None,
            "rule": "example",
            "via": "direct",  # both ends are named by the spans themselves, none nested
            "subject_phrase": None,
            "subject_phrase_start": None,
            "subject_phrase_end": None,
            "object_phrase": None,
            "object_phrase_start": None,
            "object_phrase_end": None,
        }
        G.add_edge(_iri(s), _iri(o), key=event, **attrs)
        offset += len(sent) + 1
    return G


def example_dataset() -> Dataset:
    """The six facts of :func:`example_graph` as RDF, written by :mod:`kg.rdf` from an
    analysed article (one named graph; entities with their types and aliases).

    >>> from kg.graph import entity_graph
    >>> G = entity_graph(example_dataset())
    >>> G.number_of_nodes(), G.number_of_edges()
    (8, 6)
    """
    from datetime import date

    from kg.model import Argument, Article, Entity, Fact, Predicate, Role, Span, TimeValue
    from kg.rdf import facts_to_dataset
    from kg.resolve import settle_participants

    coarse = {"Place": "GPE", "Organisation": "ORG", "Person": "PERSON"}
    text = "\n".join(f[4] for f in _FACTS)
    article = Article(id="example", text=text, title=_TITLE, published=date(2025, 12, 14))
    facts = []
    offset = 0
    for i, (s, lemma, pred, o, sent, day, conf, neg) in enumerate(_FACTS):
        s_at, o_at, p_at = (offset + sent.index(x) for x in (s, o, pred))
        subject = Span(s, s_at, s_at + len(s), s, coarse[_TYPES[s]], Role.AGENT)
        where = lemma == "arrive"  # "arrived in Vilnius": a location, not a patient
        o_span = (o, o_at, o_at + len(o), o, coarse[_TYPES[o]])
        fact = Fact(
            article.id, i, sent, offset, offset + len(sent),
            Predicate(pred, p_at, p_at + len(pred), lemma=lemma),
            subject=subject,
            object=None if where else Span(*o_span, Role.PATIENT),
            arguments=(Argument(Role.LOCATION, *o_span, "in"),) if where else (),
            time=TimeValue(day, value=day), negated=neg, event_type=lemma, rule="example",
            confidence=conf,
        )  # fmt: skip
        facts.append(settle_participants(fact))
        offset += len(sent) + 1
    entities = [
        Entity(name, coarse[typ], _ALIASES.get(name, ())) for name, typ in _TYPES.items()
    ]
    return facts_to_dataset([(article, facts, entities)])
