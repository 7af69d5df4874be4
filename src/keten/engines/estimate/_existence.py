"""Does a model have a finite, identifiable maximum likelihood estimate on these counts?

Existence is the linear-programming test of Fienberg & Rinaldo (2012) as used by SparseMSE:
the estimate exists when some strictly positive table has the same sufficient statistics as the
observed one, i.e. when ``max s`` subject to ``A x = t, x >= s`` is positive. Identifiability is
full column rank of the design on the modelled patterns. Terms whose lists share nobody are
fixed at minus infinity first and their patterns removed, as SparseMSE does.

Written by hand because no library decides existence for log-linear models; SciPy's HiGHS
solves the linear programme. Two shortcuts keep the bootstrap fast without changing any
verdict: when the design restricted to the positive patterns already has full column rank, the
estimate exists and is identifiable (Haberman 1974: no direction of recession can then exist),
so no linear programme is needed; and verdicts are cached by (model, pattern of zero cells),
because existence depends on the counts only through which of them are zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ._design import Model, design, kept_cells, margins, model_terms, sparse_terms

# The LP optimum is a count-scale quantity; anything below this is numerical zero.
_LP_ZERO = 1e-9


@dataclass(frozen=True)
class Verdict:
    exists: bool
    identifiable: bool
    sparse: Model  # interaction terms fixed at minus infinity (their lists share nobody)

    @property
    def ok(self) -> bool:
        return self.exists and self.identifiable

    @property
    def code(self) -> int:
        """SparseMSE's code: 0 fine, 1 no finite estimate, 2 not identifiable, 3 both."""
        return int(not self.exists) + 2 * int(not self.identifiable)


class ExistenceChecker:
    """Checks models for one number of lists, caching verdicts by zero pattern."""

    def __init__(self, k: int, sparse_main_effects: bool = False) -> None:
        self.k = k
        # SparseMSE never treats an empty list as sparse; the BIC search (MultipleSystemsEstimation)
        # does, fixing its main effect at minus infinity like any other empty margin.
        self.sparse_main_effects = sparse_main_effects
        self._cache: dict[tuple[Model, bytes], Verdict] = {}
        self.linear_programmes = 0

    def check(self, counts: np.ndarray, model: Model) -> Verdict:
        counts = np.asarray(counts)
        key = (model, np.packbits(counts > 0).tobytes())
        verdict = self._cache.get(key)
        if verdict is None:
            verdict = self._decide(counts, model)
            self._cache[key] = verdict
        return verdict

    def _decide(self, counts: np.ndarray, model: Model) -> Verdict:
        k = self.k
        terms = model_terms(k, model)
        if self.sparse_main_effects:
            t_all = margins(counts, k, terms)
            sparse = tuple(t for t, v in zip(terms, t_all) if v == 0 and t != 0)
        else:
            sparse = sparse_terms(counts, k, model)
        keep = kept_cells(k, sparse)
        active = [t for t in terms if t not in sparse]
        x = design(k, active)[keep]
        y = counts[keep]
        p = x.shape[1]
        positive = y > 0
        if positive.sum() >= p and np.linalg.matrix_rank(x[positive]) == p:
            return Verdict(True, True, sparse)
        identifiable = bool(np.linalg.matrix_rank(x) == p)
        return Verdict(self._lp_exists(x, y), identifiable, sparse)

    def _lp_exists(self, x: np.ndarray, y: np.ndarray) -> bool:
        return self.positive_table(x, y) is not None

    def positive_table(self, x: np.ndarray, y: np.ndarray) -> np.ndarray | None:
        """A strictly positive table with the same margins as ``y`` under design ``x``, or None."""
        from scipy.optimize import linprog

        self.linear_programmes += 1
        a = x.T
        t = a @ y
        n = a.shape[1]
        # Write the table as u + s (u >= 0) so the bound "every cell >= s" needs no extra rows:
        # maximise s subject to A u + (A 1) s = t.
        a_eq = np.hstack([a, a.sum(axis=1, keepdims=True)])
        cost = np.zeros(n + 1)
        cost[-1] = -1.0
        result = linprog(cost, A_eq=a_eq, b_eq=t, bounds=(0, None), method="highs")
        if result.status != 0:
            return None
        s = -result.fun
        if s <= _LP_ZERO * max(1.0, float(y.sum()) / n):
            return None
        return result.x[:n] + s


def count_triples(counts: np.ndarray, k: int) -> int:
    """Triples of lists in which every pair overlaps; none means the all-pairs model is not identifiable."""
    from ._design import pair_terms

    pairs = pair_terms(k)
    shared = margins(counts, k, pairs) > 0
    adjacency = np.zeros((k, k), dtype=int)
    for term, s in zip(pairs, shared):
        i, j = [b for b in range(k) if term >> b & 1]
        adjacency[i, j] = adjacency[j, i] = int(s)
    return int(np.trace(adjacency @ adjacency @ adjacency) // 6)


def models_without_finite_estimate(counts: np.ndarray, k: int, limit: int = 2**16) -> list[Model]:
    """Every two-list model whose extended maximum likelihood estimate does not exist.

    Follows the search of SparseMSE's ``checkallmodels``: for each choice of non-overlapping
    pairs, the model with all overlapping pairs is tested; if its estimate exists, so does that
    of every model obtained by leaving overlapping pairs out, and only failures are searched
    further (leaving out pairs one at a time, never revisiting a superset of a success).
    """
    from ._design import pair_terms

    pairs = pair_terms(k)
    shared = margins(counts, k, pairs)
    empty = [t for t, v in zip(pairs, shared) if v == 0]
    full = [t for t, v in zip(pairs, shared) if v > 0]
    if 2 ** len(empty) > limit:
        raise ValueError(f"too many models to check ({2 ** len(empty)} choices of non-overlapping pairs)")
    checker = ExistenceChecker(k)
    failures: list[Model] = []
    for bits in range(2 ** len(empty)):
        chosen = tuple(t for i, t in enumerate(empty) if bits >> i & 1)

        def fails(left_out: Sequence[int]) -> bool:
            model = tuple(sorted(chosen + tuple(t for t in full if t not in left_out)))
            return not checker.check(counts, model).exists

        if not fails(()):
            continue
        failures.append(tuple(sorted(chosen + tuple(full))))
        # Breadth-first over sets of left-out pairs; a set that succeeds is not extended.
        frontier = [(i,) for i in range(len(full))]
        while frontier:
            nxt = []
            for left in frontier:
                left_out = [full[i] for i in left]
                if fails(left_out):
                    failures.append(tuple(sorted(chosen + tuple(t for t in full if t not in left_out))))
                    nxt.extend(left + (j,) for j in range(left[-1] + 1, len(full)))
            frontier = nxt
    return failures
