from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.errors import parse_uuid

from ..models import CareCoordination
from .common import fail

COORDINATOR_TYPES = ("municipality", "care_coordination", "care_provider", "shelter", "registration_desk")


def coordination_set(*, actor: Actor, municipality_code: str, organisation_id, contact: str = "",
                     since: date | None = None) -> CareCoordination:
    """Record which organisation coordinates care for victims from a municipality."""
    actor.require("care.manage_coordination")
    municipality = Municipality.objects.filter(code=(municipality_code or "").upper()).first()
    if municipality is None:
        raise fail("municipality", _("Choose a municipality."))
    organisation = Organisation.objects.filter(pk=parse_uuid(organisation_id), is_active=True).first() \
        if organisation_id else None
    if organisation is None or organisation.type not in COORDINATOR_TYPES:
        raise fail("organisation", _("Choose a municipality, care coordination, care provider or shelter "
                                     "organisation as coordinator."))
    with transaction.atomic():
        row, created = CareCoordination.objects.update_or_create(
            municipality=municipality,
            defaults={"organisation": organisation, "contact": contact.strip()[:200],
                      "since": since or timezone.localdate()})
        record(actor=actor, action=Event.COORDINATION_SET, object_type="accounts.municipality",
               object_id=municipality.code, details={"organisation": str(organisation.pk), "created": created})
    return row
