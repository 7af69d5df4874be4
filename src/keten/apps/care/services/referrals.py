"""Referring a case to another organisation and the answers to it, following the table in workflow.py."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid

from .. import codelists, deadlines, workflow
from ..models import CaseEvent, Referral, ReferralChange, Task
from .common import bump, fail, locked_case


def _record_change(actor: Actor, referral: Referral, to_status: str) -> None:
    ReferralChange.objects.create(referral=referral, from_status=referral.status, to_status=to_status,
                                  changed_by=actor.user, organisation=actor.organisation, changed_at=timezone.now())
    referral.status = to_status
    referral.version += 1
    referral.save(update_fields=["status", "version", "updated_at"])
    if to_status != Referral.Status.SENT:
        referral.tasks.filter(status=Task.Status.OPEN, term="referral_response").update(
            status=Task.Status.DONE, done_at=timezone.now())


def referral_send(*, actor: Actor, case_id, to_organisation_id, kind: str, purpose: str, consent: str,
                  consent_note: str = "", transfer: bool = False) -> Referral:
    """Refer a case; the receiver gets a task to answer within the agreed response time."""
    from .tasks import new_task

    actor.require("care.refer_case")
    errors: dict[str, list[str]] = {}
    referral_kind = codelists.referral_kind(kind)
    if referral_kind is None:
        errors["kind"] = [_("Choose what the referral is for.")]
    if not purpose.strip():
        errors["purpose"] = [_("Say what you ask the other organisation to do.")]
    if consent not in Referral.Consent.values:
        errors["consent"] = [_("Record whether the person agreed to this referral.")]
    elif consent == Referral.Consent.REFUSED:
        errors["consent"] = [_("Without the person's consent, refer only on a legal duty or a vital interest; "
                               "record that ground instead.")]
    receiver = Organisation.objects.filter(pk=parse_uuid(to_organisation_id), is_active=True).first() \
        if to_organisation_id else None
    if receiver is None:
        errors["to_organisation"] = [_("Choose the organisation to refer to.")]
    elif referral_kind is not None and receiver.type not in referral_kind.extra["receivers"]:
        errors["to_organisation"] = [_("%(org)s cannot receive a referral for %(kind)s; choose an organisation of "
                                       "the right kind.") % {"org": receiver.name, "kind": referral_kind.label}]
    elif receiver.pk == actor.organisation_id:
        errors["to_organisation"] = [_("Refer to another organisation than your own.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case = locked_case(actor, case_id)
        if transfer and case.owner_id != actor.organisation_id:
            raise fail("transfer", _("Only the organisation that owns the case can transfer it."))
        if case.referrals.filter(to_organisation=receiver, kind=kind, status__in=[
                Referral.Status.SENT, Referral.Status.ACCEPTED]).exists():
            raise fail("to_organisation", _("This case already has an open referral of this kind to %(org)s.") % {
                "org": receiver.name})
        today = timezone.localdate()
        due = deadlines.deadline("referral_response", codelists.terms(), today)
        referral = Referral.objects.create(
            case=case, from_organisation=actor.organisation, to_organisation=receiver, kind=kind,
            purpose=purpose.strip(), consent=consent, consent_note=consent_note.strip(), transfer=transfer,
            respond_by=due.due_on, sent_by=actor.user)
        ReferralChange.objects.create(referral=referral, to_status=Referral.Status.SENT, changed_by=actor.user,
                                      organisation=actor.organisation, changed_at=timezone.now())
        new_task(actor=actor, case=case, organisation=receiver, term="referral_response",
                 title=_("Answer the referral of %(ref)s (%(kind)s)") % {"ref": case.reference,
                                                                        "kind": referral_kind.label},
                 due_on=due.due_on, remind_from=due.remind_from, source_referral=referral)
        bump(case)
        record(actor=actor, action=Event.REFERRAL_SENT, obj=case, details={
            "referral": str(referral.pk), "to": str(receiver.pk), "kind": kind, "consent": consent,
            "transfer": transfer})
    return referral


def referral_change(*, actor: Actor, referral_id, to_status: str, version: int, answer: str = "") -> Referral:
    """Accept, decline, complete (receiver) or withdraw, revoke (sender) a referral."""
    with transaction.atomic():
        referral = (Referral.objects.select_for_update().select_related("case")
                    .filter(pk=parse_uuid(referral_id)).first())
        if referral is None:
            raise NotFound()
        side = ("receiver" if referral.to_organisation_id == actor.organisation_id else
                "sender" if referral.from_organisation_id == actor.organisation_id else None)
        if side is None:
            raise NotFound()
        if referral.version != version:
            raise Conflict()
        step = workflow.step(referral.status, to_status)
        if step is None or step.by != side:
            raise fail("status", _("This referral is %(now)s; you cannot make it %(to)s.") % {
                "now": Referral.Status(referral.status).label,
                "to": Referral.Status(to_status).label if to_status in Referral.Status.values else to_status})
        actor.require(step.permission)
        if referral.case.status != "open":
            raise fail("status", _("The case is closed."))
        if to_status == Referral.Status.DECLINED and not answer.strip():
            raise fail("answer", _("Say why the referral is declined, so the sender can look further."))
        _record_change(actor, referral, to_status)
        if answer.strip():
            referral.answer = answer.strip()
            referral.save(update_fields=["answer", "updated_at"])
        if to_status == Referral.Status.ACCEPTED and referral.transfer:
            case = referral.case
            previous = case.owner
            case.owner_id = referral.to_organisation_id
            bump(case, "owner")
            CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.TRANSFERRED, occurred_on=timezone.localdate(),
                                     organisation=actor.organisation, recorded_by=actor.user,
                                     note=_("Transferred from %(org)s") % {"org": previous.name})
        record(actor=actor, action=Event.REFERRAL_CHANGED, obj=referral.case, details={
            "referral": str(referral.pk), "to_status": to_status, "by": side})
    return referral
