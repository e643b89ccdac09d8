"""Event classes: an event type up to synonyms and word class.

Two reports can be of one happening only if their classes agree: "Belarus *frees* 123
prisoners" and "the *release* of 123 prisoners" are both ``release``; "the *quake*" and "an
*earthquake*" both ``earthquake``; the noun "shooting" and the verb "shot" both ``shoot``.

The class of a type (``kg:eventType``: a lemma, particles joined by ``_``) is, in order:

1. its entry in :data:`SYNONYMS`, a small table compiled by hand for kg from newswire event
   vocabulary (synonym sets of the kind WordNet lists, checked against the event descriptors
   of the ECB+ *train* topics; no dev or test data); else
2. its word stem (:func:`stem`): nominalising and verbal endings folded away, so that a verb
   and the noun made from it meet ("nominate" / "nomination", "host" / "hosting").

>>> [event_class(t) for t in ("free", "release", "quake", "shooting", "shoot", "nomination")]
['release', 'release', 'earthquake', 'shoot', 'shoot', 'nominate']
"""

from __future__ import annotations

from functools import lru_cache

__all__ = [
    "SYNONYMS", "GENERIC_CLASSES", "DESCRIPTION_TYPES", "event_class", "is_description", "stem",
]  # fmt: skip

_GROUPS: dict[str, tuple[str, ...]] = {
    "release": ("free", "release", "liberate", "freeing", "liberation", "set_free"),
    "earthquake": ("earthquake", "quake", "tremor", "temblor", "seism"),
    "arrest": ("arrest", "detain", "detention", "apprehend", "apprehension", "nab", "bust"),
    "kill": ("kill", "killing", "slay", "slaying"),
    "murder": ("murder", "homicide", "manslaughter"),
    "die": ("die", "death", "dead", "pass_away", "perish"),
    "fire": (
        "fire",
        "firing",
        "sack",
        "sacking",
        "dismiss",
        "dismissal",
        "oust",
        "ouster",
        "axe",
        "ax",
        "let_go",
    ),
    "hire": ("hire", "appoint", "appointment", "recruit", "sign_on"),
    "resign": ("resign", "resignation", "quit", "step_down"),
    "attack": ("attack", "assault", "raid", "ambush"),
    "acquire": ("acquire", "acquisition", "buy", "purchase", "takeover", "take_over", "buyout"),
    "merge": ("merge", "merger"),
    "crash": ("crash", "collide", "collision", "wreck"),
    "injure": ("injure", "injury", "wound", "hurt", "injured", "wounded"),
    "explode": ("explode", "explosion", "blast", "detonate", "detonation", "bomb", "bombing"),
    "steal": ("steal", "theft", "rob", "robbery", "burglary", "loot", "looting"),
    "escape": ("escape", "flee", "flight_from", "break_out", "breakout"),
    "rescue": ("rescue", "save"),
    "charge": ("charge", "indict", "indictment", "accuse", "accusation"),
    "convict": ("convict", "conviction", "guilty"),
    "sentence": ("sentence", "jail", "imprison", "imprisonment"),
    "sue": ("sue", "lawsuit", "suit"),
    "announce": ("announce", "announcement", "unveil", "unveiling", "reveal"),
    "launch": ("launch", "rollout", "roll_out", "introduce", "introduction"),
    "nominate": ("nominate", "nomination", "nominee"),
    "host": ("host", "hosting", "emcee", "present"),
    "hijack": ("hijack", "hijacking", "seize", "seizure", "piracy"),
    "shoot": ("shoot", "shooting", "gun_down", "open_fire"),
    "drive_drunk": ("dui", "dwi", "drunk_driving"),
    "enter_rehab": ("rehab", "check_into", "check_in", "enter", "admit"),
    "sink": ("sink", "sinking", "capsize"),
    "strike": ("strike", "walkout"),
    "say": ("say", "tell", "state", "statement", "add", "report", "claim", "according_to"),
    "win": ("win", "victory", "triumph"),
    "lose": ("lose", "loss", "defeat"),
    "sell": ("sell", "sale"),
    "elect": ("elect", "election", "vote_in"),
    "meet": ("meet", "meeting", "talk", "talks", "summit"),
    "search": ("search", "hunt", "manhunt"),
}

#: A report's type → its class, for the types the table knows.
SYNONYMS: dict[str, str] = {t: c for c, types in _GROUPS.items() for t in types}

#: Classes so common that sharing one says little: reports of these are linked only on
#: shared participants, never on the class and the article alone.
GENERIC_CLASSES = frozenset(
    {
        "say", "be", "have", "do", "make", "take", "go", "come", "give", "get", "see", "know",
        "think", "want", "use", "find", "work", "call", "try", "ask", "need", "feel", "leave",
        "put", "mean", "keep", "begin", "start", "seem", "help", "show", "hear", "play", "run",
        "move", "live", "believe", "include", "continue", "set", "happen", "write", "stand",
        "pay", "become", "remain", "bring", "turn", "look", "expect", "plan", "hold", "follow",
        "return", "report", "confirm", "accord", "tell", "add", "note", "release_statement",
    }
)  # fmt: skip

#: Event types of descriptions, not happenings: the copula "be" (copula, title, apposition
#: and location rules: "Belarus is an ally of Russia", "US envoy John Coale", "Coale, the
#: envoy") and possession "have" ("Belarus's president"). The test is on the predicate lemma
#: the extraction rules give (``kg:eventType``); main has no fact kind yet. A description stays
#: a fact of its article graph, and gets no happening.
DESCRIPTION_TYPES = frozenset({"be", "have"})


def is_description(event_type: str) -> bool:
    """True for the event type of a description (see :data:`DESCRIPTION_TYPES`).

    >>> is_description("be"), is_description("have"), is_description("dead")
    (True, True, False)
    """
    return event_type.strip().lower() in DESCRIPTION_TYPES


#: Endings folded away by :func:`stem`, longest first (verbs' and their nouns').
_ENDINGS = (
    "ization", "isation", "ation", "ition", "ution", "ment", "ance", "ence", "ings", "ing",
    "ion", "ure", "ate", "ize", "ise", "al", "ed", "es", "e", "s",
)  # fmt: skip


def stem(word: str) -> str:
    """A crude stem shared by a verb and the nouns made from it (at least 3 letters kept).

    >>> [stem(w) for w in ("hosting", "host", "investigation", "investigate", "hitting")]
    ['host', 'host', 'investig', 'investig', 'hit']
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # "hitt(ing)" → "hit", but "kill", "pass"
    return word


@lru_cache(maxsize=8192)
def event_class(event_type: str) -> str:
    """The class of an event type (see the module docstring).

    >>> event_class("check_into"), event_class("hand_over"), event_class("have")
    ('enter_rehab', 'hand_over', 'have')
    """
    key = event_type.strip().lower().replace(" ", "_")
    if key in SYNONYMS:
        return SYNONYMS[key]
    if key in GENERIC_CLASSES:  # "have" stays "have" (a stem would hide that it is generic)
        return key
    if "_" in key:  # a particle verb keeps its particle: "hand_over", "take_over"
        head, _, rest = key.partition("_")
        return f"{stem(head)}_{rest}"
    return stem(key)
