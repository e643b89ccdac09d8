"""CaRB dev-split quality of kg.dep.v1, scored with kg.eval.carb (the issue's targets)."""

from __future__ import annotations

import pytest
from conftest import require_shared


@pytest.fixture(scope="module")
def carb_scores(nlp):
    from kg.eval.carb import evaluate_by_domain

    return evaluate_by_domain(require_shared() / "carb", nlp=nlp)


@pytest.mark.parametrize("domain", ["all", "newswire"])
def test_carb_dev_f1_meets_target(carb_scores, domain):
    assert carb_scores[domain].f1 >= 0.48


def test_carb_dev_auc_meets_target(carb_scores):
    assert carb_scores["all"].auc >= 0.27
