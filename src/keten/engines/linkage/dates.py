"""Dates of birth as written by many hands: partial, with unknown parts, day/month swapped.

``parse_date`` returns ``(year, month, day)`` where an unknown part is ``None``; it accepts ISO
dates, Dutch day-first dates with ``-``, ``/``, ``.`` or spaces, ``00`` or ``XX`` for an unknown
day or month (the Dutch registers' convention), year-month and year only, month names in Dutch and
English, a time part, and date objects. A month above 12 with a day of 12 or less is read as
month-first (a day/month swap). Anything else raises :class:`ValueError`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januari", "january"), ("feb", "februari", "february"), ("mrt", "maart", "mar", "march"),
            ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"), ("jul", "juli", "july"),
            ("aug", "augustus", "august"), ("sep", "sept", "september"), ("okt", "oktober", "oct", "october"),
            ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_UNKNOWN = {"", "0", "00", "x", "xx", "?", "??", "-", "--"}
_SEP = re.compile(r"[-/.\s]+")
_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$")

Parts = tuple[int | None, int | None, int | None]


def _part(text: str) -> int | None:
    if text in _UNKNOWN:
        return None
    if text.isdigit():
        return int(text)
    if text in MONTHS:
        return MONTHS[text]
    raise ValueError(text)


def _check(year: int | None, month: int | None, day: int | None, original: str) -> Parts:
    if year is None:
        raise ValueError(f"no year in {original!r}")
    if not 1875 <= year <= dt.date.today().year:
        raise ValueError(f"year {year} in {original!r} is not a plausible year of birth")
    if month is not None and month > 12 and day is not None and day <= 12:
        month, day = day, month
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} in {original!r}")
    if day is not None:
        last = calendar.monthrange(year, month)[1] if month is not None else 31
        if not 1 <= day <= last:
            raise ValueError(f"day {day} in {original!r}")
    return year, month, day


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:  # two-digit year: the most recent century that makes it a past date
        now = dt.date.today().year
        value += 1900 if 1900 + value <= now - 100 or 2000 + value > now else 2000
    return value


def parse_date(value: object) -> Parts | None:
    """Parse one date of birth; ``None`` for an empty value; ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year, value.month, value.day
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return int(value.year), int(value.month), int(value.day)  # pandas Timestamp
    text = str(value).strip().lower()
    if text in ("", "nan", "nat", "none", "<na>", "onbekend", "unknown"):
        return None
    text = _TIME.sub("", text)
    if text.isdigit():
        if len(text) == 4:
            return _check(int(text), None, None, text)
        if len(text) == 8:
            if 1875 <= int(text[:4]) <= 2100:
                return _check(int(text[:4]), _part(text[4:6]), _part(text[6:]), text)
            return _check(int(text[4:]), _part(text[2:4]), _part(text[:2]), text)
        raise ValueError(f"cannot read {text!r} as a date")
    parts = [p for p in _SEP.split(text) if p != ""]
    try:
        if len(parts) == 3:
            if len(parts[0]) == 4 and parts[0].isdigit():  # year first
                return _check(int(parts[0]), _part(parts[1]), _part(parts[2]), text)
            if not parts[2].isdigit() or len(parts[2]) not in (2, 4):
                raise ValueError(text)
            return _check(_year(parts[2]), _part(parts[1]), _part(parts[0]), text)
        if len(parts) == 2:
            if len(parts[0]) == 4 and parts[0].isdigit():
                return _check(int(parts[0]), _part(parts[1]), None, text)
            if len(parts[1]) == 4 and parts[1].isdigit():
                return _check(int(parts[1]), _part(parts[0]), None, text)
    except ValueError as exc:
        if str(exc) == text or not str(exc):
            raise ValueError(f"cannot read {text!r} as a date") from None
        raise
    raise ValueError(f"cannot read {text!r} as a date")


def format_parts(parts: Parts) -> str:
    """``YYYY-MM-DD`` with ``00`` for an unknown month or day (parse_date reads it back)."""
    year, month, day = parts
    return f"{year:04d}-{month or 0:02d}-{day or 0:02d}"
