"""Project the RDF event graph (:mod:`kg.rdf`'s model) onto networkx graphs.

The input is anything holding the triples: an rdflib ``Dataset`` (every named graph is read,
whatever its ``default_union``), a ``Graph``, a :mod:`kg.store` store (its ``dataset``), or the
path of an RDF file. The triples are read once into an index, then walked in Python: cheaper
than one SPARQL query per event, and it works the same on every rdflib store.

**Entity graph edges.** Each event links its *actor* (``kg:actorSpan``, decided by the analysis:
the participant with role agent, else the grammatical subject) to each of its other
participants (object and argument spans, role links without a
span), one edge per (event, actor, participant) pair whose ends are both kept as nodes:

- ``via="direct"``: both ends are entities named by the spans themselves;
- ``via="nested"``: a span is a phrase that names no entity ("the US embassy in Vilnius",
  "Ukrainian authorities"; a concept, or a clause kept as text only), so the entities
  *mentioned inside it* (``kg:Mention`` resources of the same article whose offsets lie
  within the phrase) stand for it; the phrase text and offsets are kept as
  ``object_phrase``/``subject_phrase`` (``..._start``/``..._end``), and
  ``object_start``/``object_end`` (``subject_...``) are the offsets of the inner mention;
- when the actor names no entity at all ("talks held in Minsk with the US envoy"), the
  earliest participant that is an entity stands in for it (its role is ``subject_role``).

Speakers (``kg:attributedTo``) are not linked to what they report, except as the actor of a
speech event ("she said ..."). The edge key is the event IRI: unique per (fact, pair);
parallel edges with the same lemma stay apart, and the lemma is the ``lemma`` attribute
(``[k for k, d in G[u][v].items() if d["lemma"] == x]``). ``concepts=True`` adds, besides
the same entity edges, edges between the actor and participants of which one end is a concept
(a phrase node).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict  # noqa: F401  (Counter: doctest)
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg import vocab  # SDO/XSD via the module: pytest's doctest finder trips on them
from kg.vocab import DCTERMS, KG, NIF, OWL, RDF, RDFS, SEM, SKOS

__all__ = [
    "EDGE_ATTRIBUTES",
    "comention_graph",
    "entity_graph",
    "event_graph",
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
    KG.patient,
    KG.theme,
    KG.recipient,
    KG.goal,
    KG.beneficiary,
    KG.location,
    KG.source,
    KG.topic,
    KG.companion,
    KG.instrument,
    KG.cause,
    KG.purpose,
    KG.attribute,
    KG.possessor,
    KG.argument,
)
_SUBJECT_ROLES = (KG.agent, KG.attributedTo)
_ROLES = (*_SUBJECT_ROLES, *_OBJECT_ROLES, KG.time)
_ROLE_NAME = {p: p.fragment for p in _ROLES}
_ROLE_OF_NAME = {name: p for p, name in _ROLE_NAME.items()}

#: What an entity-graph edge carries (None when unknown). ``date`` is the fact's own time when
#: it is an ISO date/month/year (the start of a ``begin/end`` range), else the article's date
#: (``published``). ``via`` is ``direct`` or ``nested`` (see the module docstring); the
#: ``*_phrase*`` attributes are set on nested ends only.
EDGE_ATTRIBUTES = (
    "lemma",
    "predicate",
    "event",
    "happening",
    "reports",
    "report_events",
    "report_sentences",
    "event_type",
    "role",
    "subject_role",
    "sentence",
    "sentence_id",
    "sentence_index",
    "sentence_start",
    "sentence_end",
    "subject_start",
    "subject_end",
    "object_start",
    "object_end",
    "predicate_start",
    "predicate_end",
    "article",
    "title",
    "published",
    "url",
    "time",
    "date",
    "confidence",
    "negated",
    "modality",
    "quantity",
    "rule",
    "via",
    "subject_phrase",
    "subject_phrase_start",
    "subject_phrase_end",
    "object_phrase",
    "object_phrase_start",
    "object_phrase_end",
)


# Literal datatypes read as ISO text (not date objects) and as floats (not Decimals)
_AS_TEXT = {
    vocab.XSD.date,
    vocab.XSD.dateTime,
    vocab.XSD.gYear,
    vocab.XSD.gYearMonth,
    vocab.XSD.anyURI,
}
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
        self._join_same_entities()

    def _join_same_entities(self) -> None:
        """One node for two entities the store says are one (``<yeltsin> owl:sameAs
        <boris-yeltsin>``, :mod:`kg.identity._entities`): the first's triples and the triples
        that name it go to the second, and its labels become ``skos:altLabel``s there."""
        entities = {s for s, props in self.by_s.items() if KG.Entity in props.get(RDF.type, ())}
        same = {
            s: o
            for s in entities
            for o in self.by_s[s].get(OWL.sameAs, ())
            if o in entities and o != s
        }
        if not same:
            return

        def final(node: Node) -> Node:
            seen = {node}
            while node in same and same[node] not in seen:
                node = same[node]
                seen.add(node)
            return node

        for old in sorted(same, key=str):
            props = self.by_s.pop(old)
            into = self.by_s[final(old)]
            for p, objs in props.items():
                target = into[SKOS.altLabel if p == RDFS.label else p]
                target.extend(o for o in objs if o not in target and o != final(old))
        for props in self.by_s.values():
            for p, objs in props.items():
                if any(o in same for o in objs):
                    props[p] = list(dict.fromkeys(final(o) for o in objs))

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
        inner = getattr(source.store, "_inner", None)  # an oxrdflib view of a kg.store store
        if inner is not None and hasattr(inner, "quads_for_pattern"):
            yield from _oxigraph_triples(inner)
            return
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


def _oxigraph_triples(store: Any) -> Iterator[tuple[Node, Node, Node]]:
    """All triples of a pyoxigraph store, read directly: several times faster than through
    rdflib, which converts every term of every quad anew (terms repeat: convert each once)."""
    return _ox_terms(store.quads_for_pattern(None, None, None, None))


def _ox_terms(quads: Iterable[Any]) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of pyoxigraph ``quads`` as rdflib terms, each distinct term made once."""
    import pyoxigraph as ox

    seen: dict[Any, Node] = {}

    def term(t: Any) -> Node:
        node = seen.get(t)
        if node is None:
            if isinstance(t, ox.NamedNode):
                node = URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                node = BNode(t.value)
            elif t.language:
                node = Literal(t.value, lang=t.language)
            else:  # the same terms oxrdflib gives (plain literals as xsd:string)
                node = Literal(t.value, datatype=URIRef(t.datatype.value))
            seen[t] = node
        return node

    for q in quads:
        yield term(q.subject), term(q.predicate), term(q.object)


def _index(source: Any) -> _Index:
    return source if isinstance(source, _Index) else _Index(_triples(source))


def _label(idx: _Index, node: Node) -> str:
    labels = sorted({str(x) for x in idx.objects(node, RDFS.label)}, key=lambda t: (len(t), t))
    return labels[0] if labels else str(node).rsplit("/", 1)[-1]


def _node_attrs(idx: _Index, node: Node) -> dict[str, Any]:
    types = idx.types(node)
    typ = next((name for cls, name in _CLASSES.items() if cls in types), None)
    if typ is None:  # a phrase, or a type the ontology has no class for (EVENT, LAW, ...)
        typ = "Concept" if KG.Concept in types and KG.Entity not in types else "Entity"
    label = _label(idx, node)
    others = {str(x) for x in idx.objects(node, RDFS.label)} - {label}
    aliases = tuple(sorted(others | {str(x) for x in idx.objects(node, SKOS.altLabel)}))
    return {"label": label, "type": typ, "aliases": aliases}


def _keeps(idx: _Index, node: Node, concepts: bool) -> bool:
    types = idx.types(node)
    return KG.Entity in types or (concepts and KG.Concept in types)


def _iso_date(value: Any) -> str | None:
    """``value`` when it is an ISO year, month or date (``2020``, ``2025-12-14``), else None.

    A range ``begin/end`` gives its begin: "since 2020" is dated 2020.
    """
    text = str(value).split("/", 1)[0] if value else ""
    if len(text) >= 4 and text[:4].isdigit() and (len(text) == 4 or text[4] == "-"):
        return text
    return None


def _event_time(idx: _Index, ev: Node) -> Any:
    """The event's time as text: its ISO value, else ``begin/end`` (``..`` for an open end)."""
    value = idx.py(ev, KG.timeValue) or idx.py(ev, SEM.hasTimeStamp)
    if value:
        return value
    begin, end = idx.py(ev, SEM.hasBeginTimeStamp), idx.py(ev, SEM.hasEndTimeStamp)
    return f"{begin or '..'}/{end or '..'}" if begin or end else None


@dataclass(frozen=True)
class _Slot:
    """One participant of an event: the span it was read from (if any) and what it names."""

    kind: int  # 0 subject span, 1 object span, 2 argument span, 3 role link without a span
    span: Node | None
    referent: Node
    role: URIRef | None  # the role property linking the event to the referent
    start: int | None
    end: int | None
    text: str | None
    context: Node | None  # the article whose text the offsets index

    def order(self) -> tuple[int, int, int]:
        rank = _OBJECT_ROLES.index(self.role) if self.role in _OBJECT_ROLES else len(_ROLES)
        return self.kind, rank, self.start if self.start is not None else -1


@dataclass(frozen=True)
class _End:
    """An entity (or kept concept) at one end of an edge; ``phrase`` set when found inside it."""

    node: Node
    start: int | None
    end: int | None
    phrase: str | None = None
    phrase_start: int | None = None
    phrase_end: int | None = None


class _Mentions:
    """Entity mentions by article, sorted by offset: which entities a phrase mentions.

    Built in one pass over the index; a lookup is a binary search, so projecting a large store
    costs no query per event.
    """

    def __init__(self, idx: _Index, is_entity: Callable[[Node], bool]) -> None:
        found: dict[Node | None, list[tuple[int, int, str, Node]]] = defaultdict(list)
        for m in idx.subjects_of_type(KG.Mention):
            begin, end = idx.py(m, NIF.beginIndex), idx.py(m, NIF.endIndex)
            if not isinstance(begin, int) or not isinstance(end, int):
                continue
            context = idx.value(m, NIF.referenceContext)
            for ref in idx.objects(m, KG.refersTo):
                if is_entity(ref):
                    found[context].append((begin, end, str(ref), ref))
        self.entries = {ctx: sorted(rows) for ctx, rows in found.items()}
        self.begins = {ctx: [r[0] for r in rows] for ctx, rows in self.entries.items()}

    def within(self, context: Node | None, start: int, end: int) -> list[tuple[int, int, Node]]:
        """The (begin, end, entity) mentions inside ``start:end``, in text order."""
        rows = self.entries.get(context)
        if not rows:
            return []
        found = []
        for i in range(bisect_left(self.begins[context], start), len(rows)):
            begin, stop, _, ref = rows[i]
            if begin >= end:
                break
            if stop <= end:
                found.append((begin, stop, ref))
        return found


def _slots(idx: _Index, ev: Node, is_entity: Callable[[Node], bool]) -> list[_Slot]:
    """The event's participants: its spans, then role links that have no span."""
    role_of: dict[Node, URIRef] = {}
    for p in _ROLES:
        for t in idx.objects(ev, p):
            role_of.setdefault(t, p)
    article = idx.value(ev, KG.inArticle)
    slots: list[_Slot] = []
    seen: set[Node] = set()
    spans = [
        (kind, span)
        for kind, prop in enumerate((KG.subjectSpan, KG.objectSpan, KG.argumentSpan))
        for span in idx.objects(ev, prop)
    ]
    # what another span of the event names alone: "Belarusian President" (a mention of
    # Lukashenko too) in "Lukashenko is Belarusian President" is the phrase, not him again
    sole = Counter(refs[0] for _, span in spans if len(refs := idx.objects(span, KG.refersTo)) == 1)
    for kind, span in spans:
        if span in seen:
            continue
        seen.add(span)
        refs = idx.objects(span, KG.refersTo)
        # A span resource is shared by every fact that read the same stretch of text, so it
        # may refer to several things: take the one this event has as a participant.
        if not refs:
            # A participant kept as text only ("all those", a quoted clause): no node of its
            # own, but the entities named inside it stand for it (via="nested").
            ref = span
            role = _ROLE_OF_NAME.get(str(idx.py(span, KG.role)))
            if role is not None:
                role_of.setdefault(span, role)
        elif len(refs) == 1:
            ref = refs[0]
        else:
            ref = min(refs, key=lambda r: (r not in role_of, sole[r] > 0, not is_entity(r), str(r)))
        text = idx.py(span, NIF.anchorOf)
        if text is None and KG.Concept in idx.types(ref):
            text = _label(idx, ref)
        context = idx.value(span, NIF.referenceContext) or article
        slots.append(
            _Slot(
                kind,
                span,
                ref,
                role_of.get(ref),
                idx.py(span, NIF.beginIndex),
                idx.py(span, NIF.endIndex),
                text,
                context,
            )
        )
    spanned = {s.referent for s in slots}
    for target, role in role_of.items():
        if target not in spanned:
            slots.append(_Slot(3, None, target, role, None, None, None, article))
    return slots


def _actor(idx: _Index, ev: Node, slots: list[_Slot]) -> _Slot | None:
    """Who acts: the participant whose span the analysis named (``kg:actorSpan``)."""
    span = idx.value(ev, KG.actorSpan)
    return next((s for s in slots if s.span == span), None) if span is not None else None


def _ends(slot: _Slot, is_entity: Callable[[Node], bool], mentions: _Mentions) -> list[_End]:
    """The entities a participant stands for: itself, or those mentioned inside its phrase."""
    if is_entity(slot.referent):
        return [_End(slot.referent, slot.start, slot.end)]
    if slot.start is None or slot.end is None:
        return []
    found: dict[Node, _End] = {}
    for begin, end, ref in mentions.within(slot.context, slot.start, slot.end):
        found.setdefault(ref, _End(ref, begin, end, slot.text or "", slot.start, slot.end))
    return list(found.values())


def _event_attrs(idx: _Index, ev: Node) -> dict[str, Any]:
    """What every edge of one event carries, whichever two participants it links."""
    predicate_span = idx.value(ev, KG.predicateSpan)
    sentence = idx.value(ev, KG.sentence)
    article = idx.value(ev, KG.inArticle)
    published = idx.py(article, DCTERMS.date) or idx.py(article, vocab.SDO.datePublished)
    time = _event_time(idx, ev)
    lemma = idx.py(ev, KG.lemma) or idx.py(ev, KG.eventType) or idx.py(ev, KG.predicate)
    return {
        "lemma": lemma,
        "predicate": idx.py(ev, KG.predicate) or lemma,
        "event": str(ev),
        "happening": idx.py(ev, KG.happening),
        "reports": 1,
        "report_events": (str(ev),),
        "report_sentences": (idx.py(sentence, NIF.anchorOf) or "",),
        "event_type": idx.py(ev, KG.eventType),
        "sentence": idx.py(sentence, NIF.anchorOf),
        "sentence_id": str(sentence) if sentence is not None else None,
        "sentence_index": idx.py(sentence, KG.sentenceIndex),
        "sentence_start": idx.py(sentence, NIF.beginIndex),
        "sentence_end": idx.py(sentence, NIF.endIndex),
        "predicate_start": idx.py(predicate_span, NIF.beginIndex),
        "predicate_end": idx.py(predicate_span, NIF.endIndex),
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


def _edge_attrs(
    event: dict[str, Any], src: _End, src_slot: _Slot, dst: _End, dst_slot: _Slot
) -> dict[str, Any]:
    return {
        **event,
        "role": _ROLE_NAME.get(dst_slot.role) if dst_slot.role is not None else "patient",
        "subject_role": _ROLE_NAME.get(src_slot.role) if src_slot.role is not None else "agent",
        "subject_start": src.start,
        "subject_end": src.end,
        "object_start": dst.start,
        "object_end": dst.end,
        "via": "nested" if src.phrase is not None or dst.phrase is not None else "direct",
        "subject_phrase": src.phrase,
        "subject_phrase_start": src.phrase_start,
        "subject_phrase_end": src.phrase_end,
        "object_phrase": dst.phrase,
        "object_phrase_start": dst.phrase_start,
        "object_phrase_end": dst.phrase_end,
    }


def _event_edges(
    idx: _Index,
    ev: Node,
    *,
    is_entity: Callable[[Node], bool],
    keep: Callable[[Node], bool],
    concepts: bool,
    mentions: _Mentions,
) -> dict[tuple[Node, Node], dict[str, Any]]:
    """The entity-graph edges of one event, ``(source, target) -> attributes``."""
    slots = _slots(idx, ev, is_entity)
    actor = _actor(idx, ev, slots)
    others = sorted(
        (s for s in slots if s is not actor and s.role != KG.attributedTo), key=_Slot.order
    )
    edges: dict[tuple[Node, Node], tuple[_End, _Slot, _End, _Slot]] = {}

    source_slot = actor
    sources = _ends(actor, is_entity, mentions) if actor is not None else []
    if not sources:
        # The actor names no entity ("talks held in Minsk with ..."): the earliest participant
        # that is an entity links the others.
        named = [s for s in others if is_entity(s.referent)]
        if named:
            source_slot = min(named, key=lambda s: (s.start is None, s.start or 0, str(s.referent)))
            sources = _ends(source_slot, is_entity, mentions)
    if source_slot is not None:
        targets = [s for s in others if s is not source_slot]
        ends = [(slot, end) for slot in targets for end in _ends(slot, is_entity, mentions)]
        for direct in (True, False):  # an entity both named and nested is linked as named
            for src in sources:
                for slot, end in ends:
                    pair = (src.node, end.node)
                    fresh = end.node != src.node and pair not in edges
                    if fresh and (end.phrase is None) == direct:
                        edges[pair] = (src, source_slot, end, slot)

    if concepts and actor is not None and keep(actor.referent):
        src = _End(actor.referent, actor.start, actor.end)
        for slot in others:
            pair = (actor.referent, slot.referent)
            if (
                keep(slot.referent)
                and slot.referent != actor.referent
                and pair not in edges
                and not (is_entity(actor.referent) and is_entity(slot.referent))
            ):
                edges[pair] = (src, actor, _End(slot.referent, slot.start, slot.end), slot)

    if not edges:
        return {}
    event = _event_attrs(idx, ev)
    return {pair: _edge_attrs(event, *ends) for pair, ends in edges.items()}


def _sorted_events(idx: _Index) -> list[Node]:
    # IRIs end in /<article>/<n>: sort by article then number, so edge order is reproducible
    def key(ev: Node) -> tuple[str, int, str]:
        head, _, tail = str(ev).rpartition("/")
        return (head, int(tail) if tail.isdigit() else -1, tail)

    return sorted(idx.subjects_of_type(KG.Event), key=key)


def _type_tests(
    idx: _Index, concepts: bool
) -> tuple[Callable[[Node], bool], Callable[[Node], bool]]:
    """``is_entity`` and ``keep`` (is it a node of the projection?), cached per node."""
    entity_cache: dict[Node, bool] = {}
    keep_cache: dict[Node, bool] = {}

    def is_entity(node: Node) -> bool:
        if node not in entity_cache:
            entity_cache[node] = isinstance(node, URIRef) and _keeps(idx, node, False)
        return entity_cache[node]

    def keep(node: Node) -> bool:
        if not concepts:
            return is_entity(node)
        if node not in keep_cache:
            keep_cache[node] = isinstance(node, URIRef) and _keeps(idx, node, True)
        return keep_cache[node]

    return is_entity, keep


def _description_texts(
    idx: _Index, ev: Node, is_entity: Callable[[Node], bool]
) -> dict[Node, str]:
    """What a description (``kg:Description``) says of each entity it names by name: for the
    one it describes (its actor), the predicate and the other participant ("is: the special
    envoy", "has: exports", "title: Opposition leader"); for another, the fact's label."""
    slots = _slots(idx, ev, is_entity)
    actor = _actor(idx, ev, slots)
    rule = idx.py(ev, KG.rule)
    predicate = "title" if rule == "title" else str(idx.py(ev, KG.predicate) or "")
    label = str(idx.py(ev, RDFS.label) or predicate)
    texts: dict[Node, str] = {}
    for slot in slots:
        node = slot.referent
        if not is_entity(node) or slot.role == KG.attributedTo or node in texts:
            continue
        text = label
        if actor is not None and node == actor.referent:
            others = sorted(
                (o for o in slots if o.referent != node and o.role != KG.attributedTo),
                key=_Slot.order,
            )
            other = next((o.text or _label(idx, o.referent) for o in others), "")
            text = f"{predicate}: {other}" if other and predicate else label
        texts[node] = text
    return texts


def entity_graph(
    source: Any,
    *,
    concepts: bool = False,
    isolated: bool = False,
    reports: bool = False,
    descriptions: bool = False,
) -> nx.MultiDiGraph:
    """Entities as nodes; each happening links its actor to each of its other participants.

    Nodes are entity IRIs (strings) with ``label``, ``type`` (``Person``, ``Organisation``,
    ``Place``, ``Group``, ``Product``, else the entity's NER label, else ``Entity``) and
    ``aliases``. Edges carry :data:`EDGE_ATTRIBUTES`; a participant phrase that names no
    entity links the entities it mentions (``via="nested"``, see the module docstring).
    ``concepts=True`` also keeps phrases that name no entity ("123 prisoners", type
    ``Concept``); ``isolated=True`` keeps entities that take part in no edge.

    The reports of one happening (``kg:happening``, :mod:`kg.identity`: two wire stories of
    one release) that link the same two nodes are **one edge**, keyed by the happening's IRI:
    it carries the attributes of its first report, ``reports`` (how many reports it
    gathers), ``report_events`` and ``report_sentences`` (each report's event IRI and
    sentence). An event with no happening (a description, or a graph built before
    happenings) is an edge of its own, keyed by its event IRI; so is every event with
    ``reports=True``.

    A description (``kg:Description``: an apposition, title, possessive or location, as
    extraction decided) says what an entity is or has, not what happened: it draws no edge,
    and each entity it names gets its text in the node attribute ``descriptions`` (a tuple,
    set on the nodes that have any: "title: Opposition leader"). ``descriptions=True`` draws
    descriptions as edges like any other fact.

    >>> from kg.graph import example_dataset
    >>> G = entity_graph(example_dataset())
    >>> G.number_of_nodes(), G.number_of_edges()
    (8, 6)
    """
    idx = _index(source)
    is_entity, keep = _type_tests(idx, concepts)
    mentions = _Mentions(idx, is_entity)
    G = nx.MultiDiGraph()
    described: dict[Node, list[str]] = defaultdict(list)
    for ev in _sorted_events(idx):
        if not descriptions and KG.Description in idx.types(ev):
            for node, text in _description_texts(idx, ev, is_entity).items():
                if text not in described[node]:
                    described[node].append(text)
            continue
        for (subj, obj), attrs in _event_edges(
            idx, ev, is_entity=is_entity, keep=keep, concepts=concepts, mentions=mentions
        ).items():
            for node in (subj, obj):
                if str(node) not in G:
                    G.add_node(str(node), **_node_attrs(idx, node))
            key = str(ev) if reports else str(attrs["happening"] or ev)
            u, v = str(subj), str(obj)
            if G.has_edge(u, v, key):  # another report of the same happening
                edge = G.edges[u, v, key]
                edge["reports"] += 1
                edge["report_events"] += attrs["report_events"]
                edge["report_sentences"] += attrs["report_sentences"]
            else:
                G.add_edge(u, v, key=key, **attrs)
    if isolated:
        for cls in (KG.Entity, KG.Concept) if concepts else (KG.Entity,):
            for node in idx.subjects_of_type(cls):
                if isinstance(node, URIRef) and str(node) not in G:
                    G.add_node(str(node), **_node_attrs(idx, node))
    for node, texts in described.items():
        if str(node) in G:
            G.nodes[str(node)]["descriptions"] = tuple(texts)
    return G


def _entity_facts(source: Any, node: str) -> list[dict[str, Any]]:
    """Every fact the entity ``node`` (an IRI) takes part in by name, with or without a partner.

    One dict per event: the event's edge attributes (no ``role``/``*_start`` ones) plus
    ``outgoing`` (the entity is the fact's actor) and ``other`` (the text of the first other
    participant, e.g. "2020" for "Kolesnikova has been imprisoned since 2020", else "").
    """
    idx = _index(source)
    is_entity, _ = _type_tests(idx, False)
    target = URIRef(node)
    found = []
    for ev in _sorted_events(idx):
        slots = _slots(idx, ev, is_entity)
        mine = [s for s in slots if s.referent == target]
        if not mine:
            continue
        actor = _actor(idx, ev, slots)
        others = sorted(
            (s for s in slots if s.referent != target and s.role != KG.attributedTo),
            key=_Slot.order,
        )
        other = next((s.text or _label(idx, s.referent) for s in others), "")
        found.append(
            {
                **_event_attrs(idx, ev),
                "outgoing": actor is not None and actor.referent == target,
                "other": other,
            }
        )
    return found


def event_graph(source: Any, *, concepts: bool = False) -> nx.MultiDiGraph:
    """Bipartite: event nodes (``kind="event"``) linked to their participants (``kind="entity"``).

    Edges go event → participant, keyed and labelled by ``role`` (``agent``, ``patient``,
    ``location``...). Event nodes carry ``label``, ``lemma``, ``predicate``, ``sentence``,
    ``article``, ``title``, ``date``, ``confidence``, ``negated``; times are left out, and
    concepts unless ``concepts=True``.

    >>> from kg.graph import example_dataset
    >>> H = event_graph(example_dataset())
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
        time = _event_time(idx, ev)
        published = idx.py(article, DCTERMS.date)
        lemma = idx.py(ev, KG.lemma) or idx.py(ev, KG.eventType) or idx.py(ev, KG.predicate)
        G.add_node(
            str(ev),
            kind="event",
            type="Event",
            label=str(idx.py(ev, KG.predicate) or lemma or ""),
            lemma=lemma,
            predicate=idx.py(ev, KG.predicate),
            sentence=idx.py(sentence, NIF.anchorOf),
            article=str(article) if article is not None else None,
            title=idx.py(article, DCTERMS.title),
            date=_iso_date(time) or published,
            confidence=idx.py(ev, KG.confidence),
            negated=bool(idx.py(ev, KG.negated)),
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

    >>> from kg.graph import example_dataset
    >>> H = comention_graph(example_dataset())
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
            for b in kept[i + 1 :]:
                pairs[(a, b)].append(str(article))
    for (a, b), arts in pairs.items():
        G.add_edge(a, b, weight=len(arts), articles=tuple(arts))
    return G
