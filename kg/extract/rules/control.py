"""Control and raising verbs: "agreed to lift", "refused to recognise", "is expected to".

The controlling verb becomes part of the relation phrase and, for the verbs listed in
:data:`kg.extract.rules.arguments.CONTROL_MODALITY`, the fact's modality; the controlled
verb gives the canonical relation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import OWN_COMPLEMENT_DEPS, build_clause, subject_parts
from kg.extract.rules.passive import is_passive
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["controlled_verb", "governs_xcomp", "controller_subjects"]


def governs_xcomp(verb: Token) -> bool:
    """True when ``verb`` only qualifies a verb it controls ("agreed" in "agreed to lift").

    Such a verb gets no fact of its own: the controlled verb's fact carries it.
    """
    if any(c.dep_ in OWN_COMPLEMENT_DEPS for c in verb.children):
        # object control ("asked him to leave") and "became the first player to ..." keep
        # a fact of their own
        return False
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def controller_subjects(verb: Token) -> tuple[Token | None, bool]:
    """The token that controls the subject of an xcomp verb, and whether it is passive."""
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj, False
    from kg.extract.rules.conjunction import clause_subject

    return clause_subject(head)


def controlled_verb(verb: Token) -> list[Draft]:
    """A verb whose subject is that of the verb above it.

    Written for "the US has agreed to lift sanctions on potash" → the US ; has agreed to
    lift sanctions on ; potash, lemma "lift sanctions on", modality committed.
    """
    subj, _ = controller_subjects(verb)
    if subj is None:
        return []
    rule = "passive" if is_passive(verb) else "control"
    role = Role.PATIENT if rule == "passive" else Role.AGENT
    return build_clause(
        rule, verb, subject_parts(subj, role), passive=rule == "passive", exclude=subj
    )
