"""kg.rdf: article graphs, IRIs, datasets, files and SHACL, built from hand-made facts.

The facts are what the pipeline should read from the Belarus sample article; the article text
below is the start of that file verbatim, so every offset is the real one.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from kg.errors import StoreError
from kg.model import (
    AnalysedArticle,
    Argument,
    Article,
    Entity,
    Fact,
    Mention,
    Place,
    Predicate,
    Segment,
    Span,
    TimeValue,
)
from kg.rdf import (
    article_graph,
    article_iri,
    article_rdf,
    article_triples,
    concept_iri,
    entity_iri,
    event_iri,
    facts_to_dataset,
    format_for,
    mention_iri,
    normalise_literals,
    read_dataset,
    relation_iri,
    time_iri,
    validate,
    write_dataset,
)
from kg.vocab import DCTERMS, GEO, GEONAMES, KG, NIF, OWL, RDF, RDFS, REL, SEM, SKOS, XSD

ID = "belarus-prisoners-2025-12-14"

TEXT = (
    "Belarus frees 123 political prisoners in sanctions deal with US\n\n"
    "(Photo source: X/@Tsihanouskaya)\n\n"
    "Vilnius, December 14 (IANS) Belarus has released 123 prisoners, including prominent "
    "opposition activist Maria Kolesnikova, following an agreement under which the United States "
    "agreed to lift certain sanctions imposed on the country.\n\n"
    "Nobel Peace Prize laureate Ales Bialiatski is also among those freed after talks held in "
    "Minsk with US President Donald Trump's special envoy for Belarus, John Coale.\n\n"
    "As part of the arrangement, the US has agreed to lift sanctions on potash, a key ingredient "
    "used in fertiliser production and one of Belarus's most important exports.\n\n"
    "Belarus is a close ally of Russia, and the easing of restrictions on potash is seen as a "
    "significant economic relief for the country.\n\n"
    "Belarusian President Alexander Lukashenko, however, is not recognised as president by the "
    "European Union.\n\n"
    "Maria Kolesnikova has been imprisoned since 2020, spending much of that time in isolation.\n\n"
    "According to Ukraine's Coordination Headquarters for the Treatment of Prisoners of War, "
    "Kolesnikova was handed over to Ukraine along with 113 other released prisoners.\n"
)

# (sentence index, sentence text) in article order; sentence 0 is the headline.
SENTENCES = [
    "Belarus frees 123 political prisoners in sanctions deal with US",
    "Belarus has released 123 prisoners, including prominent opposition activist Maria "
    "Kolesnikova, following an agreement under which the United States agreed to lift certain "
    "sanctions imposed on the country.",
    "Nobel Peace Prize laureate Ales Bialiatski is also among those freed after talks held in "
    "Minsk with US President Donald Trump's special envoy for Belarus, John Coale.",
    "As part of the arrangement, the US has agreed to lift sanctions on potash, a key ingredient "
    "used in fertiliser production and one of Belarus's most important exports.",
    "Belarus is a close ally of Russia, and the easing of restrictions on potash is seen as a "
    "significant economic relief for the country.",
    "Belarusian President Alexander Lukashenko, however, is not recognised as president by the "
    "European Union.",
    "Maria Kolesnikova has been imprisoned since 2020, spending much of that time in isolation.",
    "According to Ukraine's Coordination Headquarters for the Treatment of Prisoners of War, "
    "Kolesnikova was handed over to Ukraine along with 113 other released prisoners.",
]
STARTS = [TEXT.index(s) for s in SENTENCES]


def at(sentence: int, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets in TEXT of the ``nth`` ``phrase`` inside sentence ``sentence``."""
    pos = -1
    for _ in range(nth + 1):
        pos = SENTENCES[sentence].index(phrase, pos + 1)
    start = STARTS[sentence] + pos
    assert TEXT[start : start + len(phrase)] == phrase
    return start, start + len(phrase)


def span(sentence: int, phrase: str, **kw: object) -> Any:
    if "lemma" in kw:
        return Predicate(phrase, *at(sentence, phrase), **kw)  # type: ignore[arg-type]
    return Span(phrase, *at(sentence, phrase), **kw)  # type: ignore[arg-type]


def arg(sentence: int, role: str, phrase: str, nth: int = 0, **kw: object) -> Argument:
    return Argument(role, phrase, *at(sentence, phrase, nth), **kw)  # type: ignore[arg-type]


def fact(sentence: int, predicate: Span, **kw: object) -> Fact:
    s = SENTENCES[sentence]
    return Fact(ID, sentence, s, STARTS[sentence], STARTS[sentence] + len(s), predicate, **kw)  # type: ignore[arg-type]


def mention(sentence: int, phrase: str, rule: str, type: str, nth: int = 0) -> Mention:
    return Mention(ID, phrase, *at(sentence, phrase, nth), type=type, sentence=sentence, rule=rule)


def py(graph: Graph, s: Node | None, p: URIRef) -> Any:
    """The Python value of the one object of ``s p``."""
    value = graph.value(s, p)
    assert isinstance(value, Literal), (s, p, value)
    return value.toPython()


MINSK = Place(
    "Minsk",
    kind="city",
    iso="BY",
    geonames=625144,
    lat=53.9,
    lon=27.56667,
    start=at(2, "Minsk")[0],
    end=at(2, "Minsk")[1],
)

ARTICLE = Article(
    id=ID,
    text=TEXT,
    title=SENTENCES[0],
    segments=tuple(
        Segment(s, s + len(t), "title" if i == 0 else "body")
        for i, (s, t) in enumerate(zip(STARTS, SENTENCES, strict=True))
    ),
    published=date(2025, 12, 14),
    place="Vilnius",
    agency="IANS",
    url="https://morungexpress.com/belarus-frees-123-political-prisoners",
    source="The Morung Express",
)

FACTS = [
    # 0: Belarus frees 123 political prisoners ...
    fact(
        0,
        span(0, "frees", lemma="free"),
        event_type="free",
        subject=span(0, "Belarus", entity="Belarus", type="GPE", role="agent"),
        object=span(0, "123 political prisoners", role="patient"),
        quantity=123.0,
        rule="kg.dep.v1:svo",
        confidence=0.9,
    ),
    # 1: Belarus has released 123 prisoners ...
    fact(
        1,
        span(1, "has released", lemma="release"),
        event_type="release",
        subject=span(1, "Belarus", entity="Belarus", type="GPE", role="agent"),
        object=span(1, "123 prisoners", role="patient"),
        quantity=123.0,
        rule="kg.dep.v1:svo",
        confidence=0.9,
    ),
    # 2: ... talks held in Minsk
    fact(
        2,
        span(2, "held", lemma="hold"),
        event_type="hold",
        object=span(2, "talks", role="patient"),
        arguments=(arg(2, "location", "Minsk", entity="Minsk", type="GPE", prep="in"),),
        place=MINSK,
        rule="kg.dep.v1:reduced_relative",
        confidence=0.6,
    ),
    # 3: the US has agreed to lift sanctions on potash
    fact(
        3,
        Predicate(
            "agreed to lift sanctions on",
            *at(3, "agreed to lift sanctions on"),
            lemma="lift sanctions on",
        ),
        event_type="lift",
        subject=span(3, "the US", entity="United States", type="GPE", role="agent"),
        object=span(3, "potash", role="theme"),
        modality="committed",
        rule="kg.dep.v1:xcomp",
        confidence=0.8,
    ),
    # 4: Lukashenko is not recognised as president by the European Union
    fact(
        5,
        span(5, "recognised", lemma="recognise"),
        event_type="recognise",
        subject=span(5, "the European Union", entity="European Union", type="ORG", role="agent"),
        object=span(
            5,
            "Belarusian President Alexander Lukashenko",
            entity="Alexander Lukashenko",
            type="PERSON",
            role="patient",
        ),
        arguments=(arg(5, "attribute", "president", prep="as"),),
        negated=True,
        rule="kg.dep.v1:passive",
        confidence=0.8,
    ),
    # 5: Maria Kolesnikova has been imprisoned since 2020 (agentless passive)
    fact(
        6,
        span(6, "has been imprisoned", lemma="imprison"),
        event_type="imprison",
        object=span(
            6, "Maria Kolesnikova", entity="Maria Kolesnikova", type="PERSON", role="patient"
        ),
        arguments=(arg(6, "time", "2020", type="DATE", prep="since"),),
        time=TimeValue(
            "since 2020", begin="2020", start=at(6, "since 2020")[0], stop=at(6, "since 2020")[1]
        ),
        rule="kg.dep.v1:passive",
        confidence=0.8,
    ),
    # 6: Kolesnikova was handed over to Ukraine along with 113 other released prisoners
    fact(
        7,
        span(7, "was handed over", lemma="hand over"),
        event_type="hand_over",
        object=span(7, "Kolesnikova", entity="Maria Kolesnikova", type="PERSON", role="patient"),
        arguments=(
            arg(
                7,
                "recipient",
                "Ukraine",
                entity="Ukraine",
                type="GPE",
                prep="to",
            ),
            arg(7, "companion", "113 other released prisoners", prep="along with"),
            arg(7, "argument", "over"),  # no more specific role
        ),
        attributed_to=span(
            7,
            "Ukraine's Coordination Headquarters for the Treatment of Prisoners of War",
            entity="Coordination Headquarters for the Treatment of Prisoners of War",
            type="ORG",
        ),
        quantity=113.0,
        rule="kg.dep.v1:passive",
        confidence=0.7,
    ),
]

ENTITIES = [
    Entity(
        "Belarus",
        "GPE",
        aliases=("Belarus",),
        mentions=(
            mention(0, "Belarus", "exact", "GPE"),
            mention(1, "Belarus", "exact", "GPE"),
            mention(1, "the country", "definite_description", "GPE"),
        ),
    ),
    Entity(
        "United States",
        "GPE",
        aliases=("US", "the United States"),
        mentions=(
            mention(0, "US", "acronym", "GPE"),
            mention(1, "the United States", "exact", "GPE"),
            mention(3, "the US", "acronym", "GPE"),
        ),
    ),
    Entity(
        "Maria Kolesnikova",
        "PERSON",
        aliases=("Kolesnikova",),
        mentions=(
            mention(1, "Maria Kolesnikova", "exact", "PERSON"),
            mention(6, "Maria Kolesnikova", "exact", "PERSON"),
            mention(7, "Kolesnikova", "surname", "PERSON"),
        ),
    ),
    Entity(
        "Alexander Lukashenko",
        "PERSON",
        aliases=("Lukashenko",),
        mentions=(mention(5, "Alexander Lukashenko", "exact", "PERSON"),),
    ),
    Entity("European Union", "ORG", mentions=(mention(5, "the European Union", "exact", "ORG"),)),
    Entity(
        "Ukraine",
        "GPE",
        place=Place("Ukraine", kind="country", iso="UA", geonames=690791, lat=49.0, lon=32.0),
        mentions=(mention(7, "Ukraine", "exact", "GPE", nth=1),),
    ),
    Entity("Minsk", "GPE", place=MINSK, mentions=(mention(2, "Minsk", "exact", "GPE"),)),
    Entity("Coordination Headquarters for the Treatment of Prisoners of War", "ORG"),
    Entity(
        "Ales Bialiatski", "PERSON", mentions=(mention(2, "Ales Bialiatski", "exact", "PERSON"),)
    ),
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return article_graph(ARTICLE, FACTS, ENTITIES)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    other = Article(id="other", text="US lifts sanctions", title="US lifts sanctions")
    f = Fact(
        "other",
        0,
        other.text,
        0,
        18,
        Predicate("lifts", 3, 8, lemma="lift"),
        subject=Span("US", 0, 2, entity="United States", type="GPE"),
        object=Span("sanctions", 9, 18),
    )
    return facts_to_dataset([(ARTICLE, FACTS, ENTITIES), (other, [f], [])])


def test_fixture_offsets_index_the_article_text() -> None:
    for f in FACTS:
        assert TEXT[f.sentence_start : f.sentence_end] == f.sentence_text
        for s in (f.subject, f.object, *f.arguments):
            if s is not None:
                assert TEXT[s.start : s.end] == s.text


# -- IRIs ---------------------------------------------------------------------------------------


def test_iris_are_deterministic_and_readable() -> None:
    assert str(article_iri(ID)) == f"https://w3id.org/kg-news/id/article/{ID}"
    assert str(event_iri(ID, 3)).endswith(f"/event/{ID}/3")
    assert entity_iri("the United States", "GPE") == entity_iri("United States", "LOC")
    assert entity_iri("Jordan", "PERSON") != entity_iri("Jordan", "GPE")  # compatible types only
    assert entity_iri("Łukašenka", "PERSON") == entity_iri("Lukasenka", "PERSON")
    assert str(concept_iri("123 political prisoners")).endswith("/concept/123-political-prisoners")
    assert str(relation_iri("lift sanctions on")).endswith("/rel/lift_sanctions_on")
    assert str(relation_iri("recognise", negated=True)).endswith("/rel/not_recognise")
    assert str(time_iri(begin="2020")).endswith("/time/2020_open")


def test_same_input_gives_the_same_triples(graph: Graph) -> None:
    again = article_graph(ARTICLE, FACTS, ENTITIES)
    assert set(again) == set(graph)  # no blank nodes, so set equality is exact


def test_graph_has_no_blank_nodes(graph: Graph) -> None:
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


# -- the article graph ----------------------------------------------------------------------------


def test_article_resource_has_metadata(graph: Graph) -> None:
    doc = article_iri(ID)
    assert graph.identifier == doc
    assert (doc, RDF.type, KG.Article) in graph
    assert graph.value(doc, KG.datelinePlace) == entity_iri("Vilnius", "GPE")
    published = graph.value(doc, SEM.hasTimeStamp) or graph.value(doc, RDF.value)
    assert published is None  # the date is dcterms:date, not a time stamp
    from kg.vocab import DCTERMS, SDO

    assert graph.value(doc, DCTERMS.date) == Literal("2025-12-14", datatype=XSD.date)
    assert graph.value(doc, SDO.datePublished) == Literal("2025-12-14", datatype=XSD.date)
    assert str(graph.value(doc, DCTERMS.title)).startswith("Belarus frees")


def test_release_event_links_agent_patient_and_sentence(graph: Graph) -> None:
    ev = event_iri(ID, 1)
    assert (ev, RDF.type, KG.Event) in graph
    assert graph.value(ev, KG.eventType) == Literal("release")
    assert graph.value(ev, KG.agent) == entity_iri("Belarus", "GPE")
    assert graph.value(ev, KG.patient) == concept_iri("123 prisoners")
    assert graph.value(ev, KG.quantity) == Literal("123", datatype=XSD.decimal)
    assert py(graph, ev, KG.confidence) == Decimal("0.9")
    assert graph.value(ev, KG.negated) == Literal(False)
    sentence = graph.value(ev, KG.sentence)
    assert str(graph.value(sentence, NIF.anchorOf)) == SENTENCES[1]
    assert py(graph, sentence, NIF.beginIndex) == STARTS[1]
    assert graph.value(sentence, NIF.referenceContext) == article_iri(ID)


def test_direct_relation_joins_subject_and_object(graph: Graph) -> None:
    assert (entity_iri("Belarus", "GPE"), REL.release, concept_iri("123 prisoners")) in graph
    us = entity_iri("United States", "GPE")
    assert (us, REL.lift_sanctions_on, concept_iri("potash")) in graph
    assert (REL.release, RDFS.subPropertyOf, KG.relation) in graph
    # an agentless passive has no subject, so no direct triple
    assert not list(graph.subject_objects(REL.imprison))


def test_negated_event_gets_not_relation(graph: Graph) -> None:
    ev = event_iri(ID, 4)
    assert graph.value(ev, KG.negated) == Literal(True)
    assert (
        entity_iri("European Union", "ORG"),
        REL.not_recognise,
        entity_iri("Alexander Lukashenko", "PERSON"),
    ) in graph
    assert graph.value(ev, KG.attribute) == concept_iri("president")


def test_modality_is_a_literal(graph: Graph) -> None:
    assert graph.value(event_iri(ID, 3), KG.modality) == Literal("committed")


def test_open_interval_time_is_typed_by_granularity(graph: Graph) -> None:
    ev = event_iri(ID, 5)
    assert graph.value(ev, SEM.hasBeginTimeStamp) == Literal("2020", datatype=XSD.gYear)
    assert graph.value(ev, SEM.hasEndTimeStamp) is None
    node = graph.value(ev, KG.time)
    assert node == time_iri(begin="2020")
    assert (node, RDF.type, SEM.Time) in graph
    assert graph.value(node, SEM.hasBeginTimeStamp) == Literal("2020", datatype=XSD.gYear)


def test_location_points_to_place_with_coordinates(graph: Graph) -> None:
    minsk = entity_iri("Minsk", "GPE")
    assert graph.value(event_iri(ID, 2), KG.location) == minsk
    assert (minsk, RDF.type, KG.Place) in graph
    assert (minsk, OWL.sameAs, GEONAMES["625144/"]) in graph
    assert py(graph, minsk, GEO.lat) == Decimal("53.9")
    assert graph.value(minsk, KG.isoCode) == Literal("BY")


def test_speaker_recipient_companion_and_plain_argument(graph: Graph) -> None:
    ev = event_iri(ID, 6)
    assert graph.value(ev, KG.recipient) == entity_iri("Ukraine", "GPE")
    assert graph.value(ev, KG.companion) == concept_iri("113 other released prisoners")
    assert graph.value(ev, KG.attributedTo) == entity_iri(
        "Coordination Headquarters for the Treatment of Prisoners of War", "ORG"
    )
    # a participant of no more specific role: the generic kg:argument, named so on its span
    assert graph.value(ev, KG.argument) == concept_iri("over")
    spans = {graph.value(s, KG.role) for s in graph.objects(ev, KG.argumentSpan)}
    assert Literal("argument") in spans


def test_every_span_anchors_its_text(graph: Graph) -> None:
    spans = set(graph.subjects(RDF.type, KG.Mention))
    assert len(spans) > 20
    for m in spans:
        begin, end = py(graph, m, NIF.beginIndex), py(graph, m, NIF.endIndex)
        assert str(graph.value(m, NIF.anchorOf)) == TEXT[begin:end]
        assert graph.value(m, NIF.referenceContext) == article_iri(ID)


def test_entities_have_types_labels_aliases_and_coref_rules(graph: Graph) -> None:
    us = entity_iri("United States", "GPE")
    assert {KG.Entity, KG.Place} <= set(graph.objects(us, RDF.type))
    assert graph.value(us, RDFS.label) == Literal("United States")
    assert set(graph.objects(us, SKOS.altLabel)) == {Literal("US"), Literal("the United States")}
    rules = {str(graph.value(m, KG.corefRule)) for m in graph.subjects(KG.refersTo, us)}
    assert {"acronym", "exact"} <= rules
    assert (article_iri(ID), KG.mentions, us) in graph
    assert (entity_iri("Maria Kolesnikova", "PERSON"), RDF.type, KG.Person) in graph
    assert (entity_iri("European Union", "ORG"), RDF.type, KG.Organisation) in graph


def test_predicate_span_keeps_gappy_predicate_text(graph: Graph) -> None:
    ev = event_iri(ID, 3)
    assert graph.value(ev, KG.predicate) == Literal("agreed to lift sanctions on")
    pred = graph.value(ev, KG.predicateSpan)
    assert str(graph.value(pred, NIF.anchorOf)) == "agreed to lift sanctions on"


def test_span_with_unusable_offsets_still_gets_its_role() -> None:
    a = Article(id="x", text="Belarus frees prisoners")
    f = Fact(
        "x",
        0,
        a.text,
        0,
        23,
        Predicate("frees", 8, 13, lemma="free"),
        subject=Span("Belarus", 0, 0, entity="Belarus"),
        object=Span("prisoners", 14, 23),
    )
    g = article_graph(a, [f], [])
    assert g.value(event_iri("x", 0), KG.agent) == entity_iri("Belarus")
    assert g.value(event_iri("x", 0), KG.subjectSpan) is None
    assert validate(g)[0]


# -- SHACL ---------------------------------------------------------------------------------------


def test_belarus_graph_conforms_to_shapes(graph: Graph) -> None:
    conforms, report = validate(graph)
    assert conforms, report


def test_broken_graph_is_reported(graph: Graph) -> None:
    broken = Graph()
    for t in graph:
        broken.add(t)
    ev = event_iri(ID, 1)
    broken.set((ev, KG.confidence, Literal(Decimal("1.5"))))
    broken.remove((entity_iri("Belarus", "GPE"), RDFS.label, None))
    conforms, report = validate(broken)
    assert not conforms
    assert "confidence" in report
    assert "rdfs:label" in report
    assert str(entity_iri("Belarus", "GPE")) in report


def _break(graph: Graph, how: str) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    ev = event_iri(ID, 1)
    span = mention_iri(ID, *at(1, "Belarus"))
    if how == "no_roles":
        for p in (KG.agent, KG.patient, KG.subjectSpan, KG.objectSpan, KG.argumentSpan):
            g.remove((ev, p, None))
    elif how == "two_event_types":
        g.add((ev, KG.eventType, Literal("free")))
    elif how == "empty_span":
        g.set((span, NIF.endIndex, Literal(at(1, "Belarus")[0])))
    elif how == "no_anchor":
        g.remove((span, NIF.anchorOf, None))
    elif how == "untitled_article":
        from kg.vocab import DCTERMS

        g.remove((article_iri(ID), DCTERMS.title, None))
        g.remove((article_iri(ID), DCTERMS.identifier, None))
    elif how == "bad_time_stamp":
        g.add((ev, SEM.hasTimeStamp, Literal("last week")))
    return g


@pytest.mark.parametrize(
    ("how", "focus"),
    [
        ("no_roles", event_iri(ID, 1)),
        ("two_event_types", event_iri(ID, 1)),
        ("empty_span", mention_iri(ID, *at(1, "Belarus"))),
        ("no_anchor", mention_iri(ID, *at(1, "Belarus"))),
        ("untitled_article", article_iri(ID)),
        ("bad_time_stamp", event_iri(ID, 1)),
    ],
)
def test_each_broken_rule_is_reported(graph: Graph, how: str, focus: URIRef) -> None:
    conforms, report = validate(_break(graph, how))
    assert not conforms
    assert f"Focus Node: <{focus}>" in report


def test_dataset_validates_as_union(dataset: Dataset) -> None:
    conforms, report = validate(dataset)
    assert conforms, report


# -- datasets, SPARQL, files -----------------------------------------------------------------------


WHO_RELEASED_WHOM = """
SELECT ?who ?whom WHERE {
  ?event a kg:Event ; kg:eventType "release" ; kg:agent ?a ; kg:patient ?p .
  ?a rdfs:label ?who . ?p rdfs:label ?whom .
}
"""


def test_sparql_who_released_whom(dataset: Dataset) -> None:
    rows = [(str(r[0]), str(r[1])) for r in dataset.query(WHO_RELEASED_WHOM)]  # type: ignore[index]
    assert rows == [("Belarus", "123 prisoners")]


def test_sparql_direct_relation_across_articles(dataset: Dataset) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?us rel:lift_sanctions_on|rel:lift ?o } }"
    graphs = {str(r[0]) for r in dataset.query(q)}  # type: ignore[index]
    assert graphs == {str(article_iri(ID)), str(article_iri("other"))}


def test_dataset_has_one_named_graph_per_article(dataset: Dataset) -> None:
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {article_iri(ID), article_iri("other")}
    assert len(dataset.graph(article_iri(ID))) == len(article_graph(ARTICLE, FACTS, ENTITIES))


def test_trig_parses_with_pyoxigraph(dataset: Dataset, tmp_path: Path) -> None:
    path = write_dataset(dataset, tmp_path / "kg.trig")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG))
    # len(dataset) counts the union's distinct triples; the file has one quad per graph triple
    assert len(quads) == len(list(dataset.quads((None, None, None, None))))
    assert {q.graph_name.value for q in quads} == {str(article_iri(ID)), str(article_iri("other"))}


def _same(a: Graph, b: Graph) -> bool:
    return isomorphic(normalise_literals(a), normalise_literals(b))


@pytest.mark.parametrize("ext", [".trig", ".nq", ".jsonld"])
def test_round_trip_keeps_every_graph(dataset: Dataset, tmp_path: Path, ext: str) -> None:
    back = read_dataset(write_dataset(dataset, tmp_path / f"kg{ext}"))
    for name in (article_iri(ID), article_iri("other")):
        assert _same(dataset.graph(name), back.graph(name)), name


def test_written_files_get_the_mode_the_umask_gives(dataset: Dataset, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_dataset(dataset, tmp_path / "kg.trig")
        assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        os.umask(0o027)
        assert write_dataset(dataset, tmp_path / "kg.nq").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.nq", "kg.trig"]


def test_turtle_merges_graphs_into_default(dataset: Dataset, tmp_path: Path) -> None:
    back = read_dataset(write_dataset(dataset, tmp_path / "kg.ttl"))
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert _same(union, back.default_graph)


def test_failed_write_leaves_old_file(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kg.trig"
    path.write_text("old contents\n", encoding="utf-8")

    def broken(data: object, fmt: str, out: IO[bytes]) -> None:
        out.write(b"@prefix half")
        raise RuntimeError("serialiser crashed")

    monkeypatch.setattr("kg.rdf._io._serialize", broken)
    with pytest.raises(RuntimeError):
        write_dataset(dataset, path)
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.trig"]  # no temp file left


def test_unknown_extension_and_missing_file_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown RDF file extension"):
        format_for(tmp_path / "kg.csv")
    with pytest.raises(StoreError, match="no such RDF file"):
        read_dataset(tmp_path / "missing.trig")
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.trig"):
        read_dataset(bad)


def test_event_labels_read_as_statements(graph: Graph) -> None:
    assert graph.value(event_iri(ID, 6), RDFS.label) == Literal("Kolesnikova was handed over")
    assert graph.value(event_iri(ID, 4), RDFS.label) == Literal(
        "the European Union recognised Belarusian President Alexander Lukashenko"
    )


def test_relative_time_stays_a_literal() -> None:
    a = Article(id="t", text="Belarus frees prisoners today")
    f = Fact(
        "t", 0, a.text, 0, 29, Predicate("frees", 8, 13, lemma="free"),
        subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
        arguments=(Argument("time", "today", 24, 29),),
        time=TimeValue("today", value="PRESENT_REF", start=24, stop=29),
    )  # fmt: skip
    g = article_graph(a, [f])
    ev = event_iri("t", 0)
    assert g.value(ev, KG.timeValue) == Literal("PRESENT_REF")
    assert g.value(ev, KG.time) is None  # a relative time is no node (issue 14 item 3)
    assert g.value(ev, SEM.hasTimeStamp) is None
    (span,) = g.objects(ev, KG.argumentSpan)
    assert (g.value(span, NIF.anchorOf), g.value(span, KG.refersTo)) == (Literal("today"), None)
    assert validate(g)[0]


def test_date_time_stamp_and_time_node() -> None:
    a = Article(id="d", text="Belarus freed prisoners on December 13")
    f = Fact(
        "d", 0, a.text, 0, 38, Predicate("freed", 8, 13, lemma="free"),
        subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
        arguments=(Argument("time", "December 13", 27, 38, prep="on"),),
        time=TimeValue("December 13", value="2025-12-13", start=27, stop=38),
    )  # fmt: skip
    g = article_graph(a, [f])
    ev = event_iri("d", 0)
    assert g.value(ev, SEM.hasTimeStamp) == Literal("2025-12-13", datatype=XSD.date)
    assert g.value(ev, KG.time) == time_iri("2025-12-13")
    assert len(list(g.objects(ev, KG.time))) == 1  # the argument and Fact.time are one


def test_single_graph_writes_and_reads_back(graph: Graph, tmp_path: Path) -> None:
    back = read_dataset(write_dataset(graph, tmp_path / "one.ttl"))
    assert _same(graph, back.default_graph)
    text = (tmp_path / "one.ttl").read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text
    assert "brick" not in text  # none of rdflib's default prefixes


def test_trig_file_uses_project_prefixes(dataset: Dataset, tmp_path: Path) -> None:
    text = write_dataset(dataset, tmp_path / "kg.trig").read_text(encoding="utf-8")
    assert "@prefix rel: <https://w3id.org/kg-news/rel/>" in text
    assert "rel:release" in text


def test_equal_data_gives_equal_files(dataset: Dataset, tmp_path: Path) -> None:
    again = facts_to_dataset([(ARTICLE, FACTS, ENTITIES)])
    other = Article(id="other", text="US lifts sanctions", title="US lifts sanctions")
    f = Fact(
        "other", 0, other.text, 0, 18, Predicate("lifts", 3, 8, lemma="lift"),
        subject=Span("US", 0, 2, entity="United States", type="GPE"),
        object=Span("sanctions", 9, 18),
    )  # fmt: skip
    from kg.rdf import add_graph

    add_graph(again, article_graph(other, [f]))  # same content, other insertion order
    for ext in (".trig", ".nq", ".ttl"):
        a = write_dataset(dataset, tmp_path / f"a{ext}").read_bytes()
        b = write_dataset(again, tmp_path / f"b{ext}").read_bytes()
        assert a == b, ext


def test_passive_relation_runs_from_agent_to_patient() -> None:
    """Grammatical subject as patient, the by-phrase as agent: the direct triple is logical."""
    text = SENTENCES[5]
    a = Article(id="p", text=text)
    s = text.index
    f = Fact(
        "p", 0, text, 0, len(text),
        Predicate("recognised", s("recognised"), s("recognised") + 10, lemma="recognise"),
        subject=Span("Belarusian President Alexander Lukashenko", 0, 41,
                     entity="Alexander Lukashenko", type="PERSON", role="patient"),
        arguments=(Argument("agent", "the European Union", s("the European Union"), len(text) - 1,
                            entity="European Union", type="ORG", prep="by"),),
        negated=True,
    )  # fmt: skip
    g = article_graph(a, [f])
    assert g.value(event_iri("p", 0), KG.patient) == entity_iri("Alexander Lukashenko", "PERSON")
    assert g.value(event_iri("p", 0), KG.agent) == entity_iri("European Union", "ORG")
    assert list(g.subject_objects(REL.not_recognise)) == [
        (entity_iri("European Union", "ORG"), entity_iri("Alexander Lukashenko", "PERSON"))
    ]


def test_unnormalised_time_keeps_its_text_on_the_span_only() -> None:
    a = Article(id="r", text="Belarus freed prisoners last week")
    f = Fact(
        "r", 0, a.text, 0, 33, Predicate("freed", 8, 13, lemma="free"),
        subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
        time=TimeValue("last week", start=24, stop=33),
    )  # fmt: skip
    g = article_graph(a, [f])
    ev = event_iri("r", 0)
    assert g.value(ev, KG.time) is None  # a date never becomes a concept node
    assert not list(g.subjects(RDF.type, KG.Concept))
    (span,) = g.objects(ev, KG.argumentSpan)
    assert g.value(span, NIF.anchorOf) == Literal("last week")
    assert validate(g)[0]


# -- the fast path: article_triples ------------------------------------------------------------

#: sha256 of the sorted N-Triples of the fixture graph (538 triples as the rdflib-Graph builder
#: made it before article_triples existed; 542 since each event names its actor, kg:actorSpan). A
#: deliberate change of the RDF shape changes it: then check the new graph by hand and update.
BELARUS_DIGEST = "dc31b789aa0501d7619539a3f111d6d8df9df18580a2b52d290f46d228bd93ba"


def _digest(triples: Any) -> str:
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in triples)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_article_triples_are_the_graph_builder_triples(graph: Graph) -> None:
    triples = article_triples(ARTICLE, FACTS, ENTITIES)
    assert len(triples) == len(set(triples)) == len(graph) == 542  # distinct, none lost
    assert set(triples) == set(graph)
    assert _digest(triples) == _digest(graph) == BELARUS_DIGEST
    assert article_triples(ARTICLE, FACTS, ENTITIES) == triples  # same order every time


def test_article_graph_keeps_identifier_and_prefixes(graph: Graph) -> None:
    assert graph.identifier == article_iri(ID)
    assert dict(graph.namespaces())["kg"] == URIRef(str(KG))


def test_literal_caches_keep_exact_terms() -> None:
    # the cached literals must be the ones rdflib would make: typed offsets, plain strings
    a = Article(id="c", text="Belarus frees 2 people", title="Belarus")
    f = Fact(
        "c", 0, a.text, 0, 22, Predicate("frees", 8, 13, lemma="free"),
        subject=Span("Belarus", 0, 7, entity="Belarus", type="GPE"),
        object=Span("2 people", 14, 22), confidence=0.8, quantity=2.0,
    )  # fmt: skip
    triples = article_triples(a, [f])
    objects = {(p, o) for _, p, o in triples}
    assert (NIF.beginIndex, Literal(14)) in objects
    assert (KG.confidence, Literal("0.8", datatype=XSD.decimal)) in objects
    assert (KG.quantity, Literal("2", datatype=XSD.decimal)) in objects
    assert (RDFS.label, Literal("Belarus")) in objects
    assert (KG.negated, Literal(False)) in objects


def test_article_rdf_states_the_article_triples(graph: Graph) -> None:
    rdf = article_rdf(AnalysedArticle(ARTICLE, tuple(FACTS), tuple(ENTITIES)))
    statements = rdf.statements()
    assert len(statements) == len(set(statements)) == 542
    parsed = Graph().parse(data="".join(f"{s} .\n" for s in statements), format="nt")
    assert set(parsed) == set(graph)
    belarus = entity_iri("Belarus", "GPE")
    assert rdf.entity_labels[str(belarus)] == {str(graph.value(belarus, RDFS.label))}
    typed = {s for s, o in graph.subject_objects(RDF.type) if o == KG.Entity}
    assert {URIRef(node) for node in rdf.entity_labels} == typed


def test_article_text_escapes_literals_exactly(tmp_path: Path) -> None:
    from kg.store import open_store

    title = 'He said "no" \\ then\nleft\r\tat 3\u00a0pm'
    a = Article(id="esc", text="x", title=title)
    assert (article_iri("esc"), DCTERMS.title, Literal(title)) in article_triples(a, [])
    with open_store(tmp_path / "store") as store:
        store.put_article(article_iri("esc"), article_rdf(AnalysedArticle(a, ())), "h")
        rows = store.query(f"SELECT ?t WHERE {{ ?a {DCTERMS.title.n3()} ?t }}")
        assert [str(row[0]) for row in rows] == [title]  # type: ignore[index]


def test_dataset_graph_holds_the_article_triples(dataset: Dataset, graph: Graph) -> None:
    stored = normalise_literals(dataset.graph(article_iri(ID)))
    assert set(stored) == set(normalise_literals(graph))  # no blank nodes: sets compare
