"""The referral mechanism as its users meet it in the pages."""

import pytest
from django.utils import timezone

from keten.apps.care import services
from keten.apps.care.models import Case, Placement, Referral, Task

from ...conftest import make_member, make_organisation
from .conftest import signal_for_desk

pytestmark = pytest.mark.django_db


def _client(signed_in, membership):
    client = signed_in(membership)
    client.cookies["keten_language"] = "en"
    return client


@pytest.fixture
def desk_member(db):
    return make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk")


def test_registering_warns_of_a_possible_existing_case_and_registers_on_confirmation(signed_in, desk_member,
                                                                                     police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    first = signal_for_desk(police_frontline, desk)
    second = signal_for_desk(police_frontline, desk)
    client = _client(signed_in, desk_member)
    page = client.get("/cases/register/")
    assert first.reference in page.content.decode() and second.reference in page.content.decode()
    assert client.post("/cases/register/", {"signals": [str(first.pk)], "dossier_type": "registration"}).status_code == 302
    warned = client.post("/cases/register/", {"signals": [str(second.pk)], "dossier_type": "registration"})
    assert warned.status_code == 400 and "Possibly already registered" in warned.content.decode()
    confirmed = client.post("/cases/register/", {"signals": [str(second.pk)], "dossier_type": "registration",
                                                 "confirm_new": "on"})
    assert confirmed.status_code == 302 and Case.objects.count() == 2


def test_the_case_page_refers_records_steps_and_shows_the_timeline(signed_in, desk_member, police_frontline,
                                                                   coordinator):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    client = _client(signed_in, desk_member)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200 and "Popescu" in page.content.decode()
    client.post(f"/cases/{case.pk}/events/", {"event-kind": "step", "event-step": "reflection_started",
                                              "event-visibility": "shared",
                                              "event-occurred_on": timezone.localdate().isoformat()})
    assert Task.objects.filter(case=case, term="reflection_end").exists()
    client.post(f"/cases/{case.pk}/referrals/", {"referral-to_organisation": str(coordinator.organisation_id),
                                                 "referral-kind": "care_coordination", "referral-purpose": "zorg",
                                                 "referral-consent": "given"})
    assert Referral.objects.filter(case=case).count() == 1
    refused = client.post(f"/cases/{case.pk}/referrals/", {"referral-to_organisation": str(coordinator.organisation_id),
                                                           "referral-kind": "ind", "referral-purpose": "x",
                                                           "referral-consent": "given"},
                          follow=True)
    assert "cannot receive" in refused.content.decode()
    timeline = client.get(f"/cases/{case.pk}/").context["timeline"]
    assert {"registered", "step", "referral", "signal", "task"} <= {item.kind for item in timeline}


def test_a_coordinator_answers_a_referral_and_then_sees_the_case(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    coordinator_member = make_member(make_organisation("municipality", "rotterdam", "Gemeente Rotterdam"),
                                     "care_coordinator")
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator_member.organisation_id,
                                      kind="care_coordination", purpose="zorgtraject", consent="given")
    client = _client(signed_in, coordinator_member)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    listing = client.get("/cases/")
    assert case.reference in listing.content.decode()  # in "waiting for your answer"
    detail = client.get(f"/referrals/{referral.pk}/")
    assert "zorgtraject" in detail.content.decode() and "Popescu" not in detail.content.decode()
    answered = client.post(f"/referrals/{referral.pk}/answer/", {"to": "accepted", "version": "1"})
    assert answered["Location"] == f"/cases/{case.pk}/"
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_placement_suggestions_and_the_capacity_overview(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    keeper = Actor.for_membership(make_member(make_organisation("shelter", "rotterdam", "Opvang R"), "org_admin"))
    services.facility_create(actor=keeper, name="COSM Rotterdam", categories=["cosm"], region="rotterdam", places=2,
                             spoken=["ro"])
    services.facility_create(actor=keeper, name="COSM Limburg", categories=["cosm"], region="limburg", places=2)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    case.languages = ["ro"]
    case.save(update_fields=["languages"])
    request = services.placement_request(actor=desk, case_id=case.pk, category="cosm", region="rotterdam")
    client = _client(signed_in, desk_member)
    page = client.get(f"/placements/{request.pk}/")
    names = [m.offer.name for m in page.context["matches"]]
    assert names == ["COSM Rotterdam", "COSM Limburg"]
    facility_id = page.context["matches"][0].offer.facility_id
    assert client.post(f"/placements/{request.pk}/", {"facility": facility_id})["Location"] == f"/cases/{case.pk}/"
    assert Placement.objects.get().facility.name == "COSM Rotterdam"
    overview = client.get("/shelter/")
    assert overview.context["by_category"]["cosm"] == {"places": 4, "occupied": 1, "free": 3}


def test_the_task_list_and_its_calendar(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    services.case_event_add(actor=desk, case_id=case.pk, kind="step", step="reflection_started", occurred_on="")
    client = _client(signed_in, desk_member)
    tasks = client.get("/tasks/")
    assert [t.term for t, _state in tasks.context["tasks"]] == ["reflection_end"]
    calendar = client.get("/tasks/calendar.ics")
    body = calendar.content.decode()
    assert calendar["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR") and case.reference in body and "Popescu" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_coverage_page_counts_municipalities_with_a_coordinator(signed_in, desk_member, coordinator):
    client = _client(signed_in, desk_member)
    client.post("/coordination/set/", {"municipality": "GM0599", "organisation": str(coordinator.organisation_id)})
    page = client.get("/coordination/")
    assert page.context["covered"] == 1


def test_the_desk_merges_a_duplicate_from_the_case_page(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    keep = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    duplicate = services.case_register(actor=desk, signal_ids=[
        signal_for_desk(police_frontline, desk, given="A.M.", family="Popesku").pk])
    client = _client(signed_in, desk_member)
    refused = client.post(f"/cases/{duplicate.pk}/merge/", {"into": "C-NOPE-NOPE", "reason": "x"}, follow=True)
    assert "no open case" in refused.content.decode()
    merged = client.post(f"/cases/{duplicate.pk}/merge/", {"into": keep.reference.lower(), "reason": "zelfde foto"})
    assert merged["Location"] == f"/cases/{keep.pk}/"
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk


def test_capacity_can_be_seen_on_another_day(signed_in, desk_member):
    client = _client(signed_in, desk_member)
    assert client.get("/shelter/", {"day": "2025-01-01"}).context["day"].isoformat() == "2025-01-01"
    assert client.get("/shelter/", {"day": "not a date"}).status_code == 200
