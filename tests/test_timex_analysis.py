"""Time expressions as the analysis finds them: detected once, normalised once, anchored.

:attr:`kg.model.AnalysedArticle.times` holds every expression found in the parse; a fact's
time is the one its time participant overlaps. Relative expressions count from the time the
text gave before them (same sentence, the sentence before, or the same paragraph), and a
relative value past the publication date stands only in a future clause.
"""

from __future__ import annotations

from datetime import date

from kg.analyse import analyse_articles, analyse_text
from kg.model import Article, Segment, TimeValue

IN_1998 = date(1998, 5, 2)


def _values(analysed) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.value) for t in analysed.times]


def test_times_hold_every_expression_with_offsets_and_type(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kolesnikova was jailed in Minsk in 2020 and freed on Sunday after five years."
    a = analyse_text(text, nlp, published=date(2025, 12, 14))
    assert a.times == (
        TimeValue("2020", "2020", start=35, stop=39, type="DATE"),
        TimeValue("Sunday", "2025-12-14", start=53, stop=59, type="DATE"),
        TimeValue("five years", "P5Y", start=66, stop=76, type="DURATION"),
    )
    assert all(text[t.start : t.stop] == t.text for t in a.times)  # type: ignore[misc]


def test_fact_time_is_the_detected_expression(nlp) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Kolesnikova was jailed in Minsk in 2020.", nlp, published=date(2025, 12, 14))
    (fact,) = a.facts
    assert fact.time == a.times[0]


def test_fact_time_interval_from_preposition_and_range(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "She has been imprisoned since 2020. Airbus will deliver six jets between 2014 and 2016."
    a = analyse_text(text, nlp, published=date(2007, 6, 9))
    by_verb = {f.predicate.lemma: f.time for f in a.facts}
    since, between = by_verb["imprison since"], by_verb["deliver"]
    assert since is not None and (since.value, since.begin) == (None, "2020")
    assert between is not None and (between.begin, between.end) == ("2014", "2016")
    # TimeML tags a range as its two ends
    assert _values(a)[-2:] == [("2014", "2014"), ("2016", "2016")]


def test_duration_gives_the_fact_no_point_in_time(nlp) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("Lukashenko has ruled for thirty years.", nlp, published=date(2025, 12, 14))
    (fact,) = a.facts
    assert fact.time is not None and fact.time.value is None and fact.time.type == "DURATION"
    assert _values(a) == [("thirty years", "P30Y")]


def test_thirty_seven_years_after_1961(nlp) -> None:  # type: ignore[no-untyped-def]
    """An article of 1998: "In 1961 ... 37 years later" is 1998, not 2035."""
    text = (
        "Yuri Gagarin flew into space in 1961. 37 years later, the first module of the "
        "International Space Station was launched."
    )
    a = analyse_text(text, nlp, published=IN_1998)
    assert _values(a) == [("1961", "1961"), ("37 years later", "1998")]
    launched = next(f for f in a.facts if f.predicate.lemma == "launch")
    assert launched.time is not None and launched.time.value == "1998"


def test_four_years_later_counts_from_the_year_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plant opened in 1994. Four years later it closed."
    assert _values(analyse_text(text, nlp, published=IN_1998))[1] == ("Four years later", "1998")


def test_four_years_later_without_an_anchor_has_no_value_in_a_past_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Four years later" in a 1998 article with no time before it: 2002 would contradict
    the past tense, so no value (the text is kept)."""
    a = analyse_text("The company went public four years later.", nlp, published=IN_1998)
    assert _values(a) == [("four years later", None)]


def test_a_later_date_stands_in_a_future_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text("The company will go public two years later.", nlp, published=IN_1998)
    assert _values(a) == [("two years later", "2000")]


def test_two_days_earlier_and_the_following_year(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The vote took place on March 3, 1997. Two days earlier, protesters had gathered. "
        "The following year, the law was repealed."
    )
    assert _values(analyse_text(text, nlp, published=IN_1998)) == [
        ("March 3, 1997", "1997-03-03"),
        ("Two days earlier", "1997-03-01"),
        ("The following year", "1998"),
    ]


def test_an_anchor_two_paragraphs_back_is_not_used(nlp) -> None:  # type: ignore[no-untyped-def]
    """The anchor must stand in the same sentence, the sentence before or the same paragraph:
    a year two paragraphs back does not anchor "four years later"."""
    paragraphs = [
        "The plant opened in 1961.",
        "Workers praised it.",
        "Four years later, it closed.",
    ]
    text = "\n\n".join(paragraphs)
    segments, at = [], 0
    for p in paragraphs:
        segments.append(Segment(at, at + len(p)))
        at += len(p) + 2
    article = Article("p", text, segments=tuple(segments), published=IN_1998)
    (a,) = analyse_articles([article], nlp)
    assert _values(a) == [("1961", "1961"), ("Four years later", None)]
    together = Article("q", " ".join(paragraphs), published=IN_1998)  # one paragraph
    (b,) = analyse_articles([together], nlp)
    assert _values(b) == [("1961", "1961"), ("Four years later", "1965")]


def test_no_times_without_resolution(nlp) -> None:  # type: ignore[no-untyped-def]
    article = Article("a", "Talks resumed on Monday.", published=date(2025, 12, 14))
    (a,) = analyse_articles([article], nlp, resolve=False)
    assert a.times == ()
