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
# A change that moves F1 by more than 0.01 either way must update them on purpose. The default
# output leaves descriptions out (Fact.kind); CaRB's annotators list many of them ("X ; is ;
# Y" for an apposition, "X ; has ; Y" for a possessive), so the figures with them are kept
# too.
REPORTED = {"all": (0.581, 0.417), "newswire": (0.568, 0.407), "wiki": (0.589, 0.423)}
WITH_DESCRIPTIONS = {"all": (0.594, 0.442), "newswire": (0.589, 0.438), "wiki": (0.598, 0.443)}


@pytest.mark.parametrize("domain", sorted(REPORTED))
def test_carb_dev_scores_stay_at_the_reported_figures(carb_scores, domain):
    f1, auc = REPORTED[domain]
    assert carb_scores[domain].f1 == pytest.approx(f1, abs=0.01)
    assert carb_scores[domain].auc == pytest.approx(auc, abs=0.01)


@pytest.fixture(scope="module")
def carb_scores_with_descriptions(nlp):
    from kg.eval.carb import evaluate_by_domain

    return evaluate_by_domain(require_shared() / "carb", nlp=nlp, descriptions=True)


@pytest.mark.parametrize("domain", sorted(WITH_DESCRIPTIONS))
def test_carb_dev_scores_with_descriptions_stay_at_the_reported_figures(
    carb_scores_with_descriptions, domain
):
    f1, auc = WITH_DESCRIPTIONS[domain]
    assert carb_scores_with_descriptions[domain].f1 == pytest.approx(f1, abs=0.01)
    assert carb_scores_with_descriptions[domain].auc == pytest.approx(auc, abs=0.01)
