"""Ingest as a user meets it on the command line: odd feeds, pipes and option mistakes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.vocab import DCTERMS, KG

KG_BIN = str(Path(sys.executable).parent / "kg")


def run_kg(*args: str, stdin: str | None = None, cwd: Path | None = None):
    return subprocess.run(
        [KG_BIN, *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=300
    )


# --- kg extract --sentences ---------------------------------------------------------------

SENTENCE = "The Senate passed the spending bill on Friday ."


def test_extract_reads_sentences_from_standard_input_as_dash():
    proc = run_kg("extract", "--sentences", "-", "--format", "carb", stdin=SENTENCE + "\n")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert rows and {r[0] for r in rows} == {SENTENCE}
    assert ("passed", "The Senate", "the spending bill") in {(r[2], r[3], r[4]) for r in rows}


def test_extract_reads_sentences_from_dev_stdin_pipe():
    proc = run_kg("extract", "--sentences", "/dev/stdin", "--format", "carb", stdin=SENTENCE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith(SENTENCE + "\t")


def test_extract_refuses_inputs_given_with_sentences_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nThe Senate voted.\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    proc = run_kg("extract", "a.txt", "--sentences", "s.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (
        "kg: error: give INPUT files or --sentences s.txt, not both: drop a.txt "
        "or drop --sentences\n"
    )


def test_extract_missing_sentences_file_is_one_line(tmp_path):
    proc = run_kg("extract", "--sentences", "nope.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == "kg: error: nope.txt: no such file or directory\n"


# --- kg build on a feed mixing good and bad records -----------------------------------------

GOOD = [
    {"id": "senate-vote", "text": "WASHINGTON (AP) _ The Senate passed the spending bill."},
    {"id": 1017, "title": "Court frees editor", "text": "A court freed the editor on Monday."},
    {"id": "wire/2025/12/14#3", "text": "The council approved the new budget."},
    {"id": "far-future", "text": "Voters elected a new mayor.", "published": "9999-12-31"},
    {"id": "extra", "text": "The firm hired a chef.", "author": "A. Writer", "tags": ["x"]},
]
BAD = [  # the feed line, and what its one message says
    (r'{"id": "bad-\ud800", "text": "The mayor resigned."}', "'id' holds a lone surrogate"),
    ('{"id": "deep", "text": "x", "n": ' + "[" * 4000 + "]" * 4000 + "}",
     "line is nested too deeply to read as JSON"),
    ('{"id": "broken", "text": ', "line is not valid JSON"),
    (json.dumps({"id": "two\nlines", "text": "A."}), "holds a control character or line break"),
    (json.dumps({"id": "feb30", "text": "A.", "published": "2025-02-30"}),
     "'published' is not a real date"),
    (json.dumps({"id": "senate-vote", "text": "Again."}), "duplicate article id 'senate-vote'"),
    (json.dumps({"id": "empty", "text": " "}), "record's 'text' is empty"),
]  # fmt: skip
SURROGATE_TEXT = r'{"id": "half-emoji", "text": "Fans cheered \ud83d loudly at the match."}'


def test_build_stores_every_good_record_and_prints_one_line_per_bad_one(tmp_path):
    lines = [json.dumps(r) for r in GOOD[:2]] + [b for b, _ in BAD[:4]]
    lines += [json.dumps(r) for r in GOOD[2:]] + [SURROGATE_TEXT] + [b for b, _ in BAD[4:]]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "note.txt").write_text("Port reopens\n\nThe port reopened.\n", encoding="utf-8")
    proc = run_kg("build", ".", "--store", "store", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg: error: ")]
    expected = [f"feed.jsonl:{lines.index(b) + 1}: " for b, _ in BAD]
    assert len(errors) == len(BAD) + 1  # and the empty file
    assert errors[0] == "kg: error: ./empty.txt: file is empty"
    for line, prefix, (_, problem) in zip(errors[1:], expected, BAD, strict=True):
        assert line.startswith(f"kg: error: ./{prefix}") and problem in line
    n = lines.index(SURROGATE_TEXT) + 1
    assert (
        proc.stderr.splitlines().count(
            f"kg: warning: ./feed.jsonl:{n}: lone surrogate escape(s) in 'text' replaced by U+FFFD "
            "(one character for one: offsets unchanged)"
        )
        == 1
    )
    assert len(proc.stderr.splitlines()) == len(errors) + 1
    built = len(GOOD) + 2  # the surrogate-text record and note.txt
    assert f"articles   {built}" in proc.stdout.splitlines()
    assert f"skipped    {len(BAD) + 1} input(s) with errors" in proc.stdout.splitlines()

    query = (
        f"SELECT ?id WHERE {{ GRAPH ?g {{ ?a a {KG.Article.n3()} ; "
        f"{DCTERMS.identifier.n3()} ?id }} }} ORDER BY ?id"
    )
    rows = run_kg("query", "store", query, "--format", "json", cwd=tmp_path)
    assert rows.returncode == 0, rows.stderr
    stored = [r["id"] for r in json.loads(rows.stdout)]
    assert sorted(stored) == sorted([str(r["id"]) for r in GOOD] + ["half-emoji", "note"])
