"""Coreference scores as the CoNLL reference scorer and coval compute them.

MUC (Vilain et al., 1995), B³ (Bagga & Baldwin, 1998), CEAF-e (Luo, 2005), LEA (Moosavi &
Strube, 2016) and CoNLL F1, the mean of the MUC, B³ and CEAF-e F1 (Pradhan et al., 2014).

A *partition* is a sequence of clusters, each a collection of hashable mention ids; a mention
is in at most one cluster of a partition. The key (gold) and the response (system) need not
hold the same mentions: a key mention the response lacks (or the other way round) counts as
coval counts it, with predicted mentions and singletons kept:

- MUC: a mention missing from the other side is a partition of its own;
- B³: a missing mention earns nothing, and still counts in the denominator;
- CEAF-e: clusters aligned one-to-one, maximising Σ φ4(k, r) = Σ 2|k ∩ r| / (|k| + |r|);
- LEA: a cluster of n mentions has n(n−1)/2 links (a singleton: one self-link, resolved when
  its mention is a singleton on the other side too), weighted by n.

Each metric has a counts form (:class:`CorefCounts`, numerators and denominators) so that
documents can be added up (micro-averaged) before the ratios are taken.

>>> key = [{"a", "b", "c"}, {"d"}]
>>> response = [{"a", "b"}, {"c", "d"}]
>>> s = coref_scores(key, response)
>>> [round(x, 3) for x in s.muc], round(s.conll, 3)
([0.5, 0.5, 0.5], 0.646)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "PRF",
    "CorefScores",
    "CorefCounts",
    "coref_counts",
    "coref_scores",
    "muc",
    "b_cubed",
    "ceaf_e",
    "lea",
    "conll_f1",
    "partition",
]

Partition = Sequence[Collection[Hashable]]
#: Numerators and denominators of one metric: precision num, den; recall num, den.
Ratio = tuple[float, float, float, float]


class PRF(NamedTuple):
    """Precision, recall and F1 of one metric (a tuple in that order)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, ratio: Ratio) -> PRF:
        """The scores of a counts tuple; 0 where a denominator is 0 (as coval does).

        >>> PRF.of((1, 2, 3, 4))
        PRF(precision=0.5, recall=0.75, f1=0.6)
        """
        pn, pd, rn, rd = ratio
        p = pn / pd if pd else 0.0
        r = rn / rd if rd else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class CorefScores:
    """MUC, B³, CEAF-e and LEA as (precision, recall, F1); :attr:`conll` is the CoNLL F1."""

    muc: PRF
    b3: PRF
    ceafe: PRF
    lea: PRF

    @property
    def conll(self) -> float:
        """The mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


@dataclass(frozen=True)
class CorefCounts:
    """Each metric's numerators and denominators; counts of several documents add up.

    >>> one = coref_counts([{1, 2}], [{1, 2}])
    >>> (one + coref_counts([{3}], [{4}])).scores().b3
    PRF(precision=0.6666666666666666, recall=0.6666666666666666, f1=0.6666666666666666)
    """

    muc: Ratio = (0.0, 0.0, 0.0, 0.0)
    b3: Ratio = (0.0, 0.0, 0.0, 0.0)
    ceafe: Ratio = (0.0, 0.0, 0.0, 0.0)
    lea: Ratio = (0.0, 0.0, 0.0, 0.0)

    def __add__(self, other: CorefCounts) -> CorefCounts:
        def add(a: Ratio, b: Ratio) -> Ratio:
            return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])

        return CorefCounts(
            add(self.muc, other.muc),
            add(self.b3, other.b3),
            add(self.ceafe, other.ceafe),
            add(self.lea, other.lea),
        )

    def scores(self) -> CorefScores:
        """The ratios."""
        return CorefScores(PRF.of(self.muc), PRF.of(self.b3), PRF.of(self.ceafe), PRF.of(self.lea))


def _clusters(
    partition: Partition, side: str
) -> tuple[list[frozenset[Hashable]], dict[Hashable, int]]:
    """Non-empty clusters as frozensets and mention → cluster index (a mention twice: error)."""
    clusters = [frozenset(c) for c in partition if len(c)]
    where: dict[Hashable, int] = {}
    for i, c in enumerate(clusters):
        for m in c:
            if m in where:
                raise ValueError(f"mention {m!r} is in two clusters of the {side}")
            where[m] = i
    if sum(len(c) for c in clusters) != sum(len(c) for c in partition if len(c)):
        raise ValueError(f"a cluster of the {side} lists a mention twice")
    return clusters, where


def coref_counts(key: Partition, response: Partition) -> CorefCounts:
    """The numerators and denominators of MUC, B³, CEAF-e and LEA for one document.

    >>> c = coref_counts([{1, 2, 3}], [{1, 2}, {3}])
    >>> c.muc  # precision 1/1, recall 1/2
    (1.0, 1.0, 1.0, 2.0)
    """
    keys, in_key = _clusters(key, "key")
    resps, in_resp = _clusters(response, "response")
    return CorefCounts(
        muc=(*_muc(resps, in_key), *_muc(keys, in_resp)),
        b3=(*_b3(resps, in_key), *_b3(keys, in_resp)),
        ceafe=_ceafe(keys, resps, in_resp),
        lea=(*_lea(resps, keys, in_key), *_lea(keys, resps, in_resp)),
    )


def coref_scores(key: Partition, response: Partition) -> CorefScores:
    """MUC, B³, CEAF-e, LEA and CoNLL F1 of ``response`` against ``key``.

    >>> s = coref_scores([{1, 2}, {3}], [{1, 2}, {3}])
    >>> s.conll, s.lea.f1
    (1.0, 1.0)
    """
    return coref_counts(key, response).scores()


def _muc(
    clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]
) -> tuple[float, float]:
    """Σ (|c| − |partitions of c by the other side|), Σ (|c| − 1)."""
    num = den = 0
    for c in clusters:
        linked = {other[m] for m in c if m in other}
        missing = sum(1 for m in c if m not in other)
        num += len(c) - len(linked) - missing
        den += len(c) - 1
    return float(num), float(den)


def _b3(clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]) -> tuple[float, float]:
    """Σ over clusters c of Σ_j |c ∩ o_j|² / |c|, and the number of mentions."""
    num = 0.0
    den = 0
    for c in clusters:
        counts = Counter(other[m] for m in c if m in other)
        num += sum(n * n for n in counts.values()) / len(c)
        den += len(c)
    return num, float(den)


def _lea(
    clusters: Sequence[frozenset[Hashable]],
    other_clusters: Sequence[frozenset[Hashable]],
    other: dict[Hashable, int],
) -> tuple[float, float]:
    """Σ |c| · (links of c the other side has) / (links of c), and Σ |c|."""
    num = 0.0
    den = 0
    for c in clusters:
        if len(c) == 1:
            (m,) = c
            common = 1 if m in other and len(other_clusters[other[m]]) == 1 else 0
            links = 1
        else:
            counts = Counter(other[m] for m in c if m in other)
            common = sum(n * (n - 1) // 2 for n in counts.values())
            links = len(c) * (len(c) - 1) // 2
        num += len(c) * common / links
        den += len(c)
    return num, float(den)


def _ceafe(
    keys: Sequence[frozenset[Hashable]],
    resps: Sequence[frozenset[Hashable]],
    in_resp: dict[Hashable, int],
) -> Ratio:
    """Σ φ4 of the best one-to-one cluster alignment; precision over |R|, recall over |K|.

    The alignment is found per connected component of the "share a mention" graph (clusters
    that share none score 0 together), with networkx's maximum-weight matching where a
    component has more than one cluster on each side.
    """
    import networkx as nx

    graph = nx.Graph()
    for i, k in enumerate(keys):
        shared = Counter(in_resp[m] for m in k if m in in_resp)
        for j, n in shared.items():
            graph.add_edge(("k", i), ("r", j), weight=2 * n / (len(k) + len(resps[j])))
    total = 0.0
    for nodes in nx.connected_components(graph):
        sub = graph.subgraph(nodes)
        if sub.number_of_edges() == 1:
            ((_a, _b, w),) = sub.edges(data="weight")
            total += w
            continue
        sides = Counter(side for side, _ in nodes)
        if min(sides.values()) == 1:  # a star: the heaviest edge is the best alignment
            total += max(w for _a, _b, w in sub.edges(data="weight"))
            continue
        total += sum(sub[a][b]["weight"] for a, b in nx.max_weight_matching(sub))
    return (total, float(len(resps)), total, float(len(keys)))


def muc(key: Partition, response: Partition) -> PRF:
    """MUC precision, recall, F1 (link-based; singletons contribute nothing).

    The textbook example (Vilain et al., 1995): key {A,B,C,D}, response {A,B},{C,D} → R 2/3.

    >>> [round(x, 3) for x in muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])]
    [1.0, 0.667, 0.8]
    """
    return coref_scores(key, response).muc


def b_cubed(key: Partition, response: Partition) -> PRF:
    """B³ precision, recall, F1, mention-averaged.

    Example from Luo (2005): key {1..5},{6,7},{8..12}; response {1..5},{6..12}.

    >>> key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    >>> resp = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    >>> [round(x, 3) for x in b_cubed(key, resp)]
    [0.762, 1.0, 0.865]
    """
    return coref_scores(key, response).b3


def ceaf_e(key: Partition, response: Partition) -> PRF:
    """Entity-based CEAF (φ4) precision, recall, F1 with an optimal cluster alignment.

    Luo's (2005) example: the merged response aligns {1..5} fully and {8..12} at 2·5/12.

    >>> key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    >>> resp = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    >>> [round(x, 3) for x in ceaf_e(key, resp)]
    [0.917, 0.611, 0.733]
    """
    return coref_scores(key, response).ceafe


def lea(key: Partition, response: Partition) -> PRF:
    """LEA precision, recall, F1 (link-based, each cluster weighted by its size).

    Moosavi & Strube (2016): key {a,b,c},{d,e,f,g}; response {a,b},{c,d},{f,g,h,i}.
    Recall (3·1/3 + 4·1/6) / 7 = 0.238; precision (2·1 + 2·0 + 4·1/6) / 8 = 0.333.

    >>> key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    >>> resp = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    >>> [round(x, 3) for x in lea(key, resp)]
    [0.333, 0.238, 0.278]
    """
    return coref_scores(key, response).lea


def conll_f1(key: Partition, response: Partition) -> float:
    """The CoNLL F1: mean of the MUC, B³ and CEAF-e F1.

    >>> conll_f1([{1, 2}], [{1}, {2}])  # MUC 0, B³ F1 2/3, CEAF-e F1 4/9
    0.3703703703703704
    """
    return coref_scores(key, response).conll


def partition(labels: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    """Clusters from ``(mention, cluster label)`` pairs, in first-seen order.

    >>> [sorted(c) for c in partition([("m1", "A"), ("m2", "B"), ("m3", "A")])]
    [['m1', 'm3'], ['m2']]
    """
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels:
        groups.setdefault(label, set()).add(mention)
    return list(groups.values())
