"""Reports: what the identity step knows of each event of an article, read from its RDF.

A report is one ``kg:Event`` of one article graph. Everything the linking reads of it comes
from the triples of that graph, through :func:`reports_from_triples`, whether the triples are
an article being built (:class:`kg.rdf.ArticleGraph`) or read back from a store: a build, a
later build and ``kg extract`` see the same reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.identity._classes import event_class, is_description
from kg.vocab import DCTERMS, ID, KG, NIF, RDF, RDFS, SEM

__all__ = ["Report", "ArticleInfo", "reports_from_triples"]

#: Role property IRI → role name, for the roles that name a participant.
_ROLES = {
    str(getattr(KG, name)): name
    for name in (
        "agent", "patient", "recipient", "theme", "beneficiary", "companion", "possessor",
        "attributedTo", "source", "goal", "topic", "cause", "purpose", "attribute",
        "instrument", "argument", "location",
    )
}  # fmt: skip
_ENTITY = str(ID["entity/"])
_PLACE = str(ID["entity/place/"])
_CONCEPT = str(ID["concept/"])
_TIME_NODE = str(ID["time/"])


@dataclass(frozen=True)
class ArticleInfo:
    """What a report's article adds: its IRI, id, publication date and the entities it names."""

    iri: str
    id: str
    published: str | None
    entities: frozenset[str]


@dataclass(frozen=True)
class Report:
    """One event of one article, as the identity step sees it.

    ``roles`` holds ``(role, IRI)`` for every participant that is an entity or a concept
    (places included, under their own role); ``wordings`` ``(role, phrase)`` for each concept
    participant, the phrase as written (case-folded): a concept node is a kind, one across
    articles ("prisoner"), so two reports share a concept only in the same words ("123
    prisoners"); ``time`` the event's ISO stamp (its own, or the
    start of its interval) and ``time_node`` the ``sem:Time`` node; ``places`` the place
    entities it happens at.
    """

    iri: str
    article: ArticleInfo
    n: int
    event_type: str
    event_class: str
    label: str
    sentence: int
    roles: frozenset[tuple[str, str]]
    time: str | None
    time_literal: object | None  # its sem:hasTimeStamp as the store holds it (a typed literal)
    time_node: str | None
    negated: bool
    rule: str
    wordings: frozenset[tuple[str, str]] = frozenset()

    @property
    def key(self) -> tuple[str, str, int]:
        """Sort key: the earliest dated article first, then article id and event number (a
        report of an undated article comes after every dated one)."""
        return (self.article.published or "9999", self.article.id, self.n)

    @property
    def entities(self) -> frozenset[str]:
        """The entity IRIs among the participants (places too)."""
        return frozenset(iri for _role, iri in self.roles if iri.startswith(_ENTITY))

    def role_entities(self, role: str) -> frozenset[str]:
        """The entities in one role ("agent", "patient", ...)."""
        return frozenset(i for r, i in self.roles if r == role and i.startswith(_ENTITY))

    @property
    def places(self) -> frozenset[str]:
        """The place entities the report puts the event at."""
        return frozenset(i for r, i in self.roles if r == "location" and i.startswith(_PLACE))


def _value(term: object) -> str:
    """The lexical value of an rdflib or pyoxigraph term."""
    if type(term) is str:  # rows read back as plain text (GraphStore.select_values)
        return term
    value = getattr(term, "value", None)
    return str(value) if isinstance(value, str) else str(term)


def reports_from_triples(triples: Iterable[tuple[object, object, object]]) -> list[Report]:
    """The reports in the triples of one or more article graphs (rdflib or pyoxigraph terms),
    in order of article and event number. A description ("Belarus is an ally of Russia",
    :func:`kg.identity._classes.is_description`) is no report: it gets no happening.

    >>> from kg.model import AnalysedArticle, Article, Fact, Predicate, Span
    >>> from kg.rdf import article_rdf
    >>> a = Article(id="a1", text="Belarus frees prisoners", title="Belarus frees prisoners")
    >>> f = Fact("a1", 0, a.text, 0, 23, predicate=Predicate("frees", 8, 13, lemma="free"),
    ...          subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"))
    >>> [r] = reports_from_triples(article_rdf(AnalysedArticle(a, (f,))).triples)
    >>> r.event_class, sorted(r.roles)
    ('release', [('agent', 'https://w3id.org/kg-news/id/entity/place/belarus')])
    """
    events: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    articles: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    is_event: set[str] = set()
    event_class_iri, article_class = str(KG.Event), str(KG.Article)
    wanted_article = {str(DCTERMS.identifier), str(DCTERMS.date), str(KG.mentions)}
    rdf_type = str(RDF.type)  # once: an rdflib namespace attribute costs a lookup each time
    for s, p, o in triples:
        subject, predicate = _value(s), _value(p)
        if predicate == rdf_type:
            if _value(o) == event_class_iri:
                is_event.add(subject)
            elif _value(o) == article_class:
                articles[subject]  # noqa: B018  (an article with no further triples)
            continue
        if predicate in wanted_article:
            articles[subject][predicate].append(o)
        else:
            events[subject][predicate].append(o)
    infos = {iri: _article_info(iri, props) for iri, props in articles.items()}
    out = [_report(iri, events[iri], infos, events) for iri in is_event]
    return sorted(
        (r for r in out if r is not None and not is_description(r.event_type)),
        key=lambda r: (r.article.iri, r.n),
    )


def _article_info(iri: str, props: dict[str, list[object]]) -> ArticleInfo:
    ident = props.get(str(DCTERMS.identifier))
    dates = props.get(str(DCTERMS.date))
    return ArticleInfo(
        iri,
        _value(ident[0]) if ident else iri.rsplit("/", 1)[-1],
        min(_value(d) for d in dates) if dates else None,
        frozenset(_value(m) for m in props.get(str(KG.mentions), ())),
    )


_SPANS = (str(KG.subjectSpan), str(KG.objectSpan), str(KG.argumentSpan))


def _wordings(
    props: dict[str, list[object]],
    roles: set[tuple[str, str]],
    spans: dict[str, dict[str, list[object]]],
) -> frozenset[tuple[str, str]]:
    """``(role, phrase)`` for each concept participant: the words its span reads."""
    role_of = {iri: role for role, iri in sorted(roles) if iri.startswith(_CONCEPT)}
    found: set[tuple[str, str]] = set()
    for p in _SPANS:
        for span in props.get(p, ()):
            span_props = spans.get(_value(span), {})
            for ref in span_props.get(str(KG.refersTo), ()):
                role = role_of.get(_value(ref))
                if role is None:
                    continue
                for anchor in span_props.get(str(NIF.anchorOf), ()):
                    found.add((role, " ".join(_value(anchor).casefold().split())))
    return frozenset(found)


def _report(
    iri: str,
    props: dict[str, list[object]],
    infos: dict[str, ArticleInfo],
    spans: dict[str, dict[str, list[object]]],
) -> Report | None:
    def first(p: object) -> object | None:
        values = props.get(str(p))
        return min(values, key=_value) if values else None

    article_node = first(KG.inArticle)
    if article_node is None:
        return None
    article_iri = _value(article_node)
    article = infos.get(article_iri) or ArticleInfo(
        article_iri, article_iri.rsplit("/", 1)[-1], None, frozenset()
    )
    event_type = _value(first(KG.eventType) or first(KG.lemma) or "event")
    roles: set[tuple[str, str]] = set()
    for p, values in props.items():
        role = _ROLES.get(p)
        if role is None:
            continue
        for v in values:
            target = _value(v)
            if target.startswith((_ENTITY, _CONCEPT)):
                roles.add((role, target))
    stamp = first(SEM.hasTimeStamp)
    begin = stamp if stamp is not None else first(SEM.hasBeginTimeStamp)
    times = [_value(t) for t in props.get(str(KG.time), ()) if _value(t).startswith(_TIME_NODE)]
    sentence = first(KG.sentence)
    negated = first(KG.negated)
    try:
        n = int(iri.rsplit("/", 1)[-1])
        index = int(_value(sentence).rsplit("/", 1)[-1]) if sentence is not None else 0
    except ValueError:
        n, index = 0, 0
    return Report(
        iri=iri,
        article=article,
        n=n,
        event_type=event_type,
        event_class=event_class(event_type),
        label=_value(first(RDFS.label) or event_type),
        sentence=index,
        roles=frozenset(roles),
        time=_value(begin) if begin is not None else None,
        time_literal=stamp,
        time_node=min(times) if times else None,
        negated=negated is not None and _value(negated) == "true",
        rule=_value(first(KG.rule) or ""),
        wordings=_wordings(props, roles, spans),
    )
