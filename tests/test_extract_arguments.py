"""N-ary arguments (kg.extract.rules.arguments) on MEANTIME and CaRB dev sentences."""

from __future__ import annotations

import pytest

from kg.analyse import analyse_text
from kg.extract import extract_text


def _facts(nlp, sentence):
    facts = extract_text(sentence, nlp)
    for f in facts:
        for span in (f.subject, f.object):
            if span is not None:
                assert sentence[span.start : span.end] == span.text
        for a in f.arguments:
            assert sentence[a.start : a.end] == a.text
    return facts


@pytest.mark.parametrize(
    ("sentence", "subject", "lemma", "obj", "args"),
    [
        (  # MEANTIME 100911, headline
            "Northrop Grumman and Airbus parent EADS defeat Boeing for $40 billion US airtanker "
            "contract",
            "Northrop Grumman",
            "defeat",
            "Boeing",
            [("for", "$40 billion US airtanker contract")],
        ),
        (  # MEANTIME 100911
            "That contract was fought for between Boeing and Lockheed Martin, Lockheed "
            "ultimately winning the contest.",
            "That contract",
            "fight between",
            "Lockheed Martin",
            [],
        ),
        (  # CaRB dev
            "Tom Bradley joined the London , Midland and Scottish Railway Company as a junior "
            "clerk in the Goods Depot at Kettering in 1941 .",
            "Tom Bradley",
            "join",
            "the London , Midland and Scottish Railway Company",
            [("as", "a junior clerk in the Goods Depot at Kettering"), (None, "1941")],
        ),
        (  # CaRB dev
            "From 1970 to 1985 , Gideon Rodan taught at the University of Connecticut School of "
            "Dental Medicine until he switched over to Merck .",
            "he",
            "switch over to",
            "Merck",
            [],
        ),
    ],
)
def test_nary_arguments(nlp, sentence, subject, lemma, obj, args):
    facts = _facts(nlp, sentence)
    match = [
        f
        for f in facts
        if f.subject is not None
        and (f.subject.text, f.predicate.lemma, f.object.text if f.object else None)
        == (subject, lemma, obj)
    ]
    assert match, [(f.subject and f.subject.text, f.predicate.lemma) for f in facts]
    got = [(a.prep, a.text) for a in match[0].arguments]
    for prep, text in args:
        assert any(t == text and (prep is None or p == prep) for p, t in got), got


def test_temporal_prepositional_argument_is_time(nlp):
    sentence = "Tom Bradley joined the railway company in 1941 ."
    (f,) = analyse_text(sentence, nlp).facts  # the analysis decides the time
    assert f.time is not None and f.time.text == "1941"
    assert [a.role for a in f.arguments] == ["time"]


def test_locative_argument_gives_place(nlp):
    sentence = "Nobel laureate Ales Bialiatski was freed after talks held in Minsk with the envoy."
    facts = analyse_text(sentence, nlp).facts  # the analysis decides the place
    held = next(f for f in facts if f.event_type == "hold")
    assert held.place is not None and held.place.name == "Minsk"
    assert sentence[held.place.start : held.place.end] == "Minsk"


def test_according_to_is_attribution(nlp):
    sentence = "According to the ministry, Kolesnikova was handed over to Ukraine."
    (f,) = [f for f in _facts(nlp, sentence) if f.rule == "passive"]
    assert f.attributed_to is not None and f.attributed_to.text == "the ministry"
    assert f.arguments == ()


def test_two_word_preposition_due_to(nlp):
    (f,) = _facts(nlp, "The process was halted due to the Boeing scandal.")
    assert (f.predicate.text, f.predicate.lemma, f.object.text) == (
        "was halted due to",
        "halt due to",
        "the Boeing scandal",
    )


def test_where_relative_gives_location(nlp):
    sentence = (
        "On 12 July 2006 , Hezbollah launched a series of rocket attacks and raids into Israeli "
        "territory , where they killed three Israeli soldiers ."
    )
    killed = next(f for f in _facts(nlp, sentence) if f.event_type == "kill")
    assert [(a.prep, a.text, a.role) for a in killed.arguments] == [
        ("in", "Israeli territory", "location")
    ]
    launched = next(f for f in analyse_text(sentence, nlp).facts if f.event_type == "launch")
    assert launched.time is not None and launched.time.text == "12 July 2006"


def test_nominal_indirect_object_is_recipient(nlp):
    facts = _facts(nlp, "Zane announced a Kickstarter , offering donors a chance to ride the bus .")
    offer = next(f for f in facts if f.event_type == "offer")
    assert offer.object.text == "a chance"
    assert [(a.text, a.role) for a in offer.arguments] == [("donors", "recipient")]
