"""The pipeline's lexical tables that the analysis reads besides the parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """What the analysis needs from the pipeline in use besides its parse.

    ``verb_lemmas`` are the verb lemmas of the pipeline's rule lemmatizer (its
    ``lemma_index`` table): "investigation" names an event because "investigate" is one.
    A pipeline without such a table has none, and then only the curated event nouns count
    (:mod:`kg.extract.rules.nominal_events`). ``memo`` keeps answers that depend only on
    these tables.

    >>> from kg.nlp import load_model
    >>> "investigate" in Lexicon.of(load_model()).verb_lemmas
    True
    """

    verb_lemmas: frozenset[str] = frozenset()
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, nlp: Language) -> Lexicon:
        """The lexicon of ``nlp``."""
        if "lemmatizer" not in nlp.pipe_names:
            return cls()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            return cls()
        return cls(frozenset(lookups.get_table("lemma_index").get("verb", ())))
