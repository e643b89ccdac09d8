"""What each participant of a fact names, and who acts on whom: decided here, once.

Runs last in the analysis, after the entities, times and places are known
(:func:`kg.resolve.annotate_time_place`). For every participant it sets
:attr:`~kg.model.Span.refers`:

* ``"place"``: a location participant at the fact's place (:attr:`Fact.place`);
* ``"time"``: a time participant at the fact's time (:attr:`Fact.time`);
* ``"entity"``: a participant naming a resolved or named entity (one that
  :func:`kg.resolve.names.names_an_entity` lets be an entity: no number, date or pronoun);
* ``"unresolved"``: a bare pronoun whose antecedent was not found ("It said ..."), a bare
  number ("three"), a date that is not the fact's time, or, with the parse, a phrase whose
  head names no kind (a pronoun, number or clause: "all those", "every single one"): it
  names nothing the graph has a node for, so its text and role stay on its span only (a
  counted phrase such as "20 of Boeing's planes" is a concept);
* ``"concept"``: any other phrase; with the parse, it also gets the kind it names
  (:attr:`~kg.model.Span.concept`: "political prisoner", :func:`kg.resolve.concept_name`).

This is the one place that decides ``refers``, ``"unresolved"`` included. It also gives a
subject, object or speaker without a role (a fact made by hand or by a plugin) the role
agent, patient or attributedTo, and sets for the fact :attr:`~kg.model.Fact.actor` (the
first participant with role agent, else the subject) and :attr:`~kg.model.Fact.undergoer`
(the first with role patient or theme, else the object), the two ends of its direct
relation. A passive "Lukashenko is not recognised by the EU", whose subject has role patient
and whose "by" phrase has role agent, has the EU as its actor and Lukashenko as its
undergoer.

>>> from kg.model import Argument, Fact, Predicate, Role, Span
>>> f = Fact("a", 0, "Lukashenko is not recognised by the EU", 0, 38,
...          Predicate("is not recognised by", 11, 31),
...          subject=Span("Lukashenko", 0, 10, "Alexander Lukashenko", "PERSON", Role.PATIENT),
...          arguments=(Argument(Role.AGENT, "the EU", 32, 38, "European Union", "ORG", "by"),))
>>> g = settle_participants(f)
>>> g.actor, g.undergoer, g.subject.refers
('arguments.0', 'subject', 'entity')
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Argument, Fact, Role, Span
from kg.resolve._concepts import concept_name
from kg.resolve.names import VALUE_TYPES, is_bare_number, is_pronoun, names_an_entity

if TYPE_CHECKING:
    from kg.parse import ParsedArticle

__all__ = ["settle_participants"]

#: Roles of who undergoes an event, for the direct relation's object end.
_UNDERGOER_ROLES = frozenset({Role.PATIENT, Role.THEME})


def _overlaps(a: int | None, b: int | None, c: int | None, d: int | None) -> bool:
    if a is None or b is None or c is None or d is None:
        return False
    return a < d and c < b


def _referent(
    slot: Span | Argument, fact: Fact, parsed: ParsedArticle | None
) -> tuple[str, str | None]:
    """What ``slot`` names (its ``refers``) and, for a concept, the kind (its ``concept``)."""
    refers = _refers(slot, fact)
    if refers != "concept" or parsed is None or slot.concept is not None:
        return refers, slot.concept
    if slot.start is None or slot.end is None or parsed.locate(slot.start, slot.end) is None:
        return refers, None  # not found in the parse: the phrase as written names it
    kind = concept_name(parsed, slot.start, slot.end)
    if kind is None:  # a pronoun, number or clause: no node, its text stays on the span
        return "unresolved", None
    return refers, kind


def _refers(slot: Span | Argument, fact: Fact) -> str:
    place, time = fact.place, fact.time
    if (
        slot.role == Role.LOCATION
        and place is not None
        and (place.start is None or _overlaps(slot.start, slot.end, place.start, place.end))
    ):
        return "place"
    if (
        slot.role == Role.TIME
        and time is not None
        and (time.start is None or _overlaps(slot.start, slot.end, time.start, time.stop))
    ):
        return "time"
    if slot.type in VALUE_TYPES or (slot.role == Role.TIME and not slot.entity):
        if slot.type in ("CARDINAL", "ORDINAL") and not is_bare_number(slot.text):
            return "concept"  # "20 of Boeing's larger 777 planes": a phrase, not a number
        return "unresolved"  # a date or number that is not the fact's time is no node
    if slot.entity and names_an_entity(slot.entity, slot.type):
        return "entity"
    if is_pronoun(slot.text) or is_bare_number(slot.text):
        return "unresolved"
    return "concept"


#: The role of a subject or object that came without one.
_DEFAULT_ROLES = {
    "subject": Role.AGENT,
    "object": Role.PATIENT,
    "attributed_to": Role.ATTRIBUTED_TO,
}


def settle_participants(fact: Fact, parsed: ParsedArticle | None = None) -> Fact:
    """The fact with every participant's ``refers``, role and (with ``parsed``, the fact's
    article parsed) concept, and its ``actor`` and ``undergoer``, set.

    Without the parse (a fact made by hand), a concept keeps the phrase as written.

    >>> from kg.model import Fact, Predicate, Span
    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> parsed = parse_text("All those were freed.", load_model())
    >>> f = Fact("text", 0, "All those were freed.", 0, 21, Predicate("were freed", 10, 20),
    ...          subject=Span("All those", 0, 9))
    >>> settle_participants(f).subject.refers, settle_participants(f, parsed).subject.refers
    ('concept', 'unresolved')
    """
    settled = {}
    for name, slot in fact.slots():
        refers, concept = _referent(slot, fact, parsed)
        role = slot.role or _DEFAULT_ROLES[name]
        settled[name] = replace(slot, refers=refers, concept=concept, role=role)
    named = list(settled.items())
    actor = next((n for n, s in named if s.role == Role.AGENT), None)
    if actor is None and fact.subject is not None:
        actor = "subject"
    undergoer = next((n for n, s in named if s.role in _UNDERGOER_ROLES), None)
    if undergoer is None and fact.object is not None:
        undergoer = "object"
    arguments = tuple(settled[f"arguments.{k}"] for k in range(len(fact.arguments)))
    return replace(
        fact,
        subject=settled.get("subject"),  # type: ignore[arg-type]
        object=settled.get("object"),  # type: ignore[arg-type]
        arguments=arguments,  # type: ignore[arg-type]
        attributed_to=settled.get("attributed_to"),  # type: ignore[arg-type]
        actor=actor,
        undergoer=undergoer,
    )
