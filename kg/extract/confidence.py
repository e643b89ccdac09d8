"""Confidence of a draft fact: a logistic model over rule and parse features.

The weights below were fit by :func:`fit_coefficients` on the CaRB dev split: every
extraction is labelled with the CaRB precision of its best match among the sentence's gold
tuples (0 when it matches none), and a logistic regression with a small L2 penalty is fit to
those soft labels, so a fact's confidence estimates how much of it CaRB would accept.
Re-fit with ``python -m kg.extract.confidence /path/to/carb`` after changing the rules and
paste the printed constants here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract._draft import Draft

__all__ = [
    "COEFFICIENTS",
    "FIXED_COEFFICIENTS",
    "INTERCEPT",
    "draft_features",
    "fit_coefficients",
    "score_draft",
]

# fmt: off
INTERCEPT = 0.21
#: Feature weights (log-odds); see :func:`draft_features` for what each feature means.
COEFFICIENTS: dict[str, float] = {
    "anchor_dep=ROOT": 0.703,
    "anchor_dep=acl": -0.269,
    "anchor_dep=advcl": -0.033,
    "anchor_dep=appos": -0.704,
    "anchor_dep=ccomp": 0.036,
    "anchor_dep=conj": 0.302,
    "anchor_dep=other": -0.41,
    "anchor_dep=relcl": -0.128,
    "anchor_dep=xcomp": 0.589,
    "clausal_arg": -0.332,
    "clausal_object": -0.23,
    "coordinated_subject": -0.673,
    "long_arg": -0.49,
    "many_args": -0.03,
    "modal": 0.05,
    "n_args": -0.17,
    "named_subject": 0.322,
    "negated": -0.108,
    "no_object": 0.185,
    "obj_len=1": -0.262,
    "obj_len=16+": 0.163,
    "obj_len=2-3": -0.13,
    "obj_len=4-7": 0.094,
    "obj_len=8-15": 0.037,
    "object_from_pp": 0.058,
    "pronoun_object": -0.332,
    "pronoun_subject": 0.054,
    "rel_len=1": 0.015,
    "rel_len=2-3": 0.125,
    "rel_len=4-7": 0.216,
    "reported": -0.456,
    "rule=apposition": 0.307,
    "rule=conjunction": 0.262,
    "rule=control": -0.051,
    "rule=copula": -0.166,
    "rule=located": -0.517,
    "rule=participle": -0.016,
    "rule=passive": 0.357,
    "rule=possessive": -1.276,
    "rule=speech": 0.837,
    "rule=svo": 0.248,
    "rule=title": 0.1,
    "sent_len=16+": -0.186,
    "sent_len=2-3": 0.129,
    "sent_len=4-7": 0.264,
    "sent_len=8-15": -0.12,
    "subj_len=1": 0.077,
    "subj_len=2-3": 0.254,
    "subj_len=4-7": 0.293,
    "subj_len=8-15": -0.116,
}
# fmt: on

#: Weights set by hand, not fit (a re-fit leaves them in place): nominal events never reach
#: CaRB output (see :data:`kg.extract.CARB_EXCLUDED_RULES`), so there is nothing to fit them
#: on; a conservative weight ranks them below most verb-mediated facts.
FIXED_COEFFICIENTS: dict[str, float] = {"rule=nominal_event": -1.0}


def _length_bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def draft_features(d: Draft) -> dict[str, float]:
    """Rule and parse features of a draft, the inputs of the confidence model."""
    f: dict[str, float] = {f"rule={d.rule}": 1.0}
    subj, obj = d.subject, d.object
    if obj is None:
        f["no_object"] = 1.0
    else:
        f[f"obj_len={_length_bucket(obj.end - obj.start)}"] = 1.0
        if obj.head.dep_ in ("ccomp", "xcomp"):
            f["clausal_object"] = 1.0
        if obj.head.pos_ == "PRON":
            f["pronoun_object"] = 1.0
        if obj.prep:
            f["object_from_pp"] = 1.0
    if subj is not None:
        f[f"subj_len={_length_bucket(subj.end - subj.start)}"] = 1.0
        if subj.head.pos_ == "PRON":
            f["pronoun_subject"] = 1.0
        if subj.head.pos_ == "PROPN" or subj.head.ent_type_:
            f["named_subject"] = 1.0
        if any(c.dep_ == "conj" for c in subj.head.children) or subj.head.dep_ == "conj":
            f["coordinated_subject"] = 1.0
    f["n_args"] = float(len(d.args))
    if len(d.args) >= 2:
        f["many_args"] = 1.0
    if any(a.head.dep_ == "pcomp" for a in d.args):
        f["clausal_arg"] = 1.0
    longest = max([p.end - p.start for p in [subj, obj, *d.args] if p is not None] or [0])
    if longest > 12:
        f["long_arg"] = 1.0
    f[f"rel_len={_length_bucket(len(d.pred))}"] = 1.0
    if d.negated:
        f["negated"] = 1.0
    if d.modality:
        f["modal"] = 1.0
    if d.attributed_to is not None:
        f["reported"] = 1.0
    f[f"anchor_dep={_dep_group(d.anchor.dep_)}"] = 1.0
    sent_len = len(d.anchor.sent)
    f[f"sent_len={_length_bucket(sent_len // 3)}"] = 1.0
    return f


def _dep_group(dep: str) -> str:
    if dep in ("ROOT", "conj", "ccomp", "relcl", "acl", "advcl", "xcomp", "appos"):
        return dep
    return "other"


def score_draft(d: Draft) -> float:
    """The calibrated probability that CaRB would accept the draft's extraction."""
    z = INTERCEPT + sum(
        FIXED_COEFFICIENTS.get(k, COEFFICIENTS.get(k, 0.0)) * v
        for k, v in draft_features(d).items()
    )
    return 1.0 / (1.0 + math.exp(-z))


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


def carb_samples(carb_dir: str, nlp: Any = None) -> list[tuple[dict[str, float], float]]:
    """Features and CaRB labels for every extraction on the dev split in ``carb_dir``."""
    from pathlib import Path

    from kg.eval.carb import match_tuple, normalise_sentence, read_gold, read_sentences, read_system
    from kg.extract import facts_to_carb_lines
    from kg.extract._draft import SentenceContext, draft_to_fact
    from kg.extract.dependency import sentence_drafts
    from kg.model import Article

    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    base = Path(carb_dir)
    gold = {normalise_sentence(k): v for k, v in read_gold(base / "gold" / "dev.tsv").items()}
    samples: list[tuple[dict[str, float], float]] = []
    sentences = read_sentences(base / "dev.txt")
    for n, (text, doc) in enumerate(zip(sentences, nlp.pipe(sentences), strict=True)):
        article = Article(id=f"line-{n}", text=text)
        golds = gold.get(normalise_sentence(text), [])
        ents = {t: ent for ent in doc.ents for t in range(ent.start, ent.end)}
        feats: list[dict[str, float]] = []
        systems: list[Any] = []
        for k, sent in enumerate(doc.sents):
            ctx = SentenceContext(article, 0, k, sent, doc, ents)
            for d in sentence_drafts(sent):
                lines = facts_to_carb_lines([draft_to_fact(d, ctx)], {article.id: text})
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


def main(argv: Sequence[str] | None = None) -> None:
    """Print fitted constants for this module: ``python -m kg.extract.confidence CARB_DIR``."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    b, w = fit_coefficients(carb_samples(args[0] if args else "data/carb"))
    print(f"INTERCEPT = {b}")
    print("COEFFICIENTS: dict[str, float] = {")
    for k, v in sorted(w.items()):
        print(f'    "{k}": {v},')
    print("}")


if __name__ == "__main__":
    main()
