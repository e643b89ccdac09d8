"""Theme subjects: unaccusative, measure, vehicle and linking verbs (kg.extract.rules.themes),
and what amounts on them are."""

from __future__ import annotations

import pytest

from kg.analyse import analyse_text
from kg.extract import extract_text, facts_to_carb_lines
from kg.model import Role


def roles(fact):
    return (fact.subject.role, fact.object.role if fact.object else None)


def test_measure_verb_subject_is_theme_and_amount_its_extent(nlp):
    facts = extract_text("Its shares fell 3 % by noon and the new plant landed a contract.", nlp)
    fell, landed = facts
    assert (fell.subject.text, fell.predicate.text, fell.object.text) == ("Its shares", "fell",
                                                                          "3 %")  # fmt: skip
    assert roles(fell) == (Role.THEME, Role.ATTRIBUTE)
    assert [(a.prep, a.role) for a in fell.arguments] == [("by", Role.TIME)]
    # "landed a contract" has an object: its subject acts
    assert roles(landed) == (Role.AGENT, Role.PATIENT)


@pytest.mark.parametrize(
    ("sentence", "relation", "obj", "role"),
    [
        ("Sales rose to $2bn.", "rose to", "$2bn", Role.GOAL),
        ("Shares rose by 5 percent.", "rose by", "5 percent", Role.ATTRIBUTE),
    ],
)
def test_measure_verb_end_point_and_difference(nlp, sentence, relation, obj, role):
    (f,) = extract_text(sentence, nlp)
    assert (f.predicate.text, f.object.text, f.object.role) == (relation, obj, role)
    assert f.subject.role == Role.THEME


def test_the_analysis_makes_the_theme_the_undergoer(nlp):
    (f,) = analyse_text("Sales rose to $2bn.", nlp).facts
    assert f.undergoer == "subject"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Apple increased its profits.", Role.AGENT),  # alternating verb with an object
        ("We climbed for hours.", Role.AGENT),  # a person climbs on purpose
        ("The pilot flew to Paris.", Role.AGENT),  # a person steers
        ("The plane landed in Sydney.", Role.THEME),
        ("The economy expanded in 2010.", Role.THEME),
        ("She became a pilot in 1990.", Role.THEME),
        ("The iPod remained popular.", Role.THEME),
    ],
)
def test_theme_or_agent_subject(nlp, sentence, role):
    (f,) = extract_text(sentence, nlp)
    assert f.subject.role == role


def test_linking_verb_complement_is_an_attribute(nlp):
    (f,) = extract_text("She became a pilot in 1990.", nlp)
    assert (f.object.text, f.object.role) == ("a pilot", Role.ATTRIBUTE)


def test_subject_only_event_stays_in_the_analysis_but_not_in_carb(nlp):
    facts = analyse_text("The company collapsed. Steve Jobs died.", nlp).facts
    assert [(f.subject.text, f.predicate.text, f.object) for f in facts] == [
        ("The company", "collapsed", None),
        ("Steve Jobs", "died", None),
    ]
    assert facts_to_carb_lines(facts) == []


def test_intransitive_verb_with_a_score_and_adjuncts(nlp):
    (f,) = extract_text("Though this time, the Rovers won, 3 to 1, in front of a home crowd.", nlp)
    assert (f.subject.text, f.predicate.text, f.object.text) == ("the Rovers", "won", "3 to 1")
    assert f.object.role == Role.ATTRIBUTE
    assert [(a.prep, a.text, a.role) for a in f.arguments] == [
        (None, "this time", Role.TIME),
        ("in", "front of a home crowd", Role.ARGUMENT),
    ]


def test_for_phrase_of_a_verb_of_seeking_is_its_theme(nlp):
    (bid,) = extract_text("The firm will bid for two contracts.", nlp)
    assert (bid.object.text, bid.object.role) == ("two contracts", Role.THEME)
    flew = extract_text("The crew flew for the navy.", nlp)[0]
    assert flew.object.role == Role.BENEFICIARY
