"""Properties that must hold on any table, checked on many generated ones."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from keten.engines import estimate as mse
from keten.engines.estimate._r_random import RRandom

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_table(k: int, counts: list[int], names: str = "ABCDEFGH"):
    patterns = list(itertools.product([0, 1], repeat=k))[1:]
    frame = pd.DataFrame(patterns, columns=list(names[:k]))
    frame["count"] = counts
    return mse.read_table(frame)[0]


def tables(k: int, low: int = 0, high: int = 60):
    return st.lists(st.integers(low, high), min_size=2**k - 1, max_size=2**k - 1).map(lambda c: make_table(k, c))


def estimable(table) -> bool:
    several = table.patterns.sum(axis=1) >= 2
    return table.counts[several].sum() > 0 and (table.list_totals() > 0).all()


@FAST
@given(tables(3, 1, 80), st.permutations(range(3)))
def test_permuting_lists_leaves_the_estimate_unchanged(table, order):
    # Distinct overlaps and list sizes keep p-value ties (where the first list wins) out of the way.
    overlaps = [table.overlap(i, j) for i, j in itertools.combinations(range(3), 2)]
    assume(len(set(overlaps)) == 3 and len(set(table.list_totals().tolist())) == 3)
    frame = table.to_frame(include_zero=True)
    permuted = mse.read_table(frame[[table.lists[i] for i in order] + ["count"]])[0]
    a, b = mse.estimate(table, ci="none"), mse.estimate(permuted, ci="none")
    assert {frozenset(t.split(":")) for t in a.model} == {frozenset(t.split(":")) for t in b.model}
    if a.total is None:
        assert b.total is None
    else:
        assert b.total == pytest.approx(a.total, rel=1e-7)


@FAST
@given(tables(3, 1, 50), st.integers(2, 5))
def test_scaling_all_counts_scales_a_fixed_model(table, factor):
    """Under a fixed log-linear model the fitted counts, and so the hidden number, scale with the data."""
    base = mse.estimate(table, pthresh=0, ci="none")
    scaled = mse.estimate(table.with_counts(table.counts * factor), pthresh=0, ci="none")
    assert scaled.model == base.model == []
    assert scaled.hidden == pytest.approx(base.hidden * factor, rel=1e-6)


@FAST
@given(tables(3, 0, 30), st.integers(2, 4), st.sampled_from([[], ["A:B"], ["A:B", "B:C"], ["A:B", "A:C", "B:C"]]))
def test_existence_depends_only_on_which_cells_are_empty(table, factor, model):
    assume(table.observed > 0)
    a = mse.check(table, model)
    b = mse.check(table.with_counts(table.counts * factor), model)
    assert (a.exists, a.identifiable) == (b.exists, b.identifiable)


@FAST
@given(st.integers(1, 300), st.integers(1, 300), st.integers(1, 120))
def test_chapman_matches_the_closed_form(only_a, only_b, both):
    table = make_table(2, [only_a, only_b, both])
    result = mse.estimate(table, method="chapman")
    n1, n2 = only_a + both, only_b + both
    closed = (n1 + 1) * (n2 + 1) / (both + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - both) * (n2 - both) / ((both + 1) ** 2 * (both + 2))
    assert result.total == pytest.approx(closed)
    assert result.ci.high == pytest.approx(closed + 1.959963984540054 * variance**0.5)
    assert result.ci.low == pytest.approx(max(table.observed, closed - 1.959963984540054 * variance**0.5))


@FAST
@given(st.integers(1, 300), st.integers(1, 300), st.integers(1, 120))
def test_two_lists_independence_is_lincoln_petersen(only_a, only_b, both):
    """With two lists the log-linear model is the independence model: hidden = n10 * n01 / n11."""
    result = mse.estimate(make_table(2, [only_a, only_b, both]), ci="none")
    assert result.model == []
    assert result.hidden == pytest.approx(only_a * only_b / both, rel=1e-7)


def brute_force_exists(table, model: list[str]) -> tuple[bool, bool]:
    """Existence by enumerating the vertices of {x >= 0 : A x = A y}; identifiability by rank.

    The estimate exists exactly when some strictly positive table shares the observed margins,
    i.e. when the supports of the polytope's vertices cover every modelled cell. Independent of
    the linear programme the engine uses.
    """
    k = table.k
    terms = [0] + [1 << j for j in range(k)]
    pairs = [sum(1 << table.lists.index(n) for n in t.split(":")) for t in model]
    cells = np.arange(1, 2**k)
    counts = table.counts
    margins = {t: counts[(cells & t) == t].sum() for t in pairs}
    empty = [t for t in pairs if margins[t] == 0]
    keep = np.array([not any((c & t) == t for t in empty) for c in cells])
    active = terms + [t for t in pairs if t not in empty]
    a = np.array([[1.0 if (c & t) == t else 0.0 for c in cells[keep]] for t in active])
    target = a @ counts[keep]
    rank = np.linalg.matrix_rank(a)
    covered = np.zeros(keep.sum(), dtype=bool)
    for basis in itertools.combinations(range(a.shape[1]), rank):
        sub = a[:, basis]
        if np.linalg.matrix_rank(sub) < rank:
            continue
        x, *_ = np.linalg.lstsq(sub, target, rcond=None)
        if np.allclose(sub @ x, target, atol=1e-8) and (x >= -1e-9).all():
            covered[list(np.array(basis)[x > 1e-9])] = True
    return bool(covered.all()), bool(rank == len(active))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from([0, 0, 1, 2, 5]), min_size=7, max_size=7),
    st.sampled_from([[], ["A:B"], ["A:C"], ["A:B", "A:C"], ["A:B", "B:C"], ["A:B", "A:C", "B:C"]]),
)
def test_existence_check_agrees_with_vertex_enumeration(counts, model):
    table = make_table(3, counts)
    assume(table.observed > 0)
    verdict = mse.check(table, model)
    assert (verdict.exists, verdict.identifiable) == brute_force_exists(table, model)


def test_r_stream_reproduces_known_r_output():
    """``set.seed(1234); runif(5)`` and ``set.seed(42); runif(3)`` in R."""
    rng = RRandom(1234)
    assert [round(rng.unif_rand(), 7) for _ in range(5)] == [0.1137034, 0.6222994, 0.6092747, 0.6233794, 0.8609154]
    rng = RRandom(42)
    assert [round(rng.unif_rand(), 7) for _ in range(3)] == [0.914806, 0.9370754, 0.2861395]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 3000), st.floats(0.001, 0.999))
def test_r_binomial_draws_stay_in_range(seed, n, p):
    draw = RRandom(seed).rbinom(n, p)
    assert 0 <= draw <= n


def test_r_binomial_has_the_right_mean_and_variance():
    rng = RRandom(99)
    for n, p in ((40, 0.1), (500, 0.3), (2744, 0.02), (1000, 0.8)):
        draws = np.array([rng.rbinom(n, p) for _ in range(4000)])
        assert draws.mean() == pytest.approx(n * p, rel=0.03)
        assert draws.var() == pytest.approx(n * p * (1 - p), rel=0.12)


def test_resampling_keeps_the_number_of_people():
    table = make_table(3, [40, 30, 20, 6, 0, 0, 0])
    result = mse.estimate(table, replicates=50, seed=5)
    assert result.details["bootstrap"]["replicates"] == 50
    assert result.ci.low <= result.total <= result.ci.high
