"""The privacy officer's audit search: own organisation only, every search and export recorded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keten.apps.audit.models import AuditEvent

from ...conftest import make_member

pytestmark = pytest.mark.django_db


def test_privacy_officer_sees_only_events_of_the_own_organisation(signed_in, police, municipality):
    officer = make_member(police, "privacy_officer")
    colleague = make_member(police, "frontline")
    outsider = make_member(municipality, "frontline")
    for member in (colleague, outsider):  # each leaves an event of their own organisation
        signed_in(member).get("/audit/")
    client = signed_in(officer)
    response = client.get("/audit/", {"q": "1"})
    assert response.status_code == 200
    shown = list(response.context["page"])
    assert {e.actor_label for e in shown} == {colleague.user.email, officer.user.email}  # incl. this search
    assert all(e.organisation_id == police.pk for e in shown)
    assert outsider.user.email not in response.content.decode()
    assert AuditEvent.objects.filter(action="audit_searched", actor_id=officer.user_id).count() == 1


def test_search_filters_and_csv_export_are_recorded(signed_in, police):
    officer = make_member(police, "privacy_officer")
    client = signed_in(officer)
    make_member(police, "frontline")
    client.get("/organisation/members/")  # reading members is a read of personal data
    response = client.get("/audit/", {"action": "personal_data_viewed", "q": "1"})
    events = list(response.context["page"])
    assert events and {e.action for e in events} == {"personal_data_viewed"}
    export = client.get("/audit/export.csv", {"action": "personal_data_viewed"})
    assert export["Content-Type"].startswith("text/csv")
    rows = export.content.decode().strip().splitlines()
    assert rows[0].startswith("id,occurred_at,action") and len(rows) == 1 + len(events)
    assert AuditEvent.objects.filter(action="exported", actor_id=officer.user_id).exists()


def test_bad_filter_values_keep_the_form_and_show_no_error_page(signed_in, police):
    client = signed_in(make_member(police, "privacy_officer"))
    response = client.get("/audit/", {"date_from": "gisteren", "action": "nonsense", "q": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_audit_page_takes_a_fixed_number_of_queries(signed_in, police):
    client = signed_in(make_member(police, "privacy_officer"))
    client.get("/audit/", {"q": "1"})
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/", {"q": "1"})
    for _ in range(30):
        client.get("/")
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/", {"q": "1"})
    assert len(many.captured_queries) == len(few.captured_queries) <= 15


def test_verifying_from_the_page_reports_an_intact_chain(signed_in, police):
    client = signed_in(make_member(police, "privacy_officer"))
    client.cookies["keten_language"] = "en"
    response = client.post("/audit/verify/")
    assert response.status_code == 200 and "intact" in response.content.decode()
