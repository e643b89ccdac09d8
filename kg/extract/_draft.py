"""The draft a rule fills in, and its conversion into a :class:`kg.model.Fact`.

Rules speak in tokens (a verb, the token range of each argument); :func:`draft_to_fact`
turns those into character offsets in the article, entity labels, heads, tense and aspect.
Which participant is the fact's time or place is decided later, once, by
:func:`kg.resolve.annotate_time_place`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kg.model import Argument, Fact, Predicate, Role, Span

if TYPE_CHECKING:
    from kg.model import Article
    from kg.parse import EntityView, ParsedSegment, Token

__all__ = ["Part", "Draft", "SentenceContext", "draft_to_fact", "event_draft"]

#: Entity labels that make an argument a place, and those that make it a time.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass(slots=True)
class Part:
    """One argument: the token range ``[start, end)`` of its phrase, its head and role."""

    start: int
    end: int
    head: Token
    role: Role
    prep: str | None = None  # "to", "along with"; None for subjects and direct objects
    prep_tokens: list[Token] = field(default_factory=list)  # the preposition's own tokens


@dataclass(slots=True)
class Draft:
    """What a rule found in one clause, still in token terms."""

    rule: str
    anchor: Token  # the verb (or copular noun) the fact is about, for ordering and features
    pred: list[Token]  # the relation phrase's tokens ("has", "agreed", "to", "lift")
    lemma: str  # canonical relation ("lift sanctions on")
    event_type: str | None
    subject: Part | None
    object: Part | None = None
    args: list[Part] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None
    quantity: float | None = None
    attributed_to: Part | None = None
    features: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.5
    pred_text: str | None = None  # a relation not in the text ("is" for an apposition)
    kind: str = "event"  # "description" for what a noun phrase says of an entity
    example: Part | None = None  # the "such as" example this draft is about, if any


def event_draft(
    rule: str,
    anchor: Token,
    pred: list[Token],
    event_type: str,
    *,
    subject: Part | None = None,
    object: Part | None = None,
    args: list[Part] | None = None,
    negated: bool = False,
    quantity: float | None = None,
) -> list[Draft]:
    """The one draft of an event-mention rule (a word reporting that something happened):
    its lemma is the event type in words ("take_off" → "take off").

    Shared by :mod:`kg.extract.rules.event_mentions` (``verb_event``, ``noun_event``,
    ``state_event``) and :func:`kg.extract.rules.nominal_events.nominal_event`.

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> layer = parse_text("The jet took off.", load_model()).segments[0]
    >>> [d.lemma for d in event_draft("verb_event", layer[2], [layer[2], layer[3]], "take_off")]
    ['take off']
    """
    return [
        Draft(
            rule=rule,
            anchor=anchor,
            pred=pred,
            lemma=event_type.replace("_", " "),
            event_type=event_type,
            subject=subject,
            object=object,
            args=args or [],
            negated=negated,
            quantity=quantity,
        )
    ]


@dataclass
class SentenceContext:
    """Where a sentence lies: the article, its token layer, its index and entity lookup."""

    article: Article
    doc: ParsedSegment
    index: int  # the sentence's number in the article (the headline is 0)
    sent: tuple[int, int]  # its token range in ``doc``
    ents: dict[int, EntityView]  # token index -> the named entity covering it

    @property
    def offset(self) -> int:
        """Where the sentence's segment starts: ``token.idx + offset`` indexes the article."""
        return self.doc.offset

    @cached_property
    def sentence(self) -> tuple[str, int, int]:
        """The sentence's text, start and end in the article."""
        doc = self.doc
        start, end = doc.idx[self.sent[0]], doc.end[self.sent[1] - 1]
        return doc.text[start:end], start + self.offset, end + self.offset


def _span(part: Part, ctx: SentenceContext, *, prep: bool = False) -> Span:
    text, start, end, entity, label, head = _phrase(part, ctx)
    return Span(
        text, start, end, entity=entity, type=label, role=part.role, head=head,
        prep=part.prep if prep else None,
    )  # fmt: skip


def _phrase(
    part: Part, ctx: SentenceContext
) -> tuple[str, int, int, str | None, str | None, tuple[int, int]]:
    """The text and article offsets of a part, the name and label of its entity, and where its
    head lies (the named entity holding the head word, else the word)."""
    start, end = _chars(part.start, part.end, ctx)
    ent = ctx.ents.get(part.head.i)
    text = ctx.article.text[start:end]
    if ent is None:
        return text, start, end, None, None, _chars(part.head.i, part.head.i + 1, ctx)
    head = (ent.start_char + ctx.offset, ent.end_char + ctx.offset)
    return text, start, end, ent.text, ent.label_, head


def _chars(i: int, j: int, ctx: SentenceContext) -> tuple[int, int]:
    doc = ctx.doc
    return doc[i].idx + ctx.offset, doc[j - 1].idx + len(doc[j - 1].text) + ctx.offset


def draft_to_fact(d: Draft, ctx: SentenceContext) -> Fact:
    """Turn a draft into a fact with offsets into ``ctx.article.text``."""
    pred_toks = sorted(set(d.pred), key=lambda t: t.i)
    anchor = _chars(d.anchor.i, d.anchor.i + 1, ctx)
    if pred_toks:
        p_start: int | None = pred_toks[0].idx + ctx.offset
        p_end: int | None = pred_toks[-1].idx + len(pred_toks[-1].text) + ctx.offset
        text = d.pred_text or " ".join(t.text for t in pred_toks)
    else:  # a relation no word states ("is" for an apposition): no offsets to give
        p_start = p_end = None
        text = d.pred_text or d.lemma
    predicate = Predicate(text, p_start, p_end, lemma=d.lemma, head=anchor)
    arguments = []
    for a in sorted(d.args, key=lambda p: p.start):
        text, start, end, entity, label, head = _phrase(a, ctx)
        arguments.append(Argument(a.role, text, start, end, entity, label, a.prep, head))
    tense, aspect = clause_tense(d.anchor)
    sentence_text, sentence_start, sentence_end = ctx.sentence
    return Fact(
        doc=ctx.article.id,
        sentence=ctx.index,
        sentence_text=sentence_text,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        predicate=predicate,
        subject=_span(d.subject, ctx) if d.subject else None,
        object=_span(d.object, ctx, prep=True) if d.object else None,
        arguments=tuple(arguments),
        quantity=d.quantity,
        negated=d.negated,
        modality=d.modality,
        event_type=d.event_type,
        attributed_to=_span(d.attributed_to, ctx) if d.attributed_to else None,
        rule=d.rule,
        confidence=round(d.confidence, 4),
        tense=tense,
        aspect=aspect,
        kind=d.kind,
    )


def clause_tense(anchor: Token) -> tuple[str | None, str | None]:
    """Tense and aspect of the clause a fact is read from, from the tags of its verbs.

    A verb under a control verb takes the tense of the top one ("has agreed to lift" is
    present perfect); a fact anchored on a noun has none.
    """
    verb = anchor
    while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    return verb.doc.tense(verb.i)
