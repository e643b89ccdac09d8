"""A predicate's offsets are its words in the article, or None for a relation no word states."""

from __future__ import annotations

from kg.analyse import analyse_text


def test_predicates_index_their_words_or_have_no_offsets(nlp):
    # "Lukashenko's regime" (possessive) and "Maria Kolesnikova, an opposition leader"
    # (apposition) imply "has"/"is": before, their predicates were zero-width spans
    text = (
        "Maria Kolesnikova, an opposition leader, was freed. "
        "Lukashenko's regime released 123 prisoners."
    )
    facts = analyse_text(text, nlp).facts
    implied = [f for f in facts if f.predicate.start is None]
    stated = [f for f in facts if f.predicate.start is not None]
    assert implied and stated
    assert all(f.predicate.end is None and f.predicate.text in ("is", "has") for f in implied)
    for f in stated:
        assert f.predicate.start < f.predicate.end
        words = text[f.predicate.start : f.predicate.end]
        assert words.split()[0] == f.predicate.text.split()[0]
        assert words.split()[-1] == f.predicate.text.split()[-1]
