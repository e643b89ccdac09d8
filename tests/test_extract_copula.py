"""Copular predicates (kg.extract.rules.copula)."""

from __future__ import annotations

from operator import attrgetter

import pytest

from kg.analyse import analyse_text
from kg.extract import extract_text, facts_to_carb_lines

# One row per construction: the sentence, the rule of the fact read (None: the sentence's
# only fact, through the analysis) and what that fact holds, attribute path -> value.
COPULAS = {
    "a copular noun with 'of' joins the relation": (
        "Belarus is a close ally of Russia, and the easing of sanctions is seen as relief.",
        "copula",
        {"subject.text": "Belarus", "predicate.text": "is a close ally of",
         "object.text": "Russia", "predicate.lemma": "ally of"},
    ),
    "a plain complement": (
        "Blagoja ` Billy ' Celeski is an Australian footballer who plays as a midfielder "
        "for the Newcastle Jets .",
        "copula",
        {"predicate.lemma": "is", "object.text": "an Australian footballer"},
    ),
    "an adjective with an infinitive takes the verb's object": (
        "This year the firm will be able to service debt .",
        None,
        {"subject.text": "the firm", "predicate.text": "will be able to service",
         "object.text": "debt", "predicate.lemma": "able to service", "modality": "future",
         "time.text": "This year"},
    ),
    "a copular noun with 'by' keeps the phrase in the object": (
        "The Crybaby is the twelfth album by Melvins .",
        None,
        {"predicate.text": "is", "object.text": "the twelfth album by Melvins"},
    ),
    # CaRB dev: the noun's "of" phrase is the existential's object, as the annotators have it
    "existential: the phrases on the noun are its arguments": (
        "He probably saw active service as a soldier for the Scottish forces in The Netherlands"
        " in the later 1570s , although there is no certain documentary evidence of this .",
        "existential",
        {"subject.text": "no certain documentary evidence", "predicate.text": "is of",
         "object.text": "this", "object.prep": "of"},
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "rule", "expected"), list(COPULAS.values()), ids=list(COPULAS)
)
def test_copular_fact(nlp, sentence, rule, expected):
    if rule is None:
        (f,) = analyse_text(sentence, nlp).facts
    else:
        found = [f for f in extract_text(sentence, nlp) if f.rule == rule]
        f = found[0]
        if rule == "existential":
            assert len(found) == 1, found
    assert {path: attrgetter(path)(f) for path in expected} == expected


def test_copula_carb_line_keeps_the_noun_in_the_relation(nlp):
    sentence = "Belarus is a close ally of Russia, and the easing of sanctions is seen as relief."
    f = next(f for f in extract_text(sentence, nlp) if f.rule == "copula")
    line = facts_to_carb_lines([f])[0].split("\t")
    assert line[2:] == ["is a close ally of", "Belarus", "Russia"]


def test_copula_with_expletive_subject_gives_nothing(nlp):
    assert [f for f in extract_text("There are many reasons .", nlp) if f.rule == "copula"] == []


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
