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


# The figures reported in the extraction-quality issue's closing note (CaRB dev, our scorer).
# A change that moves F1 by more than 0.01 either way must update them on purpose.
REPORTED = {"all": (0.578, 0.415), "newswire": (0.583, 0.427), "wiki": (0.575, 0.408)}


@pytest.mark.parametrize("domain", sorted(REPORTED))
def test_carb_dev_scores_stay_at_the_reported_figures(carb_scores, domain):
    f1, auc = REPORTED[domain]
    assert carb_scores[domain].f1 == pytest.approx(f1, abs=0.01)
    assert carb_scores[domain].auc == pytest.approx(auc, abs=0.01)
