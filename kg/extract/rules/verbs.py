"""Active clauses: subject, verb, object and further arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import SUBJ_DEPS, build_clause, subject_parts
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["svo"]


def svo(verb: Token) -> list[Draft]:
    """An active verb with its own subject.

    Written for "Belarus frees 123 political prisoners in sanctions deal with US" →
    Belarus ; frees ; 123 political prisoners (quantity 123).
    """
    subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"), None)
    if subj is None:
        return []
    return build_clause("svo", verb, subject_parts(subj, Role.AGENT), exclude=subj)
