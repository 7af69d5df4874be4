"""Statistical disclosure control for counts of persons that leave the system's inner circle.

A count of persons below the threshold (10, as in CTDC's practice: no figure describes fewer than
ten people) is not shown. Where the total of a table is shown too, one small cell could be worked
out as the total minus the others, so more cells are held back until that cannot be done: at least
two cells, together at least the threshold. Zero is shown: that nobody is counted discloses no one.

Plain Python, no Django: ``protect_counts`` for a table of counts (one dimension, with or without
its total), ``shown`` for a single count. See docs/adr/0047-disclosure-control.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 10


def is_small(count: int, threshold: int = THRESHOLD) -> bool:
    return 0 < count < threshold


def shown(count: int, threshold: int = THRESHOLD) -> int | None:
    """A single count as it may be published: None when it describes fewer than ``threshold`` persons."""
    return None if is_small(count, threshold) else count


@dataclass(frozen=True)
class Protected:
    """A table of counts as it may be published."""

    values: tuple[int | None, ...]  # None where held back
    total: int | None  # None when it is not shown, or is itself small
    primary: frozenset[int]  # positions held back for being small
    secondary: frozenset[int]  # positions held back so the total does not give the small ones away

    @property
    def held_back(self) -> frozenset[int]:
        return self.primary | self.secondary


def protect_counts(counts: Sequence[int], *, total_shown: bool = True, threshold: int = THRESHOLD) -> Protected:
    """The counts of one table (cells that together make its total), with small cells held back.

    With ``total_shown`` the cells held back are, together, never fewer than two and never fewer than
    ``threshold`` persons: the smallest further cells are held back until they are (the least
    information lost, as secondary suppression usually chooses).
    """
    if any(c != int(c) or c < 0 for c in counts):
        raise ValueError("counts of persons are whole numbers, never negative")
    counts = [int(c) for c in counts]
    primary = {i for i, c in enumerate(counts) if is_small(c, threshold)}
    secondary: set[int] = set()
    total = sum(counts)
    # a small total is not shown, so nothing can be subtracted from it
    if total_shown and primary and not is_small(total, threshold):
        # the smallest shown cells first; the total being 10 or more, enough of them are not zero
        candidates = sorted((i for i, c in enumerate(counts) if c and i not in primary), key=lambda i: (counts[i], i))
        while len(primary | secondary) < 2 or sum(counts[i] for i in primary | secondary) < threshold:
            secondary.add(candidates.pop(0))
    held = primary | secondary
    return Protected(
        values=tuple(None if i in held else c for i, c in enumerate(counts)),
        total=shown(total, threshold) if total_shown else None,
        primary=frozenset(primary),
        secondary=frozenset(secondary),
    )
