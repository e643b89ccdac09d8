"""kg.ingest: files → Articles with segments, dates, datelines, ids and errors."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import article_from_text, read_articles, read_sentence_lines
from kg.ingest._dateline import match_dateline, parse_date_line
from kg.ingest._text import boilerplate_tail_lines, is_byline, is_photo_credit
from kg.model import Article
from tests.conftest import BELARUS, EXAMPLES, require_shared


def read_one(path: Path, **kwargs) -> Article:
    errors: list[InputError] = []
    articles = list(read_articles([path], errors=errors, **kwargs))
    assert errors == []
    assert len(articles) == 1
    return articles[0]


def texts(article: Article, kind: str | None = None) -> list[str]:
    return [
        article.text[s.start : s.end] for s in article.segments if kind is None or s.kind == kind
    ]


def assert_offsets_index_file(article: Article, path: Path) -> None:
    original = path.read_text(encoding="utf-8-sig")
    assert article.text == original
    for seg in article.segments:
        assert original[seg.start : seg.end] == article.text[seg.start : seg.end]
        assert seg.start < seg.end
        assert original[seg.start : seg.end] == original[seg.start : seg.end].strip()


def only_error(errors: list[InputError]) -> InputError:
    assert len(errors) == 1, errors
    return errors[0]


# --- the Belarus sample -------------------------------------------------------------------


def test_belarus_title_dateline_and_given_date():
    a = read_one(BELARUS, date=date(2025, 12, 14))
    assert a.id == "belarus-prisoners-2025-12-14"
    assert a.title == "Belarus frees 123 political prisoners in sanctions deal with US"
    assert (a.place, a.agency) == ("Vilnius", "IANS")
    assert a.published == date(2025, 12, 14)
    assert a.path == str(BELARUS)


def test_belarus_first_body_segment_starts_after_dateline():
    a = read_one(BELARUS)
    kinds = [s.kind for s in a.segments]
    assert kinds[0] == "title" and set(kinds[1:]) == {"body"}
    assert texts(a, "title") == [a.title]
    assert texts(a, "body")[0].startswith("Belarus has released")
    assert texts(a, "body")[-1].startswith("Hundreds of people were arrested")


def test_belarus_skips_photo_credit_and_publisher_boilerplate():
    a = read_one(BELARUS)
    for text in texts(a):
        assert "Click Here" not in text
        assert "Photo source" not in text
        assert "Morung Express" not in text
        assert "Your Contributions Matter" not in text
        assert "Vilnius, December 14" not in text
    assert len(texts(a, "body")) == 17


def test_belarus_without_date_keeps_place_but_has_no_year():
    a = read_one(BELARUS)
    assert a.published is None  # "December 14" has no year, and file times are never used
    assert (a.place, a.agency) == ("Vilnius", "IANS")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_example_segments_index_the_file_text(name):
    path = EXAMPLES / name
    assert_offsets_index_file(read_one(path), path)


def test_examples_directory_reads_all_samples_sorted():
    errors: list[InputError] = []
    articles = list(read_articles([EXAMPLES], date=date(2025, 12, 14), errors=errors))
    assert errors == []
    # ATTRIBUTION.md documents the folder and is no article
    assert [a.id for a in articles] == [
        "11716",
        "30414",
        "40986",
        "82548",
        "belarus-prisoners-2025-12-14",
    ]


# --- MEANTIME date lines ------------------------------------------------------------------


def test_meantime_example_date_line_is_published_date_not_segment():
    a = read_one(EXAMPLES / "82548.txt")
    assert a.title == "First Airbus A380 delivered"
    assert a.published == date(2007, 10, 15)
    assert "October 15, 2007" not in texts(a)
    assert texts(a, "body")[0].startswith("The first A380 superjumbo")
    assert a.place is None and a.agency is None


def test_meantime_date_lines_match_document_creation_times():
    data = require_shared() / "meantime"
    docs = [json.loads(line) for line in (data / "documents.jsonl").read_text().splitlines()]
    articles = {a.id: a for a in read_articles([data / "articles"])}
    assert articles["100911"].published == date(2008, 3, 1)
    for doc in docs:
        a = articles[doc["doc_id"]]
        assert a.title == doc["title"]
        if doc["dct"]:
            assert a.published == date.fromisoformat(doc["dct"])
        # one corpus sentence per block: all blocks but the date line are segments
        assert len(a.segments) == len(a.text.split("\n\n")) - 1


# --- dates --------------------------------------------------------------------------------


def test_date_line_outranks_date_argument(tmp_path):
    # --date is the default for articles without a date of their own (make demo passes one
    # for the Belarus article; the Wikinews samples keep their printed dates).
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nMarch 01, 2008\n\nBody text here.\n", encoding="utf-8")
    assert read_one(f).published == date(2008, 3, 1)
    assert read_one(f, date=date(2020, 1, 2)).published == date(2008, 3, 1)
    g = tmp_path / "b.txt"
    g.write_text("Title\n\nBody text here.\n", encoding="utf-8")
    assert read_one(g, date=date(2020, 1, 2)).published == date(2020, 1, 2)


def test_dateline_year_comes_from_date_line(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Talks end\n\nJanuary 02, 2026\n\nLONDON, Dec 31 (Reuters) - Talks ended.\n",
        encoding="utf-8",
    )
    a = read_one(f)
    assert a.published == date(2025, 12, 31)  # the year before the date line's
    assert (a.place, a.agency) == ("LONDON", "Reuters")
    assert texts(a, "body") == ["Talks ended."]


def test_record_published_beats_date_argument(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps({"id": "r1", "text": "A.", "published": "2024-05-06T10:00:00Z"})
        + "\n"
        + json.dumps({"id": "r2", "text": "B."})
        + "\n",
        encoding="utf-8",
    )
    got = {a.id: a.published for a in read_articles([f], date=date(2025, 1, 1))}
    assert got == {"r1": date(2024, 5, 6), "r2": date(2025, 1, 1)}


# --- JSON and JSON Lines ------------------------------------------------------------------


def test_jsonl_malformed_line_reports_line_and_keeps_other_records(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        '{"id": "a", "title": "A", "text": "First story."}\n'
        "{not json\n"
        '{"id": "c", "text": "Third story.", "url": "https://x.org/c", "source": "X News"}\n',
        encoding="utf-8",
    )
    errors: list[InputError] = []
    articles = list(read_articles([f], errors=errors))
    assert [a.id for a in articles] == ["a", "c"]
    err = only_error(errors)
    assert (err.path, err.line) == (str(f), 2)
    assert str(err).startswith(f"{f}:2: line is not valid JSON")
    assert (articles[1].url, articles[1].source, articles[1].path) == (
        "https://x.org/c",
        "X News",
        str(f),
    )


def test_jsonl_record_without_text_is_an_error_with_its_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "Fine."}\n\n{"id": "b", "title": "No body"}\n', "utf-8")
    errors: list[InputError] = []
    assert [a.id for a in read_articles([f], errors=errors)] == ["a"]
    err = only_error(errors)
    assert err.line == 3 and "'text'" in err.problem


def test_jsonl_records_without_id_use_stem_and_line(tmp_path):
    f = tmp_path / "wire.jsonl"
    f.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    assert [a.id for a in read_articles([f])] == ["wire-1", "wire-2"]


def test_json_title_outside_text_is_no_segment(tmp_path):
    f = tmp_path / "one.json"
    text = "Vilnius, December 14 (IANS) Belarus has released prisoners.\n\nMore text."
    f.write_text(json.dumps({"title": "Belarus frees prisoners", "text": text}), "utf-8")
    a = read_one(f)
    assert a.id == "one"
    assert a.title == "Belarus frees prisoners"
    assert a.text == text
    assert [s.kind for s in a.segments] == ["body", "body"]
    assert texts(a)[0] == "Belarus has released prisoners."
    assert a.place == "Vilnius"


def test_json_title_repeated_in_text_is_title_segment(tmp_path):
    f = tmp_path / "list.json"
    records = [
        {"id": "x", "title": "Deal signed", "text": "Deal signed\n\nThe deal was signed."},
        {"text": "No title here.\n\nSecond paragraph."},
        "not an object",
    ]
    f.write_text(json.dumps(records), encoding="utf-8")
    errors: list[InputError] = []
    got = list(read_articles([f], errors=errors))
    assert [a.id for a in got] == ["x", "list-2"]
    assert texts(got[0], "title") == ["Deal signed"]
    assert texts(got[1], "title") == [] and got[1].title == ""
    assert "record 3" in only_error(errors).problem


def test_record_with_bad_published_is_an_error(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "A.", "published": "last Tuesday"}\n', "utf-8")
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    err = only_error(errors)
    assert err.line == 1 and "'published' is not an ISO date" in err.problem


def test_invalid_json_file_is_one_error(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('[{"text": "a"},\n oops]', encoding="utf-8")
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    err = only_error(errors)
    assert err.path == str(f) and err.line == 2


# --- bad files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"  \n\n\t\n", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("empty.jsonl", b"\n", "file is empty"),
    ],
)
def test_bad_file_gives_one_error_naming_it(tmp_path, name, content, problem):
    f = tmp_path / name
    f.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nBody.\n", encoding="utf-8")
    errors: list[InputError] = []
    assert [a.id for a in read_articles([f, good], errors=errors)] == ["good"]
    err = only_error(errors)
    assert err.path == str(f)
    assert err.problem == problem
    assert str(f) in str(err)


def test_record_of_only_boilerplate_is_an_error(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "Subscribe now\\nClick Here"}\n{"text": "Fine."}\n', "utf-8")
    errors: list[InputError] = []
    assert [a.id for a in read_articles([f], errors=errors)] == ["feed-2"]
    err = only_error(errors)
    assert err.line == 1 and "no article text found" in err.problem


def test_headline_is_never_dropped_as_boilerplate(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Follow us on the campaign trail\n", encoding="utf-8")
    assert texts(read_one(f)) == ["Follow us on the campaign trail"]


def test_missing_path_gives_one_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    errors: list[InputError] = []
    assert list(read_articles([missing], errors=errors)) == []
    err = only_error(errors)
    assert str(err) == f"{missing}: no such file or directory"


def test_unreadable_file_gives_error(tmp_path, monkeypatch):
    f = tmp_path / "locked.txt"
    f.write_text("Title\n\nBody.\n", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert only_error(errors).problem == "cannot read file: Permission denied"


def test_named_file_of_unknown_type_is_error_but_ignored_in_directory(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    errors: list[InputError] = []
    assert [a.id for a in read_articles([tmp_path], errors=errors)] == ["a"]
    assert errors == []
    list(read_articles([tmp_path / "notes.pdf"], errors=errors))
    assert "unsupported file type '.pdf'" in only_error(errors).problem


def test_errors_without_list_are_logged_and_skipped(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        assert list(read_articles([tmp_path / "gone.txt"])) == []
    assert "gone.txt: no such file or directory" in caplog.text


def test_duplicate_article_ids_are_errors(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n', "utf-8")
    errors: list[InputError] = []
    assert [a.text for a in read_articles([f], errors=errors)] == ["One."]
    assert "duplicate article id 'a'" in only_error(errors).problem


# --- encodings ----------------------------------------------------------------------------


def test_latin1_file_decodes_with_warning(tmp_path):
    f = tmp_path / "cafe.txt"
    f.write_bytes("Café société\n\nLe café a fermé à Zürich.\n".encode("latin-1"))
    with pytest.warns(UnicodeWarning, match="cafe.txt"):
        a = read_one(f)
    assert a.title == "Café société"
    assert texts(a, "body") == ["Le café a fermé à Zürich."]


def test_utf8_bom_is_dropped_and_offsets_index_text_after_it(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfHeadline\n\nBody one.\n")
    a = read_one(f)
    assert a.text.startswith("Headline") and a.title == "Headline"
    assert_offsets_index_file(a, f)


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    f = tmp_path / "wide.txt"
    f.write_bytes("Headline\n\nBody.\n".encode("utf-16"))
    assert texts(read_one(f)) == ["Headline", "Body."]


def test_crlf_line_ends_keep_offsets(tmp_path):
    f = tmp_path / "dos.txt"
    f.write_bytes(b"Headline\r\n\r\nFirst para.\r\n\r\nSecond para.\r\n")
    a = read_one(f)
    original = f.read_bytes().decode()
    assert a.text == original
    assert texts(a) == ["Headline", "First para.", "Second para."]


# --- directories and ids ------------------------------------------------------------------


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    for rel in ["b.txt", "a/z.md", "a/c.txt", "feed.jsonl", ".hidden.txt", ".git/x.txt", "x.csv"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        content = '{"id": "rec", "text": "Rec."}\n' if rel.endswith("jsonl") else "T\n\nBody.\n"
        p.write_text(content, encoding="utf-8")
    got = [a.id for a in read_articles([tmp_path])]
    assert got == ["c", "z", "b", "rec"]
    assert got == [a.id for a in read_articles([tmp_path])]  # deterministic


def test_shared_stems_use_relative_path_ids(tmp_path):
    for rel in ["2024/report.txt", "2025/report.txt", "other.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("T\n\nBody.\n", encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["2024-report", "2025-report", "other"]


def test_same_file_named_twice_is_read_once(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("T\n\nBody.\n", encoding="utf-8")
    assert [a.id for a in read_articles([f, tmp_path])] == ["a"]


def test_single_path_argument_is_accepted(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("T\n\nBody.\n", encoding="utf-8")
    assert [a.id for a in read_articles(str(f))] == ["a"]


# --- HTML ---------------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Airbus wins Qatar Airways order | Daily Planet</title>
<meta property="og:title" content="Airbus wins Qatar Airways order">
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2005-06-13T09:30:00+00:00">
<link rel="canonical" href="https://planet.example.org/business/airbus-qatar">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport and leisure</a></li><li><a href="/login">Sign in to your account</a></li>
</ul></nav></header>
<main><article>
<h1>Airbus wins Qatar Airways order</h1>
<p>PARIS, June 13 (Reuters) - European aircraft manufacturer Airbus has won an order from Qatar
Airways for up to 60 of its new mid-sized A350 jets, the airline said on Monday.</p>
<p>The order, believed to be worth 15 billion dollars, has given a boost to an otherwise
disappointing Paris Air Show, dominated by a state aid dispute between Airbus and Boeing.</p>
<p>Qatar Airways, which chose the A350 over the Boeing 787, will also buy twenty of the larger
Boeing 777 planes for 4.6 billion dollars, its chief executive told reporters.</p>
</article></main>
<footer><p>Copyright 2005 Daily Planet. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>
"""


def test_html_page_gives_title_date_and_body_without_navigation(tmp_path):
    f = tmp_path / "airbus-qatar.html"
    f.write_text(NEWS_PAGE, encoding="utf-8")
    a = read_one(f)
    assert a.id == "airbus-qatar"
    assert a.title == "Airbus wins Qatar Airways order"
    assert a.published == date(2005, 6, 13)
    assert a.url == "https://planet.example.org/business/airbus-qatar"
    assert a.source == "Daily Planet"
    assert (a.place, a.agency) == ("PARIS", "Reuters")
    body = texts(a, "body")
    assert len(body) == 3
    assert body[0].startswith("European aircraft manufacturer Airbus")
    assert body[2].startswith("Qatar Airways, which chose")
    for junk in ("Sign in", "Sport and leisure", "Privacy policy", "All rights reserved"):
        assert junk not in a.text
    for seg in a.segments:
        assert a.text[seg.start : seg.end].strip() == a.text[seg.start : seg.end]


def test_html_without_main_text_is_error(tmp_path):
    f = tmp_path / "empty.htm"
    f.write_text("<html><head><title>x</title></head><body><script>x=1</script></body></html>")
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert only_error(errors).problem == "no main text found in HTML page"


def test_markup_in_text_file_is_kept_as_text(tmp_path):
    f = tmp_path / "xss.txt"
    f.write_text("Hacked <script>alert(1)</script> headline\n\nBody.\n", encoding="utf-8")
    a = read_one(f)
    assert a.title == "Hacked <script>alert(1)</script> headline"
    assert texts(a, "title") == [a.title]


# --- markdown -----------------------------------------------------------------------------


def test_markdown_title_headings_and_images(tmp_path):
    f = tmp_path / "story.md"
    f.write_text(
        "# Airbus delivers first A380 #\n\n![plane](a380.jpg)\n\n"
        "The first A380 was delivered.\n\n## Reactions\nAirlines welcomed it.\n\n---\n",
        encoding="utf-8",
    )
    a = read_one(f)
    assert a.title == "Airbus delivers first A380"
    assert texts(a) == [
        "Airbus delivers first A380",
        "The first A380 was delivered.",
        "Reactions",
        "Airlines welcomed it.",
    ]
    assert [s.kind for s in a.segments] == ["title", "body", "body", "body"]


def test_hash_is_not_stripped_from_plain_text_title(tmp_path):
    f = tmp_path / "tag.txt"
    f.write_text("#MeToo founder speaks\n\nBody.\n", encoding="utf-8")
    assert read_one(f).title == "#MeToo founder speaks"


# --- sentence lines -----------------------------------------------------------------------


def test_read_sentence_lines_one_article_per_line(tmp_path):
    f = tmp_path / "dev.txt"
    f.write_text("QVC Network Inc. said it completed .\n\n  Second , spaced  \nThird\n", "utf-8")
    got = list(read_sentence_lines(f))
    assert [a.id for a in got] == ["line-1", "line-3", "line-4"]
    assert got[1].text == "  Second , spaced  "
    assert [(s.start, s.end, s.kind) for s in got[1].segments] == [(0, 19, "body")]
    assert got[0].title == ""


def test_read_sentence_lines_missing_file_raises(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_sentence_lines(tmp_path / "nope.txt"))


def test_carb_dev_sentences_are_read_line_by_line():
    dev = require_shared() / "carb" / "dev.txt"
    got = list(read_sentence_lines(dev))
    assert len(got) == 641
    lines = dev.read_text(encoding="utf-8").split("\n")
    assert all(a.text == lines[int(a.id.split("-")[1]) - 1] for a in got)


# --- layout rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("Vilnius, December 14 (IANS) Belarus has released", "Vilnius", "IANS", "Belarus has"),
        ("LONDON, Dec. 14 (Reuters) - The bank said", "LONDON", "Reuters", "The bank"),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON", "AP", "The Senate"),
        ("Rio de Janeiro, 3 June (AFP) Police said", "Rio de Janeiro", "AFP", "Police said"),
        ("NEW DELHI: India said on Monday", "NEW DELHI", None, "India said"),
    ],
)
def test_dateline_forms(paragraph, place, agency, rest):
    found = match_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert paragraph[found.end :].startswith(rest)


# First paragraphs as AP wires set them: " _ " (an underscore for the dash), "--", "—", with
# and without spaces, after a city alone, a city and state, or a city and date.
@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("WASHINGTON (AP) _ The Senate voted 52-47 on Tuesday to confirm the nominee.",
         "WASHINGTON", "The Senate voted"),
        ("NEW YORK (AP) _ Stocks slid in early trading as oil prices climbed.",
         "NEW YORK", "Stocks slid"),
        ("JERUSALEM (AP) _ \"We will rebuild,\" the mayor told reporters on Sunday.",
         "JERUSALEM", '"We will rebuild'),
        ("CHICAGO (AP) -- Firefighters battled a blaze at a warehouse overnight.",
         "CHICAGO", "Firefighters battled"),
        ("BOSTON (AP)--A judge ruled Friday that the city may close the school.",
         "BOSTON", "A judge ruled"),
        ("DENVER (AP) — Snow closed the main highway for a second day.",
         "DENVER", "Snow closed"),
        ("ANCHORAGE, Alaska (AP) _ A magnitude 6.1 earthquake shook the city on Monday.",
         "ANCHORAGE", "A magnitude 6.1"),
        ("SALEM, Ore. (AP) -- Lawmakers approved the budget late Thursday.",
         "SALEM", "Lawmakers approved"),
        ("WASHINGTON, Dec. 14 (AP) _ 12 senators signed the letter.",
         "WASHINGTON", "12 senators"),
    ],
)  # fmt: skip
def test_ap_datelines_give_place_and_agency(paragraph, place, rest):
    found = match_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, "AP")
    assert paragraph[found.end :].startswith(rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The snake_case (AP) name was dropped.",
        "Officials said (on Monday) _ that it was over.",
        "Smith, a lawyer (retired) - said nothing.",
        "Jones_Smith (AP) wrote the report.",
    ],
)
def test_no_ap_dateline_in_ordinary_sentences(paragraph):
    assert match_dateline(paragraph) is None


def test_ap_story_with_byline_records_agency_and_skips_byline(tmp_path):
    f = tmp_path / "ap.txt"
    f.write_text(
        "Senate passes stopgap spending bill\n\n"
        "By MARY ELLEN PARKS\nAssociated Press Writer\n\n"
        "WASHINGTON (AP) _ The Senate passed a stopgap spending bill late Friday, averting a "
        "shutdown.\n\nThe House is expected to vote on Monday.\n",
        encoding="utf-8",
    )
    a = read_one(f)
    assert (a.place, a.agency) == ("WASHINGTON", "AP")
    assert texts(a) == [
        "Senate passes stopgap spending bill",
        "The Senate passed a stopgap spending bill late Friday, averting a shutdown.",
        "The House is expected to vote on Monday.",
    ]


def test_ap_dateline_in_a_json_record(tmp_path):
    f = tmp_path / "wire.jsonl"
    f.write_text(
        json.dumps(
            {
                "id": "ap-quake",
                "title": "Quake shakes Alaska",
                "text": "ANCHORAGE, Alaska (AP) -- A strong earthquake shook southern Alaska on "
                "Tuesday, officials said.\n\nNo damage was reported.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    a = read_one(f)
    assert (a.place, a.agency) == ("ANCHORAGE", "AP")
    assert texts(a, "body")[0].startswith("A strong earthquake")


@pytest.mark.parametrize(
    ("paragraph", "byline"),
    [
        ("By MARY ELLEN PARKS\nAssociated Press Writer", True),
        ("By John Smith and Ana de la Cruz, The Associated Press", True),
        ("By Tuesday, the Senate had voted.", False),
        ("By then the storm had passed", False),
        ("By JOHN SMITH\nThe Senate passed the bill.", False),
    ],
)
def test_byline_paragraphs(paragraph, byline):
    assert is_byline(paragraph) is byline


@pytest.mark.parametrize(
    "paragraph",
    [
        "Apple Computer announced on Tuesday the first generation.",
        "Tikhanovskaya, December 14 (the day after) said it.",
        "A FIRE-BOMB attack on a bank in Athens.",
        "POSTED: 04/02/07, 9:00 PM PDT |",
        "In 2004, Airbus sold more planes than Boeing.",
        "Apple (AAPL) said on Monday it would buy.",
    ],
)
def test_no_dateline_in_ordinary_sentences(paragraph):
    assert match_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 01, 2008", date(2008, 3, 1)),
        ("May 7, 2005", date(2005, 5, 7)),
        ("Updated: July 02, 2013 15:50 IST", date(2013, 7, 2)),
        ("Sunday, 14 December 2025", date(2025, 12, 14)),
        ("2025-12-14", date(2025, 12, 14)),
        ("March 2008", None),
        ("February 30, 2008", None),
        ("Sales rose on March 1, 2008.", None),
    ],
)
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("(Photo source: X/@Tsihanouskaya)", True),
        ("Photo: Reuters", True),
        ("File image courtesy of AP", True),
        ("Credit Suisse said profits rose.", False),
        ("Pictures show the damage in the city.", False),
    ],
)
def test_photo_credit_lines(line, credit):
    assert is_photo_credit(line) is credit


@pytest.mark.parametrize(
    ("lines", "dropped"),
    [
        (["Story.", "Support The Morung Express.", "Your Contributions Matter", "Click Here"], 3),
        (["Story.", "Follow us on X", "© 2025 Daily Planet"], 2),
        (["Story.", "Subscribe to our newsletter"], 1),
        (["Story.", "Support for the deal grew."], 0),
        (["The lawsuit alleged copyright infringement."], 0),
    ],
)
def test_trailing_boilerplate(lines, dropped):
    assert boilerplate_tail_lines(lines) == dropped


def test_article_from_text_matches_file_reading():
    text = BELARUS.read_text(encoding="utf-8")
    a = article_from_text(text, id="x", date=date(2025, 12, 14))
    b = read_one(BELARUS, date=date(2025, 12, 14))
    assert (a.segments, a.title, a.place, a.published) == (
        b.segments,
        b.title,
        b.place,
        b.published,
    )
