"""Active clauses (kg.extract.rules.verbs.svo) on real sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def triples(facts):
    return {
        (f.subject.text, f.predicate.lemma, f.object.text if f.object else None)
        for f in facts
        if f.subject is not None
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Belarus frees 123 political prisoners in sanctions deal with US",
            ("Belarus", "free", "123 political prisoners"),
        ),
        (
            "Belarus has released 123 prisoners, including prominent opposition activist "
            "Maria Kolesnikova.",
            ("Belarus", "release", "123 prisoners"),
        ),
        (
            "Those polls triggered mass street protests.",
            ("Those polls", "trigger", "mass street protests"),
        ),
        (
            "Mr. Baker found an opening under the house that led to a fume - filled coal mine .",
            ("Mr. Baker", "find", "an opening under the house"),
        ),
    ],
)
def test_svo_subject_verb_object(nlp, sentence, expected):
    facts = extract_text(sentence, nlp)
    assert expected in triples(facts)
    f = next(f for f in facts if f.predicate.lemma == expected[1])
    assert f.rule == "svo"
    assert sentence[f.subject.start : f.subject.end] == f.subject.text


def test_svo_quantity_from_number_on_object(nlp):
    (f,) = extract_text("Belarus frees 123 political prisoners", nlp)
    assert f.quantity == 123
    assert f.event_type == "free"
    assert f.subject.type is not None and f.subject.entity == "Belarus"


def test_svo_incorporates_bare_noun_and_preposition(nlp):
    sentence = (
        "Reacting to the development, exiled Belarusian opposition leader Svetlana "
        "Tikhanovskaya, who was waiting outside the US embassy in Vilnius for other "
        "prisoners, expressed gratitude to Ukraine."
    )
    facts = extract_text(sentence, nlp)
    f = next(f for f in facts if f.predicate.lemma == "express gratitude to")
    assert f.subject.text.endswith("Tikhanovskaya")
    assert f.subject.entity == "Svetlana Tikhanovskaya"
    assert f.object.text == "Ukraine"
    assert f.predicate.text == "expressed gratitude to"
    assert f.event_type == "express"


def test_svo_negation_and_future_modality(nlp):
    facts = extract_text("We will never forget your openness.", nlp)
    (f,) = facts
    assert (f.predicate.lemma, f.negated, f.modality) == ("not forget", True, "future")
    assert f.predicate.text == "will never forget"


@pytest.mark.parametrize(
    "sentence",
    [
        "We will keep fighting for every single one .",
        "They sell potash , one of Belarus 's most important exports .",
        "Many of the people who made the 2020 uprising possible are now free .",
    ],
)
def test_no_quantity_from_pronoun_like_numbers_or_years(nlp, sentence):
    assert all(f.quantity is None for f in extract_text(sentence, nlp))
