"""Copular predicates (kg.extract.rules.copula)."""

from __future__ import annotations

from kg.analyse import analyse_text
from kg.extract import extract_text, facts_to_carb_lines


def test_copula_noun_with_of_joins_relation(nlp):
    sentence = "Belarus is a close ally of Russia, and the easing of sanctions is seen as relief."
    facts = extract_text(sentence, nlp)
    f = next(f for f in facts if f.rule == "copula")
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "Belarus",
        "is a close ally of",
        "Russia",
    )
    assert f.predicate.lemma == "ally of"
    line = facts_to_carb_lines([f])[0].split("\t")
    assert line[2:] == ["is a close ally of", "Belarus", "Russia"]


def test_copula_plain_complement(nlp):
    facts = extract_text(
        "Blagoja ` Billy ' Celeski is an Australian footballer who plays as a midfielder "
        "for the Newcastle Jets .",
        nlp,
    )
    f = next(f for f in facts if f.rule == "copula")
    assert f.predicate.lemma == "is"
    assert f.object.text == "an Australian footballer"


def test_copula_with_expletive_subject_gives_nothing(nlp):
    assert [f for f in extract_text("There are many reasons .", nlp) if f.rule == "copula"] == []


def test_adjective_with_infinitive_takes_the_verb_object(nlp):
    (f,) = analyse_text("This year the firm will be able to service debt .", nlp).facts
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "the firm",
        "will be able to service",
        "debt",
    )
    assert (f.predicate.lemma, f.modality) == ("able to service", "future")
    assert f.time is not None and f.time.text == "This year"


def test_copula_noun_with_by_keeps_phrase_in_object(nlp):
    (f,) = extract_text("The Crybaby is the twelfth album by Melvins .", nlp)
    assert (f.predicate.text, f.object.text) == ("is", "the twelfth album by Melvins")


def test_existential_what_exists_is_the_subject(nlp):
    sentence = (
        "There were serious risks in the plan, and there are two bridges over the river in "
        "the town."
    )
    risks, bridges = extract_text(sentence, nlp)
    assert (risks.rule, risks.subject.text, risks.predicate.text, risks.object.text) == (
        "existential",
        "serious risks",
        "were in",
        "the plan",
    )
    assert (bridges.subject.text, bridges.predicate.text, bridges.object.text) == (
        "two bridges over the river",
        "are in",
        "the town",
    )
    assert risks.subject.role == bridges.subject.role == "theme"


def test_existential_phrases_on_the_noun_are_its_arguments(nlp):
    # CaRB dev: the noun's "of" phrase is the existential's object, as the annotators have it
    sentence = (
        "He probably saw active service as a soldier for the Scottish forces in The Netherlands"
        " in the later 1570s , although there is no certain documentary evidence of this ."
    )
    (f,) = [f for f in extract_text(sentence, nlp) if f.rule == "existential"]
    assert (f.subject.text, f.predicate.text, f.object.text, f.object.prep) == (
        "no certain documentary evidence",
        "is of",
        "this",
        "of",
    )


def test_existential_never_takes_another_clause_subject(nlp):
    facts = extract_text("The iPhone made its debut and there have been complaints.", nlp)
    assert [(f.subject.text, f.predicate.text) for f in facts] == [
        ("The iPhone", "made"),
        ("complaints", "have been"),
    ]
