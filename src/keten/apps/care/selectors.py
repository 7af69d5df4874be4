"""Reads of the national referral mechanism, scoped to the actor: cases the organisation owns or
works on through an accepted referral; timeline items only for those allowed to see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Municipality
from keten.apps.audit.services import record_access
from keten.apps.common.errors import NotFound, parse_uuid

from . import deadlines, workflow
from .models import Case, CaseEvent, CareCoordination, Facility, Placement, PlacementRequest, Referral, Task


def cases_visible_to(actor: Actor) -> QuerySet[Case]:
    actor.require("care.view_cases")
    # A correlated EXISTS, not IN (subquery): looking up one case then costs one index probe.
    working = Referral.objects.filter(case_id=OuterRef("pk"), to_organisation_id=actor.organisation_id,
                                      status__in=workflow.GRANTS_ACCESS)
    return Case.objects.filter(Q(owner_id=actor.organisation_id) | (Q(status=Case.Status.OPEN) & Exists(working)))


@dataclass(frozen=True)
class CaseFilter:
    status: str = "open"
    reference: str = ""
    minor: bool | None = None
    scope: str = "owned"  # "owned": cases the organisation owns; "referred": cases referred to it


def case_list(*, actor: Actor, filters: CaseFilter = CaseFilter()) -> QuerySet[Case]:
    """Cases without names: reference, owner, status, forms, dossier type. Owned cases and cases
    referred to the organisation are listed apart: each is then one indexed query."""
    actor.require("care.view_cases")
    if filters.scope == "referred":
        qs = Case.objects.filter(referrals__to_organisation_id=actor.organisation_id,
                                 referrals__status__in=workflow.GRANTS_ACCESS, status=Case.Status.OPEN).distinct()
    else:
        qs = Case.objects.filter(owner_id=actor.organisation_id)
    qs = qs.select_related("owner").prefetch_related("forms")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.reference:
        qs = qs.filter(reference__iexact=filters.reference.strip())
    if filters.minor is not None:
        qs = qs.filter(is_minor=filters.minor)
    return qs.order_by("-created_at")


def open_task_counts(case_ids) -> dict:
    """Open tasks per case, for the cases on one page (not the whole list: that would count them all)."""
    rows = (Task.objects.filter(case_id__in=list(case_ids), status=Task.Status.OPEN)
            .values_list("case_id").annotate(n=Count("pk")).values_list("case_id", "n"))
    return dict(rows)


# Organisations that work with minors by their task see a minor's identity when referred; others
# working on the case through a referral see the reference, age group and needs, not who it is.
MINOR_IDENTITY_TYPES = ("youth_care", "veilig_thuis", "nidos", "registration_desk")


def may_see_identity(actor: Actor, case: Case) -> bool:
    if not case.is_minor or case.owner_id == actor.organisation_id:
        return True
    return actor.organisation is not None and actor.organisation.type in MINOR_IDENTITY_TYPES


def case_get(*, actor: Actor, case_id, purpose: str) -> Case:
    case = (cases_visible_to(actor).select_related("owner", "safe_contact__via_organisation", "merged_into")
            .prefetch_related("forms").filter(pk=parse_uuid(case_id)).first())
    if case is None:
        raise NotFound()
    record_access(actor=actor, objects=[case], purpose=purpose)
    return case


# The Public Prosecution Service holds cases for investigations anywhere in the country; other
# holders (a privacy officer) act for their own organisation, as everywhere else in their role.
NATIONAL_HOLDERS = frozenset({"prosecution"})


def cases_to_hold(actor: Actor) -> QuerySet[Case]:
    """The cases the actor may place under a legal hold, or lift it from."""
    actor.require("care.legal_hold")
    organisation = actor.organisation
    if organisation is not None and organisation.type in NATIONAL_HOLDERS:
        return Case.objects.all()
    return Case.objects.filter(owner_id=actor.organisation_id)


def case_for_legal_hold(*, actor: Actor, reference: str) -> Case:
    """A case by its reference, for those who place legal holds (prosecutors nationally, privacy
    officers in their own organisation): they do not work on cases, so they get its reference,
    owner, status and hold only."""
    case = cases_to_hold(actor).select_related("owner").filter(reference__iexact=reference.strip()).first() \
        if reference.strip() else None
    if case is None:
        raise NotFound()
    record_access(actor=actor, objects=[case], purpose="legal hold")
    return case


def placement_get(*, actor: Actor, placement_id) -> Placement:
    """A placement in a case the actor works on."""
    placement = (Placement.objects.filter(pk=parse_uuid(placement_id), request__case__in=cases_visible_to(actor))
                 .select_related("request").first())
    if placement is None:
        raise NotFound()
    return placement


@dataclass(frozen=True)
class TimelineItem:
    when: date
    kind: str  # signal | registered | step | note | referral | placement | task | merged | transferred
    title: str
    detail: str = ""
    organisation: str = ""
    link: str = ""


def case_timeline(*, actor: Actor, case: Case) -> list[TimelineItem]:
    """Signals, registration, steps, notes, referrals, placements and deadlines, in date order. Notes
    marked 'own organisation only' show only to the organisation that wrote them; signals show by
    reference to organisations that may not read them, and link for those that may."""
    from keten.apps.intake.selectors import signals_visible_to

    from .codelists import nrm_steps

    step_labels = {s.code: s.label for s in nrm_steps()}
    items: list[TimelineItem] = []
    readable = set(signals_visible_to(actor).filter(case_link__case=case).values_list("pk", flat=True)) \
        if actor.has("intake.view_signals") else set()
    for link in case.signal_links.select_related("signal__organisation"):
        signal = link.signal
        items.append(TimelineItem(signal.observed_on or signal.created_at.date(), "signal", signal.reference,
                                  organisation=signal.organisation.name,
                                  link=reverse("intake:detail", args=[signal.pk]) if signal.pk in readable else ""))
    events = case.events.select_related("organisation", "recorded_by").filter(
        Q(visibility=CaseEvent.Visibility.SHARED) | Q(organisation_id=actor.organisation_id))
    for event in events:
        title = step_labels.get(event.step, event.get_kind_display()) if event.step else event.get_kind_display()
        items.append(TimelineItem(event.occurred_on, event.kind, title, detail=event.note,
                                  organisation=event.organisation.name))
    for referral in case.referrals.select_related("from_organisation", "to_organisation"):
        items.append(TimelineItem(referral.created_at.date(), "referral",
                                  f"{referral.get_kind_display()}: {referral.from_organisation.name} → "
                                  f"{referral.to_organisation.name}", detail=referral.get_status_display(),
                                  organisation=referral.from_organisation.name))
    for placement in Placement.objects.filter(request__case=case).select_related("facility"):
        items.append(TimelineItem(placement.start_on, "placement", placement.facility.name,
                                  detail=f"→ {placement.end_on}" if placement.end_on else ""))
    for task in case.tasks.filter(organisation_id=actor.organisation_id):
        items.append(TimelineItem(task.due_on, "task", task.label, detail=task.get_status_display()))
    return sorted(items, key=lambda i: (i.when, i.kind))


def task_list(*, actor: Actor, mine_only: bool = False, include_done: bool = False) -> QuerySet[Task]:
    """Open tasks of the actor's organisation (or only the actor's own), soonest first."""
    actor.require("care.view_cases")
    qs = Task.objects.filter(organisation_id=actor.organisation_id).select_related("case", "assignee")
    if mine_only:
        qs = qs.filter(assignee=actor.user)
    if not include_done:
        qs = qs.filter(status=Task.Status.OPEN)
    return qs.order_by("due_on", "created_at")


def task_counts(tasks: QuerySet[Task], today: date | None = None) -> dict[str, int]:
    """How many of the tasks are overdue, due (reminder date reached) and later, and in all, in one
    query. The three never overlap: a reminder never comes after its due date."""
    today = today or timezone.localdate()
    counts = tasks.order_by().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, remind_from__lte=today)),
        later=Count("pk", filter=Q(remind_from__gt=today)),
    )
    counts["total"] = counts["overdue"] + counts["due"] + counts["later"]
    return counts


def with_state(tasks, today: date | None = None) -> list[tuple[Task, str]]:
    today = today or timezone.localdate()
    return [(t, deadlines.state(t.due_on, t.remind_from, today)) for t in tasks]


def referrals_received(*, actor: Actor, status: str = "sent") -> QuerySet[Referral]:
    actor.require("care.view_cases")
    return (Referral.objects.filter(to_organisation_id=actor.organisation_id, status=status)
            .select_related("case", "from_organisation", "to_organisation").order_by("respond_by"))


def referral_for_receiver(*, actor: Actor, referral_id, purpose: str) -> Referral:
    """A referral sent to the actor's organisation: before accepting, the receiver reads what is asked
    (purpose, consent) and the case's reference, not the case itself."""
    referral = (Referral.objects.filter(pk=parse_uuid(referral_id), to_organisation_id=actor.organisation_id)
                .select_related("case", "from_organisation").first())
    if referral is None:
        raise NotFound()
    record_access(actor=actor, objects=[referral], purpose=purpose)
    return referral


@dataclass(frozen=True)
class FacilityLoad:
    facility: Facility
    places: int
    occupied: int

    @property
    def free(self) -> int:
        return max(0, self.places - self.occupied)


def capacity_overview(*, actor: Actor, day: date | None = None) -> list[FacilityLoad]:
    """Every active facility with its places and occupancy on ``day``, in three queries."""
    actor.require("care.view_capacity")
    day = day or timezone.localdate()
    facilities = list(Facility.objects.filter(is_active=True).select_related("organisation")
                      .prefetch_related("capacities").order_by("region", "name"))
    occupied = dict(Placement.objects.filter(start_on__lte=day).filter(Q(end_on__isnull=True) | Q(end_on__gt=day))
                    .values_list("facility_id").annotate(n=Count("id")).values_list("facility_id", "n"))
    loads = []
    for facility in facilities:
        rows = sorted((c for c in facility.capacities.all() if c.valid_from <= day), key=lambda c: c.valid_from)
        loads.append(FacilityLoad(facility, rows[-1].places if rows else 0, occupied.get(facility.pk, 0)))
    return loads


def waiting_list(*, actor: Actor) -> QuerySet[PlacementRequest]:
    actor.require("care.view_capacity")
    return (PlacementRequest.objects.filter(status=PlacementRequest.Status.WAITING)
            .filter(case__in=cases_visible_to(actor)).select_related("case", "requested_by").order_by("created_at"))


@dataclass(frozen=True)
class Coverage:
    municipality: Municipality
    coordination: CareCoordination | None


def coordination_coverage(*, actor: Actor) -> tuple[list[Coverage], float]:
    """Every municipality, with its care coordination or none, and the share covered."""
    actor.require("accounts.view_directory")
    rows = list(Municipality.objects.annotate(
        covered=Exists(CareCoordination.objects.filter(municipality=OuterRef("pk")))).order_by("name"))
    coordinations = {c.municipality_id: c for c in CareCoordination.objects.select_related("organisation")}
    coverage = [Coverage(m, coordinations.get(m.pk)) for m in rows]
    share = sum(1 for c in coverage if c.coordination) / len(coverage) if coverage else 0.0
    return coverage, share


def placement_options(*, actor: Actor, request_id):
    """A waiting request of a case the actor works on, the offers (facilities with free places today)
    and the person's needs, ready for matching.rank."""
    from . import matching

    actor.require("care.request_placement")
    request = (PlacementRequest.objects.filter(pk=parse_uuid(request_id), case__in=cases_visible_to(actor),
                                               status=PlacementRequest.Status.WAITING)
               .select_related("case").first())
    if request is None:
        raise NotFound()
    case = request.case
    today = timezone.localdate()
    offers = [
        matching.Offer(str(load.facility.pk), load.facility.name, tuple(load.facility.categories),
                       tuple(load.facility.genders), load.facility.min_age, load.facility.max_age,
                       tuple(load.facility.languages), load.facility.region, load.facility.secure, load.free)
        for load in capacity_overview(actor=actor, day=today)
    ]
    age = today.year - case.birth_year if case.birth_year else None
    need = matching.Need(request.category, case.gender, age, tuple(case.languages), request.region,
                         request.needs_security, case.foreign)
    return request, offers, need
