"""Relations inside noun phrases: titles before names and possessives.

"US President Donald Trump" → Donald Trump ; is ; US President; "Belarus's most important
exports" → Belarus ; has ; most important exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import Draft, Part
from kg.extract._spans import arg_range, bare_verb_conjunct, whole_words
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = ["title_apposition", "possessive", "located_in"]

#: Entity labels of places a noun can be "in" ("Four other countries in Europe").
_PLACE_LABELS = frozenset({"GPE", "LOC"})

#: Modifiers that may precede a name as its title ("exiled Belarusian opposition leader").
_TITLE_DEPS = frozenset({"compound", "amod", "nmod"})
#: Honorifics are not titles worth a fact ("Mr. Baker").
_HONORIFICS = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sir",
        "mr",
        "mrs",
        "ms",
        "dr",
        "miss",
        "st.",
        "jr.",
        "prof.",
        "rev.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
    }
)


def title_apposition(name: Token) -> list[Draft]:
    """A person's name preceded by a title or description in the same noun phrase.

    Written for "exiled Belarusian opposition leader Svetlana Tikhanovskaya" →
    Svetlana Tikhanovskaya ; is ; exiled Belarusian opposition leader.
    """
    if name.ent_type_ != "PERSON" or name.pos_ != "PROPN" or name.dep_ == "compound":
        return []
    doc = name.doc
    ent_start = name.i
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1  # back to the "B" token that opens the name
    left = [c for c in name.lefts if c.dep_ in _TITLE_DEPS and c.i < ent_start]
    if not left:
        return []
    if ent_start > 0 and whole_words(doc, ent_start, name.i + 1)[0] < ent_start:
        return []  # "Dempster–Laird": the first half of a hyphenated name is no title
    i = min(t.left_edge.i for t in left)
    # a determiner or possessor opens the phrase but is not part of the title
    while i < ent_start and doc[i].dep_ in ("det", "poss", "case", "punct"):
        i = doc[i].right_edge.i + 1 if doc[i].dep_ == "poss" else i + 1
    title = [doc[k] for k in range(i, ent_start)]
    words = [t for t in title if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _HONORIFICS]
    if not words:
        return []
    if len(title) == 1 and (title[0].pos_ == "PROPN" or title[0].ent_type_ == "PERSON"):
        return []  # "President Bush", "Gideon Rodan": a bare title or a first name
    title_head = doc[ent_start - 1]
    end = name.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1  # the name ends with its entity, not with what the parse hangs on it
    return [
        Draft(
            rule="title",
            kind="description",
            anchor=name,
            pred=[],
            lemma="is",
            event_type="be",
            subject=Part(ent_start, end, name, Role.THEME),
            object=Part(i, ent_start, title_head, Role.ATTRIBUTE),
        )
    ]


def possessive(poss: Token) -> list[Draft]:
    """A possessor and the thing possessed: "Belarus's most important exports".

    Written for "one of Belarus's most important exports" → Belarus ; has ; most important
    exports.
    """
    from kg.extract.rules.nominal_events import is_event_noun

    owner = poss.head
    if poss.pos_ == "PRON" or owner.pos_ not in ("NOUN", "PROPN"):
        return []
    if is_event_noun(owner):
        return []  # "Boeing's acquisition of ...": a nominal event with Boeing as its agent
    pi, pj = arg_range(poss, split_coord=True, drop=("case",))
    oi, oj = arg_range(owner, split_coord=True, drop=("poss", "det"))
    if oi <= poss.i:
        oi = poss.right_edge.i + 1
    if oi >= oj or pi >= pj:
        return []
    return [
        Draft(
            rule="possessive",
            kind="description",
            anchor=owner,
            pred=[],
            lemma="has",
            event_type="have",
            subject=Part(pi, pj, poss, Role.POSSESSOR),
            object=Part(oi, oj, owner, Role.THEME),
            pred_text="has",
        )
    ]


def located_in(prep: Token) -> list[Draft]:
    """A noun located by an "in <place>" modifier.

    Written for "Four other countries in Europe have approved Proleukin" → Four other
    countries ; is in ; Europe.
    """
    from kg.extract.rules.nominal_events import is_event_noun

    noun = prep.head
    if prep.lower_ != "in" or prep.dep_ != "prep" or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    if noun.dep_ == "dobj" or is_event_noun(noun) or bare_verb_conjunct(noun):
        # "assemble the planes in Mobile", "a conference in Paris", "leave ... and stop in
        # Kabul": where the event is, which the verb's or the event noun's fact says
        return []
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or place.ent_type_ not in _PLACE_LABELS or noun.ent_type_ in _PLACE_LABELS:
        return []
    ni, nj = arg_range(noun, split_coord=True)
    nj = min(nj, prep.i)
    pi, pj = arg_range(place)
    if ni >= nj:
        return []
    return [
        Draft(
            rule="located",
            kind="description",
            anchor=noun,
            pred=[prep],
            lemma="is in",
            event_type="be",
            subject=Part(ni, nj, noun, Role.THEME),
            object=Part(pi, pj, place, Role.LOCATION),
            pred_text="is in",
        )
    ]
