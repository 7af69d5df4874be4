"""Sums over the same cells, protected together: no small count can be told from what is shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.engines.disclosure import THRESHOLD
from keten.engines.disclosure.linked import protect_sums

counts = st.lists(st.one_of(st.just(0), st.integers(min_value=1, max_value=30)), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(counts)
def test_one_table_with_its_total_keeps_the_rule_of_a_single_table(cells):
    sums = [list(range(len(cells)))] + [[i] for i in range(len(cells))]
    shown = protect_sums(cells, sums, keep=[0])
    total = sum(cells)
    assert shown[0] == (total == 0 or total >= THRESHOLD)  # the total is held back only for being small
    held = [i for i in range(len(cells)) if not shown[i + 1]]
    assert all(i in held for i, n in enumerate(cells) if 0 < n < THRESHOLD)
    if shown[0] and any(0 < cells[i] < THRESHOLD for i in held):
        # beside the total, what is held back together could be 10 or more: no small one is told
        assert sum(cells[i] for i in held) >= THRESHOLD


def test_a_row_minus_its_part_is_watched_too():
    """Women 19 of whom 12 minors: the 7 adult women follow from two numbers that are not small."""
    # cells: women minor, women adult, men minor, men adult
    cells = [12, 7, 15, 20]
    sums = [[0, 1, 2, 3], [0, 1], [2, 3], [0, 2], [0], [2]]  # total, women, men, minors, minor women, minor men
    assert protect_sums(cells, sums, keep=[0]) == (True,) * 6  # nothing small is shown or watched
    shown = protect_sums(cells, sums, watch=[[1], [3], [1, 3]], keep=[0])
    assert shown[0] and not all(shown[1:])
    women, minor_women = shown[1], shown[4]
    assert not (women and minor_women)  # one of the two is held back, so 19 - 12 cannot be done


def test_counts_of_persons_are_never_negative():
    with pytest.raises(ValueError):
        protect_sums([3, -1], [[0, 1]])
