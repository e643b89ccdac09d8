"""kg's mentions, our parse of the gold's sentences, and the one alignment rule between
them (see :mod:`kg.eval.ecbplus`, *Alignment*)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.eval.ecbplus._gold import GoldDocument, GoldMention, MentionId

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store import GraphStore

__all__ = [
    "PredictedMention",
    "Head",
    "Parses",
    "gold_heads",
    "predicted_mentions",
    "align_mentions",
    "in_validated_sentences",
]


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
