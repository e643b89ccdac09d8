"""Open a graph store from a location: nothing, a directory, an RDF file or an endpoint URL."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kg.errors import StoreError
from kg.store._base import RDF_FORMATS, GraphStore

__all__ = ["open_store"]


def open_store(
    location: str | Path | Mapping[str, str] | None,
    *,
    create: bool = True,
    read_only: bool = False,
) -> GraphStore:
    """Open the graph store at ``location``.

    * ``None`` → a new in-memory Oxigraph store;
    * a file ending in ``.trig``, ``.nq``, ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf`` → the file
      loaded into memory, read-only (for ``kg query graph.trig``);
    * any other path → an on-disk Oxigraph store in that directory (created if missing,
      unless ``create=False``);
    * ``http(s)://host/base`` → a remote SPARQL 1.1 store, queried at ``base/query`` and
      updated at ``base/update`` (the Oxigraph server and Fuseki dataset layout); a URL ending
      in ``/query`` or ``/sparql`` is the query endpoint itself;
    * ``{"query": url, "update": url}`` → a remote store with explicit endpoints.

    >>> with open_store(None) as store:
    ...     store.triple_count()
    0
    """
    if isinstance(location, Mapping):
        from kg.store._remote import RemoteStore

        return RemoteStore.from_mapping(location, read_only=read_only)
    if location is None:
        from kg.store._embedded import EmbeddedStore

        return EmbeddedStore.memory()
    text = str(location)
    if text.startswith(("http://", "https://")):
        from kg.store._remote import RemoteStore

        return RemoteStore.from_url(text, read_only=read_only)
    from kg.store._embedded import EmbeddedStore

    path = Path(location)
    if path.suffix.lower() in RDF_FORMATS and not path.is_dir():
        if not path.exists():
            raise StoreError(f"{path}: no such RDF file")
        return EmbeddedStore.from_file(path)
    return EmbeddedStore.directory(path, create=create, read_only=read_only)
