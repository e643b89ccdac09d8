"""Entity identity across articles (issue 14, item 1): what one IRI joins in the built graph.

Short articles of our own, in the shapes MEANTIME and 1998 newswire show: a role phrase
before a name ("Apple CEO Steve Jobs"), a former president called by surname only in a
second article.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset, URIRef

from kg.model import Article
from kg.pipeline import build
from kg.rdf import entity_iri
from kg.store import open_store

SPAN_REFERENTS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?g ?text ?node ?rule WHERE {
  GRAPH ?g { ?span kg:refersTo ?node ; nif:anchorOf ?text . OPTIONAL { ?span kg:corefRule ?rule } }
}
"""

DESCRIBED_AS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?text WHERE {
  GRAPH ?g { ?ev kg:subjectSpan/kg:refersTo ?person ; kg:objectSpan ?o ; kg:lemma ?lemma .
             ?o nif:anchorOf ?text ; kg:refersTo ?c . ?c a kg:Concept . FILTER(STR(?lemma) = "is") }
}
"""


def _build(nlp, articles: list[Article]) -> Dataset:
    with open_store(None) as store:
        build(articles, store, nlp)
        out = Dataset()
        for s, p, o, g in store.dataset.quads((None, None, None, None)):
            out.graph(g).add((s, p, o))
        return out


def _referents(ds: Dataset) -> set[tuple[str, str, str, str | None]]:
    return {
        (str(g).rsplit("/", 1)[-1], str(text), str(node), str(rule) if rule else None)
        for g, text, node, rule in ds.query(SPAN_REFERENTS)  # type: ignore[misc]
    }


def test_a_role_phrase_before_a_name_is_that_person_in_every_article(nlp):
    # MEANTIME marks "Apple CEO" in "Apple CEO Steve Jobs" as a mention of Steve Jobs; it was
    # a phrase of its own (cross-article pairs lost: 3,350 of 4,026 on MEANTIME dev).
    jobs = str(entity_iri("Steve Jobs", "PERSON"))
    ds = _build(nlp, [
        Article(id="keynote", title="Keynote", text=(
            "Apple CEO Steve Jobs unveiled the iPhone 4 in San Francisco on Monday. "
            "Jobs said the phone was the thinnest ever made.")),
        Article(id="leave", title="Leave", text=(
            "Steve Jobs will take medical leave, Apple said on Tuesday. Boeing spokesman "
            "Jim Proulx declined to comment on the leave.")),
    ])  # fmt: skip
    found = _referents(ds)
    assert ("keynote", "Apple CEO", jobs, "role_modifier") in found
    assert ("leave", "Steve Jobs", jobs, None) in found
    # ... and the description "Steve Jobs is Apple CEO" keeps its phrase (no "Jobs is Jobs").
    described = ds.query(DESCRIBED_AS, initBindings={"person": URIRef(jobs)})
    assert {str(row[0]) for row in described} == {"Apple CEO"}  # type: ignore[index]
    proulx = str(entity_iri("Jim Proulx", "PERSON"))
    assert ("leave", "Boeing spokesman", proulx, "role_modifier") in found
    # the view still links Jobs to the Apple his description names (not Jobs to himself)
    from kg.graph import entity_graph

    # (a description: listed on Jobs by default, an edge when descriptions are asked for)
    assert entity_graph(ds).nodes[jobs]["descriptions"] == ("title: Apple CEO",)
    G = entity_graph(ds, descriptions=True)
    apple = str(entity_iri("Apple", "ORG"))
    assert [d["object_phrase"] for d in G.get_edge_data(jobs, apple, default={}).values()] == [
        "Apple CEO"
    ]


SAME_AS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?t ?rule ?shared WHERE {
  GRAPH <https://w3id.org/kg-news/id/entity-links> {
    ?s owl:sameAs ?t .
    ?st rdf:subject ?s ; rdf:predicate owl:sameAs ; rdf:object ?t ; kg:identityRule ?rule ;
        kg:sharedContext ?shared .
  }
}
"""

BORIS = Article(id="summit", title="Summit", text=(
    "Russian President Boris Yeltsin met German Chancellor Helmut Kohl in Moscow on Monday. "
    "Yeltsin said Russia and Germany would sign a trade agreement."))  # fmt: skip
SURNAME = Article(id="return", title="Return", text=(
    "Yeltsin thanked Germany on Friday for three days of talks in Moscow. Yeltsin said he was "
    "pleased with the visit."))  # fmt: skip
UNRELATED = Article(id="hockey", title="Hockey", text=(
    "Yeltsin scored twice for the Toronto Maple Leafs against Boston on Saturday. Yeltsin said "
    "he was pleased with the team."))  # fmt: skip


def _same_as(ds: Dataset) -> dict[tuple[str, str], tuple[str, set[str]]]:
    found: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for s, t, rule, shared in ds.query(SAME_AS):  # type: ignore[misc]
        key = (str(s).rsplit("/", 1)[-1], str(t).rsplit("/", 1)[-1])
        found.setdefault(key, (str(rule), set()))[1].add(str(shared).rsplit("/", 1)[-1])
    return found


@pytest.fixture(scope="module")
def joined(nlp) -> Dataset:
    """The summit and the return: "Yeltsin" in a second article sharing places."""
    return _build(nlp, [BORIS, SURNAME])


def test_a_president_called_by_surname_in_an_article_sharing_places_is_the_full_name(joined):
    links = _same_as(joined)
    rule, shared = links[("yeltsin", "boris-yeltsin")]
    assert rule == "surname_context"
    assert {"moscow", "germany"} <= shared


def test_the_same_surname_in_an_unrelated_article_is_not_joined(nlp):
    assert ("yeltsin", "boris-yeltsin") not in _same_as(_build(nlp, [BORIS, UNRELATED]))
    # one IRI is one node in every article: an unrelated "Yeltsin" keeps both apart
    assert ("yeltsin", "boris-yeltsin") not in _same_as(_build(nlp, [BORIS, SURNAME, UNRELATED]))


def test_a_surname_shared_by_a_family_joins_neither(nlp):
    family = Article(id="bakery", title="Bakery", text=(
        "Alvin Rosenbaum and his brother Louis Rosenbaum sold the family bakery in Brooklyn "
        "to Kraft Foods on Monday."))  # fmt: skip
    later = Article(id="bakery-2", title="Bakery", text=(
        "Mr. Rosenbaum said on Tuesday that the Brooklyn bakery would stay open under Kraft "
        "Foods."))  # fmt: skip
    links = _same_as(_build(nlp, [family, later]))
    assert not [k for k in links if k[0] == "rosenbaum"]
    # ... while one Rosenbaum in the same story is joined
    alone = Article(id="bakery", title="Bakery", text=(
        "Alvin Rosenbaum sold the family bakery in Brooklyn to Kraft Foods on Monday."
    ))  # fmt: skip
    assert ("rosenbaum", "alvin-rosenbaum") in _same_as(_build(nlp, [alone, later]))


def test_the_build_says_it_joined_and_removing_the_full_names_article_unjoins(nlp):
    from kg.eval.ecbplus import predicted_mentions
    from kg.identity import remove_articles

    with open_store(None) as store:
        report = build([BORIS, SURNAME], store, nlp)
        before = [tuple(map(str, row)) for row in store.query(SAME_AS)]  # type: ignore[misc]
        # kg eval ecbplus reads the entity mentions' clusters through the link
        clusters = {(m.doc, m.cluster) for m in predicted_mentions(store)["entities"]}
        remove_articles(store, ["summit"])
        after = list(store.query(SAME_AS))  # type: ignore[arg-type]
    assert "same as    1 surname(s) joined to a full name across articles" in report.summary()
    assert {row[2] for row in before} == {"surname_context"}
    boris = str(entity_iri("Boris Yeltsin", "PERSON"))
    assert {("summit", boris), ("return", boris)} <= clusters
    assert not [c for _, c in clusters if c == str(entity_iri("Yeltsin", "PERSON"))]
    assert after == []


def test_the_entity_graph_draws_one_node_for_the_joined_person(joined):
    from kg.graph import entity_graph

    G = entity_graph(joined, isolated=True)
    boris = str(entity_iri("Boris Yeltsin", "PERSON"))
    assert str(entity_iri("Yeltsin", "PERSON")) not in G
    assert G.nodes[boris]["label"] == "Boris Yeltsin"
    assert "Yeltsin" in G.nodes[boris]["aliases"]
    articles = {d["article"] for _u, _v, d in G.edges(boris, data=True)}
    articles |= {d["article"] for _u, _v, d in G.in_edges(boris, data=True)}
    assert {"summit", "return"} <= {a.rsplit("/", 1)[-1] for a in articles}
