"""Relative and participial clauses: the noun they modify is the subject.

A relative pronoun ("who", "which") stands for its antecedent wherever it sits, through
:func:`kg.extract.rules.arguments.part_for`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import SUBJ_DEPS, antecedent, build_clause, part_for
from kg.extract.rules.passive import is_passive
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = [
    "adverbial_participle",
    "gerund_clause",
    "bare_participle",
    "participle",
    "participle_host",
    "reduced_participle",
    "relative_clause",
]

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
    if any(c.tag_ == "TO" for c in verb.children) and not _ranked_complement(head):
        return []  # "a house to rent", "the right to vote": an infinitive asserts nothing
    pas = is_passive(verb)
    head = antecedent(verb)
    subj = part_for(head, Role.PATIENT if pas else Role.AGENT)
    return build_clause("relative", verb, [subj], passive=pas, exclude=head)


#: Words that rank the noun an infinitival relative describes: what it did, it did.
_RANKS = frozenset(
    {"first", "only", "last", "second", "third", "fourth", "fifth", "sole", "next"}
)


def _ranked_complement(noun: Token) -> bool:
    """Whether ``noun`` is a ranked copular complement, so that its infinitival relative
    states what the subject did.

    Construction: "X was (became) the first/only/last N to V". Written for "She was the first
    woman to fly across the Atlantic." → She ; to fly across ; the Atlantic.
    """
    if noun.dep_ != "attr" or noun.head.lemma_ not in ("be", "become"):
        return False
    return any(
        c.dep_ == "amod" and (c.lower_ in _RANKS or c.tag_ == "JJS") for c in noun.children
    )


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
    head = antecedent(verb)
    subj = part_for(head, Role.PATIENT if pas else Role.AGENT)
    return build_clause("participle", verb, [subj], passive=pas, exclude=head)


def bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary, subordinator, passive subject or object of its
    own: "released" in "prisoners, released and deported from Belarus"."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "mark", "dobj", "nsubjpass", "csubjpass")
        for c in verb.children
    )


def participle_host(verb: Token) -> Token | None:
    """The noun a bare past participle describes, for it and for the participles coordinated
    after it ("released and deported": both describe the prisoners).

    The noun is the one the first participle modifies, or, when the parse hung that
    participle elsewhere (as a conjunct or complement of a distant verb, even with a distant
    subject), the noun phrase it directly follows, at most a comma between: in "... for
    welcoming 109 political prisoners, our heroes, released and deported from Belarus" the
    heroes were released and deported, not the speaker's addressee.
    """
    if not bare_participle(verb):
        return None
    first = verb
    while first.dep_ == "conj" and bare_participle(first.head):
        first = first.head
    if first.dep_ == "acl":
        return first.head if first.head.pos_ in _NOMINAL else None
    doc = first.doc
    k = first.i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or first.i - k > 2:
        return None
    prev = doc[k]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ in ("compound", "poss", "nmod"):
        return None
    if prev.head.i == first.i and prev.dep_ not in ("nsubj", "nsubjpass"):
        return None  # a noun the participle itself governs ("... found Monday")
    return prev


def reduced_participle(verb: Token) -> list[Draft]:
    """A bare past participle (or a conjunct of one) the parse did not attach to its noun:
    the noun is its patient.

    Written for "... for welcoming 109 political prisoners, our heroes, released and deported
    from Belarus" → our heroes ; deported from ; Belarus (patient our heroes).
    """
    host = participle_host(verb)
    if host is None:
        return []
    subj = part_for(host, Role.PATIENT)
    return build_clause("participle", verb, [subj], passive=True, exclude=host)


def adverbial_participle(verb: Token) -> list[Draft]:
    """A participial or purpose adjunct that takes the main clause's subject.

    Written for "Maria Kolesnikova has been imprisoned since 2020, spending much of that
    time in isolation" → Maria Kolesnikova ; spending ; much of that time ; in isolation,
    and "three members of his cabinet will lead a mission to Poland to gauge how ..." →
    three members of his cabinet ; to gauge ; how ....
    """
    from kg.extract.rules.conjunction import clause_subject

    infinitive = verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children)
    if not (verb.tag_ in ("VBG", "VBN") or infinitive) or any(
        c.dep_ in ("mark", "nsubj", "nsubjpass") or (c.dep_ == "aux" and c.tag_ != "TO")
        for c in verb.children
    ):
        return []
    if infinitive and (verb.head.pos_ != "VERB" or verb.head.lemma_ == "be"):
        return []  # "we are one step closer to change": not a purpose of an action
    subj = _for_subject(verb) if infinitive else None
    if subj is None:
        subj, _ = clause_subject(verb.head)
    if subj is None:
        return []
    pas = verb.tag_ == "VBN"
    return build_clause(
        "participle",
        verb,
        [part_for(subj, Role.PATIENT if pas else Role.AGENT, split_coord=True)],
        passive=pas,
        exclude=subj,
    )


def _for_subject(verb: Token) -> Token | None:
    """The subject of an infinitive introduced by "for NP", which the parse hung on the
    main verb as a prepositional object.

    Construction: "V for NP to VP". Written for "The deal calls for Acme to buy the
    plant." → Acme ; to buy ; the plant, not "The deal ; to buy".
    """
    to = next((c for c in verb.children if c.tag_ == "TO"), None)
    if to is None:
        return None
    for prep in verb.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "for" or prep.i > to.i:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.right_edge.i == to.i - 1:
            return obj
    return None


#: Prepositions whose gerund clause is an action of the main clause's subject ("after giving").
_GERUND_PREPS = frozenset(
    {"after", "before", "by", "without", "while", "upon", "on", "since", "through", "in",
     "despite", "besides", "instead"}
)  # fmt: skip


def gerund_clause(verb: Token) -> list[Draft]:
    """A gerund after a preposition of the main verb: its subject is the main clause's.

    Construction: "V ... P V-ing ..." (an adverbial gerund clause with a controlled
    subject). Written for "She left the club after scoring twice in the final, before being
    sold to Lyon." → She ; scoring ; twice ; in the final; She ; being sold to ; Lyon.
    """
    from kg.extract.rules.conjunction import clause_subject
    from kg.extract.rules.passive import is_passive

    prep = verb.head
    gerund = verb.tag_ == "VBG" or (
        verb.tag_ == "VBN" and any(c.lower_ == "being" for c in verb.children)
    )
    if verb.dep_ != "pcomp" or not gerund or prep.lower_ not in _GERUND_PREPS:
        return []
    if prep.head.pos_ not in ("VERB", "AUX") or any(
        c.dep_ in ("nsubj", "nsubjpass", "poss") for c in verb.children
    ):
        return []  # "after his giving ...", "in their leaving": a subject of its own
    subj, _ = clause_subject(prep.head)
    if subj is None:
        return []
    pas = is_passive(verb)
    return build_clause(
        "gerund",
        verb,
        [part_for(subj, Role.PATIENT if pas else Role.AGENT, split_coord=True)],
        passive=pas,
        exclude=subj,
    )

