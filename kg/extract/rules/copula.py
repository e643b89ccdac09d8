"""Copular and nominal predicates: "X is a close ally of Y", "X is free"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._draft import Draft, Part
from kg.extract._spans import conjuncts, trim_range
from kg.extract.rules.arguments import (
    Chain,
    build_clause,
    part_for,
    prep_parts,
    subject_parts,
    verb_chain,
)
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = ["adjective_with_infinitive", "copula", "existential", "is_copula"]


#: Prepositions whose phrase completes a copular noun ("ally of", "heir to"); others ("the
#: twelfth album by Melvins") stay in the object.
_NOUN_PREPS = frozenset({"of", "to"})


def is_copula(tok: Token) -> bool:
    """True for a main-verb "be" ("is" in "Belarus is a close ally of Russia")."""
    return tok.lemma_ == "be" and tok.dep_ not in ("aux", "auxpass")


def copula(verb: Token) -> list[Draft]:
    """A copular clause; a complement noun with one "of"/"to"... phrase joins the relation.

    Written for "Belarus is a close ally of Russia" → Belarus ; is a close ally of ;
    Russia, lemma "ally of".
    """
    from kg.extract.rules.conjunction import clause_subject

    if any(c.dep_ == "expl" for c in verb.children):
        return existential(verb)
    subj, _ = clause_subject(verb)
    if subj is None or subj.dep_ == "expl":
        return []
    subjects = subject_parts(subj, Role.THEME)
    attrs = [c for c in verb.children if c.dep_ == "attr"]
    acomps = [c for c in verb.children if c.dep_ == "acomp"]
    if not attrs and not acomps:
        # "Ales Bialiatski is also among those freed": a prepositional predicate
        return build_clause("copula", verb, subjects, exclude=subj)
    chain = verb_chain(verb)
    if acomps and not attrs:
        adjective = adjective_with_infinitive(verb, acomps[0], subjects, chain)
        if adjective:
            return adjective
    pred = list(chain.pred)
    neg = "not " if chain.negated else ""
    comp = (attrs or acomps)[0]
    pps = prep_parts(comp, verb) if comp.pos_ in ("NOUN", "ADJ") and not comp.ent_type_ else []
    if comp.pos_ == "NOUN":
        pps = [p for p in pps if p.prep in _NOUN_PREPS]
    if pps:
        first = pps[0]
        left = [t for t in comp.subtree if t.i < first.prep_tokens[0].i]
        pred += left + first.prep_tokens
        objects = [p for p in pps if p.prep == first.prep]
        lemma = f"{neg}{comp.lemma_.lower()} {first.prep}"
        rest = [p for p in pps if p.prep != first.prep]
    else:
        cs = conjuncts(comp)
        objects = [part_for(c, Role.ATTRIBUTE, split_coord=len(cs) > 1) for c in cs]
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


def existential(verb: Token) -> list[Draft]:
    """An existential "there is/are": what exists is the subject, with the verb's phrases.

    Construction: "there" + "be" + a noun phrase. Written for "There were serious risks in
    the plan, and there are two bridges over the river in the town." → serious risks ;
    were ; (no object, kept in the analysis), and two bridges over the river ; are in ; the
    town; never the subject of another clause, as when "there" was skipped over.
    """
    what = next((c for c in verb.children if c.dep_ in ("attr", "dobj", "nsubj")), None)
    if what is None or what.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        return []
    drafts = build_clause("existential", verb, subject_parts(what, Role.THEME), exclude=what)
    return [_pivot_phrases(d, what) for d in drafts]


def _pivot_phrases(d: Draft, what: Token) -> Draft:
    """An existential whose noun carries prepositional phrases: when the verb has no phrase
    of its own, they are the fact's arguments, the first its object ("were by ; the king").

    Construction: "there" + "be" + N + PP. Written for "There were repeated attempts by the
    old king to regain the throne." → repeated attempts ; were by ; the old king.
    """
    subj = d.subject
    if subj is None or d.object is not None or not subj.start <= what.i < subj.end:
        return d  # "there are two bridges over the river in the town": the noun stays whole
    pps = [p for p in prep_parts(what, d.anchor) if p.prep_tokens and p.start > what.i]
    if not pps or pps[0].prep_tokens[0].i >= subj.end:
        return d
    subj.end = trim_range(what.doc, subj.start, pps[0].prep_tokens[0].i, what.i)[1]
    first = pps[0]
    d.object = first
    d.pred = [*d.pred, *first.prep_tokens]
    d.lemma = f"{d.lemma} {first.prep}"
    d.args = [*d.args, *pps[1:]]
    return d


def adjective_with_infinitive(
    verb: Token, adjective: Token, subjects: list[Part], chain: Chain
) -> list[Draft]:
    """An adjective complement governing an infinitive: the verb's object is the object.

    Written for "This year the firm will be able to service debt" → the firm ; will be able
    to service ; debt, lemma "able to service".
    """
    inner = next(
        (c for c in adjective.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None
    )
    if inner is None or is_copula(inner):
        return []
    lower = verb_chain(inner)
    combined = Chain(
        verbs=[verb, inner],
        pred=[
            *chain.pred,
            *[c for c in adjective.children if c.dep_ == "advmod"],
            adjective,
            *lower.pred,
        ],
        lemma=f"{adjective.lower_} to {lower.lemma}",
        event_type=lower.event_type,
        negated=chain.negated != lower.negated,
        modality=chain.modality or lower.modality,
    )
    return build_clause("copula", inner, subjects, chain=combined)
