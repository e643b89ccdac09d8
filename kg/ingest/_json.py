"""Article records in JSON Lines (one object a line) or JSON (one object or a list).

Every record is either read or refused with one :class:`~kg.errors.InputError` naming the file
and line (in JSON Lines the record's line; in a JSON list the line where the item starts, and
its position, ``record 3``); the other records are still read. A ``.json`` file that is not
valid JSON is refused whole, naming the line of the syntax error.

A record is a JSON object; its fields:

- ``text`` (required): a string with something besides white space.
- ``id``: a string (surrounding white space dropped) or an integer (``42`` becomes ``"42"``).
  Absent, null or blank: ``<stem>-<line>`` in JSON Lines, ``<stem>-<n>`` for the n-th item of
  a JSON list, ``<stem>`` for a lone JSON object. Otherwise kept exactly: ``/``, ``#``, ``..``,
  spaces and any letters are fine (the article's IRI percent-encodes them). Refused: a
  boolean, a fractional number, an array or an object; an id holding a control character or a
  line break (tab, newline, U+2028...), since ids are printed one a line and given on command
  lines; an id holding a lone surrogate (below).
- ``title``, ``url``, ``source``: a string or null (blank is none); another type refuses the
  record.
- ``published``: an ISO date, ``YYYY-MM-DD``, alone or opening a date-time
  (``2025-12-14T09:30:00Z``: the date as written, not moved to UTC); any real date of years
  0001-9999 (``9999-12-31`` too); null or ``""`` is no date. Refused: a number (``9999``,
  epoch seconds), a partial date (``"9999"``, ``"2025-12"``), an impossible one
  (``"2025-02-30"``, ``"0000-01-01"``).
- Any other field (``author``, ``tags``...) is ignored.

JSON can escape half of a UTF-16 surrogate pair on its own (``"\\ud800"``), which no UTF-8 text
can hold (nor spaCy, nor an RDF store). In ``text``, ``title``, ``url`` and ``source`` each such
lone surrogate becomes U+FFFD, one character for one, so every offset still indexes the same
position of the string the record gives; the record is read and a :class:`UnicodeWarning`
names its file, line and fields. In an ``id`` it refuses the record: an id is a key that must
stay as given.

A record nested deeper than the JSON parser can follow (some hundreds of ``[``/``{`` levels) or
holding an integer of over 4,300 digits is refused like any other unreadable record.

>>> recs = list(iter_records('{"id": "a", "text": "Hi."}\\nnot json\\n', "f.jsonl", "f"))
>>> recs[0].id, recs[0].text
('a', 'Hi.')
>>> str(recs[1])
'f.jsonl:2: line is not valid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kg.errors import InputError

__all__ = ["Record", "iter_records", "iter_lines", "parse_published", "repair_surrogates"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:$|[Tt ])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_WS = re.compile(r"[ \t\n\r]*")
#: Unicode categories an id may not hold: control characters and line/paragraph separators.
_NOT_IN_IDS = frozenset({"Cc", "Zl", "Zp"})


@dataclass(frozen=True)
class Record:
    """One validated article record."""

    id: str
    text: str
    title: str = ""
    published: date | None = None
    url: str | None = None
    source: str | None = None
    line: int | None = None  # the line it is on (JSON Lines) or starts on (JSON)
    index: int | None = None  # 1-based position in a JSON list
    repaired: tuple[str, ...] = ()  # fields whose lone surrogates became U+FFFD

    def where(self) -> str:
        """What an error message puts before the problem: ``record 3: `` in a JSON list."""
        return f"record {self.index}: " if self.index is not None else ""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:56] + "...'"


def _kind(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {_shown(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def repair_surrogates(value: str) -> str:
    """``value`` with each lone UTF-16 surrogate replaced by U+FFFD; same length, same offsets.

    >>> repair_surrogates("a\\ud800b"), len(repair_surrogates("a\\ud800b"))
    ('a\\ufffdb', 3)
    """
    return _SURROGATE.sub("\ufffd", value)


def parse_published(value: Any) -> date:
    """The date of an ISO date or date-time string; ValueError says what is wrong otherwise.

    >>> parse_published("2025-12-14T09:30:00Z")
    datetime.date(2025, 12, 14)
    >>> parse_published("2025-02-30")
    Traceback (most recent call last):
    ...
    ValueError: 'published' is not a real date (day is out of range for month): '2025-02-30'
    """
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO date string (YYYY-MM-DD), not {_kind(value)}")
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"'published' is not an ISO date (YYYY-MM-DD...): {_shown(value)}")
    try:
        return date.fromisoformat(text[:10])
    except ValueError as err:
        raise ValueError(f"'published' is not a real date ({err}): {_shown(value)}") from None


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string, not {_kind(value)}")
    return value.strip() or None


def _record_id(obj: dict[str, Any], default: str) -> str:
    raw = obj.get("id")
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise ValueError(f"'id' must be a string or an integer, not {_kind(raw)}")
    value = str(raw).strip()
    lone = _SURROGATE.search(value)
    if lone:
        raise ValueError(
            f"'id' holds a lone surrogate escape (\\u{ord(lone[0]):04x}), which no UTF-8 text "
            "can hold: give the record another id"
        )
    bad = next((c for c in value if unicodedata.category(c) in _NOT_IN_IDS), None)
    if bad is not None:
        raise ValueError(
            f"'id' {_shown(value)} holds a control character or line break (U+{ord(bad):04X}): "
            "give the record an id of one line"
        )
    return value or default


def _record(obj: Any, default_id: str, line: int, index: int | None = None) -> Record:
    """A :class:`Record` from a decoded JSON value; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"record is {_kind(obj)}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError(
            "record has no 'text' string"
            if text is None
            else f"'text' must be a string, not {_kind(text)}"
        )
    if not text.strip():
        raise ValueError("record's 'text' is empty")
    record_id = _record_id(obj, default_id)
    published = obj.get("published")
    fields = {"text": text}
    for key in ("title", "url", "source"):
        value = _optional_str(obj, key)
        if value is not None:
            fields[key] = value
    repaired = tuple(key for key, value in fields.items() if _SURROGATE.search(value))
    fields = {key: repair_surrogates(value) for key, value in fields.items()}
    return Record(
        id=record_id,
        text=fields["text"],
        title=fields.get("title", ""),
        published=parse_published(published) if published not in (None, "") else None,
        url=fields.get("url"),
        source=fields.get("source"),
        line=line,
        index=index,
        repaired=repaired,
    )


def _unreadable(err: ValueError | RecursionError, what: str) -> str:
    """What is wrong with a ``what`` ("line", "file") that ``json`` could not read."""
    if isinstance(err, json.JSONDecodeError):
        return f"{what} is not valid JSON: {err.msg} (column {err.colno})"
    if isinstance(err, RecursionError):
        return f"{what} is nested too deeply to read as JSON (keep under a few hundred levels)"
    if "digits" in str(err):  # int(): "Exceeds the limit (4300 digits) for integer string..."
        return f"{what} holds an integer of over 4300 digits"
    return f"{what} cannot be read as JSON: {err}"


def iter_lines(lines: Iterable[str], path: str, stem: str) -> Iterator[Record | InputError]:
    """Records of a JSON Lines file given as its lines (line ``n`` is record ``n``).

    Yields a :class:`Record` per good line and an :class:`InputError` per bad one, in order;
    blank lines are skipped. Records without ``id`` get ``<stem>-<line>``.
    """
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield InputError(path, _unreadable(err, "line"), n)
            continue
        try:
            yield _record(obj, f"{stem}-{n}", n)
        except ValueError as err:
            yield InputError(path, str(err), n)


def iter_records(text: str, path: str, stem: str) -> Iterator[Record | InputError]:
    """Records of a ``.jsonl`` (or, when ``path`` ends in ``.json``, a JSON) document.

    Yields a :class:`Record` per good record and an :class:`InputError` per bad one, in order.
    Records without ``id`` get ``<stem>-<line>`` (JSON Lines) or ``<stem>-<n>`` (a JSON list's
    n-th item, 1-based; a lone JSON object gets ``<stem>``).

    >>> [str(r) for r in iter_records('[{"text": "A."},\\n "B."]', "f.json", "f")][1]
    'f.json:2: record 2: record is a string, not an object'
    """
    if not path.lower().endswith(".json"):
        yield from iter_lines(text.split("\n"), path, stem)
        return
    try:
        items = _json_items(text)
    except (ValueError, RecursionError) as err:
        line = err.lineno if isinstance(err, json.JSONDecodeError) else None
        yield InputError(path, _unreadable(err, "file"), line)
        return
    for line, index, obj in items:
        default = stem if index is None else f"{stem}-{index}"
        try:
            yield _record(obj, default, line, index)
        except ValueError as err:
            where = "" if index is None else f"record {index}: "
            yield InputError(path, where + str(err), line)


def _json_items(text: str) -> list[tuple[int, int | None, Any]]:
    """``(line, index, value)`` for each item of a top-level JSON list (index 1-based), or
    ``[(line, None, value)]`` for any other document; JSONDecodeError if it is not JSON."""
    decoder = json.JSONDecoder()
    pos = _JSON_WS.match(text).end()  # type: ignore[union-attr]
    line = text.count("\n", 0, pos) + 1
    if not text.startswith("[", pos):
        return [(line, None, json.loads(text))]
    items: list[tuple[int, int | None, Any]] = []
    counted = pos  # text[:counted] holds line - 1 line breaks
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", pos):
        end = pos + 1
    else:
        while True:
            line += text.count("\n", counted, pos)
            counted = pos
            value, end = decoder.raw_decode(text, pos)
            items.append((line, len(items) + 1, value))
            pos = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            elif text.startswith("]", pos):
                end = pos + 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    rest = _JSON_WS.match(text, end).end()  # type: ignore[union-attr]
    if rest != len(text):
        raise json.JSONDecodeError("Extra data", text, rest)
    return items
