"""Relative and participial clauses: the noun they modify is the subject.

A relative pronoun ("who", "which") stands for its antecedent wherever it sits, through
:func:`kg.extract.rules.arguments.part_for`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import SUBJ_DEPS, build_clause, part_for
from kg.extract.rules.passive import is_passive

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract._draft import Draft

__all__ = ["relative_clause", "participle", "adverbial_participle"]

_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def relative_clause(verb: Token) -> list[Draft]:
    """A relative clause with no subject of its own: the antecedent is its subject.

    Written for "an opening under the house that led to a fume-filled coal mine" (after
    the parse makes "that" the subject, :func:`kg.extract.rules.verbs.svo` handles it;
    this rule covers the relative clauses whose pronoun the parser dropped).
    """
    head = verb.head
    if head.pos_ not in _NOMINAL:
        return []
    if any(c.dep_ in SUBJ_DEPS for c in verb.children):
        return []
    if any(c.tag_ == "TO" for c in verb.children):
        return []  # "the first woman to land": an infinitival relative asserts nothing
    pas = is_passive(verb)
    subj = part_for(head, "patient" if pas else "agent")
    return build_clause("relative", verb, [subj], passive=pas, exclude=head)


def participle(verb: Token) -> list[Draft]:
    """A participle modifying a noun: past participles are passive, -ing ones active.

    Written for "the United States agreed to lift certain sanctions imposed on the country"
    → certain sanctions ; imposed on ; the country.
    """
    head = verb.head
    if head.pos_ not in _NOMINAL or verb.tag_ not in ("VBN", "VBG"):
        return []
    if any(c.dep_ in ("aux", "mark") for c in verb.children):
        return []  # infinitival "the right to vote"
    pas = verb.tag_ == "VBN"
    subj = part_for(head, "patient" if pas else "agent")
    return build_clause("participle", verb, [subj], passive=pas, exclude=head)


def adverbial_participle(verb: Token) -> list[Draft]:
    """A participial adjunct that takes the main clause's subject.

    Written for "Maria Kolesnikova has been imprisoned since 2020, spending much of that
    time in isolation" → Maria Kolesnikova ; spending ; much of that time ; in isolation.
    """
    from kg.extract.rules.conjunction import clause_subject

    if verb.tag_ not in ("VBG", "VBN") or any(
        c.dep_ in ("mark", "aux", "nsubj", "nsubjpass") for c in verb.children
    ):
        return []
    subj, _ = clause_subject(verb.head)
    if subj is None:
        return []
    pas = verb.tag_ == "VBN"
    return build_clause(
        "participle",
        verb,
        [part_for(subj, "patient" if pas else "agent", split_coord=True)],
        passive=pas,
        exclude=subj,
    )
