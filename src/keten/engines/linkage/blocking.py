"""Blocking keys, computed once per record so every blocking rule is a plain equi-join.

A name shared by very many records (Wang Wei, Mohamed, Jansen) makes a block too large to compare
in full; the ``block_rare_*`` keys are therefore left empty for names above ``max_block`` records,
and such names are only compared when something else agrees too (year, date, phone, document).
"""

from __future__ import annotations

import pandas as pd


def _join(*parts: pd.Series) -> pd.Series:
    out = parts[0].astype("string")
    for part in parts[1:]:
        out = out + "|" + part.astype("string")
    return out.astype(object).where(out.notna(), None)


def _rare(values: pd.Series, max_block: int) -> pd.Series:
    counts = values.map(values.value_counts())
    return values.where(counts <= max_block, None)


def add_blocking_keys(records: pd.DataFrame, *, max_block: int = 40) -> pd.DataFrame:
    out = records.copy()
    cols = set(records.columns)
    if {"name_key", "dob_year"} <= cols:
        out["block_name_year"] = _join(records["name_key"], records["dob_year"])
    if {"name_skel", "dob_md"} <= cols:
        out["block_skel_md"] = _join(records["name_skel"], records["dob_md"])
    if {"name_key", "dob_md"} <= cols:
        initial = records["name_key"].str[:1]
        out["block_dob_initial"] = _join(records["dob_md"], initial)
    if {"name_key", "dob_year"} <= cols:  # a typo in one name part leaves the other part's block
        tokens = records["name_key"].str.split(" ")
        several = tokens.str.len() >= 2
        out["block_first_year"] = _join(tokens.str[0].where(several), records["dob_year"])
        out["block_last_year"] = _join(tokens.str[-1].where(several), records["dob_year"])
    if {"dob_md", "nationality"} <= cols:
        out["block_dob_nationality"] = _join(records["dob_md"], records["nationality"])
    if "name_key" in cols:
        out["block_rare_name"] = _rare(records["name_key"], max_block)
    if "name_skel" in cols:
        out["block_rare_skel"] = _rare(records["name_skel"], max_block)
    return out
