"""Cross-document event and entity coreference on ECB+ (train and dev topics).

The data is ``shared/data/ecbplus`` (its README, sections ``ecbplus/`` and ``ecbplus/coref/``):
``articles/<topic>/<doc>.txt`` and the gold ``coref/mentions.jsonl`` and
``coref/documents.jsonl``. The test topics' gold is held out and is never read here.

What is scored (the standard ECB+ setting)
    Mentions of the validated sentences only, singletons kept, events (``kind`` ``event``)
    apart from "entities" (``entity`` + ``time``); all mentions of a split form one
    cross-document meta-document, scored by :mod:`kg.eval.conll` (MUC, B³, CEAF-e, LEA, CoNLL
    F1). The key clusters mentions by their gold ``chain`` (a chain that holds mentions of
    both groups is split by group).

Gold-mentions setting
    The gold mentions, clustered by

    - ``kg``: the cluster of the predicted mention aligned to each gold mention (see below),
      a mention with none alone;
    - ``same-head-lemma``: mentions whose syntactic root has the same lower-cased lemma
      (and the same ``kind``) are one cluster, within each subtopic, within each topic, or
      across the split (no topic information). The root is the mention's in our parse of
      its paragraph (see *root* below); ``lemma_parse="mention"`` takes the lemma of the
      root of the mention text parsed alone instead;
    - ``singletons``: every mention alone.

Predicted-mentions setting
    What ``kg build`` makes of every article of the split, in one run into an in-memory
    store, with no topic labels: the event and entity mentions and their clusters are read
    from the store with SPARQL, in :func:`predicted_mentions` (the one place that says what
    they are). Predicted mentions outside the validated sentences are not scored.

Alignment (predicted → gold), one rule for both settings
    The *root* of a span is, of our parse's tokens that overlap it and hold a letter or
    digit, the one nearest the root of its sentence, the last one on a tie (spaCy's
    ``Span.root`` takes the first: see :meth:`Parses.root`); the parse is spaCy's
    (``kg.nlp.load_model()``) of each paragraph that holds a validated sentence, one corpus
    sentence each. A predicted mention and a gold mention of the same group and article are
    candidates when the predicted mention's root lies inside the gold mention (inside one of
    its tokens' spans, for a discontinuous one): "has been fired as" can match "fired", and
    "Hugh Jackman, the Australian actor" can match "Hugh Jackman", not "the Australian
    actor". Candidate pairs are ranked by: both have the same root; then more tokens in
    common; then more characters in common; then the closer lengths; then text order. Pairs
    are taken best first, one-to-one: a predicted mention matches at most one gold mention
    and the other way round. Mention recall is the share of gold mentions matched, precision
    the share of (in-scope) predicted mentions matched. In the scores a matched predicted
    mention *is* its gold mention; an unmatched one stays a spurious mention (it lowers
    precision), as coval counts predicted mentions.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import InputError, KgError
from kg.eval.conll import PRF, CorefScores, coref_scores, partition

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store import GraphStore

__all__ = [
    "GROUPS",
    "SPLITS",
    "GoldDocument",
    "GoldMention",
    "PredictedMention",
    "Head",
    "Row",
    "SplitResult",
    "EcbplusResult",
    "read_gold",
    "Parses",
    "gold_heads",
    "mention_lemmas",
    "predicted_mentions",
    "align_mentions",
    "lemma_clusters",
    "kg_rows",
    "article_texts",
    "build_split",
    "in_validated_sentences",
    "evaluate_ecbplus",
    "format_table",
]

#: The two groups scored apart, and the gold ``kind`` values each holds.
GROUPS: dict[str, tuple[str, ...]] = {"events": ("event",), "entities": ("entity", "time")}
#: The splits whose gold is here (the test topics' gold is held out).
SPLITS = ("train", "dev")
#: Where the ECB+ data comes from, for the error a folder without it gets.
SOURCE = (
    "ECB+ 1.0 (Cybulska & Vossen, LREC 2014; ECB+_LREC2014 in github.com/tommasoc80/"
    "EventStoryLine), converted as shared/data/ecbplus: articles/<topic>/<doc>.txt and "
    "coref/mentions.jsonl, coref/documents.jsonl"
)
#: The lemma baseline's three scopes: which gold labels a cluster may not cross.
SCOPES = ("subtopic", "topic", "corpus")

MentionId = tuple[str, str]  # (doc, m_id)


@dataclass(frozen=True)
class GoldDocument:
    """One ECB+ article: ``validated`` holds ``(sentence, start, end)`` per validated sentence."""

    doc: str
    file: str
    topic: int
    subtopic: str
    split: str
    validated: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class GoldMention:
    """One gold mention; ``pieces`` are its token spans (one piece unless discontinuous)."""

    doc: str
    m_id: str
    topic: int
    subtopic: str
    kind: str
    start: int
    end: int
    text: str
    chain: str
    sentence: int
    pieces: tuple[tuple[int, int], ...]

    @property
    def id(self) -> MentionId:
        """``(doc, m_id)``: unique in the corpus."""
        return (self.doc, self.m_id)

    @property
    def group(self) -> str:
        """``events`` or ``entities``."""
        return next(g for g, kinds in GROUPS.items() if self.kind in kinds)


@dataclass(frozen=True)
class PredictedMention:
    """A mention kg made: its article (file stem), offsets and cluster (an IRI)."""

    doc: str
    start: int
    end: int
    cluster: str

    @property
    def id(self) -> tuple[str, str, int, int]:
        """A hashable id that no gold mention shares."""
        return ("kg", self.doc, self.start, self.end)


@dataclass(frozen=True)
class Head:
    """A gold mention's syntactic root: its offsets and lower-cased lemma."""

    start: int
    end: int
    lemma: str


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
# The gold


def _data_dir(directory: str | Path) -> Path:
    """The ECB+ folder (holding ``articles/`` and ``coref/``); its ``coref/`` is accepted too."""
    path = Path(directory)
    if (path / "mentions.jsonl").is_file() and not (path / "coref").is_dir():
        path = path.parent
    for need in ("coref/mentions.jsonl", "coref/documents.jsonl", "articles"):
        if not (path / need).exists():
            raise InputError(str(directory), f"no {need} here: expected {SOURCE}")
    return path


def _jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON ({exc.msg})", line=n) from exc
            if not isinstance(record, dict):
                raise InputError(str(path), "not a JSON object", line=n)
            yield n, record


def read_gold(
    directory: str | Path, split: str = "dev"
) -> tuple[list[GoldDocument], list[GoldMention]]:
    """The documents of ``split`` and their gold mentions in validated sentences.

    ``directory`` is the ECB+ folder (``articles/`` and ``coref/``). Documents come in file
    order; mentions in document then offset order.

    >>> read_gold(".", "test")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: split 'test': choose one of train, dev (test gold is held out)
    """
    if split not in SPLITS:
        raise KgError(f"split {split!r}: choose one of {', '.join(SPLITS)} (test gold is held out)")
    root = _data_dir(directory)
    docs: list[GoldDocument] = []
    where = root / "coref" / "documents.jsonl"
    for n, d in _jsonl(where):
        try:
            if d["split"] != split:
                continue
            docs.append(
                GoldDocument(
                    d["doc"], d["file"], int(d["topic"]), d["subtopic"], d["split"],
                    tuple((int(s), int(a), int(b)) for s, a, b in d["validated_sentences"]),
                )
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(where), f"not an ECB+ document row ({exc!r})", line=n) from exc
    if not docs:
        raise InputError(str(where), f"no {split} documents: expected {SOURCE}")
    known = {d.doc for d in docs}
    mentions: list[GoldMention] = []
    where = root / "coref" / "mentions.jsonl"
    for n, m in _jsonl(where):
        try:
            if m["doc"] not in known or not m["validated"]:
                continue
            pieces = tuple((int(a), int(b)) for a, b in m.get("tokens") or [(m["start"], m["end"])])
            mentions.append(
                GoldMention(
                    m["doc"], str(m["m_id"]), int(m["topic"]), m["subtopic"], m["kind"],
                    int(m["start"]), int(m["end"]), m["text"], m["chain"], int(m["sentence"]),
                    pieces,
                )
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(where), f"not an ECB+ mention row ({exc!r})", line=n) from exc
        if mentions[-1].kind not in {k for kinds in GROUPS.values() for k in kinds}:
            raise InputError(str(where), f"unknown mention kind {m['kind']!r}", line=n)
    return docs, mentions


def article_texts(root: Path, docs: Sequence[GoldDocument]) -> dict[str, str]:
    """Each document's article text, by ``doc`` (``root`` is the ECB+ folder).

    >>> article_texts(Path("/nonexistent"), [GoldDocument("1_1ecb", "articles/1/1_1ecb.txt",
    ...                                                    1, "ecb", "train", ())])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: /nonexistent/articles/1/1_1ecb.txt: article text missing for gold document 1_1ecb
    """  # noqa: E501
    texts: dict[str, str] = {}
    for d in docs:
        path = root / d.file
        if not path.is_file():
            raise InputError(str(path), f"article text missing for gold document {d.doc}")
        texts[d.doc] = path.read_text(encoding="utf-8")
    return texts


def _check_offsets(texts: Mapping[str, str], mentions: Sequence[GoldMention], root: Path) -> None:
    """Every gold mention's text is the article's text at its offsets (else the data differ)."""
    for m in mentions:
        if texts[m.doc][m.start : m.end] != m.text:
            raise InputError(
                str(root / "coref" / "mentions.jsonl"),
                f"mention {m.doc} m_id {m.m_id} ({m.text!r}) is not at {m.start}-{m.end} of "
                "its article: the articles and the gold come from different versions",
            )


# ---------------------------------------------------------------------------------------------
# Parses and heads


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each blank-line-separated block of ``text`` as (start, end): one corpus sentence each."""
    out: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        out.append((pos, pos + len(block)))
        pos += len(block) + 2
    return out


class Parses:
    """Our spaCy parse of articles, looked up by character offsets: tokens, roots, lemmas.

    ``parsed`` maps an article to ``(offset, Doc)`` pairs, one per parsed paragraph.

    >>> from kg.nlp import load_model
    >>> parses = Parses({"d": [(10, load_model()("Police arrested the man."))]})
    >>> parses.root("d", [(10, 25)])
    Head(start=17, end=25, lemma='arrest')
    """

    def __init__(self, parsed: Mapping[str, Sequence[tuple[int, Doc]]]) -> None:
        # per article: (start, end, depth, lemma, has a letter or digit) per token, in order
        self._tokens: dict[str, list[tuple[int, int, int, str, bool]]] = {}
        for doc, paragraphs in parsed.items():
            rows: list[tuple[int, int, int, str, bool]] = []
            for offset, d in sorted(paragraphs, key=lambda pair: pair[0]):
                for t in d:
                    start = offset + t.idx
                    word = any(c.isalnum() for c in t.text)
                    rows.append((start, start + len(t), _depth(t), t.lemma_.lower(), word))
            self._tokens[doc] = rows

    @classmethod
    def of_validated(
        cls, docs: Sequence[GoldDocument], texts: Mapping[str, str], nlp: Language
    ) -> Parses:
        """Parse each paragraph (one corpus sentence) that holds a validated sentence."""
        wanted: list[tuple[str, int, int]] = []
        for d in docs:
            spans = [(a, b) for _s, a, b in d.validated]
            for a, b in _paragraphs(texts[d.doc]):
                if any(a < e and s < b for s, e in spans):
                    wanted.append((d.doc, a, b))
        parsed: dict[str, list[tuple[int, Doc]]] = defaultdict(list)
        pipe = nlp.pipe(((texts[doc][a:b], (doc, a)) for doc, a, b in wanted), as_tuples=True)
        for parsed_doc, (doc, a) in pipe:
            parsed[doc].append((a, parsed_doc))
        return cls(parsed)

    def tokens(self, doc: str, pieces: Iterable[tuple[int, int]]) -> set[int]:
        """Numbers of the tokens of ``doc`` that overlap one of ``pieces``."""
        pieces = list(pieces)
        rows = self._tokens.get(doc, [])
        return {
            i for i, (a, b, *_rest) in enumerate(rows) if any(a < e and s < b for s, e in pieces)
        }

    def root(self, doc: str, pieces: Iterable[tuple[int, int]]) -> Head | None:
        """The syntactic root of the span ``pieces`` (see the module docstring); None where no
        parsed token overlaps them.

        Of the overlapping tokens that hold a letter or digit (all of them if none does), the
        one nearest its sentence root; on a tie the last one. spaCy's ``Span.root`` takes the
        first, which for a mention cut out of a larger phrase ("the 2007" of "the 2007
        season": both hang on "season") is the determiner; English phrases are head-final.
        """
        found = sorted(self.tokens(doc, pieces))
        if not found:
            return None
        rows = self._tokens[doc]
        words = [i for i in found if rows[i][4]] or found
        i = min(words, key=lambda n: (rows[n][2], -n))
        start, end, _depth, lemma, _word = rows[i]
        return Head(start, end, lemma)


def _depth(token: Any) -> int:
    n = 0
    while token.head.i != token.i:
        token = token.head
        n += 1
    return n


def gold_heads(mentions: Sequence[GoldMention], parses: Parses) -> dict[MentionId, Head]:
    """Each gold mention's syntactic root in our parse of its paragraph (see :meth:`Parses.root`).

    A mention no parsed token overlaps (none, for validated mentions) keeps its own span and
    lower-cased text.

    >>> from kg.nlp import load_model
    >>> parses = Parses({"d": [(0, load_model()("The 2007 season ended."))]})
    >>> m = GoldMention("d", "1", 1, "ecb", "time", 0, 8, "The 2007", "c", 0, ((0, 8),))
    >>> gold_heads([m], parses)[m.id].lemma  # both hang on "season": the last one
    '2007'
    """
    heads: dict[MentionId, Head] = {}
    for m in mentions:
        heads[m.id] = parses.root(m.doc, m.pieces) or Head(m.start, m.end, m.text.lower())
    return heads


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


# ---------------------------------------------------------------------------------------------
# kg's mentions, from the store


def predicted_mentions(
    store: GraphStore, happening_of: Mapping[str, str] | None = None
) -> dict[str, list[PredictedMention]]:
    """kg's event and entity mentions and their clusters, read from a built store with SPARQL.

    - an **event mention** is a ``kg:Event``'s ``kg:predicateSpan``; its cluster is the
      happening the build grouped it into (``kg:happening``, :mod:`kg.identity`), or the
      event itself where the store holds no happenings; with ``happening_of`` (event IRI →
      happening IRI, another grouping of the same reports, as ``benchmarks/happenings_tune.py``
      tries) the happening is looked up there instead;
    - an **entity mention** is a ``kg:Mention`` that ``kg:refersTo`` a ``kg:Entity``; its
      cluster is the entity IRI, or the entity the store says it is the same as
      (``owl:sameAs`` in ``id/entity-links``: a surname joined to a full name).

    A span that several events (or entities) share is one mention, in the cluster with the
    smallest IRI. This is the one place that says what kg's mentions and clusters are.

    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     predicted_mentions(store)
    {'events': [], 'entities': []}
    """
    from kg.store import ENTITY_LINKS_GRAPH
    from kg.vocab import DCTERMS, KG, NIF, OWL

    def n3(term: Any) -> str:
        return str(term.n3())

    span = f"?span {n3(NIF.beginIndex)} ?begin ; {n3(NIF.endIndex)} ?end ."
    queries = {
        "events": (
            "SELECT DISTINCT ?doc ?begin ?end ?e ?h WHERE { "
            f"?e a {n3(KG.Event)} ; {n3(KG.inArticle)} ?article ; "
            f"{n3(KG.predicateSpan)} ?span . {span} "
            f"?article {n3(DCTERMS.identifier)} ?doc . "
            f"OPTIONAL {{ ?e {n3(KG.happening)} ?h }} }}"
        ),
        "entities": (
            "SELECT DISTINCT ?doc ?begin ?end (COALESCE(?same, ?entity) AS ?cluster) ?unbound "
            f"WHERE {{ ?span a {n3(KG.Mention)} ; {n3(KG.refersTo)} ?entity ; "
            f"{n3(NIF.referenceContext)} ?article . {span} "
            f"?entity a {n3(KG.Entity)} . ?article {n3(DCTERMS.identifier)} ?doc . "
            f"OPTIONAL {{ GRAPH {n3(ENTITY_LINKS_GRAPH)} {{ ?entity {n3(OWL.sameAs)} ?same }} }} }}"
        ),
    }
    out: dict[str, list[PredictedMention]] = {}
    for group, sparql in queries.items():
        best: dict[tuple[str, int, int], str] = {}
        for row in store.query(sparql):
            doc, begin, end, own, stored = (row[i] for i in range(5))  # type: ignore[index]
            key = (str(doc), int(str(begin)), int(str(end)))
            node = str(own)
            if group == "events" and happening_of is not None:
                cluster = happening_of.get(node, node)
            else:
                cluster = str(stored) if stored is not None else node
            if key not in best or cluster < best[key]:
                best[key] = cluster
        out[group] = [PredictedMention(d, b, e, c) for (d, b, e), c in sorted(best.items())]
    return out


# ---------------------------------------------------------------------------------------------
# Alignment


def align_mentions(
    gold: Sequence[GoldMention],
    predicted: Sequence[PredictedMention],
    parses: Parses,
    heads: Mapping[MentionId, Head] | None = None,
) -> dict[int, MentionId]:
    """Predicted mention index → the gold mention it matches, by the module's alignment rule.

    ``gold`` and ``predicted`` should be of one group; ``heads`` are the gold roots
    (:func:`gold_heads`, computed here if not given).

    >>> from kg.nlp import load_model
    >>> parses = Parses({"d": [(0, load_model()("Police arrested the man."))]})
    >>> g = [GoldMention("d", "1", 1, "ecb", "event", 7, 15, "arrested", "c", 0, ((7, 15),)),
    ...      GoldMention("d", "2", 1, "ecb", "entity", 16, 23, "the man", "c2", 0, ((16, 23),))]
    >>> p = [PredictedMention("d", 0, 15, "e0"), PredictedMention("d", 7, 15, "e1"),
    ...      PredictedMention("d", 7, 23, "e2")]
    >>> align_mentions(g[:1], p, parses)  # the exact span wins; "arrested the man" is spurious
    {1: ('d', '1')}
    """
    heads = heads if heads is not None else gold_heads(gold, parses)
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    ranked: list[tuple[tuple[int, int, int, int, int, int], int, MentionId]] = []
    for pi, p in enumerate(predicted):
        span = ((p.start, p.end),)
        root = parses.root(p.doc, span)
        if root is None:
            continue
        p_tokens = parses.tokens(p.doc, span)
        for g in by_doc.get(p.doc, ()):
            if not any(s <= root.start and root.end <= e for s, e in g.pieces):
                continue  # the predicted mention's root is not in the gold mention
            same_root = int(heads[g.id].start == root.start)
            shared = len(p_tokens & parses.tokens(g.doc, g.pieces))
            common = sum(max(0, min(p.end, e) - max(p.start, s)) for s, e in g.pieces)
            closeness = -abs((p.end - p.start) - sum(e - s for s, e in g.pieces))
            ranked.append(((same_root, shared, common, closeness, -g.start, -pi), pi, g.id))
    ranked.sort(reverse=True)
    out: dict[int, MentionId] = {}
    taken: set[MentionId] = set()
    for _rank, pi, gid in ranked:
        if pi not in out and gid not in taken:
            out[pi] = gid
            taken.add(gid)
    return dict(sorted(out.items()))


def in_validated_sentences(
    predicted: Iterable[PredictedMention], docs: Iterable[GoldDocument]
) -> list[PredictedMention]:
    """The predicted mentions that overlap a validated sentence of their article (the only
    ones scored).

    >>> d = GoldDocument("d", "d.txt", 1, "ecb", "train", ((0, 0, 10),))
    >>> [p.start for p in in_validated_sentences(
    ...     [PredictedMention("d", 2, 5, "x"), PredictedMention("d", 12, 15, "y")], [d])]
    [2]
    """
    validated = {d.doc: [(a, b) for _s, a, b in d.validated] for d in docs}
    return [
        p for p in predicted
        if any(p.start < e and s < p.end for s, e in validated.get(p.doc, ()))
    ]  # fmt: skip


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
    root = _data_dir(directory)
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
    _check_offsets(texts, mentions, root)
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


# ---------------------------------------------------------------------------------------------
# Output


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def format_table(result: EcbplusResult) -> str:
    """Plain-text tables, per split and setting: events and entities, every metric in %.

    >>> r = SplitResult("dev", 1, [Row("gold", "events", "singletons",
    ...     coref_scores([{1, 2}], [{1}, {2}]), 2)])
    >>> print(format_table(EcbplusResult({"dev": r})).splitlines()[3])
    events    singletons                     2    0.0/  0.0/  0.0  100.0/ 50.0/ 66.7   33.3/ 66.7/ 44.4    0.0/  0.0/  0.0   37.0
    """  # noqa: E501
    lines: list[str] = []
    for name, split in result.splits.items():
        lines.append(
            f"ECB+ {name}: {split.documents} articles, validated sentences, singletons kept "
            f"({split.seconds:.0f} s)"
        )
        for setting, title in (("gold", "gold mentions"), ("predicted", "predicted mentions")):
            rows = [r for r in split.rows if r.setting == setting]
            if not rows:
                continue
            counts_head = f" {'gold':>5}"
            if setting == "predicted":
                counts_head += f" {'pred':>5} {'match':>5} {'m.R':>5} {'m.P':>5}"
            head = (
                f"{'group':<9} {title:<26}{counts_head}  {'MUC P/R/F':<17}  {'B3 P/R/F':<17}  "
                f"{'CEAF-e P/R/F':<17}  {'LEA P/R/F':<17}  {'CoNLL':>5}"
            )
            lines += [head, "-" * len(head)]
            for r in rows:
                s = r.scores
                metrics = "  ".join(
                    "/".join(f"{100 * x:5.1f}" for x in m) for m in (s.muc, s.b3, s.ceafe, s.lea)
                )
                if setting == "predicted":
                    counts = (
                        f" {r.gold:>5} {r.predicted or 0:>5} {r.matched or 0:>5} "
                        f"{_pct(r.mention_recall):>5} {_pct(r.mention_precision):>5}"
                    )
                else:
                    counts = f" {r.gold:>5}"
                lines.append(
                    f"{r.group:<9} {r.system:<26}{counts}  {metrics}  {100 * s.conll:5.1f}"
                )
            lines.append("")
    return "\n".join(lines).rstrip()
