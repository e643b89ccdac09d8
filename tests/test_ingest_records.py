"""Odd records and files through a real build: each record is built or named in one message.

One JSON Lines feed holds every record shape below, one a line; it is read and built into an
on-disk store with the real model, and each case checks what the user sees: the article in
the store (by its id), or exactly one error naming the feed and that line.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import open_store
from kg.vocab import DCTERMS, KG

DEEP = "[" * 5000 + "]" * 5000


def _line(**record: object) -> bytes:
    return json.dumps(record).encode()


@dataclass(frozen=True)
class Shape:
    label: str
    line: bytes  # the feed line, as bytes (some are not UTF-8, or hold a NUL)
    built: str | None = None  # the id it is stored under, or None if refused
    problem: str | None = None  # what its one error says, if refused


SAY = "The mayor opened the new bridge on Monday."
SHAPES = [
    Shape("plain", _line(id="plain", text=SAY), built="plain"),
    Shape("id-slash", _line(id="wire/2025/12/14", text=SAY), built="wire/2025/12/14"),
    Shape("id-hash", _line(id="story#2", text=SAY), built="story#2"),
    Shape("id-dotdot", _line(id="..", text=SAY), built=".."),
    Shape("id-dot", _line(id=".", text=SAY), built="."),
    Shape("id-percent", _line(id="a%2Fb", text=SAY), built="a%2Fb"),
    Shape("id-padded", _line(id="  padded  ", text=SAY), built="padded"),
    Shape("id-unicode", _line(id="Zürich–Kyiv 東京", text=SAY), built="Zürich–Kyiv 東京"),
    Shape("id-integer", _line(id=42, text=SAY), built="42"),
    Shape("id-negative", _line(id=-7, text=SAY), built="-7"),
    Shape("id-float", _line(id=4.5, text=SAY),
          problem="'id' must be a string or an integer, not the number 4.5"),
    Shape("id-bool", _line(id=True, text=SAY),
          problem="'id' must be a string or an integer, not a boolean"),
    Shape("id-array", _line(id=["a"], text=SAY),
          problem="'id' must be a string or an integer, not an array"),
    Shape("id-newline", _line(id="a\nb", text=SAY),
          problem="'id' 'a\\nb' holds a control character or line break (U+000A)"),
    Shape("id-tab", _line(id="a\tb", text=SAY), problem="line break (U+0009)"),
    Shape("id-line-separator", _line(id="a\u2028b", text=SAY), problem="line break (U+2028)"),
    Shape("id-lone-surrogate", rb'{"id": "d\ud800", "text": "The court met."}',
          problem="'id' holds a lone surrogate escape (\\ud800)"),
    Shape("id-blank", _line(id="  ", text=SAY), built="feed-{n}"),
    Shape("id-missing", _line(text=SAY), built="feed-{n}"),
    Shape("text-lone-surrogate", rb'{"id": "sur-text", "text": "The court \udfff met today."}',
          built="sur-text"),
    Shape("title-lone-surrogate",
          rb'{"id": "sur-title", "title": "Court \ud800", "text": "The court met."}',
          built="sur-title"),
    Shape("text-surrogate-pair", rb'{"id": "emoji", "text": "Fans cheered \ud83d\ude00 loudly."}',
          built="emoji"),
    Shape("published-9999-12-31", _line(id="far", text=SAY, published="9999-12-31"),
          built="far"),
    Shape("published-0001-01-01", _line(id="early", text=SAY, published="0001-01-01"),
          built="early"),
    Shape("published-offset",
          _line(id="offset", text=SAY, published="2025-12-14T23:30:00-05:00"), built="offset"),
    Shape("published-null", _line(id="undated", text=SAY, published=None), built="undated"),
    Shape("published-year-string", _line(id="y", text=SAY, published="9999"),
          problem="'published' is not an ISO date (YYYY-MM-DD...): '9999'"),
    Shape("published-number", _line(id="n", text=SAY, published=9999),
          problem="'published' must be an ISO date string (YYYY-MM-DD), not the number 9999"),
    Shape("published-month", _line(id="m", text=SAY, published="2025-12"),
          problem="'published' is not an ISO date"),
    Shape("published-impossible", _line(id="feb30", text=SAY, published="2025-02-30"),
          problem="'published' is not a real date (day is out of range for month)"),
    Shape("published-year-zero", _line(id="y0", text=SAY, published="0000-01-01"),
          problem="'published' is not a real date (year 0 is out of range)"),
    Shape("extra-fields",
          _line(id="extra", text=SAY, author="A. Writer", tags=["x", "y"], meta={"n": [1, 2]}),
          built="extra"),
    Shape("extra-field-nested-deep", b'{"id": "deep-field", "text": "A.", "meta": ' +
          DEEP.encode() + b"}", problem="line is nested too deeply to read as JSON"),
    Shape("line-nested-deep", DEEP.encode(), problem="line is nested too deeply to read as JSON"),
    Shape("huge-integer", b'{"id": "big", "text": "A.", "n": ' + b"7" * 5000 + b"}",
          problem="line holds an integer of over 4300 digits"),
    Shape("not-json", b"{oops", problem="line is not valid JSON: Expecting property name"),
    Shape("array-line", b"[1, 2]", problem="record is an array, not an object"),
    Shape("no-text", _line(id="nt", title="Only a title"), problem="record has no 'text' string"),
    Shape("text-number", _line(id="tn", text=5),
          problem="'text' must be a string, not the number 5"),
    Shape("text-blank", _line(id="tb", text="  \n "), problem="record's 'text' is empty"),
    Shape("text-boilerplate", _line(id="tbp", text="Subscribe now\nClick Here"),
          problem="no article text found"),
    Shape("title-number", _line(id="tt", title=5, text=SAY),
          problem="'title' must be a string, not the number 5"),
    Shape("duplicate-id", _line(id="plain", text="Another story."),
          problem="duplicate article id 'plain' (already used by {feed}:1)"),
    Shape("raw-nul", b'{"id": "nul", "text": "A\x00B"}',
          problem="line is not valid JSON: Invalid control character"),
    Shape("utf8-line", '{"id": "utf8", "text": "Zürich\'s café owners protested."}'.encode(),
          built="utf8"),
    Shape("latin1-line", '{"id": "latin1", "text": "Café owners protested."}'.encode("cp1252"),
          built="latin1"),
]  # fmt: skip


@dataclass
class Built:
    feed: Path
    stored: dict[str, dict[str, str]]  # article id -> {"title":..., "date":...}
    errors: list[InputError]
    warned: list[str]
    summary: str
    texts: dict[str, str]  # article id -> Article.text as read


def _line_of(label: str) -> int:
    return next(n for n, s in enumerate(SHAPES, start=1) if s.label == label)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, nlp) -> Built:
    folder = tmp_path_factory.mktemp("records")
    feed = folder / "feed.jsonl"
    feed.write_bytes(b"\n".join(s.line for s in SHAPES) + b"\n")
    errors: list[InputError] = []
    texts: dict[str, str] = {}

    def read():
        for article in read_articles([feed], errors=errors):
            texts[article.id] = article.text
            yield article

    store = open_store(folder / "store", create=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = build(read(), store, nlp)
    article, ident = KG.Article.n3(), DCTERMS.identifier.n3()
    title, when = DCTERMS.title.n3(), DCTERMS.date.n3()
    rows = store.query(
        f"SELECT ?id ?title ?date WHERE {{ GRAPH ?g {{ ?a a {article} ; {ident} ?id "
        f"OPTIONAL {{ ?a {title} ?title }} OPTIONAL {{ ?a {when} ?date }} }} }}"
    )
    stored = {
        str(r[0]): {"title": str(r[1] or ""), "date": str(r[2] or "")}  # type: ignore[index]
        for r in rows
    }
    store.close()
    return Built(feed, stored, errors, [str(w.message) for w in caught], report.summary(), texts)


@pytest.mark.parametrize("shape", SHAPES, ids=[s.label for s in SHAPES])
def test_record_is_built_or_named_once(built: Built, shape: Shape):
    n = _line_of(shape.label)
    named = [e for e in built.errors if e.line == n]
    if shape.built is not None:
        assert named == []
        assert shape.built.format(n=n) in built.stored
    else:
        assert len(named) == 1, named
        assert named[0].path == str(built.feed)
        assert shape.problem is not None
        assert shape.problem.format(feed=built.feed) in named[0].problem
        assert str(named[0]).startswith(f"{built.feed}:{n}: ")


def test_every_record_is_built_or_reported_and_nothing_else(built: Built):
    assert len(built.stored) + len(built.errors) == len(SHAPES)
    assert sorted(e.line for e in built.errors) == sorted(
        n for n, s in enumerate(SHAPES, start=1) if s.built is None
    )
    assert set(built.stored) == {
        s.built.format(n=n) for n, s in enumerate(SHAPES, start=1) if s.built is not None
    }
    assert f"articles   {len(built.stored)}" in built.summary


def test_lone_surrogate_in_text_becomes_replacement_char_at_the_same_offset(built: Built):
    text = built.texts["sur-text"]
    given = json.loads(SHAPES[_line_of("text-lone-surrogate") - 1].line)["text"]
    assert len(text) == len(given)
    assert text == given.replace("\udfff", "\ufffd")
    assert text.index("\ufffd") == given.index("\udfff")
    n = _line_of("text-lone-surrogate")
    assert [w for w in built.warned if w.startswith(f"{built.feed}:{n}: ")] == [
        f"{built.feed}:{n}: lone surrogate escape(s) in 'text' replaced by U+FFFD "
        "(one character for one: offsets unchanged)"
    ]


def test_lone_surrogate_in_title_is_replaced_and_the_title_stored(built: Built):
    assert built.stored["sur-title"]["title"] == "Court \ufffd"
    n = _line_of("title-lone-surrogate")
    assert any(w.startswith(f"{built.feed}:{n}: ") and "'title'" in w for w in built.warned)


def test_surrogate_pair_is_one_character_and_no_warning(built: Built):
    assert "\U0001f600" in built.texts["emoji"]
    n = _line_of("text-surrogate-pair")
    assert not any(w.startswith(f"{built.feed}:{n}: ") for w in built.warned)


def test_odd_but_real_dates_are_stored(built: Built):
    assert built.stored["far"]["date"] == "9999-12-31"
    assert built.stored["early"]["date"] == "0001-01-01"
    assert built.stored["offset"]["date"] == "2025-12-14"  # as written, not moved to UTC
    assert built.stored["undated"]["date"] == ""


def test_one_latin1_line_leaves_the_utf8_lines_as_they_are(built: Built):
    assert built.texts["utf8"] == "Zürich's café owners protested."
    assert built.texts["latin1"] == "Café owners protested."
    n = _line_of("latin1-line")
    assert [w for w in built.warned if "not valid UTF-8" in w] == [
        f"{built.feed}:{n}: 1 line not valid UTF-8 (first: line {n}); "
        "decoded as Windows-1252/Latin-1"
    ]


# --- JSON documents -----------------------------------------------------------------------


def test_json_list_errors_name_the_line_and_position_of_the_record(tmp_path):
    f = tmp_path / "list.json"
    f.write_text(
        "[\n"
        '  {"id": "a", "text": "The mayor spoke."},\n'
        '  {"id": "a\\nb", "text": "The mayor left."},\n'
        '  {"id": "c",\n   "text": "The council met.", "published": "2025-13-01"},\n'
        '  {"id": "d", "text": "Lone \\ud800 half."},\n'
        '  {"id": "a", "text": "Again."}\n'
        "]\n",
        encoding="utf-8",
    )
    errors: list[InputError] = []
    with pytest.warns(UnicodeWarning, match=r"list.json:6: record 4: lone surrogate"):
        got = list(read_articles([f], errors=errors))
    assert [a.id for a in got] == ["a", "d"]
    assert got[1].text == "Lone \ufffd half."
    assert [(e.line, e.problem.split(":")[0]) for e in errors] == [
        (3, "record 2"),
        (4, "record 3"),
        (7, "record 5"),
    ]
    assert "'published' is not a real date (month must be in 1..12)" in errors[1].problem
    assert errors[2].problem == f"record 5: duplicate article id 'a' (already used by {f}:2)"


def test_deeply_nested_json_file_is_one_error_and_other_files_are_read(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"text": "The senate voted."}), encoding="utf-8")
    errors: list[InputError] = []
    assert [a.id for a in read_articles([deep, good], errors=errors)] == ["good"]
    assert [str(e) for e in errors] == [
        f"{deep}: file is nested too deeply to read as JSON (keep under a few hundred levels)"
    ]


def test_json_syntax_error_names_its_line(tmp_path):
    f = tmp_path / "broken.json"
    f.write_text('[\n {"text": "A."},\n {"text": "B."}\n {"text": "C."}\n]', encoding="utf-8")
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert [str(e) for e in errors] == [
        f"{f}:4: file is not valid JSON: Expecting ',' delimiter (column 2)"
    ]


def test_json_file_starting_like_json_with_a_nul_is_a_syntax_error_not_binary(tmp_path):
    f = tmp_path / "nul.json"
    f.write_bytes(b'{"text": "A\x00B"}')
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert "not valid JSON: Invalid control character" in errors[0].problem


def test_binary_file_named_jsonl_is_one_error(tmp_path):
    f = tmp_path / "image.jsonl"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n" * 10)
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert [str(e) for e in errors] == [f"{f}: binary file, not text"]


def test_jsonl_of_only_a_byte_order_mark_is_empty(tmp_path):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf\n")
    errors: list[InputError] = []
    assert list(read_articles([f], errors=errors)) == []
    assert [e.problem for e in errors] == ["file is empty"]


# --- files --------------------------------------------------------------------------------


def test_file_name_that_is_not_utf8_is_built_under_a_readable_id(tmp_path, nlp):
    name = os.fsdecode(b"caf\xe9-report.txt")
    (tmp_path / name).write_text("Cafe report\n\nThe cafe owners protested.\n", encoding="utf-8")
    errors: list[InputError] = []
    store = open_store(None)
    report = build(read_articles([tmp_path], errors=errors), store, nlp)
    assert errors == []
    assert report.added == ["caf\ufffd-report"]
    assert report.articles == 1


def test_duplicate_id_across_files_names_the_second_file_and_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "One."}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('\n{"id": "x", "text": "Two."}\n', encoding="utf-8")
    errors: list[InputError] = []
    assert [a.text for a in read_articles([tmp_path], errors=errors)] == ["One."]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'b.jsonl'}:2: duplicate article id 'x' (already used by "
        f"{tmp_path / 'a.jsonl'}:1)"
    ]


def test_text_file_not_utf8_warns_naming_the_line(tmp_path):
    f = tmp_path / "cafe.txt"
    data = "Cafe news\n\nOwners of the café protested.\n".encode("cp1252")
    f.write_bytes(data)
    with pytest.warns(UnicodeWarning) as caught:
        errors: list[InputError] = []
        got = list(read_articles([f], errors=errors))
    assert [a.title for a in got] == ["Cafe news"]
    assert [str(w.message) for w in caught] == [
        f"{f}:3: not valid UTF-8 (byte {data.index(0xE9)}); decoded as Windows-1252/Latin-1"
    ]


def test_odd_dates_with_relative_times_build(tmp_path, nlp):
    f = tmp_path / "edge.jsonl"
    sentences = ["Voters will elect a mayor next year.", "The vote was held yesterday."]
    f.write_text(
        "".join(
            json.dumps({"id": f"{d}-{i}", "text": s, "published": d}) + "\n"
            for d in ("9999-12-31", "0001-01-01")
            for i, s in enumerate(sentences)
        ),
        encoding="utf-8",
    )
    errors: list[InputError] = []
    articles = list(read_articles([f], errors=errors))
    assert errors == [] and articles[0].published == date(9999, 12, 31)
    assert build(articles, open_store(None), nlp).articles == 4


def test_raw_nul_in_a_jsonl_that_opens_with_a_string_record_is_one_bad_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_bytes(
        b'"not a record"\n{"id": "ok", "text": "The port reopened."}\n{"text": "A\x00"}\n'
    )
    errors: list[InputError] = []
    assert [a.id for a in read_articles([f], errors=errors)] == ["ok"]
    assert [(e.line, e.problem.split(":")[0]) for e in errors] == [
        (1, "record is a string, not an object"),
        (3, "line is not valid JSON"),
    ]
