"""TIMEX normalisation scored on MEANTIME dev (airbus + apple)."""

from __future__ import annotations

from pathlib import Path

from kg.eval.timex import evaluate_timex, format_table


def test_timex_accuracy_on_meantime_dev(shared_data: Path) -> None:
    result = evaluate_timex(shared_data / "meantime" / "timex.jsonl", nlp=False)
    assert result.total == 203
    assert result.accuracy >= 0.75, format_table(result)
    assert set(result.by_topic) == {"airbus", "apple"}
    # Patterns alone (no NER) find most gold mentions.
    assert result.found_rate is not None and result.found_rate >= 0.85


def test_timex_detection_with_model(shared_data: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    result = evaluate_timex(shared_data / "meantime" / "timex.jsonl", nlp=nlp)
    assert result.found_rate is not None and result.found_rate >= 0.9


def test_format_table_lists_topics_and_types(shared_data: Path) -> None:
    table = format_table(evaluate_timex(shared_data / "meantime" / "timex.jsonl", nlp=False))
    assert "topic airbus" in table and "type  DURATION" in table and "found" in table
