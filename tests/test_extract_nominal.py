"""Relations inside noun phrases (kg.extract.rules.nominal): titles and possessives."""

from __future__ import annotations

from kg.extract import extract_text

ENVOY = (
    "Nobel Peace Prize laureate Ales Bialiatski is also among those freed after talks held in "
    "Minsk with US President Donald Trump's special envoy for Belarus, John Coale."
)


def test_title_before_name(nlp):
    facts = extract_text(ENVOY, nlp)
    titles = {(f.subject.text, f.object.text) for f in facts if f.rule == "title"}
    assert ("Ales Bialiatski", "Nobel Peace Prize laureate") in titles
    assert ("Donald Trump", "US President") in titles


def test_possessive_gives_has(nlp):
    facts = extract_text(ENVOY, nlp)
    assert ("US President Donald Trump", "has", "special envoy for Belarus") in {
        (f.subject.text, f.predicate.lemma, f.object.text) for f in facts if f.rule == "possessive"
    }


def test_honorific_is_not_a_title(nlp):
    facts = extract_text("Mr. Baker found an opening under the house .", nlp)
    assert not any(f.rule == "title" for f in facts)


def test_possessive_of_a_pronoun_gives_nothing(nlp):
    facts = extract_text("She sold her house .", nlp)
    assert not any(f.rule == "possessive" for f in facts)
