"""Reading a file as text: UTF-8 (BOM stripped), else Windows-1252/Latin-1 with a warning.

A whole file (``.txt``, ``.md``, ``.html``, ``.json``) is decoded at once; a ``.jsonl`` file line
by line (:func:`decode_lines`), so one line of stray bytes neither turns every other record into
mojibake nor refuses the file. Binary content (a NUL byte in the first 8 KB, as git judges it)
is refused, except in a JSON file whose first 8 KB are UTF-8: there a NUL is a bad line or a
syntax error, named where it is.

>>> decode(b"\\xef\\xbb\\xbfHello", "a.txt")
'Hello'
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     decode(b"Title\\n\\nCaf\\xe9", "b.txt")
'Title\\n\\nCafé'
>>> str(caught[0].message)
'b.txt:3: not valid UTF-8 (byte 10); decoded as Windows-1252/Latin-1'
"""

from __future__ import annotations

import codecs
import warnings
from pathlib import Path

from kg.errors import InputError

__all__ = ["read_bytes", "read_text", "decode", "decode_lines", "readable", "BINARY_SNIFF_BYTES"]

#: How much of a file is looked at for NUL bytes to tell binary from text (as git does).
BINARY_SNIFF_BYTES = 8192

def _is_binary(data: bytes, *, json: bool = False) -> bool:
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" not in head:
        return False
    if not json:
        return True
    # In JSON a NUL that sits in UTF-8 text is a bad line (or syntax error), named where it is.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return True
    return False


def _single_byte(data: bytes) -> str:
    # Windows-1252 is what "Latin-1" news files mostly are (curly quotes in 0x80-0x9f);
    # its five undefined bytes fall back to true Latin-1, which decodes anything.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf16(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as err:
        raise InputError(path, f"cannot decode UTF-16 text: {err.reason}") from err


def decode(data: bytes, path: str, *, json: bool = False) -> str:
    """``data`` as text; raises :class:`InputError` for binary or empty content.

    A UTF-8 byte-order mark is dropped, so offsets index the text after it (read the file
    with ``encoding="utf-8-sig"`` to get the same string). UTF-16 with a BOM is decoded too.
    Text that is not UTF-8 is decoded as Windows-1252/Latin-1 with a :class:`UnicodeWarning`
    naming the line of the first bad byte. With ``json``, a NUL byte in UTF-8 text is left
    for the JSON parser to name.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _utf16(data, path)
    elif _is_binary(data, json=json):
        raise InputError(path, "binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            text = _single_byte(data)
            line = data.count(b"\n", 0, err.start) + 1
            warnings.warn(
                f"{path}:{line}: not valid UTF-8 (byte {err.start}); "
                "decoded as Windows-1252/Latin-1",
                UnicodeWarning,
                stacklevel=2,
            )
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def decode_lines(data: bytes, path: str) -> list[str]:
    """The lines of a JSON Lines file, split on ``\\n`` only, each decoded on its own.

    A line that is not UTF-8 is decoded as Windows-1252/Latin-1; one :class:`UnicodeWarning`
    names the first such line and how many there are. Raises :class:`InputError` for an empty
    or binary file (see :func:`decode`).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     decode_lines(b'{"a": "\\xc3\\xa9t\\xc3\\xa9"}\\n{"a": "\\xe9t\\xe9"}\\n', "f.jsonl")
    ['{"a": "été"}', '{"a": "été"}', '']
    >>> str(caught[0].message)
    'f.jsonl:2: 1 line not valid UTF-8 (first: line 2); decoded as Windows-1252/Latin-1'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _utf16(data, path)
        if not text.strip():
            raise InputError(path, "file is empty")
        return text.split("\n")
    if _is_binary(data, json=True):
        raise InputError(path, "binary file, not text")
    body = data.removeprefix(codecs.BOM_UTF8)
    if not body.strip():
        raise InputError(path, "file is empty")
    lines: list[str] = []
    bad: list[int] = []
    for n, raw in enumerate(body.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_single_byte(raw))
            bad.append(n)
    if bad:
        many = "line" if len(bad) == 1 else "lines"
        warnings.warn(
            f"{path}:{bad[0]}: {len(bad)} {many} not valid UTF-8 (first: line {bad[0]}); "
            "decoded as Windows-1252/Latin-1",
            UnicodeWarning,
            stacklevel=2,
        )
    return lines


def readable(name: str) -> str:
    """``name`` with the undecodable bytes of a file name (``os.walk`` keeps them as lone
    surrogates) replaced by U+FFFD, so it can be an article id, an IRI or printed text.

    >>> import os
    >>> readable(os.fsdecode(b"caf\\xe9-report")), readable("café")
    ('caf\\ufffd-report', 'café')
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def read_bytes(path: Path, shown: str | None = None) -> bytes:
    """The bytes of the file at ``path``; errors name ``shown`` (default ``path``)."""
    name = shown or str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(name, "no such file or directory") from err
    except IsADirectoryError as err:
        raise InputError(name, "is a directory, not a file") from err
    except OSError as err:
        raise InputError(name, f"cannot read file: {err.strerror or err}") from err


def read_text(path: Path, shown: str | None = None, *, json: bool = False) -> str:
    """The decoded text of the file at ``path`` (see :func:`decode`)."""
    return decode(read_bytes(path, shown), shown or str(path), json=json)
