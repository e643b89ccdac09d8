"""The README's example queries return exactly the rows the README shows.

Each ```sparql block under "## Queries" is followed by a ```text block holding the CSV that
`kg query out/graph.trig --format csv` prints for it on the demo graph. To refresh the README
after a deliberate change of the extractor: `KG_UPDATE_README=1 pytest tests/test_readme.py`
(it also refreshes the demo summary and the Python API example's printed lines).
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import open_store, result_rows
from tests.conftest import EXAMPLES, REPO

README = REPO / "README.md"
BLOCK = re.compile(r"```sparql\n(?P<query>.*?)```\n+```text\n(?P<rows>.*?)```", re.S)


def as_csv(result: object) -> str:
    header, rows = result_rows(result)  # type: ignore[arg-type]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_store(nlp):
    store = open_store(None)
    build(read_articles([EXAMPLES], date=date(2025, 12, 14)), store, nlp)
    yield store
    store.close()


def test_readme_has_example_queries():
    assert len(BLOCK.findall(README.read_text(encoding="utf-8"))) >= 3


def test_readme_queries_return_the_rows_shown(demo_store):
    text = README.read_text(encoding="utf-8")
    if os.environ.get("KG_UPDATE_README") == "1":
        text = BLOCK.sub(
            lambda m: (
                f"```sparql\n{m['query']}```\n\n```text\n{as_csv(demo_store.query(m['query']))}```"
            ),
            text,
        )
        README.write_text(text, encoding="utf-8")
    for match in BLOCK.finditer(text):
        assert as_csv(demo_store.query(match["query"])) == match["rows"], match["query"]


def test_readme_turtle_example_parses_and_uses_only_ontology_terms():
    from rdflib import Dataset

    from kg.vocab import KG

    text = README.read_text(encoding="utf-8")
    (example,) = re.findall(r"```turtle\n(.*?)```", text, re.S)
    ds = Dataset()
    ds.parse(data=example, format="trig")
    used = {t for q in ds.quads() for t in q[:3] if str(t).startswith(str(KG))}
    assert used and all(getattr(KG, str(t)[len(str(KG)) :]) == t for t in used)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_readme_links_lead_somewhere():
    """Every relative link names a file of the repository, every #anchor a heading."""
    text = README.read_text(encoding="utf-8")
    anchors = {_slug(h) for h in re.findall(r"(?m)^#{1,4} (.*)$", text)}
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if link.startswith(("http://", "https://")):
            continue
        path, _, anchor = link.partition("#")
        if path:
            assert (REPO / path).exists(), link
        else:
            assert anchor in anchors, link


def test_docs_links_lead_somewhere():
    for doc in (REPO / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            path = link.partition("#")[0]
            if path and not link.startswith(("http://", "https://")):
                assert (doc.parent / path).exists(), (doc.name, link)


PYTHON_API = re.compile(
    r"## Python API\n.*?```python\n(?P<code>.*?)```\n+prints, after the build summary:\n+"
    r"```\n(?P<printed>.*?)```",
    re.S,
)


def test_readme_python_api_prints_what_it_shows(tmp_path):
    """The Python API example, run as a user runs it (in a folder holding examples/), prints
    the lines the README shows after the build summary."""
    import subprocess
    import sys

    match = PYTHON_API.search(README.read_text(encoding="utf-8"))
    assert match, "README: the Python API example or its printed lines are missing"
    (tmp_path / "examples").symlink_to(EXAMPLES.parent)
    (tmp_path / "api.py").write_text(match["code"], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "api.py"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-2000:]
    if os.environ.get("KG_UPDATE_README") == "1":  # what the example prints after the summary
        printed = _after_summary(run.stdout)
        text = README.read_text(encoding="utf-8")
        start = match.start("printed")
        README.write_text(text[:start] + printed + text[match.end("printed") :], encoding="utf-8")
        match = PYTHON_API.search(README.read_text(encoding="utf-8"))
        assert match
    assert run.stdout.endswith(match["printed"]), run.stdout


def _after_summary(stdout: str) -> str:
    """What the Python API example prints after the build summary (its "wrote" line)."""
    lines = stdout.splitlines(True)
    last = max(i for i, line in enumerate(lines) if line.startswith("wrote "))
    return "".join(lines[last + 1 :])


DEMO_SUMMARY = re.compile(r"it\nprints:\n+```\n(?P<printed>articles .*?)```", re.S)


def test_readme_demo_summary_is_what_kg_build_prints(tmp_path):
    """The summary under "make demo" is what the demo's kg build prints (up to the view; the
    screenshot line depends on Chromium and is shown both ways in the README)."""
    import subprocess
    import sys

    match = DEMO_SUMMARY.search(README.read_text(encoding="utf-8"))
    assert match, "README: the make demo summary block is missing"
    shown = match["printed"].split("wrote      out/graph.png")[0]
    (tmp_path / "examples").symlink_to(EXAMPLES.parent)
    kg = str(Path(sys.executable).parent / "kg")
    run = subprocess.run(
        [kg, "build", "examples/articles", "--date", "2025-12-14",
         "--out", "out/graph.trig", "--html", "out/graph.html"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    if os.environ.get("KG_UPDATE_README") == "1":  # the summary up to the view, as printed
        text = README.read_text(encoding="utf-8")
        start = match.start("printed")
        README.write_text(
            text[:start] + run.stdout + text[start + len(shown) :], encoding="utf-8"
        )
        match = DEMO_SUMMARY.search(README.read_text(encoding="utf-8"))
        assert match
        shown = match["printed"].split("wrote      out/graph.png")[0]
    assert run.stdout == shown


FACT_EXAMPLE = re.compile(r"## The fact format.*?```json\n(?P<fact>.*?)```", re.S)


def test_readme_fact_example_is_what_kg_extract_prints():
    """The JSON fact under "The fact format" is one of the lines `kg extract` prints for the
    Belarus article, field for field."""
    import json
    import subprocess
    import sys

    match = FACT_EXAMPLE.search(README.read_text(encoding="utf-8"))
    assert match, "README: the fact format example is missing"
    shown = json.loads(match["fact"])
    kg = str(Path(sys.executable).parent / "kg")
    run = subprocess.run(
        [kg, "extract", str(EXAMPLES / "belarus-prisoners-2025-12-14.txt"), "--date", "2025-12-14"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    printed = [json.loads(line) for line in run.stdout.splitlines()]
    where = (shown["sentence"], shown["predicate"])
    same = [f for f in printed if (f["sentence"], f["predicate"]) == where]
    if os.environ.get("KG_UPDATE_README") == "1" and len(same) == 1:
        # fields kg extract prints now and the example lacks: appended, one line each
        extra = [k for k in same[0] if k not in shown]
        if extra:
            text = README.read_text(encoding="utf-8")
            body = match["fact"].rstrip()
            assert body.endswith("}")
            lines = body[:-1].rstrip() + ",\n" + ",\n".join(
                f"  {json.dumps(k)}: {json.dumps(same[0][k], ensure_ascii=False)}" for k in extra
            )
            fact = lines + "\n}\n"
            README.write_text(
                text[: match.start("fact")] + fact + text[match.end("fact") :], encoding="utf-8"
            )
            shown = json.loads(fact)
    assert same == [shown]
