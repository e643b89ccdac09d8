"""Passive clauses (kg.extract.rules.passive)."""

from __future__ import annotations

from kg.analyse import analyse_text
from kg.extract import extract_text


def test_passive_keeps_patient_and_recipient(nlp):
    sentence = (
        "According to Ukraine's Coordination Headquarters for the Treatment of Prisoners of "
        "War, Kolesnikova was handed over to Ukraine along with 113 other released prisoners."
    )
    facts = extract_text(sentence, nlp)
    f = next(f for f in facts if f.rule == "passive")
    assert (f.subject.text, f.subject.role) == ("Kolesnikova", "patient")
    assert (f.object.text, f.object.role) == ("Ukraine", "recipient")
    assert f.predicate.text == "was handed over to"
    assert f.predicate.lemma == "hand over to"
    assert f.event_type == "hand_over"
    assert not any(a.role == "agent" for a in f.arguments)
    assert [(a.prep, a.text, a.role) for a in f.arguments] == [
        ("along with", "113 other released prisoners", "companion")
    ]
    assert f.attributed_to is not None and f.attributed_to.text.startswith("Ukraine's")


def test_passive_time_argument(nlp):
    sentence = "Maria Kolesnikova has been imprisoned since 2020, spending much of that time."
    facts = analyse_text(sentence, nlp).facts  # the analysis decides the time
    f = next(f for f in facts if f.rule == "passive")
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "Maria Kolesnikova",
        "has been imprisoned since",
        "2020",
    )
    assert f.predicate.lemma == "imprison since"
    assert f.time is not None and f.time.text == "2020"
    assert sentence[f.time.start : f.time.stop] == "2020"
    assert f.quantity is None  # a year is a time, not a quantity


def test_passive_by_agent_and_negation(nlp):
    sentence = (
        "Belarusian President Alexander Lukashenko, however, is not recognised as president "
        "by the European Union."
    )
    f = next(f for f in extract_text(sentence, nlp) if f.rule == "passive")
    assert f.negated and f.predicate.lemma == "not recognise as"
    assert f.subject.text == "Belarusian President Alexander Lukashenko"
    assert [(a.role, a.prep, a.text) for a in f.arguments] == [
        ("agent", "by", "the European Union")
    ]


def test_passive_relative_pronoun_stands_for_antecedent(nlp):
    sentence = "Those polls triggered mass street protests, which were met with a brutal crackdown."
    f = next(f for f in extract_text(sentence, nlp) if f.rule == "passive")
    assert (f.subject.text, f.predicate.lemma, f.object.text) == (
        "mass street protests",
        "meet with",
        "a brutal crackdown",
    )


def test_passive_with_its_subject_after_the_verb(nlp):
    (f,) = extract_text("Years later, in 1806, was built a new bridge over the river.", nlp)
    assert (f.subject.text, f.subject.role, f.predicate.text) == (
        "a new bridge over the river",
        "patient",
        "was built",
    )
    assert [(a.text, a.role) for a in f.arguments] == [("Years later", "time"), ("1806", "time")]
