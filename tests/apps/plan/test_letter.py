"""The letter of 2018 as the first plan, through the same import every plan goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keten.apps.accounts.actor import Actor
from keten.apps.plan.letter import letter_document, load_letter
from keten.apps.plan.models import Measure

from ...conftest import make_organisation

pytestmark = pytest.mark.django_db

EDIT = frozenset({"plan.view", "plan.edit"})


@pytest.fixture
def letter_plan(db):
    make_organisation("police", "rotterdam", "Politie eenheid Rotterdam")
    make_organisation("ministry", "national", "Ministerie van Justitie en Veiligheid")
    return load_letter(actor=Actor.system("test", EDIT))


def test_every_measure_of_the_letter_is_in_the_plan_under_its_theme(letter_plan):
    source = letter_document()
    assert letter_plan.measures.count() == len(source["measures"]) == 75
    assert sorted(letter_plan.themes.values_list("code", flat=True)) == list("abcdefghijkl")
    per_theme = {t.code: t.primary_measures.count() for t in letter_plan.themes.all()}
    assert all(per_theme[code] >= 2 for code in "abcdefghijkl") and per_theme["g"] == 18
    assert set(letter_plan.measures.values_list("status", flat=True)) == {"started", "decided"}


def test_the_amounts_and_dates_named_in_the_letter(letter_plan):
    detectives = Measure.objects.get(slug="b-certified-detectives")
    money = sorted((f.from_year, f.amount_eur, f.structural) for f in detectives.funding.all())
    assert money == [(2017, Decimal("1000000"), False), (2018, Decimal("2000000"), True)]
    inspectorate = Measure.objects.get(slug="b-labour-inspectorate-funding")
    assert [f.amount_eur for f in inspectorate.funding.all()] == [Decimal("50000000")]
    assert "Regeerakkoord" in inspectorate.funding.get().note
    pilot = Measure.objects.get(slug="c-plausibility-pilot")
    assert any(d.date.isoformat() == "2018-01-01" for d in pilot.dates.all())


def test_partners_are_linked_to_keten_organisations(letter_plan):
    police = letter_plan.partners.get(code="police")
    assert police.organisations.filter(name="Politie eenheid Rotterdam").exists()
    ministry = letter_plan.partners.get(code="min_jenv")
    assert list(ministry.organisations.values_list("name", flat=True)) == ["Ministerie van Justitie en Veiligheid"]
    # A ministry not registered in Keten is named in the plan but linked to no organisation.
    assert not letter_plan.partners.get(code="min_bz").organisations.exists()
    led_by_police = Measure.objects.filter(lead__organisations__name="Politie eenheid Rotterdam").distinct()
    assert led_by_police.filter(slug="b-certified-detectives").exists()


def test_indicators_and_goals_come_with_the_first_plan(letter_plan):
    codes = set(letter_plan.indicators.values_list("code", flat=True))
    assert {"signals-per-form", "registered-victims", "coordination-coverage", "shelter-occupancy",
            "certified-detectives", "regional-tables"} <= codes
    goal = letter_plan.goals.get(indicator__code="certified-detectives")
    assert (goal.target_value, goal.measure.slug) == (Decimal("20"), "b-certified-detectives")
    assert letter_plan.versions.get().label.startswith("Kamerbrief")


def test_export_and_import_are_a_fixed_point(letter_plan):
    from keten.apps.plan.services import export, plan_import

    first = export(letter_plan)
    plan_import(actor=Actor.system("test", EDIT), doc=first)
    assert export(letter_plan) == first


def test_the_progress_letter_costs_the_same_queries_however_many_themes(letter_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from keten.apps.plan.report import render_html
    from keten.apps.plan.services import bottleneck_add, export, plan_import

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            render_html(letter_plan)
        return len(captured.captured_queries)

    edit = Actor.system("test", EDIT)
    bottleneck_add(actor=edit, theme_code=letter_plan.themes.order_by("code").first().code,
                   description="Wachtlijst opvang")
    before = queries()
    doc = export(letter_plan)
    doc["themes"].append({"code": "z", "nl": "Nieuw thema", "en": "New theme"})
    measure = dict(next(m for m in doc["measures"]), id="z-1", theme="z")
    measure.pop("related", None)
    doc["measures"].append(measure)
    plan_import(actor=edit, doc=doc)
    bottleneck_add(actor=edit, theme_code="z", description="Te weinig tolken")
    assert letter_plan.themes.count() == 13
    assert queries() == before  # measures and bottlenecks are read once for all themes
