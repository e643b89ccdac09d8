"""The dependency-parse extractor ``kg.dep.v1``: runs the rules over every sentence.

Pure Python over spaCy's parse: one pass over the tokens, each token offered to the rule for
the construction it heads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kg.extract._draft import Draft, Part, SentenceContext, draft_to_fact
from kg.extract.confidence import score_draft
from kg.extract.rules import (
    adverbial_participle,
    apposition,
    attribute_speech,
    bare_verb,
    controlled_verb,
    copula,
    gerund_clause,
    governs_xcomp,
    is_copula,
    located_in,
    nominal_event,
    participle,
    passive,
    possessive,
    reduced_participle,
    relative_clause,
    shared_subject,
    svo,
    title_apposition,
)
from kg.extract.rules.arguments import SUBJ_DEPS
from kg.extract.rules.event_mentions import event_mentions
from kg.extract.rules.passive import is_passive, passive_subject
from kg.model import Role

if TYPE_CHECKING:
    from kg.model import Fact
    from kg.parse import EntityView, ParsedArticle, ParsedSegment, Token

__all__ = [
    "dependency_extractor",
    "dependency_mention_extractor",
    "entities_by_token",
    "sentence_drafts",
]


def _verbal_drafts(tok: Token) -> list[Draft]:
    """The clause rule for a verb, chosen by how the verb attaches."""
    if is_copula(tok):
        return copula(tok)
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass"):
        return []
    if governs_xcomp(tok):
        return []  # "agreed" in "agreed to lift": the fact is made at "lift"
    has_subj = any(c.dep_ in SUBJ_DEPS for c in tok.children)
    if tok.dep_ != "acl":
        # "prisoners, released and deported from ...": a bare participle the parse hung on
        # a distant verb still describes the noun it follows
        reduced = reduced_participle(tok)
        if reduced:
            return reduced
    if tok.dep_ == "xcomp" and not has_subj:
        return controlled_verb(tok)
    if is_passive(tok) and passive_subject(tok) is not None:
        return passive(tok)
    if has_subj:
        return svo(tok)
    if tok.dep_ == "relcl":
        return relative_clause(tok)
    if tok.dep_ == "acl":
        return participle(tok)
    if tok.dep_ == "conj":
        return shared_subject(tok)
    if tok.dep_ == "advcl":
        return adverbial_participle(tok)
    if tok.dep_ == "pcomp":
        return gerund_clause(tok)
    return []


def sentence_drafts(sent: Sequence[Token], *, with_mentions: bool = False) -> list[Draft]:
    """All drafts for one sentence (its tokens), before confidence and conversion."""
    drafts: list[Draft] = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX"):
            drafts.extend(_verbal_drafts(tok))
        elif tok.dep_ == "appos":
            drafts.extend(apposition(tok))
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
            drafts.extend(title_apposition(tok))
        if tok.dep_ == "poss":
            drafts.extend(possessive(tok))
        elif tok.dep_ == "prep" and tok.lower_ == "in":
            drafts.extend(located_in(tok))
        if tok.pos_ == "NOUN":
            drafts.extend(bare_verb(tok) or nominal_event(tok))
    out = []
    seen: set[tuple[Any, ...]] = set()
    for d in drafts:
        if d.subject is None and d.rule != "nominal_event":
            continue  # only an event noun stands without a subject ("the release of ...")
        if d.subject is not None and d.subject.head.tag_ in ("WP", "WDT"):
            continue  # "what remains": a question word with no antecedent names nothing
        if d.object is not None and _free_relative(d.object):
            continue  # "between what people say and what they do": "people ; say ; what"
        if d.object is None and not d.args and not _complete_alone(d):
            # "she said", "the state can not": a subject alone says too little, except for
            # a verb whose subject undergoes the event ("Steve Jobs died")
            continue
        key = (
            (d.subject.start, d.subject.end) if d.subject else None, d.lemma,
            (d.object.start, d.object.end) if d.object else None,
            (d.example.start, d.example.end) if d.example else None,
        )  # fmt: skip
        if key in seen:
            continue
        seen.add(key)
        out.append(attribute_speech(d))
    if with_mentions:
        out.extend(attribute_speech(d) for d in event_mentions(sent, out))
    return out


def _free_relative(part: Part) -> bool:
    """Whether an object is the bare question word of a free relative, which names nothing.

    Construction: a free relative clause ("what he does"). Written for "The result depends
    on what the board decides." → no "the board ; decides ; what".
    """
    return part.end - part.start == 1 and part.head.tag_ == "WP" and part.head.lower_ == "what"


def _complete_alone(d: Draft) -> bool:
    """Whether a draft with no object or argument is a fact all the same: an event noun, or
    a clause whose subject undergoes the event ("Steve Jobs died", "shares fell", "the
    launch was delayed").

    Open-IE output leaves these out (:func:`kg.extract.facts_to_carb_lines`): a benchmark
    tuple has at least two arguments.
    """
    if d.rule == "nominal_event":
        return True
    if d.subject is None or d.rule in ("copula", "participle"):
        return False  # "controversies aroused": a bare participle describes its noun
    return d.subject.role in (Role.THEME, Role.PATIENT)


def dependency_extractor(parsed: ParsedArticle, *, with_mentions: bool = False) -> list[Fact]:
    """The facts of a parsed article, sentence by sentence.

    Sentence indices count across all segments in order, so the headline is sentence 0.
    With ``with_mentions``, the event mentions that make no triple are facts too
    (:mod:`kg.extract.rules.event_mentions`: the extractor ``kg.dep.v1+mentions``).
    """
    facts: list[Fact] = []
    for layer, base in zip(parsed.segments, parsed.sentence_base, strict=True):
        ents = entities_by_token(layer)
        for k, (start, end) in enumerate(layer.sentences):
            ctx = SentenceContext(parsed.article, layer, base + k, (start, end), ents)
            for d in sentence_drafts(layer[start:end], with_mentions=with_mentions):
                d.confidence = score_draft(d)
                facts.append(draft_to_fact(d, ctx))
    return facts


def entities_by_token(layer: ParsedSegment) -> dict[int, EntityView]:
    """The named entity covering each token of the segment, by token index."""
    return {k: ent for ent in layer.entities for k in range(ent.start, ent.end)}


def dependency_mention_extractor(parsed: ParsedArticle) -> list[Fact]:
    """``kg.dep.v1+mentions``: :func:`dependency_extractor` with the event mentions that
    make no triple ("the arrest", "was found dead"), for event coreference and coverage."""
    return dependency_extractor(parsed, with_mentions=True)
