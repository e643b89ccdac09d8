"""Errors a user can act on: each names the file, line or option at fault.

>>> str(InputError("articles/a.txt", "file is empty", line=None))
'articles/a.txt: file is empty'
>>> str(InputError("feed.jsonl", "not valid JSON", line=3))
'feed.jsonl:3: not valid JSON'
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "OptionError",
    "ModelError",
    "StoreError",
    "QueryError",
    "MissingToolError",
]


class KgError(Exception):
    """Base class of every error `kg` raises on purpose; the CLI prints it on one line."""


class InputError(KgError):
    """An input file (or one line of it) that cannot be read as an article."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class OptionError(KgError):
    """A setting given a value it cannot take.

    The library names settings by their parameter names (``extractor``, ``ego``); the CLI
    shows the same error with its flags (``--extractor``, ``--ego``): write the settings a
    message mentions as ``{name}`` in ``problem``.

    >>> error = OptionError("png", "plot.png", "draws a timeline: add {timeline}, or drop {png}")
    >>> str(error)
    "png='plot.png': draws a timeline: add timeline, or drop png"
    >>> error.with_flags()
    '--png plot.png: draws a timeline: add --timeline, or drop --png'
    """

    def __init__(self, option: str, value: object, problem: str) -> None:
        self.option, self.value, self.problem = option, value, problem
        names = _Names(lambda name: name)
        super().__init__(f"{option}={value!r}: {problem.format_map(names)}")

    def with_flags(self) -> str:
        """The message as the command line says it: settings as their ``--flags``."""
        flags = _Names(lambda name: "--" + name.replace("_", "-"))
        value = "" if self.value is None else f" {self.value}"
        return f"{flags[self.option]}{value}: {self.problem.format_map(flags)}"


class _Names(dict[str, str]):
    def __init__(self, spell: object) -> None:
        super().__init__()
        self.spell = spell

    def __missing__(self, name: str) -> str:
        return self.spell(name)  # type: ignore[operator,no-any-return]


class ModelError(KgError):
    """The spaCy model cannot be loaded."""


class StoreError(KgError):
    """A graph store (directory, file or endpoint) cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query that is malformed or names an unknown query or parameter."""


class MissingToolError(KgError):
    """An optional program or package a step needs (Chromium for screenshots) is not installed.

    The message says what to install. Commands skip the optional step with that message and
    go on; library callers get the error.
    """
