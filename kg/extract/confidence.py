"""Confidence of a draft fact: a logistic model over rule and parse features.

The weights live in ``kg/data/confidence.json``; this module only loads them. They were fit
by :mod:`kg.eval.fit_confidence` on the CaRB dev split: every extraction is labelled with
the CaRB precision of its best match among the sentence's gold tuples (0 when it matches
none), and a logistic regression with a small L2 penalty is fit to those soft labels, so a
fact's confidence estimates how much of it CaRB would accept. Re-fit after changing the
rules with ``python -m kg.eval.fit_confidence /path/to/carb --write``.

>>> weights().coefficients["rule=svo"] > weights().coefficients["rule=possessive"]
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.model import Role

if TYPE_CHECKING:
    from kg.extract._draft import Draft

__all__ = ["Weights", "draft_features", "score_draft", "weights", "WEIGHTS_FILE"]

#: The fitted weights, inside the package.
WEIGHTS_FILE = "data/confidence.json"


@dataclass(frozen=True)
class Weights:
    """The confidence model: an intercept and one weight (log-odds) per feature.

    ``fixed`` weights are set by hand, not fit, and a re-fit leaves them in place: nominal
    events never reach CaRB output (see :data:`kg.extract.CARB_EXCLUDED_RULES`), so there is
    nothing to fit them on; a conservative weight ranks them below most verb-mediated facts.
    """

    intercept: float
    coefficients: dict[str, float]
    fixed: dict[str, float]

    def weight(self, feature: str) -> float:
        return self.fixed.get(feature, self.coefficients.get(feature, 0.0))


@cache
def weights() -> Weights:
    """The weights shipped with kg (read once)."""
    data = json.loads(resources.files("kg").joinpath(WEIGHTS_FILE).read_text("utf-8"))
    return Weights(data["intercept"], data["coefficients"], data["fixed"])


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
    if d.example is not None:
        f["example"] = 1.0  # one of a "such as" list
    if subj is not None and subj.role == Role.THEME and d.kind == "event":
        f["theme_subject"] = 1.0
    if any(a.role == Role.TIME for a in d.args):
        f["time_arg"] = 1.0
    depth = d.anchor.doc.depth(d.anchor.i) if hasattr(d.anchor.doc, "depth") else 0
    f[f"depth={min(depth, 3)}"] = 1.0
    sent_len = len(d.anchor.sent)
    f[f"sent_len={_length_bucket(sent_len // 3)}"] = 1.0
    return f


def _dep_group(dep: str) -> str:
    if dep in ("ROOT", "conj", "ccomp", "relcl", "acl", "advcl", "xcomp", "appos"):
        return dep
    return "other"


def score_draft(d: Draft) -> float:
    """The calibrated probability that CaRB would accept the draft's extraction."""
    w = weights()
    z = w.intercept + sum(w.weight(k) * v for k, v in draft_features(d).items())
    return 1.0 / (1.0 + math.exp(-z))
