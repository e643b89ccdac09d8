"""Article records in JSON Lines (one object a line) or JSON (one object or a list).

A record has ``text`` (required) and optionally ``id``, ``title``, ``published`` (ISO date or
date-time), ``url`` and ``source``. Each bad line or record becomes its own
:class:`~kg.errors.InputError`; the good ones are still read.

>>> recs = list(iter_records('{"id": "a", "text": "Hi."}\\nnot json\\n', "f.jsonl", "f"))
>>> recs[0].id, recs[0].text
('a', 'Hi.')
>>> str(recs[1])
'f.jsonl:2: line is not valid JSON: Expecting value (column 1)'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kg.errors import InputError

__all__ = ["Record", "iter_records", "parse_published"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Record:
    """One validated article record."""

    id: str
    text: str
    title: str = ""
    published: date | None = None
    url: str | None = None
    source: str | None = None
    line: int | None = None  # JSON Lines line number, for error messages


def parse_published(value: Any) -> date:
    """The date of an ISO date or date-time string; ValueError otherwise.

    >>> parse_published("2025-12-14T09:30:00Z")
    datetime.date(2025, 12, 14)
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise ValueError(f"'published' is not an ISO date (YYYY-MM-DD...): {value!r}")
    value = value.strip()
    if len(value) == 10:
        return date.fromisoformat(value)
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(value[:10])


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def _record(obj: Any, default_id: str, line: int | None = None) -> Record:
    """A :class:`Record` from a decoded JSON value; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"record is a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text' string")
    if not text.strip():
        raise ValueError("record's 'text' is empty")
    raw_id = obj.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise ValueError(f"'id' must be a string or number, not {type(raw_id).__name__}")
    published = obj.get("published")
    return Record(
        id=str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else default_id,
        text=text,
        title=_optional_str(obj, "title") or "",
        published=parse_published(published) if published not in (None, "") else None,
        url=_optional_str(obj, "url"),
        source=_optional_str(obj, "source"),
        line=line,
    )


def iter_records(text: str, path: str, stem: str) -> Iterator[Record | InputError]:
    """Records of a ``.jsonl`` (or, when ``path`` ends in ``.json``, a JSON) document.

    Yields a :class:`Record` per good record and an :class:`InputError` per bad one, in order.
    Records without ``id`` get ``<stem>-<line>`` (JSON Lines) or ``<stem>-<n>`` (a JSON list's
    n-th item, 1-based; a lone JSON object gets ``<stem>``).
    """
    if path.lower().endswith(".json"):
        yield from _json_document(text, path, stem)
        return
    # Only "\n" ends a record: JSON strings may hold U+2028, which str.splitlines splits on.
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(path, f"line is not valid JSON: {err.msg} (column {err.colno})", n)
            continue
        try:
            yield _record(obj, f"{stem}-{n}", n)
        except ValueError as err:
            yield InputError(path, str(err), n)


def _json_document(text: str, path: str, stem: str) -> Iterator[Record | InputError]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        yield InputError(
            path, f"file is not valid JSON: {err.msg} (column {err.colno})", err.lineno
        )
        return
    if isinstance(doc, list):
        for i, obj in enumerate(doc, start=1):
            try:
                yield _record(obj, f"{stem}-{i}")
            except ValueError as err:
                yield InputError(path, f"record {i}: {err}")
    else:
        try:
            yield _record(doc, stem)
        except ValueError as err:
            yield InputError(path, str(err))
