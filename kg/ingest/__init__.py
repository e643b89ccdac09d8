"""Ingest: news files → :class:`~kg.model.Article` with content segments.

:func:`read_articles` reads files and directories (walked recursively in sorted order):

- ``.txt`` / ``.md``: the first non-empty line is the headline (markdown ``#`` stripped); a
  paragraph that is only a date right after it is the *date line* (MEANTIME/Wikinews
  ``March 01, 2008``); a *dateline* opening the first paragraph (``Vilnius, December 14 (IANS)``)
  gives :attr:`~kg.model.Article.place` and :attr:`~kg.model.Article.agency`; every other
  paragraph (blank-line separated) is one ``"body"`` segment, except photo-credit lines, a
  byline before the dateline (``By MARY ELLEN PARKS`` / ``Associated Press Writer``) and
  trailing page furniture ("Support ... / Click Here", "Subscribe", "Follow us", copyright).
  Datelines: ``PLACE, Date (AGENCY) -``, ``PLACE (AGENCY) -``, ``CITY, State (AGENCY) -``,
  ``PLACE, Date -`` and ``PLACE -`` (in capitals), the dash any of ``-``, ``--``, ``–``,
  ``—``, ``:`` or AP's `` _ ``.
  :attr:`~kg.model.Article.text` is the decoded file (a UTF-8 BOM dropped), so
  ``text[seg.start:seg.end]`` is the segment.
- ``.html`` / ``.htm``: main text, title, date, URL and site name by trafilatura; the text is
  trafilatura's (one paragraph a line); the title is a segment only if the text starts with it.
- ``.jsonl`` / ``.json``: records with ``text`` and optional ``id``, ``title``, ``published``,
  ``url``, ``source`` (a ``.json`` file holds one record or a list; other fields are ignored).
  The title is kept apart from the text: it is a segment only if the text's first line
  repeats it; without a ``title`` every paragraph of ``text`` is a body segment and the title
  is ``""``. What each field may hold, and what happens to a lone surrogate escape
  (``"\\ud800"``: U+FFFD in text, a refused record in an id), is in :mod:`kg.ingest._json`.

In a directory, hidden entries, other file types and folder documentation (``README``,
``LICENSE``, ``ATTRIBUTION``, ``NOTICE``... any suffix) are skipped.

Ids: the file stem (``belarus-prisoners-2025-12-14``); where two files share a stem, the path
relative to the directory argument without suffix, ``/`` → ``-``; a record's ``id``, else
``<file stem>-<line>``. A file name that is not UTF-8 gives an id with U+FFFD for its stray
bytes. An id already read in this run (a second file or record with it) is refused with an
error naming both places; the first stays. Undecodable UTF-8 falls back to
Windows-1252/Latin-1 with a :class:`UnicodeWarning` naming the line (in ``.jsonl`` only the
lines that are not UTF-8 are decoded so).

Publication date, first found wins:

1. a JSON record's ``published``;
2. the date line (a full date printed under the headline, as in Wikinews/MEANTIME): the
   article's own statement outranks a default given from outside;
3. the ``date`` argument (the CLI's ``--date``), the date for articles that do not carry one;
4. the dateline's date, its year from the dateline itself, else from the HTML metadata
   (no year anywhere: no date from the dateline);
5. the HTML page's metadata (``article:published_time`` and the like).

Otherwise :attr:`~kg.model.Article.published` is None (a file's modification time is never used).

Every file and every record is either read or named in one :class:`~kg.errors.InputError`
(file, and line for a record): missing, empty, binary or unreadable files, bad JSON lines and
records, unknown file types named explicitly, duplicate ids. Errors are appended to
``errors`` and logged to the ``kg.ingest`` logger, and reading goes on; nothing else is raised.

>>> from kg.ingest import article_from_text
>>> a = article_from_text("Talks end\\n\\nMarch 01, 2008\\n\\nThe talks ended.", id="t")
>>> a.title, a.published, [a.text[s.start:s.end] for s in a.segments]
('Talks end', datetime.date(2008, 3, 1), ['Talks end', 'The talks ended.'])
"""

from kg.ingest._reader import (
    SUPPORTED_SUFFIXES,
    ArticleStream,
    article_from_text,
    count_articles,
    read_articles,
    read_sentence_lines,
)

__all__ = [
    "ArticleStream",
    "read_articles",
    "count_articles",
    "read_sentence_lines",
    "article_from_text",
    "SUPPORTED_SUFFIXES",
]
