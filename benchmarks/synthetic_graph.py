"""A synthetic entity graph of any size, shaped like a news corpus's :func:`kg.graph.entity_graph`.

Same node attributes (``label``, ``type``, ``aliases``) and edge attributes
(:data:`kg.graph.EDGE_ATTRIBUTES`, keyed by event IRI) as the real projection, and the shape
news graphs have: groups of entities that appear in the same stories (community sizes drawn
from a long-tailed distribution, many tiny ones), a few hubs per group that most facts touch,
and a minority of facts that cross groups. Deterministic for a given seed.
"""

from __future__ import annotations

import random

import networkx as nx

from kg.graph import EDGE_ATTRIBUTES

__all__ = ["synthetic_entity_graph"]

_TYPES = ("Person", "Person", "Organisation", "Place", "Group", "Product", "Concept", "EVENT")
_VERBS = (("meet", "met"), ("say", "said"), ("free", "freed"), ("visit", "visited"),
          ("sanction", "sanctioned"), ("sign", "signed"), ("accuse", "accused"),
          ("attack", "attacked"), ("win", "won"), ("buy", "bought"), ("sue", "sued"),
          ("elect", "elected"), ("arrest", "arrested"), ("fund", "funded"))
_FIRST = ("Ana", "Boris", "Chen", "Dara", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Jana",
          "Kofi", "Lena", "Milo", "Nia", "Oleg", "Priya", "Quinn", "Rosa", "Sami", "Tomas")
_LAST = ("Abara", "Brandt", "Costa", "Dlamini", "Eriksen", "Fischer", "Garcia", "Haddad",
         "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor")
_ENT = "https://example.org/kg/entity/"
_EVENT = "https://example.org/kg/event/"
_ARTICLE = "https://example.org/kg/article/"


def _sizes(n_nodes: int, rnd: random.Random) -> list[int]:
    """Community sizes summing to ``n_nodes``: Pareto-distributed, between 2 and 1,500."""
    sizes: list[int] = []
    left = n_nodes
    while left > 0:
        size = min(left, max(2, min(1500, int(2 * rnd.paretovariate(1.1)))))
        sizes.append(size)
        left -= size
    if sizes[-1] == 1 and len(sizes) > 1:
        sizes[-2] += sizes.pop()
    return sizes


def synthetic_entity_graph(n_nodes: int, n_edges: int, *, seed: int = 0,
                           cross: float = 0.12) -> nx.MultiDiGraph:
    """``n_nodes`` entities and ``n_edges`` facts; ``cross`` is the share linking two groups.

    >>> G = synthetic_entity_graph(50, 120)
    >>> G.number_of_nodes(), G.number_of_edges()
    (50, 120)
    """
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    groups: list[list[str]] = []
    at = 0
    for size in _sizes(n_nodes, rnd):
        members = []
        for _ in range(size):
            node = f"{_ENT}{at}"
            name = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)} {at}"
            aliases = (name.split()[1],) if rnd.random() < 0.2 else ()
            G.add_node(node, label=name, type=rnd.choice(_TYPES), aliases=aliases)
            members.append(node)
            at += 1
        groups.append(members)
    # each node's weight: a few hubs per group draw most of its facts (Zipf within the group)
    weights = [[1.0 / (1 + i) ** 1.2 for i in range(len(g))] for g in groups]
    group_weight = [len(g) for g in groups]
    # every node takes part in at least one fact: first a spanning chain inside each group
    pairs: list[tuple[str, str]] = []
    for g in groups:
        for i in range(1, len(g)):
            pairs.append((g[rnd.randrange(i)], g[i]))
    while len(pairs) < n_edges:
        a = rnd.choices(range(len(groups)), weights=group_weight)[0]
        b = a
        if rnd.random() < cross:
            b = rnd.choices(range(len(groups)), weights=group_weight)[0]
        u = rnd.choices(groups[a], weights=weights[a])[0]
        v = rnd.choices(groups[b], weights=weights[b])[0]
        if u != v:
            pairs.append((u, v))
    pairs = pairs[:n_edges]
    rnd.shuffle(pairs)
    for j, (u, v) in enumerate(pairs):
        lemma, verb = rnd.choice(_VERBS)
        subj, obj = G.nodes[u]["label"], G.nodes[v]["label"]
        sentence = f"On day {j % 28 + 1}, {subj} {verb} {obj}, officials said in report {j}."
        base = 40 * (j % 50)  # the sentence's offset in its article
        s0 = sentence.index(subj)
        o0 = sentence.index(obj, s0 + len(subj))
        p0 = sentence.index(verb, s0 + len(subj))
        article = j // 25
        month = 1 + article % 12
        date = f"2025-{month:02d}-{1 + article % 28:02d}"
        attrs = dict.fromkeys(EDGE_ATTRIBUTES)
        attrs.update(
            lemma=lemma, predicate=verb, event=f"{_EVENT}{j}", event_type=lemma,
            role="patient", subject_role="agent", sentence=sentence,
            sentence_id=f"https://example.org/kg/sentence/{j}", sentence_index=j % 50,
            sentence_start=base, sentence_end=base + len(sentence),
            subject_start=base + s0, subject_end=base + s0 + len(subj),
            object_start=base + o0, object_end=base + o0 + len(obj),
            predicate_start=base + p0, predicate_end=base + p0 + len(verb),
            article=f"{_ARTICLE}{article}", title=f"Report {article}: who met whom this week",
            published=date, url=f"https://example.org/news/{article}", time=date, date=date,
            confidence=round(0.3 + 0.7 * rnd.random(), 4), negated=rnd.random() < 0.05,
            rule="svo", via="direct",
        )
        G.add_edge(u, v, key=attrs["event"], **attrs)
    return G
