"""Figures on possible victims and signals across all organisations, as they may be published.

Every table is seen across organisations, so counts of fewer than ten are held back
(``engines.disclosure``, ADR 0047 and 0048). Gender, age and minors count the same persons and are
protected together (``persons``). Open lists (nationalities, countries) are grouped first: a value
that fewer than ten share joins "other", so one rare nationality costs one cell, not the
suppression of others beside it. Nothing here reads a name or an account: only codes are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.codelists import organisation_types, regions
from keten.apps.care.models import Case, CaseForm, CaseSignal
from keten.apps.common.codelists import Code, label_for
from keten.apps.intake import codelists as intake_codes
from keten.apps.intake.models import Signal, SignalForm, Status
from keten.engines import disclosure

from . import citizenship, persons

OTHER = "other"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    count: int | None  # None: held back


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: tuple[Row, ...]
    total: int | None
    # True when each counted item is in exactly one row; a case of two forms is in two rows
    partition: bool = True

    @property
    def largest(self) -> int:
        return max([row.count or 0 for row in self.rows] + [1])


@dataclass(frozen=True)
class YearRow:
    year: int
    victims: int | None
    minors: int | None
    signals: int | None


@dataclass(frozen=True)
class Figures:
    year: int | None
    years: tuple[int, ...]
    per_year: tuple[YearRow, ...]
    victims: tuple[Table, ...]
    signals: tuple[Table, ...]
    # the year's possible victims by sex and age, and by citizenship, as Eurostat asks them
    eurostat_sex_age: dict[tuple[str, str], int | None] = field(default_factory=dict)
    eurostat_citizenship: dict[str, int | None] = field(default_factory=dict)

    @property
    def victims_counted(self) -> bool:
        return any(row.count != 0 for t in self.victims for row in t.rows)

    @property
    def signals_counted(self) -> bool:
        return any(row.count != 0 for t in self.signals for row in t.rows)


def _cases():
    return Case.objects.filter(merged_into__isnull=True)


def _signals():
    return Signal.objects.exclude(status=Status.DRAFT).filter(observed_on__isnull=False)


def figures(*, actor, year: int | None = None) -> Figures:
    """The figures of one year (the newest whole year with data when none is asked) and the series per
    year, for the whole country. Not per area: an area's table is part of the country's, and a cell
    held back in one could be worked out from the other and the other areas (ADR 0048)."""
    actor.require("figures.view")
    # gender by age of every year, protected once: the series per year and the year's tables share it
    people = {y: persons.protect(counts) for y, counts in _gender_by_age(_cases()).items()}
    per_year = _per_year(people)
    years = tuple(row.year for row in per_year)
    if year is None and years:
        # the last whole year, as annual figures are read; the year in progress when there is no other
        year = next((y for y in years if y < timezone.localdate().year), years[0])
    if year is None:
        return Figures(None, years, (), (), ())
    shown = people.get(year) or persons.protect(Counter())
    victims, nationalities = _victim_tables(year, shown)
    return Figures(year, years, per_year, victims, _signal_tables(year), shown.eurostat, nationalities.citizen)


def _per_year(people: dict[int, persons.Shown]) -> tuple[YearRow, ...]:
    signals = dict(_signals().annotate(y=ExtractYear("observed_on")).values_list("y").annotate(n=Count("id")))
    rows = []
    for y in sorted(set(people) | set(signals), reverse=True):
        shown = people.get(y)  # a year of signals only has no victims: nothing to hold back
        rows.append(YearRow(y, shown.total if shown else 0, shown.minors if shown else 0,
                            disclosure.shown(signals.get(y, 0))))
    return tuple(rows)


def _gender_by_age(cases) -> dict[int, Counter[tuple[str, str]]]:
    """Cases by year of registration, then by gender and age group; grouped by the database."""
    counted: dict[int, Counter[tuple[str, str]]] = {}
    groups = (cases.annotate(y=ExtractYear("created_at")).values_list("y", "gender", "is_minor", "birth_year")
              .annotate(n=Count("id")).order_by())
    for year, sex, minor, birth_year, n in groups:
        age = persons.age_group(year - birth_year if birth_year else None, minor)
        counted.setdefault(year, Counter())[sex, age] += n
    return counted


def _victim_tables(year: int, people: persons.Shown) -> tuple[tuple[Table, ...], citizenship.Countries]:
    cases = _cases().filter(created_at__year=year)
    nationality = Counter(dict(cases.values_list("nationality").annotate(n=Count("id")).order_by()))
    nationalities = citizenship.protect(nationality)
    total = nationality.total()
    first = _first_signals(cases, total)
    forms = Counter(dict(CaseForm.objects.filter(case__in=cases).values_list("form").annotate(n=Count("case_id",
                                                                                                      distinct=True))))
    return (
        _coded("victims_forms", _("Form of exploitation"), intake_codes.exploitation_forms(), forms, total,
               partition=False),
        _shown("victims_gender", _("Gender"), [(c.code, c.label) for c in intake_codes.genders()], people.gender,
               people.total),
        _shown("victims_age", _("Age when registered"), persons.age_groups(), people.age, people.total),
        _shown("minors_gender", _("Minors by gender"), [(c.code, c.label) for c in intake_codes.genders()],
               people.minors_gender, people.minors),
        _countries_table("victims_nationality", _("Nationality"), nationalities),
        _coded("victims_reported_by", _("Reported by"), organisation_types(), first["type"], total,
               extra=((UNKNOWN, _("Registered without a signal")),)),
        _coded("victims_region", _("Police unit where first seen"), regions(), first["region"], total,
               extra=((UNKNOWN, _("Not known")),)),
    ), nationalities


def _signal_tables(year: int) -> tuple[Table, ...]:
    signals = _signals().filter(observed_on__year=year)
    fields = ("organisation__type", "municipality__region", "sector", "place_of_encounter", "smuggling",
              "country_of_origin")
    counted = {field: Counter() for field in fields}
    for *values, n in signals.values_list(*fields).annotate(n=Count("id")).order_by():
        for field, value in zip(fields, values):
            counted[field][value] += n
    total = counted["sector"].total()

    def per(field):
        return counted[field]

    forms = Counter(dict(SignalForm.objects.filter(signal__in=signals).values_list("form")
                         .annotate(n=Count("signal_id", distinct=True))))
    smuggled = per("smuggling")
    smuggling = [(code, label, smuggled.get(code, 0))
                 for code, label in (("yes", _("Yes")), ("no", _("No")), (UNKNOWN, _("Unknown")))]
    return (
        _coded("signals_forms", _("Form of exploitation"), intake_codes.exploitation_forms(), forms, total,
               partition=False),
        _coded("signals_organisation_type", _("Recorded by"), organisation_types(),
               per("organisation__type"), total),
        _coded("signals_region", _("Police unit where seen"), regions(), per("municipality__region"), total,
               extra=((UNKNOWN, _("Not known")),)),
        _coded("signals_sector", _("Sector"), intake_codes.sectors(), per("sector"), total),
        _coded("signals_place", _("Place of encounter"), intake_codes.encounter_places(), per("place_of_encounter"),
               total, extra=((UNKNOWN, _("Not recorded")),)),
        _table("signals_smuggling", _("Smuggled into the country"), smuggling, total),
        _countries_table("signals_origin", _("Country of origin"),
                         citizenship.protect(per("country_of_origin"), eurostat=False)),
    )


def _countries_table(key: str, title: str, grouped: citizenship.Countries) -> Table:
    countries = intake_codes.countries()
    named = [Row(code, label_for(countries, code), n) for code, n in grouped.named]
    # held back, a country would still be ranked by its place among the others: those go last, by name
    named.sort(key=lambda row: (row.count is None, row.label if row.count is None else ""))
    rows = named + [Row(OTHER, _("Other"), grouped.other), Row(UNKNOWN, _("Not known"), grouped.unknown)]
    return Table(key=key, title=title, rows=tuple(rows), total=grouped.total)


def _shown(key: str, title: str, labels, values: dict[str, int | None], total: int | None) -> Table:
    """A table of sums protected together with others (``persons.protect``), in the order of ``labels``."""
    return Table(key=key, title=title, total=total,
                 rows=tuple(Row(code, label, values[code]) for code, label in labels))


def _first_signals(cases, total: int) -> dict[str, Counter[str]]:
    """Of each case's first signal (by the day it was seen, then recorded): the type of the organisation
    that recorded it, and the police unit of the municipality where it was seen. A case without a
    signal, or a signal without a place, counts as unknown. Most cases have one signal: those are
    counted by the database; only cases with more are read to find their first."""
    fields = ("signal__organisation__type", "signal__municipality__region")
    linked = cases.annotate(links=Count("signal_links"))
    single = (CaseSignal.objects.filter(case__in=linked.filter(links=1).values("pk"))
              .values_list(*fields).annotate(n=Count("id")).order_by())
    types, places = Counter(), Counter()
    for org_type, region, n in single:
        types[org_type] += n
        places[region or UNKNOWN] += n
    first: dict = {}
    several = (CaseSignal.objects.filter(case__in=linked.filter(links__gt=1).values("pk"))
               .values_list("case_id", "signal__observed_on", "signal__created_at", *fields))
    for case_id, observed, created, org_type, region in several.iterator(chunk_size=5000):
        when = (observed is None, observed, created)  # a day not known goes last
        if case_id not in first or when < first[case_id][0]:
            first[case_id] = (when, org_type, region or UNKNOWN)
    for _when, org_type, region in first.values():
        types[org_type] += 1
        places[region] += 1
    types[UNKNOWN] += total - types.total()
    places[UNKNOWN] += total - places.total()
    return {"type": types, "region": places}


def _coded(key: str, title: str, codes: tuple[Code, ...], counts: Counter, total: int, *, partition: bool = True,
           extra: Iterable[tuple[str, str]] = ()) -> Table:
    """A table with a row per code of a list, in the list's order; values off the list count as unknown.
    Codes nobody has are left out: the lists are long."""
    known = [c.code for c in codes]
    labels = {c.code: c.label for c in codes} | dict(extra)
    folded: Counter[str] = Counter()
    for code, n in counts.items():
        folded[code if code in labels else UNKNOWN] += n
    if folded[UNKNOWN] and UNKNOWN not in labels:
        labels[UNKNOWN] = _("Not known")
    order = known + [code for code in labels if code not in known]
    rows = [(code, labels[code], folded[code]) for code in dict.fromkeys(order) if folded[code]]
    return _table(key, title, rows, total, partition=partition)


def _table(key: str, title: str, rows: list[tuple[str, str, int]], total: int, *, partition: bool = True) -> Table:
    # only where the rows make the total can a small row be worked out from it and the others
    protected = disclosure.protect_counts([n for _c, _l, n in rows], total_shown=partition)
    return Table(
        key=key, title=title, partition=partition, total=disclosure.shown(total),
        rows=tuple(Row(code, label, value) for (code, label, _n), value in zip(rows, protected.values)),
    )
