"""Concept nodes name kinds: one node per kind across facts and articles, the phrase as
written kept on the fact's span."""

from __future__ import annotations

from datetime import date

import pytest

from kg.graph import entity_graph
from kg.model import Article
from kg.parse import parse_text
from kg.pipeline import build
from kg.resolve import concept_name
from kg.store import open_store, result_rows
from kg.vocab import ID, KG


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind"),
    [
        ("Belarus freed 123 political prisoners on Saturday.", "123 political prisoners",
         "political prisoner"),
        ("The US lifted certain sanctions imposed on the country.",
         "certain sanctions imposed on the country", "sanction"),
        ("Police detained a prominent opposition activist.", "a prominent opposition activist",
         "opposition activist"),
        ("She thanked the released prisoners.", "the released prisoners", "prisoner"),
        ("The envoy held talks in Minsk.", "talks", "talks"),
        ("Apple sold the 2 GHz model only.", "the 2 GHz model only", "GHz model"),
        ("The ministers discussed sanctions on potash.", "sanctions on potash", "sanction"),
        # a count or part of a kind names the kind it counts
        ("Qatar Airways will also purchase 20 of Boeing's larger 777 planes.",
         "20 of Boeing's larger 777 planes", "plane"),
        ("Hundreds of people gathered outside.", "Hundreds of people", "people"),
        ("Many of the people were freed.", "Many of the people", "people"),
        # a title word written with a capital is the common noun
        ("He met the US President.", "the US President", "president"),
    ],
)
def test_a_phrase_names_its_head_and_the_modifiers_of_kind(nlp, sentence, phrase, kind):
    parsed = parse_text(sentence, nlp)
    start = sentence.index(phrase)
    assert concept_name(parsed, start, start + len(phrase)) == kind


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("They said it would end.", "it"),  # a pronoun
        ("Qatar Airways will also purchase 20.", "20"),  # a number
        ("Analysts said that prices would fall.", "that prices would fall"),  # a clause
        ("He wants to thank all those who helped.", "all those"),  # a pronoun phrase
        ("They thanked every single one.", "every single one"),  # a number phrase
        ("She thanked the others.", "the others"),  # a pronoun once lemmatised ("other")
    ],
)
def test_a_phrase_without_a_noun_head_names_no_kind(nlp, sentence, phrase):
    parsed = parse_text(sentence, nlp)
    start = sentence.index(phrase)
    assert concept_name(parsed, start, start + len(phrase)) is None


def test_one_concept_node_for_one_kind_across_articles(nlp):
    articles = [
        Article(id="a", title="Belarus frees prisoners", published=date(2025, 12, 14),
                text="Belarus freed 123 political prisoners on Saturday."),
        Article(id="b", title="More freed", published=date(2025, 12, 15),
                text="The authorities later released 14 political prisoners."),
    ]
    query = """
        PREFIX kg: <https://w3id.org/kg-news/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT DISTINCT ?concept ?label ?phrase WHERE {
          ?event kg:patient ?concept ; kg:objectSpan/nif:anchorOf ?phrase .
          ?concept a kg:Concept ; rdfs:label ?label .
        } ORDER BY ?phrase"""
    with open_store(None) as store:
        build(articles, store, nlp)
        _, rows = result_rows(store.query(query))
    assert [(str(label), str(phrase)) for _, label, phrase in rows] == [
        ("political prisoner", "123 political prisoners"),
        ("political prisoner", "14 political prisoners"),
    ]
    assert len({concept for concept, _, _ in rows}) == 1


CONCEPTS = """
    PREFIX kg: <https://w3id.org/kg-news/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?concept ?label WHERE { ?concept a kg:Concept ; rdfs:label ?label }
    ORDER BY ?label"""


def test_sanctions_of_two_articles_are_one_concept_node(nlp):
    # ("The US lifted sanctions on potash", no article, is read "lifted sanctions on" potash)
    articles = [
        Article(id="us", title="Potash", published=date(2025, 12, 14),
                text="The US lifted the sanctions on potash."),
        Article(id="eu", title="Belarus", published=date(2025, 12, 15),
                text="The EU imposed new sanctions on Belarus."),
    ]
    with open_store(None) as store:
        build(articles, store, nlp)
        _, rows = result_rows(store.query(CONCEPTS))
        _, events = result_rows(store.query("""
            PREFIX kg: <https://w3id.org/kg-news/ontology#>
            SELECT DISTINCT ?event WHERE { ?event a kg:Event ; kg:patient ?c . ?c a kg:Concept }
        """))
    assert [str(label) for _, label in rows].count("sanction") == 1
    assert len(events) == 2  # both events have that one node as their patient


def test_a_phrase_naming_no_kind_is_no_node(nlp):
    article = Article(id="thanks", title="Thanks", published=date(2025, 12, 14),
                      text="Tom Enders wants to thank all those who worked hard.")
    with open_store(None) as store:
        build([article], store, nlp)
        _, rows = result_rows(store.query(CONCEPTS))
        _, spans = result_rows(store.query("""
            PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            PREFIX kg: <https://w3id.org/kg-news/ontology#>
            SELECT ?text WHERE { ?event kg:objectSpan/nif:anchorOf ?text }"""))
    assert [str(label) for _, label in rows] == []
    assert "all those" in {str(t) for (t,) in spans}  # the words stay on the fact's span


def test_a_clause_kept_as_text_still_links_the_entities_it_names(nlp):
    # The quote is no concept node (its head is a verb), but the view links its writer to
    # Belarus, named inside it, as for any phrase that names no entity.
    quote = ("Pressure must continue until all prisoners are free and Belarus can begin its "
             "democratic future")
    article = Article(id="quote", title="Quote", published=date(2025, 12, 14),
                      text=f'Svetlana Tikhanovskaya wrote: "{quote}."')
    with open_store(None) as store:
        build([article], store, nlp)
        _, rows = result_rows(store.query(CONCEPTS))
        G = entity_graph(store)
    assert quote not in {str(label) for _, label in rows}
    edges = [(G.nodes[u]["label"], G.nodes[v]["label"], d["via"], d["object_phrase"])
             for u, v, d in G.edges(data=True)]
    assert ("Svetlana Tikhanovskaya", "Belarus", "nested", quote) in edges


def _reports(nlp, *texts: str):
    from kg.analyse import analyse_articles
    from kg.identity import reports_from_triples
    from kg.rdf import article_rdf

    articles = [Article(id=f"a{k}", title="", published=date(2025, 12, 14), text=t)
                for k, t in enumerate(texts)]
    return [r for an in analyse_articles(articles, nlp)
            for r in reports_from_triples(article_rdf(an).triples)]


def test_happenings_count_a_shared_concept_only_in_the_same_words(nlp):
    from kg.identity import link_score

    # One kind ("political prisoner"), two sets of prisoners: no evidence of one happening.
    a, b = _reports(nlp, "The authorities freed 123 political prisoners on Saturday.",
                    "The government released 14 political prisoners on Saturday.")
    assert ("patient", f"{ID['concept/political-prisoner']}") in a.roles & b.roles
    score, evidence = link_score(a, b)
    assert (score, evidence) == (2.0, ["class: release", "same time: 2025-12-13"])
    # The same words are: "123 political prisoners" in both.
    a, b = _reports(nlp, "The authorities freed 123 political prisoners on Saturday.",
                    "The government released 123 political prisoners on Saturday.")
    assert link_score(a, b) == (
        2.5, ["class: release", 'shared patient: "123 political prisoners"',
              "same time: 2025-12-13"])


def test_happenings_read_back_from_a_store_see_the_same_words(nlp, tmp_path):
    from kg.identity import HAPPENINGS_GRAPH, stored_reports

    texts = ("The authorities freed 123 political prisoners on Saturday.",
             "The government released 123 political prisoners on Saturday.")
    articles = [Article(id=f"a{k}", title="", published=date(2025, 12, 14), text=t)
                for k, t in enumerate(texts)]
    evidence = f"""SELECT ?e WHERE {{ GRAPH <{HAPPENINGS_GRAPH}> {{
        ?link <{KG.evidence}> ?e }} }} ORDER BY ?e"""
    with open_store(tmp_path / "one") as store:
        build(articles, store, nlp)  # into an empty store: the reports the build made
        at_once = [str(e) for (e,) in result_rows(store.query(evidence))[1]]
        read_back = {r.iri: r.wordings for r in stored_reports(store)}
    with open_store(tmp_path / "two") as store:
        build(articles[:1], store, nlp)
        build(articles[1:], store, nlp)  # the first article's reports read back
        one_by_one = [str(e) for (e,) in result_rows(store.query(evidence))[1]]
    assert 'shared patient: "123 political prisoners"' in at_once
    assert one_by_one == at_once
    assert sum(("patient", "123 political prisoners") in w for w in read_back.values()) == 2
