"""Hostile parameter values for the named queries never change what a query means.

Two stores hold the same events; in one, the entities are named by hostile strings (quotes,
backslashes, braces, ``} UNION {``, comments, line breaks, IRIs, SPARQL keywords, long and
non-ASCII text), in the other by plain tokens. Each named query run with a hostile value on
the first store must give exactly the rows it gives with the matching token on the second
(the value matched as a literal, nothing more), and change neither store. Values that are no
RDF text at all (lone surrogates), or not of a parameter's kind, give a one-line QueryError.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.store import GraphStore, open_store, run_named_query
from kg.store._named import bind_named_query, parse_named_query
from kg.vocab import DCTERMS, KG, NIF, RDF, RDFS, SEM, SKOS, XSD

EX = "http://example.org/"
PARTNER = "Partner Nation"

HOSTILE = [
    "'",
    '"',
    "\\",
    "}",
    "{",
    "} UNION { ?node ?p ?o }",
    '" } UNION { ?node ?p ?o } #',
    "') } UNION { ?node ?p ?o } #",
    '\\" ) || true || ("',
    ") || true || (",
    "#",
    "# comment } ;",
    "first line\nsecond line",
    "a\r\nb",
    ">",
    "<http://example.org/entity/partner>",
    "http://example.org/entity/partner",
    "?entity",
    "$name ?nodeA",
    '"""',
    "'''",
    "LIMIT 1",
    "DROP ALL",
    "x" * 20_000,
    "Łódź ☃ 北京 \u2028 end",
    "tab\tand\x0bvt",
    "nul\x00byte",
]
TOKENS = [f"zz{i:03d}zz" for i in range(len(HOSTILE))]
LONE_SURROGATES = ["\ud800", "ab\udcff", "\udc80 } UNION { ?s ?p ?o }"]


def entity(i: int) -> URIRef:
    return URIRef(f"{EX}entity/{i}")


def fill(store: GraphStore, names: list[str]) -> None:
    """One article per name: its entity (named ``names[i]``, typed ``names[i]``) frees the
    partner in an event on 2025-12-<i>."""
    partner = URIRef(EX + "entity/partner")
    for i, name in enumerate(names):
        article = URIRef(f"{EX}article/{i}")
        event, sentence = URIRef(f"{EX}event/{i}"), URIRef(f"{EX}sentence/{i}")
        triples: list[tuple[Node, Node, Node]] = [
            (article, RDF.type, KG.Article),
            (article, DCTERMS.date, Literal(date(2025, 12, 1 + i % 28))),
            (event, RDF.type, KG.Event),
            (event, RDFS.label, Literal(f"{name} frees {PARTNER}")),
            (event, KG.predicate, Literal("frees")),
            (event, KG.agent, entity(i)),
            (event, KG.patient, partner),
            (event, KG.negated, Literal(False)),
            (event, KG.inArticle, article),
            (event, KG.sentence, sentence),
            (event, SEM.hasTimeStamp, Literal(date(2025, 12, 1 + i % 28))),
            (sentence, KG.sentenceIndex, Literal(1)),
            (sentence, NIF.anchorOf, Literal(f"{name} freed the {PARTNER}.")),
            (entity(i), RDF.type, KG.Entity),
            (entity(i), RDFS.label, Literal(name)),
            (entity(i), SKOS.altLabel, Literal(f"alias of {name}")),
            (entity(i), KG.entityType, Literal(name)),
            (partner, RDF.type, KG.Entity),
            (partner, RDFS.label, Literal(PARTNER)),
            (partner, KG.entityType, Literal("GPE")),
        ]
        store.put_article(article, triples, f"hash-{i}")


@pytest.fixture(scope="module")
def stores() -> Iterator[tuple[GraphStore, GraphStore]]:
    hostile, plain = open_store(None), open_store(None)
    fill(hostile, HOSTILE)
    fill(plain, TOKENS)
    yield hostile, plain
    hostile.close()
    plain.close()


def snapshot(store: GraphStore) -> set[str]:
    return {str(q) for q in store._quads()}


def rows(store: GraphStore, name: str, **params: object) -> list[tuple[str, ...]]:
    result = run_named_query(store, name, **params)
    return sorted(tuple(str(v) for v in row) for row in result)  # type: ignore[union-attr]


def as_hostile(row: tuple[str, ...], i: int) -> tuple[str, ...]:
    return tuple(value.replace(TOKENS[i], HOSTILE[i]) for value in row)


# Each named query, with its parameters for entity i: (hostile value, token) pairs.
CASES = {
    "timeline": lambda v: {"entity": v},
    "every-fact-about": lambda v: {"entity": v},
    "events-between/a": lambda v: {"a": v, "b": PARTNER},
    "events-between/b": lambda v: {"a": PARTNER, "b": v},
    "actors-of": lambda v: {"type": v},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_values_match_literally_and_nothing_else(
    stores: tuple[GraphStore, GraphStore], case: str
) -> None:
    hostile, plain = stores
    name = case.split("/")[0]
    before = snapshot(hostile), snapshot(plain)
    for i, value in enumerate(HOSTILE):
        got = rows(hostile, name, **CASES[case](value))
        expected = sorted(as_hostile(row, i) for row in rows(plain, name, **CASES[case](TOKENS[i])))
        assert got == expected, (case, value[:60])
        assert got, (case, value[:60])  # the value did match: its entity's events came back
        # the alias finds the same entity, the value with a suffix finds nothing
        if name != "actors-of":
            params = CASES[case](value + "X")
            assert rows(hostile, name, **params) == [], (case, value[:60])
    assert (snapshot(hostile), snapshot(plain)) == before  # nothing ran that wrote


@pytest.mark.parametrize("case", sorted(CASES))
def test_lone_surrogates_are_one_line_query_errors(
    stores: tuple[GraphStore, GraphStore], case: str
) -> None:
    hostile, _ = stores
    for value in LONE_SURROGATES:
        with pytest.raises(QueryError) as error:
            run_named_query(hostile, case.split("/")[0], **CASES[case](value))
        assert "\n" not in str(error.value) and "not valid UTF-8" in str(error.value)


@pytest.mark.parametrize(
    "value", ["3 } UNION { ?s ?p ?o }", "3; DROP ALL", "-1", "1e3", "three", "3.5", "", " "]
)
def test_integer_parameter_takes_integers_only(
    stores: tuple[GraphStore, GraphStore], value: str
) -> None:
    hostile, _ = stores
    if value == "":  # empty means the default
        assert len(rows(hostile, "who-did-what", limit=value)) == len(HOSTILE)
        return
    with pytest.raises(QueryError) as error:
        run_named_query(hostile, "who-did-what", limit=value)
    message = str(error.value)
    assert message.startswith("query 'who-did-what', parameter 'limit': ") and "\n" not in message


def test_integer_parameter_as_written_and_as_number_agree(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    hostile, _ = stores
    assert rows(hostile, "who-did-what", limit=" 3 ") == rows(hostile, "who-did-what", limit=3)
    assert len(rows(hostile, "who-did-what", limit="3")) == 3


# A query of the .rq form with every parameter kind, its variables also written inside a
# string, an IRI and a comment, where they are text and must stay text.
EVERY_KIND = """# Events of an entity by label, IRI or date.
# param: label (literal: a label)
# param: node (iri: an entity IRI)
# param: day (date: the event's date)
PREFIX ex: <http://example.org/>
SELECT ?event ?note WHERE {
  ?event kg:agent ?who ; sem:hasTimeStamp ?when .
  ?who rdfs:label ?name .
  # ?label in a comment
  BIND("?label ?node ?day" AS ?note)
  BIND(<http://example.org/?label> AS ?unused)
  FILTER(?name = ?label || ?who = ?node || ?when = ?day)
}"""


def test_every_parameter_kind_binds_a_term_even_where_the_name_is_text(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    hostile, _ = stores
    query = parse_named_query("every-kind", EVERY_KIND)
    nowhere = {"node": URIRef(EX + "nobody"), "day": date(1999, 1, 1)}
    for i, value in enumerate(HOSTILE):
        text = bind_named_query(query, label=value, **nowhere)  # type: ignore[arg-type]
        assert 'BIND("?label ?node ?day" AS ?note)' in text  # the string is left as it was
        assert "<http://example.org/?label>" in text
        found = [(str(r[0]), str(r[1])) for r in hostile.query(text)]  # type: ignore[index]
        assert found == [(f"{EX}event/{i}", "?label ?node ?day")], value[:60]
    by_iri = bind_named_query(query, label="nobody", node=entity(3), day=date(1999, 1, 1))
    assert [str(r[0]) for r in hostile.query(by_iri)] == [f"{EX}event/3"]  # type: ignore[index]
    by_day = bind_named_query(query, label="nobody", node=EX + "nobody", day="2025-12-05")
    assert [str(r[0]) for r in hostile.query(by_day)] == [f"{EX}event/4"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"node": EX + "x> } UNION { ?s ?p ?o } #"}, "not a valid IRI"),
        ({"node": f"{EX}a b"}, "not a valid IRI"),
        ({"node": '"quoted"'}, "not a valid IRI"),
        ({"day": '2025-12-14" } UNION { ?s ?p ?o } #'}, "is not a date"),
        ({"day": "14/12/2025"}, "is not a date"),
        ({"label": "\ud800"}, "not valid UTF-8"),
    ],
)
def test_values_not_of_the_parameter_kind_are_one_line_errors(
    stores: tuple[GraphStore, GraphStore], params: dict[str, str], problem: str
) -> None:
    hostile, _ = stores
    query = parse_named_query("every-kind", EVERY_KIND)
    values = {"label": "x", "node": EX + "nobody", "day": "2025-12-14", **params}
    with pytest.raises(QueryError) as error:
        hostile.query(bind_named_query(query, **values))
    assert problem in str(error.value) and "\n" not in str(error.value)


def test_date_parameter_value_is_typed(stores: tuple[GraphStore, GraphStore]) -> None:
    query = parse_named_query("every-kind", EVERY_KIND)
    text = bind_named_query(query, label="x", node=EX + "n", day="2025-12-14")
    assert f'"2025-12-14"^^<{XSD.date}>' in text


def test_a_parameter_name_inside_a_string_stays_text(stores: tuple[GraphStore, GraphStore]) -> None:
    # Written into the string, the term's quotes would close it: FILTER(?l = "") || true || ("")
    hostile, _ = stores
    query = parse_named_query(
        "in-a-string",
        "# Labels equal to the value.\n# param: v (literal: a label)\n"
        'SELECT ?e WHERE { ?e rdfs:label ?l FILTER(?l = "?v" || ?l = ?v) }',
    )
    assert list(hostile.query(bind_named_query(query, v=") || true || (  "))) == []  # no label
    assert [str(r[0]) for r in hostile.query(bind_named_query(query, v=HOSTILE[5]))] == [  # type: ignore[index]
        str(entity(5))
    ]
