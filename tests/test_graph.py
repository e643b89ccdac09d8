"""kg.graph: projections of the RDF event graph, their round trip, analysis and export."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.graph import (
    EntityNotFound,
    NoPath,
    comention_graph,
    communities,
    ego,
    entity_graph,
    event_graph,
    example_graph,
    facts_between,
    find_entity,
    pagerank,
    plot_timeline,
    shortest_path,
    timeline,
    top_entities,
    undirected_weighted,
    write_gexf,
    write_graphml,
)
from kg.graph._project import EDGE_ATTRIBUTES
from kg.model import (
    Argument,
    Article,
    Entity,
    Fact,
    Mention,
    Place,
    Predicate,
    Role,
    Span,
    TimeValue,
)
from kg.rdf import entity_iri, event_iri, facts_to_dataset, write_dataset

TEXT = (
    "US lifts sanctions on Belaruskali. "
    "Lukashenko freed Ales Bialiatski, who arrived in Vilnius on Saturday. "
    "Lukashenko did not free 123 prisoners."
)


def _span(text: str, *, entity: str | None = None, type: str | None = None,
          lemma: str | None = None, nth: int = 0, role: str | None = None) -> Any:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(text, at + 1)
    if lemma is not None:
        return Predicate(text, at, at + len(text), lemma=lemma)
    return Span(text, at, at + len(text), entity=entity, type=type,
                role=Role(role) if role else None)


def _sentence(i: int) -> tuple[str, int, int]:
    starts = [0, TEXT.index("Lukashenko freed"), TEXT.index("Lukashenko did")]
    ends = [TEXT.index("Belaruskali.") + 12, TEXT.index("Saturday.") + 9, len(TEXT)]
    return TEXT[starts[i]:ends[i]], starts[i], ends[i]


def belarus_facts() -> tuple[Article, list[Fact], list[Entity]]:
    article = Article(id="belarus-1", text=TEXT, title="US lifts sanctions",
                      published=date(2025, 12, 14), url="https://example.org/belarus")
    luka: dict[str, Any] = dict(entity="Alexander Lukashenko", type="PERSON")
    ales: dict[str, Any] = dict(entity="Ales Bialiatski", type="PERSON")
    vilnius = _span("Vilnius")
    saturday = _span("Saturday")
    facts = [
        Fact("belarus-1", 0, *_sentence(0), predicate=_span("lifts sanctions on",
             lemma="lift sanctions on"), subject=_span("US", entity="United States", type="GPE"),
             object=_span("Belaruskali", entity="Belaruskali", type="ORG"), confidence=0.8),
        Fact("belarus-1", 1, *_sentence(1), predicate=_span("freed", lemma="free"),
             subject=_span("Lukashenko", **luka), object=_span("Ales Bialiatski", **ales),
             confidence=0.9),
        Fact("belarus-1", 1, *_sentence(1), predicate=_span("arrived in", lemma="arrive"),
             subject=_span("who", **ales),
             arguments=(Argument("location", "Vilnius", vilnius.start, vilnius.end,
                                 entity="Vilnius", type="GPE", prep="in"),),
             time=TimeValue("Saturday", value="2025-12-13", start=saturday.start,
                            stop=saturday.end),
             place=Place("Vilnius", kind="city", iso="LT", start=vilnius.start, end=vilnius.end),
             confidence=0.7),
        # object names no entity: a Concept, left out unless concepts=True
        Fact("belarus-1", 2, *_sentence(2), predicate=_span("free", lemma="free", nth=0),
             subject=_span("Lukashenko", nth=1, **luka), object=_span("123 prisoners"),
             negated=True, modality="asserted", confidence=0.6),
    ]
    entities = [
        Entity("Alexander Lukashenko", "PERSON", aliases=("Lukashenko",)),
        Entity("United States", "GPE", aliases=("US",)),
    ]
    return article, facts, entities


@pytest.fixture(scope="module")
def belarus_ds() -> Dataset:
    return facts_to_dataset([belarus_facts()])


def _same(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> bool:
    return (dict(G.nodes(data=True)) == dict(H.nodes(data=True))
            and sorted(G.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True)))


# --- projections ---------------------------------------------------------------------------


def test_entity_graph_has_one_edge_per_fact_between_entities(belarus_ds: Dataset) -> None:
    G = entity_graph(belarus_ds)
    labels = {d["label"]: v for v, d in G.nodes(data=True)}
    assert set(labels) == {"United States", "Belaruskali", "Alexander Lukashenko",
                           "Ales Bialiatski", "Vilnius"}
    assert G.number_of_edges() == 3
    assert G.nodes[labels["Alexander Lukashenko"]] == {
        "label": "Alexander Lukashenko", "type": "Person", "aliases": ("Lukashenko",)}
    assert G.nodes[labels["Belaruskali"]]["type"] == "Organisation"
    assert G.nodes[labels["Vilnius"]]["type"] == "Place"
    assert labels["Vilnius"] == str(entity_iri("Vilnius", "GPE"))


def test_entity_graph_edge_carries_source_sentence_and_article(belarus_ds: Dataset) -> None:
    G = entity_graph(belarus_ds)
    u = str(entity_iri("Alexander Lukashenko", "PERSON"))
    v = str(entity_iri("Ales Bialiatski", "PERSON"))
    (key, d), = G[u][v].items()
    assert key == str(event_iri("belarus-1", 1)) == d["event"]
    assert set(d) == set(EDGE_ATTRIBUTES)
    assert d["lemma"] == "free" and d["predicate"] == "freed"
    assert d["sentence"] == _sentence(1)[0]
    assert TEXT[d["sentence_start"]:d["sentence_end"]] == d["sentence"]
    assert TEXT[d["subject_start"]:d["subject_end"]] == "Lukashenko"
    assert TEXT[d["object_start"]:d["object_end"]] == "Ales Bialiatski"
    assert TEXT[d["predicate_start"]:d["predicate_end"]] == "freed"
    assert d["title"] == "US lifts sanctions" and d["url"] == "https://example.org/belarus"
    assert d["published"] == d["date"] == "2025-12-14"
    assert d["confidence"] == pytest.approx(0.9) and d["negated"] is False
    assert d["role"] == "patient" and d["subject_role"] == "agent"


def test_entity_graph_falls_back_to_location_argument_and_event_time(belarus_ds: Dataset) -> None:
    G = entity_graph(belarus_ds)
    d = G.edges[str(entity_iri("Ales Bialiatski", "PERSON")), str(entity_iri("Vilnius", "GPE")),
                str(event_iri("belarus-1", 2))]
    assert d["role"] == "location" and d["lemma"] == "arrive"
    assert d["time"] == d["date"] == "2025-12-13"
    assert TEXT[d["object_start"]:d["object_end"]] == "Vilnius"


def test_entity_graph_keeps_concepts_on_request(belarus_ds: Dataset) -> None:
    G = entity_graph(belarus_ds, concepts=True)
    assert G.number_of_edges() == 4
    (u, v, d), = [(u, v, d) for u, v, d in G.edges(data=True) if d["negated"]]
    assert G.nodes[v] == {"label": "123 prisoners", "type": "Concept", "aliases": ()}
    assert d["modality"] == "asserted" and d["confidence"] == pytest.approx(0.6)


def test_entity_graph_reads_graphs_files_and_plain_datasets(belarus_ds: Dataset,
                                                           tmp_path: Path) -> None:
    G = entity_graph(belarus_ds)
    union = Graph()
    for s, p, o, _ in belarus_ds.quads((None, None, None, None)):
        union.add((s, p, o))
    plain = Dataset()  # default_union=False: named graphs must still be read
    for s, p, o, g in belarus_ds.quads((None, None, None, None)):
        plain.graph(getattr(g, "identifier", g)).add((s, p, o))
    path = write_dataset(belarus_ds, tmp_path / "kg.trig")
    for source in (union, plain, path, str(path)):
        assert _same(entity_graph(source), G), source


def test_entity_graph_rejects_other_inputs() -> None:
    with pytest.raises(TypeError, match="rdflib Dataset"):
        entity_graph(42)


def test_example_dataset_projects_to_the_example_graph_edges() -> None:
    """The example facts written by kg.rdf project to the hand-made example graph's edges."""
    from kg.graph import example_dataset

    G, H = example_graph(), entity_graph(example_dataset())
    labels = {n: d["label"] for n, d in G.nodes(data=True)}
    h_labels = {n: d["label"] for n, d in H.nodes(data=True)}
    edges = {(labels[u], d["lemma"], labels[v]) for u, v, d in G.edges(data=True)}
    assert {(h_labels[u], d["lemma"], h_labels[v]) for u, v, d in H.edges(data=True)} == edges


def test_isolated_entities_are_kept_on_request(belarus_ds: Dataset) -> None:
    article, facts, entities = belarus_facts()
    extra = [*entities, Entity("Minsk", "GPE")]
    ds = facts_to_dataset([(article, facts, extra)])
    assert str(entity_iri("Minsk", "GPE")) not in entity_graph(ds)
    G = entity_graph(ds, isolated=True)
    assert G.nodes[str(entity_iri("Minsk", "GPE"))]["type"] == "Place"


def test_event_graph_is_bipartite_with_role_edges(belarus_ds: Dataset) -> None:
    H = event_graph(belarus_ds)
    kinds = nx.get_node_attributes(H, "kind")
    assert sum(k == "event" for k in kinds.values()) == 4
    assert sum(k == "entity" for k in kinds.values()) == 5
    arrive = str(event_iri("belarus-1", 2))
    roles = {(H.nodes[t]["label"], k) for _, t, k in H.out_edges(arrive, keys=True)}
    assert roles == {("Ales Bialiatski", "agent"), ("Vilnius", "location")}
    assert all(kinds[u] == "event" and kinds[v] == "entity" for u, v in H.edges())
    assert H.nodes[arrive]["sentence"] == _sentence(1)[0]


def test_comention_graph_weights_count_shared_articles() -> None:
    a1, f1, e1 = belarus_facts()
    a2 = Article(id="belarus-2", text="Lukashenko met Ales Bialiatski.", title="t2")
    f2 = [Fact("belarus-2", 0, a2.text, 0, len(a2.text), predicate=Predicate("met", 11, 14,
               lemma="meet"),
               subject=Span("Lukashenko", 0, 10, entity="Alexander Lukashenko", type="PERSON"),
               object=Span("Ales Bialiatski", 15, 30, entity="Ales Bialiatski",
                           type="PERSON"))]
    C = comention_graph(facts_to_dataset([(a1, f1, e1), (a2, f2, [])]))
    luka = str(entity_iri("Alexander Lukashenko", "PERSON"))
    ales = str(entity_iri("Ales Bialiatski", "PERSON"))
    assert C.edges[luka, ales]["weight"] == 2
    assert C.edges[luka, str(entity_iri("Vilnius", "GPE"))]["weight"] == 1
    assert C.nodes[luka]["article_count"] == 2
    assert not C.is_directed()


# --- phrases that mention entities ---------------------------------------------------------

NESTED = (
    "Tikhanovskaya waited outside the US embassy in Vilnius. "
    "Ukrainian authorities thanked Poland. "
    "Talks were held in Minsk with the US envoy. "
    "Lukashenko is not recognised by the EU."
)


def _at(text: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = NESTED.index(text, at + 1)
    return at, at + len(text)


def _nspan(text: str, nth: int = 0, **kw: Any) -> Any:
    if "lemma" in kw:
        return Predicate(text, *_at(text, nth), **kw)
    return Span(text, *_at(text, nth), **kw)


def nested_facts() -> tuple[Article, list[Fact], list[Entity]]:
    """Facts whose participants are phrases naming entities, as the extractor writes them."""
    article = Article(id="nested-1", text=NESTED, title="Nested", published=date(2025, 12, 14))
    sent = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S[^.]*\.", NESTED)]
    person: dict[str, Any] = dict(type="PERSON")
    facts = [
        Fact("nested-1", 0, *sent[0], predicate=_nspan("waited outside", lemma="wait"),
             subject=_nspan("Tikhanovskaya", entity="Svetlana Tikhanovskaya", role="agent",
                            **person),
             object=_nspan("the US embassy in Vilnius", role="argument")),
        Fact("nested-1", 1, *sent[1], predicate=_nspan("thanked", lemma="thank"),
             subject=_nspan("Ukrainian authorities", role="agent"),
             object=_nspan("Poland", entity="Poland", type="GPE", role="patient")),
        Fact("nested-1", 2, *sent[2], predicate=_nspan("were held", lemma="hold"),
             subject=_nspan("Talks", role="patient"),
             arguments=(Argument("location", "Minsk", *_at("Minsk"), entity="Minsk", type="GPE",
                                 prep="in"),
                        Argument("companion", "the US envoy", *_at("the US envoy"), prep="with"))),
        Fact("nested-1", 3, *sent[3], predicate=_nspan("is not recognised", lemma="recognise"),
             subject=_nspan("Lukashenko", entity="Alexander Lukashenko", role="patient", **person),
             arguments=(Argument("agent", "the EU", *_at("the EU"), entity="European Union",
                                 type="ORG", prep="by"),),
             negated=True),
    ]

    def mentions(*texts: tuple[str, int]) -> tuple[Mention, ...]:
        return tuple(Mention("nested-1", t, *_at(t, n)) for t, n in texts)

    entities = [
        Entity("Svetlana Tikhanovskaya", "PERSON", mentions=mentions(("Tikhanovskaya", 0))),
        Entity("United States", "GPE", aliases=("US",), mentions=mentions(("US", 0), ("US", 1))),
        Entity("Vilnius", "GPE", mentions=mentions(("Vilnius", 0))),
        Entity("Ukraine", "GPE", mentions=mentions(("Ukrainian", 0))),
        Entity("Poland", "GPE"), Entity("Minsk", "GPE"),
        Entity("Alexander Lukashenko", "PERSON"), Entity("European Union", "ORG"),
    ]
    return article, facts, entities


@pytest.fixture(scope="module")
def nested_ds() -> Dataset:
    return facts_to_dataset([nested_facts()])


def _labelled(G: nx.MultiDiGraph) -> dict[tuple[str, str], dict[str, Any]]:
    return {(G.nodes[u]["label"], G.nodes[v]["label"]): d for u, v, d in G.edges(data=True)}


def test_phrase_objects_link_the_entities_they_mention(nested_ds: Dataset) -> None:
    G = entity_graph(nested_ds)
    edges = _labelled(G)
    us = edges["Svetlana Tikhanovskaya", "United States"]
    vilnius = edges["Svetlana Tikhanovskaya", "Vilnius"]
    for d, name in ((us, "US"), (vilnius, "Vilnius")):
        assert d["via"] == "nested" and d["event"] == str(event_iri("nested-1", 0))
        assert d["object_phrase"] == "the US embassy in Vilnius"
        assert NESTED[d["object_phrase_start"]:d["object_phrase_end"]] == d["object_phrase"]
        assert NESTED[d["object_start"]:d["object_end"]] == name  # the mention inside it
        assert d["subject_phrase"] is None and d["predicate"] == "waited outside"
    path = shortest_path(G, "Svetlana Tikhanovskaya", "US")
    assert [G.nodes[v]["label"] for v in path] == ["Svetlana Tikhanovskaya", "United States"]


def test_phrase_subjects_and_passive_agents_are_actors(nested_ds: Dataset) -> None:
    edges = _labelled(entity_graph(nested_ds))
    ukraine = edges["Ukraine", "Poland"]
    assert ukraine["via"] == "nested" and ukraine["subject_phrase"] == "Ukrainian authorities"
    assert NESTED[ukraine["subject_start"]:ukraine["subject_end"]] == "Ukrainian"
    assert ukraine["object_phrase"] is None and ukraine["role"] == "patient"
    eu = edges["European Union", "Alexander Lukashenko"]  # "... is not recognised by the EU"
    assert (eu["via"], eu["subject_role"], eu["role"], eu["negated"]) == (
        "direct", "agent", "patient", True)
    assert ("Alexander Lukashenko", "European Union") not in edges


def test_participants_of_an_agentless_fact_are_linked(nested_ds: Dataset) -> None:
    edges = _labelled(entity_graph(nested_ds))
    minsk = edges["Minsk", "United States"]  # "Talks were held in Minsk with the US envoy"
    assert minsk["subject_role"] == "location" and minsk["role"] == "companion"
    assert minsk["object_phrase"] == "the US envoy" and minsk["via"] == "nested"
    assert len(edges) == 5


def test_concepts_keep_the_phrases_as_well(nested_ds: Dataset) -> None:
    G, C = entity_graph(nested_ds), entity_graph(nested_ds, concepts=True)
    entity_edges = [(u, v, k) for u, v, k in C.edges(keys=True)
                    if C.nodes[u]["type"] != "Concept" and C.nodes[v]["type"] != "Concept"]
    assert sorted(entity_edges) == sorted(G.edges(keys=True))
    edges = _labelled(C)
    assert edges["Svetlana Tikhanovskaya", "the US embassy in Vilnius"]["via"] == "direct"
    assert edges["Ukrainian authorities", "Poland"]["subject_role"] == "agent"
    assert edges["Talks", "Minsk"]["role"] == "location"


def test_nested_edges_read_the_same_from_a_file(nested_ds: Dataset, tmp_path: Path) -> None:
    for concepts in (False, True):
        G = entity_graph(nested_ds, concepts=concepts)
        path = write_dataset(nested_ds, tmp_path / f"rt-{concepts}.trig")
        assert _same(entity_graph(path, concepts=concepts), G)


# --- analysis on a known graph -------------------------------------------------------------


def test_pagerank_matches_networkx() -> None:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    G = example_graph()
    ours = pagerank(nx.DiGraph(G), directed=True)
    theirs = _pagerank_python(nx.DiGraph(G))
    assert ours == pytest.approx(theirs, abs=1e-6)
    assert pagerank(G) == pytest.approx(_pagerank_python(undirected_weighted(G)), abs=1e-6)


def test_top_entities_by_each_measure() -> None:
    G = example_graph()
    assert [(lab, s) for _, lab, s in top_entities(G, "degree", 3)] == [
        ("Ales Bialiatski", 3.0), ("Alexander Lukashenko", 3.0), ("Belarus", 1.0)]
    between = top_entities(G, "betweenness", 2)
    assert [lab for _, lab, _ in between] == ["Ales Bialiatski", "Alexander Lukashenko"]
    assert between[0][2] == pytest.approx(7 / 21)  # 7 of the 21 pairs of 8 nodes pass it
    pr = top_entities(G, "pagerank", 8)
    assert pr[0][1] in {"Ales Bialiatski", "Alexander Lukashenko"}
    assert sum(s for *_, s in pr) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="by="):
        top_entities(G, "closeness")  # type: ignore[arg-type]


def test_communities_split_the_example_into_its_three_stories() -> None:
    G = example_graph()
    found = communities(G)
    named = {c.label: {G.nodes[m]["label"] for m in c.members} for c in found}
    assert named == {
        "Ales Bialiatski": {"Ales Bialiatski", "Belarus", "Vilnius"},
        "Alexander Lukashenko": {"Alexander Lukashenko", "John Coale", "Maria Kalesnikava"},
        "Belaruskali": {"Belaruskali", "United States"},
    }
    assert communities(G) == found  # seeded: same answer every time


def test_find_entity_by_label_case_alias_and_iri() -> None:
    G = example_graph()
    luka = "https://example.org/kg/entity/alexander-lukashenko"
    assert find_entity(G, "ALEXANDER lukashenko") == luka
    assert find_entity(G, "Lukashenko") == luka
    assert find_entity(G, luka) == luka
    with pytest.raises(EntityNotFound, match="did you mean 'Ales Bialiatski'"):
        find_entity(G, "bialiatski")
    with pytest.raises(KeyError):
        find_entity(G, "Nobody")


def test_paths_facts_and_ego() -> None:
    G = example_graph()
    path = [G.nodes[v]["label"] for v in shortest_path(G, "John Coale", "Vilnius")]
    assert path == ["John Coale", "Alexander Lukashenko", "Ales Bialiatski", "Vilnius"]
    with pytest.raises(nx.NetworkXNoPath):
        shortest_path(G, "John Coale", "Belaruskali")
    with pytest.raises(NoPath, match="'John Coale' and 'Belaruskali'") as no_path:
        shortest_path(G, "John Coale", "Belaruskali")
    assert isinstance(no_path.value, KgError) and "\n" not in str(no_path.value)
    with pytest.raises(EntityNotFound, match="between 'John Coale' and 'Atlantis': no entity"):
        shortest_path(G, "John Coale", "Atlantis")
    facts = facts_between(G, "Vilnius", "Ales Bialiatski")
    assert [(f["predicate"], f["source"].rsplit("/", 1)[-1]) for f in facts] == [
        ("arrived in", "ales-bialiatski")]
    assert facts_between(G, "John Coale", "Vilnius") == []
    E = ego(G, "Lukashenko", hops=1)
    assert {d["label"] for _, d in E.nodes(data=True)} == {
        "Alexander Lukashenko", "John Coale", "Ales Bialiatski", "Maria Kalesnikava"}
    assert E.number_of_edges() == 3
    assert ego(G, "Lukashenko", hops=2).number_of_nodes() == 6


def test_timeline_orders_facts_and_plots(tmp_path: Path, belarus_ds: Dataset) -> None:
    rows = timeline(example_graph(), "Ales Bialiatski")
    assert [(r.date, r.predicate, r.other, r.outgoing) for r in rows] == [
        ("2025-12-13", "freed", "Belarus", False),
        ("2025-12-13", "released", "Alexander Lukashenko", False),
        ("2025-12-14", "arrived in", "Vilnius", True),
    ]
    from_ds = timeline(belarus_ds, "Ales Bialiatski")
    assert [(r.date, r.predicate) for r in from_ds] == [("2025-12-13", "arrived in"),
                                                        ("2025-12-14", "freed")]
    png = plot_timeline(rows, tmp_path / "t.png", title="Bialiatski")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- export --------------------------------------------------------------------------------


def test_graphml_export_reloads_with_attributes(tmp_path: Path) -> None:
    G = example_graph()
    H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"), force_multigraph=True)
    assert H.number_of_nodes() == 8 and H.number_of_edges() == 6
    luka = "https://example.org/kg/entity/alexander-lukashenko"
    assert H.nodes[luka]["label"] == "Alexander Lukashenko"
    assert H.nodes[luka]["aliases"] == "Lukashenko"
    edge = H.edges[luka, "https://example.org/kg/entity/maria-kalesnikava",
                   "https://example.org/kg/article/belarus/event/5"]
    assert edge["negated"] is True and edge["confidence"] == pytest.approx(0.5)
    assert "modality" not in edge  # None is dropped, not written as "None"
    assert find_entity(H, "U.S.") == "https://example.org/kg/entity/united-states"


def test_gexf_export_reloads(tmp_path: Path) -> None:
    G = example_graph()
    G.add_edge(*list(G)[:2], key="x", type="odd", label="lbl")  # GEXF-reserved names
    H = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert H.number_of_nodes() == 8 and H.number_of_edges() == 7
    assert {d["label"] for _, d in H.nodes(data=True)} >= {"Vilnius", "Belaruskali"}
    assert any(d.get("kg_type") == "odd" for *_, d in H.edges(data=True))


def test_gexf_edges_last_their_dates_and_nodes_their_edges(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    for v in "abcd":
        G.add_node(v, label=v.upper(), type="Person")
    G.add_edge("a", "b", event="day", date="2025-12-14", time="2025-12-14")
    G.add_edge("a", "c", event="month", date="2024-02")
    G.add_edge("c", "d", event="since", date="2020", time="2020/..")  # "since 2020"
    G.add_edge("b", "d", event="undated")
    H = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    spans = {d["event"]: (d.get("start"), d.get("end")) for *_, d in H.edges(data=True)}
    assert spans == {"day": ("2025-12-14", "2025-12-14"), "month": ("2024-02-01", "2024-02-29"),
                     "since": ("2020-01-01", None), "undated": (None, None)}
    nodes = {v: (d.get("start"), d.get("end")) for v, d in H.nodes(data=True)}
    assert nodes == {"a": ("2024-02-01", "2025-12-14"), "b": (None, None),
                     "c": ("2020-01-01", None), "d": (None, None)}
    static = nx.read_gexf(write_gexf(G, tmp_path / "s.gexf", dynamic=False))
    assert static.graph["mode"] == "static"
    assert all("start" not in d for *_, d in static.edges(data=True))


def test_exports_of_rdf_projections(tmp_path: Path, belarus_ds: Dataset) -> None:
    for G in (entity_graph(belarus_ds), event_graph(belarus_ds), comention_graph(belarus_ds)):
        H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        write_gexf(G, tmp_path / "g.gexf")




def test_view_shows_entities_by_default_and_phrases_around_a_focus(belarus_ds: Dataset,
                                                                   tmp_path: Path) -> None:
    from kg.graph._project import _CLASSES
    from kg.view import write_view

    def types(**options: object) -> set[str]:
        path = tmp_path / f"v{len(list(tmp_path.iterdir()))}.html"
        write_view(belarus_ds, path, **options)  # type: ignore[arg-type]
        page = path.read_text(encoding="utf-8")
        data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
        assert data
        return {n["type"] for n in json.loads(data.group(1))["nodes"]}

    default = types()
    assert "Concept" not in default and default
    assert default <= set(_CLASSES.values()) | {"Entity"}  # ontology classes, never CARDINAL
    assert "Concept" in types(concepts=True)
    assert "Concept" in types(focus="Alexander Lukashenko")
    assert "Concept" not in types(focus="Alexander Lukashenko", concepts=False)
