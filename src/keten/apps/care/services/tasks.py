"""Tasks: deadlines computed from procedure steps, and tasks people add themselves."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid
from keten.apps.intake.inputs import FieldErrors

from .. import codelists, deadlines
from ..deadlines import add_months
from ..models import Case, CaseEvent, Task
from .common import fail, locked_case

MAX_YEARS_AHEAD = 5  # a task further off is a typing error (and beyond what a calendar export can hold)


def new_task(*, actor: Actor, case: Case | None, organisation, title: str, due_on: date, remind_from: date,
             term: str = "", source_event: CaseEvent | None = None, source_referral=None, assignee=None) -> Task:
    task = Task.objects.create(case=case, organisation=organisation, title=title[:200], due_on=due_on,
                               remind_from=remind_from, term=term, source_event=source_event,
                               source_referral=source_referral, assignee=assignee, created_by=actor.user)
    record(actor=actor, action=Event.TASK_CREATED, obj=task, details={"term": term, "due_on": due_on.isoformat()})
    return task


def tasks_for_event(*, actor: Actor, event: CaseEvent) -> list[Task]:
    """The deadlines a procedure step starts (case_codes.yaml names them, terms.yaml times them)."""
    step = codelists.step(event.step) if event.step else None
    if step is None:
        return []
    made = []
    terms = codelists.terms()
    for name in step.extra.get("deadlines", []):
        due = deadlines.deadline(name, terms, event.occurred_on, dublin=event.case.dublin)
        made.append(new_task(actor=actor, case=event.case, organisation=event.case.owner,
                             title=terms[name]["nl"], due_on=due.due_on,
                             remind_from=due.remind_from, term=name, source_event=event))
    return made


def task_create(*, actor: Actor, title: str, due_on, case_id=None, assignee=None) -> Task:
    """A task someone adds; a due date in the past is refused."""
    actor.require("care.manage_tasks")
    errors = FieldErrors()
    due = None
    if not due_on:
        errors.add("due_on", _("Give a due date."))
    else:
        try:
            due = due_on if isinstance(due_on, date) else date.fromisoformat(str(due_on))
        except ValueError:
            errors.add("due_on", _("Enter a date as YYYY-MM-DD."))
    if due is not None and due < timezone.localdate():
        errors.add("due_on", _("This date has passed; give a date from today on."))
    elif due is not None and due > add_months(timezone.localdate(), 12 * MAX_YEARS_AHEAD):
        errors.add("due_on", _("Give a date within %(years)s years.") % {"years": MAX_YEARS_AHEAD})
    if not title.strip():
        errors.add("title", _("Say what has to be done."))
    if errors.fields:
        raise ValidationFailed(fields=errors.fields)
    with transaction.atomic():
        case = locked_case(actor, case_id) if case_id else None
        return new_task(actor=actor, case=case, organisation=actor.organisation, title=title.strip(), due_on=due,
                        remind_from=max(timezone.localdate(), due - timedelta(days=7)), assignee=assignee)


def task_done(*, actor: Actor, task_id, version: int) -> Task:
    actor.require("care.manage_tasks")
    with transaction.atomic():
        task = Task.objects.select_for_update().filter(pk=parse_uuid(task_id),
                                                       organisation_id=actor.organisation_id).first()
        if task is None:
            raise NotFound()
        if task.version != version:
            raise Conflict()
        if task.status != Task.Status.OPEN:
            raise fail("status", _("This task is no longer open."))
        task.status, task.done_at = Task.Status.DONE, timezone.now()
        task.version += 1
        task.save(update_fields=["status", "done_at", "version", "updated_at"])
        record(actor=actor, action=Event.TASK_DONE, obj=task)
    return task
