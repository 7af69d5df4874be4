import pytest
from rest_framework.test import APIClient

from keten.apps.accounts import services as accounts
from keten.apps.intake.models import Signal

from ...conftest import actor_for, make_member
from .test_services import VALID as FORM_VALID

VALID = {**FORM_VALID, "transit_countries": ["HU", "AT"]}
pytestmark = pytest.mark.django_db


@pytest.fixture
def api(police):
    member = make_member(police, "frontline")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {accounts.api_token_create(actor=actor_for(member), name='t', days=1)[1]}")
    return client


def test_create_read_and_list_a_signal(api):
    created = api.post("/api/v1/signals/", VALID, format="json")
    assert created.status_code == 201, created.json()
    assert created["Location"] == created.json()["url"]
    body = api.get(created.json()["url"]).json()
    assert body["reference"].startswith("S-") and body["source"] == "api" and body["forms"] == ["labour"]
    assert [p["family_name"] for p in body["persons"] if p["role"] == "victim"] == ["Popescu"]
    listed = api.get("/api/v1/signals/", {"form": "labour"}).json()
    assert listed["count"] == 1 and "persons" not in listed["results"][0]
    assert api.get("/api/v1/signals/", {"form": "criminal"}).json()["count"] == 0


def test_a_retried_create_returns_the_first_signal(api):
    first = api.post("/api/v1/signals/", VALID, format="json", HTTP_IDEMPOTENCY_KEY="9f3c")
    second = api.post("/api/v1/signals/", VALID, format="json", HTTP_IDEMPOTENCY_KEY="9f3c")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert Signal.objects.count() == 1


def test_draft_is_a_boolean_and_anything_else_is_refused(api):
    assert api.post("/api/v1/signals/", {**VALID, "draft": "true"}, format="json").json()["status"] == "draft"
    assert api.post("/api/v1/signals/", {**VALID, "draft": False}, format="json").json()["status"] == "new"
    refused = api.post("/api/v1/signals/", {**VALID, "draft": "maybe"}, format="json")
    assert refused.status_code == 400 and "draft" in refused.json()["errors"]
    assert Signal.objects.count() == 2


def test_invalid_signals_get_every_field_error(api):
    response = api.post("/api/v1/signals/", {"forms": ["nonsense"], "persons": [{"role": "victim", "age": 999}]},
                        format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "forms" in errors and "persons[0].age" in errors
    assert Signal.objects.count() == 0


def test_screen_close_and_conflict_through_the_api(api):
    signal = api.post("/api/v1/signals/", VALID, format="json").json()
    screened = api.post(f"/api/v1/signals/{signal['id']}/screenings/",
                        {"framework": "ilo_adult_labour", "present": ["DR01", "DR02"]}, format="json")
    assert screened.status_code == 201 and screened.json()["victim"] is False
    bad = api.post(f"/api/v1/signals/{signal['id']}/screenings/", {"framework": "nope"}, format="json")
    assert bad.status_code == 400
    now = api.get(f"/api/v1/signals/{signal['id']}/").json()
    assert now["status"] == "screened" and now["version"] == 2
    closed = api.post(f"/api/v1/signals/{signal['id']}/status/", {"to": "closed", "version": 2,
                                                                  "reason": "no_indications"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    stale = api.put(f"/api/v1/signals/{signal['id']}/", {**VALID, "version": 2}, format="json")
    assert stale.status_code == 409


def test_frameworks_are_listed_with_their_indicators(api):
    frameworks = {f["id"]: f for f in api.get("/api/v1/screening/frameworks/").json()}
    assert len(frameworks["ilo_adult_labour"]["indicators"]) == 67
