"""`kg build`, `kg view`, `kg analyze` and `kg eval` show progress where a person watches: a
bar or a spinner on a terminal, one summary line into a log file, nothing on a pipe (each
through the real command, in its own process)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

KG = Path(sys.executable).with_name("kg")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
SUMMARY = re.compile(r"^kg: building: 5 articles in \d+\.\d s \(\d+\.\d articles/s\)\n$")


def _build(tmp_path: Path, name: str, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(KG), "build", str(EXAMPLES), "--out", str(tmp_path / f"{name}.trig")],
        stdout=subprocess.PIPE,
        stderr=stderr,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_build_progress_on_a_terminal_a_log_file_and_a_pipe(tmp_path: Path) -> None:
    # A terminal: rich's bar, with the count, the rate and the time left.
    leader, follower = pty.openpty()
    process = _build(tmp_path, "tty", follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = process.communicate()
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode())
    assert process.returncode == 0
    assert "building" in text and "5/5" in text and "articles/s" in text
    assert re.search(r"\d:\d\d:\d\d", text)  # rich's time left
    assert b"added 5" in stdout

    # A log file: no bar, one line at the end.
    log = tmp_path / "build.log"
    with log.open("w") as file:
        process = _build(tmp_path, "file", file.fileno())
        stdout, _ = process.communicate()
    assert process.returncode == 0
    assert SUMMARY.match(log.read_text()), log.read_text()
    assert b"added 5" in stdout

    # A pipe: nothing but the report.
    process = _build(tmp_path, "pipe", subprocess.PIPE)
    stdout, stderr = process.communicate()
    assert process.returncode == 0
    assert stderr == b""
    assert b"added 5" in stdout


def _on_a_terminal(command: list[str]) -> tuple[int, str]:
    """Run ``command`` with a terminal as its standard error: its exit code and what the
    terminal showed, control sequences removed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=follower, env={**os.environ, "COLUMNS": "120"}
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.communicate()
    os.close(leader)
    return process.returncode, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode())


def test_view_analyze_and_eval_show_progress_on_a_terminal_and_a_line_in_a_log(
    tmp_path: Path,
) -> None:
    graph = tmp_path / "g.trig"
    subprocess.run(
        [str(KG), "build", str(EXAMPLES / "82548.txt"), "--out", str(graph)],
        check=True, capture_output=True,
    )  # fmt: skip
    code, shown = _on_a_terminal([str(KG), "view", str(graph), "--out", str(tmp_path / "v.html")])
    assert code == 0 and f"drawing the view of {graph}" in shown, shown
    code, shown = _on_a_terminal([str(KG), "analyze", str(graph), "--top", "3"])
    assert code == 0 and f"analysing {graph}" in shown, shown

    # An evaluation counts what it parses: two CaRB sentences, their gold beside them.
    sentences = tmp_path / "dev.txt"
    sentences.write_text("Belarus freed 123 prisoners .\nThe US lifted sanctions .\n")
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "Belarus freed 123 prisoners .\tfreed\tBelarus\t123 prisoners\n"
        "The US lifted sanctions .\tlifted\tThe US\tsanctions\n"
    )
    log = tmp_path / "eval.log"
    with log.open("w") as file:
        run = subprocess.run(
            [str(KG), "eval", "carb", "--gold", str(gold), "--sentences", str(sentences),
             "--out", str(tmp_path / "curve.csv")],
            stdout=subprocess.PIPE, stderr=file,
        )  # fmt: skip
    assert run.returncode == 0, log.read_text()
    assert re.fullmatch(
        r"kg: scoring \(carb\): 2 sentences in \d+\.\d s \(\d+\.\d sentences/s\)\n", log.read_text()
    ), log.read_text()
