"""Indicators from Keten's own data move as the chain works."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from keten.apps.intake import services as intake
from keten.apps.plan.computations import compute_all
from keten.apps.plan.models import IndicatorValue

from ...conftest import actor_for, make_member, make_organisation

pytestmark = pytest.mark.django_db


def _signal(actor, forms, observed_on):
    return intake.signal_create(actor=actor, data={"forms": forms, "sector": "agriculture",
                                                   "observed_on": observed_on})[0]


def test_signals_per_form_and_quarter_are_counted_and_recounted(plan):
    frontline = actor_for(make_member(make_organisation("police", "amsterdam"), "frontline"))
    _signal(frontline, ["labour"], "2024-02-10")
    _signal(frontline, ["labour", "sexual_domestic"], "2024-03-31")
    _signal(frontline, ["labour"], "2024-04-01")
    compute_all()
    values = {(v.series, v.period_end): v.value for v in
              IndicatorValue.objects.filter(indicator__code="signals-per-form")}
    assert values == {("labour", date(2024, 3, 31)): 2, ("sexual_domestic", date(2024, 3, 31)): 1,
                      ("labour", date(2024, 6, 30)): 1}
    _signal(frontline, ["labour"], "2024-05-05")
    assert compute_all() == compute_all()  # recomputing replaces, never adds
    assert IndicatorValue.objects.get(indicator__code="signals-per-form", series="labour",
                                      period_end=date(2024, 6, 30)).value == 2


def test_care_coordination_coverage_is_a_share_of_municipalities(plan):
    from keten.apps.accounts.models import Municipality
    from keten.apps.care.services import coordination_set

    coordinator = actor_for(make_member(make_organisation("municipality", "rotterdam", "Gemeente Rotterdam"),
                                        "care_coordinator"))
    total = Municipality.objects.count()
    assert total > 0
    for municipality in Municipality.objects.all()[:3]:
        coordination_set(actor=coordinator, municipality_code=municipality.code,
                         organisation_id=coordinator.organisation_id)
    compute_all()
    value = IndicatorValue.objects.get(indicator__code="coverage").value
    assert value == (Decimal(300) / total).quantize(Decimal("0.1"))


def test_counts_of_fewer_than_ten_persons_are_held_back_wherever_the_plan_shows_them(plan, policy, signed_in,
                                                                                    ministry):
    from django.urls import reverse

    from keten.apps.plan import report, selectors, services
    from keten.apps.plan.computations import COMPUTATIONS
    from keten.apps.plan.models import PERSON_COUNTS, Goal, Indicator

    from ...conftest import make_member

    assert PERSON_COUNTS <= set(COMPUTATIONS)
    frontline = actor_for(make_member(make_organisation("police", "amsterdam"), "frontline"))
    for day in range(12):
        _signal(frontline, ["labour"], f"2024-02-{day + 1:02d}")
    for day in range(3):
        _signal(frontline, ["sexual_domestic"], f"2024-02-{day + 1:02d}")
    compute_all()
    signals = Indicator.objects.get(code="signals-per-form")
    Goal.objects.create(plan=plan, indicator=signals, series="sexual_domestic", theme=plan.themes.first(),
                        description_nl="Meer signalen", description_en="More signals", target_value=6,
                        target_date=date(2025, 12, 31))
    stored = {v.series: v for v in IndicatorValue.objects.filter(indicator=signals)}
    assert stored["sexual_domestic"].value == 3 and stored["sexual_domestic"].held_back  # stored exactly
    assert stored["labour"].value == 12 and not stored["labour"].held_back

    client = signed_in(make_member(ministry, "policy"))
    client.cookies["keten_language"] = "en"
    for page in (reverse("plan:indicator", args=["signals-per-form"]), reverse("plan:indicators")):
        shown = client.get(page).content.decode()
        assert "not shown" in shown and ">3<" not in shown and "3 (" not in shown and "12" in shown
    letter = report.render_html(plan, "en")
    assert "not shown" in letter and "More signals" in letter
    [progress] = [g for g in selectors.goals_with_progress(plan) if g.goal.series == "sexual_domestic"]
    assert progress.share is None  # half of a target of 6 would tell it is 3
    api = {i["code"]: i["values"] for i in client.get("/api/v1/plan/indicators/").json()}["signals-per-form"]
    held = [v for v in api if v["series"] == "sexual_domestic"]
    assert held == [{"period_end": "2024-03-31", "series": "sexual_domestic", "value": None, "held_back": True,
                     "source": "Keten"}]
    assert services.export(plan)["indicators"]  # the plan document carries no values at all


def test_a_quarter_is_held_back_beside_a_small_one_since_the_years_total_is_shown(plan):
    """The figures give each year's number of signals per form: with three quarters shown, a fourth small
    one would be that total minus the others."""
    frontline = actor_for(make_member(make_organisation("police", "amsterdam"), "frontline"))
    for month, n in ((2, 3), (5, 11), (8, 12), (11, 30)):
        for day in range(n):
            _signal(frontline, ["labour"], f"2024-{month:02d}-{day % 28 + 1:02d}")
    for day in range(12):
        _signal(frontline, ["labour"], f"2023-05-{day + 1:02d}")  # another year: nothing small beside it
    compute_all()
    values = {v.period_end.isoformat(): v for v in IndicatorValue.objects.filter(indicator__code="signals-per-form")}
    assert values["2024-03-31"].held_back and not values["2024-03-31"].withheld  # 3: small itself
    assert values["2024-06-30"].held_back and values["2024-06-30"].withheld  # 11: the smallest beside it
    assert not values["2024-09-30"].held_back and not values["2024-12-31"].held_back
    assert not values["2023-06-30"].held_back
