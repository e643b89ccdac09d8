"""Datasets of article graphs: building them, writing them atomically, reading them back."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.errors import StoreError
from kg.model import Article, Entity, Fact
from kg.rdf._build import article_triples, decimal_text
from kg.rdf._iri import article_iri
from kg.vocab import PREFIXES, XSD, bind_namespaces

__all__ = [
    "FORMATS",
    "new_dataset",
    "add_graph",
    "facts_to_dataset",
    "write_dataset",
    "read_dataset",
    "atomic_file",
    "format_for",
    "normalise_literals",
]

#: File extension → rdflib format. Turtle and N-Triples have no named graphs: writing a
#: dataset to them merges every article graph into one, and reading them fills the default graph.
FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def format_for(path: str | Path) -> str:
    """The rdflib format for a file name, from its extension.

    >>> format_for("out/kg.trig"), format_for("kg.NQ")
    ('trig', 'nquads')
    >>> format_for("kg.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: kg.csv: unknown RDF file extension; use one of .trig, .nq, ...
    """
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise StoreError(f"{path}: unknown RDF file extension; use one of {', '.join(FORMATS)}")
    return FORMATS[ext]


def new_dataset() -> Dataset:
    """An empty in-memory Oxigraph-backed dataset whose default graph is the union of its graphs.

    The union default graph lets a SPARQL query without ``GRAPH`` see every article.

    >>> len(new_dataset())
    0
    """
    ds = Dataset(store="Oxigraph", default_union=True)
    # rdflib would bind ~30 default prefixes (brick:, a wrong-scheme wgs:, ...); keep the core
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="core")
    bind_namespaces(ds)
    return ds


def add_graph(ds: Dataset, graph: Graph) -> None:
    """Add ``graph``'s triples to ``ds`` as the named graph ``graph.identifier``."""
    named = ds.graph(graph.identifier)
    ds.addN((s, p, o, named) for s, p, o in graph)


def facts_to_dataset(items: Iterable[tuple[Article, Sequence[Fact], Sequence[Entity]]]) -> Dataset:
    """One named graph per article (named by its IRI) in a new Oxigraph-backed dataset.

    >>> from kg.model import Article
    >>> ds = facts_to_dataset([(Article(id="a1", text="", title="T"), [], [])])
    >>> [str(g.identifier).split("/")[-1] for g in ds.graphs() if len(g)]
    ['a1']
    """
    ds = new_dataset()
    for article, facts, entities in items:
        # straight from the triple list: an rdflib Graph in between would cost ~10 ms an article
        named = ds.graph(article_iri(article.id))
        ds.addN((s, p, o, named) for s, p, o in article_triples(article, facts, entities))
    return ds


def _union(ds: Dataset) -> Graph:
    g = bind_namespaces(Graph(bind_namespaces="core"))
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _oxigraph(ds: Graph) -> Any:
    """The pyoxigraph store under an oxrdflib-backed dataset, or None.

    oxrdflib has no public accessor; going to the store directly makes reading and writing
    files 10-70 times faster than rdflib's own parsers and serialisers.
    """
    import pyoxigraph

    inner = getattr(ds.store, "_inner", None) if isinstance(ds, Dataset) else None
    return inner if isinstance(inner, pyoxigraph.Store) else None


def _ox_format(fmt: str) -> Any:
    import pyoxigraph

    return {
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "json-ld": pyoxigraph.RdfFormat.JSON_LD,
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    }[fmt]


# Every triple of the dataset once: default graph and named graphs merged.
_ALL_TRIPLES = """CONSTRUCT { ?s ?p ?o } WHERE {
  SELECT DISTINCT ?s ?p ?o { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }
}"""


def _quad_key(q: Any) -> tuple[str, ...]:
    graph = str(getattr(q, "graph_name", ""))
    return graph, str(q.subject), str(q.predicate), str(q.object)


def _serialize(data: Dataset | Graph, fmt: str, out: IO[bytes]) -> None:
    store = _oxigraph(data)
    if store is None:
        if fmt not in _QUAD_FORMATS and isinstance(data, Dataset):
            data = _union(data)
        data.serialize(destination=out, format=fmt, encoding="utf-8")
        return
    import pyoxigraph

    if fmt in _QUAD_FORMATS:
        # sorted, so a subject's triples are written together and equal data gives equal files
        quads = sorted(store, key=_quad_key)
        pyoxigraph.serialize(quads, out, format=_ox_format(fmt), prefixes=PREFIXES)
    else:
        triples = sorted(store.query(_ALL_TRIPLES), key=_quad_key)
        pyoxigraph.serialize(triples, out, format=_ox_format(fmt), prefixes=PREFIXES)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file to write that replaces ``path`` only once the ``with`` block completes.

    The data goes to a hidden temporary file in the same directory, renamed over ``path`` at
    the end: a reader never sees half a file, and a failed write leaves any earlier file as it
    was. The file gets the mode an ordinary write gives it: an existing file's mode, else
    ``0666`` less the umask (``0644`` under the usual umask 022), not the ``0600`` of
    :func:`tempfile.mkstemp`. Missing parent directories are created.

    Raises:
        StoreError: the file cannot be written (naming it and the reason).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_file(folder / "g.nt") as out:
    ...     _ = out.write(b"<urn:a> <urn:b> <urn:c> .\\n")
    >>> (folder / "g.nt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'<urn:a> <urn:b> <urn:c> .\\n', ['g.nt'])
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.is_file() else 0o666
        while True:
            tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
            try:
                # os.open applies the umask to the mode, as open() does; mkstemp would not
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
                break
            except FileExistsError:  # pragma: no cover - a 48-bit name collision
                continue
        if mode != 0o666:
            os.chmod(tmp, mode)  # the existing file's mode, whatever the umask
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def write_dataset(ds: Dataset | Graph, path: str | Path) -> Path:
    """Write ``ds`` to ``path`` in the format its extension names, atomically.

    The data goes to a temporary file in the same directory that replaces ``path`` only once
    complete (:func:`atomic_file`), so a failed write leaves any earlier file untouched.
    ``.ttl`` and ``.nt`` hold no named graphs: all article graphs are merged into one.

    Returns:
        The path written.

    Raises:
        StoreError: unknown extension, or the file cannot be written.
    """
    path = Path(path)
    fmt = format_for(path)
    with atomic_file(path) as out:
        _serialize(ds, fmt, out)
    return path


def read_dataset(path: str | Path) -> Dataset:
    """Read a file written by :func:`write_dataset` into a new Oxigraph-backed dataset.

    Turtle and N-Triples files fill the default graph.

    Raises:
        StoreError: unknown extension, missing file or invalid RDF.
    """
    path = Path(path)
    fmt = format_for(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such RDF file")
    ds = new_dataset()
    store = _oxigraph(ds)
    try:
        if store is not None:
            store.load(path=str(path), format=_ox_format(fmt))
        elif fmt in _QUAD_FORMATS:
            ds.parse(path, format=fmt)
        else:
            ds.default_graph.parse(path, format=fmt)
    except Exception as exc:  # parsers raise many types; name the file in one
        raise StoreError(f"{path}: not valid {fmt} ({exc})") from exc
    return ds


def _plain(o: Node) -> Node:
    if not isinstance(o, Literal):
        return o
    if o.datatype == XSD.string and o.language is None:
        return Literal(str(o))
    if o.datatype == XSD.decimal and o.value is not None:
        return Literal(decimal_text(o.value), datatype=XSD.decimal)
    if o.datatype is not None and o.value is not None:
        # canonical lexical form: Oxigraph may write 1.0 where rdflib wrote 1.00
        return Literal(o.value, datatype=o.datatype)
    return o


def normalise_literals(graph: Graph) -> Graph:
    """A copy of ``graph`` with ``xsd:string`` literals plain and typed literals canonical.

    Oxigraph returns every plain literal as ``"..."^^xsd:string`` (RDF 1.1 says they are the
    same); compare graphs after passing both through this.

    >>> from rdflib import URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:b"), Literal("x", datatype=XSD.string)))
    >>> next(iter(normalise_literals(g)))[2].datatype is None
    True
    """
    out = Graph(identifier=graph.identifier, bind_namespaces="core")
    for s, p, o in graph:
        out.add((s, p, _plain(o)))
    return out
