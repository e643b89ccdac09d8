"""notebooks/explore.ipynb runs top to bottom in a real Jupyter kernel, outputs checked."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import EXAMPLES, REPO
from tests.test_cli import run_kg

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPO / "notebooks")}},
    )
    client.execute()
    return nb


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(output["text"])
        data = output.get("data", {})
        parts.append(data.get("text/plain", ""))
        parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def test_notebook_runs_clean(executed):
    """No error, nothing on stderr (where Python's warnings go) and no warning text in any
    cell: a user running it sees only the results."""
    for n, cell in enumerate(executed.cells):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", (n, output)
            assert output.get("name") != "stderr", (n, output.get("text"))
            shown = output.get("text", "") + output.get("data", {}).get("text/plain", "")
            assert "warning" not in shown.lower(), (n, shown)


def test_notebook_builds_the_sample_graph(executed):
    summary = _text(executed.cells[1])
    assert "articles   5" in summary
    assert "triples" in summary


def test_notebook_summary_is_the_one_kg_build_prints(executed, tmp_path):
    """The library build in the notebook and `kg build` report the same figures, line for
    line (the notebook said 6,871 triples where the command said 6,831: the command counted
    the store's distinct triples, the library the triples each article graph holds)."""
    proc = run_kg("build", str(EXAMPLES), "--date", "2025-12-14", "--out", str(tmp_path / "g.trig"))
    assert proc.returncode == 0, proc.stderr
    printed = [line for line in proc.stdout.splitlines() if not line.startswith("wrote ")]
    assert _text(executed.cells[1]).strip().splitlines() == printed


def test_notebook_sparql_dataframe_has_the_release(executed):
    table = _text(executed.cells[3])
    assert "Belarus" in table and "123 political prisoners" in table


def test_notebook_ranks_entities_and_shows_the_view(executed):
    ranking = _text(executed.cells[5])
    assert "degree centrality" in ranking and "Belarus" in ranking
    view = _text(executed.cells[7])
    assert "nodes" in view and "<iframe" in view
