"""Clausal complements and reported speech.

"Ukrainian authorities said that ... the released prisoners would be transported onward to
Poland and Lithuania" → the inner fact (attributed to Ukrainian authorities) plus
Ukrainian authorities ; said that ; <the clause>, which the clause builder makes from the
complement clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.rules.arguments import SPEECH_VERBS, SUBJ_DEPS, part_for
from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["SPEECH_VERBS", "attribute_speech", "speaker_of"]


def speaker_of(verb: Token) -> Token | None:
    """Who reported the clause ``verb`` heads: the subject of the nearest saying verb above."""
    node = verb
    for _ in range(8):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
            subj = next((c for c in node.head.children if c.dep_ in SUBJ_DEPS), None)
            return subj
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def attribute_speech(draft: Draft) -> Draft:
    """Mark a fact reported by someone ("X said that ...") with who said it.

    A saying verb's own fact keeps rule "speech".
    """
    anchor = draft.anchor
    if draft.attributed_to is None:
        speaker = speaker_of(anchor)
        if speaker is not None:
            draft.attributed_to = part_for(speaker, Role.ATTRIBUTED_TO)
    if (
        draft.rule in ("svo", "conjunction")
        and anchor.lemma_.lower() in SPEECH_VERBS
        and any(c.dep_ == "ccomp" for c in anchor.children)
    ):
        draft.rule = "speech"
    return draft
