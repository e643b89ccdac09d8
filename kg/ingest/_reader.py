"""Finding input files, giving articles stable ids, and building :class:`~kg.model.Article`."""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError, KgError
from kg.ingest._decode import decode, decode_lines, read_bytes, read_text, readable
from kg.ingest._json import Record, iter_lines, iter_records
from kg.ingest._text import Layout, parse_layout
from kg.model import Article, Segment

__all__ = [
    "SUPPORTED_SUFFIXES",
    "read_articles",
    "read_sentence_lines",
    "article_from_text",
    "resolve_published",
]

logger = logging.getLogger("kg.ingest")

#: File name endings read from directories (case-insensitive); others there are ignored.
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")

#: File stems that document a folder rather than hold an article (README.md, ATTRIBUTION.md);
#: skipped when walking a directory, read when named explicitly.
NOT_ARTICLES = frozenset(
    {"README", "LICENSE", "LICENCE", "ATTRIBUTION", "NOTICE", "CHANGELOG", "COPYING", "AUTHORS"}
)

PathArg = str | os.PathLike[str]


@dataclass(frozen=True)
class _Input:
    path: Path  # where to read it
    rel: str  # relative path (posix) under the directory argument, or the name as given
    shown: str  # how errors and Article.path name it


def resolve_published(
    layout: Layout,
    *,
    record: date | None = None,
    given: date | None = None,
    metadata: date | None = None,
) -> date | None:
    """The publication date by the precedence in :mod:`kg.ingest`'s docstring.

    A dateline has month and day but rarely a year; its year comes from the date line or the
    page metadata, moved back a year if that would put the dateline over a week after them
    (a "December 31" dateline on a story dated January 2).

    >>> from kg.ingest._text import parse_layout
    >>> lay = parse_layout("T\\n\\nJanuary 02, 2026\\n\\nVilnius, December 31 (IANS) It happened.")
    >>> resolve_published(lay), resolve_published(lay, given=date(2026, 1, 5))
    (datetime.date(2025, 12, 31), datetime.date(2025, 12, 31))
    >>> lay = parse_layout("T\\n\\nVilnius, December 31 (IANS) It happened.")
    >>> resolve_published(lay), resolve_published(lay, given=date(2026, 1, 5))
    (None, datetime.date(2026, 1, 5))
    """
    if record is not None:
        return record
    from_dateline = _dateline_date(layout, layout.date_line or metadata)
    if layout.date_line is not None:  # a full date printed in the article is its own evidence
        return from_dateline or layout.date_line
    if given is not None:
        return given
    return from_dateline or metadata


def _dateline_date(layout: Layout, reference: date | None) -> date | None:
    """The dateline's date, its missing year taken from ``reference``."""
    dl = layout.dateline
    if dl is None or dl.month is None or dl.day is None:
        return None
    year = dl.year or (reference.year if reference else None)
    if year is None:
        return None
    try:
        found = date(year, dl.month, dl.day)
        if dl.year is None and reference and found > reference + timedelta(days=7):
            found = found.replace(year=year - 1)
    except ValueError:  # "February 30"
        return None
    return found


def _article(
    id: str,
    text: str,
    layout: Layout,
    *,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
    source: str | None = None,
    path: str | None = None,
) -> Article:
    if not layout.segments:
        # Article.content_segments() would fall back to the whole text: the furniture.
        raise InputError(path or id, "no article text found (only dates, credits or boilerplate)")
    dl = layout.dateline
    return Article(
        id=id,
        text=text,
        title=layout.title if title is None else title,
        segments=layout.segments,
        published=published,
        place=dl.place if dl else None,
        agency=dl.agency if dl else None,
        url=url,
        source=source,
        path=path,
    )


def article_from_text(
    text: str,
    *,
    id: str,
    date: date | None = None,
    markdown: bool = False,
    path: str | None = None,
) -> Article:
    """An :class:`Article` from the text of a plain-text or markdown article.

    The first non-empty line is the headline; then an optional date line, a dateline, and
    paragraphs separated by blank lines. ``date`` overrides dates found in the text.
    Raises :class:`~kg.errors.InputError` if nothing but furniture is left.

    >>> a = article_from_text("Belarus frees prisoners\\n\\nVilnius, Dec. 14 (IANS) It did.",
    ...                       id="b", date=None)
    >>> a.title, a.place, a.agency, a.published, a.text[a.segments[1].start:]
    ('Belarus frees prisoners', 'Vilnius', 'IANS', None, 'It did.')
    """
    layout = parse_layout(text, markdown=markdown)
    return _article(id, text, layout, published=resolve_published(layout, given=date), path=path)


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _from_record(rec: Record, given: date | None, path: str) -> Article:
    first = next((ln for ln in rec.text.splitlines() if ln.strip()), "")
    # The text may repeat the title as its first line: then that line is the title segment.
    title_in_text = not rec.title or _same_line(first, rec.title)
    layout = parse_layout(rec.text, title_line=bool(rec.title) and title_in_text)
    return _article(
        rec.id,
        rec.text,
        layout,
        title=rec.title,
        published=resolve_published(layout, record=rec.published, given=given),
        url=rec.url,
        source=rec.source,
        path=path,
    )


def _from_html(inp: _Input, id: str, given: date | None) -> Article:
    from kg.ingest._html import extract_main

    page = extract_main(read_text(inp.path, inp.shown), inp.shown)
    first = next((ln for ln in page.text.splitlines() if ln.strip()), "")
    title_in_text = bool(page.title) and _same_line(first, page.title)
    layout = parse_layout(page.text, title_line=title_in_text, line_paragraphs=True)
    return _article(
        id,
        page.text,
        layout,
        title=page.title,
        published=resolve_published(layout, given=given, metadata=page.date),
        url=page.url,
        source=page.sitename,
        path=inp.shown,
    )


def _expand(paths: Sequence[PathArg], report: _Report) -> list[_Input]:
    """The files to read, in order: named files as given, directories walked sorted."""
    out: list[_Input] = []
    for arg in paths:
        shown = os.fspath(arg)
        p = Path(shown)
        if p.is_dir():
            found: list[_Input] = []
            for root, dirs, files in os.walk(p, onerror=lambda e: _walk_error(e, report)):
                # Hidden folders (.git, .ipynb_checkpoints) and files are not articles.
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if (
                        name.startswith(".")
                        or not name.lower().endswith(SUPPORTED_SUFFIXES)
                        or name.split(".")[0].upper() in NOT_ARTICLES
                    ):
                        continue
                    full = Path(root) / name
                    rel = full.relative_to(p).as_posix()
                    found.append(_Input(full, rel, os.path.join(shown, *rel.split("/"))))
            if not found:
                report(
                    InputError(
                        shown,
                        "directory holds no article files (" + ", ".join(SUPPORTED_SUFFIXES) + ")",
                    )
                )
            out.extend(sorted(found, key=lambda i: i.rel.split("/")))
        elif not p.exists():
            report(InputError(shown, "no such file or directory"))
        elif not p.name.lower().endswith(SUPPORTED_SUFFIXES):
            report(
                InputError(
                    shown,
                    f"unsupported file type '{p.suffix or p.name}' (expected one of "
                    + ", ".join(SUPPORTED_SUFFIXES)
                    + ")",
                )
            )
        else:
            out.append(_Input(p, p.name, shown))
    # The same file named twice (or a file and its folder) is read once.
    seen: set[Path] = set()
    unique: list[_Input] = []
    for inp in out:
        key = inp.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(inp)
    return unique


def count_articles(paths: Sequence[PathArg] | PathArg) -> int | None:
    """How many articles :func:`read_articles` will read from ``paths``, counted from the
    file names alone (a progress bar's total): None when a JSON file is among them (its
    records are only known once read).

    >>> count_articles(["examples/articles"]) >= 1
    True
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    inputs = _expand(paths, _Unreported(None))  # read_articles reports them
    if any(i.path.name.lower().endswith((".json", ".jsonl")) for i in inputs):
        return None
    return len(inputs)


def _walk_error(err: OSError, report: _Report) -> None:
    report(InputError(str(err.filename), f"cannot read directory: {err.strerror or err}"))


def _file_ids(inputs: list[_Input]) -> dict[Path, str]:
    """File stems as ids; where stems clash, the relative path without suffix, '/' → '-'."""

    # A file name that is not UTF-8 (os.walk keeps its bytes as lone surrogates) gives an id
    # with U+FFFD in their place: an id must be text an IRI and a terminal can hold.
    def stem(i: _Input) -> str:
        return readable(Path(i.rel).stem)

    def relpath(i: _Input) -> str:
        return readable(i.rel.rsplit(".", 1)[0].replace("/", "-"))

    def full(i: _Input) -> str:
        return readable(i.rel.replace("/", "-"))

    def given(i: _Input) -> str:
        return readable(Path(i.shown).as_posix().lstrip("./").replace("/", "-"))

    ids: dict[Path, str] = {}
    taken: set[str] = set()
    pending = inputs
    for key in (stem, relpath, full, given):
        counts: dict[str, int] = {}
        for i in pending:
            counts[key(i)] = counts.get(key(i), 0) + 1
        rest = []
        for i in pending:
            if counts[key(i)] == 1 and key(i) not in taken:
                ids[i.path] = key(i)
                taken.add(key(i))
            else:
                rest.append(i)
        pending = rest
    for n, i in enumerate(pending, start=1):  # still clashing: number them
        ids[i.path] = f"{given(i)}-{n}"
    return ids


class _Report:
    """Appends an error to the caller's list (if any) and logs it as a warning."""

    def __init__(self, errors: list[InputError] | None) -> None:
        self.errors = errors

    def __call__(self, err: InputError) -> None:
        logger.warning("%s", err)
        if self.errors is not None:
            self.errors.append(err)


class _Unreported(_Report):
    """Drops errors: for a look at the inputs that reading them reports again."""

    def __call__(self, err: InputError) -> None:
        pass


def read_articles(
    paths: Sequence[PathArg] | PathArg,
    *,
    date: date | None = None,
    errors: list[InputError] | None = None,
) -> Iterator[Article]:
    """Read articles from files and directories; see :mod:`kg.ingest` for formats and dates.

    Args:
        paths: files and/or directories (walked recursively in sorted order; hidden entries
            and files of other types are skipped). A single path is accepted too.
        date: the publication date to use when a file has none of its own (``--date``);
            it overrides dates found in the text, but not a JSON record's ``published``.
        errors: bad files and records are appended here (and logged to ``kg.ingest`` as
            warnings) as iteration reaches them; the rest are still read. With None they are
            only logged.

    Yields:
        One :class:`~kg.model.Article` per file, or per JSON record, in input order.

    >>> [(a.id, a.published, a.place, a.agency)
    ...  for a in read_articles(["examples/articles/belarus-prisoners-2025-12-14.txt"])]
    [('belarus-prisoners-2025-12-14', None, 'Vilnius', 'IANS')]
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    report = _Report(errors)
    inputs = _expand(paths, report)
    file_ids = _file_ids(inputs)
    seen: dict[str, str] = {}  # article id -> where it came from

    def unique(article: Article, line: int | None = None, where: str = "") -> bool:
        if article.id in seen:
            problem = f"duplicate article id '{article.id}' (already used by {seen[article.id]})"
            report(InputError(article.path or "?", where + problem, line))
            return False
        where = article.path or "?"
        seen[article.id] = where if line is None else f"{where}:{line}"
        return True

    for inp in inputs:
        suffix = inp.path.suffix.lower()
        try:
            if suffix in (".json", ".jsonl"):
                stem = file_ids[inp.path]
                items = (
                    iter_lines(decode_lines(read_bytes(inp.path, inp.shown), inp.shown),
                               inp.shown, stem)
                    if suffix == ".jsonl"
                    else iter_records(read_text(inp.path, inp.shown, json=True), inp.shown, stem)
                )  # fmt: skip
                for item in items:
                    if isinstance(item, InputError):
                        report(item)
                        continue
                    try:
                        article = _from_record(item, date, inp.shown)
                    except InputError as err:  # this record only; the file goes on
                        report(InputError(err.path, item.where() + err.problem, item.line))
                        continue
                    if unique(article, item.line, item.where()):
                        if item.repaired:
                            _warn_repaired(inp.shown, item)
                        yield article
                continue
            if suffix in (".html", ".htm"):
                article = _from_html(inp, file_ids[inp.path], date)
            else:
                text = read_text(inp.path, inp.shown)
                article = article_from_text(
                    text, id=file_ids[inp.path], date=date, markdown=suffix == ".md",
                    path=inp.shown,
                )  # fmt: skip
        except InputError as err:
            report(err)
            continue
        if unique(article):
            yield article


def _warn_repaired(path: str, record: Record) -> None:
    fields = ", ".join(f"'{name}'" for name in record.repaired)
    warnings.warn(
        f"{path}:{record.line}: {record.where()}lone surrogate escape(s) in {fields} replaced "
        "by U+FFFD (one character for one: offsets unchanged)",
        UnicodeWarning,
        stacklevel=3,
    )


def read_sentence_lines(source: PathArg | BinaryIO) -> Iterator[Article]:
    """One article per non-blank line, for pre-split sentences such as CaRB's ``dev.txt``.

    ``source`` is a file (``/dev/stdin`` and other pipes too) or an open binary stream such as
    ``sys.stdin.buffer``. The id is ``line-<n>`` (1-based line number), ``text`` the line
    exactly as written (without its line break) and the only segment covers the whole line.
    Raises :class:`~kg.errors.InputError` if it cannot be read.

    >>> import io
    >>> [(a.id, a.text) for a in read_sentence_lines(io.BytesIO(b"It rained .\\n\\nIt stopped ."))]
    [('line-1', 'It rained .'), ('line-3', 'It stopped .')]
    """
    if isinstance(source, str | os.PathLike):
        shown = os.fspath(source)
        text = read_text(Path(shown), shown)
    else:
        shown = str(getattr(source, "name", "<stream>"))
        try:
            data = source.read()
        except OSError as err:
            raise InputError(shown, f"cannot read: {err.strerror or err}") from err
        text = decode(data, shown)
    # Only "\n" ends a line (str.splitlines would also split on U+2028, form feeds, ...).
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line.strip():
            yield Article(
                id=f"line-{n}",
                text=line,
                segments=(Segment(0, len(line), "body"),),
                path=shown,
            )


class ArticleStream:
    """The articles of some inputs, read lazily (a corpus never sits in memory whole), with
    each bad file or record handed to ``on_error`` as it comes.

    When the inputs are used up and no article could be read, :class:`~kg.errors.KgError`
    stops whatever iterates them: a command then writes nothing.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Talks end\\n\\nThe talks ended.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_text("", encoding="utf-8")
    >>> stream = ArticleStream([folder], on_error=lambda e: print("error:", e))
    >>> [a.id for a in stream]  # doctest: +ELLIPSIS
    error: .../b.txt: file is empty
    ['a']
    """

    def __init__(
        self,
        paths: Sequence[PathArg],
        *,
        date: date | None = None,
        on_error: Callable[[InputError], object] | None = None,
    ) -> None:
        self.paths = list(paths)
        self.published = date
        self.on_error = on_error
        self.errors: list[InputError] = []
        self.read = 0

    def _report(self, shown: int) -> int:
        if self.on_error is not None:
            for error in self.errors[shown:]:
                self.on_error(error)
        return len(self.errors)

    def __iter__(self) -> Iterator[Article]:
        shown = 0
        for article in read_articles(self.paths, date=self.published, errors=self.errors):
            shown = self._report(shown)
            self.read += 1
            yield article
        self._report(shown)
        if not self.read:
            raise KgError("no article could be read from the inputs given")
