"""A fact as the JSON record ``kg extract`` prints: the analysed fact, plus the identity the
graph gives each entity it names."""

from __future__ import annotations

from typing import Any

from kg.model import Argument, Fact, Span, fact_to_dict
from kg.rdf._iri import entity_class_name, entity_iri

__all__ = ["fact_record", "named_entity"]


def named_entity(slot: Span | Argument, fact: Fact) -> tuple[str, str | None] | None:
    """The entity (name, type) a participant names in the graph, or None (a time, a concept,
    a participant the analysis left ``"unresolved"``).

    A participant at the fact's place names the place, under its own entity name when it has
    one, else the gazetteer's.
    """
    if slot.refers == "place" and fact.place is not None:
        return slot.entity or fact.place.name, slot.type or "GPE"
    if slot.refers in ("time", "unresolved", "concept"):
        return None  # a date, a bare number or an unresolved pronoun names no node
    return (slot.entity, slot.type) if slot.entity else None


def fact_record(fact: Fact) -> dict[str, Any]:
    """The fact's JSON record: :func:`kg.model.fact_to_dict`, and for every participant that
    names an entity its ``entity_iri`` (the IRI the graph stores for it) and ``entity_type``
    (the class it gets there: ``Person``, ``Organisation``, ``Place``, ``Group``, ``Product``
    or ``Entity``).

    >>> from kg.model import Fact, Predicate, Span
    >>> f = Fact("a", 0, "Belarus frees them", 0, 18, Predicate("frees", 8, 13),
    ...          subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"))
    >>> r = fact_record(f)["subject"]
    >>> r["entity_iri"], r["entity_type"]
    ('https://w3id.org/kg-news/id/entity/place/belarus', 'Place')
    """
    record = fact_to_dict(fact)
    for name, slot in fact.slots():
        found = named_entity(slot, fact)
        where = name.split(".")
        out = record[where[0]] if len(where) == 1 else record[where[0]][int(where[1])]
        out["entity_iri"] = str(entity_iri(*found)) if found else None
        out["entity_type"] = entity_class_name(found[1]) if found else None
    return record
