"""The named queries in kg/queries, run on graphs built by kg.rdf from hand-made facts."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# The embedded/remote store fixtures (and the Oxigraph server they need) are shared.
from test_store import oxigraph_server, store  # noqa: F401

from kg.errors import QueryError
from kg.ingest import read_articles
from kg.model import Argument, Article, Entity, Fact, Mention, Predicate, Span, TimeValue
from kg.pipeline import build
from kg.rdf import article_graph, article_iri
from kg.rdf._iri import _TYPE_CLASSES
from kg.store import GraphStore, named_queries, open_store, run_named_query
from kg.store._named import Param, bind_named_query, parse_named_query
from kg.vocab import KG
from tests.conftest import EXAMPLES

INJECTION = '" } ; DROP ALL #'


def _span(text: str, sentence: str, part: str, **kw: str | None) -> Any:
    start = text.index(sentence) + sentence.index(part)
    if "lemma" in kw:
        return Predicate(part, start, start + len(part), **kw)  # type: ignore[arg-type]
    return Span(part, start, start + len(part), **kw)  # type: ignore[arg-type]


def _fact(article: Article, n: int, sentence: str, **parts: object) -> Fact:
    start = article.text.index(sentence)
    return Fact(article.id, n, sentence, start, start + len(sentence), **parts)  # type: ignore[arg-type]


def belarus_article() -> tuple[Article, list[Fact], list[Entity]]:
    s0 = "Belarus frees 123 prisoners on Saturday"
    s1 = "The United States lifted sanctions on Belarus"
    text = f"{s0}\n\n{s1}."
    a = Article(id="belarus", text=text, title=s0, published=date(2025, 12, 14))
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(text, s0, "frees", lemma="free"),
            subject=_span(text, s0, "Belarus", entity="Belarus", type="GPE", role="agent"),
            object=_span(text, s0, "123 prisoners", role="patient"),
            time=TimeValue("Saturday", value="2025-12-13"),
        ),
        _fact(
            a,
            1,
            s1,
            predicate=_span(text, s1, "lifted", lemma="lift"),
            subject=_span(text, s1, "United States", entity="United States", type="GPE"),
            object=_span(text, s1, "sanctions", role="patient"),
            arguments=(
                Argument(
                    "theme",
                    "Belarus",
                    text.rindex("Belarus"),
                    text.rindex("Belarus") + 7,
                    entity="Belarus",
                    type="GPE",
                    prep="on",
                ),
            ),
        ),
    ]
    entities = [
        Entity(
            "Belarus",
            "GPE",
            aliases=("Republic of Belarus",),
            mentions=(Mention("belarus", "Belarus", 0, 7, "GPE", 0),),
        ),
        Entity("United States", "GPE", aliases=("US",)),
    ]
    return a, facts, entities


def undated_article() -> tuple[Article, list[Fact], list[Entity]]:
    """An article with no date whose facts have no time: undated events."""
    s0 = "Svetlana Tikhanovskaya met the envoy"
    s1 = "Maria Kolesnikova thanked Lithuania"
    text = f"{s0}.\n\n{s1}."
    a = Article(id="undated", text=text)
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(text, s0, "met", lemma="meet"),
            subject=_span(
                text, s0, "Svetlana Tikhanovskaya", entity="Svetlana Tikhanovskaya", type="PERSON"
            ),
            object=_span(text, s0, "the envoy", role="patient"),
        ),
        _fact(
            a,
            1,
            s1,
            predicate=_span(text, s1, "thanked", lemma="thank"),
            subject=_span(text, s1, "Maria Kolesnikova", entity="Maria Kolesnikova", type="PER"),
            object=_span(text, s1, "Lithuania", entity="Lithuania", type="LOC"),
        ),
    ]
    entities = [
        Entity("Svetlana Tikhanovskaya", "PERSON"),
        Entity("Maria Kolesnikova", "PER"),
        Entity("Lithuania", "LOC"),
    ]
    return a, facts, entities


def bialiatski_article() -> tuple[Article, list[Fact], list[Entity]]:
    s0 = "Ales Bialiatski did not thank Belarus"
    a = Article(id="bialiatski", text=s0 + ".", published=date(2025, 12, 20))
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "thank", lemma="thank"),
            subject=_span(s0, s0, "Ales Bialiatski", entity="Ales Bialiatski", type="PERSON"),
            object=_span(s0, s0, "Belarus", entity="Belarus", type="GPE"),
            negated=True,
        )
    ]
    return a, facts, [Entity("Ales Bialiatski", "PERSON"), Entity("Belarus", "GPE")]


def copula_article() -> tuple[Article, list[Fact], list[Entity]]:
    """The newest article: one fact with a theme and an attribute, neither agent nor patient."""
    s0 = "Donald Trump is US President"
    a = Article(id="copula", text=s0 + ".", published=date(2025, 12, 21))
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "is", lemma="be"),
            subject=_span(
                s0, s0, "Donald Trump", entity="Donald Trump", type="PERSON", role="theme"
            ),
            object=_span(s0, s0, "US President", role="attribute"),
        )
    ]
    return a, facts, [Entity("Donald Trump", "PERSON")]


def sanctions_article() -> tuple[Article, list[Fact], list[Entity]]:
    """The demo's sentence: Belarus and the United States never in one event, but two events
    of one sentence share "certain sanctions" (the country is Belarus, by coreference)."""
    s0 = "The United States agreed to lift certain sanctions imposed on the country"
    a = Article(id="sanctions", text=s0 + ".", published=date(2025, 12, 14))
    country = s0.index("the country")
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "agreed to lift", lemma="lift"),
            subject=_span(s0, s0, "United States", entity="United States", type="GPE"),
            object=_span(s0, s0, "certain sanctions", role="patient"),
        ),
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "imposed on", lemma="impose on"),
            object=_span(s0, s0, "certain sanctions", role="patient"),
            arguments=(
                Argument(
                    "theme", "the country", country, country + 11, entity="Belarus", type="GPE"
                ),
            ),
        ),
    ]
    return a, facts, [Entity("United States", "GPE"), Entity("Belarus", "GPE")]


def kinds_article() -> tuple[Article, list[Fact], list[Entity]]:
    """Two events of one sentence whose patients name one kind ("sanction") in two phrases:
    two sets of sanctions, so no participant is shared."""
    s0 = "The US lifted sanctions on potash while the EU imposed new sanctions on Belarus"
    a = Article(id="kinds", text=s0 + ".", published=date(2025, 12, 14))
    facts = [
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "lifted", lemma="lift"),
            subject=_span(s0, s0, "US", entity="United States", type="GPE"),
            object=_span(s0, s0, "sanctions on potash", role="patient", concept="sanction"),
        ),
        _fact(
            a,
            0,
            s0,
            predicate=_span(s0, s0, "imposed", lemma="impose"),
            subject=_span(s0, s0, "EU", entity="European Union", type="ORG"),
            object=_span(s0, s0, "new sanctions", role="patient", concept="sanction"),
            arguments=(
                Argument(
                    "theme", "Belarus", s0.index("Belarus"), s0.index("Belarus") + 7,
                    entity="Belarus", type="GPE", prep="on",
                ),
            ),
        ),
    ]
    entities = [Entity("United States", "GPE"), Entity("European Union", "ORG"),
                Entity("Belarus", "GPE")]
    return a, facts, entities


@pytest.fixture
def news(store: GraphStore) -> GraphStore:  # noqa: F811
    for make in (belarus_article, bialiatski_article):
        article, facts, entities = make()
        store.put_article(article_iri(article.id), article_graph(article, facts, entities), "h")
    return store


@pytest.fixture
def more_news(news: GraphStore) -> GraphStore:
    """The news plus an undated article (two undated events, a PER and a LOC entity)."""
    article, facts, entities = undated_article()
    news.put_article(article_iri(article.id), article_graph(article, facts, entities), "h")
    return news


def rows(result: object) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.asdict().items()} for row in result]  # type: ignore[attr-defined]


# -- the catalogue ---------------------------------------------------------------------------
def test_named_queries_are_shipped_with_descriptions_and_params() -> None:
    queries = named_queries()
    expected = {
        "who-did-what": ["limit", "show", "kinds"],
        "timeline": ["entity", "show"],
        "actors-of": ["type"],
        "events-between": ["a", "b"],
        "every-fact-about": ["entity"],
        "happenings": ["limit"],
    }
    assert {name: [p.name for p in q.params] for name, q in queries.items()} == expected
    for q in queries.values():
        assert q.description.endswith(".")
        assert all(p.doc for p in q.params)
        assert all(p.kind == "literal" and p.default is None for p in q.params
                   if p.name not in ("limit", "show", "kinds"))
    show = Param("show", "literal", "happenings, one row each, or reports, one row per report; "
                 "one of happenings, reports; default happenings", "happenings",
                 ("happenings", "reports"))
    kinds = Param("kinds", "literal", "events only, or all to add descriptions; one of events, "
                  "all; default events", "events", ("events", "all"))
    assert queries["who-did-what"].params == (
        Param("limit", "integer", "most rows to return, 0 for all; default 100", "100"), show,
        kinds,
    )
    assert queries["timeline"].params[1] == show
    assert queries["who-did-what"].usage().startswith(
        "who-did-what [limit=<integer>] [show=happenings|reports] [kinds=events|all]: ")


def test_parse_named_query_reads_kinds_and_rejects_unknown_kind() -> None:
    q = parse_named_query(
        "x", "# Things.\n# param: day (date: a day)\n# param: n (integer)\nASK {}"
    )
    assert q.params == (Param("day", "date", "a day"), Param("n", "integer", ""))
    with pytest.raises(QueryError, match="kind 'float'"):
        parse_named_query("x", "# Things.\n# param: f (float: no)\nASK {}")


def test_optional_parameter_default_and_limit_clauses() -> None:
    q = parse_named_query(
        "x",
        "# Things.\n# param: n (integer: how many, 0 for all; default 5)\n"
        "# param: skip (integer: how many to skip; default 0)\n"
        "SELECT ?s WHERE { ?s ?p ?o FILTER(?n > 1) } ORDER BY ?s LIMIT ?n OFFSET ?skip",
    )
    assert [(p.name, p.default) for p in q.params] == [("n", "5"), ("skip", "0")]
    assert bind_named_query(q).endswith(
        'FILTER("5"^^<http://www.w3.org/2001/XMLSchema#integer> > 1) } ORDER BY ?s LIMIT 5 OFFSET 0'
    )
    assert bind_named_query(q, n="") == bind_named_query(q)  # empty: the default
    assert bind_named_query(q, n=2, skip=4).endswith("LIMIT 2 OFFSET 4")
    assert bind_named_query(q, n=0).endswith("ORDER BY ?s  OFFSET 0")  # LIMIT 0: no limit
    with pytest.raises(QueryError, match="'n': -1 is negative"):
        bind_named_query(q, n=-1)
    with pytest.raises(QueryError, match="'n': 'many' is not an integer"):
        bind_named_query(q, n="many")


# -- running them ----------------------------------------------------------------------------
def test_who_did_what_lists_agent_action_patient_newest_first(news: GraphStore) -> None:
    got = [
        (r.get("agent"), r["action"], r.get("patient"), r["date"])
        for r in rows(run_named_query(news, "who-did-what"))
    ]
    assert got == [
        ("Ales Bialiatski", "thank", "Belarus", "2025-12-20"),
        ("United States", "lifted", "sanctions", "2025-12-14"),
        ("Belarus", "frees", "123 prisoners", "2025-12-13"),
    ]


def test_who_did_what_limit_pages_the_newest_and_zero_gives_all(more_news: GraphStore) -> None:
    every = rows(run_named_query(more_news, "who-did-what", limit=0))
    assert [r.get("date") for r in every] == ["2025-12-20", "2025-12-14", "2025-12-13", None, None]
    assert {r["action"] for r in every[3:]} == {"met", "thanked"}  # undated come last
    assert rows(run_named_query(more_news, "who-did-what")) == every  # default 100 > 5
    assert rows(run_named_query(more_news, "who-did-what", limit="")) == every
    for n in (1, 2, 3):  # a page within the dated events is the start of the full list
        assert rows(run_named_query(more_news, "who-did-what", limit=n)) == every[:n]
    page = rows(run_named_query(more_news, "who-did-what", limit=4))
    assert page[:3] == every[:3] and page[3] in every[3:]
    with pytest.raises(QueryError, match="'limit': -1 is negative"):
        run_named_query(more_news, "who-did-what", limit=-1)
    with pytest.raises(QueryError, match="not an integer"):
        run_named_query(more_news, "who-did-what", limit="all")


def test_who_did_what_leaves_out_events_with_neither_agent_nor_patient(
    news: GraphStore,
) -> None:
    article, facts, entities = copula_article()
    news.put_article(article_iri(article.id), article_graph(article, facts, entities), "h")
    stored = rows(run_named_query(news, "timeline", entity="Donald Trump"))
    assert [(r["role"], r["date"]) for r in stored] == [("theme", "2025-12-21")]  # it is there
    every = rows(run_named_query(news, "who-did-what", limit=0))
    assert [(r.get("agent"), r["action"], r.get("patient")) for r in every] == [
        ("Ales Bialiatski", "thank", "Belarus"),
        ("United States", "lifted", "sanctions"),
        ("Belarus", "frees", "123 prisoners"),
    ]
    # A page is still full: the newest event with an agent or patient, not an empty page.
    assert rows(run_named_query(news, "who-did-what", limit=1)) == every[:1]


def test_timeline_matches_label_case_insensitively_in_date_order(news: GraphStore) -> None:
    got = [
        (r["date"], r["role"]) for r in rows(run_named_query(news, "timeline", entity="BELARUS"))
    ]
    assert got == [("2025-12-13", "agent"), ("2025-12-14", "theme"), ("2025-12-20", "patient")]


def test_timeline_matches_alias(news: GraphStore) -> None:
    assert len(rows(run_named_query(news, "timeline", entity="republic of belarus"))) == 3
    assert rows(run_named_query(news, "timeline", entity="Belarus Republic")) == []


def test_actors_of_type_counts_events(news: GraphStore) -> None:
    gpe = [
        (r["label"], r["events"], r["as_agent"])
        for r in rows(run_named_query(news, "actors-of", type="gpe"))
    ]
    assert gpe == [("Belarus", "3", "1"), ("United States", "1", "1")]
    people = rows(run_named_query(news, "actors-of", type="Person"))
    assert [r["label"] for r in people] == ["Ales Bialiatski"]


def test_actors_of_type_is_an_ner_label_or_class_in_any_case(more_news: GraphStore) -> None:
    def actors(type: str) -> list[str]:
        return [r["label"] for r in rows(run_named_query(more_news, "actors-of", type=type))]

    people = ["Ales Bialiatski", "Maria Kolesnikova", "Svetlana Tikhanovskaya"]
    for spelling in ("Person", "person", "PERSON"):  # the class, and spaCy's label
        assert sorted(actors(spelling)) == people
    assert actors("per") == ["Maria Kolesnikova"]  # MEANTIME's label: that entity's type only
    assert actors("gpe") == actors("GPE") == ["Belarus", "United States"]
    assert actors("loc") == ["Lithuania"]
    assert actors("place") == actors("Place") == ["Belarus", "Lithuania", "United States"]
    assert len(actors("Entity")) == 6
    assert actors("Time") == actors("Event") == actors("") == []


def test_actors_of_lists_every_class_kg_gives_entities() -> None:
    text = named_queries()["actors-of"].sparql
    listed = set(text.split("VALUES ?class {")[1].split("}")[0].split())
    classes = {KG.Entity, *_TYPE_CLASSES.values()}
    assert listed == {f"kg:{c.fragment}" for c in classes}


def test_events_between_two_entities(news: GraphStore) -> None:
    got = rows(run_named_query(news, "events-between", a="united states", b="Belarus"))
    assert [(r["label_a"], r["role_a"], r.get("via"), r["role_b"]) for r in got] == [
        ("United States lifted sanctions", "agent", None, "theme")
    ]
    # one event, both in it: named once, not paired with itself
    assert "event_b" not in got[0] and "label_b" not in got[0]
    assert rows(run_named_query(news, "events-between", a="US", b="Ales Bialiatski")) == []


def test_events_between_finds_events_linked_in_a_sentence(news: GraphStore) -> None:
    article, facts, entities = sanctions_article()
    news.put_article(article_iri(article.id), article_graph(article, facts, entities), "h")
    expected = [
        (
            "United States agreed to lift certain sanctions",
            "agent",
            "certain sanctions",
            "certain sanctions imposed on",
            "theme",
        )
    ]
    got = rows(run_named_query(news, "events-between", a="US", b="belarus"))
    linked = [r for r in got if r["article"] == str(article_iri("sanctions"))]
    assert [
        (r["label_a"], r["role_a"], r["via"], r["label_b"], r["role_b"]) for r in linked
    ] == expected
    # Either way round: the same pair, the roles following the names.
    back = rows(run_named_query(news, "events-between", a="Belarus", b="United States"))
    assert [
        (r["label_b"], r["role_b"], r["via"], r["label_a"], r["role_a"])
        for r in back
        if r["article"] == str(article_iri("sanctions"))
    ] == expected


def test_events_between_does_not_join_events_through_a_shared_kind(store: GraphStore) -> None:  # noqa: F811
    # One concept node "sanction" for both phrases: a kind, not a participant both share.
    article, facts, entities = kinds_article()
    store.put_article(article_iri(article.id), article_graph(article, facts, entities), "h")
    kinds = f"SELECT DISTINCT ?c WHERE {{ ?e a <{KG.Event}> ; ?p ?c . ?c a <{KG.Concept}> }}"
    assert len(rows(store.query(kinds))) == 1  # the two events do have one concept node
    assert rows(run_named_query(store, "events-between", a="United States", b="Belarus")) == []
    got = rows(run_named_query(store, "events-between", a="European Union", b="Belarus"))
    assert [(r["label_a"], r.get("via"), r["role_b"]) for r in got] == [
        ("EU imposed new sanctions", None, "theme")
    ]


def test_every_fact_about_gives_sentence_and_negation(news: GraphStore) -> None:
    got = rows(run_named_query(news, "every-fact-about", entity="Ales Bialiatski"))
    assert len(got) == 1
    assert got[0]["sentence"] == "Ales Bialiatski did not thank Belarus"
    assert got[0]["negated"] == "true"
    assert got[0]["article"] == str(article_iri("bialiatski"))


# -- safety and errors -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["timeline", "every-fact-about", "actors-of"])
def test_named_query_parameter_is_a_literal_not_sparql(news: GraphStore, name: str) -> None:
    before = (news.triple_count(), news.articles())
    param = named_queries()[name].params[0].name
    assert rows(run_named_query(news, name, **{param: INJECTION})) == []
    assert (news.triple_count(), news.articles()) == before


def test_unknown_query_lists_known_ones(news: GraphStore) -> None:
    with pytest.raises(QueryError, match="known queries: actors-of, events-between"):
        run_named_query(news, "drop-everything")


def test_unknown_or_missing_parameter_lists_valid_ones(news: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) \['name'\].*entity \(literal\)"):
        run_named_query(news, "timeline", name="Belarus")
    with pytest.raises(QueryError, match=r"missing \['b'\]"):
        run_named_query(news, "events-between", a="Belarus")
    with pytest.raises(QueryError, match=r"its parameters: limit \(integer, default 100\)"):
        run_named_query(news, "who-did-what", top=5)


# -- on the demo graph, through the command line ----------------------------------------------
KG_CLI = str(Path(sys.executable).parent / "kg")


@pytest.fixture(scope="module")
def demo_graph(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kg build examples/articles --date 2025-12-14 --out g.trig`, by the library."""
    out = tmp_path_factory.mktemp("demo") / "g.trig"
    with open_store(None) as demo:
        build(read_articles([EXAMPLES], date=date(2025, 12, 14)), demo, nlp)
        demo.export(out)
    return out


def kg_query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG_CLI, "query", *args], capture_output=True, text=True, timeout=120)


def test_events_between_belarus_and_the_united_states_on_the_demo_graph(demo_graph: Path) -> None:
    # The README's example: no event has both, so rows must come from linked events.
    by_name = ["--name", "events-between", "-p", "a=Belarus", "-p", "b=United States"]
    proc = kg_query(str(demo_graph), *by_name, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    found = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert found, "events-between Belarus / United States found nothing on the demo graph"
    assert ("certain sanctions", "the United States agreed to lift certain sanctions") in {
        (r["via"], r["label_b"]) for r in found
    }


def test_events_between_names_an_event_both_take_part_in_once(demo_graph: Path) -> None:
    # "Both the European Union and the United States had refused to recognise Lukashenko as
    # president": the US event holds both, and is the one row. Pairing it with itself, or
    # the EU's event with it through "president" or "elections", said nothing more.
    by_name = ["--name", "events-between", "-p", "a=Alexander Lukashenko", "-p", "b=United States"]
    proc = kg_query(str(demo_graph), *by_name, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    found = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [(r["label_a"], r["role_a"], r["via"], r["label_b"], r["role_b"], r["event_b"])
            for r in found] == [
        ("the United States had refused to recognise Lukashenko", "patient", "", "", "agent", "")
    ]  # fmt: skip


def test_events_between_does_not_join_through_a_title(nlp) -> None:
    # "as president" says what Lukashenko is (the role attribute), not a participant the two
    # recognitions share; Lukashenko himself is.
    text = "Russia and China recognised Lukashenko as president after the elections."
    with open_store(None) as built:
        build([Article(id="recognised", text=text, published=date(2025, 12, 14))], built, nlp)
        found = rows(run_named_query(built, "events-between", a="Russia", b="China"))
    assert {r["via"] for r in found} == {"Lukashenko", "the elections"}
    assert {(r["label_a"], r["label_b"]) for r in found} == {
        ("Russia recognised Lukashenko", "China recognised Lukashenko")
    }


def test_named_query_with_no_rows_says_so_on_stderr(demo_graph: Path) -> None:
    header_csv = "date,role,event,label,reports,happening,article"
    for fmt, header in (("table", "date"), ("csv", header_csv)):
        proc = kg_query(
            str(demo_graph), "--name", "timeline", "-p", "entity=Nobody", "--format", fmt
        )
        assert proc.returncode == 0
        assert header in proc.stdout  # the (empty) table is still printed
        assert proc.stderr == "kg: timeline returned no rows for entity=Nobody\n"
    proc = kg_query(str(demo_graph), "--name", "timeline", "-p", "entity=Belarus")
    assert proc.returncode == 0 and proc.stderr == ""
