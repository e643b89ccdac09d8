"""Incremental, idempotent builds into a real on-disk Oxigraph store.

Every check compares a build with another build (never exact extraction output, which the
extract and resolve stages own): the same articles twice, in another order, after a change,
after ``kg remove`` and a rebuild, after five ``kill -9`` at different points and a rerun.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, kg_source_digest
from typer.testing import CliRunner

from kg.analyse import analyse_articles, extract
from kg.cli import app
from kg.ingest import read_articles
from kg.model import Article
from kg.pipeline import article_hash, build
from kg.rdf import article_iri
from kg.store import (
    CONTENT_HASH,
    HAPPENINGS_GRAPH,
    META_GRAPH,
    EmbeddedStore,
    GraphStore,
    open_store,
)
from kg.vocab import KG, RDF, RDFS

KG_COMMAND = Path(sys.executable).parent / "kg"

# ---------------------------------------------------------------- helpers


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The five example articles, copied where a test may edit them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def articles(folder: Path) -> list[Article]:
    return list(read_articles([folder]))


def all_quads(store: GraphStore) -> Iterator[ox.Quad]:
    """Every quad of an on-disk store, meta graph included, straight from Oxigraph."""
    assert isinstance(store, EmbeddedStore)
    return iter(store.inner.quads_for_pattern(None, None, None, None))


def quads(location: Path) -> set[str]:
    """Every quad of a store (meta graph included) as N-Quads lines."""
    with open_store(location, create=False) as store:
        return {str(q) for q in all_quads(store)}


def graphs(location: Path) -> dict[str, set[str]]:
    """The quads of each graph by graph IRI (the meta graph too; "" for the default graph)."""
    out: dict[str, set[str]] = {}
    with open_store(location, create=False) as store:
        for q in all_quads(store):
            out.setdefault(getattr(q.graph_name, "value", ""), set()).add(str(q))
    return out


def entity_iris(location: Path) -> set[str]:
    with open_store(location, create=False) as store:
        rows = store.query(
            "SELECT DISTINCT ?e WHERE { ?e ?type ?c }", {"type": RDF.type, "c": KG.Entity}
        )
        return {str(row[0]) for row in rows}  # type: ignore[index]


def assert_no_duplicates(location: Path) -> None:
    with open_store(location, create=False) as store:
        listed = [str(q) for q in all_quads(store)]
    assert len(listed) == len(set(listed))


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


# ---------------------------------------------------------------- idempotence and order


def test_rebuild_is_a_noop_and_order_does_not_matter(nlp, inputs: Path, tmp_path: Path) -> None:
    items = articles(inputs)
    ids = [a.id for a in items]
    once, again, reverse = tmp_path / "once", tmp_path / "again", tmp_path / "reverse"

    with open_store(once) as store:
        first = build(iter(items), store, nlp)
    assert first.added == ids and first.articles == len(ids)
    before = quads(once)
    assert before and {str(META_GRAPH)} < set(graphs(once))

    with open_store(once) as store:  # the same articles again: nothing to do
        second = build(iter(items), store, nlp)
    assert second.unchanged == ids and second.articles == 0
    assert not second.added and not second.replaced
    assert quads(once) == before

    with open_store(again) as store:  # a fresh store, same input: the same quads
        build(iter(items), store, nlp)
    assert quads(again) == before

    with open_store(reverse) as store:  # reverse order: same entity IRIs, same store
        build(reversed(items), store, nlp)
    assert entity_iris(reverse) == entity_iris(once)
    assert quads(reverse) == before
    assert_no_duplicates(once)


def test_changed_article_replaces_its_graph_only(nlp, inputs: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        build(articles(inputs), store, nlp)
    before = graphs(location)

    edited = inputs / "11716.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip("\n")
        + "\n\nThe company said on Monday that it would open a new factory in Ohio.\n",
        encoding="utf-8",
    )
    items = articles(inputs)
    with open_store(location) as store:
        report = build(items, store, nlp)
        hashes = dict(store.articles())
    assert report.replaced == ["11716"] and not report.added
    assert sorted(report.unchanged) == sorted(a.id for a in items if a.id != "11716")

    after = graphs(location)
    changed = str(article_iri("11716"))
    assert after[changed] != before[changed]
    for name in before:  # the happenings graph is regrouped where 11716's reports were
        if name not in (changed, str(META_GRAPH), str(HAPPENINGS_GRAPH)):
            assert after[name] == before[name], name  # byte for byte the same N-Quads
    model = f"{nlp.meta['name']}-{nlp.meta['version']}"
    new = next(a for a in items if a.id == "11716")
    assert hashes[article_iri("11716")] == article_hash(new, model=model)

    with open_store(tmp_path / "fresh") as store:  # and it equals a build from scratch
        build(items, store, nlp)
    assert quads(tmp_path / "fresh") == quads(location)


def test_settings_are_part_of_the_hash(nlp, inputs: Path, tmp_path: Path) -> None:
    one = [a for a in articles(inputs) if a.id == "30414"]
    with open_store(tmp_path / "store") as store:
        assert build(one, store, nlp).added == ["30414"]
        assert build(one, store, nlp).unchanged == ["30414"]
        assert build(one, store, nlp, min_confidence=0.9).replaced == ["30414"]


def test_remove_keeps_shared_entities_and_rebuild_restores(
    nlp, inputs: Path, tmp_path: Path
) -> None:
    # A second copy of one article guarantees entities shared between articles.
    shutil.copy(inputs / "11716.txt", inputs / "copy-of-11716.txt")
    location = tmp_path / "store"
    cli("build", str(inputs), "--store", str(location))
    before = quads(location)
    per_graph = graphs(location)
    gone = str(article_iri("11716"))

    def mentioned(name: str) -> set[str]:
        return {
            line.split(" ", 1)[0].strip("<>")
            for line in per_graph[name]
            if f" <{RDF.type}> <{KG.Entity}> " in line
        }

    removed_entities = mentioned(gone)
    elsewhere = set().union(*(mentioned(n) for n in per_graph if n not in (gone, str(META_GRAPH))))
    shared = removed_entities & elsewhere
    assert shared, "the copy shares every entity of 11716"

    assert "removed 11716" in cli("remove", "11716", "--store", str(location))
    with open_store(location, create=False) as store:
        assert store.article_hash(article_iri("11716")) is None
        assert article_iri("11716") not in dict(store.articles())
        labelled = {
            str(row[0])  # type: ignore[index]
            for row in store.query(
                "SELECT DISTINCT ?e WHERE { ?e ?label ?l }", {"label": RDFS.label}
            )
        }
        left = {str(q) for q in all_quads(store)}
    assert not any(line.endswith(f"<{gone}> .") for line in left)  # its graph is gone
    assert shared <= labelled  # entities another article uses keep their label
    assert not (removed_entities - elsewhere) & labelled  # the others went with it

    result = CliRunner().invoke(app, ["remove", "11716", "--store", str(location)])
    assert result.exit_code != 0  # not there any more

    report = cli("build", str(inputs / "11716.txt"), "--store", str(location))
    assert "added 1, replaced 0, unchanged 0" in report
    assert quads(location) == before
    report = cli("build", str(inputs), "--store", str(location))
    assert "added 0, replaced 0, unchanged 6" in report


def test_build_streams_and_keeps_finished_articles(nlp, inputs: Path, tmp_path: Path) -> None:
    """Articles are written as they are analysed: an input failing halfway keeps the earlier."""
    items = articles(inputs)
    pulled: list[str] = []

    def source() -> Iterator[Article]:
        for article in items[:3]:
            pulled.append(article.id)
            yield article
        raise RuntimeError("input broke")

    location = tmp_path / "store"
    with open_store(location) as store, pytest.raises(RuntimeError, match="input broke"):
        build(source(), store, nlp, batch_size=1)
    with open_store(tmp_path / "reference") as store:
        build(items[:3], store, nlp)
    stored, reference = graphs(location), graphs(tmp_path / "reference")
    names = set(stored) - {str(META_GRAPH)}
    assert names and names <= {str(article_iri(i)) for i in pulled}
    for name in names:
        assert stored[name] == reference[name]


def test_analysis_streams_an_endless_input(nlp) -> None:
    """A first result comes out of an endless stream: nothing lists the whole input."""
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            assert n < 1000, "read 1000 articles ahead"
            yield Article(id=f"a{n}", text=f"Officials in Minsk freed {n + 2} prisoners.")

    first = next(analyse_articles(endless(), nlp, batch_size=4))
    assert first.article.id == "a0" and pulled < 50
    # By default one batch of the model's own size (these articles are one segment each).
    pulled = 0
    assert next(extract(endless(), nlp)).doc.startswith("a")
    assert pulled <= nlp.batch_size + 1


# ---------------------------------------------------------------- dry run


def test_dry_run_writes_nothing_and_says_what_would_change(
    nlp, inputs: Path, tmp_path: Path
) -> None:
    # A copy read last links to the entities of the first article, whatever they are.
    shutil.copy(inputs / "11716.txt", inputs / "zz-copy.txt")
    ids = sorted(a.id for a in articles(inputs))
    missing = tmp_path / "missing"
    out = cli("build", str(inputs), "--store", str(missing), "--dry-run")
    assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("add ")) == ids
    assert "nothing was written" in out
    assert not missing.exists()

    location = tmp_path / "store"
    open_store(location).close()  # an empty store on disk
    out = cli("build", str(inputs), "--store", str(location), "--dry-run")
    assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("add ")) == ids
    assert quads(location) == set()

    # Half the articles in; the dry-run report of the rest equals the real build's report.
    items = articles(inputs)
    with open_store(location) as store:
        build(items[:2], store, nlp)
        stored = {str(q) for q in all_quads(store)}
    with open_store(location, read_only=True) as store:
        planned = build(items, store, nlp, dry_run=True)
    assert quads(location) == stored
    with open_store(location) as store:
        done = build(items, store, nlp)
    assert planned.added == done.added == [a.id for a in items[2:]]
    assert planned.unchanged == done.unchanged
    assert planned.merged == done.merged and planned.linked == done.linked
    assert (planned.facts, planned.entities) == (done.facts, done.entities)
    assert planned.linked, "the copy links to the entities of 11716"
    assert any(line.startswith("link ") for line in planned.plan())

    out = cli("build", str(inputs), "--store", str(location), "--dry-run")
    unchanged = [line.split()[1] for line in out.splitlines() if line.startswith("unchanged ")]
    assert sorted(unchanged) == ids

    edited = inputs / "40986.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nIt was raining.\n", encoding="utf-8")
    before = quads(location)
    out = cli("build", str(inputs), "--store", str(location), "--dry-run")
    assert "replace   40986" in out.splitlines()
    assert quads(location) == before


# ---------------------------------------------------------------- kill -9 halfway


def _dir_size(path: Path) -> int:
    """Bytes in a store directory; RocksDB grows its write-ahead log with every transaction."""
    total = 0
    with contextlib.suppress(FileNotFoundError):  # RocksDB deletes files as we look
        for entry in os.scandir(path):
            with contextlib.suppress(FileNotFoundError):
                total += entry.stat().st_size if entry.is_file() else 0
    return total


def _run_build(
    folder: Path, location: Path, log: Path, *, kill_size: int = 0, kill_time: float = 0.0
) -> tuple[str, float, int]:
    """Run ``kg build`` in a process; kill -9 it once the store holds ``kill_size`` bytes or
    ``kill_time`` seconds passed. Returns (how it ended, seconds, largest store size seen)."""
    start = time.monotonic()
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [str(KG_COMMAND), "build", str(folder), "--store", str(location)],
            stdout=err,
            stderr=subprocess.STDOUT,
        )
        peak = 0
        try:
            while proc.poll() is None:
                size = _dir_size(location)
                peak = max(peak, size)
                elapsed = time.monotonic() - start
                if (kill_size and size >= kill_size) or (kill_time and elapsed >= kill_time):
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    return "killed", elapsed, peak
                if elapsed > 600:
                    raise AssertionError("kg build took over 10 minutes")
                time.sleep(0.01)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, log.read_text(errors="replace")
    return "done", time.monotonic() - start, peak


def short_articles(folder: Path) -> list[Path]:
    """A few dozen one-paragraph articles cut from the examples (each paragraph past the
    headline and date lines, under a headline of its first words): many small transactions
    in a build of a few seconds."""
    folder.mkdir()
    written = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        for paragraph in paragraphs[2:]:
            if len(paragraph) < 60:
                continue
            headline = " ".join(paragraph.split()[:6])
            out = folder / f"{len(written) + 1:02d}-{path.stem[:10]}.txt"
            out.write_text(f"{headline}\n\n{paragraph}\n", encoding="utf-8")
            written.append(out)
    return written


#: Where the kills land, as fractions of the store size a clean build ends with (each run
#: resumes the store the run before left): the first as soon as the store directory holds a
#: byte (RocksDB creating its files), the others between article writes. The grouping into
#: happenings at the end of a build grows the store past what its articles take, so the last
#: kill lands at half the peak, not more.
KILL_AT = (1e-9, 0.1, 0.25, 0.4, 0.5)


def test_build_killed_five_times_keeps_whole_articles_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "short"
    inputs = short_articles(folder)
    assert len(inputs) >= 30
    source = kg_source_digest()
    reference = tmp_path / "reference"
    _, full_time, peak = _run_build(folder, reference, tmp_path / "reference.log")
    ref_graphs = graphs(reference)
    with open_store(reference, create=False) as store:
        ref_hashes = dict(store.articles())
    assert len(ref_hashes) == len(inputs)

    # One store, killed again and again: each run resumes what the one before left.
    location = tmp_path / "killed"
    meta = str(META_GRAPH)
    stored_after: list[int] = []
    for n, fraction in enumerate(KILL_AT):
        how, _, _ = _run_build(
            folder,
            location,
            tmp_path / f"killed-{n}.log",
            kill_size=max(1, int(peak * fraction)),
            kill_time=full_time * 1.5,  # a fallback; the size comes first
        )
        killed = graphs(location) if location.exists() else {}
        with open_store(location) as store:
            hashes = dict(store.articles())
            ungrouped = store.query(
                f"ASK {{ GRAPH ?g {{ ?e a <{KG.Event}> }} FILTER NOT EXISTS "
                f"{{ GRAPH <{HAPPENINGS_GRAPH}> {{ ?e <{KG.happening}> ?h }} }} }}"
            ).askAnswer
        # every hashed article is whole, exactly as a clean build writes it; nothing else
        assert set(killed) - {meta, str(HAPPENINGS_GRAPH)} == {str(iri) for iri in hashes}, (
            f"kill {n}"
        )
        assert {q for q in killed.get(meta, set()) if f"<{CONTENT_HASH}>" in q} == killed.get(
            meta, set()
        )
        if kg_source_digest() != source:
            pytest.skip("kg's source changed while the builds ran: they need not agree")
        for iri, digest in hashes.items():
            assert digest == ref_hashes[iri], (n, iri)
            assert killed[str(iri)] == ref_graphs[str(iri)], (n, iri)
        stored_after.append(len(hashes))
        print(f"kill {n} at {fraction:.0%} of the store: {how}, {len(hashes)} articles stored")
    # the rerun has articles to write, or (killed after the last article) happenings to group
    assert stored_after[-1] < len(inputs) or ungrouped, "the last kill came too late"
    between = [k for k in stored_after if 0 < k < len(inputs)]
    assert stored_after == sorted(stored_after)  # no kill took away a finished article
    assert len(set(between)) >= 2, f"too few kills landed between articles: {stored_after}"

    how, _, _ = _run_build(folder, location, tmp_path / "rerun.log")
    assert how == "done"
    assert quads(location) == quads(reference)  # quad for quad a clean build


def test_a_fresh_build_links_a_later_article_to_entities_of_an_earlier_one(
    nlp, inputs: Path, tmp_path: Path
) -> None:
    # Links found within one run come from the run itself (a fresh store is never read back).
    shutil.copy(inputs / "11716.txt", inputs / "zz-copy.txt")
    with open_store(tmp_path / "store") as store:
        report = build(articles(inputs), store, nlp)
        rows = store.query(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH {article_iri('11716').n3()} "
            f"{{ ?e a {KG.Entity.n3()} }} }}"
        )
        first = {str(row[0]).rsplit("/entity/", 1)[1] for row in rows}  # type: ignore[index]
    linked_by_copy = {key for key, ids in report.linked.items() if "zz-copy" in ids}
    assert first and linked_by_copy == first
    assert all(ids[0] != "11716" for ids in report.linked.values()), "11716 comes first"


# ---------------------------------------------------------------- the writer thread


def test_a_failed_write_stops_the_build_and_nothing_after_it_is_written(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.errors import StoreError
    from kg.pipeline import InOrderThread
    from kg.rdf import ArticleGraph

    e, p, x = ox.NamedNode("http://ex.org/e"), ox.NamedNode("http://ex.org/p"), ox.Literal("x")
    good = ArticleGraph(e, ((e, p, x),), {})
    bad = ArticleGraph(e, ((ox.Literal("a literal subject"), p, x),), {})
    with open_store(tmp_path / "store") as store:
        writer = InOrderThread(lambda item: store.put_article(*item), depth=8)
        writer.put(("http://ex.org/article/1", good, "h1"))
        writer.put(("http://ex.org/article/2", bad, "h2"))
        writer.put(("http://ex.org/article/3", good, "h3"))  # queued behind the failure
        with pytest.raises(StoreError, match="article/2"):
            writer.close()
        assert [str(a) for a, _ in store.articles()] == ["http://ex.org/article/1"]


def test_a_build_into_a_read_only_store_fails_and_changes_nothing(
    nlp, inputs: Path, tmp_path: Path
) -> None:
    from kg.errors import StoreError

    location = tmp_path / "store"
    first, *rest = articles(inputs)
    with open_store(location) as store:
        build([first], store, nlp)
        before = sorted(map(str, store.articles()))
    with (
        open_store(location, create=False, read_only=True) as store,
        pytest.raises(StoreError, match="read-only|read only"),
    ):
        build(rest, store, nlp)
    with open_store(location) as store:
        assert sorted(map(str, store.articles())) == before
