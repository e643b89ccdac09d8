"""Nominal events: an event noun with its participants ("the release of 123 prisoners").

News reports many events by a noun rather than a verb: "the prisoner release", "talks held in
Minsk", "Boeing's acquisition of McDonnell Douglas", "the sale of 20 planes to Qatar". This
rule makes one fact per event noun that has at least one participant, with the noun as the
predicate (``lemma`` and ``event_type`` the noun's lemma) and:

======================================  ==================================================
possessor, "by" object, named compound  agent ("Boeing's acquisition", "the EU ban"); the
                                        patient for nouns like "release" ("Kolesnikova's
                                        release", "the prisoner release")
"of" object                             patient ("the release of 123 prisoners"); the agent
                                        for nouns like "decision" ("of the EU"); an amount
                                        ("job cuts of 10,000") is the quantity
"to" / "with" / "between" object        recipient / comitative / agent
"for" object                            theme ("an order for 60 A350 jets")
"in"/"at" place, "on"/"in" date         location / time, also from a participle on the noun
                                        ("talks held in Minsk")
subject of a support verb               agent ("Airbus announces job cuts"; "Airbus wins
                                        an order" gives a recipient)
number on the noun or its patient       ``Fact.quantity``
======================================  ==================================================

Which nouns are events? A compact, general test (:func:`is_event_noun`): the lemma is in
:data:`EVENT_NOUNS`, a curated list of common news event nouns, most of which have the same
form as their verb ("release", "arrest", "deal"), so no suffix test could find them; or the
lemma ends in a nominalising suffix (-tion, -sion, -ment, -al, -ure, -ance, -ence, -ing)
whose stem is a verb lemma in the spaCy model's own lemmatizer index ("investigation" →
"investigate", "approval" → "approve", "bidding" → "bid"), less the entity-like nouns in
:data:`NOT_EVENTS` ("government", "station", "building"). A noun inside a named entity ("the
Worldwide Developers Conference") is never an event noun here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import PLACE_LABELS, TIME_LABELS, Draft, Part, event_draft
from kg.extract._spans import arg_range, number_value
from kg.extract.rules.arguments import part_for, prep_parts, scene_parts
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = ["EVENT_NOUNS", "NOT_EVENTS", "SUPPORT_VERBS", "is_event_noun", "nominal_event"]

#: Common news event nouns (spaCy noun lemmas), mostly verb-identical or irregular forms.
EVENT_NOUNS = frozenset(
    {
        # politics, diplomacy, law
        "release", "arrest", "talk", "deal", "agreement", "treaty", "accord", "summit",
        "meeting", "visit", "trip", "tour", "election", "vote", "referendum", "campaign",
        "protest", "rally", "demonstration", "strike", "boycott", "ban", "sanction", "embargo",
        "veto", "reform", "speech", "statement", "announcement", "interview", "debate",
        "dispute", "negotiation", "discussion", "investigation", "inquiry", "probe", "trial",
        "hearing", "ruling", "verdict", "conviction", "appeal", "lawsuit", "suit",
        "charge", "indictment", "pardon", "detention", "imprisonment", "deportation",
        "extradition", "exchange", "swap", "handover", "transfer", "withdrawal", "resignation",
        "appointment", "nomination", "dismissal", "call", "request", "decision",
        "approval", "rejection", "crackdown", "uprising", "coup", "revolt", "revolution",
        # conflict and disaster
        "attack", "assault", "raid", "bombing", "shooting", "killing", "murder",
        "assassination", "invasion", "war", "fight", "battle", "clash", "ceasefire", "truce",
        "offensive", "crash", "accident", "collision", "explosion", "blast", "fire", "flood",
        "earthquake", "disaster", "rescue", "evacuation", "kidnapping", "abduction", "capture",
        "escape", "death", "injury", "loss", "damage",
        # business
        "sale", "purchase", "acquisition", "merger", "takeover", "bid", "offer", "order",
        "delivery", "launch", "unveiling", "rollout", "shipment",
        "investment", "payment", "loan", "cut", "layoff", "closure", "expansion", "growth",
        "decline", "drop", "rise", "increase", "decrease", "fall", "delay", "test", "flight",
        "landing", "takeoff", "take-off", "departure", "arrival", "production", "development",
        "plan",
        "project", "lease", "recall", "refund", "compensation", "award", "win",
        "defeat", "victory", "settlement", "partnership", "alliance", "donation", "funding",
        "search", "conference", "ceremony", "event", "presentation", "demand", "keynote",
        # decisions, reactions and efforts
        "choice", "effort", "claim", "response", "reaction", "impact", "rerun", "contest",
        "download", "replacement", "attempt", "move",
    }
)  # fmt: skip

#: Suffix-derived nouns that name things, places or groups rather than events.
NOT_EVENTS = frozenset(
    {
        "government", "department", "apartment", "equipment", "station", "nation",
        "organization", "organisation", "population", "information", "administration",
        "foundation", "federation", "corporation", "constitution", "institution", "location",
        "relation", "association", "position", "generation", "direction", "condition",
        "edition", "section", "question", "portion", "ration", "tradition", "commission",
        "mission", "union", "signal", "total", "rival", "official", "individual", "material",
        "potential", "capital", "criminal", "hospital", "terminal", "animal", "manual",
        "journal", "figure", "feature", "nature", "culture", "structure", "picture", "future",
        "procedure", "measure", "pressure", "legislature", "literature", "temperature",
        "agriculture", "architecture", "signature", "sculpture", "creature", "adventure",
        "furniture", "mixture", "instance", "distance", "substance", "audience", "evidence",
        "sentence", "science", "difference", "influence", "experience", "residence",
        "province", "region", "opinion", "element", "instrument", "document", "argument",
        "moment", "comment", "segment", "fragment", "environment", "entertainment",
        "establishment", "management", "parliament", "tournament", "ornament", "regiment",
        "sentiment", "vision", "version", "television", "division", "session",
        "permission", "passion", "dimension", "tension", "pension", "mansion", "function",
        "fiction", "nutrition", "competition", "composition", "proposition", "petition",
        # -ing nouns that name things
        "building", "evening", "clothing", "housing", "setting", "painting", "drawing",
        "feeling", "meaning", "ceiling", "earning", "saving", "being", "thing", "string",
        "spring", "sibling", "offspring", "pudding", "lightning", "warning", "understanding",
    }
)  # fmt: skip

#: Nominalising suffixes and the verb endings they replace ("investigation" → "investigate").
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ization", ("ize",)),
    ("isation", ("ise", "ize")),
    ("ication", ("y",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("ire", "", "e")),
    ("ission", ("it",)),
    ("ssion", ("ss",)),
    ("sion", ("de", "d", "se", "t")),
    ("ction", ("ct", "ce")),
    ("tion", ("te", "")),
    ("ment", ("",)),
    ("ial", ("y",)),
    ("al", ("", "e")),
    ("ure", ("", "e")),
    ("ance", ("", "e")),
    ("ence", ("e", "")),
    ("ing", ("", "e")),  # "bidding" → "bid" by the undoubling below
)

#: Verbs whose object is an event the verb's subject takes part in: "Airbus announces job
#: cuts", "Aeroflot negotiates the purchase of 22 787s" (the subject is the agent).
SUPPORT_VERBS = frozenset(
    {
        "make", "hold", "conduct", "stage", "carry", "launch", "sign", "negotiate", "announce",
        "unveil", "agree", "reach", "seal", "strike", "complete", "finalize", "finalise",
        "place", "begin", "start", "resume", "give", "deliver", "host", "mount", "undertake",
        "perform", "organize", "organise", "plan", "file", "lodge", "impose", "approve",
    }
)  # fmt: skip
#: Support verbs whose subject receives the event: "Airbus wins an order from Qatar".
_RECEIVING_VERBS = frozenset({"win", "secure", "receive", "get", "land", "obtain", "book"})

#: Event nouns whose possessor or compound modifier undergoes the event: "Kolesnikova's
#: release", "the prisoner release" (patient, not agent).
_PATIENT_FIRST = frozenset(
    {
        "release", "arrest", "detention", "imprisonment", "deportation", "extradition",
        "capture", "kidnapping", "abduction", "murder", "killing", "assassination", "death",
        "injury", "trial", "conviction", "pardon", "rescue", "evacuation", "appointment",
        "nomination", "dismissal", "election", "delivery", "launch", "sale", "purchase",
        "acquisition", "closure", "recall", "delay", "crash", "flight", "landing", "takeoff",
        "take-off",
        "departure", "arrival", "unveiling", "rollout", "production", "development", "cut",
        "loss", "test",
    }
)  # fmt: skip

#: Event nouns whose "of" phrase names the actor when it names a person or body.
_AGENT_OF = frozenset(
    {
        "decision", "choice", "response", "reaction", "statement", "announcement", "visit",
        "attack", "protest", "effort", "attempt", "plan", "demand", "request", "call", "claim",
        "refusal", "proposal", "speech", "move", "offer", "bid", "campaign", "intervention",
    }
)  # fmt: skip
#: How a date sits inside the noun phrase: "Tuesday's launch", "its 2007 acquisition".
_TIME_MOD_DEPS = frozenset({"poss", "compound", "nmod", "amod", "npadvmod", "nummod"})
#: Entity labels of a compound modifier that acts ("the EU ban", "the Air India order").
_ACTOR_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})
#: Entity labels of amounts: "to $4.25" is where a change ends, not who receives.
_VALUE_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
#: Participant roles that make a nominal event worth a fact on their own.
_PARTICIPANT_ROLES = frozenset(
    {Role.AGENT, Role.PATIENT, Role.LOCATION, Role.TIME, Role.RECIPIENT, Role.COMPANION, Role.THEME}
)


def is_event_noun(tok: Token) -> bool:
    """True for a common noun that names an event ("release", "investigation").

    A noun in :data:`EVENT_NOUNS` does; one with a nominalising suffix does when the verb it
    comes from is a verb lemma of the pipeline in use (``tok.doc.lexicon``, see
    :class:`kg.parse.Lexicon`).

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> layer = parse_text("The investigation of the building began.", load_model()).segments[0]
    >>> [t.text for t in layer if is_event_noun(t)]
    ['investigation']
    """
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False  # inside a name ("the Worldwide Developer Conference") or a date
    lexicon = tok.doc.lexicon
    key = (is_event_noun, tok.lemma_.lower(), tok.tag_)
    found = lexicon.memo.get(key)  # asked again for every mention of the noun
    if found is None:
        found = lexicon.memo[key] = _is_event_lemma(key[1], key[2], lexicon.verb_lemmas)
    return bool(found)


def _is_event_lemma(lemma: str, tag: str, verbs: frozenset[str]) -> bool:
    """:func:`is_event_noun` for a common noun, by its lemma and tag.

    A hyphenated noun is an event when its last part is ("charity-flight", "pre-order",
    "take-off" by its whole form): kg's tokenizer keeps such words whole.

    >>> _is_event_lemma("charity-flight", "NN", frozenset()), _is_event_lemma("pre-order", "NN",
    ...     frozenset())
    (True, True)
    """
    if "-" in lemma and lemma not in EVENT_NOUNS:
        lemma = lemma.rsplit("-", 1)[1]
    if lemma in EVENT_NOUNS:
        return True
    if lemma in NOT_EVENTS or len(lemma) < 6:
        return False
    for suffix, endings in _SUFFIXES:
        if lemma.endswith(suffix):
            stem = lemma[: -len(suffix)]
            if suffix == "ing" and (tag != "NN" or len(stem) < 4):
                return False  # only a singular noun: "the bidding", not "savings"
            stems = {stem, stem[:-1]} if len(stem) > 3 and stem[-1] == stem[-2] else {stem}
            return len(stem) >= 3 and any(t + e in verbs for t in stems for e in endings)
    return False


def _noun_role(prep: str, head: Token, noun: Token, role: Role) -> Role:
    """The role of a prepositional phrase on an event noun (``role`` as a verb would have it)."""
    if role == Role.TIME:
        return role
    if prep == "of":
        if (
            noun.lemma_.lower() in _AGENT_OF
            and head.ent_type_ in _ACTOR_LABELS
            and not any(c.dep_ == "poss" for c in noun.children)
        ):
            return Role.AGENT  # "the decision of the EU", but "his choice of Boeing"
        return Role.PATIENT
    if prep in ("between", "among"):
        return Role.AGENT
    if prep == "with" and role != Role.TIME:
        return Role.COMPANION  # "talks with the US envoy", "a dispute with EMI"
    if prep == "for" and head.ent_type_ not in _ACTOR_LABELS:
        return Role.THEME  # "an order for 60 A350 jets", "plans for the A380"
    if prep == "to" and head.ent_type_ in _VALUE_LABELS:
        return Role.GOAL  # "an increase to $4.25 an hour"
    if prep == "from" and head.ent_type_ in ("ORG", "NORP", "PERSON"):
        return Role.AGENT  # "an order from Qatar Airways"
    return role


def _modifier_parts(noun: Token) -> list[Part]:
    """Possessors and compound modifiers inside the noun phrase."""
    out = []
    patient_first = noun.lemma_.lower() in _PATIENT_FIRST
    has_of = any(
        c.dep_ == "prep" and c.lower_ == "of" and _amount(c) is None for c in noun.children
    )
    for c in noun.children:
        if c.i > noun.i:
            continue
        label = c.ent_type_
        if label in TIME_LABELS and c.dep_ in _TIME_MOD_DEPS:
            i, j = arg_range(c, drop=("case",))
            out.append(Part(i, j, c, Role.TIME))
        elif c.dep_ == "poss":
            role = Role.PATIENT if patient_first and not has_of else Role.AGENT
            i, j = arg_range(c, split_coord=True, drop=("case",))
            out.append(Part(i, j, c, role))
        elif c.dep_ in ("compound", "nmod"):
            if label in _ACTOR_LABELS:
                role = Role.PATIENT if patient_first and not has_of else Role.AGENT
            elif label or c.pos_ == "PROPN":
                role = Role.PATIENT  # "A380 delays", "the Air France disaster"
            elif patient_first and not has_of and c.pos_ == "NOUN" and not is_event_noun(c):
                role = Role.PATIENT  # "the prisoner release", "job cuts"
            else:
                continue
            i, j = arg_range(c)
            out.append(Part(i, j, c, role))
        elif c.dep_ == "amod" and label == "NORP":
            out.append(Part(c.i, c.i + 1, c, Role.AGENT))  # "a Russian attack"
    return out


def _support_part(noun: Token) -> Part | None:
    """The subject of a support verb whose object the noun is ("Airbus announces job cuts")."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma not in SUPPORT_VERBS and lemma not in _RECEIVING_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ in ("WP", "WDT", "EX"):
        return None
    role = Role.RECIPIENT if lemma in _RECEIVING_VERBS else Role.AGENT
    return part_for(subj, role, split_coord=True)


def _participle_scene(noun: Token) -> list[Part]:
    """Time, place and partners of a participle on the noun: "talks held in Minsk with the
    US envoy" → in Minsk (location), with the US envoy (comitative)."""
    out: list[Part] = []
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for p in prep_parts(c, c) + scene_parts(c):
                if p.prep == "with" and p.role != Role.TIME:
                    p.role = Role.COMPANION
                if p.role in (Role.TIME, Role.LOCATION, Role.COMPANION):
                    out.append(p)
    return out


def nominal_event(noun: Token) -> list[Draft]:
    """An event noun with its participants, when it has any.

    Written for "Boeing's acquisition of McDonnell Douglas" → predicate "acquisition",
    agent Boeing (subject), patient McDonnell Douglas (object), and "talks held in Minsk" →
    "talks" at location Minsk.
    """
    if not is_event_noun(noun):
        return []
    parts = _modifier_parts(noun)
    amount = None
    for p in prep_parts(noun, noun):
        if p.prep == "of" and _amount(p.head.head) is not None:
            amount = _amount(p.head.head)  # "job cuts of 10,000": how many, not what
            continue
        p.role = _noun_role(p.prep or "", p.head, noun, p.role)
        parts.append(p)
    parts.extend(_participle_scene(noun))
    support = _support_part(noun)
    if support is not None:
        parts.append(support)
    # one argument per token range: a phrase reached twice keeps its first role
    seen: set[tuple[int, int]] = set()
    unique = []
    for p in parts:
        if (p.start, p.end) not in seen and not p.start <= noun.i < p.end:
            seen.add((p.start, p.end))
            unique.append(p)
    if not any(p.role in _PARTICIPANT_ROLES or _place_end(p) for p in unique):
        return []
    agent = next((p for p in unique if p.role == Role.AGENT), None)
    patient = next((p for p in unique if p.role == Role.PATIENT), None)
    args = [p for p in unique if p is not agent and p is not patient]
    return event_draft(
        "nominal_event", noun, [noun], noun.lemma_.lower(), subject=agent, object=patient,
        args=args, quantity=amount if amount is not None else _quantity(noun, patient),
    )  # fmt: skip


def _place_end(part: Part) -> bool:
    """Whether a part is where the event starts or ends, a named place: enough for a fact.

    Construction: an event noun of motion with its origin or destination. Written for "A
    relief flight from Singapore reached the island." → "flight" with source Singapore.
    """
    return part.role in (Role.SOURCE, Role.GOAL) and part.head.ent_type_ in PLACE_LABELS


def _amount(prep: Token) -> float | None:
    """The number a preposition introduces on its own ("of 10,000"), not "of the 123 ..."."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NUM" or obj.ent_type_ not in ("", "CARDINAL", "QUANTITY"):
        return None
    if any(c.dep_ in ("prep", "det") for c in obj.children):
        return None  # "one of the prisoners", "the two"
    return number_value(obj)


def _quantity(noun: Token, patient: Part | None) -> float | None:
    """A number on the event noun ("10,000 job cuts") or on its patient ("of 123 prisoners")."""
    for head in (noun, patient.head if patient else None):
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "nummod" and c.ent_type_ in ("", "CARDINAL", "QUANTITY"):
                return number_value(c)
    return None
