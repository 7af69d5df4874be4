"""Counts that are sums over the same persons, shown side by side: a total, its rows, its columns and
the minors among them are all sums of one cross table that is never shown itself. Holding back each
small count on its own is not enough, since the others can give it back (a gender's total minus its
minors is its adults). So what is held back is decided by audit: given every sum that is shown, a
linear program finds the largest value each small count could still have; while one is held below
the threshold, the shown sum whose holding back frees it best, and costs least, is held back too
(ADR 0048). A cross table of a few dozen cells takes milliseconds."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.optimize import linprog

from . import THRESHOLD, is_small

Group = Sequence[int]  # positions in the cross table


def protect_sums(cells: Sequence[int], sums: Sequence[Group], *, watch: Sequence[Group] = (),
                 keep: Group = (), threshold: int = THRESHOLD) -> tuple[bool, ...]:
    """Which of ``sums`` may be shown. Held back: every small sum, and then more until neither a small
    sum held back nor a small group in ``watch`` (counts not shown that follow from those that are)
    could be worked out to be below ``threshold``. Sums in ``keep`` (a total shown elsewhere too) are
    held back only for being small themselves."""
    if any(c < 0 for c in cells):
        raise ValueError("counts of persons cannot be negative")
    audit = _Audit(len(cells), [list(group) for group in sums], threshold)
    values = [int(sum(cells[i] for i in group)) for group in sums]
    shown = [not is_small(v, threshold) for v in values]
    small = [list(group) for group, v in zip(sums, values) if is_small(v, threshold)]
    small += [list(group) for group in watch if is_small(int(sum(cells[i] for i in group)), threshold)]
    while True:
        exposed = next((group for group in small if audit.largest(group, values, shown) < threshold), None)
        if exposed is None:
            return tuple(shown)
        candidates = [j for j, flag in enumerate(shown) if flag and j not in keep]
        if not candidates:
            raise ValueError("no sum left to hold back")

        binding = audit.binding(exposed, values, shown)

        def freed(j: int) -> tuple:
            trial = shown.copy()
            trial[j] = False
            top = audit.largest(exposed, values, trial)
            # one that frees it outright, else the one that frees it most; among equals one that holds it
            # in place (its dual is not zero), then the least lost: a zero is hidden last, it tells little
            return (top < threshold, -min(top, threshold), j not in binding, values[j] == 0, values[j], j)

        shown[min(candidates, key=freed)] = False


class _Audit:
    def __init__(self, size: int, sums: list[list[int]], threshold: int):
        self.size, self.sums, self.threshold = size, sums, threshold

    def largest(self, group: list[int], values: list[int], shown: list[bool]) -> float:
        """The largest value the group's count can have, given the sums that are shown (inf: no bound)."""
        found, _rows = self._solve(group, values, shown)
        return math.inf if found is None or found.status == 3 else -found.fun

    def binding(self, group: list[int], values: list[int], shown: list[bool]) -> set[int]:
        """The shown sums that hold the group's largest value where it is (a dual value that is not zero)."""
        found, rows = self._solve(group, values, shown)
        if found is None or found.status != 0:
            return set()
        return {j for j, dual in zip(rows, found.eqlin.marginals) if abs(dual) > 1e-9}

    def _solve(self, group: list[int], values: list[int], shown: list[bool]):
        rows = [j for j, flag in enumerate(shown) if flag]
        if not rows:
            return None, rows
        a_eq = np.zeros((len(rows), self.size))
        for r, j in enumerate(rows):
            a_eq[r, self.sums[j]] = 1
        objective = np.zeros(self.size)
        objective[group] = -1
        return linprog(objective, A_eq=a_eq, b_eq=[values[j] for j in rows], bounds=(0, None), method="highs"), rows
