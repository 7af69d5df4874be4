"""Indicators computed from Keten's own data, stored as dated values by a job so goals move as the
chain works. Each computation returns {(series, period_end): value}."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.care.models import Case
from keten.apps.care.selectors import capacity_overview
from keten.engines import disclosure

from .models import Indicator, IndicatorValue, Plan


def _quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, month, {3: 31, 6: 30, 9: 30, 12: 31}[month])


def signals_per_form_quarter() -> dict[tuple[str, date], Decimal]:
    from keten.apps.intake.models import SignalForm

    counts: dict[tuple[str, date], Decimal] = {}
    rows = (SignalForm.objects.exclude(signal__status="draft").exclude(signal__observed_on__isnull=True)
            .values_list("form", "signal__observed_on"))
    for form, observed in rows.iterator(chunk_size=5000):
        key = (form, _quarter_end(observed))
        counts[key] = counts.get(key, Decimal(0)) + 1
    return counts


def cases_per_quarter() -> dict[tuple[str, date], Decimal]:
    counts: dict[tuple[str, date], Decimal] = {}
    for created in Case.objects.filter(merged_into__isnull=True).values_list("created_at", flat=True).iterator():
        key = ("", _quarter_end(timezone.localtime(created).date()))
        counts[key] = counts.get(key, Decimal(0)) + 1
    return counts


def coordination_coverage() -> dict[tuple[str, date], Decimal]:
    from keten.apps.accounts.models import Municipality
    from keten.apps.care.models import CareCoordination

    total = Municipality.objects.count()
    covered = CareCoordination.objects.count()
    share = Decimal(100 * covered / total).quantize(Decimal("0.1")) if total else Decimal(0)
    return {("", timezone.localdate()): share}


def shelter_occupancy() -> dict[tuple[str, date], Decimal]:
    loads = capacity_overview(actor=Actor.system("indicators", frozenset({"care.view_capacity"})))
    places = sum(load.places for load in loads)
    occupied = sum(load.occupied for load in loads)
    share = Decimal(100 * occupied / places).quantize(Decimal("0.1")) if places else Decimal(0)
    return {("", timezone.localdate()): share}


COMPUTATIONS = {
    "signals_per_form_quarter": signals_per_form_quarter,
    "cases_per_quarter": cases_per_quarter,
    "coordination_coverage": coordination_coverage,
    "shelter_occupancy": shelter_occupancy,
}


def _withheld(values: dict[tuple[str, date], Decimal]) -> set[tuple[str, date]]:
    """The quarters held back beside a small one: the figures show each year's total, so the quarters of
    a series and year are one table with its total (ADR 0048)."""
    years: dict[tuple[str, int], list[tuple[str, date]]] = {}
    for key in sorted(values):
        years.setdefault((key[0], key[1].year), []).append(key)
    withheld = set()
    for keys in years.values():
        protected = disclosure.protect_counts([int(values[key]) for key in keys])
        withheld.update(keys[i] for i in protected.secondary)
    return withheld


def compute_all(plan: Plan | None = None, progress=None) -> int:
    """Refresh every computed indicator's values, all or none; returns how many values were written."""
    indicators = list(Indicator.objects.filter(source=Indicator.Source.COMPUTED, computation__in=COMPUTATIONS))
    if plan is not None:
        indicators = [i for i in indicators if i.plan_id == plan.pk]
    written = 0
    with transaction.atomic():
        for done, indicator in enumerate(indicators):
            if progress:
                progress(done, len(indicators), indicator.name_nl)
            values = COMPUTATIONS[indicator.computation]()
            withheld = _withheld(values) if indicator.counts_persons else set()
            for (series, period_end), value in values.items():
                IndicatorValue.objects.update_or_create(
                    indicator=indicator, series=series, period_end=period_end,
                    defaults={"value": value, "source": "Keten", "withheld": (series, period_end) in withheld})
                written += 1
    if progress:
        progress(len(indicators), len(indicators), "")
    return written
