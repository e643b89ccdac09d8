"""Coordination: verbs that share a subject, and the subject a clause inherits.

Coordinated subjects and objects ("Both the European Union and the United States",
"to Poland and Lithuania") are split by :func:`kg.extract._spans.conjuncts` inside the
clause builder; this module handles coordinated verbs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._spans import bare_verb_conjunct
from kg.extract.rules.arguments import SUBJ_DEPS, build_clause, subject_parts, verb_chain
from kg.extract.rules.passive import is_passive
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft, Part
    from kg.parse import Token

__all__ = ["bare_verb", "clause_subject", "shared_subject", "shares_passive"]


def clause_subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject token of ``verb``'s clause, looking up through coordination, control,
    relative and participial clauses; and whether that clause is passive."""
    subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"), None)
    if subj is not None:
        return subj, subj.dep_.endswith("pass")
    if depth > 6:
        return None, False
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return clause_subject(head, depth + 1)
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return (obj, False) if obj is not None else clause_subject(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return head, False
    return None, False


def shares_passive(verb: Token) -> bool:
    """A bare past participle coordinated with a passive verb is passive too: it shares the
    first verb's auxiliary.

    Construction: coordinated passive participles. Written for "The tanks were built and
    tested by the navy." → the tanks ; tested (patient) ; by the navy (agent).
    """
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and is_passive(verb.head)
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )


def shared_subject(verb: Token) -> list[Draft]:
    """A coordinated verb that takes the subject of the first conjunct.

    Written for "Those polls triggered mass street protests, which were met with a brutal
    police crackdown" and "Hezbollah ... killed three Israeli soldiers and captured a
    further two" → Hezbollah ; captured ; a further two.
    """
    subj, _ = clause_subject(verb)
    if subj is None:
        return []
    pas = is_passive(verb) or shares_passive(verb)
    drafts = build_clause(
        "conjunction",
        verb,
        subject_parts(subj, Role.PATIENT if pas else Role.AGENT),
        passive=pas,
        exclude=subj,
    )
    # time and place stated once hold for both verbs ("where they killed ... and captured")
    shared = [a for a in _scene(verb.head) if a.start < verb.i]
    for d in drafts:
        roles = {a.role for a in d.args}
        d.args.extend(a for a in shared if a.role not in roles)
    return drafts


def bare_verb(tok: Token) -> list[Draft]:
    """A second verb the tagger read as a noun, with the first verb's subject and modality.

    Construction: "V (prep) Det N and V2 PP" (:func:`kg.extract._spans.bare_verb_conjunct`).
    Written for "The convoy will leave for a remote camp and stop in Kabul." → The convoy ;
    stop in ; Kabul (future), not "leave for ; stop in Kabul".
    """
    if not bare_verb_conjunct(tok):
        return []
    verb = tok.head.head.head
    subj, pas = clause_subject(verb)
    if subj is None or pas:
        return []
    first = verb_chain(verb)
    drafts = build_clause("conjunction", tok, subject_parts(subj, Role.AGENT), exclude=subj)
    for d in drafts:
        d.modality = d.modality or first.modality
        d.negated = d.negated or first.negated
    return drafts


def _scene(head: Token) -> list[Part]:
    from kg.extract.rules.arguments import scene_parts

    return scene_parts(head)
