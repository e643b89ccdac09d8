"""ECB+ cross-document coreference harness: ingest offsets, the lemma baseline, the alignment
rule, the CLI, and (slow) the full dev figures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.eval.ecbplus import (
    GoldMention,
    Head,
    Parses,
    PredictedMention,
    align_mentions,
    evaluate_ecbplus,
    format_table,
    gold_heads,
    predicted_mentions,
    read_gold,
)

KG = str(Path(sys.executable).parent / "kg")
#: Topic 35 (dev): two ecb articles on Vincent Jackson's arrest, one ecbplus on Jamal Williams'.
TINY = ("35_4ecb", "35_5ecb", "35_8ecbplus")


def _ecbplus() -> Path:
    from conftest import require_shared

    return require_shared() / "ecbplus"


def _subset(dst: Path, docs: tuple[str, ...]) -> Path:
    """An ECB+ folder holding only ``docs``: their gold rows and article texts, unchanged."""
    src = _ecbplus()
    (dst / "coref").mkdir(parents=True)
    for name in ("mentions.jsonl", "documents.jsonl"):
        with (src / "coref" / name).open(encoding="utf-8") as fh:
            rows = [line for line in fh if json.loads(line)["doc"] in docs]
        (dst / "coref" / name).write_text("".join(rows), encoding="utf-8")
    for doc in docs:
        topic = doc.split("_")[0]
        (dst / "articles" / topic).mkdir(parents=True, exist_ok=True)
        shutil.copy(src / "articles" / topic / f"{doc}.txt", dst / "articles" / topic)
    return dst


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _subset(tmp_path_factory.mktemp("ecbplus"), TINY)


@pytest.fixture(scope="module")
def tiny_result(tiny, nlp):
    return evaluate_ecbplus(tiny, split="dev", nlp=nlp)


def _r(prf: tuple[float, ...]) -> list[float]:
    return [round(x, 4) for x in prf]


# -- the gold and kg's reading of the articles -----------------------------------------------


@pytest.mark.parametrize("doc", ["2_1ecb", "35_8ecbplus", "5_3ecbplus", "12_10ecb"])
def test_kg_ingest_keeps_the_text_the_gold_offsets_index(doc):
    """kg's .txt reader takes the first line as headline and may see a date line or dateline:
    that sets segments only; the id is the file stem and the offsets index the same text."""
    from kg.ingest import read_articles

    data = _ecbplus()
    _docs, mentions = read_gold(data, "dev")
    topic = doc.split("_")[0]
    (article,) = read_articles([data / "articles" / topic / f"{doc}.txt"])
    assert article.id == doc
    mine = [m for m in mentions if m.doc == doc]
    assert mine
    for m in mine:
        assert article.text[m.start : m.end] == m.text
        # and every validated gold mention is inside a segment kg parses
        assert any(s.start <= m.start and m.end <= s.end for s in article.content_segments())


def test_read_gold_keeps_validated_dev_mentions_only():
    docs, mentions = read_gold(_ecbplus(), "dev")
    # The data README's counts: 197 dev articles; validated mentions 1,245 events and
    # 1,476 entity + time.
    assert len(docs) == 197
    assert sum(m.group == "events" for m in mentions) == 1245
    assert sum(m.group == "entities" for m in mentions) == 1476
    assert {d.split for d in docs} == {"dev"}


def test_read_gold_refuses_the_held_out_test_split():
    from kg.errors import KgError

    with pytest.raises(KgError, match="test gold is held out"):
        read_gold(_ecbplus(), "test")


def test_a_folder_without_the_gold_gets_one_line_saying_where_ecbplus_comes_from(tmp_path):
    from kg.errors import InputError

    (tmp_path / "articles").mkdir()
    with pytest.raises(InputError) as err:
        evaluate_ecbplus(tmp_path)
    message = str(err.value)
    assert message.startswith(f"{tmp_path}: no coref/mentions.jsonl here")
    assert "ECB+ 1.0" in message and "EventStoryLine" in message and "\n" not in message


# -- the gold-mentions setting: same-head lemma on three dev articles --------------------------


def test_gold_heads_are_the_roots_lemmas_in_context(tiny, nlp):
    docs, mentions = read_gold(tiny, "dev")
    texts = {d.doc: (tiny / d.file).read_text(encoding="utf-8") for d in docs}
    heads = gold_heads(mentions, Parses.of_validated(docs, texts, nlp))
    lemma = {(m.doc, m.text): heads[m.id].lemma for m in mentions}
    assert lemma[("35_5ecb", "ARRESTED")] == "arrest"  # a headline in capitals
    assert lemma[("35_4ecb", "drunken driving")] == "driving"  # the root of a phrase
    assert lemma[("35_4ecb", "Vincent Jackson")] == "jackson"
    assert lemma[("35_5ecb", "RECEIVER")] == "receiver"


def test_same_head_lemma_baseline_on_three_dev_articles(tiny_result):
    r = tiny_result.splits["dev"]
    assert r.documents == 3
    # Events (9). Key: A482 {35_4 arrested, 35_5 ARRESTED, 35_5 arrested}, A871 {suspicion ×2},
    # A639 {drunken driving ×2}, A497 {35_8ecbplus arrested}, A402 {DUI}.
    # Within subtopics the ecbplus "arrested" stays apart from the ecb ones: the response is
    # the key.
    sub = r.row("gold", "events", "same-head-lemma (subtopic)").scores
    assert (sub.muc.f1, sub.b3.f1, sub.ceafe.f1, sub.lea.f1) == (1.0, 1.0, 1.0, 1.0)
    # Within the topic: arrest {4}, suspicion {2}, driving {2}, dui {1}.
    top = r.row("gold", "events", "same-head-lemma (topic)").scores
    # MUC R 4/4; P: the arrest cluster spans 2 key chains, (4-2)/3, + 1/1 + 1/1 = 4/5.
    assert _r(top.muc) == [0.8, 1.0, 0.8889]
    # B³ P: arrest (3² + 1²)/4 = 2.5, + 2 + 2 + 1 = 7.5/9.
    assert _r(top.b3) == [0.8333, 1.0, 0.9091]
    # CEAF-e: A482-arrest 6/7 + 1 + 1 + 1 = 3.857; P over 4 clusters, R over 5.
    assert _r(top.ceafe) == [0.9643, 0.7714, 0.8571]
    # LEA R: 3·3/3 + 2 + 2 + 0 (A497 is not alone) + 1 (DUI) = 8/9.
    #     P: arrest 4·3/6 = 2, + 2 + 2 + 1 (dui) = 7/9.
    assert _r(top.lea) == [0.7778, 0.8889, 0.8296]  # F 2·(7/9)(8/9)/(15/9)
    assert round(top.conll, 4) == 0.885
    # No topic information: the same here (one topic).
    assert r.row("gold", "events", "same-head-lemma (corpus)").scores == top

    # Entities + times (7). Key: HUM556 {Vincent Jackson ×2, RECEIVER}, TIM404 {yesterday ×2},
    # {Chargers}, {Jamal Williams}. Response: jackson {2}, receiver, yesterday {2}, chargers,
    # williams.
    ent = r.row("gold", "entities", "same-head-lemma (topic)").scores
    # MUC R (3-2)/2 + 1/1 = 2/3, P 2/2.
    assert _r(ent.muc) == [1.0, 0.6667, 0.8]
    # B³ R: (2² + 1²)/3 + 2 + 1 + 1 = 17/3 over 7.
    assert _r(ent.b3) == [1.0, 0.8095, 0.8947]
    # CEAF-e: HUM-jackson 4/5 + 1 + 1 + 1 = 3.8; P over 5, R over 4.
    assert _r(ent.ceafe) == [0.76, 0.95, 0.8444]
    # LEA R: 3·1/3 + 2 + 1 + 1 = 5/7; P: 2 + 0 (receiver is not alone in the key) + 2 + 1 + 1.
    assert _r(ent.lea) == [0.8571, 0.7143, 0.7792]
    assert round(ent.conll, 4) == 0.8464

    single = r.row("gold", "events", "singletons").scores
    # B³ R: each key chain c scores |c|·(1/|c|) = 1: 5 chains over 9 mentions; MUC 0.
    assert _r(single.b3) == [1.0, 0.5556, 0.7143]
    assert single.muc.f1 == 0.0


def test_kg_rows_count_mentions_the_way_the_alignment_does(tiny_result):
    r = tiny_result.splits["dev"]
    for group in ("events", "entities"):
        row = r.row("predicted", group, "kg")
        assert row.gold == {"events": 9, "entities": 7}[group]
        assert row.predicted is not None and row.matched is not None
        assert 0 < row.matched <= min(row.gold, row.predicted)
        assert row.mention_recall == row.matched / row.gold
        assert row.mention_precision == row.matched / row.predicted
    # kg reads the arrest in every article (a verb with a subject): 3 of 3 predicted events
    # in the validated sentences match a gold event.
    events = r.row("predicted", "events", "kg")
    assert events.mention_precision == 1.0
    # Events are grouped into happenings (kg.identity): the arrests reported in several
    # articles are one cluster, so kg links what singletons cannot (MUC above 0).
    kg_gold = r.row("gold", "events", "kg").scores
    assert kg_gold.muc.recall > r.row("gold", "events", "singletons").scores.muc.recall == 0


def test_predicted_mentions_are_the_stored_events_and_entity_mentions(tiny, nlp):
    from kg.ingest import read_articles
    from kg.pipeline import build
    from kg.store import open_store

    path = tiny / "articles" / "35" / "35_8ecbplus.txt"
    text = path.read_text(encoding="utf-8")
    with open_store(None) as store:
        build(list(read_articles([path])), store, nlp)
        found = predicted_mentions(store)
        descriptions = {
            str(row[0])  # type: ignore[index]
            for row in store.query(
                'SELECT ?e WHERE { ?e kg:eventType ?t FILTER(?t IN ("be", "have")) }'
            )
        }
    events = {text[p.start : p.end] for p in found["events"]}
    assert any("arrested" in e for e in events)
    assert all(p.doc == "35_8ecbplus" for group in found.values() for p in group)
    # an event's cluster is its happening; a description has none and is its own
    alone = {p.cluster for p in found["events"] if "/id/happening/35_8ecbplus/" not in p.cluster}
    assert alone <= descriptions and len(alone) < len(found["events"])
    entities = {text[p.start : p.end]: p.cluster for p in found["entities"]}
    assert entities["Jamal Williams"].endswith("/entity/person/jamal-williams")


# -- the alignment rule, on hand-made mentions -------------------------------------------------

SENTENCE = "Hugh Jackman, the Australian actor, has been fired as host of the Oscars."


def _gold(text: str, kind: str, m_id: str, pieces: tuple[tuple[int, int], ...] = ()) -> GoldMention:
    start = SENTENCE.index(text)
    return GoldMention(
        "d", m_id, 1, "ecb", kind, start, start + len(text), text, f"c{m_id}", 0,
        pieces or ((start, start + len(text)),),
    )  # fmt: skip


def _pred(text: str, cluster: str = "x") -> PredictedMention:
    start = SENTENCE.index(text)
    return PredictedMention("d", start, start + len(text), cluster)


@pytest.fixture(scope="module")
def parses(nlp) -> Parses:
    return Parses({"d": [(0, nlp(SENTENCE))]})


def test_alignment_needs_the_predicted_root_inside_the_gold_mention(parses):
    gold = [_gold("Hugh Jackman", "entity", "1"), _gold("the Australian actor", "entity", "2")]
    # The apposition's root is "Jackman": it can only match "Hugh Jackman".
    assert align_mentions(gold, [_pred("Hugh Jackman, the Australian actor")], parses) == {
        0: ("d", "1")
    }
    # "has been" (root "been") does not match the event "fired"; "has been fired as" does.
    fired = [_gold("fired", "event", "3")]
    assert align_mentions(fired, [_pred("has been"), _pred("has been fired as")], parses) == {
        1: ("d", "3")
    }


def test_alignment_is_one_to_one_best_pair_first(parses):
    gold = [_gold("Hugh Jackman", "entity", "1")]
    # All three have the gold root; "Jackman" shares fewer tokens; the exact span beats the
    # apposition on closeness of length. The others stay spurious.
    predicted = [
        _pred("Hugh Jackman, the Australian actor"),
        _pred("Jackman"),
        _pred("Hugh Jackman"),
    ]
    assert align_mentions(gold, predicted, parses) == {2: ("d", "1")}
    assert align_mentions(gold, predicted[:2], parses) == {0: ("d", "1")}


def test_alignment_prefers_the_gold_mention_with_the_same_root(parses):
    # "host of the Oscars" (root "host") lies over two gold mentions; its root is in "host"
    # only, so the nested "the Oscars" is not matched by it.
    gold = [_gold("host", "entity", "4"), _gold("the Oscars", "entity", "5")]
    assert align_mentions(gold, [_pred("host of the Oscars")], parses) == {0: ("d", "4")}


def test_alignment_of_a_discontinuous_gold_mention(nlp):
    text = "She checked herself into rehab on Friday."
    parses = Parses({"d": [(0, nlp(text))]})
    gold = GoldMention("d", "1", 1, "ecb", "event", 4, 24, "checked herself into", "c", 0,
                       ((4, 11), (20, 24)))  # fmt: skip
    # "herself" overlaps the extent of "checked … into" but is in none of its tokens.
    predicted = [PredictedMention("d", 12, 19, "x"), PredictedMention("d", 4, 24, "y")]
    assert align_mentions([gold], predicted, parses) == {1: ("d", "1")}
    assert gold_heads([gold], parses)[gold.id] == Head(4, 11, "check")


# -- the CLI -----------------------------------------------------------------------------------


def test_cli_prints_both_tables(tiny):
    proc = subprocess.run(
        [KG, "eval", "ecbplus", str(tiny)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("ECB+ dev: 3 articles, validated sentences, singletons kept")
    topic = next(ln for ln in lines if ln.startswith("events    same-head-lemma (topic)"))
    assert topic.split()[-1] == "88.5"
    assert any(ln.startswith("group     predicted mentions") for ln in lines)


def test_cli_json_has_the_rows(tiny):
    proc = subprocess.run(
        [KG, "eval", "ecbplus", str(tiny), "--format", "json", "--setting", "gold"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    rows = data["dev"]["rows"]
    assert {r["setting"] for r in rows} == {"gold"}
    row = next(
        r for r in rows if r["system"] == "same-head-lemma (topic)" and r["group"] == "events"
    )
    assert round(row["conll_f1"], 4) == 0.885
    assert round(row["muc"]["precision"], 4) == 0.8


def test_cli_errors_are_one_line(tmp_path):
    proc = subprocess.run([KG, "eval", "ecbplus", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"kg: error: {tmp_path}: not an ECB+ folder (no coref/menti")
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = subprocess.run(
        [KG, "eval", "ecbplus", str(tmp_path), "--split", "test"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "kg: error: --split test: choose train, dev, both"


# -- the full dev split (slow: make bench) ----------------------------------------------------

#: The data README's same-head-lemma figures (CoNLL F1, dev): events within subtopics and
#: topics, entity + time within subtopics and topics.
README_LEMMA = {
    ("events", "subtopic"): 76.3,
    ("events", "topic"): 71.5,
    ("entities", "subtopic"): 69.4,
    ("entities", "topic"): 69.2,
}


@pytest.mark.slow
@pytest.mark.parametrize("lemma_parse", ["article", "mention"])
def test_full_dev_reproduces_the_readme_lemma_baseline(nlp, lemma_parse):
    started = time.perf_counter()
    result = evaluate_ecbplus(_ecbplus(), split="dev", nlp=nlp, lemma_parse=lemma_parse)
    print(format_table(result), f"\n({time.perf_counter() - started:.0f} s)")
    r = result.splits["dev"]
    for (group, scope), figure in README_LEMMA.items():
        conll = 100 * r.row("gold", group, f"same-head-lemma ({scope})").scores.conll
        assert abs(conll - figure) <= 0.5, (group, scope, conll, figure)
    events = r.row("predicted", "events", "kg")
    assert events.gold == 1245
    # kg's facts today: about half the gold events, most of what it reads is a gold event.
    assert events.mention_recall is not None and events.mention_recall > 0.45
    assert events.mention_precision is not None and events.mention_precision > 0.75
