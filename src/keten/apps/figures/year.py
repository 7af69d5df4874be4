"""The year a reader asks figures for, checked once for the page, the CSV and the API."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

FIRST_YEAR = 2000


class YearError(ValueError):
    """A year that cannot be asked for; the message says what to give instead."""


def year_asked(params) -> int | None:
    """The ``year`` parameter; None when absent (the last whole year with data is shown)."""
    raw = params.get("year") or None
    if raw is None:
        return None
    this_year = timezone.localdate().year
    if not (raw.isascii() and raw.isdigit()):
        raise YearError(_("Give the year as four digits, for example %(year)s.") % {"year": this_year})
    if not FIRST_YEAR <= int(raw) <= this_year:
        raise YearError(_("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year})
    return int(raw)
