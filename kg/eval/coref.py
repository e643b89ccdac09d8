"""Coreference evaluation on MEANTIME: within-article MUC, B³, CEAF-e and cross-article pairs.

Mention alignment (documented policy)
    Scoring is on the *gold* mentions (every ``entities.jsonl`` row that refers to an instance).
    A gold mention is aligned to the system mention with exactly its span, else to a system
    mention whose head token is the gold span's syntactic head (the root of the gold span in our
    own parse). Alignment is one-to-one: a system mention goes to one gold mention only, exact
    matches first, then gold spans shortest first; when a name and the phrase around it are
    both system mentions with one head, the shorter is offered first. The response partition
    over the gold mentions puts aligned mentions in their system cluster and every unaligned
    gold mention in a cluster of its own; spurious system mentions are not scored. MUC, B³ and
    CEAF-e are computed on key and response partitions of the same mention set, micro-averaged
    over documents (as the CoNLL-2012 scorer does), and CoNLL F1 is their mean. MEANTIME
    annotates singletons, so :attr:`CorefResult.baseline` (every mention alone) is reported
    beside the system.

Entity types
    Every gold named (``NAM``/``PRE.NAM``) PER, ORG or LOC mention aligned to a mention of
    an entity the graph stores is *covered*; it is *correct* when that entity's type (decided
    over all its mentions) maps to the gold type (:data:`GOLD_TYPE`). Accuracy is over the
    covered mentions, coverage over all of them.

Cross-article pairs
    Over the aligned gold mentions, every pair from two different articles: gold says "same"
    when both have the same ``cross_doc_id``; the system says "same" when both system mentions
    belong to entities that are one node of the graph ``kg build`` stores for these articles:
    one entity IRI (:func:`kg.rdf.entity_iri`), or joined by the ``owl:sameAs`` that
    :func:`kg.identity.update_entity_links` states in ``id/entity-links`` (the articles are
    written with :func:`kg.rdf.article_rdf` into an in-memory store, as a build writes them,
    and the links are read back). ``identity="merge_entities"`` scores
    :func:`kg.resolve.merge.merge_entities` instead, for comparison only: a build does not
    run it.

>>> from kg.eval.coref import muc, b_cubed, ceaf_e
>>> key = [{1, 2, 3}, {4, 5}]
>>> resp = [{1, 2}, {3, 4, 5}]
>>> [round(x, 3) for x in muc(key, resp)]
[0.667, 0.667, 0.667]
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import InputError, KgError
from kg.eval.conll import PRF, CorefCounts, b_cubed, ceaf_e, coref_counts, muc
from kg.model import Article, Segment

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.model import AnalysedArticle
    from kg.parse import ParsedArticle

__all__ = [
    "Scores",
    "CorefResult",
    "muc",
    "b_cubed",
    "ceaf_e",
    "pairwise",
    "evaluate_coref",
    "format_table",
    "meantime_article",
    "name_pair_curve",
    "GOLD_TYPE",
]


@dataclass
class Scores:
    """Within-article scores (P, R, F1 per metric) and cross-article pairwise P/R/F1."""

    muc: tuple[float, float, float] = (0.0, 0.0, 0.0)
    b3: tuple[float, float, float] = (0.0, 0.0, 0.0)
    ceafe: tuple[float, float, float] = (0.0, 0.0, 0.0)
    cross: tuple[float, float, float] = (0.0, 0.0, 0.0)
    gold_mentions: int = 0
    aligned: int = 0
    documents: int = 0
    named: int = 0  # gold named PER/ORG/LOC mentions
    typed: int = 0  # ... aligned to a mention of a stored entity
    type_correct: int = 0  # ... whose stored entity's type is the gold one

    @property
    def conll(self) -> float:
        """CoNLL F1: the mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc[2] + self.b3[2] + self.ceafe[2]) / 3

    @property
    def type_accuracy(self) -> float:
        """Share of the covered named mentions whose stored entity has the gold type.

        >>> Scores(named=10, typed=8, type_correct=6).type_accuracy
        0.75
        """
        return self.type_correct / self.typed if self.typed else 0.0

    @property
    def type_coverage(self) -> float:
        """Share of the gold named PER/ORG/LOC mentions that reach a stored entity."""
        return self.typed / self.named if self.named else 0.0


@dataclass
class CorefResult:
    """Scores per topic and overall, for the system and the all-singletons baseline."""

    topics: dict[str, Scores] = field(default_factory=dict)
    overall: Scores = field(default_factory=Scores)
    baseline: dict[str, Scores] = field(default_factory=dict)


def pairwise(
    gold: dict[Hashable, Hashable | None],
    system: dict[Hashable, Hashable | None],
    doc_of: dict[Hashable, str],
) -> tuple[float, float, float]:
    """Pairwise P/R/F1 of "same" over mention pairs from different documents.

    ``gold``/``system`` map a mention to its cross-document id (None = same as nothing).

    >>> gold = {"a1": "X", "b1": "X", "b2": "Y", "c1": "Y"}
    >>> system = {"a1": "k", "b1": "k", "b2": "k", "c1": None}
    >>> doc = {"a1": "a", "b1": "b", "b2": "b", "c1": "c"}
    >>> [round(x, 3) for x in pairwise(gold, system, doc)]
    [0.5, 0.5, 0.5]
    """

    def pairs(label: dict[Hashable, Hashable | None], keys: Iterable[Hashable]) -> int:
        groups: dict[Hashable, Counter[str]] = defaultdict(Counter)
        for m in keys:
            lab = label.get(m)
            if lab is not None:
                groups[lab][doc_of[m]] += 1
        total = 0
        for per_doc in groups.values():
            n = sum(per_doc.values())
            total += n * (n - 1) // 2 - sum(c * (c - 1) // 2 for c in per_doc.values())
        return total

    mentions = list(gold)
    both = {
        m: (gold[m], system.get(m))
        for m in mentions
        if gold[m] is not None and system.get(m) is not None
    }
    tp = pairs(both, both)  # type: ignore[arg-type]
    g = pairs(gold, mentions)
    s = pairs(system, mentions)
    return PRF.of((tp, s, tp, g))


# ---------------------------------------------------------------------------------------------
# MEANTIME


def meantime_article(path: Path, doc_id: str) -> Article:
    """A MEANTIME article: block 0 is the headline, block 1 the date line (not parsed), 2+ body.

    Blocks are separated by one blank line and each is one corpus sentence (see the data README).
    """
    text = path.read_text(encoding="utf-8")
    segments: list[Segment] = []
    pos = 0
    for k, block in enumerate(text.split("\n\n")):
        start, end = pos, pos + len(block)
        pos = end + 2
        if k == 1 or not block.strip():
            continue
        segments.append(Segment(start, end, "title" if k == 0 else "body"))
    title = text.split("\n\n", 1)[0]
    return Article(id=doc_id, text=text, title=title, segments=tuple(segments), path=str(path))


@dataclass
class _Gold:
    doc: str
    topic: str
    start: int
    end: int
    instance: str
    cross: str | None
    text: str
    etype: str | None = None
    syntactic: str | None = None


#: MEANTIME's entity type for each of our coarse types that a named entity can get.
GOLD_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _read_gold(entities_path: Path) -> list[_Gold]:
    rows: list[_Gold] = []
    with entities_path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(entities_path), f"not valid JSON ({exc.msg})", line=n) from exc
            if d.get("instance_id") is None:
                continue
            rows.append(
                _Gold(
                    d["doc_id"], d["topic"], d["start"], d["end"], d["instance_id"],
                    d.get("cross_doc_id"), d["mention"], d.get("entity_type"),
                    d.get("syntactic_type"),
                )
            )  # fmt: skip
    return rows


def _gold_head(parsed: ParsedArticle, g: _Gold) -> int | None:
    """Article offset of the gold span's syntactic head in our parse, or None.

    The head is that of the tokens the span touches (spaCy's ``char_span(...,
    alignment_mode="expand")``).
    """
    k = parsed.segment_at(g.start)
    if k is None:
        return None
    layer = parsed.segments[k]
    end = min(g.end, layer.segment.end)
    first = bisect_right(layer.end, g.start - layer.offset)  # the first token ending after it
    last = bisect_left(layer.idx, end - layer.offset)  # tokens starting before the end
    if first >= last:
        return None
    return layer.start(layer.root(first, last))


def _align(
    golds: Sequence[_Gold],
    sys_spans: Sequence[tuple[int, int, int]],
    gold_heads: Sequence[int | None],
) -> dict[int, int]:
    """Gold index → system mention index, one-to-one: exact spans first, then head matches."""
    exact: dict[tuple[int, int], int] = {}
    for i, (s, e, _h) in enumerate(sys_spans):
        exact.setdefault((s, e), i)
    # Several system mentions may share a head (a name and the phrase around it): the shortest
    # is tried first.
    by_head: dict[int, list[int]] = defaultdict(list)
    for i in sorted(range(len(sys_spans)), key=lambda i: sys_spans[i][1] - sys_spans[i][0]):
        by_head[sys_spans[i][2]].append(i)
    out: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(golds):
        si = exact.get((g.start, g.end))
        if si is not None and si not in used:
            out[gi] = si
            used.add(si)
    order = sorted(range(len(golds)), key=lambda gi: (golds[gi].end - golds[gi].start, gi))
    for gi in order:
        head = gold_heads[gi]
        if gi in out or head is None:
            continue
        si = next((i for i in by_head.get(head, ()) if i not in used), None)
        if si is not None:
            out[gi] = si
            used.add(si)
    return out


def evaluate_coref(
    articles_dir: str | Path,
    entities_path: str | Path,
    *,
    nlp: Language | None = None,
    topics: Sequence[str] | None = None,
    extractor: str | None = None,
    identity: Literal["graph", "merge_entities"] = "graph",
) -> CorefResult:
    """Analyse MEANTIME's articles as ``kg build`` does and score the entities it stores.

    The articles go through :func:`kg.analyse.analyse_article` (the extractor's facts add
    their spans as mentions, as in every build); the scores are those of its
    :attr:`~kg.model.AnalysedArticle.mentions` and entities. ``topics`` restricts the run
    (default: every topic in ``entities_path``). Cross-article identity is the stored
    graph's (``identity="graph"``, see the module docstring); ``"merge_entities"`` is a
    comparison with :func:`kg.resolve.merge.merge_entities`, which a build does not run.
    Entity types: every gold named (``NAM``, ``PRE.NAM``) PER/ORG/LOC mention aligned to a
    mention of a stored entity counts as covered, and correct when that entity's type maps
    to the gold one (:data:`GOLD_TYPE`).

    >>> evaluate_coref("/nonexistent", "/nonexistent/entities.jsonl")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: /nonexistent/entities.jsonl: no such file (MEANTIME entities.jsonl)
    """
    from kg.analyse import analyse_article
    from kg.nlp import load_model
    from kg.parse import parse_articles
    from kg.resolve.names import entity_key

    if identity not in ("graph", "merge_entities"):
        raise KgError(f"identity {identity!r}: choose graph or merge_entities")
    articles_dir, entities_path = Path(articles_dir), Path(entities_path)
    if not entities_path.is_file():
        raise InputError(str(entities_path), "no such file (MEANTIME entities.jsonl)")
    nlp = nlp or load_model()
    gold_by_doc: dict[str, list[_Gold]] = defaultdict(list)
    for g in _read_gold(entities_path):
        if topics is None or g.topic in topics:
            gold_by_doc[g.doc].append(g)

    per_doc: dict[str, dict[str, Any]] = {}
    every: list[AnalysedArticle] = []
    for doc_id in sorted(gold_by_doc):
        path = articles_dir / f"{doc_id}.txt"
        if not path.is_file():
            raise InputError(str(path), "article text missing for a gold document")
        article = meantime_article(path, doc_id)
        parsed = next(parse_articles([article], nlp))
        golds = gold_by_doc[doc_id]
        heads = [_gold_head(parsed, g) for g in golds]
        analysed = analyse_article(parsed, extractor=extractor or "kg.dep.v1")
        entities = list(analysed.entities)
        mentions = list(analysed.mentions)
        every.append(analysed)
        sys_spans = [(m.start, m.end, m.head[0] if m.head else m.start) for m in mentions]
        per_doc[doc_id] = {
            "golds": golds,
            "align": _align(golds, sys_spans, heads),
            "cluster": [m.cluster for m in mentions],
            "entity_of": {id(m): entity_key(e.name, e.type) for e in entities for m in e.mentions},
            "type_of": {id(m): e.type for e in entities for m in e.mentions},
            "mentions": mentions,
        }
    index = _cross_identity(every, identity)
    result = CorefResult()
    topic_names = sorted({g.topic for gs in gold_by_doc.values() for g in gs})
    for name in [*topic_names, "overall"]:
        docs_in = [d for d in per_doc if name == "overall" or per_doc[d]["golds"][0].topic == name]
        scores, base = _score(docs_in, per_doc, index)
        if name == "overall":
            result.overall = scores
        else:
            result.topics[name] = scores
        result.baseline[name] = base
    return result


def _cross_identity(analysed: Sequence[AnalysedArticle], identity: str) -> dict[str, str]:
    """Entity key → the node it is across ``analysed``: with ``identity="graph"`` the node
    of the graph a build stores (the articles' graphs written into an in-memory store as a
    build writes them, :func:`kg.identity.update_entity_links` run, and each entity IRI
    replaced by the target of its ``owl:sameAs`` in ``id/entity-links``); with
    ``"merge_entities"`` the key :func:`kg.resolve.merge.merge_with_index` gives it."""
    from kg.identity import update_entity_links
    from kg.rdf import article_iri, article_rdf, entity_iri
    from kg.resolve.merge import merge_with_index
    from kg.resolve.names import entity_key
    from kg.store import ENTITY_LINKS_GRAPH, open_store
    from kg.vocab import OWL

    if identity == "merge_entities":
        return merge_with_index([list(a.entities) for a in analysed])[1]
    sparql = f"SELECT ?a ?b {{ GRAPH {ENTITY_LINKS_GRAPH.n3()} {{ ?a {OWL.sameAs.n3()} ?b }} }}"
    with open_store(None) as store:
        for a in analysed:
            store.put_article(article_iri(a.article.id), article_rdf(a), a.article.id)
        update_entity_links(store)
        same = {str(row[0]): str(row[1]) for row in store.query(sparql)}  # type: ignore[index]
    iri_of = {
        entity_key(e.name, e.type): str(entity_iri(e.name, e.type))
        for a in analysed
        for e in a.entities
    }
    return {key: same.get(iri, iri) for key, iri in iri_of.items()}


def _score(
    doc_ids: Sequence[str], per_doc: dict[str, dict[str, Any]], index: dict[str, str]
) -> tuple[Scores, Scores]:
    sums = base_sums = CorefCounts()
    gold_cross: dict[Hashable, Hashable | None] = {}
    sys_cross: dict[Hashable, Hashable | None] = {}
    doc_of: dict[Hashable, str] = {}
    n_gold = n_aligned = named = typed = type_correct = 0
    for d in doc_ids:
        info = per_doc[d]
        golds: list[_Gold] = info["golds"]
        align: dict[int, int] = info["align"]
        key_groups: dict[str, set[Hashable]] = defaultdict(set)
        resp_groups: dict[Hashable, set[Hashable]] = defaultdict(set)
        for gi, g in enumerate(golds):
            key_groups[g.instance].add(gi)
            si = align.get(gi)
            resp_groups[("sys", info["cluster"][si]) if si is not None else ("alone", gi)].add(gi)
            n_gold += 1
            if g.etype in ("PER", "ORG", "LOC") and g.syntactic in ("NAM", "PRE.NAM"):
                named += 1
                stored = info["type_of"].get(id(info["mentions"][si])) if si is not None else None
                if stored is not None:
                    typed += 1
                    type_correct += GOLD_TYPE.get(stored) == g.etype
            if si is not None:
                n_aligned += 1
                mid = (d, gi)
                gold_cross[mid] = g.cross
                ek = info["entity_of"].get(id(info["mentions"][si]))
                sys_cross[mid] = index.get(ek) if ek else None
                doc_of[mid] = d
        key = list(key_groups.values())
        resp = list(resp_groups.values())
        alone: list[set[Hashable]] = [{gi} for gi in range(len(golds))]
        sums += coref_counts(key, resp)
        base_sums += coref_counts(key, alone)

    def build(c: CorefCounts) -> Scores:
        return Scores(
            muc=PRF.of(c.muc),
            b3=PRF.of(c.b3),
            ceafe=PRF.of(c.ceafe),
            gold_mentions=n_gold,
            aligned=n_aligned,
            documents=len(doc_ids),
            named=named,
            typed=typed,
            type_correct=type_correct,
        )

    scores = build(sums)
    scores.cross = pairwise(gold_cross, sys_cross, doc_of)
    base = build(base_sums)
    return scores, base


def format_table(result: CorefResult) -> str:
    """A plain-text table: one row per topic and overall, system and singleton baseline."""
    head = (
        f"{'topic':<10} {'docs':>4} {'gold':>5} {'align':>5}  "
        f"{'MUC P/R/F':<17} {'B3 P/R/F':<17} {'CEAF-e P/R/F':<17} {'CoNLL':>5}  "
        f"{'cross P/R/F':<17}  {'type acc':>8} {'cover':>5}"
    )
    lines = [head, "-" * len(head)]

    def fmt(t: tuple[float, float, float]) -> str:
        return "/".join(f"{x:.3f}" for x in t)

    rows = [*result.topics.items(), ("overall", result.overall)]
    for name, s in rows:
        lines.append(
            f"{name:<10} {s.documents:>4} {s.gold_mentions:>5} {s.aligned:>5}  "
            f"{fmt(s.muc):<17} {fmt(s.b3):<17} {fmt(s.ceafe):<17} {s.conll:>5.3f}  "
            f"{fmt(s.cross):<17}  {s.type_accuracy:>8.3f} {s.type_coverage:>5.3f}"
        )
    for name, s in result.baseline.items():
        lines.append(
            f"{'(single) ' + name:<10} {s.documents:>4} {s.gold_mentions:>5} {'':>5}  "
            f"{fmt(s.muc):<17} {fmt(s.b3):<17} {fmt(s.ceafe):<17} {s.conll:>5.3f}"
        )
    return "\n".join(lines)


def name_pair_curve(
    entities_path: str | Path, thresholds: Sequence[float] = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
) -> list[tuple[float, int, int, int]]:
    """True and false fuzzy person-name matches per threshold, on the gold person names.

    Takes the distinct person-name surfaces of ``entities_path`` (``PER`` mentions that start
    with a capital and are not pronouns, titles stripped) and every pair of them whose surnames
    differ after :func:`~kg.resolve.names.translit_key` (equal surnames are not the fuzzy
    rule's business). A match is true when both surfaces have the same cross-document id.
    Returns ``(threshold, true_matches, false_matches, pairs)`` rows; used to choose
    :data:`kg.resolve.names.TRANSLIT_THRESHOLD`.
    """
    from kg.resolve.names import same_person_name, strip_titles, translit_key

    names: dict[str, str] = {}
    for g in _read_gold(Path(entities_path)):
        text = strip_titles(g.text)
        pronoun = text.lower() in ("he", "she", "i", "his", "her", "him", "we", "they")
        short = len(text.split()) <= 4
        if g.etype == "PER" and g.cross and text[:1].isupper() and not pronoun and short:
            names.setdefault(text, g.cross)
    surfaces = sorted(names)
    pairs = [
        (a, b)
        for i, a in enumerate(surfaces)
        for b in surfaces[i + 1 :]
        if translit_key(a.split()[-1]) != translit_key(b.split()[-1])
    ]
    rows: list[tuple[float, int, int, int]] = []
    for t in thresholds:
        matched = [(a, b) for a, b in pairs if same_person_name(a, b, t)]
        true = sum(names[a] == names[b] for a, b in matched)
        rows.append((t, true, len(matched) - true, len(pairs)))
    return rows
