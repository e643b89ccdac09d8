"""kg's SPARQL 1.1 Protocol endpoint, exercised with real clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.store import GraphStore, ServeLimits, make_server, open_store
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


def post_query(
    url: str, text: str, content_type: str = "application/sparql-query"
) -> tuple[int, str]:
    """POST a query (or update) body; (status, body text)."""
    request = urllib.request.Request(
        url, data=text.encode("utf-8"), headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


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
    status, body = post_query(server.url + "/update", insert, "application/sparql-update")
    assert status == 403
    assert "restart the server with allow_update=True" in body  # the library's own keyword
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


def test_query_page_shows_the_first_thousand_rows_and_says_how_many_there_are(
    start: Callable[..., SparqlServer],
) -> None:
    """The page draws at most 1,000 rows of a long answer (the endpoint returns them all)."""
    server = start()
    numbers = " ".join(str(n) for n in range(1, 1202))
    query = f"SELECT ?n WHERE {{ VALUES ?n {{ {numbers} }} }} ORDER BY ?n"
    status, _, page = get(server.url + "/?" + urllib.parse.urlencode({"query": query}))
    assert status == 200
    assert "<p>1201 rows, the first 1000 shown</p>" in page
    assert page.count("<tr><td>") == 1000
    assert "<td>1000</td>" in page and "<td>1001</td>" not in page
    status, _, answer = get(server.url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                            accept="text/csv")  # fmt: skip
    assert status == 200 and len(answer.splitlines()) == 1 + 1201


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


# -- `kg serve` as a user starts it: a real server process on a real on-disk store ----------
KG = str(Path(sys.executable).parent / "kg")
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{RDFS.label}> ?o }}"
TRIPLES = 300


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of 300 label triples: a cartesian product of three patterns over it
    has 27 million rows, far more than any time limit here lets through."""
    return labels_store(tmp_path_factory.mktemp("serve") / "store")


def labels_store(location: Path) -> Path:
    g = Graph()
    for i in range(TRIPLES):
        g.add((URIRef(f"{EX}entity/{i}"), RDFS.label, Literal(f"entity {i}")))
    with open_store(location) as store:
        store.put_article(ARTICLE, g, "h")
    return location


class KgServe:
    """A `kg serve` process; its URL read from the banner it prints once listening."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [KG, "serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        lines: list[str] = []
        stdout = self.proc.stdout
        assert stdout is not None
        reader = threading.Thread(target=lambda: lines.append(stdout.readline()))
        reader.start()
        reader.join(timeout=60)
        banner = lines[0] if lines else ""
        match = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", banner)
        if not match:
            self.stop()
            raise AssertionError(f"no banner from kg serve: {banner!r} {self.stderr()!r}")
        self.url = match.group(1)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        return self.proc.stderr.read() if self.proc.stderr else ""

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def kg_serve(disk_store: Path) -> Iterator[Callable[..., KgServe]]:
    started: list[KgServe] = []

    def _start(*args: str) -> KgServe:
        server = KgServe("--store", str(disk_store), "--port", "0", *args)
        started.append(server)
        return server

    yield _start
    for server in started:
        server.stop()


def timed_post(url: str, query: str) -> tuple[int, str, float]:
    start = time.perf_counter()
    status, body = post_query(url + "/sparql", query)
    return status, body, time.perf_counter() - start


def count_of(body: str) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_kg_serve_on_a_port_in_use_is_one_line_naming_it(disk_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [KG, "serve", "--store", str(disk_store), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 1
    assert proc.stdout == ""  # no banner for a server that never listened
    assert proc.stderr.splitlines() == [
        f"kg: error: port {port} on 127.0.0.1 is already in use (another kg serve?); "
        "stop that server or choose another port with --port N"
    ]


def test_kg_serve_checks_the_store_before_any_banner(tmp_path: Path) -> None:
    proc = subprocess.run(
        [KG, "serve", "--store", str(tmp_path / "nowhere"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"kg: error: {tmp_path / 'nowhere'}: no store directory here "
        "(run `kg build` to create one)"
    ]


def test_kg_serve_refuses_updates_naming_the_flag(kg_serve: Callable[..., KgServe]) -> None:
    server = kg_serve()
    insert = f'INSERT DATA {{ <{EX}x> <{RDFS.label}> "new" }}'
    status, body = post_query(server.url + "/update", insert, "application/sparql-update")
    assert status == 403
    assert "restart the server with --allow-update to allow them" in body
    status, body, _ = timed_post(server.url, COUNT)
    assert (status, count_of(body)) == (200, TRIPLES)


def test_runaway_query_is_cut_at_the_timeout_while_others_answer(
    kg_serve: Callable[..., KgServe],
) -> None:
    server = kg_serve("--timeout", "6", "--max-concurrent", "2")
    runaway: list[tuple[int, str, float]] = []
    thread = threading.Thread(target=lambda: runaway.append(timed_post(server.url, RUNAWAY)))
    thread.start()
    time.sleep(0.5)  # the runaway query is running
    status, body, took = timed_post(server.url, COUNT)
    assert (status, count_of(body)) == (200, TRIPLES)
    assert took < 4.0 and thread.is_alive()  # answered while the runaway still runs
    thread.join(timeout=30)
    status, message, seconds = runaway[0]
    assert status == 503
    assert message.startswith("query stopped: it ran past this server's time limit of 6 s;")
    assert "--timeout SECONDS" in message
    assert 6.0 <= seconds < 15.0
    for _ in range(3):  # the stopped worker was replaced: the server answers as before
        status, body, _ = timed_post(server.url, COUNT)
        assert (status, count_of(body)) == (200, TRIPLES)


def test_more_requests_than_max_concurrent_wait_their_turn(
    kg_serve: Callable[..., KgServe],
) -> None:
    server = kg_serve("--timeout", "20", "--max-concurrent", "1")
    answers: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def client() -> None:
        answer = timed_post(server.url, COUNT)
        with lock:
            answers.append(answer)

    clients = [threading.Thread(target=client) for _ in range(12)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(timeout=60)
    assert len(answers) == 12  # every connection answered: none reset, none hung
    assert {(status, count_of(body)) for status, body, _ in answers} == {(200, TRIPLES)}


def test_requests_beyond_the_queue_get_503_at_once(disk_store: Path) -> None:
    limits = ServeLimits(timeout=2, max_concurrent=1, max_queue=1)
    server = make_server(disk_store, port=0, limits=limits)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        answers: list[tuple[int, str, float]] = []
        lock = threading.Lock()

        def client(k: int) -> None:
            answer = timed_post(server.url, f"{RUNAWAY} # client {k}")  # four queries
            with lock:
                answers.append(answer)

        clients = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for c in clients:
            c.start()
            time.sleep(0.2)  # in order: one runs, one waits, two find the queue full
        for c in clients:
            c.join(timeout=60)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert len(answers) == 4
    busy = [a for a in answers if a[1].startswith("server busy: 1 queries running and 1 waiting")]
    assert len(busy) == 2 and all(status == 503 and took < 1.5 for status, _, took in busy)
    # The other two: the one running is stopped at its limit; the one waiting runs next and
    # is stopped too, unless the stopped worker's replacement was not ready within the limit.
    others = [a for a in answers if a not in busy]
    assert any(message.startswith("query stopped: it ran past") for _, message, _ in others)
    assert all(status == 503 for status, _, _ in others)
    assert all(
        message.startswith(("query stopped: it ran past", "server busy: no query finished"))
        for _, message, _ in others
    )
    assert "ServeLimits(max_concurrent=N)" in busy[0][1]  # the library's own names


def test_oversized_answer_is_refused_with_a_message(kg_serve: Callable[..., KgServe]) -> None:
    server = kg_serve("--max-rows", "100")
    status, body, _ = timed_post(server.url, SELECT_LABELS)
    assert status == 507
    assert body.strip() == (
        f"answer too large: {TRIPLES} rows, more than this server's limit of 100; add LIMIT "
        "(and OFFSET to page through it) or restart the server with a higher --max-rows N"
    )
    status, body, _ = timed_post(server.url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 100")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 100


def test_kg_serve_stops_its_workers_on_sigterm(kg_serve: Callable[..., KgServe]) -> None:
    import psutil

    server = kg_serve("--max-concurrent", "3")
    children = psutil.Process(server.proc.pid).children(recursive=True)
    workers = [c for c in children if "forkserver" in " ".join(c.cmdline())]
    assert len(workers) >= 3  # the fork server and the three query workers
    server.stop()
    assert server.proc.returncode == 0
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []


def test_repeated_query_is_answered_from_the_cache(kg_serve: Callable[..., KgServe]) -> None:
    server = kg_serve("--timeout", "60")
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ {RUNAWAY} LIMIT 2000000 }} }}"  # about 1 s
    status, body, first = timed_post(server.url, slow)
    assert (status, count_of(body)) == (200, 2_000_000)
    status, again, second = timed_post(server.url, slow)
    assert (status, again) == (200, body)
    assert second < first / 5


def test_kg_serve_with_updates_bounds_queries_and_keeps_updates(tmp_path: Path) -> None:
    location = labels_store(tmp_path / "store")
    server = KgServe("--store", str(location), "--port", "0", "--allow-update", "--timeout", "2")
    try:
        insert = f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}x> <{RDFS.label}> "new" }} }}'
        assert post_query(server.url + "/update", insert, "application/sparql-update")[0] == 204
        status, message, seconds = timed_post(server.url, RUNAWAY)
        assert status == 503 and message.startswith("query stopped: it ran past")
        assert seconds < 10
        # The writer stopped at the limit was replaced; the update it had made is kept.
        status, body, _ = timed_post(server.url, COUNT)
        assert (status, count_of(body)) == (200, TRIPLES + 1)
    finally:
        server.stop()
    with open_store(location) as store:  # the server let the store go
        assert store.triple_count() == TRIPLES + 1
