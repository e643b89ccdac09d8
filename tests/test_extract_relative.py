"""Relative and participial clauses (kg.extract.rules.relative)."""

from __future__ import annotations

from kg.extract import extract_text

SANCTIONS = (
    "Belarus has released 123 prisoners, following an agreement under which the United States "
    "agreed to lift certain sanctions imposed on the country."
)


def test_participle_modifies_noun_subject(nlp):
    f = next(f for f in extract_text(SANCTIONS, nlp) if f.rule == "participle")
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "certain sanctions",
        "imposed on",
        "the country",
    )
    assert f.subject.role == "patient"


def test_relative_pronoun_object_of_preposition_is_antecedent(nlp):
    f = next(f for f in extract_text(SANCTIONS, nlp) if f.predicate.lemma == "lift")
    assert [(a.prep, a.text) for a in f.arguments] == [("under", "an agreement")]


def test_relative_clause_subject_is_antecedent(nlp):
    sentence = (
        "Exiled opposition leader Svetlana Tikhanovskaya, who was waiting outside the US "
        "embassy in Vilnius, expressed gratitude to Ukraine."
    )
    f = next(f for f in extract_text(sentence, nlp) if f.event_type == "wait")
    assert f.subject.text.endswith("Svetlana Tikhanovskaya")
    assert f.predicate.text == "was waiting outside"
    assert f.object.text == "the US embassy in Vilnius"


def test_adverbial_participle_takes_main_subject(nlp):
    sentence = "Maria Kolesnikova was imprisoned in 2020, spending much of that time in isolation."
    f = next(f for f in extract_text(sentence, nlp) if f.event_type == "spend")
    assert f.subject.text == "Maria Kolesnikova"
    assert f.object.text == "much of that time"
    assert [(a.prep, a.text) for a in f.arguments] == [("in", "isolation")]


def test_purpose_infinitive_takes_main_subject(nlp):
    sentence = (
        "President Bush said that three members of his cabinet will lead a presidential "
        "mission to Poland to gauge how the U.S. can help ."
    )
    f = next(f for f in extract_text(sentence, nlp) if f.event_type == "gauge")
    assert f.subject.text == "three members of his cabinet"
    assert f.predicate.text == "to gauge"


def test_clause_on_an_apposition_or_copular_complement_is_about_what_it_describes(nlp):
    facts = extract_text(
        "Her brother, a keen sailor who crossed the Atlantic twice, was also a pilot who "
        "flew for the navy.",
        nlp,
    )
    subjects = {f.predicate.lemma: f.subject.text for f in facts if f.rule == "svo"}
    assert subjects == {"cross": "Her brother", "fly for": "Her brother"}


def test_it_cleft_clause_is_about_the_focus(nlp):
    facts = extract_text(
        "It was the new rule to promote youth into the first team that was adopted by the "
        "board.",
        nlp,
    )
    f = next(f for f in facts if f.rule == "passive")
    assert (f.subject.text, f.predicate.text) == ("the new rule", "was adopted")
    assert [(a.prep, a.text) for a in f.arguments] == [("by", "the board")]


def test_gerund_after_a_preposition_takes_the_main_subject(nlp):
    # CaRB dev: "before being appointed" is something he underwent
    sentence = (
        "He stayed for less than a year before being appointed Chief Constable of Kent in July"
        " 1946 ."
    )
    (f,) = [f for f in extract_text(sentence, nlp) if f.rule == "gerund"]
    assert (f.subject.text, f.subject.role, f.predicate.text, f.object.text) == (
        "He",
        "patient",
        "being appointed",
        "Chief Constable of Kent",
    )
    assert [(a.prep, a.text, a.role) for a in f.arguments] == [("in", "July 1946", "time")]


def test_gerund_with_a_subject_of_its_own_is_not_the_main_subjects(nlp):
    facts = extract_text("They objected to his leaving the club in May.", nlp)
    assert not [f for f in facts if f.rule == "gerund"]


def test_infinitive_on_a_ranked_complement_is_what_the_subject_did(nlp):
    # CaRB dev: "the only Axis ship to conduct attacks": Kormoran conducted them
    sentence = (
        "`` Kormoran '' was the only Axis ship to conduct attacks in Australian waters during"
        " 1941 ."
    )
    (f,) = [f for f in extract_text(sentence, nlp) if f.rule == "relative"]
    assert (f.subject.text, f.predicate.lemma, f.object.text) == (
        "Kormoran",
        "conduct attacks in",
        "Australian waters",
    )
    assert ("during", "1941", "time") in [(a.prep, a.text, a.role) for a in f.arguments]


def test_infinitive_on_an_unranked_noun_asserts_nothing(nlp):
    facts = extract_text("It was a house to rent near the station.", nlp)
    assert not [f for f in facts if f.rule == "relative"]


def test_relative_clause_on_a_pronouns_complement_is_about_the_pronoun(nlp):
    facts = extract_text("He was a pilot who flew for the navy.", nlp)
    flew = next(f for f in facts if f.event_type == "fly")
    assert (flew.subject.text, flew.predicate.text, flew.object.text) == (
        "He",
        "flew for",
        "the navy",
    )


def test_infinitive_on_a_ranked_complement_of_become(nlp):
    # CaRB dev
    sentence = (
        "In 1984 , KOMO became the first television station to broadcast daily programming in"
        " full stereo sound ."
    )
    (f,) = [f for f in extract_text(sentence, nlp) if f.rule == "relative"]
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "KOMO",
        "to broadcast",
        "daily programming",
    )


def test_for_np_to_vp_takes_the_np_as_the_infinitives_subject(nlp):
    # CaRB dev: the parse makes "First Security" the object of "for" and "to issue" a purpose
    sentence = (
        "Terms call for First Security to issue about 0.55 share of its stock for each Deseret"
        " share held , or a total of about 550,000 First Security shares ."
    )
    issue = next(f for f in extract_text(sentence, nlp) if f.event_type == "issue")
    assert (issue.subject.text, issue.predicate.text) == ("First Security", "to issue")
