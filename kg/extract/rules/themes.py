"""Theme subjects: verbs whose intransitive subject undergoes the event rather than acts.

"Shares fell 3 %", "sales rose to $2bn", "the plane landed", "Steve Jobs died": the subject
is what changes, moves, appears or ends (PropBank's Arg1, VerbNet's Theme or Patient), not an
agent. An amount after a verb of measure is the extent of the change ("3 %"), and its "by"
phrase too ("rose by 3 %"), not an agent.

The lists below were written by hand for kg (nothing is read at run time) from the member
lists of these VerbNet 3.3 classes (Kipper-Schuler et al., https://verbs.colorado.edu/verbnet/,
the reference the PropBank frame files map to), checked against the PropBank frames of the
same verbs (``rise.01``, ``fall.01``, ``die.01``, ``arrive.01``, ``land.01``, ...: their
intransitive subject is Arg1):

* :data:`MEASURE_VERBS`: calibratable_cos-45.6 (change along a scale: "rise", "fall",
  "climb", "plunge"), cost-54.2 and register-54.1 ("cost", "weigh", "total"), with the
  market-report verbs of the same frame ("rally", "slip", "edge", "rebound");
* :data:`CHANGE_VERBS`: other_cos-45.4 and break-45.1 (changes of state that alternate:
  "the economy expanded" / "the firm expanded its business"); begin-55.1 is left out, as
  its subject acts as often as not ("Jobs started by hinting at ...");
* :data:`UNACCUSATIVE_VERBS`: appear-48.1.1, disappearance-48.2, occurrence-48.3, exist-47.1
  and escape-51.1 (inherently directed motion: "arrive", "come", "return");
* :data:`VEHICLE_VERBS`: run-51.3.2 verbs of vehicles' motion ("fly", "land", "crash"),
  whose subject is a theme when it is a vehicle (:data:`VEHICLES`, a product, "it"), and
  an agent when a person steers ("the pilot flew to Paris").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Part
    from kg.parse import Token

__all__ = [
    "CHANGE_VERBS",
    "MEASURE_VERBS",
    "UNACCUSATIVE_VERBS",
    "VEHICLES",
    "VEHICLE_VERBS",
    "is_amount",
    "theme_roles",
]

#: Change along a scale and measure (VerbNet calibratable_cos-45.6, cost-54.2,
#: register-54.1): the subject is the theme even with an amount as object ("rose 3 %").
MEASURE_VERBS = frozenset(
    {
        # calibratable_cos-45.6
        "appreciate", "balloon", "climb", "decline", "decrease", "depreciate", "dip",
        "diminish", "double", "drop", "fall", "fluctuate", "gain", "grow", "halve", "increase",
        "jump", "mushroom", "plummet", "plunge", "quadruple", "rise", "rocket", "sink",
        "skyrocket", "slide", "slip", "slump", "soar", "surge", "swell", "treble", "triple",
        "tumble", "vary", "zoom",
        # the same frame in market reports
        "advance", "dive", "edge", "ease", "inch", "rally", "rebound", "recover", "retreat",
        "sag", "shrink", "slow", "spike", "stagnate", "tick", "top",
        # cost-54.2, register-54.1
        "cost", "weigh", "total", "measure", "number", "retail",
    }
)  # fmt: skip

#: Changes of state that alternate (VerbNet other_cos-45.4, break-45.1): the subject is the
#: theme when the verb has no object ("the economy expanded").
CHANGE_VERBS = frozenset(
    {
        # other_cos-45.4
        "accelerate", "age", "balance", "blur", "brighten", "change", "close", "collapse",
        "contract", "cool", "darken", "deepen", "deteriorate", "dissolve", "dry", "empty",
        "evaporate", "expand", "fade", "fill", "flatten", "freeze", "harden", "heat",
        "improve", "intensify", "lessen", "level", "loosen", "mature", "melt", "moderate",
        "narrow", "open", "quicken", "revive", "sharpen", "soften", "stabilise", "stabilize",
        "steady", "strengthen", "thaw", "tighten", "weaken", "widen", "worsen",
        # break-45.1
        "break", "burst", "crack", "explode", "fracture", "rip", "shatter", "snap", "split",
        "tear",
    }
)  # fmt: skip

#: Appearance, disappearance, occurrence, existence and inherently directed motion (VerbNet
#: appear-48.1.1, disappearance-48.2, occurrence-48.3, exist-47.1, escape-51.1): the
#: subject is the theme when the verb has no object.
UNACCUSATIVE_VERBS = frozenset(
    {
        # appear-48.1.1, occurrence-48.3
        "appear", "arise", "emerge", "happen", "materialise", "materialize", "occur",
        "surface", "develop", "ensue", "recur",
        # disappearance-48.2
        "die", "disappear", "expire", "lapse", "perish", "vanish",
        # exist-47.1
        "exist", "remain", "persist", "stay", "survive", "last", "linger",
        # escape-51.1
        "arrive", "come", "depart", "go", "return", "ascend", "descend", "recede",
    }
)  # fmt: skip

#: Vehicles' motion (VerbNet run-51.3.2, PropBank fly.01, land.01, crash.01): the subject
#: is the theme when it is a vehicle ("the plane landed", but "the pilot flew home").
VEHICLE_VERBS = frozenset({"fly", "land", "crash", "sail", "dock", "touch", "take"})

#: Measure verbs that also mean "acquire": with a sum of money as object, the subject gets it.
_ACQUIRE_SENSE = frozenset({"gain", "top"})
#: What moves as a vehicle (the themes of :data:`VEHICLE_VERBS`).
VEHICLES = frozenset(
    {"aircraft", "airplane", "aeroplane", "plane", "airliner", "jet", "jetliner", "superjumbo",
     "helicopter", "rocket", "spacecraft", "shuttle", "satellite", "drone", "balloon", "glider",
     "prototype", "ship", "boat", "ferry", "vessel", "yacht", "tanker", "submarine", "train",
     "bus", "car", "truck", "lorry", "flight", "craft"}
)  # fmt: skip
#: Particles that make a vehicle verb one of motion ("take off", "touch down").
_VEHICLE_PARTICLES = {"take": "off", "touch": "down"}
#: Labels of amounts: "3 %", "$2bn", "47 to 38".
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
#: Nouns that are units of an amount ("five points", "3 percent", "20 cents").
_UNITS = frozenset(
    {"%", "percent", "per cent", "point", "cent", "dollar", "euro", "pound", "yen", "yuan",
     "franc", "mark", "rupee", "ruble", "rouble", "basis", "notch", "place", "spot", "run",
     "goal", "game", "seat", "vote", "ton", "tonne", "barrel", "mile", "kilometre",
     "kilometer", "metre", "meter", "foot", "degree"}
)  # fmt: skip
#: Pronouns that name people, not vehicles.
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "who", "whom"})


def is_amount(tok: Token) -> bool:
    """True for the head of an amount: a number, an amount of money, a percentage, or a unit
    that a number counts ("3 %", "$2bn", "five points"); not "500 jobs" (a count of things).
    """
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.pos_ == "NUM" and any(
        c.dep_ == "det" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
    ):
        return False  # "every single one", "up to 60 of its jets": things, not an amount
    if tok.pos_ == "NUM" or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return True
    return tok.lemma_.lower() in _UNITS and any(
        c.dep_ in ("nummod", "quantmod") or c.pos_ == "NUM" for c in tok.children
    )


def _lemma(verb: Token) -> str:
    return verb.lemma_.lower()


def _names_vehicle(part: Part) -> bool:
    """A subject that can move as a vehicle does: a product ("the Airbus A380"), a model
    designation ("the A380s"), "it", or a noun in :data:`VEHICLES`."""
    head = part.head
    if head.pos_ == "NUM":  # "one of the A380s"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of.children if c.dep_ == "pobj"), head) if of else head
    if head.ent_type_ == "PRODUCT" or head.lower_ in ("it", "they"):
        return True
    if head.pos_ in ("PROPN", "NOUN") and any(ch.isdigit() for ch in head.text):
        return True  # a model designation: "the A380s", "the 777-200LR"
    return head.lemma_.lower().rpartition("-")[2] in VEHICLES


def _names_person(part: Part) -> bool:
    head = part.head
    return head.ent_type_ in ("PERSON", "NORP") or head.lower_ in _PERSONAL


def theme_roles(verb: Token, subjects: list[Part], objects: list[Part], args: list[Part]) -> bool:
    """Give the subjects of an active clause the role theme where ``verb`` takes a theme
    subject, and an amount object or "by" phrase of a verb of measure the role attribute
    (its extent). Returns whether the subjects are themes.

    Construction: an unaccusative or measure verb in an active clause. Written for "Its
    shares fell 3 % by noon and the new plant landed a contract": shares ; fell ; 3 %
    (theme, attribute); "landed a contract" has an object, so its subject stays an agent.
    """
    lemma = _lemma(verb)
    if any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children):
        return False  # "I conclude that ...": a clause is what the subject states or does
    if objects and all(o.head.dep_ == "attr" for o in objects) or (
        not objects and any(c.dep_ == "acomp" for c in verb.children)
    ):
        theme = True  # a linking verb: "became a pilot", "remained popular"
    elif lemma in MEASURE_VERBS:
        # "prices climbed 3 %", but "we climbed for hours": a person climbs on purpose
        theme = not any(_names_person(s) for s in subjects) and _measure(lemma, objects, args)
    elif lemma in CHANGE_VERBS or lemma in UNACCUSATIVE_VERBS:
        theme = not objects
    elif lemma in VEHICLE_VERBS:
        particle = _VEHICLE_PARTICLES.get(lemma)
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
            return False
        theme = not objects and all(_names_vehicle(s) for s in subjects)
    else:
        return False
    if theme:
        for s in subjects:
            if s.role == Role.AGENT:
                s.role = Role.THEME
    return theme


def _measure(lemma: str, objects: list[Part], args: list[Part]) -> bool:
    """Whether a verb of measure has a theme subject (its objects are all amounts), marking
    the amounts as attributes (the extent)."""
    amounts = [o for o in objects if is_amount(o.head)]
    if lemma in _ACQUIRE_SENSE:
        # "the company gained $1 billion" got it; "shares gained 3 %" rose by it
        amounts = [o for o in amounts if o.head.ent_type_ != "MONEY"]
    if len(amounts) != len(objects):
        return False
    for o in objects:
        o.role = Role.ATTRIBUTE
    return True
