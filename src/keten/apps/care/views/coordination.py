"""Which municipalities have a care coordinator, and which do not."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keten.apps.accounts.access import requires
from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.common.errors import ApplicationError

from .. import selectors, services
from ..forms import CoordinationForm
from ..services.coordination import COORDINATOR_TYPES
from .common import report


@requires("accounts.view_directory")
def coverage(request):
    rows, share = selectors.coordination_coverage(actor=request.actor)
    form = None
    if request.actor.has("care.manage_coordination"):
        form = CoordinationForm(municipalities=Municipality.objects.all(),
                                organisations=Organisation.objects.filter(type__in=COORDINATOR_TYPES, is_active=True))
    return render(request, "care/coverage.html", {"rows": rows, "share": share, "form": form,
                                                  "covered": sum(1 for r in rows if r.coordination)})


@requires("care.manage_coordination")
@require_POST
def coverage_set(request):
    try:
        services.coordination_set(actor=request.actor, municipality_code=request.POST.get("municipality", ""),
                                  organisation_id=request.POST.get("organisation") or None,
                                  contact=request.POST.get("contact", ""))
    except ApplicationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Care coordination recorded."))
    return redirect("care:coverage")
