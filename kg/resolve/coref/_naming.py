"""What a cluster of mentions is called and what it is: its name, type and number.

The sieves ask these of clusters while they link (through
:class:`~kg.resolve.coref._state.SieveState`, which caches the answers), and
:func:`kg.resolve.coref.clusters_to_entities` names each entity by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.resolve.coref._mention import MentionDraft
from kg.resolve.names import expand_short_form, name_key

__all__ = ["canonical_name", "cluster_number", "is_country", "vote_type"]


def cluster_number(members: Sequence[MentionDraft]) -> str | None:
    """A cluster's number: "sg" with a name, else its members' most frequent (first on ties)."""
    if any(x.kind == "name" for x in members):
        return "sg"
    numbers: dict[str, int] = {}
    for x in members:
        if x.number:
            numbers[x.number] = numbers.get(x.number, 0) + 1
    return max(numbers, key=numbers.__getitem__) if numbers else None


def vote_type(members: Sequence[MentionDraft]) -> str | None:
    """A cluster's type: the vote of its names' NER labels (a multi-word person name counts
    twice; a country's name makes it GPE), else "PERSON" for a he/she, else the first label."""
    votes: dict[str, int] = {}
    for x in members:
        if x.kind == "name" and x.label:
            # Multi-word person names are rarely mislabelled; single words often are.
            weight = 2 if x.label == "PERSON" and len(x.name.split()) > 1 else 1
            votes[x.label] = votes.get(x.label, 0) + weight
    if votes:
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "GPE", kv[0]))[0]
        if best != "PERSON":
            name = canonical_name(members)
            if name and is_country(name):
                return "GPE"
        return best
    for x in members:
        if x.kind == "pronoun" and x.gender in ("male", "female"):
            return "PERSON"
    for x in members:
        if x.label:
            return x.label
    return None


def is_country(name: str) -> bool:
    """Whether a name is a country ("Belarus", "US"; not "EU").

    >>> is_country("Belarus"), is_country("US"), is_country("EU")
    (True, True, False)
    """
    if expand_short_form(name) is not None:
        return name_key(name) not in {"eu", "un", "european union", "united nations"}
    return name_key(name) in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names = {"united states", "united kingdom", "russia", "soviet union"}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(name_key(value))
    return frozenset(names)


def canonical_name(members: Sequence[MentionDraft]) -> str | None:
    """The name a cluster goes by.

    People: the longest full name, titles stripped ("Maria Kolesnikova", not "Kolesnikova").
    Others: the name form used most often, short forms counted as their long form ("US" →
    "United States"), then the longest, then the earliest. Counting keeps "Boeing" the name of
    an article that once says "Boeing Commercial Airplanes", so keys agree across articles.
    """
    names = [x for x in members if x.kind == "name" and x.name]
    # A demonym linked to its country ("Belarusian" → Belarus) never names the cluster.
    names = [x for x in names if "demonym" not in x.extra] or names
    if not names:
        return None
    if any(x.label == "PERSON" and len(x.name.split()) > 1 for x in names):
        best = max(
            names,
            key=lambda x: (x.label == "PERSON" and len(x.name.split()) > 1, len(x.name), -x.start),
        )
        return best.name
    used: dict[str, int] = {}
    first: dict[str, tuple[int, str]] = {}
    for x in names:
        form = expand_short_form(x.name) or x.name
        key = name_key(form)
        used[key] = used.get(key, 0) + 1
        first.setdefault(key, (x.start, form))
    key = max(used, key=lambda k: (used[k], len(k), -first[k][0]))
    return first[key][1]
