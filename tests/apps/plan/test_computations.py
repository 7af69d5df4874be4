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
