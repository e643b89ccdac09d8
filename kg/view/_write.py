"""The view of a store or graph file written to disk: what ``kg view`` and ``kg build --html``
do, for notebooks too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.view._html import ViewSummary

__all__ = ["WrittenView", "write_view"]


@dataclass(frozen=True)
class WrittenView:
    """The page written, and its screenshot: written, or skipped for want of an optional tool
    (``skipped`` says why and what to install)."""

    summary: ViewSummary
    screenshot: Path | None = None
    skipped: str | None = None
    #: Entities of the graph that take part in no fact with another entity: not drawn (a
    #: node with no edge says nothing), but counted, so the page and the build summary's
    #: entity count can be told apart. 0 for a focused view.
    unlinked: int = 0


def write_view(
    source: Any,
    path: str | Path,
    *,
    screenshot: str | Path | None = None,
    focus: str | None = None,
    hops: int = 2,
    max_nodes: int = 2000,
    title: str = "kg",
    concepts: bool | None = None,
    descriptions: bool = False,
) -> WrittenView:
    """Write the HTML view of ``source`` (a store, dataset or graph file) and, if asked, a PNG
    of it; a screenshot that needs a missing Chromium is skipped, not an error.

    The page shows entities and the facts between them; phrases that name no entity ("123
    political prisoners") are drawn only when ``concepts`` is true, or, by default, around a
    ``focus`` (where a reader wants every participant of the few facts shown). Descriptions
    ("opposition leader Svetlana Tikhanovskaya", "Belarus's exports") are listed in their
    entity's panel, not drawn as edges, unless ``descriptions`` is true. The page states what
    it draws and leaves out (:func:`kg.view.counts_text`).

    >>> import tempfile
    >>> from kg.graph import example_dataset
    >>> with tempfile.TemporaryDirectory() as d:
    ...     written = write_view(example_dataset(), d + "/g.html")
    >>> written.summary.nodes, written.screenshot
    (8, None)
    """
    from kg.errors import MissingToolError
    from kg.graph import entity_graph, focus_graph
    from kg.view._html import render_html
    from kg.view._screenshot import screenshot as take_screenshot

    concepts = focus is not None if concepts is None else concepts
    graph = None
    if focus is not None:  # a store gives the neighbourhood without projecting the rest
        graph = focus_graph(source, focus, hops, concepts=concepts, descriptions=descriptions)
    unlinked = 0
    if graph is None:
        graph = entity_graph(
            source, concepts=concepts, isolated=focus is None, descriptions=descriptions
        )
        lone = [node for node in graph if graph.degree(node) == 0]
        unlinked = sum(1 for node in lone if graph.nodes[node].get("type") != "Concept")
        graph.remove_nodes_from(lone)
    summary = render_html(
        graph, path, title=title, focus=focus, hops=hops, max_nodes=max_nodes, unlinked=unlinked
    )
    if screenshot is None:
        return WrittenView(summary, unlinked=unlinked)
    try:
        take_screenshot(summary.path, screenshot)
    except MissingToolError as exc:
        return WrittenView(summary, skipped=str(exc), unlinked=unlinked)
    return WrittenView(summary, Path(screenshot), unlinked=unlinked)
