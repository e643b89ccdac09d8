"""Coreference metrics (textbook values) and the MEANTIME dev figures."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.eval.coref import (
    CorefResult,
    b_cubed,
    ceaf_e,
    evaluate_coref,
    format_table,
    meantime_article,
    muc,
    pairwise,
)

# Luo (2005), Figure 1: key {1..5}, {6,7}, {8..12}; two system responses.
KEY = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
RESP_MERGED = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
RESP_ALL = [set(range(1, 13))]


def _r(t: tuple[float, float, float]) -> list[float]:
    return [round(x, 3) for x in t]


def test_muc_textbook_values():
    # Vilain et al. (1995): key {A,B,C,D}; response {A,B},{C,D}: recall 2/3, precision 1.
    assert _r(muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])) == [1.0, 0.667, 0.8]
    # Luo's responses: MUC rates both the same (its known weakness): R 1, P 9/10 and 9/11.
    assert _r(muc(KEY, RESP_MERGED)) == [0.9, 1.0, 0.947]
    assert _r(muc(KEY, RESP_ALL)) == [0.818, 1.0, 0.9]


def test_muc_ignores_singletons():
    assert _r(muc([{1}, {2}], [{1}, {2}])) == [0.0, 0.0, 0.0]


def test_b_cubed_textbook_values():
    # Luo (2005) / Bagga & Baldwin: merged response P = (5·1 + 2·2/7 + 5·5/7)/12 = 0.762.
    assert _r(b_cubed(KEY, RESP_MERGED)) == [0.762, 1.0, 0.865]
    # All in one cluster: P = (25 + 4 + 25) / 144 = 0.375.
    assert _r(b_cubed(KEY, RESP_ALL)) == [0.375, 1.0, 0.545]
    assert _r(b_cubed(KEY, KEY)) == [1.0, 1.0, 1.0]


def test_ceaf_e_textbook_values():
    # Luo (2005): φ4 alignment {1..5}↔{1..5} (1.0) + {8..12}↔{6..12} (10/12).
    assert _r(ceaf_e(KEY, RESP_MERGED)) == [0.917, 0.611, 0.733]
    # One response entity: best φ4 = 2·5/17; P = 0.588, R = 0.196.
    assert _r(ceaf_e(KEY, RESP_ALL)) == [0.588, 0.196, 0.294]


def test_ceaf_e_needs_the_optimal_not_the_greedy_alignment():
    key = [{1}, {2, 3, 5, 6}, {4}]
    resp = [{1, 3}, {2, 4, 5}, {6}]
    # Greedy (best pair first): {1}-{1,3} 2/3, then {2,3,5,6}-{2,4,5} 4/7, then {4}-{6} 0
    # = 1.238. Optimal: {1}-{1,3} 2/3 + {2,3,5,6}-{6} 2/5 + {4}-{2,4,5} 1/2 = 1.567.
    p, r, _f = ceaf_e(key, resp)
    assert round(p, 3) == round(r, 3) == round(1.5667 / 3, 3)


def test_pairwise_counts_only_cross_document_pairs():
    gold = {"a1": "X", "a2": "X", "b1": "X"}
    system = {"a1": "k", "a2": "k", "b1": "j"}
    doc = {"a1": "a", "a2": "a", "b1": "b"}
    # Gold cross-doc pairs: (a1,b1), (a2,b1); system has none.
    assert _r(pairwise(gold, system, doc)) == [0.0, 0.0, 0.0]
    system["b1"] = "k"
    assert _r(pairwise(gold, system, doc)) == [1.0, 1.0, 1.0]


def test_meantime_article_segments_skip_the_date_line(tmp_path):
    path = tmp_path / "1.txt"
    path.write_text("Title here\n\nMarch 01, 2008\n\nBody one.\n\nBody two.", encoding="utf-8")
    article = meantime_article(path, "1")
    assert [article.text[s.start : s.end] for s in article.segments] == [
        "Title here",
        "Body one.",
        "Body two.",
    ]
    assert [s.kind for s in article.segments] == ["title", "body", "body"]


@pytest.fixture(scope="module")
def meantime_result(nlp) -> CorefResult:
    from conftest import require_shared

    data = require_shared() / "meantime"
    return evaluate_coref(data / "articles", data / "entities.jsonl", nlp=nlp)


@pytest.mark.parametrize("topic", ["airbus", "apple"])
def test_meantime_within_article_conll_f1_meets_target(meantime_result, topic):
    scores = meantime_result.topics[topic]
    assert scores.documents == 30
    assert scores.conll >= 0.60, format_table(meantime_result)
    # Far above every-mention-alone (MUC 0, CoNLL ≈ 0.30).
    assert scores.conll > meantime_result.baseline[topic].conll + 0.25


@pytest.mark.parametrize("topic", ["airbus", "apple"])
def test_meantime_cross_article_pairwise_f1_meets_target(meantime_result, topic):
    assert meantime_result.topics[topic].cross[2] >= 0.60, format_table(meantime_result)


def test_meantime_entity_type_accuracy_of_the_stored_entities(meantime_result):
    # Issue 14: the type decided over all mentions, on MEANTIME's named PER/ORG/LOC mentions
    # (measured .918 at coverage .930 on the shipped analysis).
    overall = meantime_result.overall
    assert overall.named == 487  # MEANTIME dev: 487 named PER/ORG/LOC mentions
    assert overall.type_accuracy >= 0.90, format_table(meantime_result)
    assert overall.type_coverage >= 0.90, format_table(meantime_result)
    assert "type acc" in format_table(meantime_result)


def test_meantime_table_lists_topics_and_overall(meantime_result):
    table = format_table(meantime_result)
    assert "airbus" in table and "apple" in table and "overall" in table
    assert meantime_result.overall.gold_mentions == 2091


def test_transliteration_threshold_makes_at_most_one_false_match_on_dev_names():
    from conftest import require_shared

    from kg.eval.coref import name_pair_curve
    from kg.resolve.names import TRANSLIT_THRESHOLD

    path = require_shared() / "meantime" / "entities.jsonl"
    ((threshold, _true, false, pairs),) = name_pair_curve(path, (TRANSLIT_THRESHOLD,))
    assert pairs > 1000
    # The figure documented beside TRANSLIT_THRESHOLD ("Apple executive(s)", a plural).
    assert false <= 1
    # ... while a looser threshold starts to match different people.
    ((_t, _true, looser_false, _p),) = name_pair_curve(path, (0.6,))
    assert looser_false > false


def _meantime_folder(tmp_path, articles: dict[str, str], names: dict[str, str]):
    """A MEANTIME-shaped folder: ``articles`` (doc → body), gold rows for each ``names``
    surface (→ its cross-document id) wherever it occurs in a body."""
    import json

    (tmp_path / "articles").mkdir()
    rows = []
    for doc, body in articles.items():
        text = f"{doc} headline\n\n1998-03-02\n\n{body}"
        (tmp_path / "articles" / f"{doc}.txt").write_text(text, encoding="utf-8")
        for surface, cross in names.items():
            start = text.find(surface)
            while start >= 0 and text[start : start + len(surface) + 1].rstrip(" .,") == surface:
                rows.append({"doc_id": doc, "topic": "t", "start": start,
                             "end": start + len(surface), "instance_id": f"{doc}-{cross}",
                             "cross_doc_id": cross, "mention": surface, "entity_type": "PER",
                             "syntactic_type": "NAM"})  # fmt: skip
                start = text.find(surface, start + len(surface))
    path = tmp_path / "entities.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def test_cross_article_identity_is_the_stored_graphs_owl_same_as(nlp, tmp_path):
    """Issue 13: the cross-article figure is the identity a build stores. "Yeltsin" of one
    article is "Boris Yeltsin" of the other only through id/entity-links' owl:sameAs (the two
    articles share Moscow and Russia); the scorer reads that link back from the store."""
    data = _meantime_folder(
        tmp_path,
        {
            "a": "Boris Yeltsin met ministers in Moscow. Russia will cut its budget.",
            "b": "Yeltsin spoke in Moscow on Monday. Russia needs the money, officials said.",
        },
        {"Boris Yeltsin": "yeltsin", "Yeltsin": "yeltsin"},
    )
    shipped = evaluate_coref(data / "articles", data / "entities.jsonl", nlp=nlp)
    assert shipped.overall.aligned == 2
    assert shipped.overall.cross == (1.0, 1.0, 1.0), format_table(shipped)


@pytest.mark.parametrize("topic", ["airbus"])
def test_merge_entities_is_a_comparison_that_kg_build_does_not_run(nlp, topic):
    """``identity="merge_entities"`` scores kg.resolve.merge (not run by a build) beside the
    shipped default; it merges more across articles than the stored graph does."""
    from conftest import require_shared

    data = require_shared() / "meantime"
    compared = evaluate_coref(
        data / "articles", data / "entities.jsonl", nlp=nlp, topics=[topic],
        identity="merge_entities",
    )  # fmt: skip
    assert compared.topics[topic].cross[2] >= 0.60, format_table(compared)
    with pytest.raises(KgError, match="choose graph or merge_entities"):
        evaluate_coref(data / "articles", data / "entities.jsonl", nlp=nlp, identity="merge")
