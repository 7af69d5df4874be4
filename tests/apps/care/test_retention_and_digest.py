from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from keten.apps.audit.models import AuditEvent
from keten.apps.care import services
from keten.apps.care.digest import send_digests
from keten.apps.care.models import Case
from keten.apps.care.retention import anonymise, expiry

from ...conftest import actor_for, make_member, make_organisation
from .conftest import signal_for_desk

pytestmark = pytest.mark.django_db


def _closed_case(desk, sender, **person):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(sender, desk, **person).pk])
    services.case_event_add(actor=desk, case_id=case.pk, kind="note", occurred_on="", note="Verhaal van het slachtoffer")
    if not case.is_minor:  # COSM shelters adults
        services.placement_request(actor=desk, case_id=case.pk, category="cosm", note="Ana-Maria, bang voor haar pooier")
    services.task_create(actor=desk, title="Ana-Maria Popescu bellen", due_on=date.today(), case_id=case.pk)
    case.refresh_from_db()
    return services.case_close(actor=desk, case_id=case.pk, version=case.version, reason="care_completed")


def test_retention_anonymises_expired_cases_but_not_those_on_hold_and_reports_first(desk, police_frontline):
    old = _closed_case(desk, police_frontline)
    held = _closed_case(desk, police_frontline, given="Ion", family="Popa")
    prosecutor = actor_for(make_member(make_organisation("prosecution", "national"), "prosecutor"))
    services.case_legal_hold(actor=prosecutor, case_id=held.pk, on=True, reason="strafzaak loopt")
    assert anonymise(dry_run=True) == []  # nothing has expired today
    later = timezone.now() + timedelta(days=7 * 366)
    with time_machine.travel(later):
        report = anonymise(dry_run=True)
        assert [d.reference for d in report] == [old.reference]
        assert Case.objects.get(pk=old.pk).family_name == "Popescu"  # the report changed nothing
        anonymise(dry_run=False)
    old.refresh_from_db()
    assert old.family_name == "" and old.name_pseudonym == "" and old.anonymised_at is not None
    assert list(old.forms.values_list("form", flat=True)) == ["labour"]  # statistics keep their fields
    assert all(event.note == "" for event in old.events.all())
    assert [r.note for r in old.placement_requests.all()] == [""]  # free text may name the person
    assert not old.tasks.filter(term="").exclude(title="").exists()
    held.refresh_from_db()
    assert held.family_name == "Popa"
    assert AuditEvent.objects.filter(action="case_anonymised", object_id=str(old.pk)).exists()


def test_a_minor_is_kept_until_the_configured_age(desk, police_frontline):
    case = _closed_case(desk, police_frontline, dob="", age=12)
    assert case.is_minor
    years_to_25 = 25 - 12
    assert expiry(case) >= date(timezone.localdate().year + years_to_25 - 1, 12, 31)
    assert expiry(case) > case.closed_at.date() + timedelta(days=7 * 365)


def test_the_daily_digest_names_cases_and_deadlines_never_persons(desk, police_frontline):
    case = services.case_register(actor=desk, signal_ids=[signal_for_desk(police_frontline, desk).pk])
    services.case_event_add(actor=desk, case_id=case.pk, kind="step", step="reflection_started",
                            occurred_on=(timezone.localdate() - timedelta(days=85)).isoformat())
    sent = send_digests()
    assert sent == 1
    message = mail.outbox[0]
    assert case.reference in message.body and "Popescu" not in message.body
    assert message.to == [desk.user.email]


def _keten(*args: str):
    from click.testing import CliRunner

    from keten.cli.main import cli

    return CliRunner().invoke(cli, ["care", *args])


def test_a_written_order_holds_many_cases_at_once_or_none(desk, police_frontline):
    first = _closed_case(desk, police_frontline)
    second = _closed_case(desk, police_frontline, given="Ion", family="Popa")
    prosecution = make_organisation("prosecution", "national", "Openbaar Ministerie")

    refused = _keten("legal-hold", first.reference, "C-NONE-NONE", "--org", prosecution.name, "--reason", "zaak 12")
    assert refused.exit_code == 1 and "C-NONE-NONE" in refused.output and "Nothing was changed" in refused.output
    assert not Case.objects.filter(legal_hold=True).exists()
    assert _keten("legal-hold", first.reference, "--org", "Geen Zulke Organisatie", "--reason", "x").exit_code == 2
    assert _keten("legal-hold", first.reference, "--org", prosecution.name, "--reason", "x", "--lift").exit_code == 2

    placed = _keten("legal-hold", first.reference, second.reference.lower(), "--org", str(prosecution.pk),
                    "--reason", "onderzoek Wolf")
    assert placed.exit_code == 0, placed.output
    assert placed.output.splitlines()[-1] == "Placed a hold on 2 case(s)."
    assert set(Case.objects.filter(legal_hold=True).values_list("legal_hold_reason", flat=True)) == {"onderzoek Wolf"}
    held = AuditEvent.objects.filter(action="case_legal_hold")
    assert held.count() == 2 and {e.actor_label for e in held} == {"system:legal-hold"}

    shown = _keten("legal-hold", first.reference, "--org", prosecution.name)
    assert shown.exit_code == 0 and "on hold: onderzoek Wolf" in shown.output
    assert "Popescu" not in shown.output  # the reference, owner, status and hold; never the person

    # another organisation holds only its own cases: the desk's case is not found for a municipality
    municipality = make_organisation("municipality", "rotterdam", "Gemeente Rotterdam")
    not_theirs = _keten("legal-hold", first.reference, "--org", municipality.name, "--lift")
    assert not_theirs.exit_code == 1 and first.reference in not_theirs.output
    lifted = _keten("legal-hold", first.reference, "--org", desk.organisation.name, "--lift")
    assert lifted.exit_code == 0, lifted.output
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.legal_hold, first.legal_hold_reason, second.legal_hold) == (False, "", True)
