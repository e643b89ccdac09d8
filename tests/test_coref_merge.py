"""Cross-article entity merge: alias/acronym/legal-name rules and order independence."""

from __future__ import annotations

import itertools

from kg.model import Entity, Mention
from kg.resolve import merge_entities
from kg.resolve.merge import alias_index, merge_with_index


def _m(doc: str, text: str, start: int = 0) -> Mention:
    return Mention(doc=doc, text=text, start=start, end=start + len(text))


ARTICLES = [
    [
        Entity("European Union", "ORG", (), (_m("a", "European Union"),)),
        Entity(
            "Maria Kolesnikova",
            "PERSON",
            ("Kolesnikova",),
            (_m("a", "Maria Kolesnikova"), _m("a", "Maria Kolesnikova", 99)),
        ),
        Entity("United States", "GPE", ("US",), (_m("a", "US", 5),)),
        Entity("Apple Inc.", "ORG", (), (_m("a", "Apple Inc.", 9),)),
    ],
    [
        Entity("EU", "ORG", (), (_m("b", "EU"),)),
        Entity("Maria Kalesnikava", "PERSON", (), (_m("b", "Maria Kalesnikava"),)),
        Entity("U.S.", "GPE", (), (_m("b", "U.S.", 4),)),
        Entity("Apple Computer", "ORG", (), (_m("b", "Apple Computer", 8),)),
    ],
    [
        Entity("Kolesnikova", "PERSON", (), (_m("c", "Kolesnikova"),)),
        Entity("Apple", "ORG", (), (_m("c", "Apple", 3),)),
        Entity("Apple Corps", "ORG", (), (_m("c", "Apple Corps", 30),)),
        Entity("Belarus", "GPE", (), (_m("c", "Belarus", 40),)),
        Entity("Belarus", "LOC", (), (_m("c", "Belarus", 60),)),
    ],
]


def test_merge_joins_aliases_acronyms_legal_names_and_transliterations():
    merged = merge_entities(ARTICLES)
    assert sorted(merged) == [
        "org/apple-computer",
        "org/apple-corps",
        "org/european-union",
        "person/maria-kolesnikova",
        "place/belarus",
        "place/united-states",
    ]
    eu = merged["org/european-union"]
    assert eu.aliases == ("EU",)
    assert [m.doc for m in eu.mentions] == ["a", "b"]
    maria = merged["person/maria-kolesnikova"]
    assert set(maria.aliases) == {"Kolesnikova", "Maria Kalesnikava"}
    assert [m.doc for m in maria.mentions] == ["a", "a", "b", "c"]
    assert set(merged["org/apple-computer"].aliases) == {"Apple", "Apple Inc."}


def test_merge_is_independent_of_article_order():
    reference = merge_entities(ARTICLES)
    for order in itertools.permutations(ARTICLES):
        merged = merge_entities(order)
        assert merged == reference


def test_merge_is_independent_of_entity_order_within_articles():
    reference = merge_entities(ARTICLES)
    shuffled = [list(reversed(a)) for a in ARTICLES]
    assert merge_entities(shuffled) == reference


def test_merge_index_repoints_article_keys():
    _merged, index = merge_with_index(ARTICLES)
    assert index["org/eu"] == "org/european-union"
    assert index["place/us"] == "place/united-states"
    assert index["person/kolesnikova"] == "person/maria-kolesnikova"


def test_ambiguous_alias_does_not_merge():
    articles = [
        [Entity("George Bush", "PERSON", ("Bush",))],
        [Entity("Jeb Bush", "PERSON", ("Bush",))],
        [Entity("Bush", "PERSON")],
    ]
    merged = merge_entities(articles)
    assert sorted(merged) == ["person/bush", "person/george-bush", "person/jeb-bush"]


def test_person_and_place_with_one_name_stay_apart():
    merged = merge_entities([[Entity("Washington", "GPE")], [Entity("Washington", "PERSON")]])
    assert sorted(merged) == ["person/washington", "place/washington"]


def test_alias_index_lists_every_alias():
    merged = merge_entities(ARTICLES)
    index = alias_index(merged)
    assert index["org/eu"] == "org/european-union"
    assert index["place/us"] == "place/united-states"


def test_merge_joins_a_surname_only_in_an_article_sharing_two_places():
    summit = [Entity("Boris Yeltsin", "PERSON"), Entity("Moscow", "GPE"), Entity("Germany", "GPE")]
    later = [Entity("Yeltsin", "PERSON"), Entity("Moscow", "GPE"), Entity("Germany", "GPE")]
    hockey = [Entity("Yeltsin", "PERSON"), Entity("Toronto", "GPE")]
    assert "person/yeltsin" not in merge_entities([summit, later])
    assert merge_entities([later, summit])["person/boris-yeltsin"].aliases == ("Yeltsin",)
    # an unrelated "Yeltsin" is the same key, so neither joins
    apart = merge_entities([summit, later, hockey])
    assert {"person/yeltsin", "person/boris-yeltsin"} <= set(apart)
