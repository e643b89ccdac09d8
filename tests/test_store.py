"""Graph stores: the same behaviour suite against the embedded store and a real Oxigraph server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.errors import QueryError, StoreError
from kg.rdf import ArticleGraph, to_ox
from kg.store import META_GRAPH, EmbeddedStore, GraphStore, RemoteStore, open_store, result_rows
from kg.store._terms import inject_values, sparql_term

EX = "http://example.org/"
ARTICLE_A = URIRef(EX + "article/a")
ARTICLE_B = URIRef(EX + "article/b")
BELARUS = URIRef(EX + "entity/belarus")
USA = URIRef(EX + "entity/usa")
FREE = URIRef(EX + "event/a-1")
AGENT = URIRef(EX + "agent")
INJECTION = '" } ; DROP ALL #'
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def article_graph(article: URIRef, *, event: str = "frees", entities: tuple = (BELARUS,)) -> Graph:
    """A small article graph: one event with an agent, plus the entities' labels."""
    g = Graph()
    ev = URIRef(str(article) + "#event-1")
    g.add((ev, RDF.type, URIRef(EX + "Event")))
    g.add((ev, RDFS.label, Literal(event)))
    for entity in entities:
        g.add((ev, AGENT, entity))
        g.add((entity, RDFS.label, Literal(str(entity).rsplit("/", 1)[1].title())))
        g.add((entity, RDF.type, URIRef(EX + "Country")))
    return g


def plain(graph: Graph) -> Graph:
    """The graph with xsd:string literals written as plain literals (the same RDF 1.1 term)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD_STRING:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def labels(store: GraphStore) -> set[str]:
    rows = store.query("SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    return {str(row[0]) for row in rows}  # type: ignore[index]


# -- a real Oxigraph server for the remote runs ---------------------------------------------
def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _oxigraph_binary()
    if binary is None:
        reason = "the `oxigraph` server binary is not installed (pip install oxigraph)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=ASK%7B%7D", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "embedded":
        opened: GraphStore = open_store(tmp_path / "store")
    else:
        base = request.getfixturevalue("oxigraph_server")
        opened = open_store(base)
        opened.update("DROP ALL")  # the server is shared by the module's tests
    with opened:
        yield opened


# -- put / replace / remove ---------------------------------------------------------------
def test_put_article_records_hash(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "hash-1")
    assert store.has_article(ARTICLE_A, "hash-1")
    assert not store.has_article(ARTICLE_A, "hash-2")
    assert store.article_hash(ARTICLE_A) == "hash-1"
    assert store.article_hash(ARTICLE_B) is None
    assert store.articles() == [(ARTICLE_A, "hash-1")]


def test_put_same_article_twice_is_idempotent(store: GraphStore) -> None:
    graph = article_graph(ARTICLE_A)
    store.put_article(ARTICLE_A, graph, "hash-1")
    count = store.triple_count()
    store.put_article(ARTICLE_A, graph, "hash-1")
    assert store.has_article(ARTICLE_A, "hash-1")
    assert store.triple_count() == count == len(graph)
    assert store.articles() == [(ARTICLE_A, "hash-1")]


def test_put_replaces_previous_graph(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "hash-1")
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="releases"), "hash-2")
    assert "frees" not in labels(store)
    assert "releases" in labels(store)
    assert store.articles() == [(ARTICLE_A, "hash-2")]


def test_put_with_bad_term_leaves_previous_graph(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "hash-1")
    broken = article_graph(ARTICLE_A, event="releases")
    broken.add((URIRef(EX + "not an iri"), RDFS.label, Literal("x")))  # fails conversion
    with pytest.raises(StoreError, match="not an iri"):
        store.put_article(ARTICLE_A, broken, "hash-2")
    assert "frees" in labels(store)
    assert "releases" not in labels(store)
    assert store.article_hash(ARTICLE_A) == "hash-1"


def graph_text(graph: Graph) -> ArticleGraph:
    name = ox.NamedNode(str(ARTICLE_A))
    return ArticleGraph(name, tuple(tuple(to_ox(t) for t in triple) for triple in graph), {})


def test_put_graph_text_stores_the_same_graph(store: GraphStore) -> None:
    graph = article_graph(ARTICLE_A, entities=(BELARUS, USA))
    graph.add((USA, RDFS.comment, Literal('say "hi" \\ twice\nthen go')))  # escapes survive
    store.put_article(ARTICLE_A, graph_text(graph), "hash-1")
    assert isomorphic(plain(store.dataset.graph(ARTICLE_A)), graph)
    assert store.article_hash(ARTICLE_A) == "hash-1"
    store.put_article(ARTICLE_A, graph_text(article_graph(ARTICLE_A, event="releases")), "h2")
    assert "releases" in labels(store) and "frees" not in labels(store)  # replaced whole


def test_put_graph_text_with_bad_statement_leaves_previous_graph(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "hash-1")
    good = graph_text(article_graph(ARTICLE_A, event="releases"))
    junk = (ox.Literal("a literal subject"), ox.NamedNode(str(RDFS.label)), ox.Literal("x"))
    broken = ArticleGraph(good.name, (*good.triples, junk), {})
    with pytest.raises(StoreError, match="article/a"):
        store.put_article(ARTICLE_A, broken, "hash-2")
    assert "frees" in labels(store) and "releases" not in labels(store)
    assert store.article_hash(ARTICLE_A) == "hash-1"
    with pytest.raises(StoreError, match="article/b"):
        store.put_article(ARTICLE_B, broken, "hash-b")  # a new article: nothing of it stored
    assert store.articles() == [(ARTICLE_A, "hash-1")]


class ExplodingGraph(Graph):
    """A graph whose iteration fails half way, as a buggy producer would."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        for n, triple in enumerate(super().__iter__()):
            if n == 2:
                raise RuntimeError("producer failed")
            yield triple


def test_put_failing_half_way_leaves_previous_graph(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "hash-1")
    broken = ExplodingGraph()
    broken += article_graph(ARTICLE_A, event="releases")
    with pytest.raises(RuntimeError, match="producer failed"):
        store.put_article(ARTICLE_A, broken, "hash-2")
    assert "frees" in labels(store)
    assert store.article_hash(ARTICLE_A) == "hash-1"


def test_remove_article_drops_graph_and_hash(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "hash-1")
    store.remove_article(ARTICLE_A)
    assert store.articles() == []
    assert store.triple_count() == 0
    store.remove_article(ARTICLE_A)  # absent: no error


def test_remove_article_keeps_entity_another_article_mentions(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, entities=(BELARUS, USA)), "h-a")
    store.put_article(ARTICLE_B, article_graph(ARTICLE_B, entities=(BELARUS,)), "h-b")
    store.remove_article(ARTICLE_A)
    # Belarus's label lived in both graphs; B's copy stays. The USA was only in A.
    assert "Belarus" in labels(store)
    assert "Usa" not in labels(store)
    assert store.articles() == [(ARTICLE_B, "h-b")]


def test_triple_count_counts_shared_triples_once(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h-a")
    store.put_article(ARTICLE_B, article_graph(ARTICLE_B), "h-b")
    # Each graph: 2 event triples + agent + 2 entity triples; the entity's 2 are shared.
    assert store.triple_count() == 5 + 5 - 2


def test_blank_nodes_and_language_tags_survive(store: GraphStore) -> None:
    g = Graph()
    place = BNode()
    g.add((BELARUS, URIRef(EX + "capital"), place))
    g.add((place, RDFS.label, Literal("Minsk", lang="en")))
    g.add((place, URIRef(EX + "population"), Literal(2000000)))
    store.put_article(ARTICLE_A, g, "h")
    rows = list(
        store.query(
            "SELECT ?l ?n WHERE { ?b ?cap ?c . ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l ."
            " ?c <http://example.org/population> ?n }"
        )
    )
    assert rows == [(Literal("Minsk", lang="en"), Literal(2000000))]


# -- queries --------------------------------------------------------------------------------
def test_query_sees_all_article_graphs_without_graph_clause(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "h-a")
    store.put_article(ARTICLE_B, article_graph(ARTICLE_B, event="meets"), "h-b")
    assert {"frees", "meets"} <= labels(store)


def test_query_binds_parameter_as_term(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "h-a")
    q = "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    assert [row[0] for row in store.query(q, {"label": "frees"})] == [  # type: ignore[index]
        URIRef(str(ARTICLE_A) + "#event-1")
    ]
    # A bound variable inside a FILTER, not projected: still bound.
    q2 = (
        "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        "FILTER(LCASE(STR(?l)) = LCASE(?name)) }"
    )
    assert len(list(store.query(q2, {"?name": "FREES"}))) == 1


def test_query_binding_rejects_injection(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h-a")
    before = store.triple_count()
    q = "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    assert list(store.query(q, {"label": INJECTION})) == []
    assert store.triple_count() == before
    assert store.articles() == [(ARTICLE_A, "h-a")]
    with pytest.raises(QueryError, match="not a valid IRI"):
        store.query(q, {"label": URIRef("http://x/> } ; DROP ALL #")})
    with pytest.raises(QueryError, match="variable name"):
        store.query(q, {"label } DROP ALL": "x"})


def test_query_injected_value_matches_as_literal(store: GraphStore) -> None:
    g = Graph()
    g.add((BELARUS, RDFS.label, Literal(INJECTION)))
    store.put_article(ARTICLE_A, g, "h")
    q = "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    assert [row[0] for row in store.query(q, {"label": INJECTION})] == [BELARUS]  # type: ignore[index]


def test_ask_and_construct_results(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h-a")
    assert store.query("ASK { ?e a <http://example.org/Country> }").askAnswer is True
    result = store.query(
        "CONSTRUCT { ?e <http://example.org/name> ?l } WHERE "
        "{ ?e a <http://example.org/Country> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    assert result.graph is not None
    assert set(result.graph) == {(BELARUS, URIRef(EX + "name"), Literal("Belarus"))}


def test_query_syntax_error_is_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELEC ?x WHERE { ?x ?p ?o }")


@pytest.mark.parametrize(
    "prefix",
    ["kg", "rdf", "rdfs", "xsd", "owl", "skos", "sem", "prov", "nif", "dcterms", "schema",
     "geo", "rel"],
)  # fmt: skip
def test_the_common_prefixes_are_predeclared(store: GraphStore, prefix: str) -> None:
    """A query may use each of the common prefixes without a PREFIX line (issue 18.4)."""
    assert store.query(f"ASK {{ ?s {prefix}:anything ?o }}").askAnswer is False


def test_queries_may_use_the_project_prefixes_undeclared(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
    assert labels(store) == {"frees", "Belarus"}
    rows = store.query("SELECT ?l WHERE { ?e rdfs:label ?l ; a ?c }", {"c": URIRef(EX + "Country")})
    assert [str(row[0]) for row in rows] == ["Belarus"]  # type: ignore[index]
    hashed = store.query("SELECT ?h WHERE { GRAPH ?g { ?a kg:contentHash ?h } }")
    assert [str(row[0]) for row in hashed] == ["h"]  # type: ignore[index]
    # the query's own declaration wins over the predeclared one
    other = "PREFIX rdfs: <http://example.org/not-rdfs#> SELECT ?l WHERE { ?e rdfs:label ?l }"
    assert list(store.query(other)) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { ?s foo:bar ?o }",
            "query line 1, column 21: unknown prefix 'foo:' (declare it: PREFIX foo: <...>)",
        ),
        (
            "SELECT ?e WHERE {\n  ?e a kg:Event ;\n     rdfs:label ?l ; bad:p ?x }",
            "query line 3, column 22: unknown prefix 'bad:' (declare it: PREFIX bad: <...>)",
        ),
        (
            "SELECT * WHERE { ?s :p ?o }",
            "query line 1, column 21: unknown prefix ':' (declare it: PREFIX : <...>)",
        ),
        (
            'SELECT * WHERE {\n ?s ?p "never closed }',
            "query line 2, column 8: this string is never closed",
        ),
        (
            "SELECT * WHERE { ?s <not an iri> ?o }",
            "query line 1, column 21: not a valid IRI '<not an iri>'",
        ),
        (
            "SELECT * WHERE {\n ?s ?p ?o ",
            'query line 2, column 11: SPARQL syntax error at the end of the query (expected ",",'
            ' ".", ";", "{", "}"',  # the parser's tokens, its next version may add some
        ),
        ("SELEC ?x WHERE { ?x ?p ?o }", "query line 1, column "),
        (  # Oxigraph places this at the end of the query; the broken clause is on line 2
            "SELECT ?s WHERE { ?s ?p ?o .\n  FILTER(?s = ) }\nLIMIT 3",
            "query line 2, column 3: SPARQL syntax error in 'FILTER(?s = ) }'",
        ),
    ],
)
def test_query_syntax_errors_say_line_and_column(
    store: GraphStore, query: str, message: str
) -> None:
    with pytest.raises(QueryError) as error:
        store.query(query)
    text = str(error.value)
    assert text.startswith(message) and "\n" not in text and "\\u{" not in text


def test_kg_serve_and_a_remote_store_over_it_give_the_prefixes_and_readable_errors() -> None:
    from kg.store import make_server

    bad = "SELECT ?e WHERE {\n  ?e a kg:Event ; foo:p ?x }"
    message = "query line 2, column 19: unknown prefix 'foo:' (declare it: PREFIX foo: <...>)"
    with open_store(None) as inner:
        inner.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
        server = make_server(inner, port=0)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            query = "SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l"
            csv = urllib.parse.urlencode({"query": query, "format": "csv"})
            url = f"{server.url}/sparql?{csv}"
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.read().decode().split() == ["l", "Belarus", "frees"]
            url = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": bad})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url, timeout=10)
            assert refused.value.code == 400
            assert refused.value.read().decode().strip() == message
            with open_store(f"{server.url}/sparql") as remote:  # a client of kg serve
                assert [str(r[0]) for r in remote.query(query)] == ["Belarus", "frees"]  # type: ignore[index]
                with pytest.raises(QueryError) as error:
                    remote.query(bad)
                assert str(error.value) == message
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


def test_query_text_that_is_not_unicode_is_a_query_error(store: GraphStore) -> None:
    # what a shell argument of bytes that are not UTF-8 becomes in Python
    query = 'SELECT ?s WHERE { ?s ?p "caf\udcc3" }'
    with pytest.raises(QueryError, match="query line 1, column 29: '\\\\udcc3' is not valid"):
        store.query(query)


def test_dataset_view_holds_article_graph(store: GraphStore) -> None:
    graph = article_graph(ARTICLE_A)
    store.put_article(ARTICLE_A, graph, "h-a")
    ds = store.dataset
    assert isomorphic(plain(ds.graph(ARTICLE_A)), graph)
    assert (BELARUS, RDFS.label, Literal("Belarus", datatype=XSD_STRING)) in ds


# -- files --------------------------------------------------------------------------------
def test_export_trig_reimports_isomorphic(store: GraphStore, tmp_path: Path) -> None:
    graphs = {
        ARTICLE_A: article_graph(ARTICLE_A, entities=(BELARUS, USA)),
        ARTICLE_B: article_graph(ARTICLE_B),
    }
    for iri, g in graphs.items():
        store.put_article(iri, g, "h")
    out = store.export(tmp_path / "out" / "graph.trig")
    assert not list(tmp_path.joinpath("out").glob(".*.tmp"))
    with open_store(out) as view:
        assert view.read_only
        names = {g.identifier for g in view.dataset.graphs()}  # type: ignore[attr-defined]
        assert {ARTICLE_A, ARTICLE_B, META_GRAPH} <= names
        assert view.articles() == [(ARTICLE_A, "h"), (ARTICLE_B, "h")]  # the hashes came along
        for iri, g in graphs.items():
            assert isomorphic(plain(view.dataset.graph(iri)), g)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_export_then_import_gives_the_same_store(
    store: GraphStore, tmp_path: Path, suffix: str
) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, entities=(BELARUS, USA)), "h-a")
    store.put_article(ARTICLE_B, article_graph(ARTICLE_B), "h-b")
    out = store.export(tmp_path / f"graph{suffix}")
    with open_store(tmp_path / "copy") as copy:
        report = copy.import_file(out)
        assert quads(copy) == quads(store)  # the bookkeeping graph included
        assert copy.articles() == store.articles() == [(ARTICLE_A, "h-a"), (ARTICLE_B, "h-b")]
        assert (report.articles, report.replaced, report.unhashed_graphs) == (2, 0, 0)
        assert report.summary().splitlines() == [
            f"imported {out}: 2 articles with their content hashes; {len(quads(store))} quads"
            " in all",
            "store holds 2 articles",
        ]
        copy.import_file(out)  # twice: nothing changes
        assert quads(copy) == quads(store)


def test_import_replaces_the_stored_version_of_an_exported_article(
    store: GraphStore, tmp_path: Path
) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="releases"), "new")
    out = store.export(tmp_path / "new.nq")
    with open_store(tmp_path / "other") as other:
        other.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "old")
        other.put_article(ARTICLE_B, article_graph(ARTICLE_B, event="meets"), "h-b")
        report = other.import_file(out)
        assert (report.articles, report.replaced, report.stored_articles) == (1, 1, 2)
        assert other.articles() == [(ARTICLE_A, "new"), (ARTICLE_B, "h-b")]  # one hash each
        assert {"releases", "meets"} <= labels(other) and "frees" not in labels(other)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".rdf", ".n3"])
def test_export_refuses_a_format_without_named_graphs(
    store: GraphStore, tmp_path: Path, suffix: str
) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
    target = tmp_path / "out" / f"graph{suffix}"
    with pytest.raises(StoreError) as refused:
        store.export(target)
    message = str(refused.value)
    assert message.startswith(f"{target}: ") and "has no named graphs" in message
    assert message.endswith("write the store to .trig, .nq or .jsonld instead")
    assert "\n" not in message
    assert not target.parent.exists()  # nothing written


def test_export_writes_the_mode_an_ordinary_file_gets(store: GraphStore, tmp_path: Path) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
    old = os.umask(0o022)
    try:
        out = store.export(tmp_path / "graph.trig")
        assert out.stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        assert store.export(tmp_path / "private.nq").stat().st_mode & 0o777 == 0o600
        out.chmod(0o664)  # a file the user made group-writable keeps its mode when rewritten
        assert store.export(out).stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def test_export_to_an_unwritable_place_is_one_store_error(
    store: GraphStore, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"file/graph\.trig: cannot write"):
        store.export(tmp_path / "file" / "graph.trig")


def test_import_file_adds_quads(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "in.trig"
    path.write_text(
        f'<{ARTICLE_A}> {{ <{BELARUS}> <{RDFS.label}> "Belarus" . }}\n',
        encoding="utf-8",
    )
    report = store.import_file(path)
    assert (report.quads, report.unhashed_graphs, report.articles) == (1, 1, 0)
    assert "1 named graphs without a content hash" in report.summary()
    assert "Belarus" in labels(store)
    ttl = tmp_path / "in.ttl"
    ttl.write_text(f'<{USA}> <http://www.w3.org/2000/01/rdf-schema#label> "USA" .\n')
    report = store.import_file(ttl, graph=ARTICLE_B)
    assert report.summary().startswith(f"imported {ttl}: 1 triples into the graph <{ARTICLE_B}>")
    assert "USA" in labels(store)
    assert store.articles() == []  # imported graphs carry no content hash


def test_import_of_a_turtle_file_says_its_triples_belong_to_no_article(
    store: GraphStore, tmp_path: Path
) -> None:
    ttl = tmp_path / "merged.ttl"
    ttl.write_text(f'<{USA}> <{RDFS.label}> "USA" .\n<{BELARUS}> <{RDFS.label}> "Belarus" .\n')
    report = store.import_file(ttl)
    assert report.summary().splitlines() == [
        f"imported {ttl}: 2 triples into the default graph, outside every article graph (Turtle"
        " has no named graphs: queries see these triples, but removing or rebuilding an article"
        " leaves them as they are)",
        "store holds 0 articles",
    ]
    assert {"USA", "Belarus"} <= labels(store)


def test_import_bad_file_is_store_error(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("<a> <b> .\n")
    with pytest.raises(StoreError, match="bad.ttl"):
        store.import_file(path)
    with pytest.raises(StoreError, match="unknown RDF file extension"):
        store.import_file(tmp_path / "x.docx")


# -- embedded only -----------------------------------------------------------------------
def test_embedded_store_persists_across_open_and_close(tmp_path: Path) -> None:
    location = tmp_path / "db"
    with open_store(location) as store:
        store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "hash-1")
    with open_store(location, create=False) as store:
        assert store.has_article(ARTICLE_A, "hash-1")
        assert "Belarus" in labels(store)
    with open_store(location, read_only=True) as store:
        assert store.read_only
        assert store.triple_count() == 5
        with pytest.raises(StoreError, match="read-only"):
            store.remove_article(ARTICLE_A)


def test_closed_store_raises(tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.articles()


def test_file_view_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(f'<{BELARUS}> <http://www.w3.org/2000/01/rdf-schema#label> "Belarus" .\n')
    with open_store(path) as view:
        assert isinstance(view, EmbeddedStore)
        assert labels(view) == {"Belarus"}
        with pytest.raises(StoreError, match="read-only"):
            view.put_article(ARTICLE_A, Graph(), "h")


def test_open_store_errors_name_the_location(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such RDF file"):
        open_store(tmp_path / "missing.trig")
    with pytest.raises(StoreError, match="no store directory"):
        open_store(tmp_path / "missing", create=False)
    (tmp_path / "plain.txt").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(tmp_path / "plain.txt")
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_store(tmp_path)  # holds plain.txt


def test_a_store_whose_creation_was_killed_opens_as_a_new_one(tmp_path: Path) -> None:
    # What `kg build --store DIR` killed while RocksDB created its files leaves behind
    location = tmp_path / "store"
    location.mkdir()
    for name in ("LOG", "LOCK", "000000.dbtmp"):
        (location / name).write_bytes(b"")
    with open_store(location, read_only=True) as view:  # a dry run, a query: empty
        assert view.articles() == [] and view.triple_count() == 0
    with open_store(location, create=False) as store:
        store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
    with open_store(location, read_only=True) as store:
        assert store.articles() == [(ARTICLE_A, "h")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with open_store(empty, read_only=True) as view:
        assert view.articles() == []


def test_embedded_dataset_view_is_live(tmp_path: Path) -> None:
    with open_store(None) as store:
        ds = store.dataset
        store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
        assert len(ds.graph(ARTICLE_A)) == 5


# -- remote endpoint conventions -------------------------------------------------------------
@pytest.mark.parametrize(
    ("location", "query", "update"),
    [
        ("http://h:7878", "http://h:7878/query", "http://h:7878/update"),
        ("http://h:3030/ds/", "http://h:3030/ds/query", "http://h:3030/ds/update"),
        ("http://h:3030/ds/sparql", "http://h:3030/ds/sparql", "http://h:3030/ds/update"),
        ({"query": "http://h/q", "update": "http://h/u"}, "http://h/q", "http://h/u"),
    ],
)
def test_remote_endpoints_from_location(location: object, query: str, update: str) -> None:
    store = open_store(location)  # type: ignore[arg-type]
    assert isinstance(store, RemoteStore)
    assert (store.query_endpoint, store.update_endpoint) == (query, update)


def test_remote_without_update_endpoint_is_read_only() -> None:
    store = open_store({"query": "http://h/q"})
    assert store.read_only
    with pytest.raises(StoreError, match="read-only"):
        store.remove_article(ARTICLE_A)


def test_remote_unreachable_is_store_error() -> None:
    store = open_store(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach"):
        store.articles()


# -- binding by VALUES (remote engines) --------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { ?s ?p ?x }", 'SELECT * { VALUES (?x) { ("v") } ?s ?p ?x }'),
        (
            '# a { comment\nPREFIX e: <http://e/>\nASK WHERE { ?s e:p "{" }',
            '# a { comment\nPREFIX e: <http://e/>\nASK WHERE { VALUES (?x) { ("v") } ?s e:p "{" }',
        ),
        (
            "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }",
            'CONSTRUCT { ?s ?p ?x } WHERE { VALUES (?x) { ("v") } ?s ?p ?x }',
        ),
        (
            "CONSTRUCT WHERE { ?s ?p ?x }",
            'CONSTRUCT WHERE { VALUES (?x) { ("v") } ?s ?p ?x }',
        ),
    ],
)
def test_inject_values_targets_where_group(query: str, expected: str) -> None:
    assert inject_values(query, {"x": Literal("v")}) == expected


def test_result_rows_are_plain_values(store: GraphStore) -> None:
    store.put_article(ARTICLE_A, article_graph(ARTICLE_A), "h")
    header, rows = result_rows(
        store.query(
            "SELECT ?e (COUNT(*) AS ?n) ?missing WHERE { ?e a <http://example.org/Country> }"
            " GROUP BY ?e ?missing"
        )
    )
    assert (header, rows) == (["e", "n", "missing"], [[str(BELARUS), 1, None]])
    assert result_rows(store.query("ASK { ?s ?p ?o }")) == (["ask"], [[True]])
    header, rows = result_rows(
        store.query(f"CONSTRUCT {{ ?e <{RDFS.label}> ?l }} WHERE {{ ?e <{RDFS.label}> ?l }}")
    )
    assert header == ["subject", "predicate", "object"]
    assert [str(BELARUS), str(RDFS.label), "Belarus"] in rows


# -- the fast write path: triple lists, atomic checks, same quads as the update path -----------
def reference_put(store: EmbeddedStore, article: URIRef, triples: list, content_hash: str) -> None:
    """The write as put_article did it before the fast path: every term through pyoxigraph,
    one SPARQL update (drop, swap hash, insert)."""
    from kg.store import CONTENT_HASH

    g, meta, hashed = sparql_term(article), sparql_term(META_GRAPH), sparql_term(CONTENT_HASH)
    body = "\n".join(" ".join(sparql_term(t) for t in triple) + " ." for triple in triples)
    store.inner.update(
        f"DROP SILENT GRAPH {g} ;\nDELETE WHERE {{ GRAPH {meta} {{ {g} {hashed} ?h }} }} ;\n"
        f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}}\n"
        f"GRAPH {meta} {{ {g} {hashed} {sparql_term(Literal(content_hash))} }} }}"
    )


def quads(store: GraphStore) -> list[str]:
    return sorted(str(q) for q in store._quads())


def test_put_accepts_a_triple_list(store: GraphStore) -> None:
    graph = article_graph(ARTICLE_A)
    store.put_article(ARTICLE_A, list(graph), "h")
    with open_store(None) as other:
        other.put_article(ARTICLE_A, graph, "h")
        assert quads(store) == quads(other)
    store.put_article(ARTICLE_A, iter(list(article_graph(ARTICLE_A, event="x"))), "h2")  # replace
    assert "x" in labels(store) and "frees" not in labels(store)
    assert store.article_hash(ARTICLE_A) == "h2"


@pytest.mark.parametrize(
    "bad",
    [
        EX + "a b",  # a space
        EX + 'a"b',
        EX
        + "x> <"
        + EX
        + "p> <"
        + EX
        + "o> } } ; DROP ALL ; INSERT DATA { GRAPH <"
        + EX
        + "g> { <"
        + EX
        + "s",  # an attempt to end the IRI early
        EX + "x><" + EX + "p><" + EX + "o>}};DELETE{GRAPH?g{?s?p?o}}WHERE{GRAPH?g{?s?p?o}};#",
        "no-scheme",  # passes the quick character check; the parser rejects the request
    ],
)
@pytest.mark.parametrize("existing", [True, False], ids=["replace", "new"])
def test_put_with_bad_iri_writes_nothing(store: GraphStore, bad: str, existing: bool) -> None:
    store.put_article(ARTICLE_B, article_graph(ARTICLE_B, event="meets"), "h-b")
    if existing:
        store.put_article(ARTICLE_A, article_graph(ARTICLE_A, event="frees"), "hash-1")
    before = quads(store)
    triples = list(article_graph(ARTICLE_A, event="releases"))
    triples.insert(3, (URIRef(bad), RDFS.label, Literal("x")))
    with pytest.raises(StoreError, match="cannot store triple term"):
        store.put_article(ARTICLE_A, triples, "hash-2")
    assert quads(store) == before  # old graph and hash intact, nothing else written
    assert store.article_hash(ARTICLE_A) == ("hash-1" if existing else None)


def test_put_with_literal_subject_writes_nothing(store: GraphStore) -> None:
    triples = [(Literal("x"), RDFS.label, Literal("y")), (BELARUS, RDFS.label, Literal("B"))]
    with pytest.raises((QueryError, StoreError)):
        store.put_article(ARTICLE_A, triples, "h")
    assert store.articles() == [] and store.triple_count() == 0


def test_put_keeps_literals_apart_that_rdflib_calls_equal(store: GraphStore) -> None:
    # rdflib's == ignores the case of language tags; the store must get both as written
    triples = [
        (BELARUS, RDFS.label, Literal("x", lang="EN")),
        (USA, RDFS.label, Literal("x", lang="en")),
    ]
    store.put_article(ARTICLE_A, triples, "h")
    got = {(str(s), o.language) for s, o in store.query(f"SELECT ?s ?l {{ ?s <{RDFS.label}> ?l }}")}  # type: ignore[misc]
    assert {lang.lower() for _, lang in got} == {"en"} and len(got) == 2


@pytest.fixture(scope="module")
def real_triples(nlp, belarus_path: Path) -> list[tuple[URIRef, list]]:  # type: ignore[no-untyped-def]
    """The Belarus sample and three ECB+ articles, analysed by the real pipeline."""
    from kg.analyse import analyse_articles
    from kg.ingest import read_articles
    from kg.rdf import article_iri, article_triples

    ecb = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "articles"
    paths = [belarus_path, *sorted(ecb.glob("1/*.txt"))[:3]]  # ECB+ where the data is here
    articles = list(read_articles(paths))
    out = []
    for r in analyse_articles(articles, nlp):
        triples = article_triples(r.article, list(r.facts), list(r.entities))
        out.append((article_iri(r.article.id), triples))
    assert len(out) == len(paths)
    return out


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_fast_put_stores_what_the_update_path_stored(
    real_triples: list, tmp_path: Path, where: str
) -> None:
    new = open_store(None if where == "memory" else tmp_path / "new")
    old = open_store(None if where == "memory" else tmp_path / "old")
    assert isinstance(new, EmbeddedStore) and isinstance(old, EmbeddedStore)
    with new, old:
        for iri, triples in real_triples:
            new.put_article(iri, triples, "h1")
            reference_put(old, iri, triples, "h1")
        assert quads(new) == quads(old) and len(quads(new)) > 1000
        for iri, triples in real_triples[:2]:  # replacing takes the update path: same result
            new.put_article(iri, triples[::-1], "h2")
            reference_put(old, iri, triples, "h2")
        assert quads(new) == quads(old)


def test_quad_count_counts_every_copy_and_skips_the_bookkeeping_graph(
    store: GraphStore,
) -> None:
    # The same entity triple in two article graphs: two quads, one distinct triple.
    label = (URIRef("http://example.org/e"), RDFS.label, Literal("Belarus"))
    store.put_article("http://example.org/article/a1", [label], "h1")
    store.put_article("http://example.org/article/a2", [label], "h2")
    assert (store.quad_count(), store.triple_count()) == (2, 1)


def test_build_summary_counts_what_the_build_wrote() -> None:
    from kg.pipeline import BuildReport

    summary = BuildReport(articles=2, triples=7, linked={"place/minsk": ["b"]}).summary()
    assert "triples    7 written, in 2 article graphs" in summary
    assert "1 named by several articles" in summary
