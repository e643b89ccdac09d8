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

__all__ = ["COEFFICIENTS", "INTERCEPT", "draft_features", "fit_coefficients", "score_draft"]

# fmt: off
INTERCEPT = 0.158
#: Feature weights (log-odds); see :func:`draft_features` for what each feature means.
COEFFICIENTS: dict[str, float] = {
    "anchor_dep=ROOT": 0.7,
    "anchor_dep=acl": -0.184,
    "anchor_dep=advcl": -0.075,
    "anchor_dep=appos": -0.732,
    "anchor_dep=ccomp": 0.026,
    "anchor_dep=conj": 0.328,
    "anchor_dep=other": -0.425,
    "anchor_dep=relcl": -0.16,
    "anchor_dep=xcomp": 0.583,
    "clausal_arg": -0.183,
    "clausal_object": -0.202,
    "coordinated_subject": -0.711,
    "long_arg": -0.478,
    "many_args": -0.165,
    "modal": 0.09,
    "n_args": -0.129,
    "named_subject": 0.337,
    "negated": -0.105,
    "no_object": 0.15,
    "obj_len=1": -0.22,
    "obj_len=16+": 0.093,
    "obj_len=2-3": -0.098,
    "obj_len=4-7": 0.135,
    "obj_len=8-15": -0.002,
    "object_from_pp": 0.123,
    "pronoun_object": -0.351,
    "pronoun_subject": 0.057,
    "rel_len=1": 0.04,
    "rel_len=2-3": 0.09,
    "rel_len=4-7": 0.213,
    "reported": -0.488,
    "rule=apposition": 0.266,
    "rule=conjunction": 0.268,
    "rule=control": -0.003,
    "rule=copula": -0.154,
    "rule=located": -0.517,
    "rule=participle": -0.11,
    "rule=passive": 0.353,
    "rule=possessive": -1.278,
    "rule=speech": 0.875,
    "rule=svo": 0.265,
    "rule=title": 0.093,
    "sent_len=16+": -0.236,
    "sent_len=2-3": 0.123,
    "sent_len=4-7": 0.283,
    "sent_len=8-15": -0.112,
    "subj_len=1": 0.059,
    "subj_len=2-3": 0.248,
    "subj_len=4-7": 0.292,
    "subj_len=8-15": -0.101,
}
# fmt: on


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
    z = INTERCEPT + sum(COEFFICIENTS.get(k, 0.0) * v for k, v in draft_features(d).items())
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
