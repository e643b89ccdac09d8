"""TIMEX normalisation and detection scored against MEANTIME's TIMEX3 annotation.

For each gold time expression (``timex.jsonl``: text, type, value, document creation
time), :func:`kg.resolve.timex.normalise_time` normalises the gold *text* against the
document creation time (``dct``; when null, the article's date line, block 1 of its text)
with the tense of the gold sentence around the mention and ``durations=True``; the value
must equal the gold ``value`` exactly. The date lines themselves (``CREATION_TIME``) count
too. Accuracy is reported overall, per topic and per TimeML type.

Detection: with the articles at hand, :func:`kg.resolve.timex.find_time_expressions`
runs over each article (per paragraph, with the spaCy model's DATE/TIME entities unless
``nlp=False``), and a gold mention counts as *found* when a detected expression overlaps it.
``detected`` is the number of expressions found, for a sense of precision.

>>> import json, tempfile, pathlib
>>> row = {"doc_id": "d", "topic": "t", "text": "last week", "type": "DATE",
...        "value": "2004-W47", "dct": "2004-11-24", "sentence_index": 2, "start": 0, "end": 9}
>>> p = pathlib.Path(tempfile.mkdtemp()) / "timex.jsonl"
>>> _ = p.write_text(json.dumps(row) + "\\n")
>>> evaluate_timex(p, articles_dir=p.parent / "none").accuracy
1.0
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.resolve.timex import clause_tense, find_time_expressions, normalise_time

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["TimexResult", "TimexError", "evaluate_timex", "format_table"]


@dataclass(frozen=True)
class TimexError:
    """One gold mention normalised wrongly."""

    doc_id: str
    text: str
    type: str
    gold: str
    got: str | None


@dataclass
class TimexResult:
    """Counts of correct / total normalisations, overall and by topic and type."""

    correct: int = 0
    total: int = 0
    by_topic: dict[str, list[int]] = field(default_factory=dict)  # topic -> [correct, total]
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [correct, total]
    found: int | None = None  # gold mentions overlapped by a detected expression
    found_total: int = 0  # gold mentions in articles that were scanned
    detected: int = 0  # expressions detected in those articles
    errors: list[TimexError] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of gold mentions normalised to exactly the gold value."""
        return self.correct / self.total if self.total else 0.0

    @property
    def found_rate(self) -> float | None:
        """Detection recall: share of gold mentions overlapped by a detected expression."""
        if self.found is None or not self.found_total:
            return None
        return self.found / self.found_total


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the TIMEX gold file ({exc.strerror})") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON ({exc.msg})", line=n) from exc
    return rows


def _blocks(text: str) -> list[tuple[int, str]]:
    """The paragraphs (MEANTIME sentences) of an article with their start offsets."""
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append((pos, block))
        pos += len(block) + 2
    return out


def _dct(row: dict[str, Any], blocks: list[tuple[int, str]]) -> date | None:
    if row.get("dct"):
        try:
            return date.fromisoformat(str(row["dct"])[:10])
        except ValueError:
            pass
    if len(blocks) > 1:  # block 1 is the date line ("March 01, 2008")
        value = normalise_time(blocks[1][1], None).value
        if value and len(value) == 10:
            return date.fromisoformat(value)
    return None


def _count(table: dict[str, list[int]], key: str, ok: bool) -> None:
    cell = table.setdefault(key, [0, 0])
    cell[0] += int(ok)
    cell[1] += 1


def evaluate_timex(
    timex_path: str | Path,
    articles_dir: str | Path | None = None,
    *,
    nlp: Language | bool | None = None,
) -> TimexResult:
    """Score normalisation (and detection, when the articles exist) on MEANTIME TIMEX3.

    ``articles_dir`` defaults to ``articles/`` next to ``timex_path``. ``nlp``: a spaCy
    pipeline for detection, ``None`` to load the default model, ``False`` for patterns only.
    """
    timex_path = Path(timex_path)
    rows = _read_jsonl(timex_path)
    adir = Path(articles_dir) if articles_dir is not None else timex_path.parent / "articles"
    texts: dict[str, str] = {}
    for doc_id in {str(r["doc_id"]) for r in rows}:
        f = adir / f"{doc_id}.txt"
        if f.is_file():
            texts[doc_id] = f.read_text(encoding="utf-8")

    result = TimexResult()
    for row in rows:
        doc_id = str(row["doc_id"])
        blocks = _blocks(texts.get(doc_id, ""))
        idx = row.get("sentence_index")
        tense = None
        if isinstance(idx, int) and idx < len(blocks):
            block_start, sentence = blocks[idx]
            tense = clause_tense(sentence, at=int(row["start"]) - block_start)
        got = normalise_time(row["text"], _dct(row, blocks), tense=tense, durations=True).value
        ok = got == row["value"]
        result.total += 1
        result.correct += int(ok)
        _count(result.by_topic, str(row.get("topic")), ok)
        _count(result.by_type, str(row.get("type")), ok)
        if not ok:
            result.errors.append(
                TimexError(doc_id, row["text"], str(row.get("type")), str(row["value"]), got)
            )

    if texts:
        _detect(result, rows, texts, nlp)
    return result


def _detect(
    result: TimexResult,
    rows: list[dict[str, Any]],
    texts: dict[str, str],
    nlp: Language | bool | None,
) -> None:
    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, text in texts.items():
        blocks = _blocks(text)
        if nlp is False:
            found = [find_time_expressions(b, offset=s) for s, b in blocks]
        else:
            assert not isinstance(nlp, bool)
            docs = nlp.pipe([b for _, b in blocks])
            found = [
                find_time_expressions(d, offset=s) for (s, _), d in zip(blocks, docs, strict=True)
            ]
        for group in found:
            spans[doc_id] += [(t.start or 0, t.stop or 0) for t in group]
    result.detected = sum(len(v) for v in spans.values())
    result.found = 0
    for row in rows:
        doc_id = str(row["doc_id"])
        if doc_id not in texts:
            continue
        result.found_total += 1
        if any(s < row["end"] and row["start"] < e for s, e in spans[doc_id]):
            result.found += 1


def format_table(result: TimexResult) -> str:
    """A plain-text table of the result.

    >>> print(format_table(TimexResult(correct=3, total=4, by_type={"DATE": [3, 4]})))
    TIMEX normalisation  accuracy 0.750  (3/4)
      type  DATE         0.750  (3/4)
    """
    lines = [
        f"TIMEX normalisation  accuracy {result.accuracy:.3f}  ({result.correct}/{result.total})"
    ]
    for label, table in (("topic", result.by_topic), ("type", result.by_type)):
        for key in sorted(table):
            c, n = table[key]
            lines.append(f"  {label:<5} {key:<12} {c / n if n else 0:.3f}  ({c}/{n})")
    rate = result.found_rate
    if rate is not None:
        lines.append(
            f"TIMEX detection      found {rate:.3f}  ({result.found}/{result.found_total}), "
            f"{result.detected} expressions detected"
        )
    return "\n".join(lines)
