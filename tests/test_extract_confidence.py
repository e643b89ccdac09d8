"""Confidence scores (kg.extract.confidence)."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.confidence import score_draft  # noqa: F401


def test_confidence_orders_rules(nlp):
    sentence = (
        "Nobel Peace Prize laureate Ales Bialiatski is also among those freed after talks with "
        "US President Donald Trump's special envoy for Belarus, John Coale."
    )
    facts = extract_text(sentence, nlp)
    by_rule = {f.rule: f.confidence for f in facts}
    assert by_rule["possessive"] < by_rule["copula"]
    assert all(0.0 < f.confidence < 1.0 for f in facts)
