"""The year a reader asks figures for, checked once for the page, the CSV and the API."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

FIRST_YEAR = 2000


class YearError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def year_from(raw: str | None) -> int | None:
    """None when no year is asked (the newest with data is shown)."""
    if raw in (None, ""):
        return None
    this_year = date.today().year
    try:
        year = int(raw)
    except ValueError:
        raise YearError(_("Give the year as four digits, for example %(year)s.") % {"year": this_year}) from None
    if not FIRST_YEAR <= year <= this_year:
        raise YearError(_("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year})
    return year
