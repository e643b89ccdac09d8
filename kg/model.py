"""Plain data passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses; no stage reaches into another's
internals. Character offsets always index :attr:`Article.text`, the article's original text.

>>> a = Article(id="a1", text="Belarus frees prisoners", title="Belarus frees prisoners")
>>> a.text[0:7]
'Belarus'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

__all__ = [
    "FACT_KINDS",
    "Role",
    "Article",
    "Segment",
    "Span",
    "Predicate",
    "Argument",
    "Fact",
    "Mention",
    "Entity",
    "Place",
    "TimeValue",
    "AnalysedArticle",
    "fact_to_dict",
    "fact_from_dict",
]


class Role(StrEnum):
    """A participant's semantic role in an event: the one list of roles `kg` uses.

    Extraction assigns these, RDF writes each as the ontology property of the same name
    (``kg:agent`` ... ``kg:attributedTo``, every one a sub-property of ``kg:argument``, one
    to one: a test checks ``ontologies/kg.ttl``), and analyses read them back by that name.
    A ``Role`` is a ``str``, so JSON holds its value:

    >>> Role.COMPANION, Role("attributedTo") is Role.ATTRIBUTED_TO
    (<Role.COMPANION: 'companion'>, True)
    """

    AGENT = "agent"  # who acts: "Belarus frees ...", "... was freed by Belarus"
    PATIENT = "patient"  # who or what undergoes it: the direct object, a passive subject
    THEME = "theme"  # what is talked about or moved: "talks on sanctions"
    RECIPIENT = "recipient"  # "handed over to Ukraine" (a named or personal recipient)
    GOAL = "goal"  # an end point: "deported to Lithuania", "into talks"
    SOURCE = "source"  # a starting point: "released from prison"
    COMPANION = "companion"  # "along with 113 prisoners", "talks with the US envoy"
    INSTRUMENT = "instrument"  # "with a hammer"
    BENEFICIARY = "beneficiary"  # "for the prisoners"
    TOPIC = "topic"
    CAUSE = "cause"
    PURPOSE = "purpose"
    ATTRIBUTE = "attribute"  # "served as president", a copular complement
    POSSESSOR = "possessor"  # "Lukashenko's regime"
    LOCATION = "location"  # "in Minsk"
    TIME = "time"  # "since 2020", "on Sunday"
    ATTRIBUTED_TO = "attributedTo"  # the speaker of reported speech
    ARGUMENT = "argument"  # a participant with no more specific role ("the talks behind it")


@dataclass(frozen=True)
class Segment:
    """A stretch of :attr:`Article.text` to be parsed: the headline or one paragraph body.

    ``kind`` is ``"title"`` or ``"body"``. Datelines, photo credits and boilerplate lie outside
    every segment, so they never become facts.
    """

    start: int
    end: int
    kind: str = "body"


@dataclass(frozen=True)
class Article:
    """One news article as read by :mod:`kg.ingest`.

    ``text`` is the original text (the decoded file for .txt/.md, the record's ``text`` for
    JSON, the extracted main text for HTML); ``segments`` say which parts of it are content.
    """

    id: str
    text: str
    title: str = ""
    segments: tuple[Segment, ...] = ()
    published: date | None = None
    place: str | None = None  # dateline place, e.g. "Vilnius"
    agency: str | None = None  # dateline agency, e.g. "IANS"
    url: str | None = None
    source: str | None = None  # publisher or file path it came from
    path: str | None = None  # file the article was read from

    def content_segments(self) -> tuple[Segment, ...]:
        """The segments to parse; the whole text when ingest gave none."""
        return self.segments or (Segment(0, len(self.text), "body"),)


@dataclass(frozen=True)
class Span:
    """A piece of the article text: ``article.text[start:end] == text`` for arguments.

    ``entity`` is the canonical entity name the span refers to (or None), ``type`` its label
    (the resolved entity's type, else spaCy's NER label), ``role`` its semantic role in the
    event. ``head`` is where the phrase's head word lies: the named entity holding it, else
    the word itself.
    ``refers`` says what the participant names, as the analysis decided: ``"entity"``,
    ``"place"`` (the fact's :attr:`Fact.place`), ``"time"`` (the fact's :attr:`Fact.time`),
    ``"concept"`` (a phrase that names none of these) or ``"unresolved"`` (a bare pronoun with
    no antecedent found, a bare number or date: no node, the text stays on the span); None
    before the analysis.
    ``prep`` is the preposition that introduced an object the relation took in ("since" in
    "has been imprisoned since ; 2020"), None for a direct object or a subject.
    """

    text: str
    start: int
    end: int
    entity: str | None = None
    type: str | None = None
    role: Role | None = None
    head: tuple[int, int] | None = None
    refers: str | None = None
    prep: str | None = None


@dataclass(frozen=True)
class Predicate:
    """The relation of a fact: the words that express it and their canonical form.

    ``text`` is the relation phrase as written, and may join pieces that are apart in the
    sentence ("agreed to lift ... sanctions on"); ``start``/``end`` cover its whole extent,
    and are None for a relation the sentence implies without a word for it (the "is" of an
    apposition, the "has" of a possessive). ``lemma`` is its canonical form ("lift
    sanctions on"), ``head`` the verb or event noun the fact is about.

    >>> Predicate("is", lemma="be").start is None
    True
    """

    text: str
    start: int | None = None
    end: int | None = None
    lemma: str | None = None
    head: tuple[int, int] | None = None


@dataclass(frozen=True)
class Argument:
    """A further participant of an n-ary fact: prepositional object, time, place, ...

    ``role`` is its semantic role (:class:`Role`: recipient, location, time, theme...);
    ``prep`` the preposition that introduced it, if any ("to", "in", "since"); ``entity``,
    ``type``, ``head`` and ``refers`` as for :class:`Span`.
    """

    role: Role
    text: str
    start: int
    end: int
    entity: str | None = None
    type: str | None = None
    prep: str | None = None
    head: tuple[int, int] | None = None
    refers: str | None = None


@dataclass(frozen=True)
class TimeValue:
    """A normalised time: a TimeML value (an ISO date ``2025-12-14``, month ``2025-12``, year,
    week ``2025-W50``, quarter ``2025-Q1``, ``PRESENT_REF``, a duration ``P5Y`` ...) or an
    interval.

    ``begin``/``end`` are ISO strings for intervals ("since 2020" has begin ``2020``);
    ``type`` is the TimeML type (``DATE``, ``TIME``, ``DURATION``, ``SET``) when a rule read
    the expression.
    """

    text: str
    value: str | None = None
    begin: str | None = None
    end: str | None = None
    start: int | None = None  # offsets of the expression in the article, when it has one
    stop: int | None = None
    type: str | None = None


@dataclass(frozen=True)
class Place:
    """A place with gazetteer identity where known."""

    name: str
    kind: str | None = None  # "country", "city", ...
    iso: str | None = None  # ISO 3166 alpha-2 for countries
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None


#: The kinds of fact (:attr:`Fact.kind`): events, and descriptions of an entity.
FACT_KINDS = ("event", "description")


@dataclass(frozen=True)
class Fact:
    """One extracted fact: an event with subject, predicate, object and further arguments.

    ``sentence`` is the index of the sentence within the article (headline is 0 when
    present); ``sentence_start``/``sentence_end`` locate it in ``Article.text``.
    ``subject`` may be None for agentless passives; ``object`` may be None for intransitives.

    Decided once, by the analysis (:mod:`kg.analyse`): ``time`` and ``place`` (normalised;
    the participant that states them has ``refers`` ``"time"``/``"place"``, and one that no
    participant states, such as a headline's implied date, is the event's all the same);
    ``tense`` (``past``/``present``/``future``) and ``aspect`` (``perfect``,
    ``progressive``) from the verb's tags; ``actor`` and ``undergoer``, the slots
    (:meth:`slots`) of who acts and on whom or what, for the direct relation.

    ``kind`` says what the fact is, as extraction decided (one of :data:`FACT_KINDS`):

    * ``"event"``: what a clause or an event noun states happened or holds ("Belarus frees
      prisoners", "Belarus is a close ally of Russia", "the release of 123 prisoners");
    * ``"description"``: what a noun phrase says of an entity without a clause of its own: an
      apposition ("John Coale, the special envoy" → John Coale ; is ; the special envoy), a
      title ("opposition leader Svetlana Tikhanovskaya"), a possessive ("Belarus's exports"
      → Belarus ; has ; exports) or a location ("countries in Europe"). Descriptions are
      attributes of the entity rather than statements about the world: Open-IE output
      (:func:`kg.extract.open_ie_facts`, ``kg extract --format carb`` and ``--binary``)
      leaves them out unless asked for; the analysis, RDF and the graph keep them.
    """

    doc: str
    sentence: int
    sentence_text: str
    sentence_start: int
    sentence_end: int
    predicate: Predicate
    subject: Span | None = None
    object: Span | None = None
    arguments: tuple[Argument, ...] = ()
    time: TimeValue | None = None
    place: Place | None = None
    quantity: float | None = None
    negated: bool = False
    modality: str | None = None  # None (asserted), "committed", "future", "possible", ...
    event_type: str | None = None  # lemma plus particle, e.g. "hand_over"
    attributed_to: Span | None = None  # who said it, for reported speech
    rule: str = ""
    confidence: float = 0.5
    tense: str | None = None
    aspect: str | None = None
    actor: str | None = None  # a slot name: "subject", "object", "arguments.2", ...
    undergoer: str | None = None
    kind: str = "event"  # "event" or "description": see FACT_KINDS

    def slots(self) -> list[tuple[str, Span | Argument]]:
        """The participants by slot name, in order: subject, object, arguments, speaker.

        >>> f = Fact("a", 0, "US acts on it", 0, 13, Predicate("acts", 3, 7),
        ...          subject=Span("US", 0, 2), arguments=(Argument(Role.THEME, "it", 11, 13),))
        >>> [name for name, _ in f.slots()]
        ['subject', 'arguments.0']
        """
        named: list[tuple[str, Span | Argument | None]] = [
            ("subject", self.subject),
            ("object", self.object),
            *((f"arguments.{k}", a) for k, a in enumerate(self.arguments)),
            ("attributed_to", self.attributed_to),
        ]
        return [(name, slot) for name, slot in named if slot is not None]

    def slot(self, name: str | None) -> Span | Argument | None:
        """The participant in slot ``name`` (as :meth:`slots` names them), or None."""
        return dict(self.slots()).get(name) if name else None


@dataclass(frozen=True)
class Mention:
    """A mention of an entity in an article.

    ``kind`` is what coreference found it as (``"name"``, ``"pronoun"``, ``"nominal"`` or
    ``"extent"``, the whole phrase around a name); ``cluster`` the coreference cluster it is in
    (an id unique within the article: mentions with one cluster corefer); ``head`` the
    offsets of its head word.
    """

    doc: str
    text: str
    start: int
    end: int
    type: str | None = None
    sentence: int | None = None
    rule: str | None = None  # the coreference rule that linked it to its entity, if any
    kind: str | None = None
    cluster: int | None = None
    head: tuple[int, int] | None = None


@dataclass(frozen=True)
class Entity:
    """A real-world thing: canonical name, type, aliases and mentions.

    ``evidence`` is the type evidence coreference weighed over all the entity's mentions
    (type → score: NER labels, titles, first names, gendered pronouns, gazetteer hits), from
    which ``type`` was chosen; ``gender`` that of its person name or pronouns, when known.
    """

    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    place: Place | None = None
    evidence: tuple[tuple[str, float], ...] = ()
    gender: str | None = None


@dataclass(frozen=True)
class AnalysedArticle:
    """Everything the analysis decided about one article: what :func:`kg.analyse.analyse_article`
    returns, and final. RDF, the store, the graph projections and ``kg extract`` only map or
    read it; none re-derives a role, time, place, type or identity.

    ``facts`` in text order (fact ``n`` becomes event ``n``), ``entities`` in order of first
    mention, ``sentences`` the number of sentences parsed, ``times`` every time expression
    found in the parsed text, in text order, each normalised once (TimeML value and type,
    offsets into :attr:`Article.text`; see :func:`kg.resolve.timex.detect_times`). A
    fact's :attr:`Fact.time` is the one of these its time participant overlaps.
    ``mentions`` every mention coreference found (names, pronouns, nominals), each with its
    cluster and head, in text order: what ``kg eval coref`` scores.
    """

    article: Article
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...] = ()
    sentences: int = 0
    times: tuple[TimeValue, ...] = ()
    mentions: tuple[Mention, ...] = ()


def jsonable(obj: Any) -> Any:
    """JSON default for the dates in fact records.

    >>> import json
    >>> json.dumps({"published": date(2025, 12, 14)}, default=jsonable)
    '{"published": "2025-12-14"}'
    """
    if isinstance(obj, date):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """The JSON-ready form of a fact (the ``kg extract --format jsonl`` record).

    >>> f = Fact("a", 0, "US acts", 0, 7, predicate=Predicate("acts", 3, 7, lemma="act"))
    >>> fact_to_dict(f)["predicate"]["lemma"]
    'act'
    """
    return asdict(fact)


def _span(d: dict[str, Any] | None) -> Span | None:
    if not d:
        return None
    role, head = d.get("role"), d.get("head")
    return Span(**{**d, "role": Role(role) if role else None, "head": _pair(head)})


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def fact_from_dict(d: dict[str, Any]) -> Fact:
    """Inverse of :func:`fact_to_dict`.

    >>> f = Fact("a", 0, "US acts", 0, 7, predicate=Predicate("acts", 3, 7, lemma="act"))
    >>> fact_from_dict(fact_to_dict(f)) == f
    True
    """
    data = dict(d)
    pred = data["predicate"]
    data["predicate"] = Predicate(**{**pred, "head": _pair(pred.get("head"))})
    data["subject"] = _span(data.get("subject"))
    data["object"] = _span(data.get("object"))
    data["attributed_to"] = _span(data.get("attributed_to"))
    data["arguments"] = tuple(
        Argument(**{**a, "role": Role(a["role"]), "head": _pair(a.get("head"))})
        for a in data.get("arguments") or ()
    )
    data["time"] = TimeValue(**data["time"]) if data.get("time") else None
    data["place"] = Place(**data["place"]) if data.get("place") else None
    return Fact(**data)
