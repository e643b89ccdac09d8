"""Scoring: kg's rows, the same-head-lemma and singleton baselines, and the run over a split
(see :mod:`kg.eval.ecbplus`)."""

from __future__ import annotations

import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import InputError, KgError
from kg.eval.conll import PRF, CorefScores, coref_scores, partition
from kg.eval.ecbplus._align import (
    Head,
    Parses,
    PredictedMention,
    align_mentions,
    gold_heads,
    in_validated_sentences,
    predicted_mentions,
)
from kg.eval.ecbplus._gold import (
    GROUPS,
    SPLITS,
    GoldDocument,
    GoldMention,
    MentionId,
    article_texts,
    check_offsets,
    data_dir,
    read_gold,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.store import GraphStore

__all__ = [
    "SCOPES",
    "Row",
    "SplitResult",
    "EcbplusResult",
    "mention_lemmas",
    "lemma_clusters",
    "kg_rows",
    "build_split",
    "evaluate_ecbplus",
]

#: The lemma baseline's three scopes: which gold labels a cluster may not cross.
SCOPES = ("subtopic", "topic", "corpus")


@dataclass(frozen=True)
class Row:
    """One system's scores in one setting and group."""

    setting: str  # "gold" or "predicted" mentions
    group: str  # "events" or "entities"
    system: str
    scores: CorefScores
    gold: int  # gold mentions
    predicted: int | None = None  # predicted mentions in the validated sentences
    matched: int | None = None  # aligned pairs

    @property
    def mention_recall(self) -> float | None:
        """Share of the gold mentions that a predicted mention matched."""
        return self.matched / self.gold if self.matched is not None and self.gold else None

    @property
    def mention_precision(self) -> float | None:
        """Share of the predicted mentions that matched a gold mention."""
        if self.matched is None or not self.predicted:
            return None
        return self.matched / self.predicted

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""

        def prf(x: PRF) -> dict[str, float]:
            return {"precision": x.precision, "recall": x.recall, "f1": x.f1}

        s = self.scores
        out: dict[str, Any] = {"setting": self.setting, "group": self.group}
        out |= {"system": self.system, "gold_mentions": self.gold}
        if self.matched is not None:
            out |= {"predicted_mentions": self.predicted, "matched": self.matched}
            out |= {"mention_recall": self.mention_recall}
            out |= {"mention_precision": self.mention_precision}
        out |= {"muc": prf(s.muc), "b3": prf(s.b3), "ceafe": prf(s.ceafe), "lea": prf(s.lea)}
        out["conll_f1"] = s.conll
        return out


@dataclass
class SplitResult:
    """The rows of one split, and what the run found on the way (``notes``)."""

    split: str
    documents: int
    rows: list[Row] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def row(self, setting: str, group: str, system: str) -> Row:
        """The row of one setting, group and system.

        >>> r = SplitResult("dev", 0, [Row("gold", "events", "singletons",
        ...     coref_scores([{1}], [{1}]), 1)])
        >>> r.row("gold", "events", "singletons").scores.conll
        0.6666666666666666
        """
        for r in self.rows:
            if (r.setting, r.group, r.system) == (setting, group, system):
                return r
        raise KeyError((setting, group, system))


@dataclass
class EcbplusResult:
    """One :class:`SplitResult` per split scored."""

    splits: dict[str, SplitResult] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: per split, its rows, notes and time."""
        return {
            name: {
                "documents": r.documents,
                "seconds": round(r.seconds, 1),
                "notes": r.notes,
                "rows": [row.to_dict() for row in r.rows],
            }
            for name, r in self.splits.items()
        }


# ---------------------------------------------------------------------------------------------
# Baselines and kg's rows


def mention_lemmas(
    mentions: Sequence[GoldMention], heads: Mapping[MentionId, Head], nlp: Language
) -> dict[MentionId, Head]:
    """``heads`` with each lemma taken from the mention text parsed alone (its root's lemma).

    >>> from kg.nlp import load_model
    >>> m = GoldMention("d", "1", 1, "ecb", "event", 0, 8, "shooting", "c", 0, ((0, 8),))
    >>> mention_lemmas([m], {m.id: Head(0, 8, "shooting")}, load_model())[m.id].lemma
    'shoot'
    """
    texts = sorted({m.text for m in mentions})
    alone = {t: d[:].root.lemma_.lower() for t, d in zip(texts, nlp.pipe(texts), strict=True)}
    return {m.id: Head(heads[m.id].start, heads[m.id].end, alone[m.text]) for m in mentions}


def lemma_clusters(
    mentions: Sequence[GoldMention], heads: Mapping[MentionId, Head], scope: str
) -> list[set[Hashable]]:
    """The same-head-lemma baseline: one cluster per (scope, kind, root lemma).

    ``scope`` is ``subtopic`` (topic and subtopic), ``topic`` or ``corpus`` (no topic).

    >>> m = [GoldMention("1_1ecb", str(i), 1, s, "event", 0, 1, "x", "c", 0, ((0, 1),))
    ...      for i, s in enumerate(["ecb", "ecbplus", "ecb"])]
    >>> heads = {x.id: Head(0, 1, "arrest") for x in m}
    >>> sorted(len(c) for c in lemma_clusters(m, heads, "subtopic"))
    [1, 2]
    >>> [len(c) for c in lemma_clusters(m, heads, "topic")]
    [3]
    """
    if scope not in SCOPES:
        raise KgError(f"scope {scope!r}: choose one of {', '.join(SCOPES)}")

    def label(m: GoldMention) -> tuple[Hashable, ...]:
        where: tuple[Hashable, ...] = {
            "subtopic": (m.topic, m.subtopic),
            "topic": (m.topic,),
            "corpus": (),
        }[scope]
        return (*where, m.kind, heads[m.id].lemma)

    return partition((m.id, label(m)) for m in mentions)


def kg_rows(
    group: str,
    gold: Sequence[GoldMention],
    predicted: Sequence[PredictedMention],
    alignment: Mapping[int, MentionId],
    key: Sequence[set[Hashable]] | None = None,
) -> dict[str, Row]:
    """kg's two rows for one group: ``gold`` (each gold mention in the cluster of the
    predicted mention aligned to it, alone if none is) and ``predicted`` (the predicted
    mentions, an aligned one standing for its gold mention).

    ``gold`` are the group's gold mentions, ``predicted`` its predicted mentions in the
    validated sentences, ``alignment`` from :func:`align_mentions`; ``key`` the gold
    clusters (by ``chain``, computed if not given).

    >>> g = [GoldMention("d", str(i), 1, "ecb", "event", i, i + 1, "x", "c", 0, ((i, i + 1),))
    ...      for i in range(2)]
    >>> p = [PredictedMention("d", 0, 1, "h"), PredictedMention("d", 1, 2, "h")]
    >>> rows = kg_rows("events", g, p, {0: g[0].id, 1: g[1].id})
    >>> rows["gold"].scores.conll, rows["predicted"].mention_recall
    (1.0, 1.0)
    """
    key = key if key is not None else partition((m.id, m.chain) for m in gold)
    cluster_of = {alignment[i]: p.cluster for i, p in enumerate(predicted) if i in alignment}
    on_gold = partition((m.id, cluster_of.get(m.id, m.id)) for m in gold)
    on_predicted = partition((alignment.get(i, p.id), p.cluster) for i, p in enumerate(predicted))
    return {
        "gold": Row("gold", group, "kg", coref_scores(key, on_gold), len(gold)),
        "predicted": Row(
            "predicted", group, "kg", coref_scores(key, on_predicted), len(gold),
            len(predicted), len(alignment),
        ),
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The run


def build_split(
    root: Path,
    docs: Sequence[GoldDocument],
    texts: Mapping[str, str],
    nlp: Language,
    extractor: str = "kg.dep.v1",
    store: GraphStore | None = None,
) -> tuple[Any, list[Any]]:
    """``kg build`` of every article of the split into ``store`` (a new in-memory store if
    None; a store that holds them already is only checked), with no topic labels.

    kg's ingest must read each article as the gold's offsets index it: its id the file stem,
    its text the file's (the headline, date line and dateline only set segments).

    >>> store, articles = build_split(Path("."), [], {}, None)
    >>> store.triple_count(), articles
    (0, [])
    >>> store.close()
    """
    from kg.ingest import read_articles
    from kg.pipeline import build
    from kg.store import open_store

    errors: list[InputError] = []
    articles = list(read_articles([root / d.file for d in docs], errors=errors))
    if errors:
        raise errors[0]
    for d, article in zip(docs, articles, strict=True):
        if article.id != d.doc or article.text != texts[d.doc]:
            raise InputError(
                str(root / d.file), "kg's ingest does not keep the text the gold offsets index"
            )
    store = store if store is not None else open_store(None)
    if articles:
        build(articles, store, nlp, extractor=extractor)
    return store, articles


def evaluate_ecbplus(
    directory: str | Path,
    *,
    split: str = "dev",
    nlp: Language | None = None,
    settings: Sequence[str] = ("gold", "predicted"),
    lemma_parse: Literal["article", "mention"] = "article",
    extractor: str = "kg.dep.v1",
) -> EcbplusResult:
    """Score kg's events and entities, and the same-head-lemma baseline, on ECB+ gold.

    ``split`` is ``train``, ``dev`` or ``both`` (each scored apart). ``settings`` picks the
    gold-mentions and/or predicted-mentions settings (see the module docstring); ``kg``'s
    rows need the build, which the predicted setting runs anyway. ``lemma_parse`` is where
    the baseline's lemmas come from (``article``: the root's lemma in context; ``mention``:
    the mention text parsed alone). ``extractor`` is the one the build runs
    (``kg.dep.v1+mentions`` adds the event mentions that make no triple).

    >>> evaluate_ecbplus("/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: /nonexistent: no coref/mentions.jsonl here: expected ECB+ 1.0 ...
    """
    from kg.nlp import load_model

    if lemma_parse not in ("article", "mention"):
        raise KgError(f"lemma_parse {lemma_parse!r}: choose article or mention")
    splits = list(SPLITS) if split == "both" else [split]
    unknown = set(settings) - {"gold", "predicted"}
    if unknown or not settings:
        raise KgError(f"settings {sorted(unknown)}: choose gold and/or predicted")
    root = data_dir(directory)
    nlp = nlp or load_model()
    result = EcbplusResult()
    for name in splits:
        result.splits[name] = _evaluate_split(root, name, nlp, settings, lemma_parse, extractor)
    return result


def _evaluate_split(
    root: Path,
    split: str,
    nlp: Language,
    settings: Sequence[str],
    lemma_parse: Literal["article", "mention"],
    extractor: str = "kg.dep.v1",
) -> SplitResult:
    started = time.perf_counter()
    docs, mentions = read_gold(root, split)
    texts = article_texts(root, docs)
    check_offsets(texts, mentions, root)
    parses = Parses.of_validated(docs, texts, nlp)
    heads = gold_heads(mentions, parses)
    lemma_heads = heads if lemma_parse == "article" else mention_lemmas(mentions, heads, nlp)
    out = SplitResult(split, len(docs))

    by_group = {g: [m for m in mentions if m.group == g] for g in GROUPS}
    keys = {g: partition((m.id, m.chain) for m in ms) for g, ms in by_group.items()}

    predicted: dict[str, list[PredictedMention]] = {}
    alignment: dict[str, dict[int, MentionId]] = {}
    store, articles = build_split(root, docs, texts, nlp, extractor)  # both settings have a kg row
    try:
        every = predicted_mentions(store)
    finally:
        store.close()
    for g in GROUPS:
        predicted[g] = in_validated_sentences(every[g], docs)
        alignment[g] = align_mentions(by_group[g], predicted[g], parses, heads)
    out.notes |= _coverage_notes(articles, mentions, every, predicted)

    kg = {g: kg_rows(g, ms, predicted[g], alignment[g], keys[g]) for g, ms in by_group.items()}
    if "gold" in settings:
        for g, ms in by_group.items():
            out.rows.append(kg[g]["gold"])
            systems: list[tuple[str, list[set[Hashable]]]] = [
                (f"same-head-lemma ({scope})", lemma_clusters(ms, lemma_heads, scope))
                for scope in SCOPES
            ]
            systems.append(("singletons", [{m.id} for m in ms]))
            for system, response in systems:
                out.rows.append(Row("gold", g, system, coref_scores(keys[g], response), len(ms)))
    if "predicted" in settings:
        out.rows += [kg[g]["predicted"] for g in by_group]
    out.seconds = time.perf_counter() - started
    return out


def _coverage_notes(
    articles: Sequence[Any],
    mentions: Sequence[GoldMention],
    every: Mapping[str, Sequence[PredictedMention]],
    scored: Mapping[str, Sequence[PredictedMention]],
) -> dict[str, int]:
    """What limits recall before any extraction: gold mentions outside kg's content segments."""
    segments = {a.id: [(s.start, s.end) for s in a.content_segments()] for a in articles}
    outside = {g: 0 for g in GROUPS}
    for m in mentions:
        if not any(s <= m.start and m.end <= e for s, e in segments.get(m.doc, ())):
            outside[m.group] += 1
    notes = {f"gold_{g}_outside_kg_segments": n for g, n in outside.items()}
    notes |= {f"predicted_{g}_all": len(every[g]) for g in GROUPS}
    notes |= {f"predicted_{g}_in_validated_sentences": len(scored[g]) for g in GROUPS}
    return notes
