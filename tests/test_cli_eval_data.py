"""`kg eval` on a user's machine: each command's help and its error for a missing or wrong
folder say which files it reads and where the public data set comes from, on one line, before
any model is loaded."""

from __future__ import annotations

import pytest

from kg.eval.data import CARB, CARB_ORIGIN, DOCS, ECBPLUS_ORIGIN, MEANTIME_ORIGIN
from tests.conftest import REPO
from tests.test_cli import run_kg

COMMANDS = {  # command -> (how it takes the folder, its origin, the files it needs)
    "carb": (["--data"], CARB_ORIGIN, "dev.txt and gold/dev.tsv"),
    "meantime": ([], MEANTIME_ORIGIN, "gold.jsonl and articles/<doc_id>.txt"),
    "timex": ([], MEANTIME_ORIGIN, "timex.jsonl"),
    "coref": ([], MEANTIME_ORIGIN, "entities.jsonl and articles/<doc_id>.txt"),
    "ecbplus": (
        [], ECBPLUS_ORIGIN,
        "coref/mentions.jsonl, coref/documents.jsonl and articles/<topic>/<doc>.txt",
    ),
}


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), stderr
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_eval_on_a_missing_folder_says_what_it_reads_and_where_to_get_it(command, tmp_path):
    option, origin, needs = COMMANDS[command]
    missing = tmp_path / "shared" / "data"
    proc = run_kg("eval", command, *option, str(missing))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert line.startswith(f"kg: error: {missing}: no such directory; ")
    assert f"folder holds {needs}, {origin} (see {DOCS})" in line


@pytest.mark.parametrize("command", COMMANDS)
def test_eval_on_a_wrong_folder_names_the_missing_files(command, tmp_path):
    option, origin, needs = COMMANDS[command]
    (tmp_path / "README.txt").write_text("not a data set\n", encoding="utf-8")
    proc = run_kg("eval", command, *option, str(tmp_path))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    first = needs.replace(" and ", ", ").split(", ")[0]
    assert line.startswith((f"kg: error: {tmp_path}: not a ", f"kg: error: {tmp_path}: not an "))
    assert f"(no {first}" in line and origin in line


@pytest.mark.parametrize("command", COMMANDS)
def test_eval_help_says_where_the_data_comes_from(command):
    _, origin, needs = COMMANDS[command]
    proc = run_kg("eval", command, "--help", env={"COLUMNS": "400"})
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    listed = needs.replace(", ", ", DIR/").replace(" and ", " and DIR/")
    assert f"Data: DIR/{listed}, {origin}" in text
    assert f"Where to get it, its licence and its format: {DOCS}." in text


def test_eval_carb_gold_file_missing_says_where_to_get_it(tmp_path):
    sentences = tmp_path / "s.txt"
    sentences.write_text("Sam ate rice .\n", encoding="utf-8")
    proc = run_kg("eval", "carb", "--gold", str(tmp_path / "g.tsv"), "--sentences", str(sentences))
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert line.startswith(f"kg: error: {tmp_path / 'g.tsv'}: no such file; ")
    assert CARB_ORIGIN in line


def test_eval_carb_reads_the_data_folder_as_carb_ships_it(tmp_path):
    """CaRB's own data/ folder has dev.txt and gold/dev.tsv but not kg's domain split: the
    overall score is printed, and no domain line."""
    (tmp_path / "gold").mkdir()
    (tmp_path / "dev.txt").write_text(
        "Sam ate rice .\nThe committee approved the plan .\n", encoding="utf-8"
    )
    (tmp_path / "gold" / "dev.tsv").write_text(
        "Sam ate rice .\tate\tSam\trice\n"
        "The committee approved the plan .\tapproved\tThe committee\tthe plan\n",
        encoding="utf-8",
    )
    assert CARB.check(tmp_path) == tmp_path
    out = tmp_path / "curve.csv"
    proc = run_kg("eval", "carb", "--data", str(tmp_path), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    scores = [line for line in proc.stdout.splitlines() if not line.startswith("  ")]
    assert len(scores) == 1 and scores[0].startswith("all: P 1.000 R 1.000 F1 1.000"), scores
    assert out.with_name("curve-all.csv").is_file()


def test_evaluation_doc_names_every_origin():
    text = (REPO / DOCS).read_text(encoding="utf-8")
    for needle in ("github.com/dair-iitd/CaRB", "MEANTIME", "Cybulska", "CC BY 4.0", "MIT"):
        assert needle in text
