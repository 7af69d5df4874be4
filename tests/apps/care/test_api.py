"""The referral mechanism's API, where the pages do not already cover it."""

import uuid
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from keten.apps.accounts import services as accounts
from keten.apps.care import services

from ...conftest import actor_for, make_member, make_organisation
from .conftest import signal_for_desk

pytestmark = pytest.mark.django_db


def _api(actor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {accounts.api_token_create(actor=actor, name='t', days=1)[1]}")
    return client


def test_the_desk_adds_signals_to_a_case_it_read(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    again = signal_for_desk(police_frontline, desk, given="Ana")
    api = _api(desk)
    url = f"/api/v1/cases/{case.pk}/signals/"
    read = api.get(f"/api/v1/cases/{case.pk}/").json()["version"]
    assert api.post(url, {"signals": [], "version": read}, format="json").status_code == 400
    assert api.post(url, {"signals": [str(again.pk)]}, format="json").json()["errors"].keys() == {"version"}
    assert api.post(url, {"signals": [str(uuid.uuid4())], "version": read}, format="json").status_code == 404
    assert api.post(url, {"signals": [str(again.pk)], "version": read + 3}, format="json").status_code == 409
    added = api.post(url, {"signals": [str(again.pk)], "version": read}, format="json")
    assert added.status_code == 200 and added.json()["version"] == read + 1
    assert case.signal_links.count() == 2
    taken = api.post(url, {"signals": [str(again.pk)], "version": read + 1}, format="json")
    assert taken.status_code == 400 and "signals" in taken.json()["errors"]


def test_adding_signals_needs_the_desks_permission_and_its_own_case(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    again = signal_for_desk(police_frontline, desk, given="Ana")
    body = {"signals": [str(again.pk)], "version": case.version}
    assert _api(police_frontline).post(f"/api/v1/cases/{case.pk}/signals/", body, format="json").status_code == 403
    other_desk = actor_for(make_member(make_organisation("registration_desk", "national", "Andere balie"),
                                       "registration_desk"))
    assert _api(other_desk).post(f"/api/v1/cases/{case.pk}/signals/", body, format="json").status_code == 404
    assert case.signal_links.count() == 1


def test_a_prosecutor_places_and_lifts_a_legal_hold_by_reference(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    api = _api(actor_for(make_member(make_organisation("prosecution", "national"), "prosecutor")))
    url = "/api/v1/cases/legal-hold/"
    assert api.get(url).status_code == 400  # no reference
    assert api.get(url, {"reference": "C-0000-0000"}).status_code == 404
    read = api.get(url, {"reference": case.reference.lower()}).json()
    assert read == {"reference": case.reference, "owner": case.owner.name, "status": "open", "legal_hold": False,
                    "legal_hold_reason": "", "version": case.version}
    body = {"reference": case.reference, "hold": True, "reason": "", "version": read["version"]}
    assert "reason" in api.post(url, body, format="json").json()["errors"]
    assert api.post(url, {**body, "reason": "onderzoek Tulp", "version": read["version"] + 1},
                    format="json").status_code == 409
    held = api.post(url, {**body, "reason": "onderzoek Tulp"}, format="json")
    assert held.status_code == 200 and held.json()["legal_hold"] and held.json()["legal_hold_reason"] == "onderzoek Tulp"
    lifted = api.post(url, {**body, "hold": False, "version": held.json()["version"]}, format="json").json()
    assert not lifted["legal_hold"] and lifted["legal_hold_reason"] == ""
    case.refresh_from_db()
    assert not case.legal_hold
    assert "Popescu" not in str(read)  # never the person


def test_a_legal_hold_through_the_api_is_for_holders_only(desk, police_frontline):
    # (privacy officers hold through the page: their role has no API access)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    body = {"reference": case.reference, "hold": True, "reason": "x", "version": case.version}
    for actor in (desk, police_frontline):
        assert _api(actor).get("/api/v1/cases/legal-hold/", {"reference": case.reference}).status_code == 403
        assert _api(actor).post("/api/v1/cases/legal-hold/", body, format="json").status_code == 403
    case.refresh_from_db()
    assert not case.legal_hold


def test_a_placement_is_ended_through_the_api(desk, police_frontline):
    from django.utils import timezone

    keeper = actor_for(make_member(make_organisation("shelter", "rotterdam", "Opvang R"), "org_admin"))
    facility = services.facility_create(actor=keeper, name="COSM Rotterdam", categories=["cosm"], region="rotterdam",
                                        places=1)
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    request = services.placement_request(actor=desk, case_id=case.pk, category="cosm")
    placement = services.placement_make(actor=desk, request_id=request.pk, facility_id=facility.pk)
    url = f"/api/v1/placements/{placement.pk}/end/"
    api = _api(desk)
    assert api.post(url, {"end_on": "gisteren"}, format="json").json()["errors"].keys() == {"end_on"}
    early = api.post(url, {"end_on": "2000-01-01"}, format="json")
    assert early.status_code == 400 and "end_on" in early.json()["errors"]
    assert _api(police_frontline).post(url, {}, format="json").status_code == 403
    other_desk = actor_for(make_member(make_organisation("registration_desk", "national", "Andere balie"),
                                       "registration_desk"))
    assert _api(other_desk).post(url, {}, format="json").status_code == 404
    ended = api.post(url, {}, format="json")
    assert ended.status_code == 200
    assert ended.json() == {"id": str(placement.pk), "case": str(case.pk), "facility": "COSM Rotterdam",
                            "start_on": placement.start_on.isoformat(), "end_on": timezone.localdate().isoformat()}
    assert api.post(url, {}, format="json").status_code == 400  # already ended
    assert api.post(f"/api/v1/placements/{uuid.uuid4()}/end/", {}, format="json").status_code == 404


def _shelter(name="COSM Rotterdam", places=1):
    from django.utils import timezone

    keeper = actor_for(make_member(make_organisation("shelter", "rotterdam", f"Opvang {name}"), "org_admin"))
    facility = services.facility_create(actor=keeper, name=name, categories=["cosm"], region="rotterdam", places=places)
    services.capacity_set(actor=keeper, facility_id=facility.pk, places=places,
                          valid_from=timezone.localdate() - timedelta(days=30))
    return facility


def test_a_person_is_placed_through_the_api(desk, police_frontline):
    from django.utils import timezone

    facility = _shelter()
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    api = _api(desk)
    url = f"/api/v1/cases/{case.pk}/placement-requests/"
    assert api.post(url, {"category": "hotel"}, format="json").json()["errors"].keys() == {"category"}
    assert api.post(url, {"category": "cosm", "region": "mars"}, format="json").json()["errors"].keys() == {"region"}
    made = api.post(url, {"category": "cosm", "region": "rotterdam", "note": "spreekt Roemeens"}, format="json")
    assert made.status_code == 201
    asked = made.json()
    assert (asked["case"], asked["reference"], asked["status"], asked["version"]) == (
        str(case.pk), case.reference, "waiting", 1)
    assert "note" not in asked  # special personal data stay on the case page
    assert [r["id"] for r in api.get("/api/v1/placement-requests/").json()] == [asked["id"]]

    options = api.get(f"/api/v1/placement-requests/{asked['id']}/options/").json()
    assert [(o["facility"], o["free_places"]) for o in options] == [(str(facility.pk), 1)]
    assert {"category", "free_place", "region"} <= set(options[0]["fits"])

    place = f"/api/v1/placement-requests/{asked['id']}/place/"
    assert api.post(place, {"facility": str(facility.pk)}, format="json").json()["errors"].keys() == {"version"}
    assert api.post(place, {"facility": str(facility.pk), "version": 2}, format="json").status_code == 409
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    future = api.post(place, {"facility": str(facility.pk), "version": 1, "start_on": tomorrow}, format="json")
    assert future.status_code == 400 and future.json()["errors"].keys() == {"start_on"}
    placed = api.post(place, {"facility": str(facility.pk), "version": 1}, format="json")
    assert placed.status_code == 201
    assert placed.json()["facility"] == "COSM Rotterdam" and placed.json()["end_on"] is None
    assert api.get("/api/v1/placement-requests/").json() == []
    assert api.post(place, {"facility": str(facility.pk), "version": 2}, format="json").status_code == 400
    assert api.get(f"/api/v1/placement-requests/{asked['id']}/options/").status_code == 404  # no longer waiting


def test_a_placement_from_an_earlier_day_needs_a_free_place_on_every_day_since(desk, police_frontline):
    from django.utils import timezone

    facility = _shelter(places=1)
    today = timezone.localdate()
    first = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    second = services.case_register(actor=desk, signal_ids=[signal_for_desk(
        police_frontline, desk, given="Elena", family="Dumitru", dob="1990-01-03").pk], confirm_new=True)
    came_later = services.placement_request(actor=desk, case_id=first.pk, category="cosm")
    earlier = services.placement_request(actor=desk, case_id=second.pk, category="cosm")
    services.placement_make(actor=desk, request_id=came_later.pk, facility_id=facility.pk,
                            start_on=today - timedelta(days=2))
    api = _api(desk)
    week_ago = (today - timedelta(days=7)).isoformat()
    refused = api.post(f"/api/v1/placement-requests/{earlier.pk}/place/",
                       {"facility": str(facility.pk), "version": 1, "start_on": week_ago}, format="json")
    # the place was free a week ago, but taken two days ago: one bed cannot hold both since then
    assert refused.status_code == 400 and "facility" in refused.json()["errors"]
    services.placement_end(actor=desk, placement_id=came_later.placement.pk, end_on=today - timedelta(days=1))
    refused_still = api.post(f"/api/v1/placement-requests/{earlier.pk}/place/",
                             {"facility": str(facility.pk), "version": 1, "start_on": week_ago}, format="json")
    assert refused_still.status_code == 400  # the day before yesterday both would have been there
    placed = api.post(f"/api/v1/placement-requests/{earlier.pk}/place/",
                      {"facility": str(facility.pk), "version": 1, "start_on": (today - timedelta(days=1)).isoformat()},
                      format="json")
    assert placed.status_code == 201


def test_placement_requests_are_for_the_cases_one_works_on(desk, police_frontline):
    facility = _shelter()
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    request = services.placement_request(actor=desk, case_id=case.pk, category="cosm")
    other_desk = actor_for(make_member(make_organisation("registration_desk", "national", "Andere balie"),
                                       "registration_desk"))
    other = _api(other_desk)
    assert other.post(f"/api/v1/cases/{case.pk}/placement-requests/", {"category": "cosm"},
                      format="json").status_code == 404
    assert other.get(f"/api/v1/placement-requests/{request.pk}/options/").status_code == 404
    assert other.post(f"/api/v1/placement-requests/{request.pk}/place/",
                      {"facility": str(facility.pk), "version": 1}, format="json").status_code == 404
    assert other.get("/api/v1/placement-requests/").json() == []
    frontline = _api(police_frontline)
    assert frontline.post(f"/api/v1/cases/{case.pk}/placement-requests/", {"category": "cosm"},
                          format="json").status_code == 403
    assert frontline.get("/api/v1/placement-requests/").status_code == 403
    request.refresh_from_db()
    assert request.status == "waiting"
