"""Retention: closed cases whose term has passed are anonymised — identity and free text removed,
statistical fields kept — unless a legal hold is recorded. Always a dry-run report first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.audit.events import Event
from keten.apps.audit.services import record

from . import codelists
from .deadlines import add_months
from .models import Case, SafeContact


@dataclass(frozen=True)
class Due:
    case_id: str
    reference: str
    closed_on: date
    expires_on: date
    minor: bool


def expiry(case: Case) -> date:
    """When a closed case's retention ends: years after closure, and for minors not before the
    person turns the configured age."""
    rules = codelists.retention()["case"]
    expires = add_months(case.closed_at.date(), 12 * int(rules["years_after_closure"]))
    if case.is_minor and case.birth_year:
        expires = max(expires, date(case.birth_year + int(rules["minor_until_age"]), 12, 31))
    return expires


def due_for_anonymisation(today: date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    closed = (Case.objects.filter(status=Case.Status.CLOSED, legal_hold=False, anonymised_at__isnull=True,
                                  closed_at__isnull=False).only("pk", "reference", "closed_at", "is_minor", "birth_year"))
    due = []
    for case in closed.iterator():
        expires = expiry(case)
        if expires <= today:
            due.append(Due(str(case.pk), case.reference, case.closed_at.date(), expires, case.is_minor))
    return due


def anonymise(*, dry_run: bool = True, today: date | None = None) -> list[Due]:
    """The cases due; with ``dry_run=False`` they are anonymised, one audited transaction each."""
    due = due_for_anonymisation(today)
    if dry_run:
        return due
    system = Actor.system("retention")
    for item in due:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=item.case_id)
            if case.legal_hold:  # a hold set since the report
                continue
            case.given_name = case.family_name = case.date_of_birth = ""
            case.name_pseudonym = case.name_dob_pseudonym = ""
            case.anonymised_at = timezone.now()
            case.save(update_fields=["given_name", "family_name", "date_of_birth", "name_pseudonym",
                                     "name_dob_pseudonym", "anonymised_at", "updated_at"])
            case.events.update(note="")
            case.referrals.update(purpose="", consent_note="", answer="")
            case.placement_requests.update(note="")
            case.tasks.filter(term="").update(title="")  # titles people wrote; a term's title is its name
            SafeContact.objects.filter(case=case).update(phone="", instructions="")
            record(actor=system, action=Event.CASE_ANONYMISED, obj=case, details={"expired_on": item.expires_on.isoformat()})
    return due
