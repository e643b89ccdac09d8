"""Cross-document event and entity coreference on ECB+ (train and dev topics).

The data (``kg eval convert ecbplus`` writes it from the public release) is
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

The package: :mod:`~kg.eval.ecbplus._gold` reads the gold, :mod:`~kg.eval.ecbplus._align`
parses it and aligns kg's mentions to it, :mod:`~kg.eval.ecbplus._score` scores kg and the
baselines over a split, :mod:`~kg.eval.ecbplus._report` prints the tables.
"""

from __future__ import annotations

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
    article_texts,
    read_gold,
)
from kg.eval.ecbplus._report import format_table
from kg.eval.ecbplus._score import (
    EcbplusResult,
    Row,
    SplitResult,
    build_split,
    evaluate_ecbplus,
    kg_rows,
    lemma_clusters,
    mention_lemmas,
)

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
