"""Registering a possible victim once, adding signals, merging duplicates, recording steps and
notes, safe contact, closing and legal holds."""

from __future__ import annotations

from typing import Any, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import changes, record
from keten.apps.common.codelists import codes_of
from keten.apps.common.errors import ApplicationError, Conflict, NotFound, ValidationFailed, parse_uuid
from keten.apps.intake import selectors as intake_selectors
from keten.apps.intake.inputs import FieldErrors, parse_date
from keten.apps.intake.models import Person, Signal
from keten.apps.intake.pseudonyms import person_pseudonyms
from keten.apps.intake.references import new_reference
from keten.apps.intake.services import signals_mark_registered

from .. import codelists
from .. import selectors as care_selectors
from ..models import Case, CaseEvent, CaseForm, CaseSignal, CaseStatusChange, Placement, SafeContact
from .common import bump, fail, locked_case

# A step that changes the basis on which the person counts as a victim.
STATUS_BASIS_BY_STEP = {"reflection_started": "reflection_period", "report_filed": "report_filed"}


class PossibleDuplicate(ApplicationError):
    """Cases that may already exist for this person; the desk decides before a new one is made."""

    status = 409
    code = "possible_duplicate"

    def __init__(self, matches: list[dict]):
        self.matches = matches
        super().__init__(_("There may already be a case for this person: %(refs)s. Add the signals to that case, "
                           "or confirm that this is another person.") % {
            "refs": ", ".join(m["reference"] for m in matches)})


def possible_cases(*, given_name: str, family_name: str, date_of_birth: str, exclude=None) -> list[dict]:
    """Existing open or closed cases with the same keyed pseudonyms, nationally. Only references
    and owners are returned, never another organisation's data."""
    by_name, by_name_dob = person_pseudonyms(given_name, family_name, date_of_birth)
    if not by_name:
        return []
    qs = Case.objects.filter(merged_into__isnull=True)
    qs = qs.filter(name_dob_pseudonym=by_name_dob) if by_name_dob else qs.filter(name_pseudonym=by_name)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return [{"reference": c.reference, "owner": c.owner.name, "id": str(c.pk)}
            for c in qs.select_related("owner")[:20]]


def _person_from(signals, person: Mapping[str, Any] | None) -> dict:
    if person:
        return dict(person)
    victims = [p for s in signals for p in s.persons.all() if p.role == Person.Role.VICTIM]
    if not victims:
        return {}
    v = victims[0]
    return {"given_name": v.given_name, "family_name": v.family_name, "date_of_birth": v.date_of_birth,
            "nationality": v.nationality, "gender": v.gender, "is_minor": bool(v.is_minor), "languages": v.languages,
            "age": v.age}


def case_register(*, actor: Actor, signal_ids: list, person: Mapping[str, Any] | None = None,
                  dossier_type: str = "registration", dublin: bool = False, confirm_new: bool = False) -> Case:
    """One case per person, nationally, from one or more signals the desk may see."""
    actor.require("care.register_case")
    if not signal_ids:
        raise fail("signals", _("Choose the signal(s) to register the person from."))
    if dossier_type not in codes_of(codelists.dossier_types()):
        raise fail("dossier_type", _("Choose one of the dossier types."))
    ids = [parse_uuid(i) for i in signal_ids]
    signals = list(intake_selectors.signals_visible_to(actor).filter(pk__in=ids)
                   .prefetch_related("persons", "forms").select_related("organisation"))
    if len(signals) != len(set(ids)):
        raise NotFound()
    _refuse_taken(signals)
    data = _person_from(signals, person)
    if not (data.get("given_name") or data.get("family_name")):
        raise fail("person", _("A case needs at least a name. Add it to the signal, or give it here."))
    if not confirm_new:
        matches = possible_cases(given_name=data.get("given_name", ""), family_name=data.get("family_name", ""),
                                 date_of_birth=data.get("date_of_birth", ""))
        if matches:
            raise PossibleDuplicate(matches)
    by_name, by_name_dob = person_pseudonyms(data.get("given_name", ""), data.get("family_name", ""),
                                             data.get("date_of_birth", ""))
    dob = data.get("date_of_birth", "")
    with transaction.atomic():
        _claim(signals)
        case = Case.objects.create(
            reference=new_reference("C"), owner=actor.organisation, dossier_type=dossier_type,
            given_name=data.get("given_name", ""), family_name=data.get("family_name", ""), date_of_birth=dob,
            birth_year=int(dob[:4]) if dob[:4].isdigit() else _birth_year_from_age(data.get("age")),
            is_minor=bool(data.get("is_minor")), gender=data.get("gender") or "unknown",
            nationality=data.get("nationality", ""), languages=data.get("languages") or [], dublin=dublin,
            name_pseudonym=by_name, name_dob_pseudonym=by_name_dob)
        forms = sorted({f.form for s in signals for f in s.forms.all()})
        CaseForm.objects.bulk_create([CaseForm(case=case, form=f) for f in forms])
        CaseSignal.objects.bulk_create([CaseSignal(case=case, signal=s) for s in signals])
        CaseStatusChange.objects.create(case=case, to_status=Case.Status.OPEN, changed_by=actor.user,
                                        changed_at=timezone.now())
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.REGISTERED, occurred_on=timezone.localdate(),
                                 organisation=actor.organisation, recorded_by=actor.user)
        SafeContact.objects.create(case=case)
        signals_mark_registered(actor=actor, signals=signals, case_reference=case.reference)
        if case.is_minor:
            _route_minor(actor, case)
        record(actor=actor, action=Event.CASE_REGISTERED, obj=case, details={
            "reference": case.reference, "signals": [s.reference for s in signals], "minor": case.is_minor,
            "confirmed_new_despite_matches": confirm_new})
    return case


def _birth_year_from_age(age) -> int | None:
    try:
        return timezone.localdate().year - int(age)
    except (TypeError, ValueError):
        return None


def _route_minor(actor: Actor, case: Case) -> None:
    """Minors go to youth care and Veilig Thuis (domain.md §3.4, §3.7): the desk gets both as tasks."""
    from .tasks import new_task

    today = timezone.localdate()
    for title in (_("Minor: refer to youth care (or Nidos for an unaccompanied minor)"),
                  _("Minor: inform Veilig Thuis")):
        new_task(actor=actor, case=case, organisation=actor.organisation, title=title, due_on=today,
                 remind_from=today, term="minor_routing")


def _refuse_taken(signals: list[Signal]) -> None:
    taken = CaseSignal.objects.filter(signal__in=signals).select_related("case", "signal")
    if taken:
        raise fail("signals", _("Already registered: %(list)s.") % {
            "list": ", ".join(f"{t.signal.reference} → {t.case.reference}" for t in taken)})


def _claim(signals: list[Signal]) -> None:
    """Lock the signals, then check again that no case has them. Two desks registering the same
    signal at once take turns: the second is told, instead of failing on one case per signal."""
    list(Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals]).order_by("pk")
         .values_list("pk", flat=True))
    _refuse_taken(signals)


def case_add_signals(*, actor: Actor, case_id, signal_ids: list, version: int | None = None) -> Case:
    """Signals about a person who already has a case: what registration's duplicate check points to."""
    actor.require("care.register_case")
    if not signal_ids:
        raise fail("signals", _("Choose the signals to add to the case."))
    ids = [parse_uuid(i) for i in signal_ids]
    with transaction.atomic():
        case = locked_case(actor, case_id, version, owner_only=True)
        if case.status == Case.Status.CLOSED:  # a merged duplicate is closed too: its signals would be lost
            raise fail("signals", _("Signals can only be added to an open case."))
        signals = list(intake_selectors.signals_visible_to(actor).filter(pk__in=ids).prefetch_related("forms"))
        if len(signals) != len(set(ids)) or not signals:
            raise NotFound()
        _claim(signals)
        CaseSignal.objects.bulk_create([CaseSignal(case=case, signal=s) for s in signals])
        existing = set(case.forms.values_list("form", flat=True))
        CaseForm.objects.bulk_create([CaseForm(case=case, form=f) for f in
                                      sorted({f.form for s in signals for f in s.forms.all()} - existing)])
        signals_mark_registered(actor=actor, signals=signals, case_reference=case.reference)
        bump(case)
        record(actor=actor, action=Event.CASE_SIGNALS_ADDED, obj=case,
               details={"signals": [s.reference for s in signals]})
    return case


def case_merge(*, actor: Actor, case_id, into_id, reason: str) -> Case:
    """A duplicate case goes into the one that stays: its signals, steps, notes, referrals and tasks
    move; it is closed with a pointer. The reason is audited."""
    actor.require("care.register_case")
    if not reason.strip():
        raise fail("reason", _("Say why these cases are the same person."))
    if parse_uuid(case_id) == parse_uuid(into_id):
        raise fail("into", _("Choose another case to merge into."))
    with transaction.atomic():
        duplicate = locked_case(actor, case_id, owner_only=True)
        target = locked_case(actor, into_id, owner_only=True)
        if duplicate.status == Case.Status.CLOSED or target.status == Case.Status.CLOSED:
            raise fail("into", _("Only open cases can be merged."))
        CaseSignal.objects.filter(case=duplicate).update(case=target)
        CaseEvent.objects.filter(case=duplicate).update(case=target)
        duplicate.referrals.update(case=target)
        duplicate.tasks.update(case=target)
        duplicate.placement_requests.update(case=target)
        existing = set(target.forms.values_list("form", flat=True))
        CaseForm.objects.bulk_create([CaseForm(case=target, form=f) for f in
                                      set(duplicate.forms.values_list("form", flat=True)) - existing])
        CaseEvent.objects.create(case=target, kind=CaseEvent.Kind.MERGED, occurred_on=timezone.localdate(),
                                 organisation=actor.organisation, recorded_by=actor.user,
                                 note=_("Merged from %(ref)s: %(reason)s") % {"ref": duplicate.reference,
                                                                               "reason": reason})
        _close(actor, duplicate, "merged")
        duplicate.merged_into = target
        bump(duplicate, "status", "closed_reason", "closed_at", "merged_into")
        bump(target)
        record(actor=actor, action=Event.CASE_MERGED, obj=target,
               details={"merged": duplicate.reference, "into": target.reference, "reason": reason})
    return target


def case_event_add(*, actor: Actor, case_id, kind: str, occurred_on: Any, step: str = "", note: str = "",
                   visibility: str = CaseEvent.Visibility.SHARED) -> CaseEvent:
    """A procedure step (which starts its deadlines) or a note. Dates are when it happened."""
    from .tasks import tasks_for_event

    actor.require("care.edit_case")
    collector = FieldErrors()
    when = parse_date(occurred_on, "occurred_on", collector) or (None if occurred_on else timezone.localdate())
    errors = collector.fields
    if kind not in (CaseEvent.Kind.STEP, CaseEvent.Kind.NOTE):
        errors["kind"] = [_("Record a procedure step or a note.")]
    if kind == CaseEvent.Kind.STEP and step not in codes_of(codelists.nrm_steps()):
        errors["step"] = [_("Choose one of the steps of the procedure.")]
    if kind == CaseEvent.Kind.NOTE and not note.strip():
        errors["note"] = [_("Write the note.")]
    if visibility not in CaseEvent.Visibility.values:
        errors["visibility"] = [_("Choose who may read this.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case = locked_case(actor, case_id)
        event = CaseEvent.objects.create(case=case, kind=kind, step=step if kind == CaseEvent.Kind.STEP else "",
                                         occurred_on=when, organisation=actor.organisation, recorded_by=actor.user,
                                         note=note.strip(), visibility=visibility)
        basis = STATUS_BASIS_BY_STEP.get(event.step)  # a note carries no step, whatever the form sent
        if basis:
            case.victim_status_basis = basis
        bump(case, "victim_status_basis")
        tasks_for_event(actor=actor, event=event)
        record(actor=actor, action=Event.CASE_EVENT_ADDED, obj=case,
               details={"event": str(event.pk), "kind": kind, "step": step, "visibility": visibility})
    return event


def safe_contact_set(*, actor: Actor, case_id, version: int, channel: str, via_organisation_id=None, phone: str = "",
                     times: str = "", instructions: str = "") -> SafeContact:
    actor.require("care.edit_case")
    if channel not in SafeContact.Channel.values:
        raise fail("channel", _("Choose how the person may be contacted."))
    via = None
    if channel == SafeContact.Channel.VIA_ORGANISATION:
        via = Organisation.objects.filter(pk=parse_uuid(via_organisation_id), is_active=True).first() \
            if via_organisation_id else None
        if via is None:
            raise fail("via_organisation", _("Name the organisation through which contact goes."))
    if channel == SafeContact.Channel.PHONE and not phone.strip():
        raise fail("phone", _("Give the safe phone number."))
    with transaction.atomic():
        case = locked_case(actor, case_id)
        contact = SafeContact.objects.select_for_update().get(case=case)
        if contact.version != version:
            raise Conflict()
        old = {"channel": contact.channel, "via_organisation": contact.via_organisation, "times": contact.times}
        contact.channel, contact.via_organisation, contact.phone = channel, via, phone.strip()
        contact.times, contact.instructions = times.strip()[:200], instructions.strip()
        contact.version += 1
        contact.save(update_fields=["channel", "via_organisation", "phone", "times", "instructions", "version",
                                    "updated_at"])
        record(actor=actor, action=Event.SAFE_CONTACT_SET, obj=case,
               details=changes(contact, ["channel", "via_organisation", "times"], old))
    return contact


def _close(actor: Actor, case: Case, reason: str) -> None:
    from ..models import PlacementRequest, Referral, Task

    CaseStatusChange.objects.create(case=case, from_status=case.status, to_status=Case.Status.CLOSED, reason=reason,
                                    changed_by=actor.user, changed_at=timezone.now())
    case.status, case.closed_reason, case.closed_at = Case.Status.CLOSED, reason, timezone.now()
    # Access through referrals ends with the case.
    for referral in case.referrals.filter(status__in=[Referral.Status.SENT, Referral.Status.ACCEPTED]):
        from .referrals import _record_change

        to = Referral.Status.WITHDRAWN if referral.status == Referral.Status.SENT else Referral.Status.COMPLETED
        _record_change(actor, referral, to)
    case.tasks.filter(status=Task.Status.OPEN).update(status=Task.Status.CANCELLED)
    # The bed is free again, and the waiting list no longer holds the case.
    today = timezone.localdate()
    for placement in Placement.objects.filter(request__case=case, end_on__isnull=True):
        placement.end_on = max(today, placement.start_on)
        placement.save(update_fields=["end_on", "updated_at"])
    case.placement_requests.filter(status=PlacementRequest.Status.WAITING).update(status=PlacementRequest.Status.CANCELLED)


def case_close(*, actor: Actor, case_id, version: int, reason: str) -> Case:
    actor.require("care.refer_case")
    if reason not in codes_of(codelists.case_close_reasons()) or reason == "merged":
        raise fail("reason", _("Choose why the case is closed."))
    with transaction.atomic():
        case = locked_case(actor, case_id, version, owner_only=True)
        if case.status == Case.Status.CLOSED:
            raise fail("status", _("The case is already closed."))
        _close(actor, case, reason)
        bump(case, "status", "closed_reason", "closed_at")
        record(actor=actor, action=Event.CASE_CLOSED, obj=case, details={"reason": reason})
    return case


def cases_legal_hold(*, actor: Actor, references: list[str], on: bool, reason: str = "") -> list[Case]:
    """Place (or lift) a hold on many cases at once, as a written order lists them: all of them, or,
    when a reference is not among the cases the actor may hold, none."""
    wanted = list(dict.fromkeys(r.strip().upper() for r in references if r.strip()))
    if not wanted:
        raise fail("references", _("Give the references of the cases."))
    if on and not reason.strip():
        raise fail("reason", _("Say why the case must be kept (e.g. the investigation or court case)."))
    found = {c.reference.upper(): c.pk for c in care_selectors.cases_to_hold(actor).filter(reference__in=wanted)}
    unknown = [r for r in wanted if r not in found]
    if unknown:
        raise fail("references", _("No case you may hold has the reference %(refs)s. Nothing was changed.")
                   % {"refs": ", ".join(unknown)})
    with transaction.atomic():
        return [case_legal_hold(actor=actor, case_id=found[r], on=on, reason=reason) for r in wanted]


def case_legal_hold(*, actor: Actor, case_id, on: bool, reason: str = "", version: int | None = None) -> Case:
    """A legal hold keeps a case from retention's deletion (a running investigation, a court case)."""
    holdable = care_selectors.cases_to_hold(actor)
    if on and not reason.strip():
        raise fail("reason", _("Say why the case must be kept (e.g. the investigation or court case)."))
    with transaction.atomic():
        case = holdable.select_for_update().filter(pk=parse_uuid(case_id)).first()
        if case is None:
            raise NotFound()
        if version is not None and case.version != version:
            raise Conflict()
        case.legal_hold, case.legal_hold_reason = on, reason.strip() if on else ""
        bump(case, "legal_hold", "legal_hold_reason")
        record(actor=actor, action=Event.CASE_LEGAL_HOLD, obj=case, details={"on": on})
    return case

