"""Gazetteer lookups, demonyms, and the time/place annotation of facts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from kg.model import Argument, Article, Fact, Place, Predicate, TimeValue
from kg.resolve import annotate_time_place, article_place, demonym_country, lookup_place
from kg.resolve.places import country_place


def test_minsk_is_the_belarus_capital() -> None:
    p = lookup_place("Minsk")
    assert p is not None
    assert (p.kind, p.iso, p.geonames) == ("city", "BY", 625144)
    assert p.lat == pytest.approx(53.9, abs=0.05)


def test_vilnius() -> None:
    p = lookup_place("Vilnius")
    assert p is not None and (p.kind, p.iso, p.geonames) == ("city", "LT", 593116)


def test_belarus_is_a_country_with_geonames_id() -> None:
    p = lookup_place("Belarus")
    assert p is not None
    assert (p.kind, p.iso, p.geonames) == ("country", "BY", 630336)
    # Countries take their capital's coordinates.
    assert (p.lat, p.lon) == (lookup_place("Minsk").lat, lookup_place("Minsk").lon)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("the United States", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Ukraine", "UA"),
        ("BLR", "BY"),
    ],
)
def test_country_aliases(name: str, iso: str) -> None:
    p = lookup_place(name)
    assert p is not None and p.kind == "country" and p.iso == iso


def test_united_states_name() -> None:
    assert lookup_place("US").name == "United States"  # type: ignore[union-attr]


def test_word_like_codes_are_not_countries() -> None:
    assert lookup_place("IT") is None
    assert lookup_place("Telegram") is None


def test_ambiguous_city_goes_to_most_populous() -> None:
    p = lookup_place("Paris")
    assert p is not None and p.iso == "FR"


def test_regions() -> None:
    assert lookup_place("Europe").kind == "region"  # type: ignore[union-attr]
    assert lookup_place("California").iso == "US"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Belarusian", "Belarus"),
        ("Ukrainian", "Ukraine"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Lithuanian", "Lithuania"),
        ("Chinese", "China"),
        ("Dutch", "Netherlands"),
    ],
)
def test_demonym_country(word: str, country: str) -> None:
    assert demonym_country(word) == country


def test_every_demonym_names_a_known_country() -> None:
    from kg.resolve.places import DEMONYMS

    assert all(country_place(iso) is not None for iso in DEMONYMS.values())


def test_gazetteer_is_not_loaded_at_import() -> None:
    code = "import kg.resolve.places as p; print(p._cities.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.", "u.s."),
        ("  The  Hague ", "hague"),
        ("St. Louis.", "st. louis"),
        ("Washington D.C.", "washington d.c."),
        ("Ürümqi", "urumqi"),
        ("U.S", "u.s"),
        ("the\tUnited  Kingdom.", "united kingdom"),
    ],
)
def test_lookup_keys(name: str, key: str) -> None:
    from kg.resolve.places import _key

    assert _key(name) == key


def test_gazetteer_build_leaves_the_garbage_collector_on() -> None:
    import gc

    assert gc.isenabled()
    assert lookup_place("Minsk") is not None
    assert gc.isenabled()


# ------------------------------------------------------------------ annotate_time_place

TEXT = (
    "Vilnius, December 14 (IANS) Belarus has released 123 prisoners. "
    "Maria Kolesnikova has been imprisoned since 2020. "
    "Talks were held in Minsk with US envoy John Coale. "
    "Elections were held five years ago."
)
ARTICLE = Article("belarus", TEXT, published=date(2025, 12, 14), place="Vilnius")


def _fact(sentence: str, predicate: str, **kw: object) -> Fact:
    s = TEXT.index(sentence)
    p = TEXT.index(predicate, s)
    return Fact(
        "belarus", 0, sentence, s, s + len(sentence),
        predicate=Predicate(predicate, p, p + len(predicate)), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _at(text: str) -> tuple[int, int]:
    i = TEXT.index(text)
    return i, i + len(text)


def test_since_sets_begin() -> None:
    s, e = _at("2020")
    f = _fact(
        "Maria Kolesnikova has been imprisoned since 2020.",
        "has been imprisoned",
        time=TimeValue("2020", start=s, stop=e),
        arguments=(Argument("time", "2020", s, e, prep="since"),),
    )
    t = annotate_time_place(ARTICLE, [f])[0].time
    assert t is not None and (t.begin, t.value, t.start) == ("2020", None, s)


def test_time_argument_becomes_fact_time() -> None:
    s, e = _at("five years ago")
    f = _fact(
        "Elections were held five years ago.",
        "were held",
        arguments=(Argument("time", "five years ago", s, e),),
    )
    t = annotate_time_place(ARTICLE, [f])[0].time
    assert t is not None and (t.value, t.start, t.stop) == ("2020", s, e)


def test_place_filled_from_gazetteer_keeping_offsets() -> None:
    s, e = _at("Minsk")
    f = _fact(
        "Talks were held in Minsk with US envoy John Coale.",
        "were held",
        place=Place("Minsk", start=s, end=e),
    )
    (g,) = annotate_time_place(ARTICLE, [f])
    assert g.place is not None
    assert (g.place.geonames, g.place.iso, g.place.start, g.place.end) == (625144, "BY", s, e)
    assert f.place is not None and f.place.geonames is None  # input not mutated


def test_location_argument_becomes_place() -> None:
    s, e = _at("in Minsk")
    f = _fact(
        "Talks were held in Minsk with US envoy John Coale.",
        "were held",
        arguments=(Argument("location", "Minsk", s + 3, e, prep="in"),),
    )
    g = annotate_time_place(ARTICLE, [f])[0]
    assert g.place is not None and g.place.kind == "city" and g.place.start == s + 3


def test_present_perfect_fact_gets_publication_date() -> None:
    f = _fact("Belarus has released 123 prisoners.", "has released", tense="present",
              aspect="perfect")  # fmt: skip
    t = annotate_time_place(ARTICLE, [f])[0].time
    assert t is not None and t.value == "2025-12-14" and t.start is None


@pytest.mark.parametrize(
    ("sentence", "dated"),
    [
        ("Belarus has released 123 prisoners.", True),
        ("Belarus has slowly released 123 prisoners.", True),  # an adverb between: still perfect
        ("Belarus released 123 prisoners.", False),
        ("They have yet to make a concrete offer.", False),  # "have to": no perfect
    ],
)
def test_present_perfect_is_read_from_the_tags(nlp, sentence: str, dated: bool) -> None:
    from kg.analyse import analyse_text

    (f, *_) = analyse_text(sentence, nlp, published=date(2025, 12, 14)).facts
    assert (f.time is not None and f.time.value == "2025-12-14") == dated, (f.tense, f.aspect)


def test_past_fact_without_time_stays_undated() -> None:
    f = _fact("Talks were held in Minsk with US envoy John Coale.", "were held")
    assert annotate_time_place(ARTICLE, [f])[0].time is None


def test_today_in_sentence_dates_fact_with_offsets() -> None:
    text = "Belarus frees prisoners today."
    a = Article("a", text, published=date(2025, 12, 14))
    f = Fact("a", 0, text, 0, len(text), predicate=Predicate("frees", 8, 13))
    t = annotate_time_place(a, [f])[0].time
    assert t is not None and (t.text, t.value, t.start) == ("today", "2025-12-14", 24)


def test_article_place_is_dateline_city() -> None:
    p = article_place(ARTICLE)
    assert p is not None and (p.geonames, p.iso) == (593116, "LT")
    assert p.lat == pytest.approx(54.69, abs=0.05)
    assert article_place(Article("x", "")) is None


def test_since_folded_into_predicate_still_sets_begin() -> None:
    # The extractor may put "since" in the predicate and give the time no argument.
    s, e = _at("2020")
    f = _fact(
        "Maria Kolesnikova has been imprisoned since 2020.",
        "has been imprisoned since",
        time=TimeValue("2020", start=s, stop=e),
    )
    t = annotate_time_place(ARTICLE, [f])[0].time
    assert t is not None and (t.begin, t.value) == ("2020", None)


def test_headline_present_tense_is_dated_to_publication():
    from datetime import date

    from kg.model import Article, Fact, Segment
    from kg.resolve import annotate_time_place

    text = "Belarus frees 123 political prisoners\n\nIt said more would follow."
    a = Article("a", text, segments=(Segment(0, 37, "title"), Segment(39, 65)),
                published=date(2025, 12, 14))  # fmt: skip
    headline = Fact("a", 0, text[:37], 0, 37, predicate=Predicate("frees", 8, 13, lemma="free"),
                    tense="present")  # fmt: skip
    body = Fact("a", 1, text[39:], 39, 65, predicate=Predicate("said", 42, 46, lemma="say"),
                tense="past")  # fmt: skip
    dated = annotate_time_place(a, [headline, body])
    assert dated[0].time is not None and dated[0].time.value == "2025-12-14"
    assert dated[1].time is None  # a past-tense body sentence states no date
