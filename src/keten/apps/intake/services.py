"""Every write of signals: create (web, API, import, public), update, screen, status changes,
forwarding and attachments. Each validates first, writes in one transaction and audits there."""

from __future__ import annotations

from typing import Any, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import changes, record
from keten.apps.common.codelists import codes_of
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid
from keten.engines import screening

from . import codelists, workflow
from .inputs import SignalInput, parse_signal
from .models import Person, Screening, Signal, SignalForm, SignalShare, Source, Status, StatusChange
from .pseudonyms import person_pseudonyms
from .references import new_reference

SIGNAL_FIELDS = ["observed_on", "municipality", "sector", "place_of_encounter", "country_of_origin",
                 "transit_countries", "smuggling", "route", "account", "external_reference"]


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def person_rows(signal: Signal, data: SignalInput) -> list[Person]:
    rows = []
    for p in data.persons:
        by_name, by_name_dob = person_pseudonyms(p.given_name, p.family_name, p.date_of_birth)
        rows.append(Person(
            signal=signal, role=p.role, given_name=p.given_name, family_name=p.family_name,
            date_of_birth=p.date_of_birth, age=p.age, is_minor=p.is_minor, gender=p.gender,
            nationality=p.nationality, languages=p.languages, document_number=p.document_number,
            phone=p.phone, description=p.description, name_pseudonym=by_name, name_dob_pseudonym=by_name_dob,
        ))
    return rows


def _apply(signal: Signal, data: SignalInput) -> None:
    signal.observed_on = data.observed_on
    signal.municipality_id = data.municipality or None
    for name in ("sector", "place_of_encounter", "country_of_origin", "transit_countries", "smuggling", "route",
                 "account", "external_reference"):
        setattr(signal, name, getattr(data, name))


def _write_signal(*, actor: Actor, organisation: Organisation, data: SignalInput, source: str, status: str,
                  idempotency_key: str = "") -> Signal:
    signal = Signal(organisation=organisation, reported_by=actor.user, source=source, status=status,
                    idempotency_key=idempotency_key, reference=new_reference("S"))
    _apply(signal, data)
    signal.save(force_insert=True)
    SignalForm.objects.bulk_create([SignalForm(signal=signal, form=f) for f in data.forms])
    Person.objects.bulk_create(person_rows(signal, data))
    StatusChange.objects.create(signal=signal, from_status="", to_status=status, changed_by=actor.user,
                                changed_at=timezone.now())
    return signal


def signal_create(*, actor: Actor, data: Mapping[str, Any], source: str = Source.WEB, draft: bool = False,
                  idempotency_key: str = "") -> tuple[Signal, bool]:
    """Record a signal for the actor's organisation. Returns (signal, created): a retried request
    with the same idempotency key returns the first signal instead of a second one."""
    actor.require("intake.create_signal")
    idempotency_key = (idempotency_key or "").strip()[:100]
    # No look-up first: the unique constraint on (organisation, key) finds a retry (below).
    parsed = parse_signal(data, draft=draft)
    try:
        with transaction.atomic():
            signal = _write_signal(actor=actor, organisation=actor.organisation, data=parsed, source=source,
                                   status=Status.DRAFT if draft else Status.NEW, idempotency_key=idempotency_key)
            record(actor=actor, action=Event.SIGNAL_CREATED, obj=signal, details={
                "reference": signal.reference, "source": source, "forms": parsed.forms,
                "persons": len(parsed.persons), "draft": draft})
    except IntegrityError:
        earlier = Signal.objects.filter(organisation_id=actor.organisation_id, idempotency_key=idempotency_key).first()
        if idempotency_key and earlier is not None:  # the same retry raced us; return the winner
            return earlier, False
        if parsed.external_reference:
            raise _fail("external_reference", _("A signal with this reference of your organisation already exists."))
        raise
    return signal, True


def _locked_own_signal(actor: Actor, signal_id, version: int | None) -> Signal:
    signal = (Signal.objects.select_for_update()
              .filter(pk=parse_uuid(signal_id), organisation_id=actor.organisation_id).first())
    if signal is None:
        raise NotFound()
    if version is not None and signal.version != version:
        raise Conflict()
    return signal


def signal_update(*, actor: Actor, signal_id, version: int, data: Mapping[str, Any]) -> Signal:
    """Replace what the signal says (persons included) with the new data; refused on a stale version."""
    actor.require("intake.edit_signal")
    with transaction.atomic():
        signal = _locked_own_signal(actor, signal_id, version)
        parsed = parse_signal(data, draft=signal.status == Status.DRAFT)
        if signal.status == Status.CLOSED:
            raise ValidationFailed(_("A closed signal cannot be changed; reopen it first."))
        old = {name: getattr(signal, name) for name in SIGNAL_FIELDS}
        old_forms = sorted(signal.forms.values_list("form", flat=True))
        _apply(signal, parsed)
        signal.version += 1
        signal.save(update_fields=[*SIGNAL_FIELDS, "version", "updated_at"])
        signal.forms.all().delete()
        SignalForm.objects.bulk_create([SignalForm(signal=signal, form=f) for f in parsed.forms])
        signal.persons.all().delete()
        Person.objects.bulk_create(person_rows(signal, parsed))
        details = changes(signal, SIGNAL_FIELDS, old)
        if old_forms != sorted(parsed.forms):
            details["forms"] = {"old": old_forms, "new": sorted(parsed.forms)}
        details["persons"] = {"changed": "yes", "count": len(parsed.persons)}
        record(actor=actor, action=Event.SIGNAL_UPDATED, obj=signal, details=details)
    return signal


def signal_submit(*, actor: Actor, signal_id, version: int) -> Signal:
    """A draft becomes a new signal."""
    return signal_transition(actor=actor, signal_id=signal_id, to_status=Status.NEW, version=version)


def signal_screen(*, actor: Actor, signal_id, framework: str, present: list[str], absent: list[str],
                  unknown: list[str] = (), version: int | None = None) -> Screening:
    """Screen the signal against one framework; a new signal becomes 'screened'."""
    actor.require("intake.edit_signal")
    try:
        outcome = screening.screen(framework, present=present, absent=absent, unknown=unknown)
    except screening.ScreeningError as exc:
        raise _fail("answers", str(exc)) from exc
    result = outcome.to_dict()
    with transaction.atomic():
        signal = _locked_own_signal(actor, signal_id, version)
        if signal.status in (Status.CLOSED, Status.DRAFT):
            raise ValidationFailed(_("Screen a signal after it is submitted and before it is closed."))
        row = Screening.objects.create(
            signal=signal, framework=result["framework"], framework_version=result["framework_version"],
            rule_set=result["rule_set"], rule_set_version=result["rule_set_version"],
            present=sorted(set(present)), absent=sorted(set(absent)), unknown=sorted(set(unknown)),
            victim=result["victim"], positive_dimensions=result["positive_dimensions"], outcome=result,
            screened_by=actor.user)
        if signal.status == Status.NEW:
            _change_status(actor, signal, Status.SCREENED)
        signal.version += 1
        signal.save(update_fields=["status", "version", "updated_at"])
        record(actor=actor, action=Event.SIGNAL_SCREENED, obj=signal, details={
            "framework": row.framework, "rule_set": row.rule_set, "victim": row.victim,
            "positive_dimensions": row.positive_dimensions})
    return row


def _change_status(actor: Actor, signal: Signal, to_status: str, *, reason: str = "", note: str = "",
                   to_organisation: Organisation | None = None) -> None:
    StatusChange.objects.create(signal=signal, from_status=signal.status, to_status=to_status, reason=reason,
                                note=note, to_organisation=to_organisation, changed_by=actor.user,
                                changed_at=timezone.now())
    signal.status = to_status


def signal_transition(*, actor: Actor, signal_id, to_status: str, version: int, reason: str = "", note: str = "",
                      organisation_id=None) -> Signal:
    """Move a signal along the workflow table; anything the table does not allow is refused."""
    with transaction.atomic():
        signal = _locked_own_signal(actor, signal_id, version)
        step = workflow.transition(signal.status, to_status)
        if step is None:
            target_label = Status(to_status).label if to_status in Status.values else to_status
            raise _fail("status", _("A signal that is %(current)s cannot become %(target)s.") % {
                "current": Status(signal.status).label, "target": target_label})
        actor.require(step.permission)
        target = None
        if step.needs_reason:
            if reason not in codes_of(codelists.close_reasons()):
                raise _fail("reason", _("Choose why the signal is closed."))
            if reason == "other" and not note.strip():
                raise _fail("note", _("Explain the reason 'other' in a note."))
        if step.needs_organisation:
            target = Organisation.objects.filter(pk=parse_uuid(organisation_id), is_active=True).first() \
                if organisation_id else None
            if target is None or target.pk == signal.organisation_id:
                raise _fail("organisation", _("Choose another organisation to forward the signal to."))
        if signal.status == Status.DRAFT and to_status == Status.NEW:
            _require_complete(signal)
        old_status = signal.status
        _change_status(actor, signal, to_status, reason=reason, note=note, to_organisation=target)
        signal.closed_reason = reason if to_status == Status.CLOSED else ""
        signal.version += 1
        signal.save(update_fields=["status", "closed_reason", "version", "updated_at"])
        if target is not None:
            share = SignalShare.objects.create(signal=signal, organisation=target, granted_by=actor.user, reason=note)
            record(actor=actor, action=Event.SIGNAL_SHARED, obj=signal,
                   details={"organisation": str(target.pk), "share": str(share.pk)})
        record(actor=actor, action=Event.SIGNAL_STATUS_CHANGED, obj=signal,
               details={"from": old_status, "to": to_status, "reason": reason})
    return signal


def _require_complete(signal: Signal) -> None:
    if not signal.forms.exists():
        raise _fail("forms", _("Choose at least one form of exploitation before submitting."))


def signal_share_revoke(*, actor: Actor, signal_id, organisation_id) -> None:
    actor.require("intake.forward_signal")
    with transaction.atomic():
        signal = _locked_own_signal(actor, signal_id, None)
        share = SignalShare.objects.filter(signal=signal, organisation_id=parse_uuid(organisation_id),
                                           revoked_at__isnull=True).first()
        if share is None:
            raise NotFound()
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])
        record(actor=actor, action=Event.SIGNAL_SHARED, obj=signal,
               details={"organisation": str(organisation_id), "revoked": True})


# Files a professional may add: what the first bytes say, not what the browser claims.
ATTACHMENT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    for magic, content_type in ATTACHMENT_TYPES.items():
        if head.startswith(magic):
            return content_type
    if head and b"\x00" not in head[:4096]:
        try:
            head[:4096].decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < 4090:  # a multi-byte character cut off at the end is fine
                return None
        return "text/plain"
    return None


def attachment_add(*, actor: Actor, signal_id, name: str, content: bytes):
    """Store a file with a signal, encrypted, after checking its size and its real type."""
    import hashlib

    from django.core.files.base import ContentFile

    from keten.apps.common.crypto import field_cipher

    from .models import Attachment

    actor.require("intake.edit_signal")
    if len(content) == 0:
        raise _fail("file", _("The file is empty."))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise _fail("file", _("The file is %(size)s MB; at most 10 MB is allowed.") % {
            "size": round(len(content) / 1024 / 1024, 1)})
    content_type = sniff_content_type(content[:4096])
    if content_type is None:
        raise _fail("file", _("Only PDF, PNG, JPEG and plain text files can be added."))
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        signal = _locked_own_signal(actor, signal_id, None)
        attachment = Attachment(signal=signal, name=name[:200] or "file", content_type=content_type,
                                size=len(content), sha256=digest, uploaded_by=actor.user)
        attachment.blob.save(f"{digest[:16]}.bin", ContentFile(field_cipher().encrypt(content)), save=False)
        attachment.save(force_insert=True)
        record(actor=actor, action=Event.SIGNAL_ATTACHMENT_ADDED, obj=signal,
               details={"attachment": str(attachment.pk), "sha256": digest, "size": len(content),
                        "type": content_type})
    return attachment


def public_report_create(*, data: Mapping[str, Any]) -> Signal:
    """An anonymous report from the public form. It lands with the police unit of the municipality
    where it happened (or the national registration desk) and gets a reference for the reporter.
    Nothing that identifies the reporter is kept, not even the address the report came from."""
    parsed = parse_signal({**data, "persons": []})
    receiver = None
    if parsed.municipality:
        region = Municipality.objects.get(code=parsed.municipality).region
        receiver = Organisation.objects.filter(type="police", region=region, is_active=True).first()
    receiver = receiver or Organisation.objects.filter(type="registration_desk", is_active=True).first()
    if receiver is None:
        raise ValidationFailed(_("Reports cannot be received at the moment. Call the police on 0900-8844."))
    system = Actor.system("public-form")
    with transaction.atomic():
        signal = _write_signal(actor=system, organisation=receiver, data=parsed, source=Source.PUBLIC,
                               status=Status.NEW)
        record(actor=system, action=Event.PUBLIC_REPORT_RECEIVED, obj=signal,
               details={"reference": signal.reference, "receiver": str(receiver.pk)})
    return signal


def signals_mark_registered(*, actor: Actor, signals: list[Signal], case_reference: str) -> None:
    """The registration desk registered a case from these signals: each becomes 'registered' where
    the workflow allows it (their owners see it in the history). Called by the care services.

    The signals are read again under a lock: their owner may have closed or changed one since the
    caller read it, and that change must neither be overwritten nor slip past its version check."""
    with transaction.atomic():
        for signal in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals]).order_by("pk"):
            if workflow.transition(signal.status, Status.REGISTERED) is None:
                continue
            _change_status(actor, signal, Status.REGISTERED, reason="registered", note=case_reference)
            signal.version += 1
            signal.save(update_fields=["status", "version", "updated_at"])
