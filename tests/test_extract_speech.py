"""Reported speech (kg.extract.rules.speech)."""

from __future__ import annotations

from kg.analyse import analyse_text
from kg.extract import extract_text

TELEGRAM = (
    "In a statement issued on Telegram, Ukrainian authorities said that after receiving the "
    "necessary medical assistance, the released prisoners would be transported onward to "
    "Poland and Lithuania."
)


def test_inner_fact_is_attributed_and_objects_split(nlp):
    facts = [f for f in analyse_text(TELEGRAM, nlp).facts if f.event_type == "transport"]
    assert sorted(f.object.text for f in facts) == ["Lithuania", "Poland"]
    for f in facts:
        assert f.attributed_to is not None and f.attributed_to.text == "Ukrainian authorities"
        assert f.modality == "future"
        assert f.place is not None and f.place.name == f.object.text
        assert f.object.role == "goal"


def test_saying_verb_gives_attribution_fact(nlp):
    f = next(f for f in extract_text(TELEGRAM, nlp) if f.rule == "speech")
    assert f.subject.text == "Ukrainian authorities"
    assert f.predicate.text == "said that"
    assert f.object.text.endswith("to Poland and Lithuania")


def test_carb_clausal_complement(nlp):
    sentence = "This finding indicated that organic compounds could carry current ."
    facts = extract_text(sentence, nlp)
    said = next(f for f in facts if f.rule == "speech")
    assert (said.subject.text, said.predicate.text, said.object.text) == (
        "This finding",
        "indicated that",
        "organic compounds could carry current",
    )
    inner = next(f for f in facts if f.event_type == "carry")
    assert inner.attributed_to.text == "This finding"
    assert inner.modality == "possible"
