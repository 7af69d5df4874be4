"""The plan's writes: import all or nothing, edits with history and conflicts, progress only by the
lead partners, values within their unit's range, frozen versions and their differences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from keten.apps.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from keten.apps.plan import document, services
from keten.apps.plan.models import (Funding, Goal, Indicator, IndicatorValue, Measure, Partner, Plan, PlanChange,
                                    PlanVersion)

from ...conftest import actor_for, make_member, make_organisation

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Plan, Measure, Partner, Funding, Indicator, Goal, PlanChange,
                                             PlanVersion))


def test_import_builds_the_plan_freezes_its_first_version_and_is_idempotent(policy, doc):
    plan = services.plan_import(actor=policy, doc=doc)
    training = plan.measures.get(slug="b-training")
    assert training.status == "started" and training.theme.code == "b"
    assert sorted(f.amount_eur for f in training.funding.all()) == [Decimal("1000000"), Decimal("2000000")]
    assert [f.structural for f in training.funding.order_by("from_year")] == [False, True]
    assert sorted(t.code for t in plan.measures.get(slug="d-policy").themes.all()) == ["b", "d"]
    assert plan.versions.get().number == 1
    before = _counts()
    services.plan_import(actor=policy, doc=doc)
    after = _counts()
    # Only the history grows (one entry for the second import); nothing is duplicated.
    assert after[:6] == before[:6] and after[7] == before[7] and after[6] == before[6] + 1


def test_partners_stand_for_organisations_of_their_type_also_those_registered_later(plan):
    earlier = plan.partners.get(code="politie").organisations.count()
    police = make_organisation("police", "limburg", "Politie eenheid Limburg")
    make_organisation("bank", "national", "Een bank")
    assert plan.partners.get(code="politie").organisations.count() == earlier + 1
    assert police in plan.partners.get(code="politie").organisations.all()
    assert not plan.partners.get(code="vng").organisations.exists()


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d["measures"][0].pop("theme"), "measures[0].theme"),
    (lambda d: d["measures"][1].update(theme="z"), "measures[1].theme"),
    (lambda d: d["indicators"][0].pop("unit"), "indicators[0].unit"),
    (lambda d: d["goals"][0].update(indicator="nowhere"), "goals[0].indicator"),
    (lambda d: d["measures"][0].update(lead=["interpol"]), "measures[0].lead"),
    (lambda d: d["partners"][2].update(organisations=["Stichting Bestaat Niet"]), "partners[2].organisations"),
    (lambda d: d["partners"][0].update(organisation_types=["spaceship"]), "partners[0].organisation_types"),
    (lambda d: d["measures"][0]["funding"][0].update(amount_eur=-5), "measures[0].funding[0].amount_eur"),
    (lambda d: d["measures"][0].update(status="dreaming"), "measures[0].status"),
    (lambda d: d["goals"][0].update(target_value=-1), "goals[0].target_value"),
    (lambda d: d["measures"].append(dict(d["measures"][0])), "measures[3].id"),
])
def test_a_bad_document_is_refused_with_the_reason_and_nothing_changes(plan, policy, doc, break_it, where):
    doc["measures"][0]["status"] = "completed"  # a good change that must not land either
    break_it(doc)
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        services.plan_import(actor=policy, doc=doc)
    assert where in refused.value.fields
    assert _counts() == before
    assert Measure.objects.get(slug="b-training").status == "started"


def test_a_partner_may_name_a_registered_organisation(policy, doc):
    fairwork = make_organisation("ngo", "amsterdam", "FairWork")
    doc["partners"].append({"code": "fairwork", "nl": "FairWork", "organisations": ["FairWork"]})
    plan = services.plan_import(actor=policy, doc=doc)
    assert list(plan.partners.get(code="fairwork").organisations.all()) == [fairwork]


def test_only_the_policy_role_imports_and_edits(plan, doc):
    frontline = actor_for(make_member(make_organisation("police", "amsterdam"), "frontline"))
    with pytest.raises(PermissionDenied):
        services.plan_import(actor=frontline, doc=doc)
    measure = plan.measures.get(slug="d-policy")
    with pytest.raises(PermissionDenied):
        services.measure_update(actor=frontline, measure_id=measure.pk, version=1, data={"title_nl": "x"})


def test_editing_a_measure_keeps_history_and_refuses_a_stale_version(plan, policy):
    measure = plan.measures.get(slug="d-policy")
    services.measure_update(actor=policy, measure_id=measure.pk, version=1, data={
        "title_nl": measure.title_nl, "status": "started", "lead": ["gemeenten"], "end_on": date(2022, 12, 31)})
    measure.refresh_from_db()
    assert (measure.status, measure.version) == ("started", 2)
    assert list(measure.lead.values_list("code", flat=True)) == ["gemeenten"]
    change = PlanChange.objects.filter(measure=measure).get().change
    assert change["status"] == {"old": "decided", "new": "started"}
    assert change["lead"] == {"old": ["gemeenten", "vng"], "new": ["gemeenten"]}
    with pytest.raises(Conflict):  # a colleague who read version 1 does not overwrite this
        services.measure_update(actor=policy, measure_id=measure.pk, version=1, data={"title_nl": "Anders"})
    with pytest.raises(ValidationFailed) as refused:
        services.measure_update(actor=policy, measure_id=measure.pk, version=2, data={
            "title_nl": "x", "start_on": date(2020, 1, 1), "end_on": date(2019, 1, 1)})
    assert "end_on" in refused.value.fields


def test_progress_is_reported_by_the_lead_partners_only(plan):
    measure = plan.measures.get(slug="b-training")
    lead = actor_for(make_member(make_organisation("police", "rotterdam", "Politie Rotterdam"), "org_admin"))
    other = actor_for(make_member(make_organisation("municipality", "midden-nederland", "Gemeente Utrecht"), "org_admin"))
    with pytest.raises(PermissionDenied):
        services.progress_update(actor=other, measure_id=measure.pk, text="Wij doen ook mee")
    update = services.progress_update(actor=lead, measure_id=measure.pk, text="Eerste lichting klaar",
                                      status="completed")
    measure.refresh_from_db()
    assert (update.status_before, measure.status, measure.version) == ("started", "completed", 2)
    with pytest.raises(ValidationFailed):
        services.progress_update(actor=lead, measure_id=measure.pk, text="  ")


def test_indicator_values_stay_within_their_unit_and_computed_ones_are_not_typed_in(plan, policy):
    detectives = plan.indicators.get(code="detectives")
    services.indicator_value_record(actor=policy, indicator_id=detectives.pk, period_end="2018-12-31", value="23",
                                    source="Politie, jaarverslag 2018")
    with pytest.raises(ValidationFailed) as refused:
        services.indicator_value_record(actor=policy, indicator_id=detectives.pk, period_end="2019-12-31",
                                        value="-3", source="x")
    assert "value" in refused.value.fields
    coverage = plan.indicators.get(code="coverage")
    with pytest.raises(ValidationFailed):
        services.indicator_value_record(actor=policy, indicator_id=coverage.pk, period_end="2019-12-31",
                                        value="50", source="x")
    assert IndicatorValue.objects.get().value == Decimal("23")


@pytest.mark.parametrize("field, entry", [
    ("value", {"value": "21.125"}),  # the column keeps two decimals: .125 would become .13 unseen
    ("source", {"source": "x" * 301}),  # was cut to 300 characters unseen
    ("series", {"series": "s" * 61}),
])
def test_a_value_the_columns_cannot_hold_is_refused_not_rounded_or_cut(plan, policy, field, entry):
    detectives = plan.indicators.get(code="detectives")
    with pytest.raises(ValidationFailed) as refused:
        services.indicator_value_record(actor=policy, indicator_id=detectives.pk,
                                        **{"period_end": "2019-12-31", "value": "21", "source": "Politie", **entry})
    assert list(refused.value.fields) == [field]
    assert not IndicatorValue.objects.exists()


def test_a_goal_target_too_large_to_be_a_number_is_refused_on_import(policy, doc):
    doc["goals"][0]["target_value"] = "1e30"
    with pytest.raises(ValidationFailed) as refused:
        services.plan_import(actor=policy, doc=doc)
    assert "goals[0].target_value" in refused.value.fields and not Plan.objects.exists()


def test_an_import_makes_an_edit_form_opened_before_it_stale(plan, policy, doc):
    measure = plan.measures.get(slug="d-coordination")
    opened_at = measure.version
    doc["measures"][1]["status"] = "completed"
    services.plan_import(actor=policy, doc=doc)
    with pytest.raises(Conflict):
        services.measure_update(actor=policy, measure_id=measure.pk, version=opened_at,
                                data={"title_nl": "Iets anders", "status": "planned"})


def test_a_percentage_above_100_is_refused(policy, doc):
    doc["indicators"][0]["unit"] = "percent"
    plan = services.plan_import(actor=policy, doc={**doc, "goals": []})
    indicator = plan.indicators.get(code="detectives")
    with pytest.raises(ValidationFailed) as refused:
        services.indicator_value_record(actor=policy, indicator_id=indicator.pk, period_end="2019-12-31",
                                        value="120", source="x")
    assert "outside the range" in refused.value.fields["value"][0]


def test_a_frozen_version_compares_with_the_plan_now(plan, policy):
    measure = plan.measures.get(slug="d-coordination")
    services.measure_update(actor=policy, measure_id=measure.pk, version=1, data={"title_nl": measure.title_nl,
                                                                                 "status": "started"})
    first = plan.versions.get(number=1)
    changes = document.diff(first.snapshot, services.export(plan))
    assert changes == [{"section": "measures", "key": "d-coordination", "title": {"nl": "Zorgcoördinatie", "en": "Care coordination"},
                        "kind": "changed", "fields": {"status": {"old": "decided", "new": "started"}}}]
    second = services.freeze(actor=policy, label="Voortgang 2019")
    assert second.number == 2 and document.diff(second.snapshot, services.export(plan)) == []


def test_evaluations_and_bottlenecks(plan, policy):
    measure = plan.measures.get(slug="b-training")
    with pytest.raises(ValidationFailed) as refused:
        services.evaluation_add(actor=policy, measure_id=measure.pk, finding="", judgement="great",
                                evaluated_on="2099-01-01", evaluator="")
    assert {"finding", "judgement", "evaluated_on", "evaluator"} <= refused.value.fields.keys()
    services.evaluation_add(actor=policy, measure_id=measure.pk, finding="Doel gehaald", judgement="achieved",
                            evaluated_on="2019-06-01", evaluator="WODC")
    assert measure.evaluations.get().judgement == "achieved"
    frontline = actor_for(make_member(make_organisation("municipality", "midden-nederland"), "frontline"))
    bottleneck = services.bottleneck_add(actor=frontline, theme_code="d", raised_by="gemeenten",
                                         description="Geen opvangplek voor mannen in de regio")
    services.bottleneck_update(actor=policy, bottleneck_id=bottleneck.pk, status="addressed",
                               measure_ids=[str(plan.measures.get(slug="d-coordination").pk)], version=1)
    bottleneck.refresh_from_db()
    assert bottleneck.status == "addressed" and bottleneck.measures.get().slug == "d-coordination"
    with pytest.raises(Conflict):
        services.bottleneck_update(actor=policy, bottleneck_id=bottleneck.pk, status="resolved", measure_ids=[],
                                   version=1)
    with pytest.raises(ValidationFailed):
        services.bottleneck_add(actor=frontline, theme_code="q", description="x")


@pytest.mark.parametrize("from_year, to_year, structural, en, nl", [
    (2018, None, True, "structural, from 2018", "structureel, vanaf 2018"),
    (2017, 2017, False, "one-off, 2017", "eenmalig, 2017"),
    (2018, None, False, "from 2018", "vanaf 2018"),  # money per year the letter does not call structural
    (2018, 2021, False, "2018–2021", "2018–2021"),
])
def test_funding_says_its_years_and_kind(from_year, to_year, structural, en, nl):
    from django.utils import translation

    from keten.apps.plan.models import Funding

    funding = Funding(amount_eur=1, from_year=from_year, to_year=to_year, structural=structural)
    with translation.override("en"):
        assert funding.period == en
    with translation.override("nl"):
        assert funding.period == nl


def test_the_policy_role_adds_and_takes_off_money_with_history(plan, policy):
    measure = plan.measures.get(slug="b-training")
    before = measure.funding.count()
    added = services.funding_add(actor=policy, measure_id=measure.pk, amount_eur="250000", from_year=2020,
                                 to_year=2021, note="Voorjaarsnota 2020")
    assert measure.funding.count() == before + 1 and added.amount_eur == Decimal("250000")
    history = PlanChange.objects.filter(measure=measure).order_by("-id").first()
    assert "250,000" in history.change["funding"]["new"] and "2020–2021" in history.change["funding"]["new"]

    with pytest.raises(ValidationFailed) as refused:
        services.funding_add(actor=policy, measure_id=measure.pk, amount_eur="-1", from_year=2022, to_year=2020)
    assert set(refused.value.fields) == {"amount_eur", "to_year"}
    assert measure.funding.count() == before + 1

    services.funding_remove(actor=policy, measure_id=measure.pk, funding_id=added.pk)
    assert measure.funding.count() == before
    assert "250,000" in PlanChange.objects.filter(measure=measure).order_by("-id").first().change["funding"]["old"]
    with pytest.raises(NotFound):  # gone already
        services.funding_remove(actor=policy, measure_id=measure.pk, funding_id=added.pk)
    other = plan.measures.exclude(pk=measure.pk).first()
    with pytest.raises(NotFound):  # a line is taken off only through its own measure
        services.funding_remove(actor=policy, measure_id=other.pk, funding_id=measure.funding.first().pk)
    assert measure.funding.count() == before


def test_only_the_policy_role_changes_the_money(plan):
    frontline = actor_for(make_member(make_organisation("police"), "frontline"))
    measure = plan.measures.get(slug="b-training")
    with pytest.raises(PermissionDenied):
        services.funding_add(actor=frontline, measure_id=measure.pk, amount_eur=1, from_year=2020)
    with pytest.raises(PermissionDenied):
        services.funding_remove(actor=frontline, measure_id=measure.pk, funding_id=measure.funding.first().pk)
