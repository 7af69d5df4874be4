"""Reading the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from . import chain
from .events import Event
from .models import AuditEvent
from .services import record


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    request_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_event_search(*, actor, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events of the actor's own organisation that match; the search itself is audited."""
    actor.require("audit.view_log")
    qs = AuditEvent.objects.filter(organisation_id=actor.organisation_id)
    if filters.actor:
        qs = qs.filter(actor_label__icontains=filters.actor)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.request_id:
        qs = qs.filter(request_id=filters.request_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        qs = qs.filter(occurred_at__lte=datetime.combine(filters.date_to, time.max, tzinfo=tz))
    criteria = {k: str(v) for k, v in filters.__dict__.items() if v}
    record(actor=actor, action=Event.AUDIT_SEARCHED, purpose="privacy supervision", details=criteria)
    return qs.order_by("-id")


def audit_chain_verify(*, actor=None) -> chain.Verification:
    """Verify the whole chain; a system actor (the CLI) or a user with audit.verify_chain."""
    if actor is not None and actor.user is not None:
        actor.require("audit.verify_chain")
    result = chain.verify(AuditEvent.objects.order_by("id").iterator(chunk_size=5000))
    if actor is not None:
        record(actor=actor, action=Event.AUDIT_VERIFIED,
               details={"ok": result.ok, "checked": result.checked, "first_bad_id": result.first_bad_id})
    return result
