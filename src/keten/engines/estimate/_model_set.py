"""Existence and identifiability verdicts for many models on one table at once.

The BIC search checks thousands of hierarchical models per table. Checking them one by one
(as ``ExistenceChecker.check`` does for the stepwise search) spends its time in Python
overhead, so here the work is arranged in arrays over all models: the sparse terms, the kept
patterns and the rank shortcut are computed for every model together. Only models the rank
shortcut cannot settle go to the linear programme, and each LP verdict is carried over to other
models on the same patterns: a failure to every larger model, a positive table (which proves
existence) to every model whose margins it matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._design import Model, base_terms, containment, design
from ._existence import ExistenceChecker


@dataclass
class Verdicts:
    exists: np.ndarray  # (M,) bool
    identifiable: np.ndarray  # (M,) bool
    active: np.ndarray  # (M, T) bool: terms fitted (in the model and not fixed at minus infinity)
    kept: np.ndarray  # (M, C) bool: patterns modelled

    @property
    def ok(self) -> np.ndarray:
        return self.exists & self.identifiable


class ModelSet:
    """A fixed list of models over ``k`` lists, sharing one full design."""

    def __init__(self, k: int, models: list[Model], full_terms: list[int], sparse_main_effects: bool = True):
        self.k = k
        self.models = models
        self.full = full_terms
        index = {t: i for i, t in enumerate(full_terms)}
        self.member = np.zeros((len(models), len(full_terms)), dtype=bool)
        self.member[:, : k + 1] = True
        for m, model in enumerate(models):
            self.member[m, [index[t] for t in model]] = True
        self.x = design(k, full_terms)
        self.contains = containment(k, full_terms)  # (C, T)
        can_be_sparse = np.array([t != 0 and (sparse_main_effects or t not in base_terms(k)) for t in full_terms])
        self._can_be_sparse = can_be_sparse
        self._cache: dict[bytes, Verdicts] = {}
        self._lp = ExistenceChecker(k)

    @property
    def linear_programmes(self) -> int:
        return self._lp.linear_programmes

    def verdicts(self, counts: np.ndarray) -> Verdicts:
        counts = np.asarray(counts)
        key = np.packbits(counts > 0).tobytes()
        found = self._cache.get(key)
        if found is None:
            found = self._decide(counts)
            self._cache[key] = found
        return found

    def _decide(self, y: np.ndarray) -> Verdicts:
        margins = y @ self.x  # (T,)
        sparse = self.member & (margins == 0)[None, :] & self._can_be_sparse[None, :]
        kept = ~((sparse.astype(np.float64) @ self.contains.T.astype(np.float64)) > 0)  # (M, C)
        active = self.member & ~sparse
        npar = active.sum(axis=1)
        positive = kept & (y > 0)[None, :]
        exists = np.zeros(len(self.models), dtype=bool)
        identifiable = np.zeros(len(self.models), dtype=bool)
        fast = _ranks(self.x, positive, active) == npar
        exists[fast] = identifiable[fast] = True
        slow = np.flatnonzero(~fast)
        if slow.size:
            identifiable[slow] = _ranks(self.x, kept[slow], active[slow]) == npar[slow]
            exists[slow] = self._existence_by_lp(y, margins, slow, kept, active)
        return Verdicts(exists, identifiable, active, kept)

    def _existence_by_lp(
        self, y: np.ndarray, margins: np.ndarray, which: np.ndarray, kept: np.ndarray, active: np.ndarray
    ) -> np.ndarray:
        """Existence for the models the rank shortcut left open, with as few LPs as possible.

        Both verdicts carry over to other models on the same patterns: a failure to every model
        with more terms (its margins include the failed ones), a positive table to every model
        whose margins it matches. Smallest models go first, since failures are the common case.
        """
        result = np.zeros(which.size, dtype=bool)
        decided = np.zeros(which.size, dtype=bool)
        act = active[which]
        order = np.argsort(act.sum(axis=1), kind="stable")
        for pos in order:
            if decided[pos]:
                continue
            m = which[pos]
            x = self.x[kept[m]][:, active[m]]
            table = self._lp.positive_table(x, y[kept[m]])
            same_cells = (kept[which] == kept[m]).all(axis=1) & ~decided
            decided[pos] = True
            if table is None:
                larger = same_cells & ~(act[pos][None, :] & ~act).any(axis=1)
                decided[larger] = True
                continue
            result[pos] = True
            full_table = np.zeros(y.size)
            full_table[kept[m]] = table
            matches = np.isclose(full_table @ self.x, margins, rtol=1e-7, atol=1e-7)
            covered = same_cells & ~(act & ~matches[None, :]).any(axis=1)
            result[covered] = True
            decided[covered] = True
        return result


def _ranks(x: np.ndarray, rows: np.ndarray, columns: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """Rank of ``x`` restricted to the given rows and columns, for each (rows, columns) pair."""
    out = np.empty(rows.shape[0], dtype=np.int64)
    for i in range(0, rows.shape[0], chunk):
        r = rows[i : i + chunk, :, None].astype(np.float64)
        c = columns[i : i + chunk, None, :].astype(np.float64)
        out[i : i + chunk] = np.linalg.matrix_rank(x[None, :, :] * r * c)
    return out
