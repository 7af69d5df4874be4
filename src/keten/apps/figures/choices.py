"""The year and area a reader asks figures for, checked once for the page, the CSV and the API."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

FIRST_YEAR = 2000


class ChoiceError(ValueError):
    """What was wrong, by parameter, in words a reader can act on."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def figures_asked(params) -> tuple[int | None, str | None]:
    """The year (None: the last whole year with data) and police unit (None: the country) asked for."""
    found, errors = {}, {}
    for name, parse in (("year", _year), ("region", _region)):
        try:
            found[name] = parse(params.get(name) or None)
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ChoiceError(errors)
    return found["year"], found["region"]


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    this_year = date.today().year
    if not (raw.isascii() and raw.isdigit()):
        raise ValueError(_("Give the year as four digits, for example %(year)s.") % {"year": this_year})
    if not FIRST_YEAR <= int(raw) <= this_year:
        raise ValueError(_("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year})
    return int(raw)


def _region(raw: str | None) -> str | None:
    from .selectors import regions_to_choose

    if raw is None:
        return None
    known = [code.code for code in regions_to_choose()]
    if raw not in known:
        raise ValueError(_("There is no police unit %(region)s. Choose one of: %(known)s.") % {
            "region": raw, "known": ", ".join(known)})
    return raw
