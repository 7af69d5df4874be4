"""Writing to the audit log. Call these inside the same transaction as the write they record."""

from __future__ import annotations

from typing import Any, Iterable

from django.db import connection, transaction
from django.utils import timezone

from keten.apps.common.request_context import current_request_id

from . import chain
from .events import Event
from .models import AuditEvent

# Any constant works; it names the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK = 0x6B6574656E
_HEAD_SQL = f"SELECT hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1"


def _lock_chain_head() -> str:
    """Serialise writers and return the current head hash.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions begin IMMEDIATE
    (settings), so the writer already holds the database's write lock.
    """
    # Plain SQL: every write of the system passes here, and compiling the ORM query cost more
    # than running it.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two statements on purpose: under READ COMMITTED the head must be read with a snapshot
            # taken after the lock is held, or a writer that committed meanwhile would be missed.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        cursor.execute(_HEAD_SQL)
        row = cursor.fetchone()
    return row[0] if row else chain.GENESIS


def record(
    *,
    actor,
    action: Event,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    details: dict | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` may be None for events without a signed-in user (failed logins)."""
    if not isinstance(action, Event):
        raise ValueError(f"unknown audit event {action!r}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # Part of the caller's transaction: if the event cannot be written, neither is the write.
    with transaction.atomic(savepoint=False):
        event = AuditEvent(
            occurred_at=timezone.now(),
            action=action.value,
            actor_id=getattr(getattr(actor, "user", None), "pk", None),
            actor_label=actor.label if actor is not None else "",
            organisation_id=getattr(actor, "organisation_id", None),
            organisation_label=str(actor.organisation) if getattr(actor, "organisation", None) else "",
            role=actor.role.name_en if getattr(actor, "role", None) else "",
            object_type=object_type,
            object_id=object_id,
            purpose=purpose,
            request_id=current_request_id(),
            ip_address=ip_address,
            details=details or {},
        )
        event.prev_hash = _lock_chain_head()
        event.hash = chain.compute_hash(event)
        event.save(force_insert=True)
    return event


def record_access(*, actor, objects: Iterable[Any], purpose: str, object_type: str = "") -> AuditEvent | None:
    """One event for a read of personal data, naming every record that was shown."""
    ids = [str(o.pk) for o in objects]
    if not ids:
        return None
    first_type = object_type
    if not first_type:
        first = next(iter(objects))
        first_type = first._meta.label_lower
    return record(
        actor=actor,
        action=Event.PERSONAL_DATA_VIEWED,
        object_type=first_type,
        object_id=ids[0] if len(ids) == 1 else "",
        purpose=purpose,
        details={"ids": ids} if len(ids) > 1 else {},
    )


def changes(instance, fields: Iterable[str], old: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Old and new values of the fields a write changed, for the event's details.

    Encrypted fields are reported as changed without their values, which must not leave the
    encrypted column.
    """
    from keten.apps.common.fields import ENCRYPTED_FIELD_TYPES

    diff = {}
    for name in fields:
        new_value = getattr(instance, name)
        if old.get(name) == new_value:
            continue
        field = instance._meta.get_field(name)
        if isinstance(field, ENCRYPTED_FIELD_TYPES):
            diff[name] = {"changed": "yes"}
        else:
            diff[name] = {"old": _plain(old.get(name)), "new": _plain(new_value)}
    return diff


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)
