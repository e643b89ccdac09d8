"""Happenings: one node per real-world event across articles, stored in ``id/happenings``.

Real parses of real-shaped wire stories, built into real on-disk Oxigraph stores: the same
articles in three orders give the same quads, ``kg remove`` regroups what the article
reported, a rebuild changes nothing, two wire stories of one prisoner release give one
happening, and two releases months apart give two.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.identity import HAPPENINGS_GRAPH, cluster_articles
from kg.model import Article
from kg.pipeline import build
from kg.rdf import validate
from kg.store import EmbeddedStore, open_store
from kg.vocab import GAF, KG

# Two wire stories of the release of 13-14 December 2025 and one of the release of September.
DEC_IANS = Article(
    id="ians-belarus",
    title="Belarus frees 123 political prisoners in sanctions deal with US",
    text=(
        "Belarus frees 123 political prisoners in sanctions deal with US\n\n"
        "Vilnius, December 14 (IANS) Belarus has released 123 prisoners, including opposition "
        "activist Maria Kolesnikova, after talks with US envoy John Coale. The United States "
        "agreed to lift sanctions on potash."
    ),
    published=date(2025, 12, 14),
)
DEC_AP = Article(
    id="ap-belarus",
    title="Belarus releases Kolesnikova and Bialiatski as US lifts potash sanctions",
    text=(
        "Belarus releases Kolesnikova and Bialiatski as US lifts potash sanctions\n\n"
        "Minsk, December 13 (AP) Belarus freed 123 prisoners on Saturday, among them Maria "
        "Kolesnikova and Nobel laureate Ales Bialiatski, after meeting US envoy John Coale. "
        "Washington will lift sanctions on Belarusian potash."
    ),
    published=date(2025, 12, 13),
)
SEPT_AP = Article(
    id="ap-belarus-sept",
    title="Belarus frees 52 prisoners after US visit",
    text=(
        "Belarus frees 52 prisoners after US visit\n\n"
        "Vilnius, September 11 (AP) Belarus released 52 prisoners on Thursday after a visit "
        "by US envoy John Coale. Lithuania received the freed prisoners."
    ),
    published=date(2025, 9, 11),
)
STORIES = (DEC_IANS, DEC_AP, SEPT_AP)
G = f"<{HAPPENINGS_GRAPH}>"
KG_COMMAND = Path(sys.executable).parent / "kg"


def quads(location: Path) -> set[str]:
    with open_store(location, create=False) as store:
        assert isinstance(store, EmbeddedStore)
        return {str(q) for q in store.inner.quads_for_pattern(None, None, None, None)}


def releases(location: Path) -> dict[str, tuple[int, set[str]]]:
    """Release happenings: IRI → (kg:reportCount, ids of the articles reporting it)."""
    query = (
        f"SELECT ?h ?n ?id WHERE {{ GRAPH {G} {{ ?h a <{KG.Happening}> ; "
        f'<{KG.eventClass}> "release" ; <{KG.reportCount}> ?n ; <{KG.reportedIn}> ?a }} '
        "GRAPH ?a { ?a <http://purl.org/dc/terms/identifier> ?id } }"
    )
    out: dict[str, tuple[int, set[str]]] = {}
    with open_store(location, create=False) as store:
        for h, n, ident in store.query(query):  # type: ignore[misc]
            entry = out.setdefault(str(h), (int(n.value), set()))
            entry[1].add(ident.value)
    return out


def build_in(nlp, location: Path, *batches: Sequence[Article]) -> None:
    for batch in batches:
        with open_store(location) as store:
            build(batch, store, nlp)


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three stories built in three orders: all at once, one by one, backwards."""
    root = tmp_path_factory.mktemp("happenings")
    orders = {
        "together": [list(STORIES)],
        "one_by_one": [[a] for a in STORIES],
        "backwards": [[SEPT_AP], [DEC_AP, DEC_IANS]],
    }
    for name, batches in orders.items():
        build_in(nlp, root / name, *batches)
    return {name: root / name for name in orders}


def test_three_build_orders_give_identical_quads(built: dict[str, Path]) -> None:
    together = quads(built["together"])
    assert any(f"{HAPPENINGS_GRAPH}>" in q and str(KG.Happening) in q for q in together)
    assert quads(built["one_by_one"]) == together
    assert quads(built["backwards"]) == together


def test_one_release_two_wire_stories_and_another_release_months_before(
    built: dict[str, Path],
) -> None:
    found = releases(built["together"])
    by_articles = sorted(sorted(ids) for _n, ids in found.values())
    assert by_articles == [["ap-belarus", "ians-belarus"], ["ap-belarus-sept"]]
    december = next(h for h, (_n, ids) in found.items() if "ians-belarus" in ids)
    # named after its earliest report: the AP story of 13 December, whichever came first
    assert december.rsplit("/", 2)[-2] == "ap-belarus"
    with open_store(built["together"], create=False) as store:
        rows = list(
            store.query(
                f"SELECT ?first ?last (COUNT(?r) AS ?n) WHERE {{ GRAPH {G} {{ <{december}> "
                f"<{KG.firstReported}> ?first ; <{KG.lastReported}> ?last ; "
                f"<{GAF.denotedBy}> ?r }} }} GROUP BY ?first ?last"
            )
        )
    [(first, last, n)] = [tuple(r) for r in rows]  # type: ignore[arg-type]
    assert (str(first.value), str(last.value)) == ("2025-12-13", "2025-12-14")
    assert int(n.value) == found[december][0] >= 2


def test_memory_grouping_matches_the_store(nlp, built: dict[str, Path]) -> None:
    from kg.analyse import analyse_articles

    in_memory = {
        h.iri: len(h.reports)
        for h in cluster_articles(analyse_articles(list(STORIES), nlp))
        if h.reports[0].event_class == "release"
    }
    assert in_memory == {h: n for h, (n, _ids) in releases(built["together"]).items()}


def test_rebuild_is_a_no_op(nlp, built: dict[str, Path], tmp_path: Path) -> None:
    before = quads(built["together"])
    with open_store(built["together"]) as store:
        report = build(list(STORIES), store, nlp)
    assert report.happenings == 0
    assert quads(built["together"]) == before


def test_remove_regroups_and_rebuild_restores(nlp, tmp_path: Path) -> None:
    location = tmp_path / "store"
    build_in(nlp, location, list(STORIES))
    before = quads(location)
    result = CliRunner().invoke(app, ["remove", "ians-belarus", "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert result.output == "removed ians-belarus\n"
    after = releases(location)
    assert sorted(sorted(ids) for _n, ids in after.values()) == [
        ["ap-belarus"],
        ["ap-belarus-sept"],
    ]
    with open_store(location, create=False) as store:
        left = store.query(
            f"ASK {{ GRAPH {G} {{ ?s ?p ?o FILTER(CONTAINS(STR(?s), '/ians-belarus/') "
            "|| CONTAINS(STR(?o), '/ians-belarus')) } }"
        )
    assert not bool(left)
    build_in(nlp, location, [DEC_IANS])
    assert quads(location) == before


def test_remove_of_an_unknown_article_says_so_and_keeps_the_store(
    nlp, built: dict[str, Path]
) -> None:
    before = quads(built["together"])
    proc = subprocess.run(
        [KG_COMMAND, "remove", "ap-belarus", "no-such", "--store", str(built["together"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == f"kg: error: no-such: no such article in {built['together']}\n"
    assert quads(built["together"]) == before


def test_happenings_conform_to_their_shapes(built: dict[str, Path]) -> None:
    from rdflib import Dataset

    ds = Dataset()
    with open_store(built["together"], create=False) as store:
        assert isinstance(store, EmbeddedStore)
        ds.parse(data=store.inner.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    conforms, text = validate(ds)
    assert conforms, text
    broken = Graph()
    for triple in ds.graph(HAPPENINGS_GRAPH):
        if triple[1] != KG.reportCount:
            broken.add(triple)
    for s, p, o in ds.graph(HAPPENINGS_GRAPH).triples((None, KG.reportCount, None)):
        broken.add((s, p, Literal(int(o) + 1)))
    conforms, text = validate(broken)
    assert not conforms
    assert "kg:reportCount must equal the number of gaf:denotedBy reports" in text


def test_happenings_query_lists_the_release_once_with_both_wire_stories(
    built: dict[str, Path],
) -> None:
    proc = subprocess.run(
        [KG_COMMAND, "query", str(built["together"]), "--name", "happenings", "-p", "limit=0",
         "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    header, *table = list(csv.reader(io.StringIO(proc.stdout)))
    assert header == [
        "happening", "type", "label", "reports", "first", "last", "participants", "places",
        "time", "sources",
    ]  # fmt: skip
    release = [row for row in table if row[1] == "release"]
    assert len(release) == 2
    december = next(row for row in release if "ians-belarus" in row[-1])
    assert december[-1] == "ap-belarus ians-belarus"
    assert december[4:6] == ["2025-12-13", "2025-12-14"]
    assert "Belarus" in december[6].split("; ")
    assert len(table) == len(
        [q for q in quads(built["together"]) if f"> <{KG.reportCount}> " in q]
    )
