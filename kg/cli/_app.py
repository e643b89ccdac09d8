"""Typer commands. Each parses options and calls the library; no logic of its own."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from kg.errors import InputError, KgError
from kg.eval import data as evaldata
from kg.nlp import DEFAULT_MODELS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kg.model import Article
    from kg.store import GraphStore

app = typer.Typer(
    name="kg",
    help="Turn news articles into an event knowledge graph (RDF, SPARQL, networkx, HTML).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Score kg against the evaluation sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
def _eval_progress(ctx: typer.Context) -> None:
    """Every evaluation counts its parsed articles (CaRB: sentences) on a progress display."""
    from kg.progress import Progress

    if ctx.resilient_parsing or "--help" in sys.argv:
        return
    unit = "sentences" if ctx.invoked_subcommand == "carb" else "articles"
    ctx.with_resource(Progress(f"scoring ({ctx.invoked_subcommand})", unit=unit).tracking())

Inputs = Annotated[list[Path], typer.Argument(help="Files or directories of articles.")]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs without one.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model package (default: {} where installed, else {}).".format(*DEFAULT_MODELS),
    ),
]
ExtractorOpt = Annotated[str, typer.Option("--extractor", help="Registered extractor name.")]
MinConfOpt = Annotated[
    float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop facts scored below this.")
]
StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store: a directory (on-disk Oxigraph) or an http(s) SPARQL URL."),
]


def _err(message: str) -> None:
    typer.echo(f"kg: {message}", err=True)


def _print_error(error: InputError) -> None:
    """A bad input file or record, on one line as it comes; the command goes on."""
    _err(f"error: {error}")


def _open(location: str | Path | None, *, create: bool = False) -> GraphStore:
    from kg.store import open_store

    return open_store(location, create=create)


@app.command()
def build(
    inputs: Inputs,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the store to a file: .trig, .nq or .jsonld."),
    ] = None,
    store: StoreOpt = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the HTML view.")] = None,
    screenshot: Annotated[
        Path | None, typer.Option("--screenshot", help="Also save a PNG of the HTML view.")
    ] = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    extractor: ExtractorOpt = "kg.dep.v1",
    min_confidence: MinConfOpt = 0.0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parser processes.")] = 1,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            min=1,
            help="Segments per spaCy batch (default: the model's own; smaller uses less memory).",
        ),
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Dask scheduler address, or 'local'.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added, replaced and merged.")
    ] = False,
) -> None:
    """Build the graph from articles into a store and/or a file."""
    from kg.ingest import count_articles
    from kg.pipeline import build_graph
    from kg.progress import Progress

    with Progress("building", total=count_articles(inputs)) as progress:
        report = build_graph(
            inputs,
            store=store,
            out=out,
            html=html,
            screenshot=screenshot,
            date=date,
            model=model,
            extractor=extractor,
            min_confidence=min_confidence,
            workers=workers,
            batch_size=batch_size,
            dask=dask,
            dry_run=dry_run,
            on_error=_print_error,
            progress=progress.advance,
        )
    typer.echo("\n".join(report.plan()) if dry_run else report.summary())


@app.command()
def extract(
    inputs: Annotated[list[Path] | None, typer.Argument(help="Files or directories.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, carb or timeml.")] = "jsonl",
    sentences: Annotated[
        Path | None,
        typer.Option(
            "--sentences", help="One pre-tokenised sentence per line ('-': standard input)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Directory for --format timeml: one <id>.tml per article."),
    ] = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    extractor: ExtractorOpt = "kg.dep.v1",
    min_confidence: MinConfOpt = 0.0,
    binary: Annotated[
        bool,
        typer.Option(
            "--binary",
            help="One binary fact per (subject, relation + preposition, argument) "
            "instead of n-ary facts.",
        ),
    ] = False,
    descriptions: Annotated[
        bool,
        typer.Option(
            "--descriptions",
            help="Also print descriptions (apposition, title, possessive, location) in "
            "Open-IE output (--format carb, --binary); n-ary JSONL always has them.",
        ),
    ] = False,
) -> None:
    """Print facts without building a graph, or write TimeML files of the times found."""
    from kg.analyse import extract as extract_facts
    from kg.analyse import extract_records
    from kg.extract import format_facts
    from kg.model import jsonable
    from kg.nlp import load_model

    if fmt not in ("jsonl", "carb", "timeml"):
        raise KgError(f"--format {fmt}: choose jsonl, carb or timeml")
    if fmt == "timeml":
        if out is None or sentences is not None or not inputs:
            raise KgError("--format timeml: give INPUT files/directories and --out DIR")
        from kg.ingest import ArticleStream
        from kg.pipeline import default_published

        stream = ArticleStream(inputs, date=default_published(date), on_error=_print_error)
        _extract_timeml(stream, out, model, extractor, min_confidence)
        return
    if out is not None:
        raise KgError("--out: only with --format timeml (jsonl and carb print to stdout)")
    articles: Iterable[Article]
    echoed: dict[str, str] | None = None
    if sentences is not None and inputs:
        given = " ".join(str(p) for p in inputs)
        raise KgError(
            f"give INPUT files or --sentences {sentences}, not both: drop {given} "
            "or drop --sentences"
        )
    if sentences is not None:
        from kg.ingest import read_sentence_lines

        # Each input line is the sentence echoed in CaRB output, even where spaCy splits it.
        # "-" is standard input; /dev/stdin and other pipes are read as files.
        source = sys.stdin.buffer if str(sentences) == "-" else sentences
        articles = list(read_sentence_lines(source))
        echoed = {a.id: a.text for a in articles}
    elif inputs:
        from kg.ingest import ArticleStream
        from kg.pipeline import default_published

        articles = ArticleStream(inputs, date=default_published(date), on_error=_print_error)
    else:
        raise KgError("give INPUT files/directories or --sentences FILE")
    nlp = load_model(model)
    if fmt == "jsonl":  # every fact, with the happening kg build stores for it
        records = extract_records(articles, nlp, extractor=extractor,
                                  min_confidence=min_confidence, resolve=sentences is None,
                                  binary=binary, descriptions=descriptions)
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False, default=jsonable))
        return
    facts = extract_facts(
        articles,
        nlp,
        extractor=extractor,
        min_confidence=min_confidence,
        resolve=False,  # CaRB lines show the text, not entities
    )
    for line in format_facts(
        facts, fmt, sentences=echoed, binary=binary, descriptions=descriptions
    ):
        typer.echo(line)


def _extract_timeml(
    articles: Iterable[Article], out: Path, model: str | None, extractor: str, min_confidence: float
) -> None:
    from kg.analyse import analyse_articles
    from kg.nlp import load_model
    from kg.timeml import write_timeml

    errors: list[KgError] = []
    analysed = analyse_articles(
        articles, load_model(model), extractor=extractor, min_confidence=min_confidence
    )
    written = write_timeml(analysed, out, errors=errors)
    for error in errors:
        _err(f"error: {error}")
    if not written:
        raise KgError(f"no TimeML file written to {out}")
    typer.echo(f"{len(written)} TimeML file{'s' if len(written) != 1 else ''} written to {out}")


_NON_FINITE = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}  # their xsd:double spellings


def _json_cell(value: Any) -> Any:
    """A cell as JSON: numbers (xsd:decimal too) as numbers, booleans as booleans, else text."""
    from datetime import date, time, timedelta
    from decimal import Decimal

    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _NON_FINITE[str(value)]
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, timedelta):
        from rdflib.xsd_datetime import duration_isoformat

        return duration_isoformat(value)
    if isinstance(value, bytes):
        return value.hex().upper()
    return str(value)


def _json_rows(header: list[str], rows: list[list[Any]]) -> list[dict[str, Any]]:
    return [{k: _json_cell(v) for k, v in zip(header, r, strict=True)} for r in rows]


def _print_result(result: Any, fmt: str, title: str | None = None) -> int:
    """Print a query result as a table, CSV or JSON; returns the number of rows."""
    from kg.store import result_rows

    header, rows = result_rows(result)
    if fmt == "json":
        typer.echo(json.dumps(_json_rows(header, rows), indent=2))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")  # a text stream: no CRLF
        writer.writerow(header)
        writer.writerows(rows)
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*header, title=title, title_justify="left", show_lines=False)
        for row in rows:
            table.add_row(*[("" if v is None else str(v)) for v in row])
        Console(width=200).print(table)
    else:
        raise KgError(f"--format {fmt}: choose table, csv or json")
    return len(rows)


@app.command()
def query(
    graph: Annotated[
        str | None,
        typer.Argument(help="Graph file (.trig …) or store directory/URL, unless --store."),
    ] = None,
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="A named query (kg info).")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a named query.")
    ] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run SPARQL (text, --file or --name) on a graph file or store.

    kg query GRAPH "SPARQL" and kg query "SPARQL" --store STORE do the same. The prefixes
    kg, rel, sem, nif, geo, gn, prov, time, schema, dcterms, skos, owl, rdf, rdfs and xsd are
    declared (a PREFIX line of the query wins).
    """
    location, text = _query_target(graph, sparql, store)
    given = [
        label
        for label, value in (
            ("the query text", text),
            (f"--file {file}", file),
            (f"--name {name}", name),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise KgError(f"{' and '.join(given)} both give the query: drop one of them")
    if param and name is None:
        raise KgError("--param binds the parameters of a --name query: add --name NAME or drop -p")
    with _open(location) as graph_store:
        if name is not None:
            from kg.store import run_named_query

            params = {}
            for item in param or []:
                key, sep, value = item.partition("=")
                if not sep:
                    raise KgError(f"--param {item}: write NAME=VALUE")
                params[key] = value
            result = run_named_query(graph_store, name, **params)
            what = f"{name} returned no rows" + (
                " for " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else ""
            )
        else:
            if file is not None:
                if not file.is_file():
                    raise InputError(str(file), "no such query file")
                text = file.read_text(encoding="utf-8")
            if not text:
                raise KgError("give a SPARQL query (text or --file FILE) or --name NAME")
            result = graph_store.query(text)
            what = "the query returned no rows"
        if not _print_result(result, fmt):
            _err(what)  # an empty table alone says nothing


def _query_target(
    graph: str | None, sparql: str | None, store: str | None
) -> tuple[str, str | None]:
    """(where to query, the query text) from ``kg query``'s arguments and ``--store``."""
    if store is None:
        if graph is None:
            raise KgError("give the graph to query: kg query GRAPH \"SPARQL\" or --store DIR|URL")
        if sparql is None and not _names_a_graph(graph):
            raise KgError(
                f"{_shorten(graph)!r} is not a graph file or store: give the graph first "
                "(kg query GRAPH \"SPARQL\") or --store DIR|URL"
            )
        return graph, sparql
    if graph is not None and (sparql is not None or _names_a_graph(graph)):
        shown = graph if _names_a_graph(graph) else repr(_shorten(graph))
        raise KgError(f"both {shown} and --store {store} name the graph: drop one")
    return store, graph


def _names_a_graph(argument: str) -> bool:
    """True if a positional argument names a graph (a URL, an existing path, or a path-like
    word) rather than being SPARQL text, which holds spaces, braces, ``<`` or ``?``."""
    if argument.startswith(("http://", "https://")) or Path(argument).exists():
        return True
    return not any(c.isspace() or c in "{}<>?$" for c in argument)


def _shorten(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@app.command()
def view(
    graph: Annotated[str | None, typer.Argument(help="Graph file or store.")] = None,
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("graph.html"),
    store: StoreOpt = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Entity to centre on.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1)] = 2,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1)] = 2000,
    screenshot: Annotated[Path | None, typer.Option("--screenshot")] = None,
    concepts: Annotated[
        bool | None,
        typer.Option(
            "--concepts/--entities-only",
            help="Also show phrases that name no entity ('123 political prisoners'); by "
            "default only around --focus.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[str, typer.Option("--title")] = "kg",
) -> None:
    """Write the interactive, offline HTML view of a graph."""
    from kg.progress import status
    from kg.view import write_view

    if graph is not None and store is not None:
        raise KgError(f"both {graph} and --store {store} name the graph: drop one")
    location = store or graph
    if location is None:
        raise KgError("give a GRAPH file or --store DIR|URL")
    with _open(location) as graph_store, status(f"drawing the view of {location}"):
        written = write_view(
            graph_store,
            out,
            screenshot=screenshot,
            focus=focus,
            hops=hops,
            max_nodes=max_nodes,
            concepts=concepts,
            title=title,
        )
    summary = written.summary
    typer.echo(f"wrote {out}: {summary.nodes} nodes, {summary.edges} edges")
    if summary.dropped_nodes:
        typer.echo(f"left out {summary.dropped_nodes} nodes of lowest centrality (--max-nodes)")
    if written.unlinked:
        typer.echo(
            f"left out {written.unlinked} entities that share no fact with another entity "
            "(every-fact-about lists theirs)"
        )
    if written.skipped is not None:
        typer.echo(f"skipped {screenshot}: {written.skipped}")
    elif written.screenshot is not None:
        typer.echo(f"wrote {written.screenshot}")


@app.command()
def validate(graph: Annotated[str, typer.Argument(help="Graph file or store.")]) -> None:
    """Check a graph against the SHACL shapes in ontologies/shapes.ttl."""
    from kg.rdf import validate as validate_graph

    with _open(graph) as graph_store:
        conforms, report = validate_graph(graph_store.dataset)
    if conforms:
        typer.echo("conforms")
        return
    typer.echo(report)
    raise typer.Exit(1)


@app.command()
def export(
    store: Annotated[str, typer.Argument(help="Store directory or URL.")],
    out: Annotated[
        Path, typer.Argument(help=".trig, .nq or .jsonld (named graphs kept); or see --format")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Write the entity graph instead: graphml, gexf (also by extension) or "
            "neo4j-csv (FILE is then a directory for nodes.csv and relationships.csv).",
        ),
    ] = None,
) -> None:
    """Write a store to a file: its article graphs and their content hashes (or, with
    --format, its entity graph for Gephi, Cytoscape or Neo4j)."""
    from kg.graph import graph_format, write_entity_graph

    if graph_format(out, fmt) is not None:
        with _open(store) as graph_store:
            typer.echo(write_entity_graph(graph_store.dataset, out, fmt).summary())
        return
    with _open(store) as graph_store:
        graph_store.export(out)
    typer.echo(f"wrote {out}")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help=".trig, .nq, .ttl or .jsonld")],
    store: Annotated[str, typer.Option("--store", help="Store directory or URL.")],
) -> None:
    """Load a graph file into a store (an export's articles replace the store's versions)."""
    with _open(store, create=True) as graph_store:
        typer.echo(graph_store.import_file(file).summary())


@app.command()
def remove(
    article_ids: Annotated[list[str], typer.Argument(help="Article ids to take out.")],
    store: Annotated[str, typer.Option("--store", help="Store directory or URL.")],
) -> None:
    """Take articles' facts out of a store; shared entities stay while used, and the
    happenings they reported are grouped again."""
    from kg.identity import remove_articles

    with _open(store) as graph_store:
        for article_id in remove_articles(graph_store, article_ids, name=store):
            typer.echo(f"removed {article_id}")


@app.command()
def serve(
    store: Annotated[str, typer.Option("--store", help="Store directory (or RDF file).")],
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 7878,
    allow_update: Annotated[bool, typer.Option("--allow-update")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Seconds a query may run.")
    ] = 30.0,
    max_concurrent: Annotated[
        int, typer.Option("--max-concurrent", min=1, help="Queries run at once.")
    ] = 4,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Rows (or triples) of one answer.")
    ] = 100_000,
    cache_mb: Annotated[
        int, typer.Option("--cache-mb", min=0, help="Memory for answers to repeated queries.")
    ] = 64,
) -> None:
    """Serve a store over the SPARQL 1.1 protocol (read-only unless --allow-update)."""
    from kg.store import ServeLimits
    from kg.store import serve as serve_store

    flags = {
        "allow_update": "--allow-update",
        "port": "--port N",
        "timeout": "--timeout SECONDS",
        "max_concurrent": "--max-concurrent N",
        "max_rows": "--max-rows N",
    }
    limits = ServeLimits(
        timeout=timeout, max_concurrent=max_concurrent, max_rows=max_rows, cache_mb=cache_mb
    )

    def banner(server: Any) -> None:
        typer.echo(f"SPARQL endpoint on {server.url}/sparql (Ctrl-C to stop)")

    serve_store(
        store,
        host=host,
        port=port,
        allow_update=allow_update,
        limits=limits,
        options=flags,
        on_ready=banner,
    )


@app.command()
def info() -> None:
    """List extractors, named queries and the model in use."""
    from kg import __version__
    from kg.extract import list_extractors
    from kg.nlp import default_model_name
    from kg.store import named_queries

    typer.echo(f"kg {__version__}")
    typer.echo(f"model: {default_model_name()}")
    typer.echo("extractors: " + ", ".join(list_extractors()))
    typer.echo("named queries:")
    for q in named_queries().values():
        params = " ".join(f"{p}=…" for p in q.params)
        typer.echo(f"  {q.name} {params}  {q.description}")


@app.command()
def analyze(
    graph: Annotated[str, typer.Argument(help="Graph file or store.")],
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Rank this many entities (default 10).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Rank entities by pagerank (default), degree or betweenness."),
    ] = None,
    path: Annotated[
        tuple[str, str] | None, typer.Option("--path", help="Shortest path: two entity names.")
    ] = None,
    communities: Annotated[bool, typer.Option("--communities")] = False,
    timeline: Annotated[str | None, typer.Option("--timeline", help="Entity name.")] = None,
    ego: Annotated[str | None, typer.Option("--ego", help="Entity name.")] = None,
    hops: Annotated[
        int | None, typer.Option("--hops", min=1, help="Reach of --ego (default 2).")
    ] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Plot of the --timeline.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """Centrality, communities, paths, ego networks and timelines: each one asked for is a table."""
    from kg.graph import analysis_tables, requested_analyses
    from kg.progress import status

    if fmt not in ("table", "csv", "json"):
        raise KgError(f"--format {fmt}: choose table, csv or json")
    asked = requested_analyses(top=top, by=by, path=path, communities=communities,
                               timeline=timeline, ego=ego)
    if fmt == "csv" and len(asked) > 1:
        flags = {"top": "--top/--by", "communities": "--communities", "path": "--path",
                 "timeline": "--timeline", "ego": "--ego"}
        raise KgError(f"--format csv writes one table, and {len(asked)} analyses were asked for "
                      f"({', '.join(flags[name] for name in asked)}): keep one of them, "
                      "or use --format table or json")
    with _open(graph) as graph_store, status(f"analysing {graph}"):
        # the dataset itself, not its entity graph: timelines read the events too
        tables = analysis_tables(
            graph_store.dataset,
            top=top,
            by=cast(Any, by),
            path=path,
            communities=communities,
            timeline=timeline,
            ego=ego,
            hops=hops,
            png=png,
        )
    if fmt == "json" and len(tables) > 1:
        typer.echo(json.dumps({t.title: _json_rows(t.header, t.rows) for t in tables}, indent=2))
        return
    for t in tables:
        _print_result((t.header, t.rows), fmt, title=t.title)


@eval_app.command("carb", epilog=evaldata.CARB.help())
def eval_carb(
    gold: Annotated[Path | None, typer.Option("--gold", help="CaRB gold TSV.")] = None,
    sentences: Annotated[
        Path | None, typer.Option("--sentences", help="One sentence per line.")
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="CaRB folder (dev.txt, gold/, derived/): all, newswire, wiki."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Curve CSV (PNG beside it).")] = Path(
        "out/carb-curve.csv"
    ),
    model: ModelOpt = None,
    extractor: ExtractorOpt = "kg.dep.v1",
    binary: Annotated[
        bool, typer.Option("--binary", help="Score binary facts (kg extract --binary).")
    ] = False,
    descriptions: Annotated[
        bool,
        typer.Option(
            "--descriptions", help="Score descriptions too (kg extract --descriptions)."
        ),
    ] = False,
) -> None:
    """Score the extractor on CaRB (P, R, F1, AUC; writes the PR curve as CSV and PNG)."""
    from kg.eval.carb import evaluate_by_domain, evaluate_extractor, format_result, write_curve
    from kg.nlp import load_model

    if data is not None:
        evaldata.CARB.check(data)
    elif gold is not None and sentences is not None:
        evaldata.CARB.check_file(gold, "a CaRB gold TSV such as gold/dev.tsv")
        evaldata.CARB.check_file(sentences, "one sentence per line, such as dev.txt")
    else:
        raise KgError(
            "give --gold GOLD.tsv and --sentences SENTS.txt, or --data CARB_DIR "
            f"(dev.txt and gold/dev.tsv, {evaldata.CARB_ORIGIN})"
        )
    nlp = load_model(model)
    if data is not None:
        results = evaluate_by_domain(
            data, nlp=nlp, extractor=extractor, binary=binary, descriptions=descriptions
        )
    else:
        assert gold is not None and sentences is not None
        results = {
            "": evaluate_extractor(
                gold, sentences, nlp=nlp, extractor=extractor, binary=binary,
                descriptions=descriptions,
            )  # fmt: skip
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    for name, result in results.items():
        csv_path = out if not name else out.with_name(f"{out.stem}-{name}{out.suffix}")
        write_curve(result, csv_path, csv_path.with_suffix(".png"))
        typer.echo(format_result(result, name))
        typer.echo(f"  curve: {csv_path} and {csv_path.with_suffix('.png')}")


MeantimeDir = Annotated[
    Path, typer.Argument(metavar="DIR", help="MEANTIME folder (layout below).", show_default=False)
]


@eval_app.command("meantime", epilog=evaldata.MEANTIME_LINKS.help())
def eval_meantime(directory: MeantimeDir, model: ModelOpt = None) -> None:
    """Score events and participants against MEANTIME's gold links."""
    from kg.eval.meantime import evaluate_meantime, format_table
    from kg.nlp import load_model

    evaldata.MEANTIME_LINKS.check(directory)
    result = evaluate_meantime(
        directory / "articles", directory / "gold.jsonl", nlp=load_model(model)
    )
    typer.echo(format_table(result))


@eval_app.command("timex", epilog=evaldata.MEANTIME_TIMEX.help())
def eval_timex(directory: MeantimeDir) -> None:
    """Score time normalisation against MEANTIME's TIMEX3 values."""
    from kg.eval.timex import evaluate_timex, format_table

    evaldata.MEANTIME_TIMEX.check(directory)
    typer.echo(format_table(evaluate_timex(directory / "timex.jsonl", directory / "articles")))


@eval_app.command("coref", epilog=evaldata.MEANTIME_ENTITIES.help())
def eval_coref(
    directory: MeantimeDir,
    model: ModelOpt = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge/--graph-identity",
            help="Cross-article identity after merge_entities, or as the built graph's IRIs.",
        ),
    ] = True,
) -> None:
    """Score entity clustering against MEANTIME's entity mentions."""
    from kg.eval.coref import evaluate_coref, format_table
    from kg.nlp import load_model

    evaldata.MEANTIME_ENTITIES.check(directory)
    result = evaluate_coref(
        directory / "articles", directory / "entities.jsonl", nlp=load_model(model), merge=merge
    )
    typer.echo(format_table(result))


@eval_app.command("ecbplus", epilog=evaldata.ECBPLUS_COREF.help())
def eval_ecbplus(
    directory: Annotated[Path, typer.Argument(help="ECB+ folder: articles/ and coref/.")],
    split: Annotated[str, typer.Option("--split", help="train, dev or both.")] = "dev",
    setting: Annotated[
        str, typer.Option("--setting", help="gold (gold mentions), predicted, or all.")
    ] = "all",
    lemma_parse: Annotated[
        str,
        typer.Option(
            "--lemma-parse",
            help="Baseline lemmas from the article's parse, or the mention parsed alone.",
        ),
    ] = "article",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    model: ModelOpt = None,
    extractor: ExtractorOpt = "kg.dep.v1",
) -> None:
    """Score kg's events and entities against ECB+ cross-document coreference gold."""
    from kg.eval.ecbplus import evaluate_ecbplus, format_table
    from kg.nlp import load_model

    choices = {"--split": (split, ("train", "dev", "both")), "--format": (fmt, ("table", "json"))}
    choices |= {"--setting": (setting, ("gold", "predicted", "all"))}
    choices |= {"--lemma-parse": (lemma_parse, ("article", "mention"))}
    for option, (value, allowed) in choices.items():
        if value not in allowed:
            raise KgError(f"{option} {value}: choose {', '.join(allowed)}")
    evaldata.ECBPLUS_COREF.check(directory)
    result = evaluate_ecbplus(
        directory,
        split=split,
        nlp=load_model(model) if model else None,  # None: the default, after DIR is checked
        settings=("gold", "predicted") if setting == "all" else (setting,),
        lemma_parse=cast(Any, lemma_parse),
        extractor=extractor,
    )
    typer.echo(json.dumps(result.to_dict(), indent=2) if fmt == "json" else format_table(result))
