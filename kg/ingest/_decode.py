"""Reading a file as text: UTF-8 (BOM stripped), else Windows-1252/Latin-1 with a warning.

>>> decode(b"\\xef\\xbb\\xbfHello", "a.txt")
'Hello'
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     decode(b"Caf\\xe9", "b.txt")
'Café'
>>> "b.txt" in str(caught[0].message)
True
"""

from __future__ import annotations

import codecs
import warnings
from pathlib import Path

from kg.errors import InputError

__all__ = ["read_text", "decode", "BINARY_SNIFF_BYTES"]

#: How much of a file is looked at for NUL bytes to tell binary from text (as git does).
BINARY_SNIFF_BYTES = 8192


def decode(data: bytes, path: str) -> str:
    """``data`` as text; raises :class:`InputError` for binary or empty content.

    A UTF-8 byte-order mark is dropped, so offsets index the text after it (read the file
    with ``encoding="utf-8-sig"`` to get the same string). UTF-16 with a BOM is decoded too.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(path, f"cannot decode UTF-16 text: {err.reason}") from err
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(path, "binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            # Windows-1252 is what "Latin-1" news files mostly are (curly quotes in 0x80-0x9f);
            # its five undefined bytes fall back to true Latin-1, which decodes anything.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
            warnings.warn(
                f"{path}: not valid UTF-8 (byte {err.start}); decoded as Windows-1252/Latin-1",
                UnicodeWarning,
                stacklevel=2,
            )
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def read_text(path: Path, shown: str | None = None) -> str:
    """The decoded text of the file at ``path``; errors name ``shown`` (default ``path``)."""
    name = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(name, "no such file or directory") from err
    except IsADirectoryError as err:
        raise InputError(name, "is a directory, not a file") from err
    except OSError as err:
        raise InputError(name, f"cannot read file: {err.strerror or err}") from err
    return decode(data, name)
