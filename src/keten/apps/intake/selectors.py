"""Every read of signals, scoped to the actor: the own organisation's signals, and those forwarded
to it while the share is open. Reads of a whole signal (persons, account) are audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.audit.services import record_access
from keten.apps.common.errors import NotFound, parse_uuid

from .models import Person, Screening, Signal, SignalShare, Status


def signals_visible_to(actor: Actor) -> QuerySet[Signal]:
    actor.require("intake.view_signals")
    shared = SignalShare.objects.filter(organisation_id=actor.organisation_id, revoked_at__isnull=True)
    return Signal.objects.filter(Q(organisation_id=actor.organisation_id) | Q(pk__in=shared.values("signal_id")))


@dataclass(frozen=True)
class SignalFilter:
    status: str = ""
    form: str = ""
    sector: str = ""
    source: str = ""
    reference: str = ""
    observed_from: date | None = None
    observed_to: date | None = None
    shared_only: bool = False


def signal_list(*, actor: Actor, filters: SignalFilter = SignalFilter()) -> QuerySet[Signal]:
    """Signals without their personal contents: reference, dates, forms, sector, status."""
    qs = signals_visible_to(actor).select_related("organisation", "municipality").prefetch_related("forms")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.form:
        qs = qs.filter(forms__form=filters.form)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.reference:
        qs = qs.filter(reference__iexact=filters.reference.strip())
    if filters.observed_from:
        qs = qs.filter(observed_on__gte=filters.observed_from)
    if filters.observed_to:
        qs = qs.filter(observed_on__lte=filters.observed_to)
    if filters.shared_only:
        qs = qs.exclude(organisation_id=actor.organisation_id)
    return qs.order_by("-created_at").distinct()


def _with_details(qs: QuerySet[Signal]) -> QuerySet[Signal]:
    return (qs.select_related("organisation", "municipality", "reported_by")
            .prefetch_related("forms", "persons",
                              Prefetch("screenings", queryset=Screening.objects.order_by("-created_at")),
                              "history__changed_by", "history__to_organisation", "attachments",
                              Prefetch("shares", queryset=SignalShare.objects.filter(revoked_at__isnull=True)
                                       .select_related("organisation"))))


def signal_get(*, actor: Actor, signal_id, purpose: str) -> Signal:
    """One signal with persons, screenings and history; the read is audited."""
    signal = _with_details(signals_visible_to(actor)).filter(pk=parse_uuid(signal_id)).first()
    if signal is None:
        raise NotFound()
    record_access(actor=actor, objects=[signal], purpose=purpose)
    return signal


def current_screenings(signal: Signal) -> list[Screening]:
    """The latest screening per framework (the rows are prefetched newest first)."""
    latest: dict[str, Screening] = {}
    for row in signal.screenings.all():
        latest.setdefault(row.framework, row)
    return sorted(latest.values(), key=lambda s: s.framework)


@dataclass(frozen=True)
class PossibleDuplicate:
    reference: str
    signal_id: str
    observed_on: date | None
    matched_on: str  # "name and date of birth" or "name"


def possible_duplicates(*, actor: Actor, signal: Signal, days: int = 365) -> list[PossibleDuplicate]:
    """Other signals of the own organisation in the last ``days`` naming the same victim, matched on
    keyed pseudonyms of the normalised name and date of birth (never on names in clear)."""
    since = timezone.now() - timedelta(days=days)
    found: dict[str, PossibleDuplicate] = {}
    victims = [p for p in signal.persons.all() if p.role == Person.Role.VICTIM and p.name_pseudonym]
    for person in victims:
        key, label = (("name_dob_pseudonym", person.name_dob_pseudonym), "name and date of birth") \
            if person.name_dob_pseudonym else (("name_pseudonym", person.name_pseudonym), "name")
        others = (Person.objects.filter(**{key[0]: key[1]}, role=Person.Role.VICTIM,
                                        signal__organisation_id=actor.organisation_id, signal__created_at__gte=since)
                  .exclude(signal_id=signal.pk).exclude(signal__status=Status.DRAFT)
                  .select_related("signal"))
        for other in others:
            found.setdefault(str(other.signal_id), PossibleDuplicate(
                other.signal.reference, str(other.signal_id), other.signal.observed_on, label))
    return sorted(found.values(), key=lambda d: d.reference)


def attachment_content(*, actor: Actor, signal_id, attachment_id, purpose: str):
    """An attachment and its decrypted bytes; the read is audited."""
    from keten.apps.common.crypto import field_cipher

    from .models import Attachment

    visible = signals_visible_to(actor).filter(pk=parse_uuid(signal_id))
    attachment = Attachment.objects.filter(pk=parse_uuid(attachment_id), signal__in=visible).first()
    if attachment is None:
        raise NotFound()
    with attachment.blob.open("rb") as handle:
        content = field_cipher().decrypt(handle.read())
    record_access(actor=actor, objects=[attachment], purpose=purpose)
    return attachment, content


def signal_for_screening(*, actor: Actor, signal_id) -> Signal:
    """The own signal with its forms and persons, to choose frameworks for a live preview. Nothing
    of it is shown, so this read is not logged (the screening page itself is)."""
    signal = (Signal.objects.filter(pk=parse_uuid(signal_id), organisation_id=actor.organisation_id)
              .prefetch_related("forms", "persons").first())
    if signal is None:
        raise NotFound()
    return signal
