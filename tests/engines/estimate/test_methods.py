"""Method-level behaviour not covered by the reference numbers: BIC bootstrap, options, facade."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from keten.engines import estimate as mse
from keten.engines.estimate._bic import hierarchical_models


def make_table(counts, names="ABCD"):
    k = int(np.log2(len(counts) + 1))
    frame = pd.DataFrame(list(itertools.product([0, 1], repeat=k))[1:], columns=list(names[:k]))
    frame["count"] = counts
    return mse.read_table(frame)[0]


def test_hierarchical_model_counts():
    # Three lists: any subset of the three pairs. Four lists with three-list terms: 113.
    assert len(hierarchical_models(3, 2)) == 8
    assert len(hierarchical_models(4, 3)) == 113
    assert len(hierarchical_models(6, 2)) == 2**15
    assert all(len(set(m)) == len(m) for m in hierarchical_models(4, 3))


def test_bic_bootstrap_gives_an_interval_around_the_estimate():
    table = make_table([60, 45, 14, 50, 9, 12, 4])
    result = mse.estimate(table, method="bic", replicates=100, seed=3)
    assert result.ci.method == "bca"
    assert result.ci.low <= result.total <= result.ci.high
    assert result.details["bootstrap_models"] == result.details["models_considered"]


def test_rng_choice_changes_replicates_not_the_estimate():
    table = make_table([60, 45, 14, 50, 9, 12, 4])
    r = mse.estimate(table, replicates=100, seed=3, rng="r")
    n = mse.estimate(table, replicates=100, seed=3, rng="numpy")
    assert r.total == n.total
    assert (r.ci.low, r.ci.high) != (n.ci.low, n.ci.high)
    again = mse.estimate(table, replicates=100, seed=3, rng="r")
    assert (again.ci.low, again.ci.high) == (r.ci.low, r.ci.high)


def test_two_worker_processes_give_the_same_interval_as_one():
    table = make_table([60, 45, 14, 50, 9, 12, 4, 30, 8, 6, 2, 7, 3, 2, 1])
    one = mse.estimate(table, replicates=120, seed=8, workers=1)
    two = mse.estimate(table, replicates=120, seed=8, workers=2)
    assert (one.ci.low, one.ci.high) == pytest.approx((two.ci.low, two.ci.high), rel=1e-9)


def test_progress_is_reported_up_to_the_total():
    table = make_table([60, 45, 14, 50, 9, 12, 4])
    seen = []
    mse.estimate(table, replicates=50, seed=1, progress=lambda done, total: seen.append((done, total)))
    assert sum(d for d, _ in seen) == seen[-1][1] == 50 + 7  # replicates and one jackknife table per pattern


def test_pthresh_zero_is_the_independence_model_and_one_allows_everything_that_fits():
    table = make_table([60, 45, 14, 50, 9, 12, 4])
    assert mse.estimate(table, pthresh=0, ci="none").model == []
    assert len(mse.estimate(table, pthresh=1, ci="none").model) >= 1


def test_to_dict_is_plain_data():
    import json

    result = mse.estimate(make_table([60, 45, 14, 50, 9, 12, 4]), replicates=30)
    out = json.loads(json.dumps(result.to_dict()))
    assert out["ci"]["method"] == "bca" and out["checks"]["exists"] is True
