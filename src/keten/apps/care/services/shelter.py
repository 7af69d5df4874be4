"""Shelter: facilities and their capacity, placement requests, placements within capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.codelists import regions
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.codelists import codes_of
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid
from keten.apps.intake.codelists import languages

from .. import codelists
from ..models import Facility, FacilityCapacity, Placement, PlacementRequest
from .common import bump, fail, locked_case


def facility_create(*, actor: Actor, name: str, categories: list[str], region: str, places: int,
                    genders: list[str] = (), min_age: int = 0, max_age: int = 120, spoken: list[str] = (),
                    secure: bool = False) -> Facility:
    actor.require("care.manage_shelter")
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the facility a name.")]
    if not categories or set(categories) - codes_of(codelists.shelter_categories()):
        errors["categories"] = [_("Choose the facility's shelter categories.")]
    if region not in codes_of(regions()):
        errors["region"] = [_("Choose a police unit.")]
    if not 0 <= min_age <= max_age <= 120:
        errors["min_age"] = [_("The youngest and oldest age admitted do not fit together.")]
    if set(spoken) - codes_of(languages()):
        errors["languages"] = [_("Use two-letter language codes.")]
    if places < 0 or places > 1000:
        errors["places"] = [_("Give the number of places, from 0 to 1,000.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        facility = Facility.objects.create(organisation=actor.organisation, name=name.strip(), categories=categories,
                                           region=region, genders=list(genders), min_age=min_age, max_age=max_age,
                                           languages=list(spoken), secure=secure)
        FacilityCapacity.objects.create(facility=facility, valid_from=timezone.localdate(), places=places,
                                        recorded_by=actor.user)
        record(actor=actor, action=Event.FACILITY_CHANGED, obj=facility, details={"places": places, "created": True})
    return facility


def capacity_set(*, actor: Actor, facility_id, places: int, valid_from: date | None = None) -> FacilityCapacity:
    """From a date on, the facility has this many places (history kept)."""
    actor.require("care.manage_shelter")
    if places < 0 or places > 1000:
        raise fail("places", _("Give the number of places, from 0 to 1,000."))
    valid_from = valid_from or timezone.localdate()
    with transaction.atomic():
        facility = Facility.objects.select_for_update().filter(pk=parse_uuid(facility_id),
                                                               organisation_id=actor.organisation_id).first()
        if facility is None:
            raise NotFound()
        later = facility.capacities.filter(valid_from__gt=valid_from).order_by("valid_from").first()
        until = later.valid_from - timedelta(days=1) if later else max(valid_from, timezone.localdate())
        load = _Load.of(facility, valid_from, until)
        occupied = max(load.occupied(d) for d in load.turning_days(valid_from, until))
        if places < occupied:
            raise fail("places", _("%(n)s people live there now; end placements before lowering the capacity "
                                   "below that.") % {"n": occupied})
        row, _created = FacilityCapacity.objects.update_or_create(
            facility=facility, valid_from=valid_from, defaults={"places": places, "recorded_by": actor.user})
        record(actor=actor, action=Event.FACILITY_CHANGED, obj=facility,
               details={"places": places, "valid_from": valid_from.isoformat()})
    return row


@dataclass(frozen=True)
class _Load:
    """A facility's capacity over time and the stays in it, read once (two queries) to judge any day.

    A stay holds its place from its start until the day before its end (the day the person left).
    """

    capacities: list[tuple[date, int]]  # (valid_from, places), oldest first
    stays: list[tuple[date, date | None]]  # (start_on, end_on)

    @classmethod
    def of(cls, facility: Facility, day: date, until: date) -> _Load:
        capacities = list(facility.capacities.filter(valid_from__lte=until).order_by("valid_from")
                          .values_list("valid_from", "places"))
        stays = list(facility.placements.filter(start_on__lte=until).filter(Q(end_on__isnull=True) | Q(end_on__gt=day))
                     .values_list("start_on", "end_on"))
        return cls(capacities, stays)

    def places(self, day: date) -> int:
        return next((places for since, places in reversed(self.capacities) if since <= day), 0)

    def occupied(self, day: date) -> int:
        return sum(1 for start, end in self.stays if start <= day and (end is None or end > day))

    def turning_days(self, day: date, until: date) -> set[date]:
        """``day`` and the days up to ``until`` on which someone arrived or the capacity changed: free
        places only fall on those days."""
        return {day} | {start for start, _ in self.stays if day < start <= until} | {
            since for since, _ in self.capacities if day < since <= until}


def free_places_from(facility: Facility, day: date, until: date) -> int:
    """The fewest free places on any day from ``day`` to ``until``: a placement that started in the
    past has held its place on every day since."""
    load = _Load.of(facility, day, until)
    return min(load.places(d) - load.occupied(d) for d in load.turning_days(day, until))


def placement_request(*, actor: Actor, case_id, category: str, region: str = "", needs_security: bool = False,
                      note: str = "") -> PlacementRequest:
    actor.require("care.request_placement")
    category_code = next((c for c in codelists.shelter_categories() if c.code == category), None)
    if category_code is None:
        raise fail("category", _("Choose the kind of shelter needed."))
    if region and region not in codes_of(regions()):
        raise fail("region", _("Choose a police unit, or leave it empty for anywhere."))
    with transaction.atomic():
        case = locked_case(actor, case_id)
        if category_code.extra.get("minors_only") and not case.is_minor:
            raise fail("category", _("This shelter is for minors; the person is an adult."))
        if category_code.extra.get("adults_only") and case.is_minor:
            raise fail("category", _("This shelter is for adults; a minor goes to youth care or protected shelter."))
        if category_code.extra.get("foreign_only") and not case.foreign:
            raise fail("category", _("COSM is for victims of foreign nationality in their reflection period."))
        request = PlacementRequest.objects.create(case=case, requested_by=actor.organisation, category=category,
                                                  region=region, needs_security=needs_security, note=note.strip())
        bump(case)
        record(actor=actor, action=Event.PLACEMENT_REQUESTED, obj=case,
               details={"request": str(request.pk), "category": category})
    return request


def placement_make(*, actor: Actor, request_id, facility_id, start_on: date | None = None,
                   version: int | None = None) -> Placement:
    """Place the person from ``start_on`` (today, or the day they arrived); refused when the facility
    has no free place on that day or on any day since."""
    actor.require("care.request_placement")
    start_on = start_on or timezone.localdate()
    if start_on > timezone.localdate():
        raise fail("start_on", _("A placement starts on the day the person arrives: record it on that day."))
    with transaction.atomic():
        request = (PlacementRequest.objects.select_for_update().select_related("case")
                   .filter(pk=parse_uuid(request_id)).first())
        if request is None:
            raise NotFound()
        locked_case(actor, request.case_id)  # the actor must work on the case
        if version is not None and request.version != version:
            raise Conflict()
        if request.status != PlacementRequest.Status.WAITING:
            raise fail("request", _("This request is no longer waiting."))
        facility = Facility.objects.select_for_update().filter(pk=parse_uuid(facility_id), is_active=True).first()
        if facility is None:
            raise fail("facility", _("Choose a facility."))
        if request.category not in facility.categories:
            raise fail("facility", _("%(f)s does not offer this kind of shelter.") % {"f": facility.name})
        if free_places_from(facility, start_on, timezone.localdate()) <= 0:
            raise fail("facility", _("%(f)s has no free place from that day on. Choose another facility or keep "
                                     "the person on the waiting list.") % {"f": facility.name})
        placement = Placement.objects.create(request=request, facility=facility, start_on=start_on,
                                             placed_by=actor.user)
        request.status = PlacementRequest.Status.PLACED
        request.version += 1
        request.save(update_fields=["status", "version", "updated_at"])
        record(actor=actor, action=Event.PLACEMENT_MADE, obj=request.case,
               details={"placement": str(placement.pk), "facility": str(facility.pk)})
    return placement


def placement_end(*, actor: Actor, placement_id, end_on: date | None = None) -> Placement:
    actor.require("care.request_placement")
    end_on = end_on or timezone.localdate()
    with transaction.atomic():
        placement = Placement.objects.select_for_update().select_related("request__case").filter(
            pk=parse_uuid(placement_id)).first()
        if placement is None:
            raise NotFound()
        locked_case(actor, placement.request.case_id)
        if placement.end_on is not None:
            raise fail("end_on", _("This placement has already ended."))
        if end_on < placement.start_on:
            raise fail("end_on", _("A placement cannot end before it started."))
        placement.end_on = end_on
        placement.save(update_fields=["end_on", "updated_at"])
        record(actor=actor, action=Event.PLACEMENT_ENDED, obj=placement.request.case,
               details={"placement": str(placement.pk), "end_on": end_on.isoformat()})
    return placement
