"""Training: comparing a trainee's answers with the expert answers of a vignette."""

from __future__ import annotations

import pytest

from keten.engines import screening


def test_expert_answers_agree_fully():
    for v in screening.vignettes():
        result = screening.compare_with_expert(v.id, v.expert_present, v.expert_absent)
        assert result.agreement == 1.0 and not result.outcome_differs
        assert not result.missed and not result.extra


def test_per_indicator_agreement_and_outcome_difference():
    result = screening.compare_with_expert("v01_greenhouse_worker", present=["DR01", "EX01", "CD01", "VR01"],
                                           absent=["CD04"], unknown=["CR01"])
    rows = {r.id: r for r in result.indicators}
    assert rows["DR01"].agree and rows["CD04"].agree
    assert (rows["DR05"].expert, rows["DR05"].trainee, rows["DR05"].agree) == ("present", "unknown", False)
    assert (rows["CR01"].expert, rows["CR01"].trainee, rows["CR01"].agree) == ("absent", "unknown", False)
    assert (rows["VR01"].expert, rows["VR01"].trainee) == ("unknown", "present")
    assert "CD02" in result.missed and result.extra == ("VR01",)
    assert result.victim_differs and set(result.dimensions_differ) == {"DR", "EX", "CD"}
    assert result.outcome_differs
    assert 0 < result.agreement < 1
    data = result.to_dict()
    assert data["expert"]["victim"] is True and data["trainee"]["victim"] is False


def test_same_outcome_with_different_answers():
    # one medium indicator more or less in a dimension that stays negative changes no outcome
    v = next(v for v in screening.vignettes() if v.id == "v01_greenhouse_worker")
    present = [i for i in v.expert_present if i != "VD02"]
    result = screening.compare_with_expert(v.id, present, v.expert_absent)
    assert result.missed == ("VD02",) and not result.outcome_differs and result.agreement < 1


def test_child_vignette_under_another_rule_set():
    v = "v03_car_wash_boy"
    expert = screening.compare_with_expert(v, ["DR10", "EX01"], rule_set="ilo_2009_child_recruitment_ex")
    assert expert.expert_outcome.victim is False
    assert expert.expert_outcome.rule_set == "ilo_2009_child_recruitment_ex"


def test_unknown_vignette_and_indicator():
    with pytest.raises(screening.UnknownVignetteError):
        screening.compare_with_expert("v00_none", [])
    with pytest.raises(screening.UnknownIndicatorError):
        screening.compare_with_expert("v01_greenhouse_worker", ["NLA01"])


def test_vignette_serialisation_hides_answers_unless_asked():
    v = screening.vignettes()[0]
    assert "expert" not in v.to_dict()
    full = v.to_dict(with_answers=True)
    assert full["expert"]["present"] == list(v.expert_present) and full["fictional"] is True
