"""From schema records to the comparison columns the model uses.

Each function of ``normalise`` runs once per distinct value, so a million records with many
repeated names, dates and places normalise in seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from . import normalise as nm
from . import vectorised as vec
from .dates import parse_date
from .phones import normalise_phone
from .schema import LinkageInputError

# Comparison columns produced here; a column is left out when its source field is absent.
NAME_COLUMNS = ("name_key", "name_skel", "name_first", "name_letters", "skel_letters")
DATE_COLUMNS = ("dob", "dob_year", "dob_month", "dob_day", "dob_md")


def _map_unique(values: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """``func`` applied once per distinct non-missing value; missing stays ``None``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        results[i] = func(u)
    results[-1] = None
    return pd.Series(results[codes], index=values.index, dtype=object)


def _names(frame: pd.DataFrame) -> pd.DataFrame:
    """name_key, name_skel, name_first, name_letters, skel_letters per record, once per distinct name.

    A family name of several words gives several parts, like a given name (the fields are often
    swapped); ``name_letters`` (the letters of all parts, sorted) makes a name written as one
    word or as several (Benali, Ben Ali; Thi Lan, Thilan) compare equal; ``skel_letters`` does
    the same for the skeletons.
    """
    fields = [f for f in ("given_name", "family_name", "full_name") if f in frame]
    combined = frame[fields[0]].astype(object).where(frame[fields[0]].notna(), "")
    for f in fields[1:]:
        combined = combined + "\x1f" + frame[f].astype(object).where(frame[f].notna(), "")
    codes, uniques = pd.factorize(combined)
    keys, skels, firsts, letters, skel_letters = [], [], [], [], []
    for value in uniques:
        parts = dict(zip(fields, value.split("\x1f")))
        tokens = nm.name_tokens(parts.get("given_name", "") or "")
        tokens.extend(nm.name_tokens(parts.get("family_name", "") or ""))
        if parts.get("full_name"):
            tokens.extend(nm.name_tokens(nm.split_han_full_name(parts["full_name"])))
        if not tokens:
            keys.append(None)
            skels.append(None)
            firsts.append(None)
            letters.append(None)
            skel_letters.append(None)
            continue
        skeletons = sorted(nm.skeleton(t) for t in tokens)
        keys.append(" ".join(sorted(tokens)))
        skels.append(" ".join(skeletons))
        firsts.append(max(skeletons, key=len))  # the longest skeleton: the most telling name part
        letters.append("".join(sorted("".join(tokens))))
        skel_letters.append("".join(sorted("".join(skeletons))))
    out = {}
    for name, values in (("name_key", keys), ("name_skel", skels), ("name_first", firsts),
                         ("name_letters", letters), ("skel_letters", skel_letters)):
        out[name] = np.array(values + [None], dtype=object)[codes]
    return pd.DataFrame(out)


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
        values = values.dt.strftime("%Y-%m-%d")
    codes, uniques = pd.factorize(values.astype(object).where(values.notna(), None))
    parsed = [parse(u) for u in uniques]
    if problems and not lenient:
        count = int(values.isin(bad_values).sum())
        raise LinkageInputError(
            f"{what}: {count} records have a date of birth that cannot be read, "
            f"e.g. {'; '.join(problems[:3])}. "
            "Write dates as DD-MM-YYYY or YYYY-MM-DD (00 for an unknown day or month), "
            "or pass --lenient-dates to treat them as missing"
        )
    k = len(parsed)
    year, month, day = (np.full(k + 1, np.nan) for _ in range(3))
    dob = np.full(k + 1, None, dtype=object)
    md = np.full(k + 1, None, dtype=object)
    for i, parts in enumerate(parsed):
        if not isinstance(parts, tuple):
            continue
        y, m, d = parts
        if m == 1 and d == 1:  # 1 January is how registrations write an unknown day and month
            m = d = None
        year[i] = y
        if m is not None:
            month[i] = m
        if d is not None:
            day[i] = d
        if m is not None and d is not None:
            dob[i] = f"{y:04d}-{m:02d}-{d:02d}"
            md[i] = f"{y:04d}-{min(m, d):02d}-{max(m, d):02d}"  # year + {day, month}: swap-free
    return pd.DataFrame(
        {"dob_year": pd.array(year[codes], dtype="Int32"), "dob_month": pd.array(month[codes], dtype="Int32"),
         "dob_day": pd.array(day[codes], dtype="Int32"), "dob": dob[codes], "dob_md": md[codes]},
        index=values.index,
    )


def prepare_records(frame: pd.DataFrame, *, lenient_dates: bool = False, what: str = "the input") -> pd.DataFrame:
    """Comparison columns for records already in the standard schema (see ``schema.to_schema``)."""
    out = pd.DataFrame({"unique_id": frame["record_id"].astype(str).to_numpy()})
    if {"given_name", "family_name", "full_name"} & set(frame.columns):
        names = _names(frame)
        for col in NAME_COLUMNS:
            out[col] = names[col].to_numpy()
    if "date_of_birth" in frame:
        dates = _dates(frame["date_of_birth"], lenient=lenient_dates, what=what)
        for col in DATE_COLUMNS:
            out[col] = dates[col].array
    few_values = {"sex": nm.normalise_sex, "nationality": _nationality}
    for field, func in few_values.items():
        if field in frame:
            out[field] = _map_unique(frame[field], func).to_numpy()
    columns = {
        "phone": (vec.phone_column, normalise_phone),
        "email": (vec.email_column, nm.normalise_email),
        "document_number": (vec.alnum_upper_column, nm.normalise_document),
        "postcode": (vec.alnum_upper_column, nm.normalise_postcode),
        "address": (vec.fold_column, nm.normalise_text),
        "place": (vec.fold_column, nm.normalise_place),
    }
    for field, (column_func, func) in columns.items():
        if field in frame:
            out[field] = column_func(frame[field], func)
    if "place" in out:
        out["place"] = pd.Series(out["place"]).map(lambda v: nm.normalise_place(v) if v else None).to_numpy()
    return out


def _nationality(value: str) -> str | None:
    from .countries import country_code

    return country_code(value)
