"""Small counts of persons are never published, and never recoverable from what is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keten.engines.disclosure import THRESHOLD, protect_counts, shown

COUNTS = st.lists(st.integers(0, 60) | st.integers(0, 12), max_size=12)


@given(COUNTS, st.booleans())
def test_no_published_cell_describes_fewer_than_ten_persons_and_the_rest_are_exact(counts, total_shown):
    table = protect_counts(counts, total_shown=total_shown)
    assert len(table.values) == len(counts)
    for value, count in zip(table.values, counts):
        assert value is None or value == count
        assert value is None or not 0 < value < THRESHOLD
    assert table.total is None or (total_shown and table.total == sum(counts) and not 0 < table.total < THRESHOLD)


@given(COUNTS)
def test_with_the_total_shown_no_small_cell_can_be_worked_out(counts):
    table = protect_counts(counts, total_shown=True)
    if not table.primary:
        assert not table.secondary  # nothing to hide: nothing held back
        return
    if table.total is None:
        return  # the total itself is small and not shown: nothing to subtract from
    assert len(table.held_back) >= 2  # so the total leaves more than one way to fill them
    assert sum(counts[i] for i in table.held_back) >= THRESHOLD  # and none can be told to be small


@given(COUNTS)
def test_the_fewest_and_smallest_cells_are_held_back_for_the_total(counts):
    table = protect_counts(counts, total_shown=True)
    if table.secondary:
        largest = max(table.secondary, key=lambda i: counts[i])
        without = table.held_back - {largest}
        # one cell fewer would leave the small ones recoverable
        assert len(without) < 2 or sum(counts[i] for i in without) < THRESHOLD
        shown_cells = [c for i, c in enumerate(counts) if i not in table.held_back and c > 0]
        assert all(counts[i] <= c for i in table.secondary if counts[i] > 0 for c in shown_cells)


def test_a_known_table():
    table = protect_counts([1107, 63, 7, 5, 44, 3])
    assert table.values == (1107, 63, None, None, 44, None) and table.total == 1229
    assert table.primary == {2, 3, 5} and table.secondary == set()  # 7 + 5 + 3 = 15: enough together
    one_small = protect_counts([1107, 63, 4, 44])
    assert one_small.values == (1107, 63, None, None) and one_small.secondary == {3}  # the smallest other
    assert protect_counts([1107, 0, 6, 2, 50]).values == (1107, 0, None, None, None)  # 6 + 2 < 10: one more
    assert protect_counts([4, 3]).total is None and protect_counts([4, 3]).values == (None, None)
    assert protect_counts([4, 0, 30], total_shown=False).values == (None, 0, 30)


def test_single_counts_and_bad_input():
    assert [shown(n) for n in (0, 1, 9, 10, 11)] == [0, None, None, 10, 11]
    with pytest.raises(ValueError, match="negative"):
        protect_counts([5, -1])


@given(COUNTS)
def test_zeros_are_shown_and_a_small_total_needs_no_cell_beside_a_small_one(counts):
    table = protect_counts(counts, total_shown=True)
    assert all(table.values[i] == 0 for i, c in enumerate(counts) if c == 0)  # nobody: it points at no one
    if 0 < sum(counts) < THRESHOLD:
        assert not table.secondary


@pytest.mark.parametrize("counts", [[2.7, 20], [-1, 20]])
def test_counts_that_are_not_whole_and_positive_are_refused(counts):
    with pytest.raises(ValueError):
        protect_counts(counts)
