"""Control verbs (kg.extract.rules.control): modality and negation from the governing verb."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def test_agreed_to_is_committed_and_incorporates_noun(nlp):
    sentence = (
        "As part of the arrangement, the US has agreed to lift sanctions on potash, a key "
        "ingredient used in fertiliser production."
    )
    f = next(f for f in extract_text(sentence, nlp) if f.event_type == "lift")
    assert (f.subject.text, f.predicate.lemma, f.object.text) == (
        "the US",
        "lift sanctions on",
        "potash",
    )
    assert f.predicate.text == "has agreed to lift sanctions on"
    assert f.modality == "committed" and not f.negated
    assert f.rule == "control"


def test_refused_to_is_negation_with_split_subjects(nlp):
    sentence = (
        "Both the European Union and the United States had refused to recognise Lukashenko as "
        "president following elections held five years ago."
    )
    facts = [f for f in extract_text(sentence, nlp) if f.event_type == "recognise"]
    assert sorted(f.subject.text for f in facts) == ["the European Union", "the United States"]
    for f in facts:
        assert f.predicate.lemma == "not recognise" and f.negated
        assert f.object.text == "Lukashenko"
        assert ("as", "president") in [(a.prep, a.text) for a in f.arguments]
        assert f.predicate.text == "had refused to recognise"


def test_want_to_is_desired(nlp):
    facts = extract_text("I want to send my thanks to Ukraine .", nlp)
    (f,) = facts
    assert (f.predicate.lemma, f.modality) == ("send", "desired")


@pytest.mark.parametrize(
    ("sentence", "lemma", "modality", "negated"),
    [
        ("The prisoners tried to flee the camp .", "flee", "attempted", False),
        ("The government may release the prisoners .", "release", "possible", False),
        ("The ministry promised to free the activists .", "free", "committed", False),
        ("Minsk declined to comment on the report .", "not comment on", None, True),
    ],
)
def test_modality_and_negation_from_verb_group(nlp, sentence, lemma, modality, negated):
    (f,) = extract_text(sentence, nlp)
    assert (f.predicate.lemma, f.modality, f.negated) == (lemma, modality, negated)
