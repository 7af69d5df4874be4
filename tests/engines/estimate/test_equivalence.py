"""The fast paths against plain versions of the same procedures, on random tables.

The engine steps all count vectors of a batch in lockstep with a hand-written batched fitter,
checks only the candidates that could be chosen, and decides many models' existence at once.
Here each of those is compared with a plain version that follows the reference loop literally:
SparseMSE's ``stepwisefit`` (statsmodels fit per step, every candidate checked) and one model
at a time for the BIC verdicts.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from keten.engines import estimate as mse
from keten.engines.estimate._bic import DEFAULT_ORDER, _full_terms, hierarchical_models
from keten.engines.estimate._existence import ExistenceChecker
from keten.engines.estimate._model_set import ModelSet

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_table(k: int, counts: list[int]):
    frame = pd.DataFrame(list(itertools.product([0, 1], repeat=k))[1:], columns=list("ABCD"[:k]))
    frame["count"] = counts
    return mse.read_table(frame)[0]


def sparse_counts(k: int):
    return st.lists(st.sampled_from([0, 0, 1, 2, 3, 5, 8, 20, 40]), min_size=2**k - 1, max_size=2**k - 1)


def plain_stepwise(table, pthresh: float = 0.02) -> tuple[list[str], float]:
    """SparseMSE's stepwisefit, one model and one candidate at a time, fitted with statsmodels."""
    import statsmodels.api as sm
    from scipy.stats import poisson

    k, counts, lists = table.k, table.counts, table.lists
    patterns = table.patterns
    pairs = list(itertools.combinations(range(k), 2))
    both = {p: (patterns[:, p[0]] == 1) & (patterns[:, p[1]] == 1) for p in pairs}
    overlap = {p: counts[both[p]].sum() for p in pairs}

    def fit(chosen):
        keep = np.ones(len(counts), dtype=bool)
        columns = [np.ones(len(counts))] + [patterns[:, j].astype(float) for j in range(k)]
        for p in chosen:
            if overlap[p] == 0:
                keep &= ~both[p]
            else:
                columns.append(both[p].astype(float))
        x = np.column_stack(columns)[keep]
        result = sm.GLM(counts[keep].astype(float), x, family=sm.families.Poisson()).fit(tol=1e-12, maxiter=200)
        mu = np.zeros(len(counts))
        mu[keep] = result.fittedvalues
        return mu, result.params[0]

    def name(p):
        return f"{lists[p[0]]}:{lists[p[1]]}"

    chosen: list[tuple[int, int]] = []
    mu, intercept = fit(chosen)
    for _ in pairs:
        pvalues = {}
        for j, p in enumerate(pairs):
            if p in chosen:
                continue
            observed, expected = overlap[p], mu[both[p]].sum()
            value = min(poisson.cdf(observed, expected), poisson.sf(observed - 1, expected))
            verdict = mse.check(table, [name(q) for q in chosen + [p]])
            pvalues[j] = value if verdict.exists and verdict.identifiable else 1.0
        # Lowest index among the smallest p-values; equal to within rounding counts as equal.
        low = min(pvalues.values())
        best = min(j for j, value in pvalues.items() if value <= low * (1 + 1e-9))
        if pvalues[best] >= pthresh:
            break
        chosen.append(pairs[best])
        mu, intercept = fit(chosen)
    return [name(p) for p in chosen], table.observed + float(np.exp(intercept))


@SETTINGS
@given(st.one_of(sparse_counts(3), sparse_counts(4)))
@example([0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 20, 1, 0, 0, 0])  # B:C and B:D tie
def test_batched_stepwise_matches_the_plain_loop(counts):
    k = 3 if len(counts) == 7 else 4
    table = make_table(k, counts)
    several = table.patterns.sum(axis=1) >= 2
    assume(table.counts[several].sum() > 0 and (table.list_totals() > 0).all())
    assume(mse.check(table, []).exists)
    result = mse.estimate(table, ci="none")
    model, total = plain_stepwise(table)
    assert result.model == model
    assert result.total == pytest.approx(total, rel=1e-6)


def test_terms_with_equal_p_values_are_taken_in_order_of_index():
    """Two interactions that are mirror images have the same p-value in exact arithmetic; the
    fit's rounding must not choose between them (B:C comes before B:D)."""
    from keten.engines.estimate._stepwise import rank_candidates

    ranked = rank_candidates(np.array([3, 4, 5]), np.array([1e-3 * (1 + 1e-13), 1e-3, 0.5]))
    assert ranked.tolist() == [3, 4, 5]
    ranked = rank_candidates(np.array([3, 4, 5]), np.array([2e-3, 1e-3, 1e-4]))
    assert ranked.tolist() == [5, 4, 3]


@settings(max_examples=20, deadline=None)
@given(st.one_of(sparse_counts(3), sparse_counts(4)))
def test_model_set_verdicts_match_one_model_at_a_time(counts):
    k = 3 if len(counts) == 7 else 4
    table = make_table(k, counts)
    assume(table.observed > 0)
    order = DEFAULT_ORDER[k]
    models = hierarchical_models(k, order)
    verdicts = ModelSet(k, models, _full_terms(k, order)).verdicts(table.counts)
    single = ExistenceChecker(k, sparse_main_effects=True)
    one_by_one = [single.check(table.counts, m) for m in models]
    assert verdicts.exists.tolist() == [v.exists for v in one_by_one]
    assert verdicts.identifiable.tolist() == [v.identifiable for v in one_by_one]
