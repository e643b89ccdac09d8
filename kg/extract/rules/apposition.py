"""Appositions: "Donald Trump's special envoy for Belarus, John Coale" → John Coale ; is ;
special envoy for Belarus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import Draft, Part
from kg.extract._spans import arg_range
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = ["address", "apposition"]

#: Punctuation allowed between a noun phrase and its apposition.
_GAP = 2
#: Entity labels that never rename a thing ("July 17 , 1749 , the son of ...").
_VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
#: Labels of places: "Hoboken , New Jersey" says where, not what.
_PLACE_LABELS = frozenset({"GPE", "LOC"})
#: Labels of what has an address: places, buildings, and the bodies housed in them.
_VENUE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Heads of street names ("Buchanan Street"), whatever label the entity recogniser gives.
_STREETS = frozenset(
    {"street", "road", "avenue", "lane", "boulevard", "square", "drive", "terrace", "row",
     "highway", "parkway", "crescent", "embankment", "strand", "quay"}
)  # fmt: skip


def _host(appos: Token) -> Token:
    """The noun the apposition renames, correcting a common mis-attachment.

    The parser often hangs "John Coale" on "Belarus" in "special envoy for Belarus, John
    Coale"; a person's name renaming a place is taken to rename the noun the place's
    prepositional phrase modifies.
    """
    host = appos.head
    if (
        appos.ent_type_ == "PERSON"
        and host.ent_type_ != "PERSON"
        and host.dep_ == "pobj"
        and host.head.dep_ == "prep"
        and host.head.head.pos_ == "NOUN"
    ):
        return host.head.head
    return host


def apposition(appos: Token) -> list[Draft]:
    """A noun phrase followed by another that renames it; the named side is the subject.

    Written for "US President Donald Trump's special envoy for Belarus, John Coale".
    """
    host = _host(appos)
    if host.pos_ not in ("NOUN", "PROPN") or not _nominal(appos):
        return []
    if host.ent_type_ in _VALUE_LABELS or appos.ent_type_ in _VALUE_LABELS:
        return []
    if host.dep_ == "conj" or any(c.dep_ == "conj" for c in appos.children):
        return []  # "our prime contractor, Northrop Grumman, the Air Force, and ...": a list
    hi, hj = arg_range(host, split_coord=True, drop=("poss",))
    ai, aj = arg_range(appos, split_coord=True)
    # the apposition must follow its host directly ("potash, a key ingredient"), not a
    # noun the parser reached across the sentence
    doc = appos.doc
    if not 0 <= ai - hj <= _GAP or any(not doc[k].is_punct for k in range(hj, ai)):
        return []
    if _unbalanced(doc, hi, hj) or _unbalanced(doc, ai, aj):
        return []  # "120 billion ruble ( US$ 193 billion ) deficit": a bracket cut in two
    host_part = Part(hi, hj, host, Role.ATTRIBUTE)
    appos_part = Part(ai, aj, appos, Role.ATTRIBUTE)
    named_host = host.pos_ == "PROPN" or bool(host.ent_type_)
    named_appos = appos.pos_ == "PROPN" or bool(appos.ent_type_)
    if named_appos and not named_host:
        subj, obj = appos_part, host_part
    else:
        subj, obj = host_part, appos_part
    subj.role = Role.THEME
    where = address(host, appos)
    if where:
        # "Montgomery County , Pennsylvania": the second place contains the first
        subj, obj = host_part, appos_part
        obj.role = Role.LOCATION
    return [
        Draft(
            rule="apposition",
            kind="description",
            anchor=appos,
            pred=[],
            lemma=f"is {where}" if where else "is",
            event_type="be",
            subject=subj,
            object=obj,
        )
    ]


def address(host: Token, appos: Token) -> str | None:
    """The preposition of where a place lies, when an apposition gives its address, not a
    second name: "on" for a street, "in" for a town or region; None otherwise.

    Construction: a place followed by its address ("the City Hall, Baker Street";
    "Everett, Washington"). Written for "The concert is held at the City Hall, Baker
    Street, in Everett, Washington." → the City Hall ; is on ; Baker Street and Everett ;
    is in ; Washington, not "the City Hall ; is ; Baker Street".
    """
    if appos.lemma_.lower() in _STREETS and appos.pos_ == "PROPN":
        place_like = host.ent_type_ in _VENUE_LABELS or host.pos_ == "PROPN"
        return "on" if place_like else None
    if appos.ent_type_ in _PLACE_LABELS and host.ent_type_ in _VENUE_LABELS:
        return "in"
    return None


def _nominal(tok: Token) -> bool:
    """A noun, or "one of the crew" (a number heading a partitive)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.pos_ == "NUM" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _unbalanced(doc: object, i: int, j: int) -> bool:
    texts = [doc[k].text for k in range(i, j)]  # type: ignore[index]
    return texts.count("(") != texts.count(")") or texts.count("-LRB-") != texts.count("-RRB-")
