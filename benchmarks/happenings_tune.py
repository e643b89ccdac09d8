"""Tune the happenings' link threshold (and weights) on the ECB+ train topics.

What ``kg.identity._link`` cites for :data:`kg.identity.THRESHOLD` and
:data:`kg.identity.WEIGHTS`. The split is built once, as ``kg eval ecbplus`` builds it (every
article in one run, no topic labels; ``--store DIR`` keeps the build on disk for the next
run); then, for each point of the grid, the split's reports are grouped again in memory
(:func:`kg.identity.link_reports`, :func:`kg.identity.group_reports`: what a build stores for
those weights and that threshold) and scored as ``kg eval ecbplus`` scores events (CoNLL F1,
predicted mentions and gold mentions, validated sentences, one meta-document), through the
same functions (:mod:`kg.eval.ecbplus`). Only the train topics are tuned on; the chosen point
is then checked on the dev topics with ``kg eval ecbplus DIR --split dev`` after setting it in
``kg/identity/_link.py``. The test topics' gold is held out and never read.

Run (about as long as one ``kg eval ecbplus --split train``, then seconds per grid point)::

    .venv/bin/python benchmarks/happenings_tune.py ../shared/data/ecbplus \\
        --extractor kg.dep.v1+mentions --store /tmp/kg-ecb-train
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import time
from pathlib import Path

from kg.eval.conll import partition
from kg.eval.ecbplus import (
    Parses,
    align_mentions,
    article_texts,
    build_split,
    gold_heads,
    in_validated_sentences,
    kg_rows,
    predicted_mentions,
    read_gold,
)
from kg.identity import THRESHOLD, WEIGHTS, group_reports, link_reports, stored_reports

DEFAULT_THRESHOLDS = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)


def _floats(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: comma-separated numbers") from exc


def main(argv: list[str] | None = None) -> int:
    """Build the split once, print the grid, say which point is best (predicted CoNLL F1)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="ECB+ folder: articles/ and coref/")
    parser.add_argument("--split", default="train", help="train (tune) or dev (check a point)")
    parser.add_argument("--extractor", default="kg.dep.v1+mentions")
    parser.add_argument("--store", help="on-disk store for the build, reused when it exists")
    parser.add_argument("--thresholds", type=_floats, default=DEFAULT_THRESHOLDS)
    for name in ("STORY", "SAME", "CLASS"):
        parser.add_argument(
            f"--{name.lower()}", dest=name, type=_floats, default=(getattr(WEIGHTS, name),),
            help=f"values of the weight {name} to try (default {getattr(WEIGHTS, name)})",
        )  # fmt: skip
    args = parser.parse_args(argv)

    from kg.nlp import load_model
    from kg.store import open_store

    started = time.perf_counter()
    nlp = load_model()
    docs, mentions = read_gold(args.directory, args.split)
    root = args.directory
    texts = article_texts(root, docs)
    events = [m for m in mentions if m.group == "events"]
    key = partition((m.id, m.chain) for m in events)
    parses = Parses.of_validated(docs, texts, nlp)
    heads = gold_heads(events, parses)
    store = open_store(args.store)
    build_split(root, docs, texts, nlp, args.extractor, store)
    print(
        f"ECB+ {args.split}: {len(docs)} articles built with {args.extractor} "
        f"({time.perf_counter() - started:.0f} s); {len(events)} gold event mentions",
        file=sys.stderr,
    )
    reports = stored_reports(store)
    # the spans do not depend on the grouping: align once
    spans = in_validated_sentences(predicted_mentions(store, {})["events"], docs)
    alignment = align_mentions(events, spans, parses, heads)

    head = (
        f"{'STORY':>5} {'SAME':>5} {'CLASS':>5} {'thr':>5} {'happen.':>7} {'links':>6}  "
        f"{'m.R':>5}  {'MUC':>5} {'B3':>5} {'CEAFe':>5} {'CoNLL':>5}  {'gold-m CoNLL':>12}"
    )
    print(f"{len(reports)} reports; CoNLL F1 of events, predicted mentions unless said (in %)")
    print(head)
    print("-" * len(head))
    best: tuple[float, str] | None = None
    for story, same, cls in itertools.product(args.STORY, args.SAME, args.CLASS):
        weights = dataclasses.replace(WEIGHTS, STORY=story, SAME=same, CLASS=cls)
        links = [
            link
            for link in link_reports(reports, weights=weights, threshold=min(args.thresholds))
            if link.evidence
        ]
        for threshold in sorted(args.thresholds):
            kept = [link for link in links if link.score >= threshold]
            groups = group_reports(reports, kept)
            happening_of = {r.iri: h.iri for h in groups for r in h.reports}
            predicted = in_validated_sentences(
                predicted_mentions(store, happening_of)["events"], docs
            )
            assert [(p.doc, p.start, p.end) for p in predicted] == [
                (p.doc, p.start, p.end) for p in spans
            ]
            rows = kg_rows("events", events, predicted, alignment, key)
            s, g = rows["predicted"].scores, rows["gold"].scores
            recall = rows["predicted"].mention_recall or 0.0
            print(
                f"{story:5.2f} {same:5.2f} {cls:5.2f} {threshold:5.2f} {len(groups):7d} "
                f"{len(kept):6d}  {100 * recall:5.1f}  {100 * s.muc.f1:5.1f} "
                f"{100 * s.b3.f1:5.1f} {100 * s.ceafe.f1:5.1f} {100 * s.conll:5.1f}  "
                f"{100 * g.conll:12.1f}",
                flush=True,
            )
            point = f"threshold {threshold}, STORY {story}, SAME {same}, CLASS {cls}"
            if best is None or s.conll > best[0] + 1e-9:
                best = (s.conll, point)
    store.close()
    if best is not None:
        print(f"best on {args.split}: {point_line(best)}; in the code now: threshold {THRESHOLD}")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


def point_line(best: tuple[float, str]) -> str:
    """``best`` as one line: the point and its CoNLL F1."""
    return f"{best[1]} (CoNLL F1 {100 * best[0]:.1f})"


if __name__ == "__main__":
    raise SystemExit(main())
