"""Query results as plain rows, for tables, CSV, JSON and DataFrames."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import Literal, URIRef  # noqa: F401 (URIRef: used by the doctests)
from rdflib.query import Result

__all__ = ["result_rows", "term_value"]


def term_value(term: Any) -> Any:
    """A readable Python value for one RDF term: literals as their value, IRIs as strings.

    >>> from rdflib import XSD
    >>> term_value(Literal("123", datatype=XSD.decimal)), term_value(URIRef("http://x/y"))
    (Decimal('123'), 'http://x/y')
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    return str(term)


def result_rows(
    result: Result | tuple[Sequence[str], Iterable[Sequence[Any]]],
) -> tuple[list[str], list[list[Any]]]:
    """``(header, rows)`` of a SPARQL SELECT result (or of an already tabular pair).

    ASK results give one ``ask`` column; CONSTRUCT/DESCRIBE results give s, p, o rows.

    >>> from rdflib import Graph
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("Minsk")))
    >>> result_rows(g.query("SELECT ?o WHERE { ?s ?p ?o }"))
    (['o'], [['Minsk']])
    """
    if isinstance(result, tuple):
        header, rows = result
        return list(header), [list(r) for r in rows]
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [
            [term_value(t) for t in triple]  # type: ignore[union-attr]
            for triple in result
        ]
    header = [str(v) for v in (result.vars or [])]
    return header, [[term_value(t) for t in row] for row in result]  # type: ignore[union-attr]
