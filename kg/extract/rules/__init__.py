"""Extraction rules, one small module per construction.

Each rule takes a token (the verb or noun the construction hangs on) and returns
:class:`kg.extract._draft.Draft` objects; :func:`kg.extract.dependency_extractor` runs them.
``Fact.rule`` names the rule that made a fact:

================= ==================================================================
``svo``           active clause: "Belarus frees 123 political prisoners" (verbs.py)
``passive``       passive clause: "Kolesnikova was handed over to Ukraine" (passive.py)
``control``       controlled verb: "the US has agreed to lift sanctions on potash"
``copula``        copular predicate: "Belarus is a close ally of Russia" (copula.py)
``existential``   "there were serious risks in the plan" → serious risks ... ; were
``apposition``    "special envoy for Belarus, John Coale" (apposition.py); an address
                  ("the City Hall, Baker Street") → the City Hall ; is on ; Baker Street
``title``         title before a name: "opposition leader Svetlana Tikhanovskaya"
``possessive``    "Belarus's most important exports" → Belarus ; has ; ... (nominal.py)
``located``       "countries in Europe" → countries ; is in ; Europe (nominal.py)
``relative``      relative clause without its own subject (relative.py)
``participle``    "sanctions imposed on the country", "..., spending much of that time"
``conjunction``   coordinated verb sharing the first verb's subject (conjunction.py)
``gerund``        gerund after a preposition: "he died after giving a speech" → he ; giving
``speech``        "X said that ..." (speech.py); the inner facts get ``attributed_to``
``nominal_event`` an event noun and its participants: "the release of 123 prisoners"
                  (nominal_events.py); the subject is the agent and may be None
================= ==================================================================

``apposition``, ``title``, ``possessive`` and ``located`` facts are descriptions
(``Fact.kind == "description"``), the others events. Arguments, relation phrases, negation
and modality are built in :mod:`.arguments`; which subjects are themes rather than agents
("shares fell 3 %") in :mod:`.themes`; "such as" lists in :mod:`.lists`.
"""

from kg.extract.rules.apposition import apposition
from kg.extract.rules.conjunction import bare_verb, shared_subject
from kg.extract.rules.control import controlled_verb, governs_xcomp
from kg.extract.rules.copula import copula, is_copula
from kg.extract.rules.nominal import located_in, possessive, title_apposition
from kg.extract.rules.nominal_events import is_event_noun, nominal_event
from kg.extract.rules.passive import passive
from kg.extract.rules.relative import (
    adverbial_participle,
    gerund_clause,
    participle,
    reduced_participle,
    relative_clause,
)
from kg.extract.rules.speech import SPEECH_VERBS, attribute_speech
from kg.extract.rules.verbs import svo

__all__ = [
    "SPEECH_VERBS",
    "adverbial_participle",
    "apposition",
    "bare_verb",
    "attribute_speech",
    "controlled_verb",
    "copula",
    "gerund_clause",
    "governs_xcomp",
    "is_copula",
    "is_event_noun",
    "located_in",
    "nominal_event",
    "participle",
    "passive",
    "possessive",
    "reduced_participle",
    "relative_clause",
    "shared_subject",
    "svo",
    "title_apposition",
]
