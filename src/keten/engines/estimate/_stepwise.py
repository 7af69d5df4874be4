"""Stepwise selection of two-list interactions (Chan, Silverman & Vincent 2021, SparseMSE).

Start from the main-effects Poisson log-linear model. At each step, for every two-list term not
yet in the model, compare the observed number of people on both lists with its expected value
under the current fit; the p-value is the smaller Poisson tail. Add the term with the smallest
p-value (lowest index on ties, p-values equal to within a relative 1e-9 counting as tied, so
that rounding in the fit does not decide between terms whose p-values are equal in exact
arithmetic) provided it is below the threshold and the enlarged model has a
finite, identifiable estimate; candidates failing that check are skipped, as SparseMSE sets their
p-value to 1. Stop when no candidate qualifies.

All count vectors of a batch (the data, its bootstrap replicates and jackknife tables) are
stepped in lockstep: one masked batch fit per step, whatever model each vector has reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._design import Model, base_terms, containment, design, pair_terms
from ._existence import ExistenceChecker
from ._irls import fit_batch_chunked


@dataclass
class StepwiseResult:
    hidden: np.ndarray  # (B,) expected number on no list under each selected model
    models: list[Model]  # selected two-list terms per vector, in the order they were added
    converged: np.ndarray  # (B,) whether the final fit converged


TIE_TOLERANCE = 1e-9


def rank_candidates(candidates: np.ndarray, pvalues: np.ndarray) -> np.ndarray:
    """Candidates by p-value, lowest index first among p-values equal to within TIE_TOLERANCE."""
    by_value = np.argsort(pvalues, kind="stable")
    ranked: list[int] = []
    start = 0
    while start < by_value.size:
        low = pvalues[by_value[start]]
        end = start
        while end < by_value.size and pvalues[by_value[end]] <= low * (1 + TIE_TOLERANCE):
            end += 1
        ranked.extend(sorted(int(candidates[i]) for i in by_value[start:end]))
        start = end
    return np.asarray(ranked, dtype=np.int64)


def select_stepwise(
    y: np.ndarray, k: int, pthresh: float = 0.02, checker: ExistenceChecker | None = None
) -> StepwiseResult:
    """Run the stepwise selection on each row of ``y`` (B × 2**k-1 counts)."""
    from scipy.stats import poisson

    y = np.atleast_2d(np.asarray(y, dtype=np.int64))
    checker = checker or ExistenceChecker(k)
    b = y.shape[0]
    pairs = pair_terms(k)
    n_base = k + 1
    x = design(k, base_terms(k) + pairs)
    pair_cells = containment(k, pairs)  # (C, P)
    pair_x = pair_cells.astype(np.float64)
    observed = y @ pair_x  # (B, P) people on both lists of each pair
    empty = observed == 0

    included = np.zeros((b, len(pairs)), dtype=bool)
    order: list[list[int]] = [[] for _ in range(b)]
    if pthresh >= 1:
        # SparseMSE: with threshold 1 the model with every pair is taken whole when it passes the check.
        everything = tuple(sorted(pairs))
        for i in range(b):
            if checker.check(y[i], everything).ok:
                included[i] = True
                order[i] = list(range(len(pairs)))
    hidden = np.full(b, np.nan)
    converged = np.zeros(b, dtype=bool)
    active = np.arange(b)
    for _ in range(len(pairs) + 1):
        if active.size == 0:
            break
        inc = included[active]
        columns = np.hstack([np.ones((active.size, n_base), dtype=bool), inc & ~empty[active]])
        # A pair in the model whose lists share nobody is fixed at minus infinity: its patterns go.
        gone = (inc & empty[active]).astype(np.float64) @ pair_x.T > 0
        fit = fit_batch_chunked(x, y[active], columns, ~gone)
        hidden[active] = fit.hidden
        converged[active] = fit.converged
        if pthresh <= 0:
            break
        if np.all(inc):
            break
        expected = fit.mu @ pair_x
        obs = observed[active]
        pvalues = np.minimum(poisson.cdf(obs, expected), poisson.sf(obs - 1, expected))
        pvalues[inc] = np.inf
        still = []
        for row, index in enumerate(active):
            candidates = np.flatnonzero(pvalues[row] < pthresh)
            if candidates.size == 0:
                continue
            ranked = rank_candidates(candidates, pvalues[row, candidates])
            for cand in ranked:
                model = tuple(sorted(pairs[i] for i in order[index] + [int(cand)]))
                if checker.check(y[index], model).ok:
                    included[index, cand] = True
                    order[index].append(int(cand))
                    still.append(index)
                    break
        active = np.asarray(still, dtype=np.int64)
    models = [tuple(pairs[i] for i in seq) for seq in order]
    return StepwiseResult(hidden=hidden, models=models, converged=converged)
