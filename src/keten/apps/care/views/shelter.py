"""Shelter capacity for the desk and coordinators; facilities for the shelters themselves."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.common.errors import ApplicationError, NotFound, PermissionDenied

from .. import selectors, services
from ..forms import FacilityForm, PlacementEndForm
from ..models import Facility
from .common import report


@requires("care.view_capacity")
def capacity(request):
    day = _day(request.GET.get("day"))
    loads = selectors.capacity_overview(actor=request.actor, day=day)
    by_category: dict[str, dict[str, int]] = {}
    for load in loads:
        for category in load.facility.categories:
            row = by_category.setdefault(category, {"places": 0, "occupied": 0, "free": 0})
            row["places"] += load.places
            row["occupied"] += load.occupied
            row["free"] += load.free
    waiting = selectors.waiting_list(actor=request.actor) if request.actor.has("care.view_cases") else []
    return render(request, "care/capacity.html", {"loads": loads, "by_category": by_category, "waiting": waiting,
                                                  "day": day})


def _day(raw: str | None):
    """The day to show (capacity and occupancy over time); today when absent or malformed."""
    from datetime import date

    from django.utils import timezone

    try:
        return date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@requires("care.manage_shelter")
@require_http_methods(["GET", "HEAD", "POST"])
def facilities(request):
    form = FacilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.facility_create(actor=request.actor, name=data["name"], categories=data["categories"],
                                     region=data["region"], places=data["places"], secure=data["secure"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The facility has been added."))
            return redirect("care:facilities")
    own = Facility.objects.filter(organisation_id=request.actor.organisation_id).prefetch_related("capacities")
    return render(request, "care/facilities.html", {"form": form, "facilities": own},
                  status=400 if request.method == "POST" else 200)


@requires("care.manage_shelter")
@require_POST
def capacity_set(request, facility_id):
    try:
        services.capacity_set(actor=request.actor, facility_id=facility_id, places=int(request.POST.get("places", -1)))
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        report(request, exc)
    except ValueError:
        messages.error(request, _("Give the number of places as a whole number."))
    else:
        messages.success(request, _("The capacity has been changed."))
    return redirect("care:facilities")


@requires("care.request_placement")
@require_POST
def placement_end(request, placement_id):
    """The person left the facility: the place is free from that day. Answered on the case page."""
    try:
        placement = selectors.placement_get(actor=request.actor, placement_id=placement_id)
    except (NotFound, PermissionDenied):
        raise Http404
    form = PlacementEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(m for ms in form.errors.values() for m in ms))
    else:
        try:
            services.placement_end(actor=request.actor, placement_id=placement.pk, end_on=form.cleaned_data["end_on"])
        except NotFound:
            raise Http404
        except ApplicationError as exc:
            report(request, exc)
        else:
            messages.success(request, _("The placement has ended; the place is free again."))
    return redirect("care:detail", case_id=placement.request.case_id)
