import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keten.apps.accounts.access import requires

from .events import Event
from .forms import AuditSearchForm
from .selectors import AuditFilter, audit_chain_verify, audit_event_search
from .services import record


def _filters(form) -> AuditFilter:
    if not form.is_valid():
        return AuditFilter()
    data = {k: v for k, v in form.cleaned_data.items() if v}
    return AuditFilter(**data)


@requires("audit.view_log")
def search(request):
    form = AuditSearchForm(request.GET or None)
    searched = bool(request.GET)
    page = None
    if searched and form.is_valid():
        events = audit_event_search(actor=request.actor, filters=_filters(form))
        page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/search.html",
                  {"form": form, "page": page, "searched": searched, "query": query.urlencode()})


@requires("audit.view_log")
def export(request):
    form = AuditSearchForm(request.GET or None)
    events = audit_event_search(actor=request.actor, filters=_filters(form))[:50000]
    record(actor=request.actor, action=Event.EXPORTED, object_type="audit.auditevent",
           purpose="privacy supervision", details={"format": "csv"})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="keten-audit.csv"'
    writer = csv.writer(response)
    writer.writerow(["id", "occurred_at", "action", "actor", "role", "object_type", "object_id", "purpose",
                     "request_id", "hash"])
    for e in events:
        writer.writerow([e.id, e.occurred_at.isoformat(), e.action, e.actor_label, e.role, e.object_type,
                         e.object_id, e.purpose, e.request_id, e.hash])
    return response


@requires("audit.verify_chain")
@require_POST
def verify(request):
    result = audit_chain_verify(actor=request.actor)
    return render(request, "audit/verify.html", {"result": result})
