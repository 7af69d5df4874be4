import pytest
from django.db import connection

from keten.apps.audit.models import AuditEvent
from keten.apps.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from keten.apps.intake import selectors, services
from keten.apps.intake.models import Person, Signal, SignalShare, StatusChange

from ...conftest import actor_for, make_member

pytestmark = pytest.mark.django_db

VALID = {
    "observed_on": "2025-03-14", "municipality": "GM0599", "sector": "agriculture", "forms": ["labour"],
    "place_of_encounter": "workplace", "country_of_origin": "ro", "transit_countries": "HU, AT",
    "account": "Twaalf mensen slapen in een schuur; de werkgever houdt de paspoorten.",
    "persons": [
        {"role": "victim", "given_name": "Ana-Maria", "family_name": "Popescu", "date_of_birth": "1999-05-02",
         "gender": "female", "nationality": "RO", "languages": ["ro", "en"], "phone": "06 12345678"},
        {"role": "perpetrator", "description": "Man, about 45, drives a grey van"},
    ],
}


@pytest.fixture
def frontline(police):
    return actor_for(make_member(police, "frontline"))


def test_a_signal_is_stored_with_forms_persons_history_and_audit(frontline):
    signal, created = services.signal_create(actor=frontline, data=VALID)
    assert created and signal.reference.startswith("S-") and signal.status == "new"
    assert list(signal.forms.values_list("form", flat=True)) == ["labour"]
    victim = signal.persons.get(role="victim")
    assert victim.age == 25 and victim.is_minor is False  # derived from the date of birth
    assert victim.phone == "+31612345678" and victim.name_dob_pseudonym
    assert signal.transit_countries == ["HU", "AT"] and signal.country_of_origin == "RO"
    assert StatusChange.objects.get(signal=signal).to_status == "new"
    event = AuditEvent.objects.get(action="signal_created", object_id=str(signal.pk))
    assert event.details["persons"] == 2 and "Popescu" not in str(event.details)
    with connection.cursor() as cursor:  # names and the account are encrypted at rest
        cursor.execute("SELECT family_name FROM intake_person WHERE id = %s",
                       [Person._meta.pk.get_db_prep_value(victim.pk, connection)])
        assert "Popescu" not in cursor.fetchone()[0]
        cursor.execute("SELECT account FROM intake_signal WHERE id = %s",
                       [Signal._meta.pk.get_db_prep_value(signal.pk, connection)])
        assert "paspoorten" not in cursor.fetchone()[0]


def test_every_problem_is_reported_at_once_and_nothing_is_written(frontline):
    bad = {**VALID, "observed_on": "2999-01-01", "forms": ["labour", "space"], "sector": "mining-on-mars",
           "persons": [{"role": "victim", "age": 15, "is_minor": False, "nationality": "XX"}, {"age": 200}]}
    with pytest.raises(ValidationFailed) as exc:
        services.signal_create(actor=frontline, data=bad)
    assert set(exc.value.fields) == {"observed_on", "forms", "sector", "persons[0].is_minor", "persons[0].nationality",
                                     "persons[1].role", "persons[1].age"}
    assert Signal.objects.count() == 0 and Person.objects.count() == 0


def test_a_retried_create_with_the_same_key_returns_the_first_signal(frontline):
    first, created = services.signal_create(actor=frontline, data=VALID, idempotency_key="abc-123")
    again, created_again = services.signal_create(actor=frontline, data=VALID, idempotency_key="abc-123")
    assert created and not created_again and again.pk == first.pk
    assert Signal.objects.count() == 1


def test_screening_moves_a_new_signal_to_screened_and_keeps_every_screening(frontline):
    signal, _ = services.signal_create(actor=frontline, data=VALID)
    first = services.signal_screen(actor=frontline, signal_id=signal.pk, framework="ilo_adult_labour",
                                   present=[], absent=[])
    signal.refresh_from_db()
    assert signal.status == "screened" and first.victim is False
    from keten.engines.screening import load_framework

    ids = [i.id for i in load_framework("ilo_adult_labour").indicators]
    second = services.signal_screen(actor=frontline, signal_id=signal.pk, framework="ilo_adult_labour",
                                    present=ids, absent=[])
    assert second.victim is True and signal.screenings.count() == 2
    with pytest.raises(ValidationFailed) as exc:
        services.signal_screen(actor=frontline, signal_id=signal.pk, framework="ilo_adult_labour",
                               present=["NOT-AN-INDICATOR"], absent=[])
    assert "NOT-AN-INDICATOR" in str(exc.value.fields)


def test_the_workflow_refuses_what_its_table_does_not_allow(frontline):
    signal, _ = services.signal_create(actor=frontline, data=VALID)
    with pytest.raises(ValidationFailed):
        services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="draft", version=1)
    with pytest.raises(ValidationFailed) as exc:
        services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="closed", version=1, reason="x")
    assert "reason" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="closed", version=1,
                                   reason="other")
    assert "note" in exc.value.fields
    closed = services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="closed", version=1,
                                        reason="duplicate")
    assert closed.status == "closed" and closed.closed_reason == "duplicate"
    with pytest.raises(Conflict):
        services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="new", version=1)
    reopened = services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="new", version=2)
    assert reopened.closed_reason == "" and [h.to_status for h in reopened.history.all()] == ["new", "closed", "new"]


def test_registering_reads_the_signals_afresh_and_never_undoes_a_change_made_meanwhile(frontline):
    stale, _ = services.signal_create(actor=frontline, data=VALID)  # as the desk read it
    services.signal_transition(actor=frontline, signal_id=stale.pk, to_status="closed", version=1,
                               reason="duplicate")  # the owner closes it in the meantime
    services.signals_mark_registered(actor=frontline, signals=[stale], case_reference="C-TEST")
    signal = Signal.objects.get(pk=stale.pk)
    assert signal.status == "closed" and signal.version == 2  # not overwritten, nor its version reset


def test_forwarding_shares_the_signal_with_one_other_organisation_only(frontline, police, municipality):
    signal, _ = services.signal_create(actor=frontline, data=VALID)
    receiver = actor_for(make_member(municipality, "care_coordinator"))
    bystander_org = make_member(police, "frontline").organisation  # same org as the sender, fine
    with pytest.raises(NotFound):
        selectors.signal_get(actor=receiver, signal_id=signal.pk, purpose="test")
    services.signal_transition(actor=frontline, signal_id=signal.pk, to_status="forwarded", version=1,
                               organisation_id=municipality.pk, note="zorgcoördinatie gevraagd")
    seen = selectors.signal_get(actor=receiver, signal_id=signal.pk, purpose="care coordination")
    assert seen.pk == signal.pk and bystander_org == police
    with pytest.raises(NotFound):  # a receiver reads, it does not edit
        services.signal_update(actor=receiver, signal_id=signal.pk, version=2, data=VALID)
    services.signal_share_revoke(actor=frontline, signal_id=signal.pk, organisation_id=municipality.pk)
    with pytest.raises(NotFound):
        selectors.signal_get(actor=receiver, signal_id=signal.pk, purpose="test")
    assert SignalShare.objects.get().revoked_at is not None


def test_roles_without_the_permission_cannot_create_or_read(police):
    analyst = actor_for(make_member(police, "analyst"))
    with pytest.raises(PermissionDenied):
        services.signal_create(actor=analyst, data=VALID)
    with pytest.raises(PermissionDenied):
        selectors.signal_list(actor=analyst)


def test_duplicate_warning_matches_the_same_victim_spelled_differently(frontline):
    first, _ = services.signal_create(actor=frontline, data=VALID)
    variant = {**VALID, "persons": [{"role": "victim", "given_name": "ana maria", "family_name": "POPESCU",
                                     "date_of_birth": "1999-05-02"}]}
    second, _ = services.signal_create(actor=frontline, data=variant)
    other = {**VALID, "persons": [{"role": "victim", "given_name": "Ana", "family_name": "Popescu",
                                   "date_of_birth": "1999-05-02"}]}
    third, _ = services.signal_create(actor=frontline, data=other)
    seen = selectors.signal_get(actor=frontline, signal_id=second.pk, purpose="test")
    assert [d.reference for d in selectors.possible_duplicates(actor=frontline, signal=seen)] == [first.reference]
    unrelated = selectors.signal_get(actor=frontline, signal_id=third.pk, purpose="test")
    assert selectors.possible_duplicates(actor=frontline, signal=unrelated) == []


def test_drafts_may_be_incomplete_but_cannot_be_submitted_so(frontline):
    draft, _ = services.signal_create(actor=frontline, data={"forms": [], "account": "half"}, draft=True)
    assert draft.status == "draft"
    with pytest.raises(ValidationFailed) as exc:
        services.signal_submit(actor=frontline, signal_id=draft.pk, version=1)
    assert "forms" in exc.value.fields
    services.signal_update(actor=frontline, signal_id=draft.pk, version=1, data={**VALID})
    submitted = services.signal_submit(actor=frontline, signal_id=draft.pk, version=2)
    assert submitted.status == "new"


def test_attachments_are_checked_encrypted_and_hashed(frontline):
    signal, _ = services.signal_create(actor=frontline, data=VALID)
    pdf = b"%PDF-1.4\n" + b"x" * 100
    attachment = services.attachment_add(actor=frontline, signal_id=signal.pk, name="verklaring.pdf", content=pdf)
    assert attachment.content_type == "application/pdf" and attachment.size == len(pdf)
    stored = attachment.blob.read()
    assert pdf not in stored
    import hashlib

    assert attachment.sha256 == hashlib.sha256(pdf).hexdigest()
    with pytest.raises(ValidationFailed, match="Only PDF"):
        services.attachment_add(actor=frontline, signal_id=signal.pk, name="x.exe", content=b"MZ\x90\x00\x03" * 10)
    with pytest.raises(ValidationFailed, match="10 MB"):
        services.attachment_add(actor=frontline, signal_id=signal.pk, name="big.pdf",
                                content=b"%PDF-" + b"0" * (10 * 1024 * 1024))


def test_public_reports_reach_the_police_unit_of_the_place(police, municipality):
    signal = services.public_report_create(data={"municipality": "GM0363", "forms": ["sexual_domestic"],
                                                 "account": "Ik zie elke nacht jonge meisjes aankomen."})
    assert signal.organisation == police and signal.source == "public" and signal.reported_by is None
    event = AuditEvent.objects.get(action="public_report_received")
    assert event.ip_address is None


def test_key_rotation_reencrypts_attachment_files(frontline, settings):
    from cryptography.fernet import Fernet

    from keten.apps.common.rotation import rotate_all

    signal, _ = services.signal_create(actor=frontline, data=VALID)
    old_first = list(settings.KETEN_FIELD_KEYS)
    settings.KETEN_FIELD_KEYS = [old_first[1], old_first[0]]  # written under what becomes the old key
    attachment = services.attachment_add(actor=frontline, signal_id=signal.pk, name="a.txt", content=b"verklaring")
    settings.KETEN_FIELD_KEYS = old_first
    primary = Fernet(old_first[0].encode())
    with attachment.blob.open("rb") as handle:
        with pytest.raises(Exception):
            primary.decrypt(handle.read())
    assert rotate_all(dry_run=True)["intake.Attachment.blob"] == 1
    old_name = attachment.blob.name
    rotate_all()
    attachment.refresh_from_db()
    with attachment.blob.open("rb") as handle:
        assert primary.decrypt(handle.read()) == b"verklaring"
    # written beside the old file, the row moved over, then the old one removed: never half a file
    assert attachment.blob.name != old_name and not attachment.blob.storage.exists(old_name)
    assert rotate_all()["intake.Attachment.blob"] == 0


def test_a_frontline_user_of_every_organisation_type_records_every_form_and_gets_next_steps():
    from keten.apps.accounts.codelists import organisation_types
    from keten.apps.intake import guidance
    from keten.apps.intake.codelists import exploitation_forms

    from ...conftest import make_organisation

    for org_type in organisation_types():
        organisation = make_organisation(org_type.code, "amsterdam")
        actor = actor_for(make_member(organisation, "frontline"))
        for form in exploitation_forms():
            signal, created = services.signal_create(actor=actor, data={**VALID, "forms": [form.code]})
            assert created
        found = selectors.signal_list(actor=actor, filters=selectors.SignalFilter(form="labour"))
        assert found.count() == 1
        screened = services.signal_screen(actor=actor, signal_id=found.get().pk, framework="ilo_adult_labour",
                                          present=["DR01", "DR02", "EX01", "EX02", "CD01", "CD02"], absent=[])
        signal = selectors.signal_get(actor=actor, signal_id=screened.signal_id, purpose="test")
        steps = guidance.steps_for(org_type.code, selectors.current_screenings(signal), signal)
        assert steps, f"no next steps for {org_type.code}"
