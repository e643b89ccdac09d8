"""TimeML export: one TimeML document per analysed article, for TimeML tools and scorers.

Each document holds the article's text exactly, with a ``<TIMEX3>`` element around every
time expression the analysis detected and normalised (:attr:`kg.model.AnalysedArticle.times`:
``tid``, ``type``, ``value``), and the publication date as the document creation time
(``<DCT>``, ``functionInDocument="CREATION_TIME"``), the layout TempEval-3's scorer
(``TE3-evaluation.py`` of tempeval3_toolkit) reads. Expressions without a value (no rule
could read them) are left untagged: TimeML requires a value. Removing the tags and reading
the character entities back gives :attr:`kg.model.Article.text` unchanged.

>>> from datetime import date
>>> from kg.model import AnalysedArticle, Article, TimeValue
>>> a = Article("a1", "Freed on Sunday & home.", published=date(2025, 12, 14))
>>> t = TimeValue("Sunday", "2025-12-14", start=9, stop=15, type="DATE")
>>> print(timeml_document(AnalysedArticle(a, (), times=(t,))))  # doctest: +NORMALIZE_WHITESPACE
<?xml version="1.0" encoding="UTF-8"?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<DOCID>a1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-12-14" temporalFunction="false" functionInDocument="CREATION_TIME">2025-12-14</TIMEX3></DCT>
<TEXT>Freed on <TIMEX3 tid="t1" type="DATE" value="2025-12-14">Sunday</TIMEX3> &amp; home.</TEXT>
</TimeML>
"""  # noqa: E501

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from kg.errors import InputError, KgError
from kg.model import AnalysedArticle, TimeValue

__all__ = ["timeml_document", "write_timeml"]

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
)
#: Characters XML 1.0 cannot carry, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SAFE_NAME = re.compile(r"[^\w.-]+")


def _tagged(time: TimeValue) -> bool:
    return bool(time.value and time.type and time.start is not None and time.stop is not None)


def timeml_document(analysed: AnalysedArticle) -> str:
    """The article as one TimeML document (see the module docstring).

    Raises :class:`~kg.errors.InputError` when the text holds a character XML cannot carry
    (a control character, a lone surrogate), since the document could not hold the text
    unchanged.
    """
    article = analysed.article
    text = article.text
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise InputError(
            article.path or article.id,
            f"holds U+{ord(bad[0]):04X} at offset {bad.start()}, which XML cannot carry: "
            "no TimeML written for it (remove the character and run again)",
        )
    parts = [_HEAD, f"<DOCID>{escape(article.id)}</DOCID>\n"]
    if article.published is not None:
        day = article.published.isoformat()
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n'
        )
    parts.append("<TEXT>")
    at = 0
    tid = 0
    for time in sorted(filter(_tagged, analysed.times), key=lambda t: t.start or 0):
        start, stop = time.start or 0, time.stop or 0
        if start < at or not 0 <= start < stop <= len(text):
            continue  # overlapping or outside the text: TIMEX3 elements do not nest
        tid += 1
        parts.append(escape(text[at:start]))
        parts.append(
            f'<TIMEX3 tid="t{tid}" type={quoteattr(time.type or "DATE")} '
            f"value={quoteattr(time.value or '')}>{escape(text[start:stop])}</TIMEX3>"
        )
        at = stop
    parts.append(escape(text[at:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


def write_timeml(
    analysed: Iterable[AnalysedArticle],
    directory: str | os.PathLike[str],
    *,
    errors: list[KgError] | None = None,
) -> list[Path]:
    """Write one ``<article id>.tml`` file per article into ``directory`` (created if
    needed); return the paths written.

    Each file is written whole or not at all (a temporary file renamed into place). An
    article whose document cannot be written is reported in ``errors`` (raised when
    ``errors`` is None) and the others are still written. Two articles with the same id get
    ``-2``, ``-3`` ... after the second's name.
    """
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(out), f"cannot create the TimeML directory ({exc.strerror})") from exc
    written: list[Path] = []
    names: dict[str, int] = {}
    for a in analysed:
        try:
            document = timeml_document(a)
        except KgError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        stem = _SAFE_NAME.sub("_", a.article.id).strip("._") or "article"
        names[stem] = names.get(stem, 0) + 1
        path = out / (f"{stem}.tml" if names[stem] == 1 else f"{stem}-{names[stem]}.tml")
        _write_whole(path, document)
        written.append(path)
    return written


def _write_whole(path: Path, text: str) -> None:
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(str(path), f"cannot write the TimeML file ({exc.strerror})") from exc
