"""One article's facts and entities as RDF: the triples of the article's named graph.

Shape of the graph (``docs/model.md`` has the diagram and a full example):

- the article (``kg:Article``): title, date, URL, source, dateline place;
- each sentence that carries a fact (``kg:Sentence``): text and offsets, ``nif:referenceContext``;
- each fact as an event (``kg:Event``): event type, predicate text, lemma, confidence, negation,
  modality, quantity, time stamps, rule, sentence; one role property (``kg:agent``,
  ``kg:patient``, ``kg:location``, ...) per participant, pointing to the entity, place, time or
  concept it names; and a ``kg:*Span`` link to the text span (``kg:Mention``) it was read from;
- the direct triple ``subject rel:<lemma> object`` for simple queries;
- each entity: classes from its type, ``rdfs:label``, ``skos:altLabel`` aliases, places'
  coordinates and GeoNames identity, and its mentions with the coreference rule that linked them.

No blank nodes: every node has a deterministic IRI (:mod:`kg.rdf._iri`), so the same input gives
the same graph, and graphs of different articles join on entity, concept and time IRIs.

One writer, :func:`article_rdf`, maps an analysed article to pyoxigraph terms (an
:class:`ArticleGraph`); text is made only at the edge, when a store loads the graph or a file
is written (:meth:`ArticleGraph.nquads`). :func:`article_graph` and :func:`article_triples`
give the same triples as rdflib terms.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Node, URIRef

from kg import vocab
from kg.model import AnalysedArticle, Argument, Article, Entity, Fact, Place, Role, TimeValue
from kg.rdf._convert import from_ox
from kg.rdf._iri import (
    article_iri,
    concept_iri,
    entity_classes,
    entity_iri,
    event_iri,
    mention_iri,
    relation_iri,
    sentence_iri,
    slug,
    time_iri,
)
from kg.rdf._record import named_entity
from kg.vocab import GEONAMES, bind_namespaces, role_property

#: A pyoxigraph term the writer makes: an IRI or a literal (it makes no blank nodes).
Term = ox.NamedNode | ox.Literal


class _Terms:
    """A vocabulary's terms as pyoxigraph nodes, each converted once from :mod:`kg.vocab`
    (which declares them: a misspelt name fails there)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = ox.NamedNode(getattr(self._namespace, name))
        setattr(self, name, term)  # later reads find it in __dict__, no __getattr__
        return term


def _iri(iri: str) -> ox.NamedNode:
    """The node of an IRI made by :mod:`kg.rdf._iri` (pyoxigraph checks it)."""
    return ox.NamedNode(iri)


DCTERMS, GEO, KG, NIF, OWL = (
    _Terms(ns) for ns in (vocab.DCTERMS, vocab.GEO, vocab.KG, vocab.NIF, vocab.OWL)
)
RDF, RDFS, SDO, SEM, SKOS, XSD = (
    _Terms(ns) for ns in (vocab.RDF, vocab.RDFS, vocab.SDO, vocab.SEM, vocab.SKOS, vocab.XSD)
)
_KG, _XSD = vocab.KG, vocab.XSD  # rdflib terms, for the public helpers below

__all__ = [
    "ArticleGraph",
    "Term",
    "article_graph",
    "article_rdf",
    "article_triples",
    "triples_graph",
    "Triple",
    "time_literal",
    "decimal_text",
]

_ISO_DATE_TYPES = (
    (re.compile(r"^\d{4}$"), _XSD.gYear),
    (re.compile(r"^\d{4}-\d{2}$"), _XSD.gYearMonth),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), _XSD.date),
    (
        re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"),
        _XSD.dateTime,
    ),
)


#: One triple: subject, predicate, object (rdflib terms).
Triple = tuple[Node, Node, Node]

_ABSOLUTE_TIME = re.compile(r"^\d{4}")


def time_literal(value: str | None) -> Literal | None:
    """An ISO date, month, year or date-time as a literal of the matching XSD type, else None.

    >>> time_literal("2025-12").n3()
    '"2025-12"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    >>> time_literal("2004-W47") is None  # TimeML weeks have no XSD type
    True
    """
    datatype = _time_type(value) if value else None
    return Literal(value, datatype=datatype) if datatype is not None else None


@lru_cache(maxsize=4096)
def _time_type(value: str) -> URIRef | None:
    for pattern, datatype in _ISO_DATE_TYPES:
        if pattern.match(value):
            if datatype == _XSD.date:
                try:  # "2025-02-30" matches the pattern but is no date
                    date.fromisoformat(value)
                except ValueError:
                    return None
            if datatype == _XSD.dateTime:
                try:
                    datetime.fromisoformat(value.replace("Z", "+00:00"))
                except ValueError:
                    return None
            return datatype
    return None


def decimal_text(value: Decimal | float) -> str:
    """The canonical XSD 1.1 form of a decimal, as Oxigraph writes it: ``123``, ``0.9``.

    >>> decimal_text(123.0), decimal_text(0.90), decimal_text(Decimal("1E+3"))
    ('123', '0.9', '1000')
    """
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- literals, for the builder -------------------------------------------------------------------
# Most literals of a build repeat (offsets, confidences, roles, types, labels): each is made
# once and cached, in bounded caches so a long build's memory stays flat.


@lru_cache(maxsize=8192)  # bounded: a long build must not keep every sentence's text
def _text(value: str) -> ox.Literal:
    r"""A plain string literal (pyoxigraph escapes it when it is written out).

    >>> print(_text('say "hi"\n'))
    "say \"hi\"\n"
    """
    return ox.Literal(value)


def _typed(lexical: str, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(lexical, datatype=datatype)


def _time_text(value: str | None) -> ox.Literal | None:
    """:func:`time_literal` as a pyoxigraph literal."""
    return _time_literal_term(value) if value else None


@lru_cache(maxsize=4096)
def _time_literal_term(value: str) -> ox.Literal | None:
    literal = time_literal(value)  # rdflib's lexical form: "2012-08-07T03:33" gains ":00"
    if literal is None or literal.datatype is None:
        return None
    return _typed(str(literal), ox.NamedNode(literal.datatype))


def _decimal(x: float | None) -> ox.Literal | None:
    """``x`` as an xsd:decimal in canonical form (``repr`` keeps it short: 0.8, not 0.80000001)."""
    if x is None or not math.isfinite(x):
        return None
    if isinstance(x, Decimal):  # exact already: no float round trip, no cache
        return _decimal_literal.__wrapped__(x)
    return _decimal_literal(float(x))


@lru_cache(maxsize=4096)
def _decimal_literal(x: float | Decimal) -> ox.Literal | None:
    try:
        return _typed(decimal_text(x), XSD.decimal)
    except (InvalidOperation, ValueError):
        return None


@lru_cache(maxsize=65536)
def _index(n: int) -> ox.Literal:
    # NIF's range is xsd:nonNegativeInteger, but Oxigraph stores every integer type as
    # xsd:integer; writing xsd:integer keeps graphs equal before and after a store.
    return _typed(str(int(n)), XSD.integer)


_TRUE, _FALSE = _typed("true", XSD.boolean), _typed("false", XSD.boolean)


class _Slot(NamedTuple):
    """A participant of a fact, whatever field it came from, and the fact's slot name."""

    role: Role
    text: str
    start: int | None
    end: int | None
    entity: str | None
    type: str | None
    span_property: ox.NamedNode  # kg:subjectSpan, kg:objectSpan or kg:argumentSpan
    refers: str | None
    name: str | None  # "subject", "arguments.0", ... (None for an unstated time or place)
    prep: str | None = None
    concept: str | None = None  # the kind a concept participant names (kg.resolve.concept_name)


_SPAN_PROPERTY = {"subject": KG.subjectSpan, "object": KG.objectSpan}


def _slots(fact: Fact) -> list[_Slot]:
    """Subject, object, arguments and speaker; then the fact's time and place where no
    participant states them (a headline's implied date is the event's time all the same)."""
    slots = [
        _Slot(
            part.role or Role.ARGUMENT,
            part.text,
            part.start,
            part.end,
            part.entity,
            part.type,
            _SPAN_PROPERTY.get(name, KG.argumentSpan),
            part.refers,
            name,
            part.prep if isinstance(part, Argument) else None,
            part.concept,
        )
        for name, part in fact.slots()
    ]
    time, place = fact.time, fact.place
    if time is not None and not any(s.refers == "time" for s in slots):
        slots.append(
            _Slot(
                Role.TIME, time.text, time.start, time.stop, None, "DATE", KG.argumentSpan,
                "time", None,
            )
        )  # fmt: skip
    if place is not None and not any(s.refers == "place" for s in slots):
        slots.append(
            _Slot(
                Role.LOCATION, place.name, place.start, place.end, None, "GPE", KG.argumentSpan,
                "place", None,
            )
        )  # fmt: skip
    return slots


def _time_key(time: TimeValue) -> bool:
    """True for a time with an absolute value ("2025-12-14", "2004-W47", begin "2020").

    Relative TimeML values such as ``PRESENT_REF`` would name one node shared by every
    article; they stay a literal (kg:timeValue) on the event instead.
    """
    return any(v and _ABSOLUTE_TIME.match(v) for v in (time.value, time.begin, time.end))


@lru_cache(maxsize=256)
def _role(role: Role) -> ox.NamedNode:
    """The role property of a role (cached: roles are few)."""
    return _iri(role_property(role))


def _event_label(fact: Fact) -> str:
    """A readable one-line statement in text order: "Belarus has released 123 prisoners".

    An agentless passive reads object first ("Kolesnikova was handed over"). The predicate is
    kept as written, so a negation the extractor inferred ("had refused to recognise") is not
    spelled out here: kg:negated says it.
    """
    pred = fact.predicate.text
    if fact.subject is None and fact.object is not None:
        parts = [fact.object.text, pred]
    else:
        parts = [s.text for s in (fact.subject,) if s is not None] + [pred]
        parts += [fact.object.text] if fact.object is not None else []
    return " ".join(parts)


@lru_cache(maxsize=65536)
def _entity_node(name: str, type: str | None) -> ox.NamedNode:
    # entity_key slugs the name (anyascii, regexes): names recur across a build's articles
    return _iri(entity_iri(name, type))


@lru_cache(maxsize=256)
def _classes(type: str | None) -> tuple[ox.NamedNode, ...]:
    return tuple(_iri(c) for c in entity_classes(type))


class _Builder:
    """Accumulates one article's triples; methods add one kind of resource each."""

    def __init__(self, article: Article, entities: Sequence[Entity]) -> None:
        self.article = article
        self.doc = _iri(article_iri(article.id))
        # A dict used as an ordered set: adding is a hash lookup, and the statements come out
        # in the order they were made (deterministic).
        self.triples: dict[tuple[Term, Term, Term], None] = {}
        self.entities = {_entity_node(e.name, e.type): e for e in entities}
        self.entity_labels: dict[str, set[str]] = {}  # entity IRI -> its rdfs:label/altLabel
        self.sentences: dict[int, ox.NamedNode] = {}
        self.mentions: dict[tuple[int, int, str], ox.NamedNode] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: Term | None) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def label_entity(self, node: ox.NamedNode, name: str) -> None:
        """One ``rdfs:label`` per entity: the first name given (the entity's canonical name,
        :func:`kg.resolve.names.preferred_form`); any other spelling is a ``skos:altLabel``."""
        labels = self.entity_labels.setdefault(node.value, set())
        if not labels:
            self.add(node, RDFS.label, _text(name))
        elif name not in labels:
            self.add(node, SKOS.altLabel, _text(name))
        labels.add(name)

    # -- article, sentences, spans -----------------------------------------------------------

    def article_node(self) -> None:
        a, doc = self.article, self.doc
        self.add(doc, RDF.type, KG.Article)
        self.add(doc, DCTERMS.identifier, _text(a.id))
        if a.title:
            self.add(doc, DCTERMS.title, _text(a.title))
        if a.published is not None:
            day = _typed(a.published.isoformat(), XSD.date)
            self.add(doc, DCTERMS.date, day)
            self.add(doc, SDO.datePublished, day)
        if a.url:
            self.add(doc, SDO.url, _typed(a.url, XSD.anyURI))
        if a.source:
            self.add(doc, DCTERMS.source, _text(a.source))
        if a.agency:
            self.add(doc, KG.agency, _text(a.agency))
        if a.place:
            self.add(doc, KG.datelinePlace, self.entity_ref(a.place, "GPE"))

    def sentence(
        self, index: int, text: str | None = None, start: int | None = None, end: int | None = None
    ) -> ox.NamedNode:
        node = self.sentences.get(index)
        if node is None:
            node = self.sentences[index] = _iri(sentence_iri(self.article.id, index))
            self.add(node, RDF.type, KG.Sentence)
            self.add(node, KG.sentenceIndex, _index(index))
            self.add(node, NIF.referenceContext, self.doc)
        if text:
            self.add(node, NIF.anchorOf, _text(text))
        if start is not None and end is not None and 0 <= start < end:
            self.add(node, NIF.beginIndex, _index(start))
            self.add(node, NIF.endIndex, _index(end))
        return node

    def mention(
        self, text: str, start: int | None, end: int | None, sentence: int | None
    ) -> ox.NamedNode | None:
        """The span resource for ``text`` at ``start:end``; None when the offsets are unusable."""
        if start is None or end is None or not 0 <= start < end:
            return None
        # NIF's anchorOf is the text between the offsets, which for a predicate joined from
        # pieces ("agreed to lift ... on") differs from the predicate text kept in kg:predicate.
        body = self.article.text
        anchor = body[start:end] if end <= len(body) else text
        key = (start, end, anchor)
        node = self.mentions.get(key)
        if node is None:  # a span is met several times (as argument, as mention, ...)
            node = self.mentions[key] = _iri(mention_iri(self.article.id, start, end))
            self.add(node, RDF.type, KG.Mention)
            self.add(node, NIF.anchorOf, _text(anchor))
            self.add(node, NIF.beginIndex, _index(start))
            self.add(node, NIF.endIndex, _index(end))
            self.add(node, NIF.referenceContext, self.doc)
        if sentence is not None:
            self.add(node, KG.sentence, self.sentence(sentence))
        return node

    # -- referents: entities, places, times, concepts -----------------------------------------

    def entity_ref(self, name: str, type: str | None) -> ox.NamedNode:
        node = _entity_node(name, type)
        described = self.entities.get(node)
        if described is None:
            for cls in _classes(type):
                self.add(node, RDF.type, cls)
            self.label_entity(node, name)
            if type:
                self.add(node, KG.entityType, _text(type))
        self.add(self.doc, KG.mentions, node)
        return node

    def place_data(self, node: ox.NamedNode, place: Place) -> None:
        self.add(node, RDF.type, KG.Place)
        if place.lat is not None and place.lon is not None:
            self.add(node, GEO.lat, _decimal(place.lat))
            self.add(node, GEO.long, _decimal(place.lon))
        if place.geonames is not None:
            self.add(node, OWL.sameAs, _iri(GEONAMES[f"{int(place.geonames)}/"]))
        if place.iso:
            self.add(node, KG.isoCode, _text(place.iso))
        if place.kind:
            self.add(node, KG.placeKind, _text(place.kind))

    def time_ref(self, time: TimeValue) -> ox.NamedNode:
        node = _iri(time_iri(time.value, time.begin, time.end))
        self.add(node, RDF.type, SEM.Time)
        label = time.value or f"{time.begin or '..'}/{time.end or '..'}"
        self.add(node, RDFS.label, _text(label))
        self.add(node, KG.timeValue, _text(time.value) if time.value else None)
        self.add(node, SEM.hasTimeStamp, _time_text(time.value))
        self.add(node, SEM.hasBeginTimeStamp, _time_text(time.begin))
        self.add(node, SEM.hasEndTimeStamp, _time_text(time.end))
        return node

    def concept_ref(self, text: str) -> ox.NamedNode:
        node = _iri(concept_iri(text))
        self.add(node, RDF.type, KG.Concept)
        self.add(node, RDFS.label, _text(text))
        return node

    def referent(self, slot: _Slot, fact: Fact) -> ox.NamedNode | None:
        """The node a participant names, as the analysis decided (``refers``); None for one
        that names no node (``"unresolved"``: a bare pronoun, number or date; a relative
        time such as "today", which stays the event's ``kg:timeValue``)."""
        place, time = fact.place, fact.time
        if slot.refers == "time":
            return self.time_ref(time) if time is not None and _time_key(time) else None
        named = named_entity(slot, fact)  # type: ignore[arg-type]
        if named is None:
            if slot.refers == "unresolved":
                return None
            return self.concept_ref(slot.concept or slot.text)
        node = self.entity_ref(*named)
        if slot.refers == "place" and place is not None:
            known = self.entities.get(node)
            if KG.Place in _classes(known.type if known is not None else named[1]):
                self.place_data(node, place)  # a person at the fact's place is no kg:Place
        return node

    # -- events and entities ------------------------------------------------------------------

    def event(self, n: int, fact: Fact) -> None:
        ev = _iri(event_iri(self.article.id, n))
        pred = fact.predicate
        lemma = pred.lemma or fact.event_type or pred.text
        self.add(ev, RDF.type, KG.Event)
        if fact.kind == "description":  # as extraction decided (Fact.kind): said once, here
            self.add(ev, RDF.type, KG.Description)
        self.add(ev, KG.eventType, _text(fact.event_type or slug(lemma, sep="_")))
        self.add(ev, KG.predicate, _text(pred.text))
        self.add(ev, KG.lemma, _text(pred.lemma) if pred.lemma else None)
        self.add(ev, RDFS.label, _text(_event_label(fact)))
        self.add(ev, KG.confidence, _decimal(fact.confidence))
        self.add(ev, KG.negated, _TRUE if fact.negated else _FALSE)
        self.add(ev, KG.modality, _text(fact.modality) if fact.modality else None)
        if fact.quantity is not None:
            self.add(ev, KG.quantity, _decimal(fact.quantity))
        self.add(ev, KG.rule, _text(fact.rule) if fact.rule else None)
        self.add(ev, KG.inArticle, self.doc)
        sentence = self.sentence(
            fact.sentence, fact.sentence_text, fact.sentence_start, fact.sentence_end
        )
        self.add(ev, KG.sentence, sentence)
        self.add(ev, KG.predicateSpan, self.mention(pred.text, pred.start, pred.end, fact.sentence))
        if fact.time is not None:
            t = fact.time
            self.add(ev, KG.timeValue, _text(t.value) if t.value else None)
            self.add(ev, SEM.hasTimeStamp, _time_text(t.value))
            self.add(ev, SEM.hasBeginTimeStamp, _time_text(t.begin))
            self.add(ev, SEM.hasEndTimeStamp, _time_text(t.end))

        targets: dict[str, ox.NamedNode] = {}
        for slot in _slots(fact):
            target = self.referent(slot, fact)
            if target is not None:
                self.add(ev, _role(slot.role), target)
                if slot.name is not None:
                    targets.setdefault(slot.name, target)
            span = self.mention(slot.text, slot.start, slot.end, fact.sentence)
            if span is None:
                continue
            self.add(ev, slot.span_property, span)
            if slot.name is not None and slot.name == fact.actor:
                self.add(ev, KG.actorSpan, span)
            self.add(span, KG.refersTo, target)
            self.add(span, KG.role, _text(slot.role))
            self.add(span, KG.preposition, _text(slot.prep) if slot.prep else None)
            self.add(span, KG.entityType, _text(slot.type) if slot.type else None)

        actor = targets.get(fact.actor) if fact.actor else None
        undergoer = targets.get(fact.undergoer) if fact.undergoer else None
        if actor is not None and undergoer is not None and actor != undergoer:
            rel = relation_iri(lemma, fact.negated)
            rel_node = _iri(rel)
            self.add(actor, rel_node, undergoer)
            self.add(rel_node, RDF.type, OWL.ObjectProperty)
            self.add(rel_node, RDFS.subPropertyOf, KG.relation)
            self.add(rel_node, RDFS.label, _text(rel.split("/")[-1].replace("_", " ")))

    def entity(self, entity: Entity) -> None:
        node = _entity_node(entity.name, entity.type)
        for cls in _classes(entity.type):
            self.add(node, RDF.type, cls)
        self.label_entity(node, entity.name)
        if entity.type:
            self.add(node, KG.entityType, _text(entity.type))
        for alias in entity.aliases:
            if alias != entity.name:
                self.add(node, SKOS.altLabel, _text(alias))
        if entity.place is not None:
            self.place_data(node, entity.place)
        self.add(self.doc, KG.mentions, node)
        for m in entity.mentions:
            if m.doc and m.doc != self.article.id:
                continue  # a mention of another article belongs to that article's graph
            span = self.mention(m.text, m.start, m.end, m.sentence)
            if span is None:
                continue
            self.add(span, KG.refersTo, node)
            self.add(span, KG.corefRule, _text(m.rule) if m.rule else None)
            self.add(span, KG.entityType, _text(m.type) if m.type else None)


def _settled(fact: Fact) -> Fact:
    """An analysed fact as it is; one made by hand or by a plugin settled as the analysis
    settles its own (:func:`kg.resolve.settle_participants`), so it means the same."""
    if all(slot.refers is not None for _, slot in fact.slots()) and (
        fact.actor is not None or fact.subject is None
    ):
        return fact
    from kg.resolve import settle_participants

    return settle_participants(fact)


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph as pyoxigraph terms: what :mod:`kg.rdf` hands :mod:`kg.store`.

    ``triples`` are distinct, in the order they were made (deterministic). ``entity_labels``
    maps the IRI of each entity the graph types ``kg:Entity`` to the names it gives that
    entity here (its one ``rdfs:label`` and any ``skos:altLabel`` of another spelling).

    >>> from kg.model import AnalysedArticle, Article
    >>> g = article_rdf(AnalysedArticle(Article(id="a1", text="", title="T", place="Minsk"), ()))
    >>> g.statements()[2]
    '<https://w3id.org/kg-news/id/article/a1> <http://purl.org/dc/terms/title> "T"'
    >>> g.entity_labels
    {'https://w3id.org/kg-news/id/entity/place/minsk': frozenset({'Minsk'})}
    """

    name: ox.NamedNode
    triples: tuple[tuple[Term, Term, Term], ...]
    entity_labels: dict[str, frozenset[str]]

    def statements(self) -> list[str]:
        """Each triple in N-Triples syntax without its closing dot: what a store loads, made
        here, at the edge (pyoxigraph writes and escapes every term)."""
        written: dict[Term, str] = {}  # a graph names each node many times: write it once

        def text(term: Term) -> str:
            found = written.get(term)
            if found is None:
                found = written[term] = str(term)
            return found

        return [f"{text(s)} {text(p)} {text(o)}" for s, p, o in self.triples]

    def rdflib_triples(self) -> list[Triple]:
        """The triples as rdflib terms (each distinct term converted once)."""
        seen: dict[Term, Node] = {}

        def term(t: Term) -> Node:
            node = seen.get(t)
            if node is None:
                node = seen[t] = from_ox(t)
            return node

        return [(term(s), term(p), term(o)) for s, p, o in self.triples]


def article_rdf(analysed: AnalysedArticle) -> ArticleGraph:
    """One analysed article's named graph: the one RDF writer (a build's store write).

    >>> from kg.model import AnalysedArticle, Article
    >>> len(article_rdf(AnalysedArticle(Article(id="a1", text="", title="T"), ())).triples)
    3
    """
    article, entities = analysed.article, analysed.entities
    b = _Builder(article, entities)
    b.article_node()
    for n, fact in enumerate(analysed.facts):
        b.event(n, _settled(fact))
    for entity in entities:  # values are no entities (kg.resolve.names.names_an_entity)
        b.entity(entity)
    labels = {node: frozenset(names) for node, names in b.entity_labels.items()}
    return ArticleGraph(_iri(article_iri(article.id)), tuple(b.triples), labels)


def article_triples(
    article: Article, facts: Sequence[Fact], entities: Sequence[Entity] = ()
) -> list[Triple]:
    """The triples of one article's named graph as rdflib terms: distinct ``(s, p, o)`` tuples.

    The triples of :func:`article_rdf`, in its order, without building an rdflib ``Graph``
    (which costs ~15 µs per triple). ``facts`` may be made by hand: they are settled as the
    analysis settles its own.

    >>> from kg.model import Article
    >>> a = Article(id="a1", text="", title="T")
    >>> [(p.split("/")[-1], str(o)) for _, p, o in article_triples(a, [])][1:]
    [('identifier', 'a1'), ('title', 'T')]
    """
    analysed = AnalysedArticle(article, tuple(facts), tuple(entities))
    return article_rdf(analysed).rdflib_triples()


def triples_graph(triples: Iterable[Triple], identifier: URIRef | None = None) -> Graph:
    """An rdflib ``Graph`` (project prefixes bound) holding ``triples``."""
    g = bind_namespaces(Graph(identifier=identifier, bind_namespaces="core"))
    # Straight to the store, as Graph.add does after checking each term is an rdflib Node
    # (the builder makes nothing else); the Memory store's indexing is most of the cost.
    add = g.store.add
    for triple in triples:
        add(triple, g)
    return g


def article_graph(
    article: Article, facts: Sequence[Fact], entities: Sequence[Entity] = ()
) -> Graph:
    """All triples of one article's named graph; the graph's identifier is the article IRI.

    Args:
        article: the article (its ``text`` is the one all offsets index).
        facts: its facts, in extraction order; fact ``n`` becomes event ``id/event/<id>/<n>``.
        entities: its resolved entities (canonical name, type, aliases, mentions).

    Returns:
        An in-memory :class:`rdflib.Graph` with the project prefixes bound. For speed, use
        :func:`article_triples` where a plain list of triples will do (a store write).

    >>> from kg.model import Article, Fact, Predicate, Span
    >>> a = Article(id="a1", text="Belarus frees prisoners", title="Belarus frees prisoners")
    >>> f = Fact("a1", 0, a.text, 0, 23, predicate=Predicate("frees", 8, 13, lemma="free"),
    ...          subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
    ...          object=Span("prisoners", 14, 23))
    >>> g = article_graph(a, [f])
    >>> from kg.vocab import REL
    >>> [(s.split("/")[-1], o.split("/")[-1]) for s, o in g.subject_objects(REL.free)]
    [('belarus', 'prisoners')]
    """
    return triples_graph(article_triples(article, facts, entities), article_iri(article.id))
