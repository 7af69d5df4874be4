"""Malformed or uninformative input is refused with its reason, before any fitting."""

from __future__ import annotations

import pandas as pd
import pytest

from keten.engines import estimate as mse


def frame(rows, columns=("A", "B", "C", "count")):
    return pd.DataFrame(rows, columns=list(columns))


GOOD = [[1, 0, 0, 10], [0, 1, 0, 8], [1, 1, 0, 3], [0, 0, 1, 5], [1, 0, 1, 2]]


@pytest.mark.parametrize(
    ("rows", "columns", "reason"),
    [
        ([[1, 0, 2, 4], [0, 1, 0, 3]], ("A", "B", "C", "count"), "must hold only 0 and 1"),
        ([[1, 0, "x", 4], [1, 1, 0, 3]], ("A", "B", "C", "count"), "must hold only 0 and 1"),
        ([[1, 0, 0, -4], [1, 1, 0, 3]], ("A", "B", "C", "count"), "negative"),
        ([[1, 0, 0, 2.5], [1, 1, 0, 3]], ("A", "B", "C", "count"), "not a whole number"),
        ([[1, 0, 0, None], [1, 1, 0, 3]], ("A", "B", "C", "count"), "not a number"),
        ([[1, 0, 0, 4], [1, 0, 0, 3], [1, 1, 0, 1]], ("A", "B", "C", "count"), "more than once"),
        ([[1, 4], [1, 3]], ("A", "count"), "at least 2 lists"),
        ([[0, 0, 0, 4], [1, 1, 0, 3]], ("A", "B", "C", "count"), "0 on every list"),
    ],
)
def test_malformed_tables_are_refused_with_the_reason(rows, columns, reason):
    with pytest.raises(mse.InputError, match=reason):
        mse.read_table(frame(rows, columns))


def test_too_many_lists_are_refused():
    columns = [f"L{i}" for i in range(16)] + ["count"]
    with pytest.raises(mse.InputError, match="at most 15 lists"):
        mse.read_table(pd.DataFrame([[1] + [0] * 15 + [3]], columns=columns))


def test_lists_that_never_overlap_are_refused_before_fitting():
    [table] = mse.read_table(frame([[1, 0, 0, 10], [0, 1, 0, 8], [0, 0, 1, 5]]))
    with pytest.raises(mse.InputError, match="no one appears on more than one list"):
        mse.estimate(table)


def test_a_table_of_zeros_is_refused():
    [table] = mse.read_table(frame([[1, 0, 0, 0], [1, 1, 0, 0]]))
    with pytest.raises(mse.InputError):
        mse.estimate(table)


def test_unknown_strata_column_is_refused():
    with pytest.raises(mse.InputError, match="not found: year"):
        mse.read_table(frame(GOOD), strata=["year"])


def test_a_stratum_value_missing_is_refused():
    rows = [[2022, 1, 0, 4], [None, 1, 1, 2]]
    with pytest.raises(mse.InputError, match="no value for a strata column"):
        mse.read_table(frame(rows, ("year", "A", "B", "count")), strata=["year"])


def test_options_are_checked():
    [table] = mse.read_table(frame(GOOD))
    with pytest.raises(mse.InputError, match="unknown method"):
        mse.estimate(table, method="magic")
    with pytest.raises(mse.InputError, match="between 0 and 1"):
        mse.estimate(table, pthresh=2)
    with pytest.raises(mse.InputError, match="exactly two lists"):
        mse.estimate(table, method="chapman")


def test_bic_refuses_more_than_six_lists():
    columns = list("ABCDEFG")
    rows = [[1, 1, 0, 0, 0, 0, 0, 5], [1, 0, 0, 0, 0, 0, 0, 9], [0, 1, 0, 0, 0, 0, 0, 7]] + [
        [int(i == j) for i in range(7)] + [3] for j in range(2, 7)
    ]
    [table] = mse.read_table(pd.DataFrame(rows, columns=columns + ["count"]))
    with pytest.raises(mse.InputError, match="at most 6 lists"):
        mse.estimate(table, method="bic", ci="none")


def test_check_refuses_terms_naming_unknown_lists():
    [table] = mse.read_table(frame(GOOD))
    with pytest.raises(mse.InputError, match="unknown list 'Z'"):
        mse.check(table, "A:Z")
    with pytest.raises(mse.InputError, match="two or more different lists"):
        mse.check(table, "A:A")


def test_membership_records_need_both_columns():
    records = pd.DataFrame({"person": [1, 1, 2], "list": ["A", "B", "A"]})
    with pytest.raises(mse.InputError, match="both the person column and the list column"):
        mse.read_table(records, id_column="person")
