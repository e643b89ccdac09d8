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
