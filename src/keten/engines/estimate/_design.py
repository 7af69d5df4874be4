"""Log-linear model terms and design matrices.

A term is a set of lists, written as a bitmask: ``0`` is the intercept, ``1 << j`` the main
effect of list ``j``, ``(1 << i) | (1 << j)`` the two-list interaction ``i:j``, and so on. A
model is the tuple of its interaction terms (order two and up); the intercept and every main
effect are always in. The design column of term ``t`` is 1 on every capture pattern that
contains all the lists of ``t``.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Sequence

import numpy as np

Model = tuple[int, ...]


def popcount(mask: int) -> int:
    return bin(mask).count("1")


def pair_terms(k: int) -> list[int]:
    """All two-list terms, in the order SparseMSE enumerates them (1:2, 1:3, …, 2:3, …)."""
    return [(1 << i) | (1 << j) for i, j in combinations(range(k), 2)]


def base_terms(k: int) -> list[int]:
    return [0] + [1 << j for j in range(k)]


def model_terms(k: int, model: Model) -> list[int]:
    return base_terms(k) + sorted(model, key=lambda t: (popcount(t), t))


def term_name(term: int, lists: Sequence[str]) -> str:
    return ":".join(lists[j] for j in range(len(lists)) if term >> j & 1)


def parse_term(text: str, lists: Sequence[str]) -> int:
    names = [part.strip() for part in text.split(":")]
    unknown = [n for n in names if n not in lists]
    if unknown:
        raise ValueError(f"unknown list {unknown[0]!r} in term {text!r}; lists are {', '.join(lists)}")
    if len(set(names)) != len(names) or len(names) < 2:
        raise ValueError(f"term {text!r} must name two or more different lists, like A:B")
    return sum(1 << lists.index(n) for n in names)


def hierarchical_closure(model: Sequence[int]) -> Model:
    """Add every lower-order interaction implied by the given terms (A:B:C brings A:B, A:C, B:C)."""
    closed: set[int] = set()
    for term in model:
        bits = [1 << j for j in range(term.bit_length()) if term >> j & 1]
        for size in range(2, len(bits) + 1):
            closed.update(sum(c) for c in combinations(bits, size))
    return tuple(sorted(closed, key=lambda t: (popcount(t), t)))


@lru_cache(maxsize=64)
def _cells(k: int) -> np.ndarray:
    return np.arange(1, 2**k, dtype=np.int64)


def design(k: int, terms: Sequence[int]) -> np.ndarray:
    """Design matrix: one row per non-empty capture pattern, one column per term."""
    cells = _cells(k)
    t = np.asarray(list(terms), dtype=np.int64)
    return ((cells[:, None] & t[None, :]) == t[None, :]).astype(np.float64)


def containment(k: int, terms: Sequence[int]) -> np.ndarray:
    """Boolean (cells × terms): does the pattern contain every list of the term."""
    return design(k, terms).astype(bool)


def margins(counts: np.ndarray, k: int, terms: Sequence[int]) -> np.ndarray:
    """Total count of people on all lists of each term (the sufficient statistics)."""
    return counts @ design(k, terms)


def sparse_terms(counts: np.ndarray, k: int, model: Model) -> Model:
    """Interaction terms of the model whose lists share nobody in these counts."""
    if not model:
        return ()
    m = margins(counts, k, model)
    return tuple(t for t, v in zip(model, m) if v == 0)


def kept_cells(k: int, sparse: Sequence[int]) -> np.ndarray:
    """Patterns still modelled when the sparse terms are fixed at minus infinity.

    A term with an empty overlap has its maximum likelihood value at minus infinity (Chan,
    Silverman & Vincent 2021); every pattern containing it then has expected count zero and is
    taken out of the fit, as SparseMSE does.
    """
    keep = np.ones(2**k - 1, dtype=bool)
    if sparse:
        keep &= ~containment(k, sparse).any(axis=1)
    return keep
