"""Passive clauses: the surface subject is the patient, a "by" phrase the agent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import TIME_LABELS
from kg.extract.rules.arguments import build_clause, subject_parts
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["is_passive", "passive", "passive_subject"]


def is_passive(verb: Token) -> bool:
    """True when ``verb`` has a passive subject or a passive auxiliary."""
    return any(c.dep_ in ("nsubjpass", "csubjpass", "auxpass") for c in verb.children)


def passive_subject(verb: Token) -> Token | None:
    """The surface subject of a passive verb: its passive subject, or the noun after the verb
    when the clause opens with a date instead ("Years later was built a new bridge")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    if subj is not None and subj.ent_type_ not in TIME_LABELS:
        return subj
    after = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if after is None or not any(c.dep_ == "auxpass" for c in verb.children):
        return subj  # "75 hours of video can be stored": an amount of time is stored
    return after


def passive(verb: Token) -> list[Draft]:
    """A passive verb with its surface subject as the patient.

    Written for "Kolesnikova was handed over to Ukraine along with 113 other released
    prisoners" → Kolesnikova (patient) ; was handed over to ; Ukraine (recipient), lemma
    "hand over to", no agent. Construction: a passive with its subject after the verb and
    a date before it ("Years later was built a new bridge" → a new bridge ; was built).
    """
    subj = passive_subject(verb)
    if subj is None:
        return []
    return build_clause(
        "passive", verb, subject_parts(subj, Role.PATIENT), passive=True, exclude=subj
    )
