"""Example lists: "N such as A, B and C" gives one fact per example besides the fact about N.

"The museum holds works by painters such as Monet and Degas" says the museum holds works
by painters, and by Monet, and by Degas: each example is a participant in the event as N
is. The fact about N keeps its whole phrase; each example gets a fact of its own, the same
relation with the example in N's place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract._draft import Part
from kg.extract._spans import arg_range, conjuncts

if TYPE_CHECKING:
    from kg.extract._draft import Draft
    from kg.parse import Token

__all__ = ["example_items", "example_drafts"]


def example_items(part: Part) -> list[Token]:
    """The heads of the examples a "such as" list inside ``part``'s phrase gives.

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> layer = parse_text("It sells fruit such as apples and pears.", load_model()).segments[0]
    >>> [t.text for t in example_items(Part(2, 8, layer[2], "patient"))]
    ['apples', 'pears']
    """
    doc = part.head.doc
    for k in range(part.start, part.end):
        tok = doc[k]
        if (
            tok.lower_ == "as"
            and tok.dep_ == "prep"
            and part.start <= tok.head.i < part.end
            and any(c.lower_ == "such" for c in tok.children)
        ):
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            return conjuncts(obj) if obj is not None else []
    return []


def example_drafts(drafts: list[Draft]) -> list[Draft]:
    """The drafts, each followed by one draft per example of a "such as" list in its object or
    an argument, the example in the list's noun's place.

    Construction: "N such as A, B and C" in an object or prepositional argument. Written for
    "The museum holds works by painters such as Monet and Degas." → The museum ; holds ;
    works ; by painters such as Monet and Degas, then ... ; by Monet, and ... ; by Degas.
    """
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        for slot in [d.object, *d.args]:
            if slot is None:
                continue
            for item in example_items(slot):
                i, j = arg_range(item, split_coord=True)
                part = Part(i, j, item, slot.role, slot.prep, slot.prep_tokens)
                if slot is d.object:
                    out.append(replace(d, object=part, features={}, example=part))
                else:
                    args = [part if a is slot else a for a in d.args]
                    out.append(replace(d, args=args, features={}, example=part))
    return out
