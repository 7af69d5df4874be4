"""The task list of a person and an organisation, and its calendar export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keten.apps.accounts.access import requires
from keten.apps.common.errors import ApplicationError, NotFound

from .. import selectors, services
from ..ical import calendar_for
from .common import report


@requires("care.view_cases")
def task_list(request):
    mine = request.GET.get("mine") == "1"
    tasks = selectors.task_list(actor=request.actor, mine_only=mine)
    counts = selectors.task_counts(tasks)
    paginator = Paginator(tasks, 50)
    paginator.count = counts["total"]  # known already: saves counting the tasks twice
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "care/task_list.html", {
        "tasks": selectors.with_state(page.object_list), "page": page, "mine": mine, "counts": counts})


@requires("care.manage_tasks")
@require_POST
def task_done(request, task_id):
    try:
        services.task_done(actor=request.actor, task_id=task_id, version=int(request.POST.get("version", 0)))
    except NotFound:
        raise Http404
    except (ApplicationError, ValueError) as exc:
        report(request, exc) if isinstance(exc, ApplicationError) else messages.error(request, _("Reload the page."))
    else:
        messages.success(request, _("Task done."))
    return redirect("care:tasks")


@requires("care.view_cases")
def task_calendar(request):
    """Open tasks of the organisation as an iCalendar file: case references and deadlines only."""
    tasks = selectors.task_list(actor=request.actor)[:1000]
    response = HttpResponse(calendar_for(tasks, now=timezone.now()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="keten-tasks.ics"'
    return response
