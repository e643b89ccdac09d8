"""Coordination (kg.extract.rules.conjunction and conjunct splitting)."""

from __future__ import annotations

from kg.extract import extract_text


def test_coordinated_verbs_share_subject(nlp):
    sentence = (
        "On 12 July 2006 , Hezbollah launched a series of rocket attacks into Israeli territory"
        " , where they killed three Israeli soldiers and captured a further two ."
    )
    facts = extract_text(sentence, nlp)
    captured = [f for f in facts if f.event_type == "capture"]
    assert captured and captured[0].subject.text == "they"
    assert captured[0].rule == "conjunction"


def test_coordinated_subjects_split(nlp):
    sentence = "Both the European Union and the United States had refused to recognise him ."
    facts = extract_text(sentence, nlp)
    assert sorted(f.subject.text for f in facts) == ["the European Union", "the United States"]


def test_coordinated_passive_participle_is_passive(nlp):
    built, tested = extract_text("The tanks were built and tested by the navy.", nlp)
    assert (tested.subject.text, tested.predicate.text, tested.subject.role) == (
        "The tanks",
        "tested",
        "patient",
    )
    assert [(a.prep, a.text, a.role) for a in tested.arguments] == [("by", "the navy", "agent")]


def test_bare_nouns_sharing_a_modifier_stay_one_argument(nlp):
    (f,) = extract_text("The rules apply to any shape or size of parcel.", nlp)
    assert f.object.text == "any shape or size of parcel"


def test_coordinated_prepositions(nlp):
    facts = extract_text(
        "The plan can go ahead with or without the approval of the board, by train or by bus.",
        nlp,
    )
    f = next(f for f in facts if f.rule == "svo")
    assert (f.predicate.text, f.object.text) == (
        "can go ahead with or without",
        "the approval of the board",
    )
    assert [(a.prep, a.text, a.role) for a in f.arguments] == [
        ("by", "train", "instrument"),
        ("by", "bus", "instrument"),
    ]


def test_such_as_gives_one_fact_per_example(nlp):
    facts = extract_text("The museum holds works by painters such as Monet and Degas.", nlp)
    assert [[(a.prep, a.text) for a in f.arguments] for f in facts] == [
        [("by", "painters such as Monet and Degas")],
        [("by", "Monet")],
        [("by", "Degas")],
    ]
    assert {(f.subject.text, f.predicate.text, f.object.text) for f in facts} == {
        ("The museum", "holds", "works")
    }


A380_FLIGHT = (
    'The first flight will take off for a "special charity-flight" from Singapore and land in'
    " Sydney on October 25."
)


def test_verb_read_as_a_noun_after_and_is_a_second_verb(nlp):
    # examples/articles/82548.txt: the tagger reads "land" as a noun coordinated with
    # "charity-flight"; it is the flight's second verb, not a second thing it takes off for
    facts = extract_text(A380_FLIGHT, nlp)
    verbs = [f for f in facts if f.rule != "nominal_event"]
    assert [(f.subject.text, f.predicate.text, f.object.text) for f in verbs] == [
        ("The first flight", "will take off for", 'a "special charity-flight" from Singapore'),
        ("The first flight", "land in", "Sydney"),
    ]
    land = verbs[1]
    assert (land.modality, [(a.prep, a.text, a.role) for a in land.arguments]) == (
        "future",
        [("on", "October 25", "time")],
    )
    assert not [f for f in facts if f.rule == "located"]  # no "land ; is in ; Sydney"


def test_noun_conjuncts_with_their_own_determiner_stay_objects(nlp):
    facts = extract_text("The convoy will leave for a remote camp and the border.", nlp)
    assert [f.object.text for f in facts] == ["a remote camp", "the border"]


def test_list_after_a_colon_is_the_prepositions_object_one_fact_each(nlp):
    # CaRB dev: "specializes in :" with its list after the colon, and the school's name,
    # a coordination under a possessor, kept as one subject
    sentence = (
        "Montgomery Blair 's Science , Math , and Technology Academy specializes in : Life"
        " Science , Physical Science , Engineering , Mathematics , Computer Networking , and"
        " Computer Programming ."
    )
    facts = extract_text(sentence, nlp)
    assert {f.subject.text for f in facts if f.kind == "event"} == {
        "Montgomery Blair 's Science , Math , and Technology Academy"
    }
    assert [(f.predicate.text, f.object.text) for f in facts if f.rule == "svo"] == [
        ("specializes in", field)
        for field in (
            "Life Science",
            "Physical Science",
            "Engineering",
            "Mathematics",
            "Computer Networking",
            "Computer Programming",
        )
    ]
