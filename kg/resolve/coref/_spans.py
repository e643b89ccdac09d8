"""Span resolution: the entity each fact span refers to, written onto the facts.

A span refers to the entity of the cluster of the shortest mention that holds its head word
("she" → "Svetlana Tikhanovskaya"); failing that, a span that already names an entity is
pointed to the article's entity that has that name or alias.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from kg.model import Argument, Entity, Fact, Mention, Span
from kg.resolve.coref._entities import cluster_entities, find_clusters
from kg.resolve.coref._mention import MentionDraft
from kg.resolve.coref._state import SieveState
from kg.resolve.names import name_key

if TYPE_CHECKING:
    from kg.parse import ParsedArticle

__all__ = ["Resolved", "resolve_entities"]


class Resolved(NamedTuple):
    """What :func:`resolve_entities` decided: the facts with their spans' entities, the
    article's entities, and every mention coreference found, with its cluster and head."""

    facts: list[Fact]
    entities: list[Entity]
    mentions: list[Mention]


def resolve_entities(parsed: ParsedArticle, facts: Sequence[Fact]) -> Resolved:
    """Resolve the article's entities and write them onto the facts' spans.

    Returns the facts with ``Span.entity``/``Span.type`` and ``Argument.entity``/``type`` set
    to the canonical name and coarse type wherever the span's head word lies in a mention of a
    named entity ("she" → "Svetlana Tikhanovskaya", "the country" → "Belarus"), the
    article's entities (canonical name, coarse type, aliases, mentions with their rule), and
    all its mentions (names, pronouns, nominals) with their cluster and head word.

    >>> from kg.extract import extract_facts
    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> parsed = parse_text("Maria Kolesnikova was freed. She thanked Ukraine.", load_model())
    >>> facts, entities, mentions = resolve_entities(parsed, extract_facts(parsed))
    >>> [(f.subject.text, f.subject.entity) for f in facts if f.subject]
    [('Maria Kolesnikova', 'Maria Kolesnikova'), ('She', 'Maria Kolesnikova')]
    >>> [(m.text, m.kind) for m in mentions if m.cluster == mentions[0].cluster]
    [('Maria Kolesnikova', 'name'), ('She', 'pronoun')]
    """
    clustering = find_clusters(parsed, facts)
    found = cluster_entities(clustering)
    entities = [entity for _root, entity in found]
    st = clustering.state
    assert st is not None
    entity_of = dict(found)
    by_name = {name_key(a): e for e in entities for a in (e.name, *e.aliases)}
    resolver = _SpanResolver(parsed, st, entity_of, by_name)
    return Resolved([resolver.fact(f) for f in facts], entities, clustering.mentions)


#: Coreference rules that link a description of an entity to it (its apposition, a role
#: phrase before its name): as a fact's participant about that entity, it stays the phrase.
_DESCRIPTION_RULES = frozenset({"apposition", "role_modifier"})


class _SpanResolver:
    """Finds the entity a fact span refers to through the mention that holds its head word."""

    def __init__(
        self,
        parsed: ParsedArticle,
        st: SieveState,
        entity_of: dict[int, Entity],
        by_name: dict[str, Entity],
    ) -> None:
        self.locate = parsed.locate
        self.st = st
        self.entity_of = entity_of
        self.by_name = by_name
        # (doc index, token index) → the shortest mention holding that token (the first
        # in mention order among equals), built once instead of scanning per span.
        self.holder: dict[tuple[int, int], MentionDraft] = {}
        for m in st.m:
            size = m.tok_end - m.tok_start
            for t in range(m.tok_start, m.tok_end):
                old = self.holder.get((m.doc_i, t))
                if old is None or size < old.tok_end - old.tok_start:
                    self.holder[(m.doc_i, t)] = m

    def lookup(self, start: int, end: int, current: str | None) -> Entity | None:
        hit = self.locate(start, end)
        if hit is not None:
            m = self.holder.get(hit)
            if m is not None:
                ent = self.entity_of.get(self.st.uf.find(m.idx))
                if ent is not None:
                    return ent
        if current:
            return self.by_name.get(name_key(current))
        return None

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        ent = self.lookup(span.start, span.end, span.entity)
        if ent is None or (span.entity, span.type) == (ent.name, ent.type):
            return span
        return replace(span, entity=ent.name, type=ent.type)

    def argument(self, arg: Argument) -> Argument:
        ent = self.lookup(arg.start, arg.end, arg.entity)
        if ent is None or (arg.entity, arg.type) == (ent.name, ent.type):
            return arg
        return replace(arg, entity=ent.name, type=ent.type)

    def describes(self, span: Span | None, subject: Span | None) -> bool:
        """Whether ``span`` is a phrase that describes the fact's own subject, linked to it
        by a description rule ("Belarusian President" in "Belarusian President Alexander
        Lukashenko", "the Apple CEO" after "Steve Jobs,"): the fact keeps the phrase, so
        "Lukashenko is Belarusian President" does not become "Lukashenko is Lukashenko"."""
        if span is None or span.entity or subject is None or subject.entity is None:
            return False
        hit = self.locate(span.start, span.end)
        m = self.holder.get(hit) if hit is not None else None
        if m is None or m.rule not in _DESCRIPTION_RULES:
            return False
        ent = self.entity_of.get(self.st.uf.find(m.idx))
        return ent is not None and ent.name == subject.entity

    def fact(self, fact: Fact) -> Fact:
        subject = self.span(fact.subject)
        obj = fact.object if self.describes(fact.object, subject) else self.span(fact.object)
        attributed_to = self.span(fact.attributed_to)
        arguments = tuple(self.argument(a) for a in fact.arguments)
        unchanged = (
            subject is fact.subject
            and obj is fact.object
            and attributed_to is fact.attributed_to
            and all(a is b for a, b in zip(arguments, fact.arguments, strict=True))
        )
        if unchanged:
            return fact  # no copy: an equal one would only cost time
        return replace(
            fact, subject=subject, object=obj, attributed_to=attributed_to, arguments=arguments
        )
