"""A mention while coreference works on it, and the grammar its finders and the sieves share.

A :class:`MentionDraft` is mutable: mention detection (:mod:`kg.resolve.coref._detect`) fills
it in, the sieves (:mod:`kg.resolve.coref._sieves`) record on it the rule that linked it, and
:func:`kg.resolve.coref.find_clusters` makes the article's frozen
:class:`~kg.model.Mention` from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.resolve.names import words

if TYPE_CHECKING:
    from kg.parse import ParsedSegment

__all__ = [
    "NAME_LABELS",
    "PERSON_NOUNS",
    "PRODUCT_NOUNS",
    "SUBJ_DEPS",
    "MentionDraft",
    "relcl_noun",
]

#: spaCy NER labels whose entities are name mentions.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

# Subject dependency labels (nominal subjects, active and passive).
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})

# Head nouns that make a nominal a person ("the leader") or a product ("the new aircraft").
PERSON_NOUNS = words(
    """leader president minister activist executive chief official spokesman spokeswoman
    spokesperson man woman politician dissident opposition founder chairman ceo director
    envoy diplomat laureate premier chancellor king queen"""
)
PRODUCT_NOUNS = words(
    """aircraft plane airplane aeroplane jet airliner jumbo freighter tanker device phone
    handset player computer laptop product model software system gadget console tablet
    notebook desktop"""
)


@dataclass(slots=True)
class MentionDraft:
    """A mention under construction (mutable while the sieves run)."""

    idx: int
    doc_i: int
    tok_start: int  # token indices in segment doc_i's token layer
    tok_end: int
    head: int  # head token index in that layer
    start: int  # offsets in article.text
    end: int
    text: str
    kind: str  # "name", "pronoun", "nominal", "extent"
    label: str | None  # coarse type
    sent: int
    depth: int
    subject: bool
    number: str | None = None
    gender: str | None = None
    person: int = 3
    quote: int | None = None
    name: str = ""  # cleaned name for names
    head_lemma: str = ""
    definite: bool = False
    rule: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def relcl_noun(p: ParsedSegment, i: int) -> int | None:
    """The noun a relative pronoun's clause modifies ("Tikhanovskaya, who was waiting")."""
    verb = p.head[i]
    while p.dep[verb] not in ("relcl", "ROOT") and p.head[verb] != verb:
        verb = p.head[verb]
    if p.dep[verb] == "relcl" and p.pos[p.head[verb]] in ("NOUN", "PROPN", "PRON"):
        return p.head[verb]
    return None
