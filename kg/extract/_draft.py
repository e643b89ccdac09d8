"""The draft a rule fills in, and its conversion into a :class:`kg.model.Fact`.

Rules speak in tokens (a verb, the token range of each argument); :func:`draft_to_fact`
turns those into character offsets in the article, entity labels, time and place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kg.model import Argument, Fact, Place, Role, Span, TimeValue

if TYPE_CHECKING:
    from kg.model import Article
    from kg.parse import EntityView, ParsedSegment, Token

__all__ = ["Part", "Draft", "SentenceContext", "draft_to_fact"]

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


def _span(part: Part, ctx: SentenceContext, lemma: str | None = None) -> Span:
    text, start, end, entity, label = _phrase(part, ctx)
    return Span(
        text=text, start=start, end=end, entity=entity, type=label, role=part.role, lemma=lemma
    )


def _phrase(part: Part, ctx: SentenceContext) -> tuple[str, int, int, str | None, str | None]:
    """The text and article offsets of a part, and the name and label of its entity."""
    start, end = _chars(part.start, part.end, ctx)
    ent = ctx.ents.get(part.head.i)
    if ent is None:
        return ctx.article.text[start:end], start, end, None, None
    return ctx.article.text[start:end], start, end, ent.text, ent.label_


def _chars(i: int, j: int, ctx: SentenceContext) -> tuple[int, int]:
    doc = ctx.doc
    return doc[i].idx + ctx.offset, doc[j - 1].idx + len(doc[j - 1].text) + ctx.offset


def draft_to_fact(d: Draft, ctx: SentenceContext) -> Fact:
    """Turn a draft into a fact with offsets into ``ctx.article.text``."""
    pred_toks = sorted(set(d.pred), key=lambda t: t.i)
    if pred_toks:
        p_start = pred_toks[0].idx + ctx.offset
        p_end = pred_toks[-1].idx + len(pred_toks[-1].text) + ctx.offset
        text = d.pred_text or " ".join(t.text for t in pred_toks)
    else:
        # an implicit relation sits where the two phrases meet
        p_start = p_end = _chars(d.subject.start, d.subject.end, ctx)[1] if d.subject else 0
        text = d.pred_text or d.lemma
    predicate = Span(text=text, start=p_start, end=p_end, lemma=d.lemma)
    args = sorted(d.args, key=lambda p: p.start)
    arguments = []
    for a in args:
        text, start, end, entity, label = _phrase(a, ctx)
        arguments.append(
            Argument(
                role=a.role, text=text, start=start, end=end, entity=entity, type=label, prep=a.prep
            )
        )
    time = place = None
    for part in ([d.object] if d.object else []) + args:
        s, e = _chars(part.start, part.end, ctx)
        ent = ctx.ents.get(part.head.i)
        if time is None and part.role == Role.TIME:
            time = TimeValue(text=ctx.article.text[s:e], start=s, stop=e)
        if (
            place is None
            and part.role in (Role.LOCATION, Role.GOAL, Role.SOURCE)
            and ent is not None
            and ent.label_ in PLACE_LABELS
        ):
            ps, pe = ent.start_char + ctx.offset, ent.end_char + ctx.offset
            place = Place(name=ent.text, start=ps, end=pe)
    sentence_text, sentence_start, sentence_end = ctx.sentence
    return Fact(
        doc=ctx.article.id,
        sentence=ctx.index,
        sentence_text=sentence_text,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        predicate=predicate,
        subject=_span(d.subject, ctx) if d.subject else None,
        object=_span(d.object, ctx) if d.object else None,
        arguments=tuple(arguments),
        time=time,
        place=place,
        quantity=d.quantity,
        negated=d.negated,
        modality=d.modality,
        event_type=d.event_type,
        attributed_to=_span(d.attributed_to, ctx) if d.attributed_to else None,
        rule=d.rule,
        confidence=round(d.confidence, 4),
    )
