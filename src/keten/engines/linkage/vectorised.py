"""Column-at-once versions of the simple normalisers (pyarrow compute) for ASCII values.

They give the same result as the per-value functions in ``normalise`` and ``phones`` (a test
checks this); values with other characters go through those functions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)


def _finish(fast: pa.Array, arr: pa.Array, values: pd.Series, func: Callable[[str], str | None]) -> np.ndarray:
    fast = pc.if_else(pc.equal(fast, ""), pa.scalar(None, pa.string()), fast)
    out = fast.to_numpy(zero_copy_only=False).astype(object)
    other = ~np.asarray(pc.fill_null(pc.string_is_ascii(arr), True))
    if other.any():
        raw = values.to_numpy(dtype=object)
        for i in np.flatnonzero(other):
            out[i] = func(raw[i])
    out[pd.isna(out)] = None
    return out


def fold_column(values: pd.Series, func: Callable[[str], str | None]) -> np.ndarray:
    """Lower-case words separated by one space (``normalise.fold``)."""
    arr = _arrow(values)
    fast = pc.utf8_lower(arr)
    fast = pc.replace_substring(fast, "'", "")
    fast = pc.replace_substring_regex(fast, r"[^0-9a-z]+", " ")
    fast = pc.utf8_trim_whitespace(fast)
    return _finish(fast, arr, values, func)


def alnum_upper_column(values: pd.Series, func: Callable[[str], str | None]) -> np.ndarray:
    """Upper-case letters and digits only (postcodes, document numbers)."""
    arr = _arrow(values)
    fast = pc.replace_substring_regex(pc.utf8_upper(arr), r"[^0-9A-Z]+", "")
    return _finish(fast, arr, values, func)


def email_column(values: pd.Series, func: Callable[[str], str | None]) -> np.ndarray:
    arr = _arrow(values)
    fast = pc.replace_substring(pc.utf8_lower(arr), " ", "")
    fast = pc.replace_substring_regex(fast, r"^mailto:", "")
    fast = pc.replace_substring_regex(fast, r"[\t\n\r\f\v]", "")
    return _finish(fast, arr, values, func)


def phone_column(values: pd.Series, func: Callable[[str], str | None]) -> np.ndarray:
    """E.164 for the common shapes; everything else through ``func`` (phonenumbers)."""
    arr = _arrow(values)
    text = pc.utf8_trim_whitespace(arr)
    digits = pc.replace_substring_regex(text, r"[^0-9]+", "")
    n = pc.utf8_length(digits)
    plus = pc.starts_with(text, "+")
    has_paren = pc.match_substring(text, "(")
    short = pc.less(n, 8)
    intl = pc.and_(pc.starts_with(digits, "00"), pc.greater_equal(n, 10))
    national = pc.and_(pc.starts_with(digits, "0"), pc.equal(n, 10))
    fast = pc.case_when(
        pc.make_struct(short, plus, intl, national),
        digits,
        pc.binary_join_element_wise("+", digits, ""),
        pc.binary_join_element_wise("+", pc.utf8_slice_codeunits(digits, 2), ""),
        pc.binary_join_element_wise("+31", pc.utf8_slice_codeunits(digits, 1), ""),
    )
    slow = pc.or_kleene(pc.is_null(fast), has_paren)
    out = _finish(fast, arr, values, func)
    raw = values.to_numpy(dtype=object)
    for i in np.flatnonzero(np.asarray(pc.fill_null(pc.and_(slow, pc.is_valid(arr)), False))):
        out[i] = func(raw[i])
    return out
