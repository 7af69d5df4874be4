"""Writers in parallel never fork the chain: appends are serialised (advisory lock on PostgreSQL,
IMMEDIATE transactions on SQLite)."""

import threading

import pytest
from django.db import connection, connections

from keten.apps.accounts.actor import Actor
from keten.apps.audit.chain import verify
from keten.apps.audit.events import Event
from keten.apps.audit.models import AuditEvent
from keten.apps.audit.services import record


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_unbroken_chain():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a file or server database for real parallel connections")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(20):
                record(actor=Actor.system(f"writer-{n}"), action=Event.EXPORTED, object_id=f"{n}-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert AuditEvent.objects.filter(action="exported").count() == 80
    result = verify(AuditEvent.objects.order_by("id"))
    assert result.ok, result
    assert AuditEvent.objects.values("prev_hash").distinct().count() == AuditEvent.objects.count()
