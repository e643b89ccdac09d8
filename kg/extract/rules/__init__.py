"""Extraction rules, one small module per construction.

Each rule takes a token (the verb or noun the construction hangs on) and returns
:class:`kg.extract._draft.Draft` objects; :func:`kg.extract.dependency_extractor` runs them.
"""

from kg.extract.rules.apposition import apposition
from kg.extract.rules.conjunction import shared_subject
from kg.extract.rules.control import controlled_verb, governs_xcomp
from kg.extract.rules.copula import copula, is_copula
from kg.extract.rules.nominal import located_in, possessive, title_apposition
from kg.extract.rules.passive import passive
from kg.extract.rules.relative import adverbial_participle, participle, relative_clause
from kg.extract.rules.speech import SPEECH_VERBS, attribute_speech
from kg.extract.rules.verbs import svo

__all__ = [
    "SPEECH_VERBS",
    "adverbial_participle",
    "apposition",
    "attribute_speech",
    "controlled_verb",
    "copula",
    "governs_xcomp",
    "is_copula",
    "located_in",
    "participle",
    "passive",
    "possessive",
    "relative_clause",
    "shared_subject",
    "svo",
    "title_apposition",
]
