"""Copular and nominal predicates: "X is a close ally of Y", "X is free"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import Draft
from kg.extract._spans import conjuncts
from kg.extract.rules.arguments import (
    build_clause,
    part_for,
    prep_parts,
    subject_parts,
    verb_chain,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["copula", "is_copula"]


def is_copula(tok: Token) -> bool:
    """True for a main-verb "be" ("is" in "Belarus is a close ally of Russia")."""
    return tok.lemma_ == "be" and tok.dep_ not in ("aux", "auxpass")


def copula(verb: Token) -> list[Draft]:
    """A copular clause; a complement noun with one "of"/"to"... phrase joins the relation.

    Written for "Belarus is a close ally of Russia" → Belarus ; is a close ally of ;
    Russia, lemma "ally of".
    """
    from kg.extract.rules.conjunction import clause_subject

    subj, _ = clause_subject(verb)
    if subj is None or subj.dep_ == "expl":
        return []
    subjects = subject_parts(subj, "theme")
    attrs = [c for c in verb.children if c.dep_ == "attr"]
    acomps = [c for c in verb.children if c.dep_ == "acomp"]
    if not attrs and not acomps:
        # "Ales Bialiatski is also among those freed": a prepositional predicate
        return build_clause("copula", verb, subjects, exclude=subj)
    chain = verb_chain(verb)
    pred = list(chain.pred)
    neg = "not " if chain.negated else ""
    comp = (attrs or acomps)[0]
    pps = prep_parts(comp, verb) if comp.pos_ in ("NOUN", "ADJ") and not comp.ent_type_ else []
    if pps:
        first = pps[0]
        left = [t for t in comp.subtree if t.i < first.prep_tokens[0].i]
        pred += left + first.prep_tokens
        objects = [p for p in pps if p.prep == first.prep]
        lemma = f"{neg}{comp.lemma_.lower()} {first.prep}"
        rest = [p for p in pps if p.prep != first.prep]
    else:
        cs = conjuncts(comp)
        objects = [part_for(c, "attribute", split_coord=len(cs) > 1) for c in cs]
        lemma = f"{neg}is"
        rest = []
    verb_args = prep_parts(verb, verb)
    out = []
    for s in subjects:
        for o in objects:
            out.append(
                Draft(
                    rule="copula",
                    anchor=verb,
                    pred=pred,
                    lemma=lemma,
                    event_type="be",
                    subject=s,
                    object=o,
                    args=list(rest) + verb_args,
                    negated=chain.negated,
                    modality=chain.modality,
                )
            )
    return out
