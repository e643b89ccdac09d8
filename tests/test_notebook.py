"""notebooks/explore.ipynb runs top to bottom in a real Jupyter kernel, outputs checked."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import REPO

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


def test_notebook_sparql_dataframe_has_the_release(executed):
    table = _text(executed.cells[3])
    assert "Belarus" in table and "123 political prisoners" in table


def test_notebook_ranks_entities_and_shows_the_view(executed):
    ranking = _text(executed.cells[5])
    assert "degree centrality" in ranking and "Belarus" in ranking
    view = _text(executed.cells[7])
    assert "nodes" in view and "<iframe" in view
