"""The engine against the numbers the R implementations give on the public reference tables.

Tolerances are the contract's: same stepwise terms, total within 0.5 %, bootstrap interval ends
within 5 % at 1,000 replicates, existence and identifiability verdicts exactly.
"""

from __future__ import annotations

import pytest

from keten.engines import estimate as mse
from keten.engines.estimate._design import pair_terms, term_name

from .conftest import reference_names

NAMES = reference_names() or ["(no reference data)"]
CODES = {0: (True, True), 1: (False, True), 2: (True, False), 3: (False, False)}


def _verdict(table, terms):
    c = mse.check(table, terms)
    return c.exists, c.identifiable


@pytest.mark.parametrize("name", NAMES)
def test_stepwise_model_and_total(name, expected, load):
    table, ref = load(name), expected[name]
    result = mse.estimate(table, ci="none")
    assert table.observed == ref["observed_total"]
    assert result.lists == ref["lists"]
    assert result.model == ref["stepwise"]["selected_two_list_terms"]
    assert result.total == pytest.approx(ref["stepwise"]["total"], rel=0.005)
    assert result.hidden == pytest.approx(ref["stepwise"]["hidden"], rel=0.005)


@pytest.mark.parametrize("name", NAMES)
def test_model_conditional_interval(name, expected, load):
    result = mse.estimate(load(name), ci="model")
    low, high = expected[name]["stepwise"]["model_conditional_ci95"]
    assert (result.ci.low, result.ci.high) == (pytest.approx(low, rel=1e-3), pytest.approx(high, rel=1e-3))


@pytest.mark.parametrize("name", NAMES)
def test_existence_and_identifiability_verdicts(name, expected, load):
    table, ref = load(name), expected[name]
    codes = ref["existence_identifiability_codes"]
    all_pairs = [term_name(t, table.lists) for t in pair_terms(table.k)]
    selected = ref["stepwise"]["selected_two_list_terms"]
    assert _verdict(table, []) == CODES[codes["main_effects"]]
    assert _verdict(table, all_pairs) == CODES[codes["all_two_list"]]
    assert _verdict(table, selected) == CODES[codes["selected_model"]]
    assert mse.count_triples(table) == codes["count_triples"]
    pairs = [f"{table.lists[i]}:{table.lists[j]}" for i, j in table.nonoverlapping_pairs()]
    assert sorted(pairs) == sorted(ref["nonoverlapping_pairs"])


@pytest.mark.parametrize("name", NAMES)
def test_models_without_finite_estimate(name, expected, load):
    reference = expected[name]["models_without_extended_mle"]
    if reference is None:
        pytest.skip("the reference did not enumerate the models of this table")
    found = mse.models_without_finite_estimate(load(name))
    assert sorted(sorted(m) for m in found) == sorted(sorted(m) for m in reference)


@pytest.mark.parametrize("name", NAMES)
def test_bootstrap_interval_at_1000_replicates(name, expected, load):
    table, ref = load(name), expected[name]["stepwise_bootstrap_bca"]
    assert ref["replicates"] == 1000
    result = mse.estimate(table, replicates=1000, seed=1234, level=0.95)
    assert result.ci.method == "bca"
    assert (result.ci.low, result.ci.high) == (pytest.approx(ref["ci95"][0], rel=0.05),
                                               pytest.approx(ref["ci95"][1], rel=0.05))
    ends = result.details["bootstrap"]["bca_quantiles"]
    low80, high80 = ref["ci80"]
    assert (ends["0.1"], ends["0.9"]) == (pytest.approx(low80, rel=0.05), pytest.approx(high80, rel=0.05))


@pytest.mark.parametrize("name", NAMES)
def test_bic_selection(name, expected, load):
    table, ref = load(name), expected[name]["bic"]
    if ref["total"] is None:
        pytest.skip("the reference has no BIC result for this table")
    result = mse.estimate(table, method="bic", ci="none")
    assert result.total == pytest.approx(ref["total"], rel=0.005)
    assert result.details["models_considered"] == ref["n_models_considered"]


@pytest.mark.parametrize(
    "name",
    ["Korea", pytest.param("Artificial_3", marks=pytest.mark.slow), pytest.param("NewOrl_5", marks=pytest.mark.slow)],
)
def test_lcmcr_posterior_median(name, expected, load):
    """A shorter chain than the reference's, so a looser tolerance: a Monte Carlo comparison."""
    table, ref = load(name), expected[name]["lcmcr"]
    settings = {"burn_in": 2000, "samples": 500, "thinning": 6}
    result = mse.estimate(table, method="lcmcr", lcmcr=settings, seed=7)
    assert result.total == pytest.approx(ref["posterior_median"], rel=0.10)
    assert result.ci.method == "posterior"
    assert result.ci.low == pytest.approx(ref["credible95"][0], rel=0.15)
