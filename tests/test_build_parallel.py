"""Parallel builds give the same store as a serial one: worker processes and a Dask cluster.

Both compare every quad of a real on-disk Oxigraph store with a serial build of the same ten
articles (the five examples and five short ECB+ articles).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, kg_source_digest, require_shared

from kg.analyse import analyse_articles
from kg.ingest import read_articles
from kg.model import AnalysedArticle, Article
from kg.pipeline import build
from kg.store import EmbeddedStore, open_store


@pytest.fixture(scope="module")
def ten(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    folder = tmp_path_factory.mktemp("ten")
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    files = sorted((require_shared() / "ecbplus" / "articles").glob("*/*.txt"))
    for path in [p for p in files if 1000 <= p.stat().st_size <= 2000][:5]:
        shutil.copy(path, folder / path.name)
    items = list(read_articles([folder]))
    assert len(items) == 10
    return items


@pytest.fixture(scope="module")
def serial(nlp, ten: list[Article], tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    with open_store(tmp_path_factory.mktemp("serial") / "store") as store:
        report = build(ten, store, nlp)
        assert report.articles == 10
        return quads(store)


@pytest.fixture(scope="module")
def source() -> str:
    return kg_source_digest()


def quads(store: object) -> set[str]:
    assert isinstance(store, EmbeddedStore)
    return {str(q) for q in store.inner.quads_for_pattern(None, None, None, None)}


def test_spacy_processes_give_the_serial_store(
    nlp, ten: list[Article], serial: set[str], tmp_path: Path
) -> None:
    with open_store(tmp_path / "store") as store:
        report = build(iter(ten), store, nlp, n_process=2, batch_size=8)
        assert report.added == [a.id for a in ten]
        assert quads(store) == serial


def test_worker_batches_come_back_in_input_order(
    nlp, ten: list[Article], serial: set[str], tmp_path: Path
) -> None:
    """Batches of a few segments: each worker analyses several, results keep input order."""
    from kg.workers import analyse_in_processes

    came_back: list[str] = []

    def analyse(items: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for result in analyse_in_processes(items, workers=2, model=nlp, batch_segments=3):
            came_back.append(result.article.id)
            yield result

    with open_store(tmp_path / "store") as store:
        report = build(iter(ten), store, nlp, analyse=analyse)
        assert came_back == report.added == [a.id for a in ten]
        assert quads(store) == serial


def test_spawned_workers_load_the_model_by_package_name(
    nlp, ten: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is not used (not Linux), workers start afresh and load the same model."""
    import kg.workers
    from kg.workers import analyse_in_processes

    monkeypatch.setattr(kg.workers, "_FORK", False)
    three = ten[:3]
    spawned = list(analyse_in_processes(three, workers=1, model=nlp, batch_segments=1))
    assert [r.article.id for r in spawned] == [a.id for a in three]
    assert [r.facts for r in spawned] == [r.facts for r in analyse_articles(three, nlp)]


def test_spawned_workers_refuse_a_pipeline_not_installed_as_a_package(
    ten: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    import kg.workers
    from kg.errors import ModelError
    from kg.workers import analyse_in_processes, processes_can_load

    monkeypatch.setattr(kg.workers, "_FORK", False)
    blank = spacy.blank("en")
    assert not processes_can_load(blank)
    with pytest.raises(ModelError, match="not an installed package"):
        analyse_in_processes(ten, workers=2, model=blank)


def test_dask_cluster_gives_the_serial_store(
    source: str, ten: list[Article], serial: set[str], tmp_path: Path
) -> None:
    pytest.importorskip("dask.distributed")
    from kg.distributed import dask_analysis
    from kg.nlp import load_model

    nlp = load_model()
    with open_store(tmp_path / "store") as store:
        # Batches of two: five batches spread over two worker processes.
        with dask_analysis("local", batch_size=2, window=3) as analyse:
            report = build(iter(ten), store, nlp, analyse=analyse)
        assert report.added == [a.id for a in ten]
        if kg_source_digest() != source:  # the workers imported kg afresh
            pytest.skip("kg's source changed while the builds ran: they need not agree")
        assert quads(store) == serial
        # An unchanged corpus sends nothing to the cluster.
        with dask_analysis("local", batch_size=2, processes=False) as analyse:
            again = build(iter(ten), store, nlp, analyse=analyse)
        assert again.unchanged == [a.id for a in ten] and again.articles == 0
        assert quads(store) == serial
