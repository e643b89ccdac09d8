"""The README's example queries return exactly the rows the README shows.

Each ```sparql block under "## Queries" is followed by a ```text block holding the CSV that
`kg query out/graph.trig --format csv` prints for it on the demo graph. To refresh the README
after a deliberate change of the extractor: `KG_UPDATE_README=1 pytest tests/test_readme.py`
(the query rows, and the lines the demo build and the Python API example print).
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


def _updating() -> bool:
    return os.environ.get("KG_UPDATE_README") == "1"


def _refresh(block: str, shown: str, printed: str) -> None:
    """Under ``KG_UPDATE_README=1``: each line of ``shown`` that ``printed`` now gives
    differently is replaced throughout ``block`` (a README section), in the README."""
    if not _updating():
        return
    if len(shown.splitlines()) != len(printed.splitlines()):
        new = block.replace(shown, printed)  # lines added or removed: the whole block
    else:
        new = block
        for old_line, new_line in zip(shown.splitlines(), printed.splitlines(), strict=True):
            if old_line != new_line:
                new = new.replace(old_line, new_line)
    README.write_text(README.read_text(encoding="utf-8").replace(block, new), encoding="utf-8")


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
    tail = "".join(run.stdout.splitlines(True)[-len(match["printed"].splitlines()) :])
    _refresh(match[0], match["printed"], tail)
    assert run.stdout.endswith(match["printed"]) or _updating(), run.stdout


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
    if len(run.stdout.splitlines()) == len(shown.splitlines()):
        _refresh(match[0], shown, run.stdout)
    assert run.stdout == shown or _updating()


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
    if _updating() and len(same) == 1:
        _refresh(match[0], match["fact"], _json_block(same[0]))
        return
    assert same == [shown]


def _json_block(fact: dict) -> str:
    """A fact as the README writes it: indented JSON, lists of numbers on one line."""
    import json

    text = json.dumps(fact, indent=2, ensure_ascii=False)
    one_line = re.compile(r'\[\s*([^\[\]{}"]*?)\s*\]')
    return one_line.sub(lambda m: f"[{', '.join(x.strip() for x in m[1].split(','))}]", text) + "\n"


SKIPPED_PNG = re.compile(
    r"Without Chromium the last line is instead\n+```\n(?P<line>skipped .*?)\n```"
)


def test_readme_says_what_a_build_without_chromium_prints(tmp_path):
    """A bare machine has no Chromium: the README's Install table says how to get it, and the
    line it shows for the skipped screenshot is the one `kg build` prints without it."""
    import subprocess
    import sys

    text = README.read_text(encoding="utf-8")
    install = text.split("## Install", 1)[1].split("\n## ", 1)[0]
    for needed in ("apt-get install chromium", "KG_CHROMIUM", "make notebook"):
        assert needed in install, f"README Install: {needed!r} is not said"
    match = SKIPPED_PNG.search(text)
    assert match, "README: the line a build without Chromium prints is missing"
    missing = tmp_path / "no-chromium"
    kg = str(Path(sys.executable).parent / "kg")
    run = subprocess.run(
        [kg, "build", str(EXAMPLES / "82548.txt"), "--out", "out/g.trig",
         "--html", "out/graph.html", "--screenshot", "out/graph.png"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "KG_CHROMIUM": str(missing)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    printed = run.stdout.splitlines()[-1].replace(str(missing), "/usr/bin/chromium")
    assert printed == match["line"]


def test_readme_is_a_users_guide_without_internals_or_in_process_ratios():
    """Internals live in docs/internals.md and speed ratios measured inside one process in
    docs/benchmarks.md; the README keeps to what a user runs and sees (issue 18)."""
    text = README.read_text(encoding="utf-8")
    guide = text.split("## Further reading", 1)[0]  # the links section names the topics
    for internal in ("RocksDB", "GIL", "flush", "writer thread", "InOrderThread"):
        assert internal not in guide, f"README: {internal!r} belongs in docs/internals.md"
    ratio = re.search(r"\d\.\d+\s*[×x]\s*`?(?:spaCy's )?`?nlp\.pipe", guide)
    assert ratio is None, f"README quotes an in-process ratio: {ratio and ratio[0]!r}"
