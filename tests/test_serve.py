"""kg's SPARQL 1.1 Protocol endpoint, exercised with real clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.store import GraphStore, make_server, open_store
from kg.store._serve import SparqlServer

EX = "http://example.org/"
ARTICLE = URIRef(EX + "article/a")
LABELS = {"Belarus", "Minsk", "<script>alert(1)</script>"}
SELECT_LABELS = f"SELECT ?l WHERE {{ ?e <{RDFS.label}> ?l }}"


def filled_store() -> GraphStore:
    store = open_store(None)
    g = Graph()
    for i, label in enumerate(sorted(LABELS)):
        g.add((URIRef(f"{EX}entity/{i}"), RDFS.label, Literal(label)))
    store.put_article(ARTICLE, g, "h")
    return store


@pytest.fixture
def start() -> Iterator[Callable[..., SparqlServer]]:
    servers: list[tuple[SparqlServer, threading.Thread]] = []

    def _start(allow_update: bool = False) -> SparqlServer:
        server = make_server(filled_store(), port=0, allow_update=allow_update)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        servers.append((server, thread))
        return server

    yield _start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def get(url: str, accept: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers.get_content_type(), body
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read().decode("utf-8")


def post(url: str, data: bytes, content_type: str) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def query_url(server: SparqlServer, query: str, **extra: str) -> str:
    return f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **extra})


def test_sparqlwrapper_reads_json_rows(start: Callable[..., SparqlServer]) -> None:
    server = start()
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(SELECT_LABELS)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    assert isinstance(answer, dict)
    assert {b["l"]["value"] for b in answer["results"]["bindings"]} == LABELS


def test_rdflib_sparqlstore_reads_rows(start: Callable[..., SparqlServer]) -> None:
    server = start()
    graph = Graph(store=SPARQLStore(query_endpoint=server.url + "/sparql"))
    assert {str(row[0]) for row in graph.query(SELECT_LABELS)} == LABELS  # type: ignore[index]


def test_sparql_post_body_and_form(start: Callable[..., SparqlServer]) -> None:
    server = start()
    for data, kind in [
        (SELECT_LABELS.encode(), "application/sparql-query"),
        (
            urllib.parse.urlencode({"query": SELECT_LABELS}).encode(),
            "application/x-www-form-urlencoded",
        ),
    ]:
        request = urllib.request.Request(
            server.url + "/sparql", data=data, headers={"Content-Type": kind}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            rows = json.load(response)["results"]["bindings"]
        assert {b["l"]["value"] for b in rows} == LABELS


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("text/csv", "text/csv", "l\r\n"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("application/sparql-results+json", "application/sparql-results+json", '"bindings"'),
        ("*/*", "application/sparql-results+json", '"bindings"'),
    ],
)
def test_select_content_negotiation(
    start: Callable[..., SparqlServer], accept: str, media: str, marker: str
) -> None:
    status, kind, body = get(query_url(start(), SELECT_LABELS), accept)
    assert (status, kind) == (200, media)
    assert marker in body
    assert "Minsk" in body


def test_construct_answers_turtle_or_ntriples(start: Callable[..., SparqlServer]) -> None:
    server = start()
    construct = f"CONSTRUCT {{ ?e <{RDFS.label}> ?l }} WHERE {{ ?e <{RDFS.label}> ?l }}"
    status, kind, body = get(query_url(server, construct), "text/turtle")
    assert (status, kind) == (200, "text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == len(LABELS)
    status, kind, body = get(query_url(server, construct, format="nt"))
    assert (status, kind) == (200, "application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == len(LABELS)


def test_unacceptable_type_and_bad_query(start: Callable[..., SparqlServer]) -> None:
    server = start()
    assert get(query_url(server, SELECT_LABELS), "image/png")[0] == 406
    status, _, body = get(query_url(server, "SELEC nothing"))
    assert status == 400
    assert "syntax" in body.lower()
    assert get(server.url + "/nowhere")[0] == 404


def test_update_refused_without_allow_update(start: Callable[..., SparqlServer]) -> None:
    server = start(allow_update=False)
    insert = f'INSERT DATA {{ <{EX}x> <{RDFS.label}> "new" }}'
    assert post(server.url + "/update", insert.encode(), "application/sparql-update") == 403
    form = urllib.parse.urlencode({"update": insert}).encode()
    assert post(server.url + "/sparql", form, "application/x-www-form-urlencoded") == 403
    assert server.store.triple_count() == len(LABELS)


def test_update_works_with_allow_update(start: Callable[..., SparqlServer]) -> None:
    server = start(allow_update=True)
    client = SPARQLWrapper(server.url + "/sparql", updateEndpoint=server.url + "/update")
    client.setMethod(POST)
    client.setQuery(f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}x> <{RDFS.label}> "new" }} }}')
    client.query()
    assert server.store.triple_count() == len(LABELS) + 1


def test_remote_store_over_kg_endpoint(start: Callable[..., SparqlServer]) -> None:
    server = start(allow_update=True)
    remote = open_store(server.url + "/sparql")
    assert remote.articles() == [(ARTICLE, "h")]
    remote.remove_article(ARTICLE)
    assert server.store.triple_count() == 0


def test_query_page_is_offline_and_escaped(start: Callable[..., SparqlServer]) -> None:
    server = start()
    status, kind, page = get(server.url + "/")
    assert (status, kind) == (200, "text/html")
    assert "<textarea" in page
    assert "timeline" in page  # named queries are listed
    status, _, page = get(server.url + "/?" + urllib.parse.urlencode({"query": SELECT_LABELS}))
    assert status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    for external in ("http://", "https://", "//cdn"):
        assert external not in page.replace(server.url, "").replace(EX, "").replace(str(RDFS), "")


def test_query_page_runs_named_query_with_bound_parameter(
    start: Callable[..., SparqlServer],
) -> None:
    server = start()
    page_url = server.url + "/?" + urllib.parse.urlencode({"named": "timeline"})
    status, _, page = get(page_url)
    assert status == 200
    assert 'name="entity"' in page
    status, _, page = get(page_url + "&" + urllib.parse.urlencode({"entity": '" } DROP ALL #'}))
    assert status == 200
    assert "0 rows" in page
    assert server.store.triple_count() == len(LABELS)


def test_server_from_location_is_read_only_and_owned(tmp_path) -> None:
    with open_store(tmp_path / "db") as store:
        store.put_article(ARTICLE, Graph(), "h")
    server = make_server(tmp_path / "db", port=0)
    try:
        assert server.store.read_only
        assert server.store.articles() == [(ARTICLE, "h")]
    finally:
        server.server_close()
    with open_store(tmp_path / "db") as store:  # the server released the directory
        assert store.articles() == [(ARTICLE, "h")]
