"""Relative and participial clauses (kg.extract.rules.relative)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

SANCTIONS = (
    "Belarus has released 123 prisoners, following an agreement under which the United States "
    "agreed to lift certain sanctions imposed on the country."
)

# One row per construction: the sentence, which fact to read ("rule", "event_type" or
# "lemma" = predicate lemma, and its value; ``only``: it must be the one such fact), and what
# that fact must hold: subject, predicate text, object (None: not checked), the subject's
# role, and the further arguments as (prep, text) or (prep, text, role).
CLAUSES = {
    "participle modifies its noun, the subject": (
        SANCTIONS, ("rule", "participle"), False,
        ("certain sanctions", "imposed on", "the country"), "patient", None,
    ),
    "relative pronoun after a preposition is the antecedent": (
        SANCTIONS, ("lemma", "lift"), False, None, None, [("under", "an agreement")],
    ),
    "adverbial participle takes the main subject": (
        "Maria Kolesnikova was imprisoned in 2020, spending much of that time in isolation.",
        ("event_type", "spend"), False,
        ("Maria Kolesnikova", None, "much of that time"), None, [("in", "isolation")],
    ),
    "purpose infinitive takes the main subject": (
        "President Bush said that three members of his cabinet will lead a presidential "
        "mission to Poland to gauge how the U.S. can help .",
        ("event_type", "gauge"), False,
        ("three members of his cabinet", "to gauge", None), None, None,
    ),
    "it-cleft clause is about the focus": (
        "It was the new rule to promote youth into the first team that was adopted by the "
        "board.",
        ("rule", "passive"), False, ("the new rule", "was adopted", None), None,
        [("by", "the board")],
    ),
    # CaRB dev: "before being appointed" is something he underwent
    "gerund after a preposition takes the main subject": (
        "He stayed for less than a year before being appointed Chief Constable of Kent in July"
        " 1946 .",
        ("rule", "gerund"), True, ("He", "being appointed", "Chief Constable of Kent"),
        "patient", [("in", "July 1946", "time")],
    ),
    # CaRB dev: "the only Axis ship to conduct attacks": Kormoran conducted them
    "infinitive on a ranked complement is what the subject did": (
        "`` Kormoran '' was the only Axis ship to conduct attacks in Australian waters during"
        " 1941 .",
        ("rule", "relative"), True,
        ("Kormoran", "to conduct attacks in", "Australian waters"), None,
        [(None, "attacks", "theme"), ("during", "1941", "time")],
    ),
    "relative clause on a pronoun's complement is about the pronoun": (
        "He was a pilot who flew for the navy.",
        ("event_type", "fly"), False, ("He", "flew for", "the navy"), None, None,
    ),
    # CaRB dev
    "infinitive on a ranked complement of become": (
        "In 1984 , KOMO became the first television station to broadcast daily programming in"
        " full stereo sound .",
        ("rule", "relative"), True, ("KOMO", "to broadcast", "daily programming"), None, None,
    ),
    # CaRB dev: the parse makes "First Security" the object of "for" and "to issue" a purpose
    "'for NP to VP' takes the NP as the infinitive's subject": (
        "Terms call for First Security to issue about 0.55 share of its stock for each Deseret"
        " share held , or a total of about 550,000 First Security shares .",
        ("event_type", "issue"), False, ("First Security", "to issue", None), None, None,
    ),
}  # fmt: skip


def _pick(facts, field, value):
    if field == "lemma":
        return [f for f in facts if f.predicate.lemma == value]
    return [f for f in facts if getattr(f, field) == value]


@pytest.mark.parametrize(
    ("sentence", "pick", "only", "triple", "subject_role", "arguments"),
    list(CLAUSES.values()),
    ids=list(CLAUSES),
)
def test_clause_fact(nlp, sentence, pick, only, triple, subject_role, arguments):
    found = _pick(extract_text(sentence, nlp), *pick)
    if only:
        assert len(found) == 1, found
    f = found[0]
    if triple is not None:
        subject, predicate, obj = triple
        assert f.subject.text == subject
        if predicate is not None:
            assert f.predicate.text == predicate
        if obj is not None:
            assert f.object.text == obj
    if subject_role is not None:
        assert f.subject.role == subject_role
    if arguments is not None:
        assert [(a.prep, a.text, a.role)[: len(arguments[0])] for a in f.arguments] == arguments


def test_relative_clause_subject_is_antecedent(nlp):
    sentence = (
        "Exiled opposition leader Svetlana Tikhanovskaya, who was waiting outside the US "
        "embassy in Vilnius, expressed gratitude to Ukraine."
    )
    f = next(f for f in extract_text(sentence, nlp) if f.event_type == "wait")
    assert f.subject.text.endswith("Svetlana Tikhanovskaya")
    assert f.predicate.text == "was waiting outside"
    assert f.object.text == "the US embassy in Vilnius"


def test_clause_on_an_apposition_or_copular_complement_is_about_what_it_describes(nlp):
    facts = extract_text(
        "Her brother, a keen sailor who crossed the Atlantic twice, was also a pilot who "
        "flew for the navy.",
        nlp,
    )
    subjects = {f.predicate.lemma: f.subject.text for f in facts if f.rule == "svo"}
    assert subjects == {"cross": "Her brother", "fly for": "Her brother"}


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("They objected to his leaving the club in May.", "gerund"),  # a subject of its own
        ("It was a house to rent near the station.", "relative"),  # an unranked noun
    ],
)
def test_clause_that_asserts_nothing_about_the_main_subject(nlp, sentence, rule):
    assert not [f for f in extract_text(sentence, nlp) if f.rule == rule]
