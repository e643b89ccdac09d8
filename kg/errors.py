"""Errors a user can act on: each names the file, line or option at fault.

>>> str(InputError("articles/a.txt", "file is empty", line=None))
'articles/a.txt: file is empty'
>>> str(InputError("feed.jsonl", "not valid JSON", line=3))
'feed.jsonl:3: not valid JSON'
"""

from __future__ import annotations

__all__ = ["KgError", "InputError", "ModelError", "StoreError", "QueryError", "MissingToolError"]


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
