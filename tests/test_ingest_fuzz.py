"""A small property-based fuzz of ingest: whatever the files hold, reading them never raises,
every good record is built, and every bad file or record is named in exactly one error.

Each example writes a few generated files (.txt, .md, .json, .jsonl) and knows, by how it
made them, which files and records are good and which are bad: lone surrogate escapes, deep
nesting, huge integers, binary junk, empty files, odd ids and dates, duplicates. Content whose
fate the generator cannot know (random bytes in a text file) must be either built or named
once. ``derandomize=True`` makes the run the same on every machine; no example database is
written.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_articles
from kg.model import Article

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SENTENCES = [
    "The council approved the new budget on Monday.",
    "Police arrested two men after the match.",
    "The mayor opened the bridge across the river.",
    "Farmers protested against the new tax in the capital.",
]
HEADLINES = ["Council passes budget", "Bridge opens", "Farmers protest tax"]
ODD_ID_TAILS = ["", "/2025/12", "#3", "..", "/../x", " spaced", "%2F", "ü東", "\u200b"]

# Text a record or file may carry after its first sentence: anything but surrogates (those
# are added on purpose below) and, in files, NUL (which makes a file binary).
free_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
file_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40
)
lone_surrogate = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | free_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(free_text, inner, max_size=3),
    max_leaves=6,
)


@dataclass
class Expect:
    """What reading the generated files must give."""

    built: set[str] = field(default_factory=set)  # ids that must be read
    named: dict[tuple[str, int | None], str] = field(default_factory=dict)  # (path, line)
    either: set[str] = field(default_factory=set)  # files that are built or named once
    repaired: set[tuple[str, int]] = field(default_factory=set)  # surrogate warnings due
    ids: list[str] = field(default_factory=list)  # good ids so far, for duplicates
    serial: int = 0  # numbers the generated ids, so they are unique


def good_record(data: st.DataObject, expect: Expect) -> tuple[dict, str | None, bool]:
    """A record that must be built: (record, its id or None for the default, has surrogate)."""
    record: dict = {}
    expect.serial += 1
    n = expect.serial
    kind = data.draw(st.sampled_from(["str", "int", "none", "blank"]))
    rid: str | None
    if kind == "str":
        rid = f"r{n}" + data.draw(st.sampled_from(ODD_ID_TAILS))
        record["id"] = data.draw(st.sampled_from(["", "  ", "\t"])) + rid
        rid = rid.strip()
    elif kind == "int":
        record["id"] = 10_000 + n
        rid = str(10_000 + n)
    else:
        if kind == "blank":
            record["id"] = data.draw(st.sampled_from([None, "", "   "]))
        rid = None
    text = data.draw(st.sampled_from(SENTENCES)) + data.draw(free_text)
    surrogate = data.draw(st.booleans())
    if surrogate:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(lone_surrogate) + text[at:]
    record["text"] = text
    if data.draw(st.booleans()):
        record["title"] = data.draw(st.sampled_from(HEADLINES + [None, ""]))
    if data.draw(st.booleans()):
        day = data.draw(st.dates()).isoformat()
        record["published"] = day + data.draw(st.sampled_from(["", "T09:30:00Z", " 10:00"]))
    if data.draw(st.booleans()):
        extra = data.draw(st.dictionaries(free_text, json_value, max_size=3))
        for key, value in extra.items():
            if key not in ("id", "text", "title", "published", "url", "source"):
                record[key] = value
    return record, rid, surrogate


BAD_RECORDS = [
    ({"id": True, "text": "A story."}, "'id' must be a string or an integer"),
    ({"id": 1.5, "text": "A story."}, "'id' must be a string or an integer"),
    ({"id": ["x"], "text": "A story."}, "'id' must be a string or an integer"),
    ({"id": "two\nlines", "text": "A story."}, "control character or line break"),
    ({"id": "bad\ud800", "text": "A story."}, "lone surrogate"),
    ({"title": "No body"}, "record has no 'text' string"),
    ({"text": 12}, "'text' must be a string"),
    ({"text": "  \n "}, "'text' is empty"),
    ({"text": "Subscribe now\nClick Here"}, "no article text found"),
    ({"text": "A story.", "title": 7}, "'title' must be a string"),
    ({"text": "A story.", "published": 9999}, "'published' must be an ISO date string"),
    ({"text": "A story.", "published": "9999"}, "'published' is not an ISO date"),
    ({"text": "A story.", "published": "2025-02-30"}, "'published' is not a real date"),
    ({"text": "A story.", "published": "0000-01-01"}, "'published' is not a real date"),
    ([{"text": "A list, not a record."}], "record is an array"),
    ("just a string", "record is a string"),
]  # fmt: skip


def jsonl_file(data: st.DataObject, path: str, stem: str, expect: Expect) -> bytes:
    lines: list[bytes] = []
    for _ in range(data.draw(st.integers(1, 6))):
        if data.draw(st.booleans()):
            lines.append(data.draw(st.sampled_from([b"", b"  ", b"\r"])))  # blank: no record
        n = len(lines) + 1
        kind = data.draw(st.sampled_from(["good", "good", "bad", "raw", "dup"]))
        if kind == "dup" and not expect.ids:
            kind = "good"
        if kind == "good":
            record, rid, surrogate = good_record(data, expect)
            rid = rid or f"{stem}-{n}"
            expect.built.add(rid)
            expect.ids.append(rid)
            if surrogate:
                expect.repaired.add((path, n))
            ascii_only = surrogate or data.draw(st.booleans())
            lines.append(json.dumps(record, ensure_ascii=ascii_only).encode("utf-8"))
        elif kind == "dup":
            record = {"id": data.draw(st.sampled_from(expect.ids)), "text": "Again."}
            lines.append(json.dumps(record).encode())
            expect.named[(path, n)] = "duplicate article id"
        elif kind == "bad":
            record, problem = data.draw(st.sampled_from(BAD_RECORDS))
            lines.append(json.dumps(record).encode())
            expect.named[(path, n)] = problem
        else:
            raw, problem = data.draw(
                st.sampled_from(
                    [
                        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
                        (b'{"text": "A.", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}",
                         "nested too deeply"),
                        (b'{"text": "A.", "n": ' + b"9" * 4400 + b"}", "over 4300 digits"),
                        (b"{\x00", "not valid JSON"),
                        (b"{\x01", "not valid JSON"),
                        (b'{"text": "unterminated', "not valid JSON"),
                    ]
                )
            )  # fmt: skip
            # binary junk (no NUL: a NUL in bytes that are not UTF-8 makes the file binary)
            junk = data.draw(st.binary(max_size=20)).replace(b"\n", b"").replace(b"\x00", b"")
            lines.append(raw + (junk if raw == b"{\x01" else b""))
            expect.named[(path, n)] = problem
    end = data.draw(st.sampled_from([b"\n", b"\r\n"]))
    return end.join(lines) + end


def json_file(data: st.DataObject, path: str, stem: str, expect: Expect) -> bytes:
    shape = data.draw(st.sampled_from(["list", "list", "object", "broken", "deep"]))
    if shape == "broken":
        expect.named[(path, None)] = "file is not valid JSON"
        return b'[\n{"text": "A."}\n{"text": "B."}\n]'
    if shape == "deep":
        expect.named[(path, None)] = "nested too deeply"
        return b"[" * 6000 + b"]" * 6000
    if shape == "object":
        record, rid, surrogate = good_record(data, expect)
        rid = rid or stem
        expect.built.add(rid)
        expect.ids.append(rid)
        if surrogate:
            expect.repaired.add((path, 1))
        return json.dumps(record).encode()
    items: list[str] = []
    for _ in range(data.draw(st.integers(0, 5))):
        line, index = len(items) + 2, len(items) + 1  # "[" is line 1, one item a line
        if data.draw(st.booleans()):
            record, rid, surrogate = good_record(data, expect)
            rid = rid or f"{stem}-{index}"
            expect.built.add(rid)
            expect.ids.append(rid)
            if surrogate:
                expect.repaired.add((path, line))
            items.append(json.dumps(record))
        else:
            record, problem = data.draw(st.sampled_from(BAD_RECORDS))
            items.append(json.dumps(record))
            expect.named[(path, line)] = f"record {index}: "
    return ("[\n" + ",\n".join(items) + "\n]\n").encode()


def text_file(data: st.DataObject, path: str, stem: str, expect: Expect) -> bytes:
    shape = data.draw(st.sampled_from(["good", "good", "empty", "binary", "junk"]))
    if shape == "empty":
        expect.named[(path, None)] = "file is empty"
        return data.draw(st.sampled_from([b"", b"\n\n", b" \t\r\n", b"\xef\xbb\xbf"]))
    if shape == "binary":
        junk = data.draw(st.binary(max_size=60))
        at = data.draw(st.integers(0, len(junk)))
        expect.named[(path, None)] = "binary file, not text"
        return b"x" + junk[:at] + b"\x00" + junk[at:]  # no UTF-16 byte-order mark first
    if shape == "junk":
        expect.either.add(path)
        return data.draw(st.binary(min_size=1, max_size=80)).replace(b"\x00", b"")
    text = (
        data.draw(st.sampled_from(HEADLINES))
        + "\n\n"
        + data.draw(st.sampled_from(SENTENCES))
        + data.draw(file_text)
        + "\n"
    )
    expect.built.add(stem)
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding)


MAKERS = {".jsonl": jsonl_file, ".json": json_file, ".txt": text_file, ".md": text_file}


def read_all(paths: list[str]) -> tuple[list[Article], list[InputError], list[str]]:
    errors: list[InputError] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = list(read_articles(paths, errors=errors))
    return articles, errors, [str(w.message) for w in caught]


def assert_sound(article: Article) -> None:
    """An article every later stage can take: UTF-8 text, offsets inside it, content left."""
    for value in (article.id, article.text, article.title, article.url, article.source):
        if value is not None:
            value.encode("utf-8")  # raises on a lone surrogate
    assert "\n" not in article.id and article.id == article.id.strip() and article.id
    assert article.segments
    for seg in article.segments:
        assert 0 <= seg.start < seg.end <= len(article.text)


@FUZZ
@given(st.data())
def test_ingest_reads_good_records_and_names_each_bad_one_once(data: st.DataObject):
    suffixes = data.draw(st.lists(st.sampled_from(sorted(MAKERS)), min_size=1, max_size=4))
    expect = Expect()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, suffix in enumerate(suffixes):
            path = str(Path(tmp) / f"file{i}{suffix}")
            content = MAKERS[suffix](data, path, f"file{i}", expect)
            Path(path).write_bytes(content)
            paths.append(path)
        articles, errors, warned = read_all(paths)

    for article in articles:
        assert_sound(article)
    got = [a.id for a in articles]
    assert len(got) == len(set(got))
    either_built = {Path(p).stem for p in expect.either} & set(got)
    assert set(got) - either_built == expect.built

    # Each named file or record: exactly one error, at that place, saying what is wrong.
    for (path, line), problem in expect.named.items():
        here = [e for e in errors if e.path == path and (line is None or e.line == line)]
        assert len(here) == 1, (path, line, problem, [str(e) for e in errors])
        assert problem in here[0].problem, (problem, str(here[0]))
    for path in expect.either:
        mine = [e for e in errors if e.path == path]
        assert len(mine) == (0 if Path(path).stem in got else 1), [str(e) for e in mine]
    assert len(errors) == len(expect.named) + len(expect.either) - len(either_built)

    # A lone surrogate in a built record: one warning naming its line.
    for path, line in expect.repaired:
        assert sum(w.startswith(f"{path}:{line}: ") and "lone surrogate" in w for w in warned) == 1
    assert sum("lone surrogate" in w for w in warned) == len(expect.repaired)


@settings(FUZZ, max_examples=25)
@given(data=st.data())
def test_generated_feed_builds_without_error(data: st.DataObject, nlp):
    """Good records with odd ids, dates, surrogates and any characters go through spaCy,
    resolution, RDF and a store: one bad record must not end the build of the others."""
    from kg.pipeline import build
    from kg.store import open_store

    expect = Expect()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "feed.jsonl")
        Path(path).write_bytes(jsonl_file(data, path, "feed", expect))
        errors: list[InputError] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnicodeWarning)
            report = build(read_articles([path], errors=errors), open_store(None), nlp)
    assert sorted(report.added) == sorted(expect.built)
    assert report.articles == len(expect.built)
    assert len(errors) == len(expect.named)
