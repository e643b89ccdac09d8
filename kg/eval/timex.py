"""Time expressions as the build finds them, scored against MEANTIME's TIMEX3 annotation.

The articles go through the analysis ``kg build`` runs (:func:`kg.analyse.analyse_articles`,
read as :func:`kg.eval.meantime.evaluate_meantime` reads them), and what it detected and
normalised (:attr:`kg.model.AnalysedArticle.times`) is compared with each gold mention of
``timex.jsonl`` (text, offsets, TimeML type and value):

* **detection**: a gold mention is *found* when a detected expression overlaps it (recall);
  precision is over the detected expressions in the sentences MEANTIME annotates (the
  headline and the next five blocks, :data:`ANNOTATED_BLOCKS`), those overlapping a gold
  mention;
* **value, end to end**: each found mention is paired with the detected expression that
  overlaps it most (one each); its value must equal the gold ``value`` exactly. Accuracy is
  over the found mentions; precision over the detected expressions in annotated sentences,
  recall over all gold mentions, F1 from both;
* **date lines**: the gold mentions with ``functionInDocument="CREATION_TIME"`` are the
  article's date line, which ingest reads as :attr:`kg.model.Article.published` and the
  analysis does not parse: they are scored apart, as publication dates equal to the gold;
* **diagnostic** (not what the build does): the gold *spans* read by the build's
  normalisation in place of the detected ones (:func:`kg.resolve.timex.detect_times` with
  ``spans``: the same parse, clause tense and anchoring, the anchors being the gold spans
  before), scored with and without the date lines: normalisation's share of the work,
  separated from detection.

>>> r = TimexResult(gold=4, found=3, correct=3, detected=5, detected_hits=4)
>>> r.detection_recall, r.value_accuracy, round(r.value_f1, 3)
(0.75, 1.0, 0.667)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import TimeValue

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.model import AnalysedArticle

__all__ = ["ANNOTATED_BLOCKS", "TimexError", "TimexResult", "evaluate_timex", "format_table"]

#: MEANTIME annotates time expressions in the headline (block 0), the date line (block 1) and
#: the first four body sentences: blocks 0-5 of an article.
ANNOTATED_BLOCKS = 6


@dataclass(frozen=True)
class TimexError:
    """One gold mention the build missed (``got_text`` None) or valued wrongly."""

    doc_id: str
    text: str
    type: str
    gold: str
    got_text: str | None
    got: str | None


@dataclass
class TimexResult:
    """Counts of the end-to-end scores, overall and by topic and type; rates are properties.

    ``by_topic``/``by_type`` map a key to ``[gold, found, correct]``.
    """

    gold: int = 0  # gold mentions (date lines left out)
    found: int = 0  # gold mentions a detected expression overlaps
    correct: int = 0  # found mentions whose paired expression has the gold value
    detected: int = 0  # detected expressions in annotated sentences
    detected_hits: int = 0  # those overlapping a gold mention
    by_topic: dict[str, list[int]] = field(default_factory=dict)
    by_type: dict[str, list[int]] = field(default_factory=dict)
    date_lines: int = 0  # CREATION_TIME gold mentions
    date_lines_correct: int = 0  # ... whose article's publication date equals the gold value
    diagnostic: int = 0  # gold texts normalised to the gold value (date lines left out)
    diagnostic_all: int = 0  # ... and with the date lines
    errors: list[TimexError] = field(default_factory=list)

    @property
    def detection_recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def detection_precision(self) -> float:
        return self.detected_hits / self.detected if self.detected else 0.0

    @property
    def value_accuracy(self) -> float:
        """Found mentions with the gold value."""
        return self.correct / self.found if self.found else 0.0

    @property
    def value_precision(self) -> float:
        return self.correct / self.detected if self.detected else 0.0

    @property
    def value_recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def value_f1(self) -> float:
        p, r = self.value_precision, self.value_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def diagnostic_accuracy(self) -> float:
        return self.diagnostic / self.gold if self.gold else 0.0

    @property
    def diagnostic_accuracy_all(self) -> float:
        n = self.gold + self.date_lines
        return self.diagnostic_all / n if n else 0.0


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the TIMEX gold file ({exc.strerror})") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                row = json.loads(line)
                row["doc_id"], row["start"], row["end"] = (
                    str(row["doc_id"]), int(row["start"]), int(row["end"])
                )  # fmt: skip
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON ({exc.msg})", line=n) from exc
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(str(path), f"not a TIMEX gold row ({exc!r})", line=n) from None
            rows.append(row)
    return rows


def _annotated_end(text: str) -> int:
    """Where the last annotated block of an article ends."""
    blocks = text.split("\n\n")[:ANNOTATED_BLOCKS]
    return sum(len(b) for b in blocks) + 2 * (len(blocks) - 1)


def _overlap(time: TimeValue, row: dict[str, Any]) -> int:
    if time.start is None or time.stop is None:
        return 0
    return max(0, min(time.stop, row["end"]) - max(time.start, row["start"]))


def _count(table: dict[str, list[int]], key: str, found: bool, ok: bool) -> None:
    cell = table.setdefault(key, [0, 0, 0])
    cell[0] += 1
    cell[1] += int(found)
    cell[2] += int(ok)


def score_timex(
    rows: Sequence[dict[str, Any]],
    analysed: Sequence[AnalysedArticle],
    given: Mapping[str, Sequence[TimeValue]] | None = None,
) -> TimexResult:
    """Score the analysed articles' times against the gold rows of their documents.

    ``given[doc_id]`` are the gold spans as the normalisation read them (the diagnostic).
    """
    by_id = {a.article.id: a for a in analysed}
    read = {
        (doc_id, t.start, t.stop): t.value for doc_id, ts in (given or {}).items() for t in ts
    }
    result = TimexResult()
    for doc_id, article in by_id.items():
        end = _annotated_end(article.article.text)
        doc_rows = [r for r in rows if r["doc_id"] == doc_id and not _is_date_line(r)]
        shown = [t for t in article.times if t.start is not None and t.start < end]
        result.detected += len(shown)
        result.detected_hits += sum(any(_overlap(t, r) for r in doc_rows) for t in shown)
    pairs = _pairs(rows, by_id)
    for n, row in enumerate(rows):
        a = by_id.get(row["doc_id"])
        if a is None:
            continue
        published = a.article.published
        diagnostic = read.get((row["doc_id"], row["start"], row["end"])) == row["value"]
        result.diagnostic_all += int(diagnostic)
        if _is_date_line(row):
            result.date_lines += 1
            result.date_lines_correct += int(
                published is not None and published.isoformat() == row["value"]
            )
            continue
        result.gold += 1
        result.diagnostic += int(diagnostic)
        found = any(_overlap(t, row) for t in a.times)
        got = a.times[pairs[n]] if n in pairs else None
        ok = got is not None and got.value == row["value"]
        result.found += int(found)
        result.correct += int(ok)
        _count(result.by_topic, str(row.get("topic")), found, ok)
        _count(result.by_type, str(row.get("type")), found, ok)
        if not ok:
            result.errors.append(
                TimexError(
                    row["doc_id"], row["text"], str(row.get("type")), str(row["value"]),
                    got.text if got else None, got.value if got else None,
                )
            )  # fmt: skip
    return result


def _pairs(rows: Sequence[dict[str, Any]], by_id: dict[str, AnalysedArticle]) -> dict[int, int]:
    """Gold row index → index of the detected time paired with it: one each, the closest
    spans first (overlap over union), so "2009" pairs with "2009" before "from 2009 to
    2011" can take it."""
    scored = []
    for n, row in enumerate(rows):
        a = by_id.get(row["doc_id"])
        if a is None or _is_date_line(row):
            continue
        for k, t in enumerate(a.times):
            inter = _overlap(t, row)
            if inter and t.start is not None and t.stop is not None:
                union = max(t.stop, row["end"]) - min(t.start, row["start"])
                scored.append((-inter / union, n, k))
    pairs: dict[int, int] = {}
    taken: set[tuple[str, int]] = set()
    for _, n, k in sorted(scored):
        key = (rows[n]["doc_id"], k)
        if n not in pairs and key not in taken:
            pairs[n] = k
            taken.add(key)
    return pairs


def _is_date_line(row: dict[str, Any]) -> bool:
    return row.get("function_in_document") == "CREATION_TIME"


def evaluate_timex(
    timex_path: str | Path,
    articles_dir: str | Path | None = None,
    *,
    nlp: Language | None = None,
) -> TimexResult:
    """Analyse the MEANTIME articles with gold time expressions as ``kg build`` does, and
    score the times it found (see the module docstring).

    ``articles_dir`` defaults to ``articles/`` next to ``timex_path``; ``nlp`` to the default
    model.
    """
    from kg.analyse import analyse_article
    from kg.eval.meantime import _read_articles
    from kg.parse import parse_articles
    from kg.resolve.timex import detect_times

    timex_path = Path(timex_path)
    rows = _read_jsonl(timex_path)
    adir = Path(articles_dir) if articles_dir is not None else timex_path.parent / "articles"
    ids = sorted({r["doc_id"] for r in rows})
    missing = [i for i in ids if not (adir / f"{i}.txt").is_file()]
    if missing:
        raise InputError(str(adir / f"{missing[0]}.txt"), "no such article for the TIMEX gold")
    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    articles = _read_articles([adir / f"{i}.txt" for i in ids], ids)
    analysed: list[AnalysedArticle] = []
    given: dict[str, tuple[TimeValue, ...]] = {}
    for parsed in parse_articles(articles, nlp):  # one parse for the build and the diagnostic
        doc_id = parsed.article.id
        given[doc_id] = detect_times(
            parsed, [(r["start"], r["end"]) for r in rows if r["doc_id"] == doc_id]
        )
        analysed.append(analyse_article(parsed))
    return score_timex(rows, analysed, given)


def format_table(result: TimexResult) -> str:
    """A plain-text report of the result.

    >>> print(format_table(TimexResult(gold=4, found=3, correct=3, detected=5, detected_hits=4,
    ...                                by_type={"DATE": [4, 3, 3]})))
    TIMEX as built: 4 gold mentions (date lines apart)
      detection  recall 0.750 (3/4)  precision 0.800 (4/5 detected in annotated sentences)
      value      accuracy 1.000 (3/3 found)  P 0.600  R 0.750  F1 0.667
      type  DATE         found 0.750  value 1.000  (3/3 of 4)
    date lines           0/0 publication dates equal the gold creation time
    diagnostic           gold spans read by the build's normalisation: 0.000 (0/4); with date lines 0.000 (0/4)
    """  # noqa: E501
    r = result
    lines = [
        f"TIMEX as built: {r.gold} gold mentions (date lines apart)",
        f"  detection  recall {r.detection_recall:.3f} ({r.found}/{r.gold})  precision "
        f"{r.detection_precision:.3f} ({r.detected_hits}/{r.detected} detected in annotated "
        "sentences)",
        f"  value      accuracy {r.value_accuracy:.3f} ({r.correct}/{r.found} found)  "
        f"P {r.value_precision:.3f}  R {r.value_recall:.3f}  F1 {r.value_f1:.3f}",
    ]
    for label, table in (("topic", r.by_topic), ("type", r.by_type)):
        for key in sorted(table):
            n, found, ok = table[key]
            lines.append(
                f"  {label:<5} {key:<12} found {found / n if n else 0:.3f}  value "
                f"{ok / found if found else 0:.3f}  ({ok}/{found} of {n})"
            )
    lines.append(
        f"date lines           {r.date_lines_correct}/{r.date_lines} publication dates equal "
        "the gold creation time"
    )
    lines.append(
        "diagnostic           gold spans read by the build's normalisation: "
        f"{r.diagnostic_accuracy:.3f} ({r.diagnostic}/{r.gold}); with date lines "
        f"{r.diagnostic_accuracy_all:.3f} ({r.diagnostic_all}/{r.gold + r.date_lines})"
    )
    return "\n".join(lines)
