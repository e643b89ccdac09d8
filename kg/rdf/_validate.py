"""The ontology and SHACL shapes files, and validation of graphs against them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import StoreError
from kg.vocab import bind_namespaces

__all__ = ["ontology_path", "shapes_path", "load_ontology", "load_shapes", "validate"]

# ontologies/ sits at the repository root, next to the kg package (kg/rdf/ -> kg/ -> root).
_ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontologies"


def _existing(name: str) -> Path:
    path = _ONTOLOGY_DIR / name
    if not path.is_file():
        raise StoreError(
            f"{path}: ontology file missing; run kg from a source checkout (pip install -e .)"
        )
    return path


def ontology_path() -> Path:
    """``ontologies/kg.ttl``: the OWL ontology.

    >>> ontology_path().name
    'kg.ttl'
    """
    return _existing("kg.ttl")


def shapes_path() -> Path:
    """``ontologies/shapes.ttl``: the SHACL shapes.

    >>> shapes_path().name
    'shapes.ttl'
    """
    return _existing("shapes.ttl")


@lru_cache(maxsize=1)
def _parsed(path: Path) -> Graph:
    return bind_namespaces(Graph(bind_namespaces="core")).parse(path, format="turtle")


def load_ontology() -> Graph:
    """The ontology as a new graph (a copy: callers may add to it)."""
    return _copy(_parsed(ontology_path()))


def load_shapes() -> Graph:
    """The SHACL shapes as a new graph."""
    return _copy(_parsed(shapes_path()))


def _copy(g: Graph) -> Graph:
    out = bind_namespaces(Graph(bind_namespaces="core"))
    for t in g:
        out.add(t)
    return out


def validate(data: Graph | Dataset) -> tuple[bool, str]:
    """Check ``data`` (one article graph, or a dataset's union) against the SHACL shapes.

    The ontology is passed as pyshacl's ``ont_graph``, so subclass axioms apply
    (``sh:targetClass kg:Entity`` reaches a ``kg:Person``).

    Returns:
        ``(conforms, report_text)``; the text lists each violation with its focus node.

    >>> from kg.vocab import ID, KG, RDF
    >>> g = Graph()
    >>> _ = g.add((ID["entity/x"], RDF.type, KG.Person))  # an entity without rdfs:label
    >>> ok, report = validate(g)
    >>> ok, "rdfs:label" in report or "label" in report
    (False, True)
    """
    from pyshacl import validate as shacl_validate

    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union
    plain = Graph()  # pyshacl mixes the ontology into a copy; keep the caller's store out of it
    for t in data:
        plain.add(t)
    conforms, _, text = shacl_validate(
        plain,
        shacl_graph=_parsed(shapes_path()),
        ont_graph=_parsed(ontology_path()),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), str(text)
