"""Deadlines as pure functions of a start date, the case's facts and the terms (terms.yaml).

No database, no clock: the caller passes the dates; tests run these table-driven under any date.
Working days skip Saturdays, Sundays and the generally recognised holidays of the Algemene
termijnenwet (art. 3): New Year's Day, Easter Monday, Ascension Day, Whit Monday, King's Day,
5 May and both Christmas days. The dates come from the ``holidays`` package's Dutch calendar, which
also lists Good Friday (not a holiday in that law) and 5 May only every fifth year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache


@dataclass(frozen=True)
class Deadline:
    term: str
    due_on: date
    remind_from: date


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def holidays_in(year: int) -> frozenset[date]:
    """The generally recognised holidays of ``year`` (Algemene termijnenwet, art. 3)."""
    import holidays
    from dateutil.easter import easter

    days = set(holidays.country_holidays("NL", years=year))
    days.discard(easter(year) - timedelta(days=2))  # Good Friday
    days.add(date(year, 5, 5))  # Liberation Day, every year in this law
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_working_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def due_date(term: dict, start: date, *, dublin: bool = False) -> date:
    """When a term that starts on ``start`` ends."""
    if dublin and "dublin_days" in term and start > _as_date(term.get("dublin_from")):
        return start + timedelta(days=int(term["dublin_days"]))
    if "months" in term:
        return add_months(start, int(term["months"]))
    if "weeks" in term:
        return start + timedelta(weeks=int(term["weeks"]))
    if "working_days" in term:
        return add_working_days(start, int(term["working_days"]))
    if "days" in term:
        return start + timedelta(days=int(term["days"]))
    raise ValueError(f"term has no length: {term}")


def deadline(name: str, terms: dict[str, dict], start: date, *, dublin: bool = False) -> Deadline:
    term = terms[name]
    due = due_date(term, start, dublin=dublin)
    remind = max(start, due - timedelta(days=int(term.get("remind_days", 7))))
    return Deadline(name, due, remind)


def _as_date(value) -> date:
    if value is None:
        return date.min
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def state(due_on: date, remind_from: date, today: date) -> str:
    """'overdue' after the due date, 'due' from the reminder date, else 'later'."""
    if today > due_on:
        return "overdue"
    if today >= remind_from:
        return "due"
    return "later"
