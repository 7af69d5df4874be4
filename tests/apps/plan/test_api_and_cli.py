"""The plan over the API and on the command line: export, import all or nothing, progress."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rest_framework.test import APIClient

from keten.apps.plan.models import Measure, PlanChange
from keten.cli.plan import command

from ...conftest import make_member, make_organisation

pytestmark = pytest.mark.django_db


def _api(membership, settings) -> APIClient:
    settings.KETEN_DEMO_MODE = True  # the second factor is tested elsewhere
    client = APIClient()
    client.force_login(membership.user)
    session = client.session
    session["keten_membership_id"] = str(membership.pk)
    session.save()
    return client


def test_the_plan_over_the_api(plan, settings):
    lead = make_member(make_organisation("police", "rotterdam", "Politie Rotterdam"), "org_admin")
    client = _api(lead, settings)
    doc = client.get("/api/v1/plan/").json()
    assert doc["schema"] == "keten.plan/1" and len(doc["measures"]) == 3
    measures = {m["slug"]: m for m in client.get("/api/v1/plan/measures/").json()}
    assert measures["b-training"]["funding_eur"] == [1000000.0, 2000000.0]
    created = client.post("/api/v1/plan/measures/b-training/progress/", {"text": "Klaar", "status": "completed"},
                          format="json")
    assert created.status_code == 201 and created.json()["status_after"] == "completed"
    assert client.get("/api/v1/plan/measures/b-training/").json()["updates"][0]["text"] == "Klaar"
    not_lead = client.post("/api/v1/plan/measures/d-policy/progress/", {"text": "x"}, format="json")
    assert not_lead.status_code == 403
    assert client.get("/api/v1/plan/measures/nope/").status_code == 404


def test_indicator_values_over_the_api_are_checked(plan, ministry, settings):
    client = _api(make_member(ministry, "policy"), settings)
    bad = client.post("/api/v1/plan/indicators/detectives/values/", {"period_end": "2019-12-31", "value": "-1",
                                                                      "source": "x"}, format="json")
    assert bad.status_code == 400 and "value" in json.dumps(bad.json())
    for value in ("Infinity", "NaN", "1e30", "12345678901234567"):  # finite and storable, or refused
        refused = client.post("/api/v1/plan/indicators/detectives/values/", {"period_end": "2019-12-31",
                              "value": value, "source": "x"}, format="json")
        assert refused.status_code == 400, value
    long_series = client.post("/api/v1/plan/indicators/detectives/values/", {
        "period_end": "2019-12-31", "value": "2", "source": "x", "series": "s" * 61}, format="json")
    assert long_series.status_code == 400
    good = client.post("/api/v1/plan/indicators/detectives/values/", {"period_end": "2019-12-31", "value": "21",
                                                                       "source": "Politie"}, format="json")
    assert good.status_code == 201
    values = {i["code"]: i["values"] for i in client.get("/api/v1/plan/indicators/").json()}
    assert values["detectives"] == [{"period_end": "2019-12-31", "series": "", "value": "21.00", "held_back": False,
                                    "source": "Politie"}]


def _run(*args):
    return CliRunner().invoke(command, [str(a) for a in args])


def test_export_edit_and_import_round_trip(plan, tmp_path):
    exported = _run("export", "--format", "json")
    assert exported.exit_code == 0, exported.output
    doc = json.loads(exported.stdout)
    doc["measures"][0]["status"] = "completed"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = _run("import", path)
    assert result.exit_code == 0, result.output
    assert Measure.objects.get(slug=doc["measures"][0]["id"]).status == "completed"


def test_a_bad_import_file_changes_nothing_and_says_why(plan, tmp_path):
    doc = json.loads(_run("export").stdout)
    doc["measures"][0]["status"] = "completed"
    doc["measures"][1]["lead"] = ["interpol"]
    del doc["measures"][2]["theme"]
    path = tmp_path / "plan.yaml"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = PlanChange.objects.count()
    result = _run("import", path)
    assert result.exit_code == 1
    assert "measures[1].lead: Unknown organisation 'interpol'" in result.output
    assert "measures[2].theme" in result.output
    assert PlanChange.objects.count() == before and not Measure.objects.filter(status="completed").exists()
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"{not: [valid")
    assert "not readable JSON or YAML" in _run("import", garbage).output


def test_the_progress_letter_as_pdf(plan, tmp_path):
    out = tmp_path / "letter.pdf"
    result = _run("export", "--format", "pdf", "--language", "en", "--output", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert "needs a file" in _run("export", "--format", "pdf").output
