"""Passive clauses: the surface subject is the patient, a "by" phrase the agent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import build_clause, subject_parts
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["passive", "is_passive"]


def is_passive(verb: Token) -> bool:
    """True when ``verb`` has a passive subject or a passive auxiliary."""
    return any(c.dep_ in ("nsubjpass", "csubjpass", "auxpass") for c in verb.children)


def passive(verb: Token) -> list[Draft]:
    """A passive verb with its surface subject as the patient.

    Written for "Kolesnikova was handed over to Ukraine along with 113 other released
    prisoners" → Kolesnikova (patient) ; was handed over to ; Ukraine (recipient), lemma
    "hand over to", no agent.
    """
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    if subj is None:
        return []
    return build_clause(
        "passive", verb, subject_parts(subj, Role.PATIENT), passive=True, exclude=subj
    )
