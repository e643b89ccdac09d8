"""Project the RDF event graph (:mod:`kg.rdf`'s model) onto networkx graphs, and back.

The input is anything holding the triples: an rdflib ``Dataset`` (every named graph is read,
whatever its ``default_union``), a ``Graph``, a :mod:`kg.store` store (its ``dataset``), or the
path of an RDF file. The triples are read once into an index, then walked in Python: cheaper
than one SPARQL query per event, and it works the same on every rdflib store.

**Entity graph edges.** One edge per event whose subject and object (the referents of its
``kg:subjectSpan``/``kg:objectSpan``; failing those, its agent and its first entity-valued
argument) are both kept as nodes. The edge key is the event IRI: unique per fact and stable
across :func:`graph_to_rdf` round trips; parallel edges with the same lemma stay apart, and
the lemma is the ``lemma`` attribute (``[k for k, d in G[u][v].items() if d["lemma"] == x]``).
"""

from __future__ import annotations

from collections import Counter, defaultdict  # noqa: F401  (Counter: doctest)
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg import vocab  # SDO/XSD via the module: pytest's doctest finder trips on them
from kg.vocab import DCTERMS, KG, NIF, RDF, RDFS, SEM, SKOS

__all__ = [
    "EDGE_ATTRIBUTES",
    "comention_graph",
    "entity_graph",
    "event_graph",
    "graph_to_rdf",
]

#: Entity classes, most specific first: a node's ``type`` is the first class it has.
_CLASSES: dict[URIRef, str] = {
    KG.Person: "Person",
    KG.Organisation: "Organisation",
    KG.Place: "Place",
    KG.Group: "Group",
    KG.Product: "Product",
}
_CLASS_OF = {name: cls for cls, name in _CLASSES.items()}

#: Role properties in the order an object is looked for when a fact has no object span:
#: the participants a reader would draw an arrow to first.
_OBJECT_ROLES = (
    KG.patient, KG.theme, KG.recipient, KG.goal, KG.beneficiary, KG.location, KG.source,
    KG.topic, KG.companion, KG.instrument, KG.cause, KG.purpose, KG.attribute, KG.argument,
)
_SUBJECT_ROLES = (KG.agent, KG.attributedTo)
_ROLES = (*_SUBJECT_ROLES, *_OBJECT_ROLES, KG.time)
_ROLE_NAME = {p: p.fragment for p in _ROLES}

#: What an entity-graph edge carries (None when unknown). ``date`` is the fact's own time when
#: it is an ISO date/month/year, else the article's date (``published``).
EDGE_ATTRIBUTES = (
    "lemma", "predicate", "event", "event_type", "role", "subject_role",
    "sentence", "sentence_id", "sentence_index", "sentence_start", "sentence_end",
    "subject_start", "subject_end", "object_start", "object_end",
    "predicate_start", "predicate_end",
    "article", "title", "published", "url", "time", "date",
    "confidence", "negated", "modality", "quantity", "rule",
)


# Literal datatypes read as ISO text (not date objects) and as floats (not Decimals)
_AS_TEXT = {vocab.XSD.date, vocab.XSD.dateTime, vocab.XSD.gYear, vocab.XSD.gYearMonth,
            vocab.XSD.anyURI}
_AS_FLOAT = {vocab.XSD.decimal, vocab.XSD.double, vocab.XSD.float}


class _Index:
    """All triples by subject: ``by_s[s][p]`` lists the objects (in order, without repeats)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.by_s: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple[Node, Node, Node]] = set()
        for t in triples:
            if t in seen:
                continue
            seen.add(t)
            s, p, o = t
            self.by_s[s][p].append(o)

    def objects(self, s: Node, p: Node) -> list[Node]:
        props = self.by_s.get(s)
        return props.get(p, []) if props else []

    def value(self, s: Node | None, p: Node) -> Node | None:
        if s is None:
            return None
        objs = self.objects(s, p)
        return objs[0] if objs else None

    def py(self, s: Node | None, p: Node) -> Any:
        v = self.value(s, p)
        return _py(v)

    def subjects_of_type(self, cls: Node) -> list[Node]:
        return [s for s, props in self.by_s.items() if cls in props.get(RDF.type, ())]

    def types(self, s: Node) -> list[Node]:
        return self.objects(s, RDF.type)


def _py(v: Node | None) -> Any:
    """A literal's Python value (ints, floats, bools, ISO strings for dates), an IRI's string."""
    if v is None:
        return None
    if isinstance(v, Literal):
        if v.datatype in _AS_TEXT:
            return str(v)
        if v.datatype in _AS_FLOAT:
            return float(v)
        value = v.toPython()
        if isinstance(value, (bool, int, float, str)):
            return value
        return str(v)
    return str(v)


def _triples(source: Any) -> Iterator[tuple[Node, Node, Node]]:
    if isinstance(source, (str, Path)):
        from kg.rdf import read_dataset

        source = read_dataset(source)
    data = getattr(source, "dataset", None)
    if data is not None and not isinstance(source, Graph):
        source = data  # a kg.store GraphStore
    if isinstance(source, Dataset):
        # quads, not triples: a Dataset without default_union hides its named graphs
        for s, p, o, _ in source.quads((None, None, None, None)):
            yield s, p, o
    elif isinstance(source, Graph):
        yield from source
    else:
        raise TypeError(
            f"cannot read triples from {type(source).__name__}; pass an rdflib Dataset or "
            "Graph, a kg.store store, or the path of an RDF file"
        )


def _index(source: Any) -> _Index:
    return source if isinstance(source, _Index) else _Index(_triples(source))


def _label(idx: _Index, node: Node) -> str:
    labels = sorted({str(x) for x in idx.objects(node, RDFS.label)}, key=lambda t: (len(t), t))
    return labels[0] if labels else str(node).rsplit("/", 1)[-1]


def _node_attrs(idx: _Index, node: Node) -> dict[str, Any]:
    types = idx.types(node)
    typ = next((name for cls, name in _CLASSES.items() if cls in types), None)
    if typ is None:
        if KG.Concept in types and KG.Entity not in types:
            typ = "Concept"
        else:
            typ = str(idx.value(node, KG.entityType) or "Entity")
    label = _label(idx, node)
    others = {str(x) for x in idx.objects(node, RDFS.label)} - {label}
    aliases = tuple(sorted(others | {str(x) for x in idx.objects(node, SKOS.altLabel)}))
    return {"label": label, "type": typ, "aliases": aliases}


def _keeps(idx: _Index, node: Node, concepts: bool) -> bool:
    types = idx.types(node)
    return KG.Entity in types or (concepts and KG.Concept in types)


def _span(
    idx: _Index, ev: Node, prop: Node, keep: Any
) -> tuple[Node | None, int | None, int | None]:
    """(referent, begin, end) of the event's span resource ``prop``.

    A span resource is shared by every fact that read the same stretch of text, so it may refer
    to several things; the referent is the one this event also has as a participant, kept first.
    """
    span = idx.value(ev, prop)
    if span is None:
        return None, None, None
    refs = idx.objects(span, KG.refersTo)
    roles = {t for p in _ROLES for t in idx.objects(ev, p)}
    ranked = sorted(refs, key=lambda r: (r not in roles, not keep(r)))
    ref = ranked[0] if ranked else None
    return ref, idx.py(span, NIF.beginIndex), idx.py(span, NIF.endIndex)


def _role_of(idx: _Index, ev: Node, target: Node | None, order: Iterable[URIRef]) -> str | None:
    if target is None:
        return None
    for prop in order:
        if target in idx.objects(ev, prop):
            return _ROLE_NAME[prop]
    return None


def _iso_date(value: Any) -> str | None:
    text = str(value) if value else ""
    if len(text) >= 4 and text[:4].isdigit() and (len(text) == 4 or text[4] == "-"):
        return text
    return None


def _fact(idx: _Index, ev: Node, keep: Any) -> tuple[Node, Node, dict[str, Any]] | None:
    """The entity-graph edge of one event, or None when it lacks a kept subject or object."""
    subj, s_start, s_end = _span(idx, ev, KG.subjectSpan, keep)
    if subj is None:
        subj = next((t for p in _SUBJECT_ROLES for t in idx.objects(ev, p)), None)
    obj, o_start, o_end = _span(idx, ev, KG.objectSpan, keep)
    if obj is None or not keep(obj):
        obj, o_start, o_end = None, None, None
        for p in _OBJECT_ROLES:  # no object: the first kept argument, with its span offsets
            obj = next((t for t in idx.objects(ev, p) if t != subj and keep(t)), None)
            if obj is not None:
                for span in idx.objects(ev, KG.argumentSpan):
                    if idx.value(span, KG.refersTo) == obj:
                        o_start = idx.py(span, NIF.beginIndex)
                        o_end = idx.py(span, NIF.endIndex)
                        break
                break
    if subj is None or obj is None or not keep(subj):
        return None
    _, p_start, p_end = _span(idx, ev, KG.predicateSpan, keep)
    sentence = idx.value(ev, KG.sentence)
    article = idx.value(ev, KG.inArticle)
    published = idx.py(article, DCTERMS.date) or idx.py(article, vocab.SDO.datePublished)
    time = idx.py(ev, KG.timeValue) or idx.py(ev, SEM.hasTimeStamp)
    lemma = idx.py(ev, KG.lemma) or idx.py(ev, KG.eventType) or idx.py(ev, KG.predicate)
    attrs: dict[str, Any] = {
        "lemma": lemma,
        "predicate": idx.py(ev, KG.predicate) or lemma,
        "event": str(ev),
        "event_type": idx.py(ev, KG.eventType),
        "role": _role_of(idx, ev, obj, _OBJECT_ROLES) or "patient",
        "subject_role": _role_of(idx, ev, subj, _ROLES) or "agent",
        "sentence": idx.py(sentence, NIF.anchorOf),
        "sentence_id": str(sentence) if sentence is not None else None,
        "sentence_index": idx.py(sentence, KG.sentenceIndex),
        "sentence_start": idx.py(sentence, NIF.beginIndex),
        "sentence_end": idx.py(sentence, NIF.endIndex),
        "subject_start": s_start,
        "subject_end": s_end,
        "object_start": o_start,
        "object_end": o_end,
        "predicate_start": p_start,
        "predicate_end": p_end,
        "article": str(article) if article is not None else None,
        "title": idx.py(article, DCTERMS.title),
        "published": published,
        "url": idx.py(article, vocab.SDO.url),
        "time": time,
        "date": _iso_date(time) or published,
        "confidence": idx.py(ev, KG.confidence),
        "negated": bool(idx.py(ev, KG.negated)),
        "modality": idx.py(ev, KG.modality),
        "quantity": idx.py(ev, KG.quantity),
        "rule": idx.py(ev, KG.rule),
    }
    return subj, obj, attrs


def _sorted_events(idx: _Index) -> list[Node]:
    # IRIs end in /<article>/<n>: sort by article then number, so edge order is reproducible
    def key(ev: Node) -> tuple[str, int, str]:
        head, _, tail = str(ev).rpartition("/")
        return (head, int(tail) if tail.isdigit() else -1, tail)

    return sorted(idx.subjects_of_type(KG.Event), key=key)


def entity_graph(source: Any, *, concepts: bool = False, isolated: bool = False) -> nx.MultiDiGraph:
    """Entities as nodes, one directed edge per fact from subject to object.

    Nodes are entity IRIs (strings) with ``label``, ``type`` (``Person``, ``Organisation``,
    ``Place``, ``Group``, ``Product``, else the entity's NER label, else ``Entity``) and
    ``aliases``. Edges are keyed by event IRI and carry :data:`EDGE_ATTRIBUTES`.
    ``concepts=True`` also keeps phrases that name no entity ("123 prisoners", type
    ``Concept``); ``isolated=True`` keeps entities that take part in no edge.

    >>> from kg.graph import example_graph
    >>> G = entity_graph(graph_to_rdf(example_graph()))
    >>> G.number_of_nodes(), G.number_of_edges()
    (8, 6)
    """
    idx = _index(source)
    types_cache: dict[Node, bool] = {}

    def keep(node: Node) -> bool:
        if node not in types_cache:
            types_cache[node] = isinstance(node, URIRef) and _keeps(idx, node, concepts)
        return types_cache[node]

    G = nx.MultiDiGraph()
    for ev in _sorted_events(idx):
        found = _fact(idx, ev, keep)
        if found is None:
            continue
        subj, obj, attrs = found
        for node in (subj, obj):
            if str(node) not in G:
                G.add_node(str(node), **_node_attrs(idx, node))
        G.add_edge(str(subj), str(obj), key=str(ev), **attrs)
    if isolated:
        for cls in (KG.Entity, KG.Concept) if concepts else (KG.Entity,):
            for node in idx.subjects_of_type(cls):
                if isinstance(node, URIRef) and str(node) not in G:
                    G.add_node(str(node), **_node_attrs(idx, node))
    return G


def event_graph(source: Any, *, concepts: bool = False) -> nx.MultiDiGraph:
    """Bipartite: event nodes (``kind="event"``) linked to their participants (``kind="entity"``).

    Edges go event → participant, keyed and labelled by ``role`` (``agent``, ``patient``,
    ``location``...). Event nodes carry ``label``, ``lemma``, ``predicate``, ``sentence``,
    ``article``, ``title``, ``date``, ``confidence``, ``negated``; times are left out, and
    concepts unless ``concepts=True``.

    >>> from kg.graph import example_graph
    >>> H = event_graph(graph_to_rdf(example_graph()))
    >>> sorted(Counter(k for _, k in H.nodes(data="kind")).items())
    [('entity', 8), ('event', 6)]
    >>> sorted({k for _, _, k in H.edges(keys=True)})
    ['agent', 'location', 'patient']
    """
    idx = _index(source)
    G = nx.MultiDiGraph()
    for ev in _sorted_events(idx):
        article = idx.value(ev, KG.inArticle)
        sentence = idx.value(ev, KG.sentence)
        time = idx.py(ev, KG.timeValue)
        published = idx.py(article, DCTERMS.date)
        lemma = idx.py(ev, KG.lemma) or idx.py(ev, KG.eventType) or idx.py(ev, KG.predicate)
        G.add_node(
            str(ev), kind="event", type="Event",
            label=str(idx.py(ev, KG.predicate) or lemma or ""), lemma=lemma,
            predicate=idx.py(ev, KG.predicate), sentence=idx.py(sentence, NIF.anchorOf),
            article=str(article) if article is not None else None,
            title=idx.py(article, DCTERMS.title), date=_iso_date(time) or published,
            confidence=idx.py(ev, KG.confidence), negated=bool(idx.py(ev, KG.negated)),
            modality=idx.py(ev, KG.modality),
        )
        for prop in _ROLES:
            for target in idx.objects(ev, prop):
                if not isinstance(target, URIRef) or not _keeps(idx, target, concepts):
                    continue
                if str(target) not in G:
                    G.add_node(str(target), kind="entity", **_node_attrs(idx, target))
                role = _ROLE_NAME[prop]
                G.add_edge(str(ev), str(target), key=role, role=role)
    return G


def comention_graph(source: Any) -> nx.Graph:
    """Entities linked when mentioned in the same article; ``weight`` = number of such articles.

    An article mentions an entity when its graph says so (``kg:mentions``) or one of its events
    has the entity as a participant. Edges also list the ``articles`` (IRIs, sorted); nodes
    count theirs in ``article_count``.

    >>> from kg.graph import example_graph
    >>> H = comention_graph(graph_to_rdf(example_graph()))
    >>> H.number_of_nodes(), H.number_of_edges(), H.edges[next(iter(H.edges))]["weight"]
    (8, 28, 1)
    """
    idx = _index(source)
    mentioned: dict[Node, set[Node]] = defaultdict(set)
    for article in idx.subjects_of_type(KG.Article):
        mentioned[article].update(idx.objects(article, KG.mentions))
    for ev in idx.subjects_of_type(KG.Event):
        host = idx.value(ev, KG.inArticle)
        if host is not None:
            for prop in _ROLES:
                mentioned[host].update(idx.objects(ev, prop))
    G = nx.Graph()
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, nodes in sorted(mentioned.items(), key=lambda kv: str(kv[0])):
        kept = sorted(str(n) for n in nodes if isinstance(n, URIRef) and _keeps(idx, n, False))
        for n in kept:
            if n not in G:
                G.add_node(n, **_node_attrs(idx, URIRef(n)), article_count=0)
            G.nodes[n]["article_count"] += 1
        for i, a in enumerate(kept):
            for b in kept[i + 1:]:
                pairs[(a, b)].append(str(article))
    for (a, b), arts in pairs.items():
        G.add_edge(a, b, weight=len(arts), articles=tuple(arts))
    return G


def _lit(value: Any) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        return Literal(repr(value), datatype=vocab.XSD.decimal)
    return Literal(str(value))


def _date_lit(value: Any) -> Literal | None:
    if not value:
        return None
    from kg.rdf import time_literal

    return time_literal(str(value)) or Literal(str(value))


def graph_to_rdf(G: nx.Graph) -> Dataset:
    """An entity graph back as RDF in :mod:`kg.rdf`'s model, one named graph per article.

    Only what the projection keeps is written, so ``entity_graph(graph_to_rdf(G))`` gives
    ``G`` again (nodes, keys and attributes); spans become ``#subject``/``#object``/
    ``#predicate`` resources under the event IRI.

    >>> from kg.graph import example_graph
    >>> G = example_graph()
    >>> H = entity_graph(graph_to_rdf(G))
    >>> sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    True
    """
    from kg.rdf import new_dataset, role_property

    ds = new_dataset()
    default = ds.default_graph  # facts without an article, entities without facts

    def entity(g: Graph, node: Any) -> URIRef:
        d = G.nodes[node]
        iri = URIRef(str(node))
        typ = str(d.get("type") or "Entity")
        if typ == "Concept":
            g.add((iri, RDF.type, KG.Concept))
        else:
            g.add((iri, RDF.type, KG.Entity))
            if typ in _CLASS_OF:
                g.add((iri, RDF.type, _CLASS_OF[typ]))
            elif typ != "Entity":
                g.add((iri, KG.entityType, Literal(typ)))
        g.add((iri, RDFS.label, Literal(str(d.get("label") or node))))
        aliases = d.get("aliases") or ()
        for alias in aliases.split("|") if isinstance(aliases, str) else aliases:
            g.add((iri, SKOS.altLabel, Literal(str(alias))))
        return iri

    def add(g: Graph, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            g.add((s, p, o))

    edges = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, d.get("event"), d) for u, v, d in G.edges(data=True)
    )
    for u, v, key, d in edges:
        article = d.get("article")
        g = ds.graph(URIRef(article)) if article else default
        event = d.get("event") or key
        if not isinstance(event, str) or ":" not in event:
            raise ValueError(
                f"edge {u} -> {v} has no event IRI (attribute 'event' or an IRI key); "
                "graph_to_rdf writes entity graphs made by entity_graph"
            )
        ev = URIRef(event)
        subj, obj = entity(g, u), entity(g, v)
        add(g, ev, RDF.type, KG.Event)
        add(g, ev, KG.lemma, _lit(d.get("lemma")))
        add(g, ev, KG.predicate, _lit(d.get("predicate")))
        add(g, ev, KG.eventType, _lit(d.get("event_type")))
        add(g, ev, KG.confidence, _lit(d.get("confidence")))
        add(g, ev, KG.negated, Literal(bool(d.get("negated"))))
        add(g, ev, KG.modality, _lit(d.get("modality")))
        add(g, ev, KG.quantity, _lit(d.get("quantity")))
        add(g, ev, KG.rule, _lit(d.get("rule")))
        add(g, ev, KG.timeValue, _lit(d.get("time")))
        add(g, ev, role_property(d.get("subject_role") or "agent"), subj)
        add(g, ev, role_property(d.get("role") or "patient"), obj)
        for part, prop, target in (("subject", KG.subjectSpan, subj),
                                   ("object", KG.objectSpan, obj),
                                   ("predicate", KG.predicateSpan, None)):
            start, end = d.get(f"{part}_start"), d.get(f"{part}_end")
            if target is None and start is None:
                continue
            span = URIRef(f"{ev}#{part}")
            add(g, ev, prop, span)
            add(g, span, RDF.type, KG.Mention)
            add(g, span, KG.refersTo, target)
            add(g, span, NIF.beginIndex, _lit(start))
            add(g, span, NIF.endIndex, _lit(end))
        if article:
            a = URIRef(article)
            add(g, ev, KG.inArticle, a)
            add(g, a, RDF.type, KG.Article)
            add(g, a, DCTERMS.title, _lit(d.get("title")))
            add(g, a, DCTERMS.date, _date_lit(d.get("published")))
            url = d.get("url")
            add(g, a, vocab.SDO.url, Literal(str(url), datatype=vocab.XSD.anyURI) if url else None)
            add(g, a, KG.mentions, subj)
            add(g, a, KG.mentions, obj)
        sid = d.get("sentence_id")
        if sid or d.get("sentence"):
            s = URIRef(str(sid or f"{ev}#sentence"))
            add(g, ev, KG.sentence, s)
            add(g, s, RDF.type, KG.Sentence)
            add(g, s, NIF.anchorOf, _lit(d.get("sentence")))
            add(g, s, KG.sentenceIndex, _lit(d.get("sentence_index")))
            add(g, s, NIF.beginIndex, _lit(d.get("sentence_start")))
            add(g, s, NIF.endIndex, _lit(d.get("sentence_end")))
            if article:
                add(g, s, NIF.referenceContext, URIRef(article))
    for node in G.nodes:
        if G.degree(node) == 0:
            entity(default, node)
    return ds

