"""Tests for kg.eval.meantime: event/participant matching, roles, precision, readers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.eval.meantime import (
    ROLE_MAP,
    GoldLink,
    MeantimeResult,
    evaluate_meantime,
    format_table,
    read_gold,
    read_meantime_article,
    score_meantime,
    sentence_blocks,
)
from kg.model import Argument, Fact, Predicate, Span

TEXT = (
    "Boeing loses tanker deal\n\n"
    "March 01, 2008\n\n"
    "Boeing lost the contract to Airbus on Friday.\n\n"
    "The deal was signed in Paris.\n\n"
    "Analysts were surprised."
)


def at(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def link(
    event: str,
    role: str,
    participant: str,
    *,
    ev_nth: int = 0,
    p_nth: int = 0,
    doc: str = "d1",
    topic: str = "airbus",
    event_id: str | None = None,
) -> GoldLink:
    es, ee = at(event, ev_nth)
    ps, pe = at(participant, p_nth)
    sentence = next(k for k, (s, e) in enumerate(sentence_blocks(TEXT)) if s <= es < e)
    return GoldLink(
        doc, topic, sentence, event, es, ee, event_id or f"{es}", role, participant, ps, pe
    )


def span(phrase: str, role: str | None = None, nth: int = 0) -> Span:
    s, e = at(phrase, nth)
    return Span(phrase, s, e, role=role)


def fact(
    pred: str,
    subject: Span | None = None,
    obj: Span | None = None,
    args: tuple[Argument, ...] = (),
    pred_nth: int = 0,
) -> Fact:
    return Fact(
        "d1",
        0,
        "",
        0,
        0,
        predicate=span(pred, nth=pred_nth),
        subject=subject,
        object=obj,
        arguments=args,
    )


GOLD = [
    link("lost", "Arg0", "Boeing", p_nth=1),
    link("lost", "Arg1", "the contract"),
    link("lost", "Arg2", "Airbus"),
    link("signed", "Arg1", "The deal"),
]


def score(facts: list[Fact], gold: list[GoldLink] = GOLD, **kw: object) -> MeantimeResult:
    return score_meantime(gold, {"d1": facts}, {"d1": TEXT}, **kw)  # type: ignore[arg-type]


def test_sentence_blocks_follow_blank_lines() -> None:
    blocks = sentence_blocks(TEXT)
    assert len(blocks) == 5
    assert TEXT[blocks[2][0] : blocks[2][1]].startswith("Boeing lost")


def test_full_match_with_right_roles() -> None:
    to = Argument("recipient", "Airbus", *at("Airbus"), prep="to")
    f1 = fact("lost", span("Boeing", "agent", 1), span("the contract", "patient"), (to,))
    f2 = fact("was signed", span("The deal", "patient"))
    s = score([f1, f2]).overall
    assert (s.links, s.links_found, s.recall) == (4, 4, 1.0)
    assert s.role_recall("Arg0") == 1.0 and s.role_recall("Arg1") == 1.0
    assert s.role_recall("Arg2") == 1.0
    assert (s.facts, s.facts_correct, s.precision) == (2, 2, 1.0)
    assert (s.events, s.events_found) == (2, 2)


def test_found_but_wrong_role() -> None:
    # a passive reading gave Boeing the patient role: found, not role-correct for Arg0
    f = fact("lost", span("Boeing", "patient", 1), span("the contract", "theme"))
    s = score([f]).overall
    assert s.links_found == 2
    assert s.role_correct == {"Arg0": 0, "Arg1": 1, "Arg2": 0}
    assert s.role_recall("Arg0") == 0.0 and s.role_recall("Arg1") == 0.5  # 2 Arg1 links
    assert s.recall == 0.5


def test_partial_participant_overlap_counts() -> None:
    f = fact("lost", span("contract to Airbus", "patient"))
    s = score([f]).overall
    # overlaps both "the contract" (Arg1) and "Airbus" (Arg2)
    assert s.links_found == 2
    assert s.role_correct == {"Arg0": 0, "Arg1": 1, "Arg2": 0}


def test_predicate_must_match_the_event() -> None:
    # right participants, wrong predicate ("loses" in the headline): nothing found
    f = fact("loses", span("Boeing", "agent", 1), span("the contract", "patient"))
    s = score([f]).overall
    assert s.links_found == 0 and s.events_found == 0


def test_longer_predicate_covers_event() -> None:
    f = fact("lost the contract to", span("Boeing", "agent", 1))
    assert score([f]).overall.links_found == 1


def test_event_covering_predicate_matches() -> None:
    gold = [link("was signed", "Arg1", "The deal")]
    f = fact("signed", span("The deal", "patient"))
    assert score([f], gold).overall.recall == 1.0


def test_predicate_head_inside_event_matches() -> None:
    # the event "lost the" neither covers nor lies inside predicate "Boeing lost";
    # only the head offsets ("lost") put the predicate on the event
    gold = [link("lost the", "Arg1", "contract", event_id="x")]
    f = fact("Boeing lost", obj=span("contract", "patient"))
    assert score([f], gold).overall.recall == 0.0
    headed = replace(f, predicate=replace(f.predicate, head=at("lost")))
    assert score([headed], gold).overall.recall == 1.0


def test_precision_counts_annotated_sentences_only() -> None:
    good = fact("lost", span("Boeing", "agent", 1))
    wrong = fact("lost", span("Friday", "time"))  # right event, participant not in gold
    other = fact("were surprised", span("Analysts", "agent"))  # sentence has no gold event
    s = score([good, wrong, other]).overall
    assert (s.facts, s.facts_correct) == (2, 1)
    assert s.precision == 0.5


def test_topics_and_documents_add_up() -> None:
    g2 = [link("signed", "Arg1", "The deal", doc="d2", topic="apple")]
    f1 = fact("lost", span("Boeing", "agent", 1))
    r = score_meantime(GOLD + g2, {"d1": [f1], "d2": []}, {"d1": TEXT, "d2": TEXT})
    assert set(r.topics) == {"airbus", "apple"}
    assert r.topics["airbus"].links_found == 1 and r.topics["apple"].links == 1
    assert (r.overall.links, r.overall.links_found, r.overall.documents) == (5, 1, 2)
    assert r.documents["d2"].recall == 0.0
    table = format_table(r)
    assert table.splitlines()[-1].startswith("all") and "apple" in table


def test_empty_facts_score_zero() -> None:
    s = score([]).overall
    assert (s.recall, s.precision, s.f1, s.role_recall("Arg0")) == (0.0, 0.0, 0.0, 0.0)


def test_role_map_covers_core_roles() -> None:
    assert ROLE_MAP["Arg0"] == {"agent"}
    assert {"patient", "theme"} <= ROLE_MAP["Arg1"]
    assert "location" in ROLE_MAP["ArgM-LOC"]


def test_gold_offsets_index_articles(shared_data: Path) -> None:
    base = shared_data / "meantime"
    gold = read_gold(base / "gold.jsonl")
    assert len(gold) == 1102 and {g.topic for g in gold} == {"airbus", "apple"}
    article = read_meantime_article(base / "articles" / "100911.txt")
    rows = [g for g in gold if g.doc_id == "100911"]
    assert all(article.text[g.participant_start : g.participant_end] == g.participant for g in rows)
    # the date line (block 1) is not parsed
    blocks = sentence_blocks(article.text)
    assert all(seg.start != blocks[1][0] for seg in article.segments)


def test_gold_as_facts_scores_one(shared_data: Path) -> None:
    """An oracle that turns each gold link into a fact recovers every link."""
    base = shared_data / "meantime"
    gold = read_gold(base / "gold.jsonl", doc_ids=["100911", "3307"])
    role_of = {"Arg0": "agent", "Arg1": "patient", "Arg2": "recipient", "ArgM-LOC": "location"}
    facts: dict[str, list[Fact]] = {}
    for g in gold:
        part = Argument(
            role_of.get(g.role, "other"), g.participant, g.participant_start, g.participant_end
        )
        facts.setdefault(g.doc_id, []).append(
            Fact(
                g.doc_id,
                0,
                "",
                0,
                0,
                predicate=Predicate(g.event, g.event_start, g.event_end),
                arguments=(part,),
            )
        )
    texts = {d: (base / "articles" / f"{d}.txt").read_text(encoding="utf-8") for d in facts}
    s = score_meantime(gold, facts, texts).overall
    assert s.recall == 1.0 and s.precision == 1.0
    assert s.role_recall("Arg0") == 1.0 and s.role_recall("Arg1") == 1.0


def test_extractor_recall_on_real_articles(shared_data: Path, nlp: object) -> None:
    base = shared_data / "meantime"
    r = evaluate_meantime(
        base / "articles",
        base / "gold.jsonl",
        nlp=nlp,  # type: ignore[arg-type]
        doc_ids=["100911", "3307", "1173"],
    )
    s = r.overall
    assert s.documents == 3 and 0.0 <= s.recall <= 1.0
    assert s.recall >= 0.4  # measured 0.72 with kg.dep.v1 on 2026-11-27


def test_meantime_dev_figures_meet_the_targets_and_do_not_drop(
    shared_data: Path, nlp: object
) -> None:
    """The events issue's targets (recall ≥ .55, Arg0/Arg1 ≥ .45; Arg1 ≥ .70 for the
    strict-benchmarks issue; precision ≥ .75 for the graph-worth-reading issue) and the
    measured level: overall recall .780, Arg0 .721, Arg1 .728, precision .786 when last
    reported, events only (with descriptions: recall .782, precision .661); floors sit 0.01
    below so that a later change cannot lower them unnoticed."""
    from kg.eval.meantime import evaluate_meantime

    data = shared_data / "meantime"
    result = evaluate_meantime(data / "articles", data / "gold.jsonl", nlp=nlp)  # type: ignore[arg-type]
    overall = result.overall
    assert overall.recall >= 0.772
    assert overall.role_recall("Arg0") >= 0.711
    assert overall.role_recall("Arg1") >= 0.718
    assert overall.precision >= 0.776
    for topic in ("airbus", "apple"):
        assert result.topics[topic].recall >= 0.55
