"""Clusters to entities: run detection and the sieves, name each cluster that has a name.

:func:`find_clusters` is the coreference of one article (its mentions and the cluster of
each); :func:`clusters_to_entities` makes one :class:`~kg.model.Entity` of each cluster with
a proper name, called by :func:`~kg.resolve.coref._naming.canonical_name`, typed by
:func:`~kg.resolve.coref._naming.vote_type`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Article, Entity, Fact, Mention
from kg.resolve.coref._detect import detect_mentions
from kg.resolve.coref._naming import canonical_name, type_evidence
from kg.resolve.coref._sieves import SIEVES
from kg.resolve.coref._state import SieveState
from kg.resolve.names import clean_name, name_key, names_an_entity

if TYPE_CHECKING:
    from kg.parse import ParsedArticle

__all__ = ["Clustering", "cluster_entities", "clusters_to_entities", "find_clusters"]


@dataclass
class Clustering:
    """The mentions of one article and the cluster each belongs to (``cluster[i]`` for ``i``)."""

    article: Article
    mentions: list[Mention]
    cluster: list[int]
    kinds: list[str]
    state: SieveState | None = field(default=None, repr=False, compare=False)

    def clusters(self) -> list[list[Mention]]:
        """Mentions grouped by cluster, clusters in order of first mention."""
        groups: dict[int, list[Mention]] = {}
        for m, c in zip(self.mentions, self.cluster, strict=True):
            groups.setdefault(c, []).append(m)
        return list(groups.values())


def find_clusters(parsed: ParsedArticle, facts: Sequence[Fact] = ()) -> Clustering:
    """Detect mentions and run every sieve; the article's mentions with their cluster ids.

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> text = "Boeing said it was delighted. The company sells aircraft."
    >>> [[m.text for m in c] for c in find_clusters(parse_text(text, load_model())).clusters()]
    [['Boeing', 'it', 'The company'], ['aircraft']]
    """
    article = parsed.article
    mentions, speakers = detect_mentions(parsed, facts)
    st = SieveState(mentions, speakers, parsed)
    for _name, sieve in SIEVES:
        sieve(st)
    layers = parsed.segments
    out = []
    for m in mentions:
        layer = layers[m.doc_i]
        out.append(
            Mention(
                doc=article.id,
                text=m.text,
                start=m.start,
                end=m.end,
                type=m.label,
                sentence=m.sent,
                rule=m.rule,
                kind=m.kind,
                cluster=st.uf.find(m.idx),
                head=(layer.start(m.head), layer.offset + layer.end[m.head]),
            )
        )
    return Clustering(
        article=article,
        mentions=out,
        cluster=[st.uf.find(m.idx) for m in mentions],
        kinds=[m.kind for m in mentions],
        state=st,
    )


def clusters_to_entities(clustering: Clustering) -> list[Entity]:
    """One :class:`~kg.model.Entity` per cluster that has a proper name, in text order.

    A cluster whose name is a value, pronoun, number or date is no entity
    (:func:`kg.resolve.names.names_an_entity`, decided here once).

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> text = "The EU met. The European Union said it would act."
    >>> clustering = find_clusters(parse_text(text, load_model()))
    >>> [(e.name, e.type, e.aliases) for e in clusters_to_entities(clustering)]
    [('European Union', 'ORG', ('EU',))]
    """
    return [entity for _root, entity in cluster_entities(clustering)]


def cluster_entities(clustering: Clustering) -> list[tuple[int, Entity]]:
    """:func:`clusters_to_entities`, each entity with the root of its cluster."""
    st = clustering.state
    assert st is not None, "a Clustering made by find_clusters"
    # Clusters in order of first mention; each member list is in mention order.
    roots = dict.fromkeys(st.uf.find(m.idx) for m in st.m)
    entities: list[tuple[int, Entity]] = []
    for root in roots:
        members = st.members(st.m[root])
        name = canonical_name(members)
        if not name:
            continue
        etype = st.ctype(members[0]) or "OTHER"  # vote_type(members), cached by the sieves
        if not names_an_entity(name, etype):
            continue  # a date, number or pronoun ("288", "03/08/2013"): no entity
        evidence = tuple(sorted(type_evidence(members).items()))
        aliases: list[str] = []
        seen = {name_key(name)}
        for x in members:
            if "demonym" in x.extra:
                continue
            if x.kind == "name" and x.name and name_key(x.name) not in seen:
                seen.add(name_key(x.name))
                aliases.append(x.name)
            raw = clean_name(x.text)
            if x.kind == "name" and raw != x.name and name_key(raw) not in seen:
                seen.add(name_key(raw))
                aliases.append(raw)
        mentions = tuple(clustering.mentions[x.idx] for x in members)
        entity = Entity(
            name=name,
            type=etype,
            aliases=tuple(aliases),
            mentions=mentions,
            evidence=evidence,
            gender=st.cgender(members[0]) if etype == "PERSON" else None,
        )
        entities.append((root, entity))
    return entities
