"""Blocking keys, computed once per record (in SQL) so every blocking rule is a plain equi-join.

A name shared by very many records (Wang Wei, Mohamed, Jansen) makes a block too large to compare
in full; the ``block_rare_*`` keys are therefore left empty for names above ``max_block`` records,
and such names are only compared when something else agrees too (year, date, phone, document).
"""

from __future__ import annotations

from collections.abc import Collection


def _join(*parts: str) -> str:
    return " || '|' || ".join(f"CAST({p} AS VARCHAR)" for p in parts)


def blocking_key_columns(columns: Collection[str], *, max_block: int = 15) -> dict[str, str]:
    """Key name -> SQL expression over the comparison columns (NULL when a part is missing)."""
    cols = set(columns)
    keys: dict[str, str] = {}
    if {"name_key", "dob_year"} <= cols:
        keys["block_name_year"] = _join("name_key", "dob_year")
        # one name part with a typo: the other part, the year and the typo'd part's first letter agree
        several = "strpos(name_key, ' ') > 0"
        # (the part before the last, not the first, so a dropped middle name keeps the key too)
        first, last = "split_part(name_key, chr(32), 1)", "string_split(name_key, chr(32))[-1]"
        before_last = "string_split(name_key, chr(32))[-2]"
        keys["block_first_year"] = f"CASE WHEN {several} THEN {_join(first, 'dob_year', f'left({last}, 1)')} END"
        keys["block_last_year"] = f"CASE WHEN {several} THEN {_join(last, 'dob_year', f'left({before_last}, 1)')} END"
    if {"name_letters", "dob_year"} <= cols:  # the same letters: parts split, joined or swapped
        keys["block_letters_year"] = _join("name_letters", "dob_year")
    if {"name_skel", "dob_year"} <= cols:  # any romanisation, same year (also year-only dates)
        keys["block_skel_year"] = _join("name_skel", "dob_year")
    if {"name_skel", "dob_md"} <= cols:  # any romanisation, same day and month, year mistyped
        keys["block_skel_daymonth"] = _join("name_skel", "right(dob_md, 5)")
    if {"name_skel", "postcode"} <= cols:  # any romanisation, same postcode (no date needed)
        keys["block_skel_postcode"] = _join("name_skel", "postcode")
    if {"name_skel", "dob_md"} <= cols:  # any spelling, same date: one skeleton letter must agree
        keys["block_dob_initial"] = _join("dob_md", "left(name_skel, 1)")
    if {"dob_md", "nationality", "sex"} <= cols:
        keys["block_dob_nationality"] = _join("dob_md", "nationality", "sex")
    if "name_key" in cols:
        keys["block_rare_name"] = f"CASE WHEN count(*) OVER (PARTITION BY name_key) <= {max_block} THEN name_key END"
    if "dob_md" in cols:  # the same date of birth (day and month in either order), if few share it
        keys["block_rare_dob"] = f"CASE WHEN count(*) OVER (PARTITION BY dob_md) <= {max_block} THEN dob_md END"
    if "address" in cols:  # the same street address, unless many share it (a shelter)
        keys["block_rare_address"] = f"CASE WHEN count(*) OVER (PARTITION BY address) <= {max_block} THEN address END"
    if "name_skel" in cols:
        keys["block_rare_skel"] = f"CASE WHEN count(*) OVER (PARTITION BY name_skel) <= {max_block} THEN name_skel END"
    return keys


def create_table_with_keys(connection, frame, name: str, *, max_block: int = 15) -> set[str]:
    """Load ``frame`` into DuckDB as table ``name`` with its blocking keys; return its columns."""
    raw = f"{name}_raw"
    connection.register(raw, frame)
    keys = blocking_key_columns(frame.columns, max_block=max_block)
    extra = "".join(f", {sql} AS {key}" for key, sql in keys.items())
    connection.execute(f"CREATE TABLE {name} AS SELECT *{extra} FROM {raw}")
    connection.unregister(raw)
    return set(frame.columns) | set(keys)
