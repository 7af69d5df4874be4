"""Reads of the plan. The plan holds no personal data: every partner may read it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from keten.apps.accounts.actor import Actor
from keten.apps.common.errors import NotFound

from .models import Bottleneck, Goal, Indicator, IndicatorValue, Measure, Plan, PlanVersion, Theme
from .services import current_plan


def plan_get(*, actor: Actor) -> Plan:
    actor.require("plan.view")
    plan = current_plan()
    if plan is None:
        raise NotFound()
    return plan


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    counts: dict[str, int]
    total: int


def themes_with_counts(plan: Plan) -> list[ThemeRow]:
    counts: dict[str, Counter] = {}
    for code, status in Measure.objects.filter(plan=plan).values_list("theme__code", "status"):
        counts.setdefault(code, Counter())[status] += 1
    return [ThemeRow(t, dict(counts.get(t.code, {})), sum(counts.get(t.code, Counter()).values()))
            for t in plan.themes.all()]


def measures(plan: Plan) -> QuerySet[Measure]:
    return (plan.measures.select_related("theme").prefetch_related("lead", "partners", "funding")
            .order_by("theme__code", "slug"))


def measure_choices(plan: Plan) -> list[Measure]:
    """The measures to choose from in a form: title and theme only."""
    return list(plan.measures.select_related("theme").order_by("theme__code", "slug"))


def measure_get(*, actor: Actor, slug: str) -> Measure:
    plan = plan_get(actor=actor)
    measure = (plan.measures.select_related("theme").prefetch_related(
        "themes", "lead__organisations", "partners", "funding", "dates", "related",
        Prefetch("updates"), Prefetch("evaluations"),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")))
        .filter(slug=slug).first())
    if measure is None:
        raise NotFound()
    return measure


def carried_by(*, actor: Actor) -> tuple[QuerySet[Measure], QuerySet[Measure]]:
    """Measures the actor's organisation leads, and those it takes part in."""
    plan = plan_get(actor=actor)
    base = measures(plan)
    return (base.filter(lead__organisations=actor.organisation_id).distinct(),
            base.filter(partners__organisations=actor.organisation_id).exclude(
                lead__organisations=actor.organisation_id).distinct())


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    latest: IndicatorValue | None

    @property
    def share(self) -> int | None:
        """How far the latest value is towards the target, in percent."""
        if self.latest is None or not self.goal.target_value or self.latest.held_back:
            return None  # a share of the target would give a held-back count away
        return int(min(Decimal(100), 100 * self.latest.value / self.goal.target_value))


def goals_with_progress(plan: Plan) -> list[GoalProgress]:
    """Each goal with the latest value of its indicator's series: two queries, however many goals."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("indicator"), series=OuterRef("series")) \
        .order_by("-period_end").values("pk")[:1]
    goals = list(plan.goals.select_related("indicator", "theme", "measure").annotate(latest_pk=Subquery(latest)))
    values = IndicatorValue.objects.in_bulk([g.latest_pk for g in goals if g.latest_pk is not None])
    for goal in goals:
        if goal.latest_pk in values:
            values[goal.latest_pk].indicator = goal.indicator  # read already: no query per value
    return [GoalProgress(goal, values.get(goal.latest_pk)) for goal in goals]


def indicator_series(indicator: Indicator, last: int = 12) -> dict[str, list[IndicatorValue]]:
    """Values per series, the most recent ``last`` periods, oldest first."""
    series: dict[str, list[IndicatorValue]] = {}
    for value in indicator.values.all().order_by("series", "-period_end"):
        bucket = series.setdefault(value.series, [])
        if len(bucket) < last:
            bucket.append(value)
    return {name: list(reversed(values)) for name, values in series.items()}


def bottlenecks(plan: Plan, *, status: str = "") -> QuerySet[Bottleneck]:
    qs = plan.bottlenecks.select_related("theme", "raised_by").prefetch_related("measures")
    return qs.filter(status=status) if status else qs


def version_get(plan: Plan, number) -> PlanVersion | None:
    try:
        return plan.versions.filter(number=int(number)).first()
    except (TypeError, ValueError):
        return None


def search(plan: Plan, text: str) -> QuerySet[Measure]:
    return measures(plan).filter(Q(title_nl__icontains=text) | Q(title_en__icontains=text) |
                                 Q(description_nl__icontains=text))


def latest_values_of(indicators) -> dict[Any, list[IndicatorValue]]:
    """The most recent value of each series, per indicator, in one query."""
    indicators = {i.pk: i for i in indicators}
    latest: dict[Any, dict[str, IndicatorValue]] = {pk: {} for pk in indicators}
    values = IndicatorValue.objects.filter(indicator__in=indicators).order_by("indicator_id", "series", "-period_end")
    for value in values:
        value.indicator = indicators[value.indicator_id]  # read already: no query per value
        latest[value.indicator_id].setdefault(value.series, value)
    return {pk: list(by_series.values()) for pk, by_series in latest.items()}


def indicator_get(*, actor: Actor, code: str) -> Indicator:
    indicator = plan_get(actor=actor).indicators.filter(code=code).first()
    if indicator is None:
        raise NotFound()
    return indicator
