"""From schema records to the comparison columns the model uses.

Each function of ``normalise`` runs once per distinct value, so a million records with many
repeated names, dates and places normalise in seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from . import normalise as nm
from .dates import parse_date
from .phones import normalise_phone
from .schema import LinkageInputError

# Comparison columns produced here; a column is left out when its source field is absent.
NAME_COLUMNS = ("name_key", "name_skel", "name_first")
DATE_COLUMNS = ("dob", "dob_year", "dob_month", "dob_day", "dob_md")


def _map_unique(values: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """``func`` applied once per distinct non-missing value; missing stays ``None``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        results[i] = func(u)
    results[-1] = None
    return pd.Series(results[codes], index=values.index, dtype=object)


def _name_tokens(frame: pd.DataFrame) -> list[list[str]]:
    n = len(frame)
    parts: list[pd.Series] = []
    if "given_name" in frame:
        parts.append(_map_unique(frame["given_name"], nm.name_tokens))
    if "family_name" in frame:
        parts.append(_map_unique(frame["family_name"], lambda v: [c] if (c := nm.family_compact(v)) else []))
    if "full_name" in frame:
        parts.append(_map_unique(frame["full_name"], lambda v: nm.name_tokens(nm.split_han_full_name(v))))
    tokens: list[list[str]] = [[] for _ in range(n)]
    for part in parts:
        for i, value in enumerate(part.to_numpy()):
            if isinstance(value, list) and value:
                tokens[i].extend(value)
    return tokens


def _dates(values: pd.Series, *, lenient: bool, what: str) -> pd.DataFrame:
    problems: list[str] = []
    bad_values: list[object] = []

    def parse(value: object):
        try:
            return parse_date(value)
        except ValueError as exc:
            problems.append(str(exc))
            bad_values.append(value)
            return None

    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = pd.Series([None if pd.isna(v) else (v.year, v.month, v.day) for v in values], index=values.index)
    else:
        parsed = _map_unique(values.astype(object).where(values.notna(), None), parse)
    if problems and not lenient:
        count = int(values.isin(bad_values).sum())
        raise LinkageInputError(
            f"{what}: {count} records have a date of birth that cannot be read, "
            f"e.g. {'; '.join(problems[:3])}. "
            "Write dates as DD-MM-YYYY or YYYY-MM-DD (00 for an unknown day or month), "
            "or pass --lenient-dates to treat them as missing"
        )
    # 1 January is how registrations write an unknown day and month: read it as the year only
    parsed = parsed.map(lambda p: (p[0], None, None) if isinstance(p, tuple) and p[1] == 1 and p[2] == 1 else p)
    year = np.full(len(values), np.nan)
    month = np.full(len(values), np.nan)
    day = np.full(len(values), np.nan)
    for i, parts in enumerate(parsed.to_numpy()):
        if isinstance(parts, tuple):
            y, m, d = parts
            year[i] = y
            month[i] = np.nan if m is None else m
            day[i] = np.nan if d is None else d
    out = pd.DataFrame(
        {"dob_year": pd.array(year, dtype="Int32"), "dob_month": pd.array(month, dtype="Int32"),
         "dob_day": pd.array(day, dtype="Int32")},
        index=values.index,
    )
    full = ~(np.isnan(year) | np.isnan(month) | np.isnan(day))
    dob = np.full(len(values), None, dtype=object)
    md = np.full(len(values), None, dtype=object)
    if full.any():
        y, m, d = year[full].astype(int), month[full].astype(int), day[full].astype(int)
        dob[full] = [f"{a:04d}-{b:02d}-{c:02d}" for a, b, c in zip(y, m, d)]
        lo, hi = np.minimum(m, d), np.maximum(m, d)
        md[full] = [f"{a:04d}-{b:02d}-{c:02d}" for a, b, c in zip(y, lo, hi)]
    out["dob"] = dob
    out["dob_md"] = md  # year + {day, month} as a set: equal under a day/month swap
    return out


def prepare_records(frame: pd.DataFrame, *, lenient_dates: bool = False, what: str = "the input") -> pd.DataFrame:
    """Comparison columns for records already in the standard schema (see ``schema.to_schema``)."""
    out = pd.DataFrame({"unique_id": frame["record_id"].astype(str).to_numpy()})
    if {"given_name", "family_name", "full_name"} & set(frame.columns):
        tokens = _name_tokens(frame)
        keys = [" ".join(sorted(t)) if t else None for t in tokens]
        out["name_key"] = keys
        skel_of = {}
        skels, firsts = [], []
        for t in tokens:
            if not t:
                skels.append(None)
                firsts.append(None)
                continue
            s = sorted(skel_of[x] if x in skel_of else skel_of.setdefault(x, nm.skeleton(x)) for x in t)
            skels.append(" ".join(s))
            firsts.append(max(s, key=len))  # the longest skeleton: the most telling name part
        out["name_skel"] = skels
        out["name_first"] = firsts
    if "date_of_birth" in frame:
        dates = _dates(frame["date_of_birth"], lenient=lenient_dates, what=what)
        for col in DATE_COLUMNS:
            out[col] = dates[col].array
    simple = {
        "sex": nm.normalise_sex,
        "nationality": _nationality,
        "phone": normalise_phone,
        "email": nm.normalise_email,
        "document_number": nm.normalise_document,
        "postcode": nm.normalise_postcode,
        "place": nm.normalise_place,
        "address": nm.normalise_text,
    }
    for field, func in simple.items():
        if field in frame:
            out[field] = _map_unique(frame[field], func).to_numpy()
    return out.replace({"": None})


def _nationality(value: str) -> str | None:
    from .countries import country_code

    return country_code(value)
