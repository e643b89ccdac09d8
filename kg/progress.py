"""Progress of a long command, shown where a person is watching.

:class:`Progress` decides once, from the stream it writes to (standard error by default):

- a terminal: a live bar (rich) with the count, articles per second and the time left (when
  the total is known) or the time spent;
- a file (``2> build.log``): no live display, one summary line when the work ends
  (``kg: building: 150 articles in 24.1 s (6.2 articles/s)``);
- a pipe or anything else: nothing at all, so a script reading the output never sees it.

>>> import io
>>> with Progress("counting", stream=io.StringIO()) as progress:
...     progress.advance()
>>> progress.done, progress.mode
(1, 'quiet')
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any, Literal

__all__ = ["Progress", "article_parsed", "display_mode", "status"]

Mode = Literal["bar", "line", "quiet"]


def display_mode(stream: IO[str]) -> Mode:
    """How progress shows on ``stream``: ``"bar"`` on a terminal, ``"line"`` into a regular
    file, ``"quiet"`` on a pipe, a socket or a stream without a file descriptor.

    >>> import io
    >>> display_mode(io.StringIO())
    'quiet'
    """
    try:
        if stream.isatty():
            return "bar"
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return "quiet"
    return "line" if stat.S_ISREG(mode) else "quiet"


class Progress:
    """A count of ``unit`` (articles) done, shown as :func:`display_mode` says for ``stream``.

    ``total`` (None when not known ahead) gives the bar its length and the time left. Use it
    as a context manager; :meth:`advance` (any arguments ignored, so it can be a build's
    per-article callback) counts one more.
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "articles",
        stream: IO[str] | None = None,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.mode: Mode = display_mode(self.stream)
        self.done = 0
        self._start = time.perf_counter()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        self._start = time.perf_counter()
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as RichProgress,
            )

            columns: list[Any] = [TextColumn("{task.description}")]
            if self.total is not None:
                columns += [BarColumn(), MofNCompleteColumn(), TaskProgressColumn()]
            else:
                columns += [TextColumn("{task.completed} " + self.unit)]
            columns += [
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn() if self.total is not None else TimeElapsedColumn(),
            ]
            self._bar = RichProgress(
                *columns, console=Console(file=self.stream), transient=True
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def advance(self, *_: object) -> None:
        """One more done."""
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, rate=f"{self._rate():.1f} {self.unit}/s")

    def _rate(self) -> float:
        spent = time.perf_counter() - self._start
        return self.done / spent if spent > 0 else 0.0

    def summary(self) -> str:
        """The one line said at the end: what was done, how long it took, how fast.

        >>> import io
        >>> Progress("building", stream=io.StringIO()).summary().startswith("building: 0 articles")
        True
        """
        spent = time.perf_counter() - self._start
        rate = f"{self._rate():.1f} {self.unit}/s"
        return f"{self.label}: {self.done} {self.unit} in {spent:.1f} s ({rate})"

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
        elif self.mode == "line" and exc[0] is None and self.done:
            print(f"kg: {self.summary()}", file=self.stream, flush=True)

    @contextmanager
    def tracking(self) -> Iterator[Progress]:
        """Show this progress and count on it every article parsed inside the block
        (:func:`article_parsed`): for work such as an evaluation, whose articles are parsed
        deep inside calls that take no callback.

        >>> import io
        >>> with Progress("scoring", stream=io.StringIO()).tracking() as progress:
        ...     article_parsed()
        >>> progress.done
        1
        """
        token = _TRACKED.set(self)
        try:
            with self:
                yield self
        finally:
            _TRACKED.reset(token)


#: The progress counting parsed articles (:meth:`Progress.tracking`), if any.
_TRACKED: ContextVar[Progress | None] = ContextVar("kg_progress_tracked", default=None)


def article_parsed() -> None:
    """One more article parsed (:func:`kg.parse.parse_articles` says so), counted on the
    progress being tracked; nothing when none is."""
    tracked = _TRACKED.get()
    if tracked is not None:
        tracked.advance()


@contextmanager
def status(label: str, stream: IO[str] | None = None) -> Iterator[None]:
    """Work with no count to show (projecting a store, drawing a view): a spinner with
    ``label`` on a terminal, one line with the time spent into a file, nothing on a pipe.

    >>> import io
    >>> with status("drawing the view", stream=io.StringIO()):
    ...     pass
    """
    stream = sys.stderr if stream is None else stream
    mode = display_mode(stream)
    start = time.perf_counter()
    if mode == "bar":
        from rich.console import Console

        with Console(file=stream).status(label):
            yield
        return
    yield
    if mode == "line":
        print(f"kg: {label}: {time.perf_counter() - start:.1f} s", file=stream, flush=True)
