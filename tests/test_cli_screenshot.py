"""The screenshot is optional: without Chromium, `kg build` and `kg view` skip it with one line
saying what to install, print their summary and exit 0 (what `make demo` relies on on a bare
machine); with Chromium ($KG_CHROMIUM, else /usr/bin/chromium) they write a real PNG."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BELARUS, require_chromium
from tests.test_cli import run_kg

SKIP_NOTE = "(apt-get install chromium, or set KG_CHROMIUM=/path/to/chromium)"


def _build(out: Path, env: dict[str, str]) -> tuple[int, list[str], str]:
    proc = run_kg(
        "build", str(BELARUS), "--date", "2025-12-14",
        "--out", str(out / "graph.trig"),
        "--html", str(out / "graph.html"),
        "--screenshot", str(out / "graph.png"),
        env=env,
    )  # fmt: skip
    return proc.returncode, proc.stdout.splitlines(), proc.stderr


def test_build_without_chromium_skips_the_screenshot_and_prints_the_summary(tmp_path):
    missing = tmp_path / "no-chromium"
    code, lines, stderr = _build(tmp_path, {"KG_CHROMIUM": str(missing)})
    assert code == 0, stderr
    assert lines[0] == "articles   1" and any(line.startswith("triples    ") for line in lines)
    assert lines[-3] == f"wrote      {tmp_path / 'graph.trig'}"
    assert lines[-2].startswith(f"wrote      {tmp_path / 'graph.html'}: ")  # what it draws
    assert lines[-1] == (
        f"skipped    {tmp_path / 'graph.png'}: Chromium not found at {missing} {SKIP_NOTE}"
    )
    assert "Traceback" not in stderr and "error" not in stderr
    assert (tmp_path / "graph.trig").stat().st_size > 0
    assert "window.kgView" in (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not (tmp_path / "graph.png").exists()


def test_build_with_a_chromium_that_does_not_start_skips_the_screenshot(tmp_path):
    code, lines, stderr = _build(tmp_path, {"KG_CHROMIUM": "/bin/false"})
    assert code == 0, stderr
    assert lines[-1].startswith(f"skipped    {tmp_path / 'graph.png'}: Chromium at /bin/false")
    assert " did not start (" in lines[-1]
    assert lines[-1].endswith("; apt-get install chromium, or set KG_CHROMIUM=/path/to/chromium")
    assert not (tmp_path / "graph.png").exists()


@pytest.mark.browser
def test_build_with_chromium_writes_the_screenshot(tmp_path):
    exe = require_chromium()
    code, lines, stderr = _build(tmp_path, {"KG_CHROMIUM": str(exe)})
    assert code == 0, stderr
    assert lines[-1] == f"wrote      {tmp_path / 'graph.png'}"
    data = (tmp_path / "graph.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1400  # IHDR width: the default viewport
    assert len(data) > 10_000  # a drawn graph, not a blank page


def test_view_without_chromium_writes_the_page_and_skips_the_screenshot(tmp_path):
    trig = tmp_path / "g.trig"
    assert run_kg("build", str(BELARUS), "--out", str(trig)).returncode == 0
    proc = run_kg(
        "view", str(trig), "--out", str(tmp_path / "v.html"), "--screenshot",
        str(tmp_path / "v.png"), env={"KG_CHROMIUM": "/nonexistent"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == (
        f"skipped {tmp_path / 'v.png'}: Chromium not found at /nonexistent {SKIP_NOTE}"
    )
    assert (tmp_path / "v.html").is_file() and not (tmp_path / "v.png").exists()


def test_build_refuses_a_screenshot_without_the_page(tmp_path):
    proc = run_kg("build", str(BELARUS), "--out", str(tmp_path / "g.trig"),
                  "--screenshot", str(tmp_path / "g.png"))  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr == (
        f"kg: error: --screenshot {tmp_path / 'g.png'}: pictures the HTML view: give --html too\n"
    )
    assert not (tmp_path / "g.trig").exists()
