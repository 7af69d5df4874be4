"""Helpers shared by the care services."""

from __future__ import annotations

from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid

from ..models import Case


def fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def locked_case(actor: Actor, case_id, version: int | None = None, *, owner_only: bool = False) -> Case:
    """The case, locked for the write, if the actor's organisation owns it or (unless ``owner_only``)
    works on it through an accepted referral. Missing and forbidden look the same."""
    from ..selectors import cases_visible_to

    visible = Case.objects.filter(owner_id=actor.organisation_id) if owner_only else cases_visible_to(actor)
    case = Case.objects.select_for_update().filter(pk=parse_uuid(case_id), pk__in=visible.values("pk")).first()
    if case is None:
        raise NotFound()
    if version is not None and case.version != version:
        raise Conflict()
    if case.status == Case.Status.CLOSED and not owner_only:
        raise ValidationFailed(_("This case is closed. Ask its owner to reopen it if work must go on."))
    return case


def bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])
