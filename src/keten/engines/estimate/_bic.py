"""Model choice by BIC over all hierarchical log-linear models (Silverman, Chan & Vincent 2024).

Every hierarchical model up to a maximum interaction order is checked for a finite,
identifiable estimate (terms whose margin is empty, main effects included, fixed at minus
infinity as MultipleSystemsEstimation does), fitted, and ranked by
``BIC = parameters * log(observed) - 2 log-likelihood``, all parameters counted. The total of
the best model is the estimate. For the interval, the models ranked best on the data (all of
them for three lists, 20 for four, 100 for five or six) are refitted on every bootstrap
replicate and jackknife table, and the best of those by BIC gives that replicate's total.

The maximum order follows the reference: 1 for two lists, 2 for three, 3 for four or five, 2
for six. Seven or more lists are refused: the number of models explodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
from scipy.special import gammaln

from ._design import Model, base_terms, popcount
from ._irls import fit_batch_chunked
from ._model_set import ModelSet

MAX_LISTS = 6
_OWN_BATCH = 64  # fits sharing their terms that get a design of their own
DEFAULT_ORDER = {2: 1, 3: 2, 4: 3, 5: 3, 6: 2}
DEFAULT_TOP = {2: None, 3: None, 4: 20, 5: 100, 6: 100}


@dataclass
class BicRanking:
    models: list[Model]  # eligible models, best BIC first
    bic: np.ndarray
    totals: np.ndarray
    considered: int


@lru_cache(maxsize=16)
def hierarchical_models(k: int, max_order: int) -> list[Model]:
    """All hierarchical models (as tuples of interaction terms) with interactions up to max_order.

    Every subset of the possible interaction terms is a bit pattern; a subset is hierarchical when
    each term's one-smaller sub-terms (of order two and up) are in it too. Checked for all
    subsets at once, which is fast up to the 2**20 subsets of five lists with three-list terms.
    """
    terms = [sum(1 << j for j in c) for size in range(2, max_order + 1) for c in combinations(range(k), size)]
    if len(terms) > 24:
        raise ValueError(f"too many hierarchical models to enumerate for {k} lists up to order {max_order}")
    position = {t: i for i, t in enumerate(terms)}
    subsets = np.arange(2 ** len(terms), dtype=np.int64)
    valid = np.ones(subsets.size, dtype=bool)
    for i, term in enumerate(terms):
        if popcount(term) < 3:
            continue
        has = (subsets >> i) & 1 == 1
        for j in range(k):
            if term >> j & 1:
                has_parent = (subsets >> position[term & ~(1 << j)]) & 1 == 1
                valid &= ~has | has_parent
    return [tuple(t for i, t in enumerate(terms) if s >> i & 1) for s in subsets[valid].tolist()]


def _full_terms(k: int, max_order: int) -> list[int]:
    inter = [sum(1 << j for j in c) for size in range(2, max_order + 1) for c in combinations(range(k), size)]
    return base_terms(k) + inter


def score_models(y: np.ndarray, model_set: ModelSet) -> tuple[np.ndarray, np.ndarray]:
    """BIC and total of every (count vector, model) pair; NaN where the model is refused.

    ``y`` is (B, C); returns two (B, M) arrays.
    """
    b, m = y.shape[0], len(model_set.models)
    rows, where, columns, cells = [], [], [], []
    for i in range(b):
        verdicts = model_set.verdicts(y[i])
        ok = np.flatnonzero(verdicts.ok)
        rows.append(np.full(ok.size, i))
        where.append(ok)
        columns.append(verdicts.active[ok])
        cells.append(verdicts.kept[ok])
    bic = np.full((b, m), np.nan)
    totals = np.full((b, m), np.nan)
    rows_a, where_a = np.concatenate(rows), np.concatenate(where)
    if rows_a.size == 0:
        return bic, totals
    live = np.concatenate(cells)
    active = np.concatenate(columns)
    yy = y[rows_a].astype(np.float64)
    mu = np.zeros_like(yy)
    hidden = np.zeros(yy.shape[0])
    # Fits that use the same terms share a smaller design: for a large group, solving on just
    # those columns is much cheaper than switching the others off in the full design. Small
    # groups (the search over all models on one table) stay together in one masked batch.
    _, group = np.unique(np.packbits(active, axis=1), axis=0, return_inverse=True)
    group = group.ravel()
    sizes = np.bincount(group)
    rest = np.flatnonzero(sizes[group] < _OWN_BATCH)
    if rest.size:
        fit = fit_batch_chunked(model_set.x, yy[rest], active[rest], live[rest])
        mu[rest], hidden[rest] = fit.mu, fit.hidden
    for g in np.flatnonzero(sizes >= _OWN_BATCH):
        members = np.flatnonzero(group == g)
        fit = fit_batch_chunked(model_set.x[:, active[members[0]]], yy[members], None, live[members])
        mu[members], hidden[members] = fit.mu, fit.hidden
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = np.where(live, yy * np.log(np.where(mu > 0, mu, 1.0)) - mu - gammaln(yy + 1), 0.0)
    n = yy.sum(axis=1)
    npars = model_set.member.sum(axis=1)[where_a]  # every parameter, those at minus infinity too
    bic[rows_a, where_a] = npars * np.log(n) - 2 * loglik.sum(axis=1)
    totals[rows_a, where_a] = n + hidden
    return bic, totals


def rank_models(counts: np.ndarray, k: int, max_order: int | None = None) -> BicRanking:
    if k > MAX_LISTS:
        raise ValueError(
            f"the BIC search covers at most {MAX_LISTS} lists (the table has {k}); use the stepwise method"
        )
    order = DEFAULT_ORDER[k] if max_order is None else max_order
    models = hierarchical_models(k, order)
    bic, totals = score_models(np.asarray(counts)[None], ModelSet(k, models, _full_terms(k, order)))
    ok = np.flatnonzero(np.isfinite(bic[0]))
    ranked = ok[np.argsort(bic[0, ok], kind="stable")]
    return BicRanking([models[i] for i in ranked], bic[0, ranked], totals[0, ranked], int(ok.size))


def best_totals(y: np.ndarray, k: int, models: list[Model], max_order: int) -> np.ndarray:
    """For each row of ``y``, the total of the lowest-BIC model among ``models`` (NaN if none fits)."""
    bic, totals = score_models(y, ModelSet(k, models, _full_terms(k, max_order)))
    out = np.full(y.shape[0], np.nan)
    has = np.isfinite(bic).any(axis=1)
    best = np.argmin(np.where(np.isfinite(bic), bic, np.inf), axis=1)
    out[has] = totals[np.flatnonzero(has), best[has]]
    return out


def top_models(ranking: BicRanking, k: int, top: int | None = None) -> list[Model]:
    limit = DEFAULT_TOP[k] if top is None else top
    return ranking.models if limit is None else ranking.models[:limit]
