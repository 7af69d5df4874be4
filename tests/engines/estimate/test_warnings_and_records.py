"""Warnings that tell a reader when not to trust a number, strata, and individual records."""

from __future__ import annotations

import pandas as pd
import pytest

from keten.engines import estimate as mse


def table(rows, columns=("A", "B", "C", "count"), **kw):
    return mse.read_table(pd.DataFrame(rows, columns=list(columns)), **kw)


def test_non_overlapping_lists_and_tiny_counts_are_named():
    [t] = table([[1, 0, 0, 12], [0, 1, 0, 9], [0, 0, 1, 7], [1, 1, 0, 2]])
    result = mse.estimate(t, ci="none")
    text = " ".join(result.warnings)
    assert "A and C" in text and "B and C" in text
    assert "Nobody on list C is on any other list" in text
    assert "Only 30 people were seen" in text
    assert "Only 2 people appear on more than one list" in text


def test_a_model_without_finite_estimate_gives_no_number():
    # Everyone seen is on list A: under independence the hidden number runs off to zero.
    [t] = table([[1, 0, 0, 20], [1, 1, 0, 8], [1, 0, 1, 6], [1, 1, 1, 2]])
    result = mse.estimate(t, ci="none")
    assert result.hidden is None and result.total is None
    assert result.checks.exists is False
    assert any("no finite estimate" in w for w in result.warnings)


def test_an_empty_list_is_left_out_with_a_warning():
    [t] = table([[1, 0, 0, 20], [0, 1, 0, 15], [1, 1, 0, 6]])
    result = mse.estimate(t, ci="none")
    assert result.lists == ["A", "B"]
    assert "List(s) C contain nobody" in result.warnings[0]
    assert result.hidden == pytest.approx(20 * 15 / 6)


def test_lcmcr_reports_chains_that_have_not_settled():
    [t] = table([[1, 0, 0, 40], [0, 1, 0, 30], [0, 0, 1, 20], [1, 1, 0, 6], [0, 1, 1, 4]])
    result = mse.estimate(t, method="lcmcr", lcmcr={"burn_in": 50, "samples": 20, "thinning": 1}, workers=1)
    assert result.method == "lcmcr" and result.ci.method == "posterior"
    assert any("effectively independent draws" in w or "chains disagree" in w for w in result.warnings)


def test_strata_give_one_estimate_each_and_a_stratum_without_overlap_gets_no_number():
    rows = [
        [2022, 1, 0, 30], [2022, 0, 1, 25], [2022, 1, 1, 10],
        [2023, 1, 0, 14], [2023, 0, 1, 11],
    ]
    tables = table(rows, columns=("year", "A", "B", "count"), strata=["year"])
    results = mse.estimate_all(tables, "chapman")
    assert [r.stratum for r in results] == [{"year": 2022}, {"year": 2023}]
    assert results[0].total == pytest.approx((40 + 1) * (35 + 1) / (10 + 1) - 1)
    assert results[1].total is None
    assert "no one appears on more than one list" in results[1].warnings[0]


def test_one_row_per_person_records_are_counted():
    people = pd.DataFrame({"A": [1, 1, 0, 1, 0, 1], "B": [0, 1, 1, 1, 1, 0], "sex": list("fmfmff")})
    [f, m] = mse.read_table(people, strata=["sex"])
    assert f.stratum == (("sex", "f"),) and f.observed == 4 and f.overlap(0, 1) == 0
    assert m.observed == 2 and m.overlap(0, 1) == 2


def test_membership_records_are_counted_once_per_person():
    records = pd.DataFrame(
        {"person": [1, 1, 2, 3, 3, 3, 4], "list": ["police", "ngo", "ngo", "police", "ngo", "ngo", "police"]}
    )
    [t] = mse.read_table(records, id_column="person", list_column="list")
    assert t.lists == ("ngo", "police")
    assert t.observed == 4
    assert t.overlap(0, 1) == 2
