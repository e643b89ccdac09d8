"""Open-IE output: binary facts, descriptions left out unless asked (kg.extract._openie)."""

from __future__ import annotations

import json

import pytest

from kg.analyse import analyse_text
from kg.extract import binary_facts, extract_text, facts_to_carb_lines, format_facts, open_ie_facts
from kg.model import Role, fact_from_dict, fact_to_dict
from tests.test_cli import run_kg

CHAINED = "The guard chained the prisoner to the railing for two hours."
IMPRISONED = "Maria Kolesnikova has been imprisoned in Minsk since 2020."
DESCRIBED = (
    "Opposition leader Svetlana Tikhanovskaya thanked Ukraine. John Coale, the special envoy, "
    "met Belarus's president. Four other countries in Europe have approved the drug."
)


def triples(facts):
    return [(f.subject.text, f.predicate.text, f.object.text if f.object else None) for f in facts]


def test_binary_gives_one_fact_per_argument_with_the_direct_object_in_the_relation(nlp):
    assert triples(binary_facts(extract_text(CHAINED, nlp))) == [
        ("The guard", "chained", "the prisoner"),
        ("The guard", "chained the prisoner to", "the railing"),
        ("The guard", "chained the prisoner for", "two hours"),
    ]


def test_binary_keeps_the_argument_role_and_entity(nlp):
    facts = list(binary_facts(analyse_text(IMPRISONED, nlp).facts))
    assert triples(facts) == [
        ("Maria Kolesnikova", "has been imprisoned in", "Minsk"),
        ("Maria Kolesnikova", "has been imprisoned since", "2020"),
    ]
    assert [(f.object.role, f.object.prep) for f in facts] == [
        (Role.LOCATION, "in"),
        (Role.TIME, "since"),
    ]
    assert all(f.arguments == () for f in facts)
    assert [f.undergoer for f in facts] == ["subject", "subject"]


def test_the_analysis_keeps_the_nary_event(nlp):
    (fact,) = [f for f in analyse_text(CHAINED, nlp).facts if f.rule == "svo"]
    assert fact.object.text == "the prisoner"
    assert [(a.prep, a.text) for a in fact.arguments] == [
        ("to", "the railing"),
        ("for", "two hours"),
    ]


def test_descriptions_are_marked_by_their_rules(nlp):
    kinds = {(f.rule, f.kind) for f in extract_text(DESCRIBED, nlp)}
    assert {
        ("title", "description"),
        ("apposition", "description"),
        ("possessive", "description"),
        ("located", "description"),
        ("svo", "event"),
    } <= kinds


def test_open_ie_output_leaves_descriptions_out_unless_asked(nlp):
    facts = extract_text(DESCRIBED, nlp)
    shown = {f.rule for f in open_ie_facts(facts)}
    assert shown == {"svo"}
    assert {f.rule for f in open_ie_facts(facts, descriptions=True)} >= {"title", "apposition"}
    lines = facts_to_carb_lines(facts)
    assert [line.split("\t")[2] for line in lines] == ["thanked", "met", "have approved"]
    assert len(facts_to_carb_lines(facts, descriptions=True)) > len(lines)


def test_an_address_is_no_second_name(nlp):
    facts = extract_text("The concert is held at the City Hall, Baker Street.", nlp)
    f = next(f for f in facts if f.rule == "apposition")
    assert (f.subject.text, f.predicate.text, f.object.text) == (
        "the City Hall",
        "is on",
        "Baker Street",
    )
    assert f.object.role == Role.LOCATION and f.kind == "description"


def test_fact_records_keep_kind_and_object_preposition(nlp):
    f = next(iter(binary_facts(analyse_text(IMPRISONED, nlp).facts)))
    record = json.loads(json.dumps(fact_to_dict(f)))
    assert (record["kind"], record["object"]["prep"]) == ("event", "in")
    assert fact_from_dict(record) == f


@pytest.fixture()
def described_file(tmp_path):
    path = tmp_path / "described.txt"
    path.write_text(f"{DESCRIBED} {CHAINED}\n", encoding="utf-8")
    return path


def test_cli_carb_binary_prints_binary_lines_without_descriptions(described_file):
    done = run_kg("extract", str(described_file), "--format", "carb", "--binary")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t")[2:] for line in done.stdout.splitlines()]
    assert ["chained the prisoner to", "The guard", "the railing"] in rows
    assert all(len(row) == 3 for row in rows)
    assert not any(row[0] in ("is", "has", "is in") for row in rows)


def test_cli_descriptions_adds_them_to_open_ie_output(described_file):
    done = run_kg("extract", str(described_file), "--format", "carb", "--descriptions")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t")[2:] for line in done.stdout.splitlines()]
    assert ["is", "Svetlana Tikhanovskaya", "Opposition leader"] in rows
    assert ["is in", "Four other countries", "Europe"] in rows


def test_cli_jsonl_is_nary_with_kinds_and_binary_on_request(described_file):
    nary = run_kg("extract", str(described_file), "--date", "2025-12-14")
    binary = run_kg("extract", str(described_file), "--date", "2025-12-14", "--binary")
    assert nary.returncode == binary.returncode == 0, nary.stderr + binary.stderr
    nary_records = [json.loads(line) for line in nary.stdout.splitlines()]
    binary_records = [json.loads(line) for line in binary.stdout.splitlines()]
    assert {r["kind"] for r in nary_records} == {"event", "description"}
    assert {r["kind"] for r in binary_records} == {"event"}
    assert all(r["arguments"] == [] for r in binary_records)
    chained = [r["predicate"]["text"] for r in binary_records if r["rule"] == "svo"]
    assert "chained the prisoner for" in chained
    # each binary fact names the report and the happening of the n-ary fact it comes from
    event_of = {r["report"]: r["event"] for r in nary_records}
    assert all(r["event"] and r["event"] == event_of[r["report"]] for r in binary_records)


def test_binary_facts_give_no_fact_for_a_noun_the_relation_took_in(nlp):
    # examples/articles/belarus-prisoners-2025-12-14.txt: "agreed to lift certain sanctions"
    facts = extract_text("The US agreed to lift sanctions on potash.", nlp)
    lines = [x.split("\t")[2:] for x in format_facts(facts, "carb", binary=True)]
    assert lines == [["agreed to lift sanctions on", "The US", "potash"]]


def test_carb_lines_do_not_repeat_a_noun_the_relation_took_in(nlp):
    facts = extract_text("The US agreed to lift sanctions on potash .", nlp)
    assert [x.split("\t")[2:] for x in facts_to_carb_lines(facts)] == [
        ["agreed to lift sanctions on", "The US", "potash"]
    ]


def test_carb_lines_write_a_preposition_as_the_sentence_does(nlp):
    """A sentence-initial time keeps its capital: "In 1961", as CaRB's annotators copy it."""
    lines = facts_to_carb_lines(extract_text("In 1961 , Gagarin flew into space .", nlp))
    assert [x.split("\t")[2:] for x in lines] == [["flew into", "Gagarin", "space", "In 1961"]]


@pytest.mark.parametrize(
    ("sentence", "argument"),
    [
        # a phrase quoted whole keeps both quote marks
        ("The band was renamed `` The Stars '' by its label .", "`` The Stars ''"),
        # a quoted clause keeps the closing quote after its comma
        (
            "`` That burden is very difficult to meet , '' says Mr. Boyd .",
            "`` That burden is very difficult to meet , ''",
        ),
    ],
)
def test_quoted_arguments_keep_their_quote_marks(nlp, sentence, argument):
    facts = extract_text(sentence, nlp)
    shown = [f.object.text for f in facts if f.object is not None]
    assert any(text.startswith(argument) for text in shown), shown
