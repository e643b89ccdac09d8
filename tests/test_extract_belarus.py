"""The facts the Belarus sample article must give (the demo's acceptance list)."""

from __future__ import annotations

import pytest
from conftest import require_shared

from kg.analyse import analyse_text


@pytest.fixture(scope="module")
def facts(nlp):
    from kg.extract import extract_articles
    from kg.ingest import read_articles

    path = require_shared() / "articles" / "belarus-prisoners-2025-12-14.txt"
    article = next(read_articles([path]))
    _, facts = next(extract_articles([article], nlp))
    for f in facts:
        for span in (f.subject, f.object, f.attributed_to):
            if span is not None:
                assert article.text[span.start : span.end] == span.text
    return facts


def find(facts, subject, lemma, obj=None):
    """Facts whose subject ends with ``subject``, with that lemma (and object, if given)."""
    return [
        f
        for f in facts
        if f.subject is not None
        and f.subject.text.endswith(subject)
        and f.predicate.lemma == lemma
        and (obj is None or (f.object is not None and f.object.text == obj))
    ]


@pytest.mark.parametrize(
    ("subject", "lemma", "obj", "rule"),
    [
        ("Belarus", "free", "123 political prisoners", "svo"),
        ("Belarus", "release", "123 prisoners", "svo"),
        ("the US", "lift sanctions on", "potash", "control"),
        ("the United States", "lift", "certain sanctions", "control"),
        ("certain sanctions", "impose on", "the country", "participle"),
        ("Belarus", "ally of", "Russia", "copula"),
        ("Kolesnikova", "hand over to", "Ukraine", "passive"),
        ("John Coale", "is", "special envoy for Belarus", "apposition"),
        ("the European Union", "not recognise", "Lukashenko", "control"),
        ("the United States", "not recognise", "Lukashenko", "control"),
        ("Tikhanovskaya", "express gratitude to", "Ukraine", "svo"),
        ("Maria Kolesnikova", "imprison since", "2020", "passive"),
        ("the released prisoners", "transport to", "Poland", "passive"),
        ("the released prisoners", "transport to", "Lithuania", "passive"),
    ],
)
def test_required_fact(facts, subject, lemma, obj, rule):
    found = find(facts, subject, lemma, obj)
    assert found, f"missing {subject} ; {lemma} ; {obj}"
    assert found[0].rule == rule


def test_headline_quantity(facts):
    (f,) = find(facts, "Belarus", "free")
    assert (f.sentence, f.quantity, f.event_type) == (0, 123, "free")


def test_committed_modality(facts):
    (f,) = find(facts, "the US", "lift sanctions on", "potash")
    assert f.modality == "committed"
    assert f.predicate.text == "has agreed to lift sanctions on"


def test_copula_carb_form(facts):
    from kg.extract import facts_to_carb_lines

    (f,) = find(facts, "Belarus", "ally of", "Russia")
    assert facts_to_carb_lines([f])[0].split("\t")[2:] == [
        "is a close ally of",
        "Belarus",
        "Russia",
    ]


def test_passive_roles(facts):
    (f,) = find(facts, "Kolesnikova", "hand over to", "Ukraine")
    assert f.subject.role == "patient" and f.object.role == "recipient"
    assert not any(a.role == "agent" for a in f.arguments)
    assert f.event_type == "hand_over"


def test_refused_is_negation(facts):
    for f in find(facts, "", "not recognise", "Lukashenko"):
        assert f.negated and ("as", "president") in [(a.prep, a.text) for a in f.arguments]
    passive = find(facts, "Lukashenko", "not recognise as", "president")
    assert [(a.role, a.text) for a in passive[0].arguments] == [("agent", "the European Union")]


def test_time_argument(facts, nlp):
    (f,) = find(facts, "Maria Kolesnikova", "imprison since", "2020")
    assert f.predicate.text == "has been imprisoned since"
    assert [(a.role, a.text) for a in f.arguments] == [] and f.object.role == "time"
    (g,) = [g for g in analyse_text(f.sentence_text, nlp).facts if g.rule == "passive"]
    assert g.time is not None and (g.time.text, g.time.begin) == ("2020", "2020")


def test_no_junk(facts):
    assert not find(facts, "Belarus", "is", "one")
    assert not any(f.object is not None and f.object.text == "one" for f in facts)
    assert not any("Morung" in f.sentence_text or "Click Here" in f.sentence_text for f in facts)
    assert not any("IANS" in f.sentence_text for f in facts)
