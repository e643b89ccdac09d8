"""Cross-article entity merge: one entity per real-world thing across all articles.

Entities of different articles are joined when (1) their canonical names have the same key in
a compatible type family (any family for multi-word names, whose type NER sometimes gets
wrong), (2) one's canonical name is an alias another article found for the other
("Kolesnikova", "US"), unless that alias belongs to several different entities, (3) one is an
acronym or standard short form of the other ("EU" / "European Union"), (4) both are company
names that differ only by corporate suffixes ("Apple Inc." / "Apple Computer" / "Apple"), or
(5) both are person names that are transliteration variants ("Maria Kalesnikava" / "Maria
Kolesnikova"), or (6) one is a person called by surname only ("Yeltsin") and the other the one
full name with that surname ("Boris Yeltsin") that articles sharing context with it name
(:func:`surname_links`, rule :data:`SURNAME_RULE`).

The links depend only on the set of entities, and the canonical name of a group is chosen by a
total order (for people a full name first; then the name most articles use, the most
mentioned, the longest, the alphabetically first), so the result does not depend on article
order.

>>> from kg.model import Entity
>>> a = [Entity("European Union", "ORG"), Entity("Maria Kolesnikova", "PERSON", ("Kolesnikova",))]
>>> b = [Entity("EU", "ORG"), Entity("Kolesnikova", "PERSON")]
>>> sorted(merge_entities([a, b]))
['org/european-union', 'person/maria-kolesnikova']
>>> merge_entities([b, a])["org/european-union"].aliases
('EU',)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kg.model import Entity
from kg.resolve._union_find import UnionFind
from kg.resolve.names import (
    acronym,
    clean_name,
    compatible_types,
    corporate_core,
    entity_key,
    expand_short_form,
    name_key,
    same_person_name,
    strip_titles,
    type_family,
)

__all__ = [
    "merge_entities",
    "merge_with_index",
    "alias_index",
    "SURNAME_RULE",
    "MIN_SHARED_CONTEXT",
    "SurnameLink",
    "surname_links",
]


def _where(e: Entity) -> tuple[tuple[str, int], ...]:
    return tuple((m.doc, m.start) for m in e.mentions)


def _family(e: Entity) -> str:
    return type_family(e.type)


def _compatible(a: Entity, b: Entity) -> bool:
    return compatible_types(a.type, b.type)


def merge_with_index(
    per_article: Iterable[Sequence[Entity]],
) -> tuple[dict[str, Entity], dict[str, str]]:
    """Like :func:`merge_entities`, plus ``entity_key(name, type)`` of every input entity →
    the key of the merged entity it went into (to re-point article-level IRIs).

    >>> from kg.model import Entity
    >>> merged, index = merge_with_index([[Entity("US", "GPE")], [Entity("United States", "GPE")]])
    >>> index["place/us"]
    'place/united-states'
    """
    groups = [list(group) for group in per_article]
    per_article_keys = {
        str(n): {entity_key(e.name, e.type) for e in group} for n, group in enumerate(groups)
    }
    # Sort the input by content so union-find roots do not depend on article order.
    entities = sorted(
        (e for group in groups for e in group),
        key=lambda e: (e.name, e.type or "", e.aliases, _where(e)),
    )
    uf = UnionFind(len(entities))
    by_name: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        by_name.setdefault(name_key(e.name), []).append(i)
    # The rules of the module docstring, (1) to (5).
    _link_same_names(entities, by_name, uf)
    _link_aliases(entities, by_name, uf)
    _link_short_forms(entities, by_name, uf)
    _link_legal_names(entities, uf)
    _link_transliterations(entities, uf)
    _link_surnames(per_article_keys, entities, uf)
    return _merge_groups(entities, uf)


def _link_same_names(
    entities: Sequence[Entity], by_name: dict[str, list[int]], uf: UnionFind
) -> None:
    """(1) Same canonical name key, compatible family; any family for a multi-word name."""
    for key, idxs in by_name.items():
        # A multi-word name is one thing whatever NER called it in one article ("Northrop
        # Grumman" tagged PERSON once); one word may really be two ("Washington").
        multi_word = len(key.split()) > 1
        for i in idxs:
            for j in idxs:
                if i < j and (multi_word or _compatible(entities[i], entities[j])):
                    uf.union(i, j)


def _link_aliases(entities: Sequence[Entity], by_name: dict[str, list[int]], uf: UnionFind) -> None:
    """(2) A name that another entity lists as alias ("Kolesnikova"); skipped when the alias
    is ambiguous (two entities with different canonical names claim it)."""
    alias_owners: dict[str, set[str]] = {}
    alias_of: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        for a in e.aliases:
            k = name_key(a)
            if k and k != name_key(e.name):
                alias_owners.setdefault(k, set()).add(name_key(e.name))
                alias_of.setdefault(k, []).append(i)
    for k, owners in alias_owners.items():
        if len(owners) != 1 or k not in by_name:
            continue
        for i in by_name[k]:
            for j in alias_of[k]:
                if _compatible(entities[i], entities[j]):
                    uf.union(i, j)


def _link_short_forms(
    entities: Sequence[Entity], by_name: dict[str, list[int]], uf: UnionFind
) -> None:
    """(3) Acronyms and standard short forms of another entity's name ("EU", "US")."""
    by_acronym: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        if type_family(e.type) != "person":
            ac = acronym(e.name)
            if ac:
                by_acronym.setdefault(ac, []).append(i)
    for i, e in enumerate(entities):
        expanded = expand_short_form(e.name)
        if expanded is not None:
            for j in by_name.get(name_key(expanded), ()):
                uf.union(i, j)
            continue
        short = clean_name(e.name).replace(".", "")
        if short.isupper() and 2 <= len(short) <= 6:
            for j in by_acronym.get(short, ()):
                if _compatible(e, entities[j]):
                    uf.union(i, j)


def _link_legal_names(entities: Sequence[Entity], uf: UnionFind) -> None:
    """(4) One company under several legal names: "Apple Inc." / "Apple Computer" / "Apple"."""
    by_core: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        if type_family(e.type) in ("org", "other"):
            core = corporate_core(e.name)
            if core:
                by_core.setdefault(core, []).append(i)
    for idxs in by_core.values():
        orgs = [i for i in idxs if type_family(entities[i].type) == "org"]
        for i in idxs:
            if orgs:
                uf.union(i, orgs[0])


def _link_transliterations(entities: Sequence[Entity], uf: UnionFind) -> None:
    """(5) Transliteration variants of multi-word person names, blocked by first initial."""
    persons: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        words = strip_titles(e.name).split()
        if type_family(e.type) == "person" and len(words) > 1:
            persons.setdefault(words[0][:1].lower(), []).append(i)
    for idxs in persons.values():
        names = sorted({strip_titles(entities[i].name) for i in idxs})
        similar = {
            (a, b) for x, a in enumerate(names) for b in names[x + 1 :] if same_person_name(a, b)
        }
        if not similar:
            continue
        first = {strip_titles(entities[i].name): i for i in sorted(idxs)}
        for a, b in similar:
            uf.union(first[a], first[b])
        for i in idxs:
            uf.union(i, first[strip_titles(entities[i].name)])


def _link_surnames(
    per_article: Mapping[str, Iterable[str]], entities: Sequence[Entity], uf: UnionFind
) -> None:
    """(6) "Yeltsin" = "Boris Yeltsin" where :func:`surname_links` says so."""
    at: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        at.setdefault(entity_key(e.name, e.type), []).append(i)
    for link in surname_links(per_article):
        for i in at.get(link.source, ()):
            uf.union(i, at[link.target][0])


#: The rule :func:`surname_links` records on the links it makes.
SURNAME_RULE = "surname_context"

#: How many things (other entities, places, dates) an article naming a person by surname only
#: must share with an article naming the full name before the two are one person: one shared
#: country or date is common between unrelated stories, two seldom are.
MIN_SHARED_CONTEXT = 2


@dataclass(frozen=True)
class SurnameLink:
    """A surname-only person (``source``, an entity key) who is the full name ``target``.

    ``articles`` are the articles that name ``source``, ``shared`` what they share with the
    articles that name ``target`` (entity keys, ``time/...`` values), ``rule`` the rule.
    """

    source: str
    target: str
    articles: tuple[str, ...]
    shared: tuple[str, ...]
    rule: str = SURNAME_RULE


#: Words no person's full name has: a "person" with one is a title, a film or a group.
_CONNECTORS = frozenset({"and", "of", "the", "for", "with"})


def _surname_of(key: str) -> tuple[str, str] | None:
    family, _, slug = key.partition("/")
    return (family, slug) if family == "person" and slug else None


def surname_links(per_article: Mapping[str, Iterable[str]]) -> list[SurnameLink]:
    """Which surname-only people of some articles are a full name of others.

    ``per_article`` maps each article to what it names: entity keys
    (:func:`kg.resolve.names.entity_key`) and, for dates, any other key (``time/1998-03-02``).
    A person key ``person/yeltsin`` (a surname, or any shorter name: ``person/dale-hall``) is
    ``person/boris-yeltsin`` (a full name ending in it: ``person/h-dale-hall``; none with
    "and" or "of") when every article naming ``person/yeltsin`` shares at least
    :data:`MIN_SHARED_CONTEXT` other things with an article naming that full name, and with
    no article naming another full name with that surname ("Rosenbaum" near both Alvin and
    Louis Rosenbaum stays apart; an article that names the surname beside a full name of its
    own is about another person). One key is one node in every article, hence all or none.

    >>> links = surname_links({
    ...     "a": {"person/boris-yeltsin", "place/moscow", "place/russia", "time/1998-03"},
    ...     "b": {"person/yeltsin", "place/moscow", "place/russia"},
    ...     "c": {"person/yeltsin", "place/toronto", "org/maple-leafs"},
    ... })
    >>> links
    []
    >>> surname_links({"a": {"person/kate-and-leopold", "place/new-york", "org/miramax"},
    ...                "b": {"person/leopold", "place/new-york", "org/miramax"}})
    []
    >>> [(k.source, k.target, k.shared) for k in surname_links({
    ...     "a": {"person/boris-yeltsin", "place/moscow", "place/russia"},
    ...     "b": {"person/yeltsin", "place/moscow", "place/russia"}})]
    [('person/yeltsin', 'person/boris-yeltsin', ('place/moscow', 'place/russia'))]
    """
    named = {a: frozenset(keys) for a, keys in per_article.items()}
    people = {k for keys in named.values() for k in keys if _surname_of(k)}
    full_names: dict[str, set[str]] = {}  # surname slug -> the full-name keys ending in it
    for k in people:
        slug = k.partition("/")[2]
        if _CONNECTORS & set(slug.split("-")):
            continue  # "Kate and Leopold" (a film NER took for a person) is no full name
        for n in range(1, slug.count("-") + 1):
            full_names.setdefault(slug.split("-", n)[-1], set()).add(k)
    naming: dict[str, list[str]] = {}  # person key -> the articles that name it
    for a in sorted(named):
        for k in named[a] & people:
            naming.setdefault(k, []).append(a)
    links: list[SurnameLink] = []
    for source in sorted(people):
        targets = full_names.get(source.partition("/")[2])
        if not targets:
            continue
        articles = naming[source]
        others = sorted({b for t in targets for b in naming[t]})
        chosen: set[str] = set()
        shared: set[str] = set()
        for a in articles:
            if named[a] & targets:
                chosen = set()
                break  # "Rosenbaum" beside a full name of its own: that article's choice
            context = named[a] - {source}
            near: dict[str, set[str]] = {}
            for b in others:
                keys = named[b]
                common = context & (keys - targets)
                if len(common) >= MIN_SHARED_CONTEXT:
                    for t in keys & targets:
                        near.setdefault(t, set()).update(common)
            if len(near) != 1:
                chosen = set()
                break  # no full name shares its context, or two do (a family)
            ((target, evidence),) = near.items()
            chosen.add(target)
            shared |= evidence
        if len(chosen) == 1:
            links.append(SurnameLink(source, chosen.pop(), tuple(articles), tuple(sorted(shared))))
    return links


def _merge_groups(
    entities: Sequence[Entity], uf: UnionFind
) -> tuple[dict[str, Entity], dict[str, str]]:
    """One entity per union-find group, by key; and each input's key → its merged key."""
    groups: dict[int, list[Entity]] = {}
    for i, e in enumerate(entities):
        groups.setdefault(uf.find(i), []).append(e)
    merged: dict[str, Entity] = {}
    index: dict[str, str] = {}
    for members in groups.values():
        ent = _combine(members)
        key = entity_key(ent.name, ent.type)
        if key in merged:  # two groups that still land on one key: one entity
            ent = _combine([merged[key], ent])
        merged[key] = ent
        for e in members:
            index[entity_key(e.name, e.type)] = key
    return dict(sorted(merged.items())), index


def _combine(members: Sequence[Entity]) -> Entity:
    votes = Counter(e.type or "OTHER" for e in members)
    etype = min(votes, key=lambda t: (-votes[t], t == "OTHER", t))
    # Short forms count as their long form ("US" → United States).
    used = Counter(expand_short_form(e.name) or clean_name(e.name) for e in members)
    person = type_family(etype) == "person"
    # A total order, so the choice does not depend on input order: full person names first,
    # then the name most articles use, then the most mentioned, then the longest, then alphabetical.
    said = Counter(name_key(m.text) for e in members for m in e.mentions)
    name = min(
        used,
        key=lambda n: (-(person and len(n.split()) > 1), -used[n], -said[name_key(n)], -len(n), n),
    )
    aliases = {clean_name(a) for e in members for a in (e.name, *e.aliases)}
    aliases = {a for a in aliases if a and name_key(a) != name_key(name)}
    mentions = sorted(
        {m for e in members for m in e.mentions}, key=lambda m: (m.doc, m.start, m.end, m.text)
    )
    return Entity(
        name=name,
        type=etype,
        aliases=tuple(sorted(aliases)),
        mentions=tuple(mentions),
        place=next((e.place for e in members if e.place is not None), None),
    )


def merge_entities(per_article: Iterable[Sequence[Entity]]) -> dict[str, Entity]:
    """Merge the entity lists of many articles into ``{entity_key: Entity}``.

    Deterministic for any article order; see the module docstring for the rules.

    >>> from kg.model import Entity
    >>> m = merge_entities([[Entity("US", "GPE")], [Entity("United States", "GPE", ("U.S.",))]])
    >>> list(m), m["place/united-states"].aliases
    (['place/united-states'], ('U.S.', 'US'))
    """
    return merge_with_index(per_article)[0]


def alias_index(merged: dict[str, Entity]) -> dict[str, str]:
    """``entity_key(name_or_alias, type)`` → merged key, for re-pointing article-level names.

    >>> from kg.model import Entity
    >>> alias_index({"org/european-union": Entity("European Union", "ORG", ("EU",))})["org/eu"]
    'org/european-union'
    """
    index: dict[str, str] = {}
    for key, ent in merged.items():
        for n in (ent.name, *ent.aliases):
            index.setdefault(entity_key(n, ent.type), key)
    return index
