"""Appositions (kg.extract.rules.apposition)."""

from __future__ import annotations

from kg.extract import extract_text

ENVOY = (
    "Nobel Peace Prize laureate Ales Bialiatski is also among those freed after talks held in "
    "Minsk with US President Donald Trump's special envoy for Belarus, John Coale."
)


def test_apposition_name_is_subject_and_possessor_is_dropped(nlp):
    facts = extract_text(ENVOY, nlp)
    f = next(f for f in facts if f.rule == "apposition")
    assert (f.subject.text, f.predicate.lemma, f.object.text) == (
        "John Coale",
        "is",
        "special envoy for Belarus",
    )
    assert f.subject.type == "PERSON"
    assert ENVOY[f.object.start : f.object.end] == f.object.text


def test_distant_apposition_is_rejected(nlp):
    sentence = (
        "As part of the arrangement, the US has agreed to lift sanctions on potash, a key "
        "ingredient used in fertiliser production and one of Belarus's most important exports."
    )
    facts = extract_text(sentence, nlp)
    assert not any(f.rule == "apposition" and f.subject.text == "the US" for f in facts)
    assert not any(f.object is not None and f.object.text == "one" for f in facts)


def test_places_in_apposition_give_containment(nlp):
    sentence = "He was born in Hoboken , New Jersey , in 1917 ."
    facts = [f for f in extract_text(sentence, nlp) if f.rule == "apposition"]
    assert [(f.subject.text, f.predicate.lemma, f.object.text) for f in facts] == [
        ("Hoboken", "is in", "New Jersey")
    ]


def test_dates_are_not_appositions(nlp):
    sentence = "Daniel was born on July 17 , 1749 , the son of German immigrants ."
    facts = extract_text(sentence, nlp)
    assert not any(f.rule == "apposition" and "1749" in f.subject.text for f in facts)


def test_list_is_not_apposition(nlp):
    sentence = (
        "The program supports our prime contractor , Northrop Grumman , the Air Force , and "
        "the war fighters ."
    )
    facts = extract_text(sentence, nlp)
    assert not any(
        f.rule == "apposition"
        and {f.subject.text, f.object.text} == {"Northrop Grumman", "the Air Force"}
        for f in facts
    )
