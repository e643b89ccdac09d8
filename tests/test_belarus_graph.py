"""The Belarus article built into a graph, checked the way a user asks: through SPARQL.

These are the acceptance checks of the events, identity and analysis issues: who did what to
whom, when and where; one node per real-world thing; the numbers an analyst reads first.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import open_store, result_rows
from tests.conftest import BELARUS

PREFIXES = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def store(nlp):
    articles = list(read_articles([BELARUS], date=date(2025, 12, 14)))
    graph_store = open_store(None)
    build(articles, graph_store, nlp)
    yield graph_store
    graph_store.close()


def select(store, query: str, **bindings: object) -> list[list[object]]:
    terms = {k: v if isinstance(v, URIRef | Literal) else Literal(v) for k, v in bindings.items()}
    return result_rows(store.query(PREFIXES + query, terms))[1]


# -- events: roles, time, place, quantity, polarity, modality ---------------------------------


def test_release_has_agent_belarus_patient_prisoners_quantity_and_date(store):
    rows = select(
        store,
        """SELECT DISTINCT ?patient ?quantity ?date WHERE {
          ?e kg:eventType "release" ; kg:agent ?a ; kg:patient ?p ; kg:quantity ?quantity ;
             sem:hasTimeStamp ?date .
          ?a rdfs:label "Belarus" . ?p rdfs:label ?patient .
        }""",
    )
    assert rows, "no dated release event with agent Belarus"
    patient, quantity, when = rows[0]
    assert str(patient) == "prisoner"  # the kind; "123 prisoners" stays on the span
    assert quantity == 123
    assert when == date(2025, 12, 14)


def test_kolesnikova_imprisonment_starts_in_2020(store):
    rows = select(
        store,
        """SELECT DISTINCT ?begin WHERE {
          ?e kg:eventType "imprison" ; kg:patient ?p ; sem:hasBeginTimeStamp ?begin .
          ?p rdfs:label "Maria Kolesnikova" .
        }""",
    )
    assert [str(r[0]) for r in rows] == ["2020"]


def test_talks_are_located_in_minsk_with_coordinates(store):
    rows = select(
        store,
        """SELECT DISTINCT ?lat ?long ?same WHERE {
          ?e kg:location ?place ; kg:sentence ?s .
          ?s nif:anchorOf ?text . FILTER(CONTAINS(?text, "talks held in Minsk"))
          ?place rdfs:label "Minsk" ; geo:lat ?lat ; geo:long ?long ; owl:sameAs ?same .
        }""",
    )
    assert rows
    lat, long, same = rows[0]
    assert 53.8 < float(lat) < 54.0 and 27.4 < float(long) < 27.7
    assert same == "https://sws.geonames.org/625144/"


def test_eu_recognition_of_lukashenko_is_negated(store):
    rows = select(
        store,
        """SELECT DISTINCT ?negated WHERE {
          ?e kg:eventType "recognise" ; kg:agent ?a ; kg:patient ?p ; kg:negated ?negated .
          ?a rdfs:label "European Union" . ?p rdfs:label "Alexander Lukashenko" .
        }""",
    )
    assert rows and all(r[0] is True for r in rows)


def test_us_lifting_of_sanctions_is_agreed_not_done(store):
    rows = select(
        store,
        """SELECT DISTINCT ?modality WHERE {
          ?e kg:eventType "lift" ; kg:agent ?a ; kg:modality ?modality .
          ?a rdfs:label "United States" .
        }""",
    )
    assert rows and {r[0] for r in rows} == {"committed"}


def test_what_did_not_happen_can_be_left_out(store):
    everything = select(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event }")[0][0]
    happened = select(
        store,
        """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a kg:Event ; kg:negated false . FILTER NOT EXISTS { ?e kg:modality ?m } }""",
    )[0][0]
    assert 0 < happened < everything


# -- identity: one node per real-world thing -----------------------------------------------


@pytest.mark.parametrize(
    "name, aliases",
    [
        ("Maria Kolesnikova", {"Kolesnikova", "Maria Kalesnikava"}),
        ("Svetlana Tikhanovskaya", set()),
        ("United States", {"US"}),
        ("European Union", set()),
        ("Alexander Lukashenko", set()),
    ],
)
def test_one_node_per_person_and_organisation(store, name, aliases):
    rows = select(
        store,
        """SELECT DISTINCT ?entity WHERE {
          ?entity a kg:Entity ; rdfs:label|skos:altLabel ?n .
          FILTER(LCASE(STR(?n)) = LCASE(STR(?name)))
        }""",
        name=name,
    )
    assert len(rows) == 1, rows
    entity = URIRef(rows[0][0])
    labels = {r[0] for r in select(store, "SELECT ?l WHERE { ?x skos:altLabel ?l }", x=entity)}
    assert aliases <= labels
    for alias in aliases:  # every alias leads to the same single node
        found = select(
            store, "SELECT DISTINCT ?x WHERE { ?x a kg:Entity ; skos:altLabel ?a }", a=alias
        )
        assert [URIRef(r[0]) for r in found] == [entity]


def test_she_said_facts_have_tikhanovskaya_as_agent(store):
    rows = select(
        store,
        """SELECT DISTINCT ?speaker ?predicate WHERE {
          ?e kg:eventType ?t ; kg:predicate ?predicate ; kg:agent ?a ; kg:subjectSpan ?span .
          ?span nif:anchorOf "she" . ?a rdfs:label ?speaker .
          FILTER(?t IN ("say", "add"))
        }""",
    )
    assert len(rows) >= 2
    assert {r[0] for r in rows} == {"Svetlana Tikhanovskaya"}


def test_the_country_in_first_paragraph_is_belarus(store):
    text = BELARUS.read_text(encoding="utf-8")
    start = text.index("the country")
    assert start < text.index("Nobel Peace Prize")  # the first paragraph
    rows = select(
        store,
        """SELECT DISTINCT ?label ?rule WHERE {
          ?m nif:beginIndex ?b ; kg:refersTo ?x . ?x rdfs:label ?label .
          OPTIONAL { ?m kg:corefRule ?rule }
        }""",
        b=Literal(start, datatype=XSD.integer),
    )
    assert rows and rows[0][0] == "Belarus"
    assert rows[0][1]  # the rule that made the link is in the graph
