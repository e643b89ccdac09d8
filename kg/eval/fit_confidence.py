"""Fit the confidence model's weights on the CaRB dev split (what kg.extract.confidence loads).

Every extraction of the dev sentences is labelled with the CaRB precision of its best match
among the sentence's gold tuples (0 when it matches none: CaRB's one-to-one pairing), and a
logistic regression with a small L2 penalty is fit to those soft labels.

``python -m kg.eval.fit_confidence CARB_DIR`` prints the fitted weights; ``--write`` stores
them in ``kg/data/confidence.json`` (the hand-set ``fixed`` weights are kept).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["carb_samples", "fit_coefficients", "fit_weights", "main"]


def fit_coefficients(
    samples: Sequence[tuple[dict[str, float], float]],
    *,
    l2: float = 1.0,
    steps: int = 3000,
    rate: float = 0.5,
    min_count: int = 5,
) -> tuple[float, dict[str, float]]:
    """Fit a logistic regression to ``(features, label in [0, 1])`` samples.

    Features seen fewer than ``min_count`` times are left out. Returns the intercept and
    the weights, rounded to 3 decimals.

    >>> xs = [({"a": 1.0}, 1.0)] * 20 + [({"b": 1.0}, 0.0)] * 20
    >>> b, w = fit_coefficients(xs)
    >>> w["a"] > 0 > w["b"]
    True
    """
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in samples:
        for k in feats:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, c in counts.items() if c >= min_count)
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(samples), len(names)))
    y = np.array([label for _, label in samples], dtype=float)
    for r, (feats, _) in enumerate(samples):
        for k, v in feats.items():
            if k in index:
                x[r, index[k]] = v
    w = np.zeros(len(names))
    b = 0.0
    n = len(samples)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= rate * (x.T @ grad / n + l2 * w / n)
        b -= rate * float(grad.mean())
    return round(b, 3), {k: round(float(w[i]), 3) for k, i in index.items()}


def carb_samples(
    carb_dir: str | Path, nlp: Language | None = None
) -> list[tuple[dict[str, float], float]]:
    """Features and CaRB labels for every extraction of the dev split in ``carb_dir``."""
    from kg.eval.carb import match_tuple, normalise_sentence, read_gold, read_sentences, read_system
    from kg.extract import facts_to_carb_lines
    from kg.extract._draft import SentenceContext, draft_to_fact
    from kg.extract.confidence import draft_features
    from kg.extract.dependency import entities_by_token, sentence_drafts
    from kg.model import Article
    from kg.parse import parse_articles

    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    base = Path(carb_dir)
    gold = {normalise_sentence(k): v for k, v in read_gold(base / "gold" / "dev.tsv").items()}
    samples: list[tuple[dict[str, float], float]] = []
    sentences = read_sentences(base / "dev.txt")
    articles = [Article(id=f"line-{n}", text=text) for n, text in enumerate(sentences)]
    for parsed in parse_articles(articles, nlp):
        text = parsed.article.text
        golds = gold.get(normalise_sentence(text), [])
        feats: list[dict[str, float]] = []
        systems: list[Any] = []
        for layer, base_index in zip(parsed.segments, parsed.sentence_base, strict=True):
            ents = entities_by_token(layer)
            for k, (start, end) in enumerate(layer.sentences):
                ctx = SentenceContext(parsed.article, layer, base_index + k, (start, end), ents)
                for d in sentence_drafts(layer[start:end]):
                    fact = draft_to_fact(d, ctx)
                    # descriptions too: their weights serve the graph and --descriptions
                    lines = facts_to_carb_lines(
                        [fact], {parsed.article.id: text}, descriptions=True
                    )
                    if lines:
                        feats.append(draft_features(d))
                        systems.append(next(iter(read_system(lines).values()))[0])
        if not golds:
            continue  # the scorer ignores sentences without gold tuples
        # label = the precision the extraction earns in CaRB's one-to-one pairing
        scores = sorted(
            (
                (match_tuple(g, s)[0], i, j)
                for i, g in enumerate(golds)
                for j, s in enumerate(systems)
            ),
            reverse=True,
        )
        labels = [0.0] * len(systems)
        used: set[int] = set()
        for p, i, j in scores:
            if i in used or labels[j] > 0 or p <= 0:
                continue
            used.add(i)
            labels[j] = p
        samples.extend(zip(feats, labels, strict=True))
    return samples


def fit_weights(carb_dir: str | Path, nlp: Language | None = None) -> dict[str, Any]:
    """The weights file's content, fit on ``carb_dir`` (the shipped ``fixed`` weights kept)."""
    from kg.extract.confidence import weights

    intercept, coefficients = fit_coefficients(carb_samples(carb_dir, nlp))
    return {
        "intercept": intercept,
        "coefficients": dict(sorted(coefficients.items())),
        "fixed": weights().fixed,
        "fitted_on": "CaRB dev split (641 sentences): python -m kg.eval.fit_confidence "
        "CARB_DIR --write",
    }


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m kg.eval.fit_confidence CARB_DIR [--write]``."""
    import sys
    from importlib import resources

    from kg.extract.confidence import WEIGHTS_FILE

    args = list(sys.argv[1:] if argv is None else argv)
    write = "--write" in args
    paths = [a for a in args if a != "--write"]
    text = json.dumps(fit_weights(paths[0] if paths else "data/carb"), indent=2) + "\n"
    if write:
        target = Path(str(resources.files("kg").joinpath(WEIGHTS_FILE)))
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
