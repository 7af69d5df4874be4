from datetime import date, timedelta

import pytest
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.audit.models import AuditEvent
from keten.apps.care import selectors, services
from keten.apps.care.models import Case, Referral, Task
from keten.apps.care.services.cases import PossibleDuplicate, case_add_signals
from keten.apps.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from keten.apps.intake.models import Signal

from ...conftest import actor_for, make_member, make_organisation
from .conftest import signal_for_desk

pytestmark = pytest.mark.django_db


def test_the_desk_registers_a_person_once_from_signals(desk, police_frontline):
    signal = signal_for_desk(police_frontline, desk)
    case = services.case_register(actor=desk, signal_ids=[signal.pk])
    assert case.reference.startswith("C-") and case.owner_id == desk.organisation_id
    assert case.family_name == "Popescu" and case.birth_year == 1999 and not case.is_minor
    assert list(case.forms.values_list("form", flat=True)) == ["labour"]
    signal.refresh_from_db()
    assert signal.status == "registered"  # the sender sees it in the signal's history
    assert AuditEvent.objects.filter(action="case_registered", object_id=str(case.pk)).exists()
    with pytest.raises(ValidationFailed, match="Already registered"):
        services.case_register(actor=desk, signal_ids=[signal.pk])


def test_a_second_signal_of_the_same_person_is_caught_before_a_second_case(desk, police_frontline):
    first = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    again = signal_for_desk(police_frontline, desk, given="ana maria", family="POPESCU")
    with pytest.raises(PossibleDuplicate) as exc:
        services.case_register(actor=desk, signal_ids=[again.pk])
    assert [m["reference"] for m in exc.value.matches] == [first.reference]
    case_add_signals(actor=desk, case_id=first.pk, signal_ids=[again.pk])
    assert first.signal_links.count() == 2 and Case.objects.count() == 1


def test_duplicates_can_be_merged_with_a_reason(desk, police_frontline):
    a = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    b = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk, given="A.").pk])
    services.case_event_add(actor=desk, case_id=b.pk, kind="note", occurred_on="", note="gesprek")
    with pytest.raises(ValidationFailed):
        services.case_merge(actor=desk, case_id=b.pk, into_id=a.pk, reason=" ")
    target = services.case_merge(actor=desk, case_id=b.pk, into_id=a.pk, reason="zelfde paspoortnummer")
    b.refresh_from_db()
    assert b.status == "closed" and b.merged_into_id == a.pk and b.closed_reason == "merged"
    assert target.signal_links.count() == 2 and target.events.filter(kind="note").exists()
    assert AuditEvent.objects.get(action="case_merged").details["reason"] == "zelfde paspoortnummer"


def test_an_accepted_referral_opens_that_case_only_and_completing_it_closes_it_again(desk, police_frontline,
                                                                                      coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    other = services.case_register(actor=desk, signal_ids=[
        signal_for_desk(police_frontline, desk, given="Ion", family="Popa").pk])
    with pytest.raises(NotFound):
        selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t")
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="zorgtraject", consent="given")
    with pytest.raises(NotFound):  # sent is not yet accepted
        selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t")
    task = Task.objects.get(organisation_id=coordinator.organisation_id, term="referral_response")
    accepted = services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted",
                                        version=referral.version)
    assert selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t").pk == case.pk
    with pytest.raises(NotFound):
        selectors.case_get(actor=coordinator, case_id=other.pk, purpose="t")
    task.refresh_from_db()
    assert task.status == "done"
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="completed",
                             version=accepted.version)
    with pytest.raises(NotFound):
        selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t")


def test_referrals_are_refused_to_organisations_that_cannot_receive_them(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    with pytest.raises(ValidationFailed) as exc:
        services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                               kind="reflection_period", purpose="B8/3", consent="given")
    assert "cannot receive" in str(exc.value.fields["to_organisation"])
    with pytest.raises(ValidationFailed) as exc:
        services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                               kind="care_coordination", purpose="x", consent="refused")
    assert "consent" in exc.value.fields
    assert Referral.objects.count() == 0


def test_the_workflow_refuses_wrong_sides_and_stale_versions(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="x", consent="given")
    with pytest.raises(ValidationFailed):  # the sender cannot accept its own referral
        services.referral_change(actor=desk, referral_id=referral.pk, to_status="accepted", version=1)
    with pytest.raises(ValidationFailed):  # declining needs a reason
        services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="declined", version=1)
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted", version=1)
    with pytest.raises(Conflict):
        services.referral_change(actor=desk, referral_id=referral.pk, to_status="revoked", version=1)
    outsider = actor_for(make_member(make_organisation("ngo", "amsterdam"), "frontline"))
    with pytest.raises(NotFound):
        services.referral_change(actor=outsider, referral_id=referral.pk, to_status="completed", version=2)


def test_a_transfer_moves_ownership(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="x", consent="given", transfer=True)
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted", version=1)
    case.refresh_from_db()
    assert case.owner_id == coordinator.organisation_id
    assert case.events.filter(kind="transferred").exists()


def test_a_reflection_period_becomes_a_task_with_a_reminder(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    start = timezone.localdate() - timedelta(days=3)
    services.case_event_add(actor=desk, case_id=case.pk, kind="step", step="reflection_started",
                            occurred_on=start.isoformat())
    task = Task.objects.get(case=case, term="reflection_end")
    from keten.apps.care.deadlines import add_months

    assert task.due_on == add_months(start, 3) and task.remind_from == task.due_on - timedelta(days=14)
    case.refresh_from_db()
    assert case.victim_status_basis == "reflection_period"
    with pytest.raises(ValidationFailed):
        services.case_event_add(actor=desk, case_id=case.pk, kind="step", step="reflection_started",
                                occurred_on=(timezone.localdate() + timedelta(days=2)).isoformat())


def test_a_note_never_changes_the_basis_of_the_victim_status(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    before = case.victim_status_basis
    # A step left selected in the form when the user switched to a note.
    services.case_event_add(actor=desk, case_id=case.pk, kind="note", step="report_filed", occurred_on="", note="x")
    case.refresh_from_db()
    assert case.victim_status_basis == before and case.events.get(kind="note").step == ""


def test_dublin_cases_get_thirty_days(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk], dublin=True)
    services.case_event_add(actor=desk, case_id=case.pk, kind="step", step="reflection_started",
                            occurred_on=timezone.localdate().isoformat())
    assert Task.objects.get(case=case, term="reflection_end").due_on == timezone.localdate() + timedelta(days=30)


def test_custom_tasks_refuse_a_date_in_the_past_or_years_away(desk):
    for due in (date.today() - timedelta(days=1), date(9999, 12, 31), date.today() + timedelta(days=6 * 366)):
        with pytest.raises(ValidationFailed) as exc:
            services.task_create(actor=desk, title="bellen", due_on=due.isoformat())
        assert "due_on" in exc.value.fields
    assert not Task.objects.filter(title="bellen").exists()
    task = services.task_create(actor=desk, title="bellen", due_on=date.today().isoformat())
    services.task_done(actor=desk, task_id=task.pk, version=task.version)
    with pytest.raises(Conflict):
        services.task_done(actor=desk, task_id=task.pk, version=task.version)


def test_a_minor_is_routed_to_youth_care_and_veilig_thuis(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk, dob="", age=15)
                                                          .pk])
    assert case.is_minor
    titles = " ".join(Task.objects.filter(case=case).values_list("title", flat=True))
    assert "youth care" in titles and "Veilig Thuis" in titles


def test_placements_stay_within_capacity_and_fit_the_person(desk, police_frontline):
    shelter = make_organisation("shelter", "midden-nederland", "Stichting Opvang")
    keeper = actor_for(make_member(shelter, "org_admin"))
    facility = services.facility_create(actor=keeper, name="COSM Midden", categories=["cosm"],
                                        region="midden-nederland", places=1, spoken=["ro"])
    first = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    second = services.case_register(actor=desk, signal_ids=[
        signal_for_desk(police_frontline, desk, given="Ion", family="Popa").pk])
    dutch = services.case_register(actor=desk, signal_ids=[
        signal_for_desk(police_frontline, desk, given="Lisa", family="Jansen", nationality="NL").pk])
    with pytest.raises(ValidationFailed, match="COSM"):
        services.placement_request(actor=desk, case_id=dutch.pk, category="cosm")
    r1 = services.placement_request(actor=desk, case_id=first.pk, category="cosm")
    r2 = services.placement_request(actor=desk, case_id=second.pk, category="cosm")
    services.placement_make(actor=desk, request_id=r1.pk, facility_id=facility.pk)
    with pytest.raises(ValidationFailed, match="no free place"):
        services.placement_make(actor=desk, request_id=r2.pk, facility_id=facility.pk)
    r2.refresh_from_db()
    assert r2.status == "waiting"
    with pytest.raises(ValidationFailed, match="live there now"):
        services.capacity_set(actor=keeper, facility_id=facility.pk, places=0)
    load = {row.facility.name: row for row in selectors.capacity_overview(actor=desk)}
    assert load["COSM Midden"].occupied == 1 and load["COSM Midden"].free == 0

    # Closing the cases frees the bed and takes the waiting request off the list.
    for case in (first, second):
        case.refresh_from_db()
        services.case_close(actor=desk, case_id=case.pk, version=case.version, reason="care_completed")
    r1.refresh_from_db(), r2.refresh_from_db()
    assert r1.placement.end_on == timezone.localdate() and r2.status == "cancelled"
    load = {row.facility.name: row for row in selectors.capacity_overview(actor=desk)}
    assert load["COSM Midden"].occupied == 0 and load["COSM Midden"].free == 1


def test_closing_a_case_ends_access_through_referrals_and_open_tasks(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="x", consent="given")
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted", version=1)
    case.refresh_from_db()
    with pytest.raises(ValidationFailed):
        services.case_close(actor=desk, case_id=case.pk, version=case.version, reason="nonsense")
    services.case_close(actor=desk, case_id=case.pk, version=case.version, reason="care_completed")
    referral.refresh_from_db()
    assert referral.status == "completed"
    with pytest.raises(NotFound):
        selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t")


def test_coverage_of_care_coordination(desk, coordinator):
    services.coordination_set(actor=desk, municipality_code="GM0599", organisation_id=coordinator.organisation_id)
    coverage, share = selectors.coordination_coverage(actor=desk)
    covered = {c.municipality.code for c in coverage if c.coordination}
    assert covered == {"GM0599"} and 0 < share < 0.1
    with pytest.raises(ValidationFailed):
        services.coordination_set(actor=desk, municipality_code="GM0599",
                                  organisation_id=make_organisation("bank", "amsterdam").pk)


def test_legal_hold_needs_a_reason_and_the_permission(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    prosecutor = actor_for(make_member(make_organisation("prosecution", "national"), "prosecutor"))
    with pytest.raises(PermissionDenied):
        services.case_legal_hold(actor=desk, case_id=case.pk, on=True, reason="x")
    with pytest.raises(ValidationFailed):
        services.case_legal_hold(actor=prosecutor, case_id=case.pk, on=True, reason="")
    held = services.case_legal_hold(actor=prosecutor, case_id=case.pk, on=True, reason="onderzoek Tulp")
    assert held.legal_hold


def test_a_privacy_officer_holds_only_the_own_organisations_cases(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    own = actor_for(make_member(desk.organisation, "privacy_officer"))
    elsewhere = actor_for(make_member(make_organisation("municipality", "limburg", "Gemeente Maastricht"),
                                      "privacy_officer"))
    with pytest.raises(NotFound):  # as if there were no such case: its existence is not theirs to learn
        selectors.case_for_legal_hold(actor=elsewhere, reference=case.reference)
    with pytest.raises(NotFound):
        services.case_legal_hold(actor=elsewhere, case_id=case.pk, on=True, reason="inzageverzoek")
    assert selectors.case_for_legal_hold(actor=own, reference=case.reference) == case
    assert services.case_legal_hold(actor=own, case_id=case.pk, on=True, reason="klacht loopt").legal_hold


def test_timeline_hides_notes_meant_for_the_own_organisation(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    services.case_event_add(actor=desk, case_id=case.pk, kind="note", occurred_on="", note="intern", visibility="owner")
    services.case_event_add(actor=desk, case_id=case.pk, kind="note", occurred_on="", note="voor allen")
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="x", consent="given")
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted", version=1)
    seen = selectors.case_get(actor=coordinator, case_id=case.pk, purpose="t")
    notes = [i.detail for i in selectors.case_timeline(actor=coordinator, case=seen) if i.kind == "note"]
    assert notes == ["voor allen"]
    signal_items = [i for i in selectors.case_timeline(actor=coordinator, case=seen) if i.kind == "signal"]
    assert signal_items and signal_items[0].link == ""  # the coordinator may not open the police's signal
    desk_notes = [i.detail for i in selectors.case_timeline(actor=desk, case=case) if i.kind == "note"]
    assert sorted(desk_notes) == ["intern", "voor allen"]
    assert Signal.objects.count() == 1


def test_a_minors_identity_is_shown_to_the_owner_and_youth_organisations_only(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk, dob="", age=15)
                                                          .pk])
    youth = actor_for(make_member(make_organisation("youth_care", "rotterdam"), "care_coordinator"))
    for receiver, kind in ((coordinator, "care_coordination"), (youth, "youth_care")):
        referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=receiver.organisation_id,
                                          kind=kind, purpose="x", consent="given")
        services.referral_change(actor=receiver, referral_id=referral.pk, to_status="accepted", version=1)
    assert selectors.may_see_identity(desk, case)
    assert selectors.may_see_identity(youth, selectors.case_get(actor=youth, case_id=case.pk, purpose="t"))
    assert not selectors.may_see_identity(coordinator, selectors.case_get(actor=coordinator, case_id=case.pk,
                                                                          purpose="t"))


def test_signals_are_added_only_to_an_open_case_the_desk_owns_as_it_was_read(desk, police_frontline, coordinator):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    again = signal_for_desk(police_frontline, desk, given="Ana")
    with pytest.raises(ValidationFailed, match="Choose the signals"):
        services.case_add_signals(actor=desk, case_id=case.pk, signal_ids=[], version=case.version)
    with pytest.raises(Conflict):
        services.case_add_signals(actor=desk, case_id=case.pk, signal_ids=[again.pk], version=case.version - 1)
    with pytest.raises(PermissionDenied):
        services.case_add_signals(actor=coordinator, case_id=case.pk, signal_ids=[again.pk])
    elsewhere = signal_for_desk(police_frontline, coordinator)  # forwarded to the coordinator, not the desk
    with pytest.raises(NotFound):
        services.case_add_signals(actor=desk, case_id=case.pk, signal_ids=[elsewhere.pk])
    added = services.case_add_signals(actor=desk, case_id=case.pk, signal_ids=[again.pk], version=case.version)
    assert added.version == case.version + 1 and added.signal_links.count() == 2
    again.refresh_from_db()
    assert again.status == "registered"
    assert AuditEvent.objects.get(action="case_signals_added").details == {"signals": [again.reference]}
    with pytest.raises(ValidationFailed, match=f"Already registered: {again.reference} → {case.reference}"):
        services.case_add_signals(actor=desk, case_id=case.pk, signal_ids=[again.pk])
    services.case_close(actor=desk, case_id=case.pk, version=added.version, reason="care_completed")
    with pytest.raises(ValidationFailed, match="open case"):
        services.case_add_signals(actor=desk, case_id=case.pk,
                                  signal_ids=[signal_for_desk(police_frontline, desk, given="A.").pk])


def test_a_legal_hold_changed_since_it_was_read_is_refused(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    prosecutor = actor_for(make_member(make_organisation("prosecution", "national"), "prosecutor"))
    held = services.case_legal_hold(actor=prosecutor, case_id=case.pk, on=True, reason="strafzaak", version=case.version)
    with pytest.raises(Conflict):
        services.case_legal_hold(actor=prosecutor, case_id=case.pk, on=False, version=case.version)
    lifted = services.case_legal_hold(actor=prosecutor, case_id=case.pk, on=False, version=held.version)
    assert not lifted.legal_hold and lifted.legal_hold_reason == ""


def test_the_timeline_links_the_signals_the_viewer_may_read(desk, police_frontline, coordinator):
    """The desk may read the police's signal because it was forwarded to it, not because it wrote it."""
    signal = signal_for_desk(police_frontline, desk)
    case = services.case_register(actor=desk, signal_ids=[signal.pk])
    [item] = [i for i in selectors.case_timeline(actor=desk, case=case) if i.kind == "signal"]
    assert item.link == f"/signals/{signal.pk}/"
    referral = services.referral_send(actor=desk, case_id=case.pk, to_organisation_id=coordinator.organisation_id,
                                      kind="care_coordination", purpose="x", consent="given")
    services.referral_change(actor=coordinator, referral_id=referral.pk, to_status="accepted", version=1)
    [item] = [i for i in selectors.case_timeline(actor=coordinator, case=case) if i.kind == "signal"]
    assert item.link == ""
    no_signals = Actor.system("t", frozenset({"care.view_cases"}), organisation=desk.organisation)
    [item] = [i for i in selectors.case_timeline(actor=no_signals, case=case) if i.kind == "signal"]
    assert item.link == ""


def test_capacity_lowered_from_an_earlier_day_must_hold_everyone_placed_since(desk, police_frontline):
    keeper = actor_for(make_member(make_organisation("shelter", "rotterdam", "Opvang Zuid"), "org_admin"))
    facility = services.facility_create(actor=keeper, name="COSM Zuid", categories=["cosm"], region="rotterdam",
                                        places=2)
    today = timezone.localdate()
    services.capacity_set(actor=keeper, facility_id=facility.pk, places=2, valid_from=today - timedelta(days=20))
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    request = services.placement_request(actor=desk, case_id=case.pk, category="cosm")
    services.placement_make(actor=desk, request_id=request.pk, facility_id=facility.pk,
                            start_on=today - timedelta(days=5))
    # ten days ago nobody lived there, but from five days ago someone has: no capacity of 0 since then
    with pytest.raises(ValidationFailed, match="live there now"):
        services.capacity_set(actor=keeper, facility_id=facility.pk, places=0, valid_from=today - timedelta(days=10))
    # up to the day before the arrival, 0 places would have held everyone
    services.capacity_set(actor=keeper, facility_id=facility.pk, places=2, valid_from=today - timedelta(days=6))
    services.capacity_set(actor=keeper, facility_id=facility.pk, places=0, valid_from=today - timedelta(days=10))
    assert list(facility.capacities.order_by("valid_from").values_list("valid_from", "places")) == [
        (today - timedelta(days=20), 2), (today - timedelta(days=10), 0), (today - timedelta(days=6), 2), (today, 2)]
    # and the history is what later placements are judged by: no place on the days of capacity 0
    from keten.apps.care.services import shelter

    assert shelter.free_places_from(facility, today - timedelta(days=8), today) == 0
    assert shelter.free_places_from(facility, today - timedelta(days=20), today - timedelta(days=11)) == 2
    assert shelter.free_places_from(facility, today - timedelta(days=5), today) == 1  # one lives there
