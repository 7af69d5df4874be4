"""Case pages: the list, registering from signals, the case with its timeline and actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.accounts.selectors import organisation_directory
from keten.apps.common.errors import ApplicationError, NotFound
from keten.apps.intake import selectors as intake_selectors
from keten.apps.intake.models import Status as SignalStatus
from keten.apps.linkage.selectors import known_elsewhere

from .. import matching, selectors, services
from ..forms import (CloseForm, EventForm, PlacementRequestForm, ReferralForm, RegisterForm, SafeContactForm,
                     TaskForm)
from ..services.cases import PossibleDuplicate
from .common import report

PURPOSE = "case work"


@requires("care.view_cases")
def case_list(request):
    status = request.GET.get("status", "open")
    filters = selectors.CaseFilter(status=status if status in ("open", "closed", "") else "open",
                                   reference=request.GET.get("reference", ""),
                                   scope="referred" if request.GET.get("scope") == "referred" else "owned")
    page = Paginator(selectors.case_list(actor=request.actor, filters=filters), 50).get_page(request.GET.get("page"))
    open_tasks = selectors.open_task_counts(c.pk for c in page.object_list)
    rows = [(case, open_tasks.get(case.pk, 0)) for case in page.object_list]
    received = selectors.referrals_received(actor=request.actor)[:20]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "care/case_list.html", {"page": page, "rows": rows, "filters": filters,
                                                   "received": received, "query": query.urlencode()})


def _registrable_signals(actor):
    return (intake_selectors.signals_visible_to(actor).filter(case_link__isnull=True).select_related("organisation")
            .exclude(status__in=[SignalStatus.DRAFT, SignalStatus.CLOSED]).order_by("-created_at")[:200])


@requires("care.register_case")
@require_http_methods(["GET", "HEAD", "POST"])
def case_register(request):
    signals = list(_registrable_signals(request.actor))
    initial = {"signals": request.GET.getlist("signal")}
    form = RegisterForm(request.POST or None, signals=signals, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_register(actor=request.actor, signal_ids=form.cleaned_data["signals"],
                                          dossier_type=form.cleaned_data["dossier_type"],
                                          dublin=form.cleaned_data["dublin"],
                                          confirm_new=form.cleaned_data["confirm_new"])
        except PossibleDuplicate as exc:
            duplicates = exc.matches
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Case %(ref)s registered.") % {"ref": case.reference})
            return redirect("care:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "care/case_register.html", {"form": form, "signals": signals, "duplicates": duplicates},
                  status=status)


@requires("care.view_cases")
def case_detail(request, case_id):
    try:
        case = selectors.case_get(actor=request.actor, case_id=case_id, purpose=PURPOSE)
    except NotFound:
        raise Http404
    own = case.owner_id == request.actor.organisation_id
    others = organisation_directory(actor=request.actor).exclude(pk=request.actor.organisation_id)
    contact = case.safe_contact
    context = {
        "case": case, "own": own, "identity": selectors.may_see_identity(request.actor, case),
        "elsewhere": known_elsewhere(actor=request.actor, case=case) if own else [],
        "timeline": selectors.case_timeline(actor=request.actor, case=case),
        "tasks": selectors.with_state(case.tasks.filter(organisation_id=request.actor.organisation_id,
                                                        status="open")),
        "referrals": case.referrals.select_related("from_organisation", "to_organisation"),
        "requests": case.placement_requests.select_related("placement__facility"),
        "event_form": EventForm(prefix="event", initial={"visibility": "shared", "kind": "step"}),
        "referral_form": ReferralForm(prefix="referral", organisations=others),
        "contact_form": SafeContactForm(prefix="contact", organisations=others, initial={
            "channel": contact.channel, "via_organisation": str(contact.via_organisation_id or ""),
            "phone": contact.phone, "times": contact.times, "instructions": contact.instructions,
            "version": contact.version}),
        "task_form": TaskForm(prefix="task"),
        "placement_form": PlacementRequestForm(prefix="placement"),
        "close_form": CloseForm(prefix="close", initial={"version": case.version}),
    }
    return render(request, "care/case_detail.html", context)


def _post_action(request, case_id, call):
    try:
        call()
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("care:detail", case_id=case_id)


@requires("care.edit_case")
@require_POST
def event_add(request, case_id):
    form = EventForm(request.POST, prefix="event")
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.case_event_add(
        actor=request.actor, case_id=case_id, kind=data.get("kind", ""), step=data.get("step", ""),
        occurred_on=data.get("occurred_on", ""), note=data.get("note", ""), visibility=data.get("visibility", "")))


@requires("care.refer_case")
@require_POST
def referral_send(request, case_id):
    form = ReferralForm(request.POST, prefix="referral", organisations=organisation_directory(actor=request.actor))
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.referral_send(
        actor=request.actor, case_id=case_id, to_organisation_id=data.get("to_organisation"),
        kind=data.get("kind", ""), purpose=data.get("purpose", ""), consent=data.get("consent", ""),
        consent_note=data.get("consent_note", ""), transfer=data.get("transfer", False)))


@requires("care.edit_case")
@require_POST
def safe_contact(request, case_id):
    form = SafeContactForm(request.POST, prefix="contact", organisations=organisation_directory(actor=request.actor))
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.safe_contact_set(
        actor=request.actor, case_id=case_id, version=data.get("version") or 0, channel=data.get("channel", ""),
        via_organisation_id=data.get("via_organisation") or None, phone=data.get("phone", ""),
        times=data.get("times", ""), instructions=data.get("instructions", "")))


@requires("care.manage_tasks")
@require_POST
def task_add(request, case_id):
    form = TaskForm(request.POST, prefix="task")
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.task_create(
        actor=request.actor, case_id=case_id, title=data.get("title", ""), due_on=data.get("due_on", "")))


@requires("care.request_placement")
@require_POST
def placement_request(request, case_id):
    form = PlacementRequestForm(request.POST, prefix="placement")
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.placement_request(
        actor=request.actor, case_id=case_id, category=data.get("category", ""), region=data.get("region", ""),
        needs_security=data.get("needs_security", False), note=data.get("note", "")))


@requires("care.register_case")
@require_POST
def case_merge(request, case_id):
    """The desk found that this case is the same person as another of its cases."""
    reference = request.POST.get("into", "").strip().upper()
    target = selectors.case_list(actor=request.actor, filters=selectors.CaseFilter(status="open", reference=reference)) \
        .first() if reference else None
    if target is None:
        messages.error(request, _("There is no open case %(ref)s of your organisation.") % {"ref": reference or "—"})
        return redirect("care:detail", case_id=case_id)
    try:
        services.case_merge(actor=request.actor, case_id=case_id, into_id=target.pk,
                            reason=request.POST.get("reason", ""))
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        report(request, exc)
        return redirect("care:detail", case_id=case_id)
    messages.success(request, _("Merged into %(ref)s.") % {"ref": target.reference})
    return redirect("care:detail", case_id=target.pk)


@requires("care.refer_case")
@require_POST
def case_close(request, case_id):
    form = CloseForm(request.POST, prefix="close")
    form.is_valid()
    data = form.cleaned_data
    return _post_action(request, case_id, lambda: services.case_close(
        actor=request.actor, case_id=case_id, version=data.get("version") or 0, reason=data.get("reason", "")))


@requires("care.request_placement")
@require_http_methods(["GET", "HEAD", "POST"])
def placement_match(request, request_id):
    """Facilities that fit the request, ranked with their reasons; placing takes one click."""
    try:
        placement_request, offers, need = selectors.placement_options(actor=request.actor, request_id=request_id)
    except NotFound:
        raise Http404
    if request.method == "POST":
        try:
            services.placement_make(actor=request.actor, request_id=placement_request.pk,
                                    facility_id=request.POST.get("facility"))
        except ApplicationError as exc:
            report(request, exc)
        else:
            messages.success(request, _("The person has been placed."))
            return redirect("care:detail", case_id=placement_request.case_id)
    return render(request, "care/placement_match.html", {
        "request_obj": placement_request, "matches": matching.rank(need, offers), "reasons": REASONS})


# The matching engine names its reasons by code; people read them in words.
REASONS = {"category": gettext_lazy("the kind of shelter"), "free_place": gettext_lazy("a free place"),
           "secure": gettext_lazy("a protected location"), "region": gettext_lazy("the preferred police unit"),
           "language": gettext_lazy("a language the person speaks")}
