"""The extractor registry, the streaming API and the CaRB line format."""

from __future__ import annotations

import pytest
from conftest import require_shared

from kg.errors import KgError
from kg.extract import (
    dependency_extractor,
    extract_articles,
    extract_text,
    facts_to_carb_lines,
    get_extractor,
    list_extractors,
    register_extractor,
)
from kg.model import Article, Segment


@pytest.fixture(scope="module")
def belarus(nlp):
    from kg.ingest import read_articles

    path = require_shared() / "articles" / "belarus-prisoners-2025-12-14.txt"
    article = next(read_articles([path]))
    parsed, facts = next(extract_articles([article], nlp))
    return article, parsed, facts


def test_default_extractor_is_registered_and_discoverable():
    assert "kg.dep.v1" in list_extractors()
    assert get_extractor() is dependency_extractor


def test_entry_point_names_the_dependency_extractor():
    from importlib.metadata import entry_points

    eps = {ep.name: ep for ep in entry_points(group="kg.extractors")}
    assert eps["kg.dep.v1"].load() is dependency_extractor


def test_unknown_extractor_error_lists_known_ones():
    with pytest.raises(KgError, match="kg.dep.v1"):
        get_extractor("kg.nope.v9")


def test_registered_extractor_is_used_by_extract_articles(nlp):
    @register_extractor("test.count.v1")
    def count(parsed):
        return [len(parsed.segments)]  # type: ignore[list-item]

    articles = [
        Article("a", "One. Two.", segments=(Segment(0, 4), Segment(5, 9))),
        Article("b", "Three."),
    ]
    out = list(extract_articles(articles, nlp, extractor="test.count.v1", batch_size=1))
    assert [(p.article.id, len(p.segments), facts) for p, facts in out] == [
        ("a", 2, [2]),
        ("b", 1, [1]),
    ]


def test_extract_articles_streams_lazily(nlp):
    def gen():
        yield Article("x", "Belarus frees prisoners.")
        raise AssertionError("the second article must not be read before the first is used")

    it = extract_articles(gen(), nlp, batch_size=1)
    parsed, facts = next(it)
    assert parsed.article.id == "x" and facts


def test_offsets_index_article_text(belarus):
    article, _docs, facts = belarus
    assert len(facts) > 30
    for f in facts:
        for span in (f.subject, f.object, f.attributed_to):
            if span is not None:
                assert article.text[span.start : span.end] == span.text
        for a in f.arguments:
            assert article.text[a.start : a.end] == a.text
        assert article.text[f.sentence_start : f.sentence_end] == f.sentence_text
        assert 0.0 <= f.confidence <= 1.0


def test_headline_is_sentence_zero(belarus):
    _, _, facts = belarus
    head = [f for f in facts if f.sentence == 0]
    assert [(f.subject.text, f.predicate.lemma, f.object.text) for f in head] == [
        ("Belarus", "free", "123 political prisoners")
    ]
    assert head[0].quantity == 123


def test_no_facts_from_dateline_or_boilerplate(belarus):
    article, _, facts = belarus
    cut = article.text.index("Support The Morung Express")
    dateline_end = article.text.index("Belarus has released")
    for f in facts:
        assert f.sentence_end <= cut
        assert not (article.text.index("Vilnius, December") <= f.sentence_start < dateline_end)
    assert not any(f.subject.text in ("Vilnius", "IANS") for f in facts if f.subject)


def test_no_junk_copula_with_a_number(belarus):
    _, _, facts = belarus
    junk = [f for f in facts if f.object is not None and f.object.text == "one"]
    assert junk == []


def test_carb_lines_have_sentence_confidence_relation_and_arguments(nlp):
    facts = extract_text("Kolesnikova was handed over to Ukraine along with 113 prisoners .", nlp)
    lines = facts_to_carb_lines(facts)
    assert lines
    cols = lines[0].split("\t")
    assert cols[0] == "Kolesnikova was handed over to Ukraine along with 113 prisoners ."
    assert float(cols[1]) == pytest.approx(facts[0].confidence, abs=1e-4)
    assert cols[2:] == ["was handed over to", "Kolesnikova", "Ukraine", "along with 113 prisoners"]


def test_carb_lines_print_the_given_sentence(nlp):
    text = "Sam ate rice . Kim slept in the barn ."
    facts = extract_text(text, nlp)
    lines = facts_to_carb_lines(facts, {"text": text})
    assert {line.split("\t")[0] for line in lines} == {text}
