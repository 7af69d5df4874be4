"""Capture-history tables: reading, validating and aggregating the input.

Every check that can refuse the input lives here, so that bad input is refused with its reason
before any model is fitted. A table is stored densely: one count for every possible capture
pattern except the all-zero one, indexed by the pattern's bitmask minus one (bit ``j`` set means
"on list ``j``"). Dense storage keeps the fitting code free of bookkeeping about missing rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

MIN_LISTS = 2
MAX_LISTS = 15
COUNT_COLUMN = "count"


class InputError(ValueError):
    """The input cannot be estimated from; the message says why in plain words."""


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people seen on each combination of lists.

    ``counts[m - 1]`` is the number of people whose capture pattern has bitmask ``m``
    (bit ``j`` set = seen on ``lists[j]``); the hidden, all-zero pattern is not stored.
    """

    lists: tuple[str, ...]
    counts: np.ndarray = field(repr=False)
    stratum: tuple[tuple[str, object], ...] = ()
    # Patterns (bitmasks) in the order the input gave them. Resampling draws over the rows in
    # this order, as R does, so that a seed reproduces R's replicates.
    row_order: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.int64)
        if counts.shape != (2 ** len(self.lists) - 1,):
            raise ValueError("counts must hold one entry per non-empty capture pattern")
        object.__setattr__(self, "counts", counts)
        if not self.row_order:
            object.__setattr__(self, "row_order", tuple(int(m) + 1 for m in np.flatnonzero(counts)))

    @property
    def k(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        return int(self.counts.sum())

    @property
    def patterns(self) -> np.ndarray:
        """0/1 matrix, one row per pattern (same order as ``counts``), one column per list."""
        return pattern_matrix(self.k)

    def list_totals(self) -> np.ndarray:
        return self.counts @ self.patterns

    def overlap(self, i: int, j: int) -> int:
        p = self.patterns
        return int(self.counts[(p[:, i] == 1) & (p[:, j] == 1)].sum())

    def nonoverlapping_pairs(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(self.k) for j in range(i + 1, self.k) if self.overlap(i, j) == 0]

    def to_frame(self, include_zero: bool = False) -> pd.DataFrame:
        frame = pd.DataFrame(self.patterns, columns=list(self.lists))
        frame[COUNT_COLUMN] = self.counts
        if not include_zero:
            frame = frame[frame[COUNT_COLUMN] > 0]
        return frame.reset_index(drop=True)

    def with_counts(self, counts: np.ndarray) -> "CaptureTable":
        return CaptureTable(self.lists, counts, self.stratum)

    def rows(self) -> np.ndarray:
        """Indices into ``counts`` of the input rows, in input order."""
        return np.asarray(self.row_order, dtype=np.int64) - 1

    def drop_lists(self, keep: Sequence[int]) -> "CaptureTable":
        """The same people seen through fewer lists (patterns merge; the all-zero one is dropped)."""
        keep = list(keep)
        bits = self.patterns[:, keep] @ (1 << np.arange(len(keep)))
        counts = np.bincount(bits, weights=self.counts, minlength=2 ** len(keep)).astype(np.int64)
        return CaptureTable(tuple(self.lists[i] for i in keep), counts[1:], self.stratum)


def pattern_matrix(k: int) -> np.ndarray:
    masks = np.arange(1, 2**k)
    return ((masks[:, None] >> np.arange(k)[None, :]) & 1).astype(np.int64)


def table_from_frame(frame: pd.DataFrame, strata: Sequence[str] = ()) -> list[CaptureTable]:
    """Read a capture-history table (one 0/1 column per list and a ``count`` column).

    Returns one table per stratum (a single table when ``strata`` is empty). Raises
    :class:`InputError` naming the first problem found.
    """
    strata = list(strata)
    _require_columns(frame, strata)
    if COUNT_COLUMN not in frame.columns:
        raise InputError(f"the table has no '{COUNT_COLUMN}' column")
    lists = [c for c in frame.columns if c != COUNT_COLUMN and c not in strata]
    _check_list_count(lists)
    _check_binary(frame, lists)
    counts = _check_counts(frame[COUNT_COLUMN])
    frame = frame.assign(**{COUNT_COLUMN: counts})
    zero_rows = frame.index[(frame[lists] == 0).all(axis=1)]
    if len(zero_rows):
        raise InputError(
            f"row {_row(frame, zero_rows[0])} has 0 on every list; the people seen on no list are "
            "what is being estimated and cannot be in the table"
        )
    tables = []
    for key, part in _groups(frame, strata):
        duplicated = part.duplicated(subset=lists, keep=False)
        if duplicated.any():
            rows = ", ".join(str(_row(frame, i)) for i in part.index[duplicated][:2])
            raise InputError(
                f"the same capture pattern appears more than once (rows {rows}{_in_stratum(key)}); "
                "give each pattern once with its total count"
            )
        bits = part[lists].to_numpy(dtype=np.int64) @ (1 << np.arange(len(lists)))
        dense = np.zeros(2 ** len(lists) - 1, dtype=np.int64)
        np.add.at(dense, bits - 1, part[COUNT_COLUMN].to_numpy(dtype=np.int64))
        tables.append(CaptureTable(tuple(lists), dense, key, tuple(int(b) for b in bits)))
    return tables


def table_from_records(
    frame: pd.DataFrame, strata: Sequence[str] = (), id_column: str | None = None, list_column: str | None = None
) -> list[CaptureTable]:
    """Aggregate individual records into capture-history tables.

    Two shapes are accepted: one row per person with a 0/1 column per list (the default), or,
    when ``id_column`` and ``list_column`` are given, one row per (person, list) membership.
    """
    strata = list(strata)
    if id_column is not None or list_column is not None:
        if id_column is None or list_column is None:
            raise InputError("give both the person column and the list column for membership records")
        _require_columns(frame, [id_column, list_column, *strata])
        if frame[[id_column, list_column]].isna().any().any():
            raise InputError("some membership records have no person or no list")
        if strata:
            varying = frame.groupby(id_column)[strata].nunique(dropna=False).gt(1).any(axis=1)
            if varying.any():
                raise InputError(
                    f"person {varying.index[varying][0]!r} has more than one value of the strata columns"
                )
        wide = pd.crosstab(frame[id_column], frame[list_column].astype(str)).clip(upper=1)
        wide.columns = [str(c) for c in wide.columns]
        lists = sorted(wide.columns)
        wide = wide[lists]
        if strata:
            wide = wide.join(frame.groupby(id_column)[strata].first())
        frame = wide.reset_index(drop=True)
    else:
        _require_columns(frame, strata)
        if COUNT_COLUMN in frame.columns:
            raise InputError(f"records have no '{COUNT_COLUMN}' column; this looks like a table")
    lists = [c for c in frame.columns if c not in strata]
    _check_list_count(lists)
    _check_binary(frame, lists)
    grouped = frame.groupby([*lists, *strata], dropna=False).size().rename(COUNT_COLUMN).reset_index()
    grouped = grouped[(grouped[lists] != 0).any(axis=1)]
    if grouped.empty:
        raise InputError("no record is on any list")
    return table_from_frame(grouped[[*lists, COUNT_COLUMN, *strata]], strata)


def check_estimable(table: CaptureTable) -> None:
    """Refuse a table that cannot carry any estimate (before fitting)."""
    _check_list_count(table.lists)
    if table.observed == 0:
        raise InputError(f"all counts are zero{_in_stratum(table.stratum)}")
    several = table.patterns.sum(axis=1) >= 2
    if table.counts[several].sum() == 0:
        raise InputError(
            f"no one appears on more than one list{_in_stratum(table.stratum)}, so the lists carry no "
            "information about the people they all miss"
        )


def _require_columns(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"column(s) not found: {', '.join(missing)}")


def _check_list_count(lists: Sequence[str]) -> None:
    if len(lists) < MIN_LISTS:
        raise InputError(f"at least {MIN_LISTS} lists are needed, the table has {len(lists)}")
    if len(lists) > MAX_LISTS:
        raise InputError(f"at most {MAX_LISTS} lists are supported, the table has {len(lists)}")
    if len(set(lists)) != len(lists):
        raise InputError("two list columns have the same name")


def _plain(value) -> str:
    """A cell as the person typed it (not numpy's repr)."""
    return str(value.item() if hasattr(value, "item") else value)


def _check_binary(frame: pd.DataFrame, lists: Sequence[str]) -> None:
    for column in lists:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() | ~values.isin([0, 1])
        if bad.any():
            first = bad.idxmax()
            raise InputError(
                f"list column '{column}' must hold only 0 and 1; row {_row(frame, first)} has "
                f"'{_plain(frame.at[first, column])}'"
            )


def _check_counts(column: pd.Series) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce")
    for index, value in values.items():
        raw = column.at[index]
        if pd.isna(value):
            raise InputError(f"count in row {_row(column, index)} is not a number ('{_plain(raw)}')")
        if value < 0:
            raise InputError(f"count in row {_row(column, index)} is negative ('{_plain(raw)}')")
        if value != np.floor(value):
            raise InputError(f"count in row {_row(column, index)} is not a whole number ('{_plain(raw)}')")
    return values.astype(np.int64)


def _groups(frame: pd.DataFrame, strata: list[str]):
    if not strata:
        yield (), frame
        return
    if frame[strata].isna().any().any():
        raise InputError("some rows have no value for a strata column")
    for values, part in frame.groupby(strata, sort=True):
        values = values if isinstance(values, tuple) else (values,)
        yield tuple(zip(strata, (_plain(v) for v in values))), part


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def _row(frame: pd.DataFrame | pd.Series, index: object) -> int:
    """1-based data row number as a reader of the file counts them (header excluded)."""
    return int(frame.index.get_loc(index)) + 1


def _in_stratum(stratum: tuple) -> str:
    if not stratum:
        return ""
    return " in stratum " + ", ".join(f"{k}={v}" for k, v in stratum)
