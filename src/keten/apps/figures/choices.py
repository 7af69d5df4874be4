"""The year a reader asks figures for, checked once for the page, the CSV and the API."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

FIRST_YEAR = 2000


class ChoiceError(ValueError):
    """What was wrong, by parameter, in words a reader can act on."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def figures_asked(params) -> int | None:
    """The year asked for; None for the last whole year with data."""
    try:
        return _year(params.get("year") or None)
    except ValueError as exc:
        raise ChoiceError({"year": str(exc)}) from None


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    this_year = date.today().year
    if not (raw.isascii() and raw.isdigit()):
        raise ValueError(_("Give the year as four digits, for example %(year)s.") % {"year": this_year})
    if not FIRST_YEAR <= int(raw) <= this_year:
        raise ValueError(_("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year})
    return int(raw)

