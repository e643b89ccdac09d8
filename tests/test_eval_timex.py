"""kg eval timex: what the build detected and normalised, scored on MEANTIME dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval.timex import TimexResult, evaluate_timex, format_table


@pytest.fixture(scope="module")
def dev(shared_data: Path, nlp) -> TimexResult:  # type: ignore[no-untyped-def]
    return evaluate_timex(shared_data / "meantime" / "timex.jsonl", nlp=nlp)


def test_scores_the_build_on_meantime_dev(dev: TimexResult) -> None:
    table = format_table(dev)
    assert (dev.gold, dev.date_lines) == (145, 58)
    assert dev.detection_recall >= 0.93, table
    assert dev.detection_precision >= 0.90, table
    assert dev.value_accuracy >= 0.88, table
    assert dev.value_f1 >= 0.82, table
    assert dev.date_lines_correct == 58, table
    assert dev.diagnostic_accuracy >= 0.86, table


def test_table_reports_detection_value_and_diagnostic_apart(dev: TimexResult) -> None:
    table = format_table(dev)
    for words in ("detection  recall", "value      accuracy", "topic airbus", "type  DURATION",
                  "date lines", "diagnostic"):  # fmt: skip
        assert words in table


def test_errors_name_what_the_build_found(dev: TimexResult) -> None:
    # "6:40 p.m. (GMT +8)" is 10:40 UTC; the gold has 06:40Z
    (err,) = [e for e in dev.errors if e.text.startswith("6:40")]
    assert (err.got_text, err.got) == ("6:40 p.m. (GMT +8)", "2007-10-17T10:40Z")


def test_missing_article_is_a_clear_error(tmp_path: Path) -> None:
    row = {"doc_id": "9", "topic": "t", "text": "today", "type": "DATE", "value": "2004-11-24",
           "start": 0, "end": 5, "sentence_index": 2}  # fmt: skip
    (tmp_path / "timex.jsonl").write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError, match=r"articles/9.txt: no such article"):
        evaluate_timex(tmp_path / "timex.jsonl")


def test_bad_gold_line_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "timex.jsonl").write_text('{"doc_id": "9"}\n')
    with pytest.raises(InputError, match=r"timex.jsonl:1: not a TIMEX gold row"):
        evaluate_timex(tmp_path / "timex.jsonl")
