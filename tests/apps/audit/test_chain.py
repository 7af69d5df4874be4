import pytest
from click.testing import CliRunner
from django.db import DatabaseError, connection, transaction

from keten.apps.accounts.actor import Actor
from keten.apps.audit import guards
from keten.apps.audit.chain import GENESIS, verify
from keten.apps.audit.events import Event
from keten.apps.audit.models import AppendOnlyError, AuditEvent
from keten.apps.audit.services import record
from keten.cli.main import cli

SYSTEM = Actor.system("tests")


def _write(n: int):
    return [record(actor=SYSTEM, action=Event.EXPORTED, object_type="x", object_id=str(i),
                   details={"i": i, "naam": "Ça va"}) for i in range(n)]


def _chain():
    return AuditEvent.objects.order_by("id")


@pytest.mark.django_db
def test_events_link_to_their_predecessor_and_verify():
    events = _write(5)
    assert events[0].prev_hash in {GENESIS} | set(AuditEvent.objects.values_list("hash", flat=True))
    for before, after in zip(events, events[1:]):
        assert after.prev_hash == before.hash
    result = verify(_chain())
    assert result.ok and result.checked == AuditEvent.objects.count()
    assert result.head_hash == events[-1].hash


@pytest.mark.django_db
def test_the_model_refuses_update_and_delete():
    event = _write(1)[0]
    event.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_the_database_refuses_update_and_delete_behind_the_application():
    event = _write(1)[0]
    for sql in (f"UPDATE audit_auditevent SET purpose = 'x' WHERE id = {event.pk}",
                f"DELETE FROM audit_auditevent WHERE id = {event.pk}"):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)


def _tamper(sql: str):
    guards.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        guards.install(connection)


@pytest.mark.django_db
def test_verify_names_the_first_changed_entry():
    events = _write(6)
    _tamper(f"UPDATE audit_auditevent SET actor_label = 'someone else' WHERE id = {events[3].pk}")
    result = verify(_chain())
    assert not result.ok
    assert result.first_bad_id == events[3].pk
    assert "changed" in result.reason


@pytest.mark.django_db
def test_verify_notices_a_removed_entry():
    events = _write(6)
    _tamper(f"DELETE FROM audit_auditevent WHERE id = {events[2].pk}")
    result = verify(_chain())
    assert not result.ok and result.first_bad_id == events[3].pk
    assert "link" in result.reason


@pytest.mark.django_db
def test_verify_notices_a_recomputed_hash_without_relinking():
    """Rewriting a row and its own hash still breaks the next row's link."""
    from keten.apps.audit.chain import compute_hash

    events = _write(4)
    victim = AuditEvent.objects.get(pk=events[1].pk)
    victim.purpose = "rewritten"
    new_hash = compute_hash(victim)
    _tamper(f"UPDATE audit_auditevent SET purpose = 'rewritten', hash = '{new_hash}' WHERE id = {events[1].pk}")
    result = verify(_chain())
    assert not result.ok and result.first_bad_id == events[2].pk


@pytest.mark.django_db
def test_cli_verify_exits_zero_when_intact_and_nonzero_naming_the_entry_after_tampering():
    events = _write(3)
    ok = CliRunner().invoke(cli, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "intact" in ok.output
    _tamper(f"UPDATE audit_auditevent SET details = '{{}}' WHERE id = {events[1].pk}")
    bad = CliRunner().invoke(cli, ["audit", "verify", "--json"])
    assert bad.exit_code == 1
    assert f'"first_bad_id": {events[1].pk}' in bad.output


@pytest.mark.django_db
def test_unknown_event_types_are_refused():
    with pytest.raises(ValueError):
        record(actor=SYSTEM, action="made_up")
