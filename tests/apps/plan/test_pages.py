"""The plan as its users meet it: a policy user works on the letter's plan; partners read it and
report progress on what they lead."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from keten.apps.accounts.actor import Actor
from keten.apps.plan.letter import load_letter
from keten.apps.plan.models import Evaluation, IndicatorValue, Measure, PlanChange

from ...conftest import actor_for, make_member, make_organisation

pytestmark = pytest.mark.django_db


def _client(signed_in, membership):
    client = signed_in(membership)
    client.cookies["keten_language"] = "en"
    return client


@pytest.fixture
def letter_plan(db):
    return load_letter(actor=Actor.system("test", frozenset({"plan.view", "plan.edit"})))


@pytest.fixture
def policy_member(db):
    return make_member(make_organisation("ministry", "national", "Ministerie van Justitie en Veiligheid"), "policy")


def test_a_policy_user_works_on_the_letters_plan(signed_in, policy_member, letter_plan):
    client = _client(signed_in, policy_member)
    overview = client.get(reverse("plan:overview")).content.decode()
    assert "Strengthening investigation" in overview and "Public-private cooperation" in overview

    measure = Measure.objects.get(slug="b-certified-detectives")
    page = client.get(reverse("plan:measure", args=[measure.slug])).content.decode()
    assert "20 extra certified trafficking detectives" in page and "2,000,000" in page
    assert measure.start_on is None and "no dates named" in page
    measure.start_on = date(2018, 1, 1)
    measure.save(update_fields=["start_on"])
    assert "from 1 Jan 2018" in client.get(reverse("plan:measure", args=[measure.slug])).content.decode()

    funding = reverse("plan:funding", args=[measure.slug])
    lines = measure.funding.count()
    added = client.post(funding, {"amount_eur": "300000", "from_year": "2019", "to_year": "", "structural": "on",
                                  "note": "Voorjaarsnota"}, follow=True).content.decode()
    assert "The money is added" in added and "structural, from 2019" in added and measure.funding.count() == lines + 1
    refused = client.post(funding, {"amount_eur": "", "from_year": "2019"}, follow=True).content.decode()
    assert "Amount in euros" in refused and measure.funding.count() == lines + 1
    line = measure.funding.get(amount_eur=300000)
    assert client.post(funding, {"remove": str(line.pk)}).status_code == 302
    assert measure.funding.count() == lines

    edit = reverse("plan:measure_edit", args=[measure.slug])
    response = client.post(edit, {"title_nl": measure.title_nl, "title_en": measure.title_en, "status": "completed",
                                  "lead": ["police", "om"], "version": measure.version})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "completed"
    stale = client.post(edit, {"title_nl": "Iets anders", "status": "stopped", "version": 1})
    assert stale.status_code == 400 and "changed" in stale.content.decode().lower()
    measure.refresh_from_db()
    assert measure.title_nl != "Iets anders"

    record = reverse("plan:indicator_record", args=["certified-detectives"])
    assert client.post(record, {"period_end": "2018-12-31", "value": "22", "source": "Politie"}).status_code == 302
    refused = client.post(record, {"period_end": "2019-12-31", "value": "-4", "source": "Politie"})
    assert refused.status_code == 400 and "outside the range" in refused.content.decode()
    assert IndicatorValue.objects.filter(indicator__code="certified-detectives").count() == 1

    client.post(reverse("plan:evaluation", args=[measure.slug]), {
        "finding": "Twintig rechercheurs per jaar gecertificeerd", "evidence": "jaarverslag", "judgement": "achieved",
        "evaluated_on": "2019-06-30", "evaluator": "WODC"})
    assert Evaluation.objects.get(measure=measure).evaluator == "WODC"

    assert "Nothing differs" in client.get(reverse("plan:compare") + "?from=1&to=1").content.decode()
    compare = client.get(reverse("plan:compare") + "?from=1&to=now").content.decode()
    assert "1 difference." in compare and "completed" in compare

    history = client.get(reverse("plan:history")).content.decode()
    assert "status: started → completed" in history

    letter = client.get(reverse("plan:progress_letter") + "?lang=en&format=pdf")
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF")
    html = client.get(reverse("plan:progress_letter") + "?lang=nl").content.decode()
    assert "Versterking opsporing" in html and "status: started → completed" in html
    assert "Twintig extra gecertificeerde rechercheurs per jaar" in html  # a goal, with its latest value
    assert "22" in html


def test_partners_read_the_plan_but_only_the_policy_role_edits_it(signed_in, letter_plan):
    frontline = make_member(make_organisation("police", "rotterdam", "Politie eenheid Rotterdam"), "frontline")
    client = _client(signed_in, frontline)
    page = client.get(reverse("plan:measure", args=["b-certified-detectives"]))
    assert page.status_code == 200 and "Change this measure" not in page.content.decode()
    assert client.post(reverse("plan:measure_edit", args=["b-certified-detectives"]),
                       {"title_nl": "x", "status": "stopped", "version": 1}).status_code == 403
    assert Measure.objects.get(slug="b-certified-detectives").status == "started"
    mine = client.get(reverse("plan:mine")).content.decode()
    assert "20 extra certified trafficking detectives" in mine


def test_the_lead_partner_reports_progress_and_others_cannot(signed_in, letter_plan):
    police_admin = make_member(make_organisation("police", "rotterdam", "Politie eenheid Rotterdam"), "org_admin")
    client = _client(signed_in, police_admin)
    url = reverse("plan:progress", args=["b-certified-detectives"])
    client.post(url, {"text": "Eerste 20 rechercheurs gecertificeerd", "status": ""})
    assert Measure.objects.get(slug="b-certified-detectives").updates.get().organisation == police_admin.organisation
    coa_admin = make_member(make_organisation("coa", "national", "COA"), "org_admin")
    other = _client(signed_in, coa_admin)
    response = other.post(url, {"text": "Wij ook", "status": "completed"}, follow=True)
    assert "Only organisations that lead this measure" in response.content.decode()
    assert Measure.objects.get(slug="b-certified-detectives").status == "started"


def test_any_partner_raises_a_bottleneck_and_the_policy_role_follows_it_up(signed_in, policy_member, letter_plan):
    municipality = make_member(make_organisation("municipality", "rotterdam", "Gemeente Rotterdam"), "frontline")
    client = _client(signed_in, municipality)
    response = client.post(reverse("plan:bottlenecks"), {"theme": "c", "raised_by": "gemeenten",
                                                          "description": "Te weinig opvangplekken voor mannen"})
    assert response.status_code == 302
    empty = client.post(reverse("plan:bottlenecks"), {"theme": "", "description": ""})
    assert empty.status_code == 400
    bottleneck = letter_plan.bottlenecks.get()
    policy = _client(signed_in, policy_member)
    answer = Measure.objects.get(slug="c-extra-specialised-shelter-places")
    policy.post(reverse("plan:bottleneck_follow_up", args=[bottleneck.pk]), {
        f"{bottleneck.pk}-status": "addressed", f"{bottleneck.pk}-measures": [str(answer.pk)],
        f"{bottleneck.pk}-version": 1})
    bottleneck.refresh_from_db()
    assert bottleneck.status == "addressed" and list(bottleneck.measures.all()) == [answer]
    assert PlanChange.objects.filter(object_type="bottleneck").count() == 2


def test_freezing_a_version_from_the_page(signed_in, policy_member, letter_plan):
    client = _client(signed_in, policy_member)
    assert client.post(reverse("plan:freeze"), {"label": ""}).status_code == 400
    client.post(reverse("plan:freeze"), {"label": "Voortgangsbrief 2019"})
    assert list(letter_plan.versions.values_list("number", "label")) == [(2, "Voortgangsbrief 2019"),
                                                                          (1, letter_plan.versions.get(number=1).label)]


def test_the_bottleneck_register_costs_the_same_queries_for_one_or_many(signed_in, policy_member, letter_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from keten.apps.plan import services

    client = _client(signed_in, policy_member)
    actor = actor_for(policy_member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("plan:bottlenecks")).status_code == 200
        return len(captured.captured_queries)

    services.bottleneck_add(actor=actor, theme_code="c", description="Te weinig plekken")
    one = queries()
    for n in range(10):
        services.bottleneck_add(actor=actor, theme_code="d", description=f"Knelpunt {n}")
    assert queries() == one  # the follow-up forms share one list of measures


def test_goal_and_indicator_pages_cost_the_same_queries_for_few_or_many_goals(signed_in, policy_member, letter_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from keten.apps.plan import services

    client = _client(signed_in, policy_member)
    actor = actor_for(policy_member)
    for indicator in letter_plan.indicators.filter(computation=""):
        services.indicator_value_record(actor=actor, indicator_id=indicator.pk, period_end="2019-12-31", value="10",
                                        source="CoMensha", series="")
    pages = [reverse("plan:overview"), reverse("plan:indicators")]

    def queries() -> list[int]:
        counts = []
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    goals = list(letter_plan.goals.order_by("pk"))
    assert len(goals) >= 4
    many = queries()
    letter_plan.goals.filter(pk__in=[g.pk for g in goals[len(goals) // 2:]]).delete()
    assert queries() == many  # the latest value of every goal and indicator comes from one query
