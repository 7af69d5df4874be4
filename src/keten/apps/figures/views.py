"""The figures page and its CSV: counts across organisations, per year, with small counts held back."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from keten.apps.accounts.access import requires

from . import selectors
from .year import YearError, year_asked


@requires("figures.view")
def overview(request):
    year = None
    try:
        year = year_asked(request.GET)
    except YearError as exc:
        messages.error(request, str(exc))
    figures = selectors.figures(actor=request.actor, year=year)
    return render(request, "figures/overview.html", {"figures": figures})


def _csv(request, name: str):
    """The figures of the year asked and a CSV response for them; or no figures and the 400 that says why."""
    try:
        year = year_asked(request.GET)
    except YearError as exc:
        return None, HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    figures = selectors.figures(actor=request.actor, year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="keten-{name}-{figures.year or "none"}.csv"'
    return figures, response


@requires("figures.view")
def export(request):
    figures, response = _csv(request, "figures")
    if figures is None:
        return response
    writer = csv.writer(response)
    # one long table: a reader's spreadsheet can pivot it; an empty count is one held back
    writer.writerow(["year", "table", "title", "code", "label", "count"])
    for row in figures.per_year:
        for code, label, value in (("victims", _("Possible victims"), row.victims),
                                   ("minors", _("Of whom minors"), row.minors), ("signals", _("Signals"), row.signals)):
            writer.writerow([row.year, "per_year", _("Per year"), code, label, "" if value is None else value])
    for table in figures.victims + figures.signals:
        for r in table.rows:
            writer.writerow([figures.year, table.key, table.title, r.code, r.label,
                             "" if r.count is None else r.count])
        writer.writerow([figures.year, table.key, table.title, "total", _("Total"),
                         "" if table.total is None else table.total])
    return response


@requires("figures.view")
def eurostat(request):
    """The year's registered victims in the shape of Eurostat's trafficking data collection: by sex and
    age (crim_thb_vsage) and by citizenship; a cell held back is flagged "c" (confidential)."""
    figures, response = _csv(request, "eurostat")
    if figures is None:
        return response
    writer = csv.writer(response)
    writer.writerow(["dataset", "geo", "year", "sex", "age", "citizen", "value", "flag"])
    cells = [("crim_thb_vsage", sex, age, "TOTAL", value) for (sex, age), value in figures.eurostat_sex_age.items()]
    cells += [("victims_by_citizenship", "T", "TOTAL", citizen, value)
              for citizen, value in figures.eurostat_citizenship.items()]
    for dataset, sex, age, citizen, value in cells:
        writer.writerow([dataset, "NL", figures.year, sex, age, citizen, "" if value is None else value,
                         "c" if value is None else ""])
    return response
