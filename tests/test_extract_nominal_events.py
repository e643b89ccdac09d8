"""Nominal events (kg.extract.rules.nominal_events): event nouns and their participants."""

from __future__ import annotations

import pytest
from conftest import require_shared

from kg.analyse import analyse_articles
from kg.extract import extract_articles, extract_text, facts_to_carb_lines


def _events(facts, lemma):
    return [f for f in facts if f.rule == "nominal_event" and f.event_type == lemma]


def _check_offsets(text, fact):
    assert text[fact.predicate.start : fact.predicate.end] == fact.predicate.text
    for span in (fact.subject, fact.object, *fact.arguments):
        if span is not None:
            assert text[span.start : span.end] == span.text


@pytest.fixture(scope="module")
def belarus(nlp):
    from kg.ingest import read_articles

    path = require_shared() / "articles" / "belarus-prisoners-2025-12-14.txt"
    article = next(read_articles([path]))
    (analysed,) = analyse_articles([article], nlp)  # as built: with times and places
    return article, list(analysed.facts)


def test_talks_held_in_minsk_have_location(belarus):
    article, facts = belarus
    (talks,) = _events(facts, "talk")
    _check_offsets(article.text, talks)
    assert (talks.predicate.text, talks.predicate.lemma, talks.subject) == ("talks", "talk", None)
    assert [(a.role, a.prep, a.text) for a in talks.arguments][:1] == [("location", "in", "Minsk")]
    assert talks.place is not None and talks.place.name == "Minsk"
    assert article.text[talks.place.start : talks.place.end] == "Minsk"
    # the participle rule still gives its own fact about the talks
    assert any(
        f.rule == "participle" and f.subject.text == "talks" and f.predicate.lemma == "hold in"
        for f in facts
    )


def test_prisoner_release_has_patient(belarus):
    article, facts = belarus
    (release,) = _events(facts, "release")
    _check_offsets(article.text, release)
    assert (release.predicate.text, release.object.text, release.object.role) == (
        "release",
        "prisoner",
        "patient",
    )
    # "the prisoner release": the modifier directly precedes the noun
    assert release.object.end + 1 == release.predicate.start


def test_elections_five_years_ago_have_time(belarus):
    article, facts = belarus
    (elections,) = _events(facts, "election")
    _check_offsets(article.text, elections)
    assert elections.time is not None and elections.time.text == "five years ago"
    assert article.text[elections.time.start : elections.time.stop] == "five years ago"


def test_deported_conjunct_takes_the_prisoners_not_the_addressee(belarus):
    """Regression: "... for welcoming 109 political prisoners, our heroes, released and
    deported from Belarus" gave "President Volodymyr Zelensky ; deported from ; Belarus"."""
    article, facts = belarus
    deported = [f for f in facts if f.event_type == "deport"]
    assert [
        (f.subject.text, f.subject.role, f.predicate.text, f.object.text) for f in deported
    ] == [("our heroes", "patient", "deported from", "Belarus")]
    assert article.text[deported[0].subject.start : deported[0].subject.end] == "our heroes"


def test_deported_regression_in_one_sentence(nlp):
    sentence = (
        "President Volodymyr Zelensky thanked the Chief of the DIU Lieutenant General for "
        "welcoming 109 political prisoners, our heroes, released and deported from Belarus."
    )
    deported = [f for f in extract_text(sentence, nlp) if f.event_type == "deport"]
    assert [(f.subject.text, f.subject.role) for f in deported] == [("our heroes", "patient")]


def test_coordinated_participles_share_their_noun(nlp):
    facts = extract_text("Sanctions imposed and enforced by the US hurt Belarus.", nlp)
    (enforced,) = [f for f in facts if f.event_type == "enforce"]
    assert (enforced.subject.text, enforced.subject.role, enforced.rule) == (
        "Sanctions",
        "patient",
        "participle",
    )
    assert [(a.role, a.text) for a in enforced.arguments] == [("agent", "the US")]


@pytest.mark.parametrize(
    ("sentence", "lemma", "agent", "patient", "args", "quantity"),
    [
        (
            "Boeing's acquisition of McDonnell Douglas was completed in 1997.",
            "acquisition",
            "Boeing",
            "McDonnell Douglas",
            [],
            None,
        ),
        (
            "Airbus announced the sale of 20 planes to Qatar on Monday.",
            "sale",
            "Airbus",
            "20 planes",
            [("recipient", "to", "Qatar"), ("time", "on", "Monday")],
            20.0,
        ),
        ("The launch of the A380 was delayed.", "launch", None, "the A380", [], None),
        # MEANTIME sentences: an amount is a quantity; "of" names the actor of a decision
        # unless a possessor does; a bracket the parse hung elsewhere stays in its phrase
        ("Airbus announces job cuts of 10,000", "cut", "Airbus", "job", [], 10000.0),
        (
            "Ryanair CEO, Michael O'Leary, justified his choice of Boeing by saying that the "
            "plane is reliable.",
            "choice",
            "his",
            "Boeing",
            [],
            None,
        ),
        (
            "It is a direct response to the decision of the European Union (EU) to add all 51 "
            "of Indonesia's air carriers to the list.",
            "decision",
            "the European Union (EU)",
            None,
            [],
            None,
        ),
        # CaRB dev sentences
        (
            "After the British capture of Madrid , Hill had responsibility for an army of "
            "30,000 men .",
            "capture",
            "British",
            "Madrid",
            [],
            None,
        ),
        (
            "The Federal Trade Commission began an investigation in late 1995 .",
            "investigation",
            "The Federal Trade Commission",
            None,
            [("time", "in", "late 1995")],
            None,
        ),
        (
            "Until its 2007 acquisition by Tavistock Group , Freebirds World Burrito had its "
            "corporate headquarters in College Station .",
            "acquisition",
            "Tavistock Group",
            "its",
            [("time", None, "2007")],
            None,
        ),
    ],
)
def test_event_noun_participants(nlp, sentence, lemma, agent, patient, args, quantity):
    (f,) = _events(extract_text(sentence, nlp), lemma)
    _check_offsets(sentence, f)
    assert f.predicate.lemma == lemma
    assert (f.subject.text if f.subject else None) == agent
    assert (f.object.text if f.object else None) == patient
    assert [(a.role, a.prep, a.text) for a in f.arguments] == args
    assert f.quantity == quantity


@pytest.mark.parametrize(
    ("doc_id", "lemma", "predicate", "agent", "patient", "location", "quantity"),
    [
        # "Aeroflot negotiates purchase of 22 new Boeing 787 Dreamliner aircraft"
        (
            "71526",
            "purchase",
            (20, 28),
            ("Aeroflot", 0, 8),
            ("22 new Boeing 787 Dreamliner aircraft", 32, 69),
            None,
            22.0,
        ),
        # "... tells airlines not to buy European aircraft due to EU ban"
        ("87805", "ban", (85, 88), ("EU", 82, 84), None, None, None),
        # "The GAO upheld Boeing's protest, ..."
        ("108294", "protest", (624, 631), ("Boeing", 615, 621), None, None, None),
        # "... delivered the final 717 jet built to AirTran Airways in ceremonies in Long Beach"
        ("41882", "ceremony", (167, 177), None, None, ("Long Beach", 181, 191), None),
    ],
)
def test_meantime_noun_events(nlp, doc_id, lemma, predicate, agent, patient, location, quantity):
    from kg.eval.meantime import read_meantime_article

    path = require_shared() / "meantime" / "articles" / f"{doc_id}.txt"
    article = read_meantime_article(path)
    _, facts = next(extract_articles([article], nlp))
    found = [f for f in _events(facts, lemma) if (f.predicate.start, f.predicate.end) == predicate]
    assert len(found) == 1
    f = found[0]
    _check_offsets(article.text, f)

    def triple(span):
        return (span.text, span.start, span.end) if span is not None else None

    assert triple(f.subject) == agent
    assert triple(f.object) == patient
    if location is not None:
        assert [(a.text, a.start, a.end) for a in f.arguments if a.role == "location"] == [location]
    assert f.quantity == quantity


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal was good.",  # an event noun without participants
        "The government of Belarus freed them.",  # -ment noun that names a body
        "Apple presented it at the Worldwide Developers Conference in San Francisco.",  # a name
        "The flight from the past was short.",  # a motion noun whose origin is no place
    ],
)
def test_no_nominal_event(nlp, sentence):
    assert not [f for f in extract_text(sentence, nlp) if f.rule == "nominal_event"]


def test_suffix_test_finds_unlisted_event_nouns(nlp):
    from kg.extract.rules import is_event_noun
    from kg.parse import parse_text

    text = "The ratification and the release came before the government and the building."
    layer = parse_text(text, nlp).segments[0]
    assert [t.text for t in layer if is_event_noun(t)] == ["ratification", "release"]


def test_event_nouns_come_from_the_pipeline_in_use(nlp):
    """The verb lemmas are the parsing pipeline's own: without any, only listed nouns count."""
    from kg.extract.rules import is_event_noun
    from kg.parse import Lexicon, ParsedArticle, parse_text

    parsed = parse_text("The ratification and the release came.", nlp)
    assert parsed.lexicon.verb_lemmas  # the model's rule lemmatizer has its verb index
    bare = ParsedArticle(parsed.article, parsed.segments, Lexicon())
    assert [t.text for t in bare.segments[0] if is_event_noun(t)] == ["release"]


def test_nominal_events_stay_out_of_carb_lines(nlp):
    facts = extract_text("Boeing's acquisition of McDonnell Douglas was completed in 1997.", nlp)
    assert _events(facts, "acquisition")
    lines = facts_to_carb_lines(facts)
    assert lines and not any("\tacquisition\t" in line for line in lines)


def test_confidence_ranks_nominal_events_low(nlp):
    facts = extract_text("Airbus announced the sale of 20 planes to Qatar on Monday.", nlp)
    (sale,) = _events(facts, "sale")
    (announce,) = [f for f in facts if f.event_type == "announce"]
    assert 0 < sale.confidence < announce.confidence


def test_hyphenated_event_noun_by_its_last_part(nlp):
    facts = extract_text("The pre-orders of the new phone began on Tuesday.", nlp)
    f = next(f for f in facts if f.rule == "nominal_event")
    assert (f.predicate.text, f.predicate.lemma, f.object.text) == (
        "pre-orders",
        "pre-order",
        "the new phone",
    )


def test_motion_event_noun_with_only_a_place_of_origin(nlp):
    # examples/articles/82548.txt: the charity flight leaves from Singapore
    facts = extract_text(
        'The first flight will take off for a "special charity-flight" from Singapore and land'
        " in Sydney on October 25.",
        nlp,
    )
    (f,) = [f for f in facts if f.rule == "nominal_event"]
    assert (f.predicate.text, [(a.prep, a.text, a.role) for a in f.arguments]) == (
        "charity-flight",
        [("from", "Singapore", "source")],
    )


def test_merger_of_two_companies_stays_whole_and_both_are_its_patients(nlp):
    # no dev sentence has the construction; the issue's own example, in a sentence of ours
    facts = extract_text("The merger of Dempster Mills and Laird Industries was approved.", nlp)
    passive = next(f for f in facts if f.rule == "passive")
    assert passive.subject.text == "The merger of Dempster Mills and Laird Industries"
    (f,) = [f for f in facts if f.rule == "nominal_event"]
    parties = [f.object, *f.arguments]
    assert [(p.text, p.role) for p in parties] == [
        ("Dempster Mills", "patient"),
        ("Laird Industries", "patient"),
    ]
