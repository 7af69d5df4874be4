"""The referral mechanism as its users meet it in the pages."""

import pytest
from django.utils import timezone

from keten.apps.audit.models import AuditEvent
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
    shown = overview.content.decode()
    # the code lists' names in the page's language, not their codes
    assert "COSM (categorical shelter)" in shown and ">Limburg<" in shown and ">limburg<" not in shown
    case_page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "COSM (categorical shelter) —" in case_page


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


def test_the_duplicate_warning_leads_to_the_case_where_the_signals_are_added(signed_in, desk_member,
                                                                             police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    again = signal_for_desk(police_frontline, desk, given="ana maria")
    client = _client(signed_in, desk_member)
    warned = client.post("/cases/register/", {"signals": [str(again.pk)], "dossier_type": "registration"})
    link = f"/cases/{case.pk}/?signal={again.pk}"
    assert warned.status_code == 400 and link in warned.content.decode()
    page = client.get(link)
    assert page.context["signals_form"]["signals"].value() == [str(again.pk)]
    assert f'value="{again.pk}"' in page.content.decode()
    nothing = client.post(f"/cases/{case.pk}/signals/", {"signals-version": case.version})
    assert nothing.status_code == 400 and "Signals about this person: This field is required." in nothing.content.decode()
    added = client.post(f"/cases/{case.pk}/signals/", {"signals-signals": [str(again.pk)],
                                                        "signals-version": case.version})
    assert added["Location"] == f"/cases/{case.pk}/" and case.signal_links.count() == 2
    stale = client.post(f"/cases/{case.pk}/signals/", {"signals-signals": [str(again.pk)],
                                                        "signals-version": case.version})
    assert stale.status_code == 400 and "Select a valid choice" in stale.content.decode()  # no longer to be added


def test_a_frontline_professional_cannot_add_signals_to_a_case(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    client = _client(signed_in, police_frontline.membership)
    assert client.post(f"/cases/{case.pk}/signals/", {"signals-version": case.version}).status_code == 403


def test_a_refused_case_action_shows_the_page_again_with_what_was_wrong(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    client = _client(signed_in, desk_member)
    too_long = client.post(f"/cases/{case.pk}/tasks/", {"task-title": "bel " * 60, "task-due_on": "2030-01-01"})
    body = too_long.content.decode()
    assert too_long.status_code == 400 and "Task: Ensure this value has at most 200 characters" in body
    assert "2030-01-01" in body and Task.objects.filter(case=case, title__startswith="bel").count() == 0
    no_note = client.post(f"/cases/{case.pk}/events/", {"event-kind": "note", "event-visibility": "shared"})
    assert no_note.status_code == 400 and "Write the note." in no_note.content.decode()
    assert no_note.context["event_form"].errors["note"] == ["Write the note."]
    stale = client.post(f"/cases/{case.pk}/close/", {"close-reason": "care_completed", "close-version": case.version + 5})
    assert stale.status_code == 409 and "Someone else changed this record" in stale.content.decode()
    tampered = client.post(f"/cases/{case.pk}/close/", {"close-reason": "care_completed", "close-version": "x"})
    assert tampered.status_code == 400 and "Someone else changed this record" in tampered.content.decode()
    case.refresh_from_db()
    assert case.status == "open"
    closed = client.post(f"/cases/{case.pk}/close/", {"close-reason": "care_completed", "close-version": case.version})
    assert closed.status_code == 302
    refused = client.post(f"/cases/{case.pk}/events/", {"event-kind": "note", "event-note": "x",
                                                         "event-visibility": "shared"})
    assert refused.status_code == 400 and "This case is closed" in refused.content.decode()  # its form is gone


def test_a_placement_is_ended_from_the_case_page(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    keeper = Actor.for_membership(make_member(make_organisation("shelter", "rotterdam", "Opvang R"), "org_admin"))
    facility = services.facility_create(actor=keeper, name="COSM Rotterdam", categories=["cosm"], region="rotterdam",
                                        places=1)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    request = services.placement_request(actor=desk, case_id=case.pk, category="cosm")
    placement = services.placement_make(actor=desk, request_id=request.pk, facility_id=facility.pk)
    client = _client(signed_in, desk_member)
    assert f"/placements/{placement.pk}/end/" in client.get(f"/cases/{case.pk}/").content.decode()
    early = client.post(f"/placements/{placement.pk}/end/", {"end_on": "2000-01-01"}, follow=True)
    assert "cannot end before it started" in early.content.decode()
    malformed = client.post(f"/placements/{placement.pk}/end/", {"end_on": "gisteren"}, follow=True)
    assert "Enter a valid date" in malformed.content.decode()
    ended = client.post(f"/placements/{placement.pk}/end/", {"end_on": ""})
    assert ended["Location"] == f"/cases/{case.pk}/"
    placement.refresh_from_db()
    assert placement.end_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="placement_ended", object_id=str(case.pk)).exists()
    again = client.post(f"/placements/{placement.pk}/end/", {}, follow=True)
    assert "already ended" in again.content.decode()
    assert client.get("/shelter/").context["by_category"]["cosm"]["free"] == 1
    frontline = _client(signed_in, police_frontline.membership)
    assert frontline.post(f"/placements/{placement.pk}/end/", {}).status_code == 403
    other_desk = make_member(make_organisation("registration_desk", "national", "Andere balie"), "registration_desk")
    assert _client(signed_in, other_desk).post(f"/placements/{placement.pk}/end/", {}).status_code == 404


def test_a_prosecutor_places_and_lifts_a_legal_hold_by_reference(signed_in, desk_member, police_frontline):
    from keten.apps.accounts.actor import Actor

    desk = Actor.for_membership(desk_member)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    prosecutor = make_member(make_organisation("prosecution", "national", "OM"), "prosecutor")
    client = _client(signed_in, prosecutor)
    assert client.get(f"/cases/{case.pk}/").status_code == 403  # the hold is theirs, the case is not
    unknown = client.get("/cases/legal-hold/", {"reference": "C-0000-0000"})
    assert unknown.status_code == 200 and "There is no case C-0000-0000." in unknown.content.decode()
    page = client.get("/cases/legal-hold/", {"reference": case.reference.lower()})
    body = page.content.decode()
    assert "CoMensha" in body and "Popescu" not in body and "Place under legal hold" in body
    assert AuditEvent.objects.filter(action="personal_data_viewed", object_id=str(case.pk),
                                     purpose="legal hold").exists()
    form = {"reference": case.reference, "version": case.version, "hold": "on"}
    no_reason = client.post("/cases/legal-hold/", form)
    assert no_reason.status_code == 400 and "This field is required." in no_reason.content.decode()
    held = client.post("/cases/legal-hold/", {**form, "reason": "strafzaak Tulp"})
    assert held["Location"] == f"/cases/legal-hold/?reference={case.reference}"
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "strafzaak Tulp"
    assert "Lift the legal hold" in client.get(held["Location"]).content.decode()
    owner_sees = _client(signed_in, desk_member).get(f"/cases/{case.pk}/").content.decode()
    assert "Under legal hold" in owner_sees and "strafzaak Tulp" in owner_sees
    client = _client(signed_in, prosecutor)
    stale = client.post("/cases/legal-hold/", {**form, "hold": "off"})
    assert stale.status_code == 409
    lifted = client.post("/cases/legal-hold/", {**form, "hold": "off", "version": case.version})
    assert lifted.status_code == 302
    case.refresh_from_db()
    assert not case.legal_hold
    assert _client(signed_in, desk_member).get("/cases/legal-hold/").status_code == 403
