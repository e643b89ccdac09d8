"""A small union-find over ``0..n-1``, shared by coreference and cross-article merge."""

from __future__ import annotations

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets whose root is always the smallest member.

    Coreference relies on that: the earlier mention stays the root, so clusters are named by
    their first mention (and merged entities by the first in their total order).

    >>> uf = UnionFind(4)
    >>> uf.union(3, 1); uf.union(2, 3)
    >>> [uf.find(i) for i in range(4)]
    [0, 1, 1, 1]
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
