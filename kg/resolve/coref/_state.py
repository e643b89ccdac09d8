"""What the sieves share: the mentions, their clusters, and each sentence's salience order.

:class:`SieveState` links two mentions' clusters (:meth:`SieveState.link`, which refuses a
non-name rule joining two named clusters), answers a cluster's type, gender and number
(cached until the cluster changes), and lists a mention's antecedent candidates in the
order the sieves try them (:meth:`SieveState.candidates`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.resolve._union_find import UnionFind
from kg.resolve.coref._mention import MentionDraft
from kg.resolve.coref._naming import cluster_number, vote_type
from kg.resolve.names import name_key, person_names_conflict

if TYPE_CHECKING:
    from kg.parse import ParsedArticle

__all__ = ["SieveState"]

# Rules that compare names; only these may join two clusters that both have a name.
_NAME_RULES = frozenset(
    {"exact_name", "title_strip", "acronym", "partial_name", "transliteration", "demonym"}
)


def _people_differ(a: list[MentionDraft], b: list[MentionDraft]) -> bool:
    """Whether two clusters' person names cannot be one person ("Alvin" and "Louis
    Rosenbaum": given names or initials that differ, see
    :func:`kg.resolve.names.person_names_conflict`)."""
    people_a = {x.name for x in a if x.label == "PERSON" and len(x.name.split()) > 1}
    if not people_a:
        return False
    people_b = {x.name for x in b if x.label == "PERSON" and len(x.name.split()) > 1}
    return any(person_names_conflict(x, y) for x in people_a for y in people_b)


class SieveState:
    """Mentions, clusters and per-sentence salience order shared by the sieves."""

    def __init__(
        self,
        mentions: list[MentionDraft],
        quotes: dict[int, int | None],
        parsed: ParsedArticle,
    ) -> None:
        self.m = mentions
        self._members: dict[int, list[MentionDraft]] = {m.idx: [m] for m in mentions}
        self.parsed = parsed
        self.text = parsed.article.text
        self.parses = parsed.segments  # each segment's token layer
        self.uf = UnionFind(len(mentions))
        # Cluster root → its voted type; a cluster's entry goes when it changes (link) and
        # all go when a mention's evidence changes (forget_types). The sieves ask often.
        self._types: dict[int, str | None] = {}
        # Cluster root → its gender and number (from the members' own, fixed features).
        self._genders: dict[int, str | None] = {}
        self._numbers: dict[int, str | None] = {}
        self.starts = [m.start for m in mentions]  # mentions are in text order
        self.quote_speaker = quotes  # quote id → speaker mention idx
        self.by_sent: dict[int, list[MentionDraft]] = {}
        for m in mentions:
            self.by_sent.setdefault(m.sent, []).append(m)
        # Sentences all of whose mentions are quoted speech.
        self.quoted_sents = {
            sent for sent, ms in self.by_sent.items() if all(x.quote is not None for x in ms)
        }
        for ms in self.by_sent.values():
            # Breadth-first order of the dependency tree: shallow (subjects, main clause) first.
            # Premodifiers ("U.S." in "U.S. retailer Best Buy") come after phrases of their depth.
            ms.sort(key=lambda x: (x.depth, "modifier" in x.extra, x.start))

    def same(self, a: MentionDraft, b: MentionDraft) -> bool:
        return self.uf.find(a.idx) == self.uf.find(b.idx)

    def members(self, m: MentionDraft) -> list[MentionDraft]:
        return self._members[self.uf.find(m.idx)]

    def link(self, anaphor: MentionDraft, antecedent: MentionDraft, rule: str) -> bool:
        """Merge the two clusters; False when refused.

        Rules that are not name rules never join two clusters that each have a proper name:
        the name sieves have already joined every pair of names that may corefer, so "the
        company" between "Apple" and "Infogear" must not make them one. No rule joins two
        clusters whose person names are two people ("Alvin" and "Louis Rosenbaum").
        """
        if self.same(anaphor, antecedent):
            return True
        names_a, names_b = self.names(anaphor), self.names(antecedent)
        if rule not in _NAME_RULES and names_a and names_b:
            return False
        if names_a and names_b and _people_differ(names_a, names_b):
            return False  # "Rosenbaum" may be Alvin or Louis Rosenbaum, not both at once
        if anaphor.rule is None:
            anaphor.rule = rule
        ra, rb = self.uf.find(anaphor.idx), self.uf.find(antecedent.idx)
        for cache in (self._types, self._genders, self._numbers):
            cache.pop(ra, None)
            cache.pop(rb, None)
        self.uf.union(ra, rb)
        root = self.uf.find(ra)
        merged = self._members.pop(ra) + self._members.pop(rb)
        self._members[root] = sorted(merged, key=lambda x: x.idx)
        return True

    def first_name_owners(self, first: str) -> int:
        """How many clusters have a multi-word person name starting with ``first``."""
        owners = {
            self.uf.find(x.idx)
            for x in self.m
            if x.kind == "name"
            and x.label == "PERSON"
            and len(x.name.split()) > 1
            and name_key(x.name).split()[0] == first
        }
        return len(owners)

    def org_first_word_owners(self, first: str) -> int:
        """How many clusters have a multi-word organisation name starting with ``first``."""
        owners = {
            self.uf.find(x.idx)
            for x in self.m
            if x.kind == "name"
            and x.label == "ORG"
            and len(name_key(x.name).split()) > 1
            and name_key(x.name).split()[0] == first
        }
        return len(owners)

    def names(self, m: MentionDraft) -> list[MentionDraft]:
        return [x for x in self.members(m) if x.kind == "name"]

    def ctype(self, m: MentionDraft) -> str | None:
        """The cluster's type: vote of its names, else the nominal/pronoun evidence."""
        root = self.uf.find(m.idx)
        if root not in self._types:
            self._types[root] = vote_type(self._members[root])
        return self._types[root]

    def forget_types(self) -> None:
        """Drop the cached cluster types (after a change to a mention's own evidence)."""
        self._types.clear()

    def cgender(self, m: MentionDraft) -> str | None:
        root = self.uf.find(m.idx)
        if root not in self._genders:
            genders = {x.gender for x in self._members[root] if x.gender in ("male", "female")}
            self._genders[root] = genders.pop() if len(genders) == 1 else None
        return self._genders[root]

    def cnumber(self, m: MentionDraft) -> str | None:
        root = self.uf.find(m.idx)
        if root not in self._numbers:
            self._numbers[root] = cluster_number(self._members[root])
        return self._numbers[root]

    def candidates(
        self, m: MentionDraft, window: int, among: dict[int, list[MentionDraft]] | None = None
    ) -> Iterator[MentionDraft]:
        """Antecedent candidates: this sentence (before m) then earlier ones, salience order.

        For a mention outside quotes, sentences wholly inside a quote do not count toward the
        window (the pronoun in '"...," she said' reaches back past the quote). ``among``:
        only these mentions (sentence → its mentions in salience order, a subset of
        ``by_sent``), for a sieve that would skip the others.
        """
        by_sent = self.by_sent if among is None else among
        seen = 0
        s = m.sent
        while s >= 0 and seen <= window:
            if m.quote is None and s != m.sent and s in self.quoted_sents:
                s -= 1
                continue
            seen += 1
            for c in by_sent.get(s, ()):
                if c.start >= m.start or c.idx == m.idx:
                    continue
                if c.start <= m.start and m.end <= c.end:
                    continue  # i-within-i: "his isolation" is not "his" antecedent
                yield c
            s -= 1
