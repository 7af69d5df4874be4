"""The API: problem+json errors, token authentication bound to one organisation, scoping."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from keten.apps.accounts import services
from keten.apps.accounts.models import Role
from keten.apps.audit.models import AuditEvent

from ..conftest import actor_for, make_member

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def api():
    return APIClient()


def _token_for(membership, days=30):
    _token, key = services.api_token_create(actor=actor_for(membership), name="script", days=days)
    return key


def test_without_credentials_the_api_answers_401_as_problem_json(api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 401 and body["title"] and body["detail"] and body["instance"] == "/api/v1/me/"
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_acts_for_the_organisation_it_was_made_in(api, police, municipality):
    member_police = make_member(police, "frontline", email="twee@test.keten.nl")
    make_member(municipality, "care_coordinator", email="twee@test.keten.nl")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for(member_police)}")
    me = api.get("/api/v1/me/").json()
    assert me["organisation"]["name"] == police.name and me["role"] == "Frontline professional"
    assert len(me["memberships"]) == 2


def test_bad_malformed_revoked_and_expired_tokens_are_refused(api, org_admin):
    for header in ("Token nonsense", "Token", "Token a b"):
        api.credentials(HTTP_AUTHORIZATION=header)
        assert api.get("/api/v1/me/").status_code == 401
    member = make_member(org_admin.organisation, "frontline")
    key = _token_for(member)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/me/").status_code == 200
    token = member.api_tokens.get()
    services.api_token_revoke(actor=actor_for(member), token_id=token.pk)
    assert api.get("/api/v1/me/").status_code == 401


def test_invalid_payload_lists_every_field_error(api, org_admin):
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for_admin(org_admin)}")
    response = api.post("/api/v1/memberships/", {"email": "not an address", "role_id": "x"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    errors = response.json()["errors"]
    assert set(errors) == {"email", "role_id"}


def _token_for_admin(membership):
    # Organisation admins do not carry accounts.use_api by default; an admin grants it to their role.
    role = membership.role
    role.permissions.add("accounts.use_api")
    return _token_for(membership)


def test_service_errors_come_back_with_their_field(api, org_admin, municipality):
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for_admin(org_admin)}")
    foreign_role = Role.objects.get(organisation=municipality, template="frontline")
    response = api.post("/api/v1/memberships/", {"email": "a@b.nl", "full_name": "A", "role_id": str(foreign_role.pk)},
                        format="json")
    assert response.status_code == 400 and "role" in response.json()["errors"]


def test_another_organisations_membership_is_simply_not_found(api, org_admin, municipality):
    other = make_member(municipality, "frontline")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for_admin(org_admin)}")
    assert api.get(f"/api/v1/memberships/{other.pk}/").status_code == 404
    missing = api.get("/api/v1/memberships/00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404 and missing.json()["detail"] == api.get(f"/api/v1/memberships/{other.pk}/").json()["detail"]


def test_a_conflicting_update_answers_409_and_changes_nothing(api, org_admin):
    member = make_member(org_admin.organisation, "frontline")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for_admin(org_admin)}")
    analyst = Role.objects.get(organisation=org_admin.organisation, template="analyst")
    first = api.patch(f"/api/v1/memberships/{member.pk}/",
                      {"role_id": str(analyst.pk), "is_active": True, "version": member.version}, format="json")
    assert first.status_code == 200
    second = api.patch(f"/api/v1/memberships/{member.pk}/",
                       {"role_id": str(member.role_id), "is_active": False, "version": member.version}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "conflict"
    english = api.patch(f"/api/v1/memberships/{member.pk}/", {"role_id": str(member.role_id), "is_active": False,
                        "version": member.version}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "Reload" in english.json()["detail"]
    member.refresh_from_db()
    assert member.is_active and member.role == analyst


def test_reading_members_is_audited_and_takes_a_fixed_number_of_queries(api, org_admin):
    for _ in range(3):
        make_member(org_admin.organisation, "frontline")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for_admin(org_admin)}")
    api.get("/api/v1/memberships/")  # warm up
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/memberships/").status_code == 200
    for _ in range(10):
        make_member(org_admin.organisation, "frontline")
    with CaptureQueriesContext(connection) as many:
        response = api.get("/api/v1/memberships/")
    assert len(response.json()) == 14
    assert len(many.captured_queries) == len(few.captured_queries) <= 12
    event = AuditEvent.objects.filter(action="personal_data_viewed").latest("id")
    assert len(event.details["ids"]) == 14 and event.purpose


def test_the_directory_is_paginated_and_filterable(api, police, municipality):
    member = make_member(police, "frontline")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for(member)}")
    body = api.get("/api/v1/organisations/", {"type": "municipality"}).json()
    assert body["count"] == 1 and body["results"][0]["name"] == "Gemeente Rotterdam"
    assert api.get(f"/api/v1/organisations/{municipality.pk}/").json()["type_label"]


def test_unknown_filter_values_in_the_audit_search_are_a_400(api, police):
    privacy = make_member(police, "privacy_officer")
    privacy.role.permissions.add("accounts.use_api")
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for(privacy)}")
    response = api.get("/api/v1/audit/events/", {"action": "made_up", "date_from": "yesterday"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"action", "date_from"}
    assert api.get("/api/v1/audit/events/").status_code == 200
