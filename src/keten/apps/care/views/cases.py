"""Case pages: the list, registering from signals, the case with its timeline and actions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.accounts.selectors import organisation_directory
from keten.apps.common.errors import ApplicationError, NotFound, PermissionDenied
from keten.apps.intake import selectors as intake_selectors
from keten.apps.intake.models import Status as SignalStatus
from keten.apps.linkage.selectors import known_elsewhere

from .. import matching, selectors, services
from ..forms import (AddSignalsForm, CloseForm, EventForm, LegalHoldForm, PlacementRequestForm, ReferralForm,
                     RegisterForm, SafeContactForm, TaskForm)
from ..models import Case
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
            duplicates = _with_own(request.actor, exc.matches)
            form.add_error(None, exc.message)
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Case %(ref)s registered.") % {"ref": case.reference})
            return redirect("care:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "care/case_register.html", {
        "form": form, "signals": signals, "duplicates": duplicates,
        "chosen": urlencode({"signal": form.data.getlist("signals")}, doseq=True) if form.is_bound else ""},
        status=status)


def _with_own(actor, matches: list[dict]) -> list[dict]:
    """Marks the possible duplicates the organisation owns: those it can open and add the signals to."""
    own = {str(pk) for pk in selectors.case_list(actor=actor, filters=selectors.CaseFilter(status="open"))
           .filter(pk__in=[m["id"] for m in matches]).values_list("pk", flat=True)}
    return [{**m, "own": m["id"] in own} for m in matches]


@requires("care.view_cases")
def case_detail(request, case_id):
    return _case_page(request, case_id)


def _case_page(request, case_id, *, refused=None, status=200):
    """The case with its timeline and the forms of its actions. ``refused`` is one action's form as it
    was sent, shown again with what was wrong."""
    actor = request.actor
    try:
        case = selectors.case_get(actor=actor, case_id=case_id, purpose=PURPOSE)
    except (NotFound, PermissionDenied):
        raise Http404
    own = case.owner_id == actor.organisation_id
    others = organisation_directory(actor=actor).exclude(pk=actor.organisation_id)
    contact = case.safe_contact
    may_add_signals = (own and case.status == Case.Status.OPEN and actor.has("care.register_case")
                       and actor.has("intake.view_signals"))
    forms = {
        "event_form": EventForm(prefix="event", initial={"visibility": "shared", "kind": "step"}),
        "referral_form": ReferralForm(prefix="referral", organisations=others),
        "contact_form": SafeContactForm(prefix="contact", organisations=others, initial={
            "channel": contact.channel, "via_organisation": str(contact.via_organisation_id or ""),
            "phone": contact.phone, "times": contact.times, "instructions": contact.instructions,
            "version": contact.version}),
        "task_form": TaskForm(prefix="task"),
        "placement_form": PlacementRequestForm(prefix="placement"),
        "close_form": CloseForm(prefix="close", initial={"version": case.version}),
        "signals_form": AddSignalsForm(prefix="signals", signals=_registrable_signals(actor), initial={
            "version": case.version, "signals": request.GET.getlist("signal")}) if may_add_signals else None,
    }
    if refused is not None:
        forms[refused[0]] = refused[1]
    context = {
        "case": case, "own": own, "identity": selectors.may_see_identity(actor, case),
        "elsewhere": known_elsewhere(actor=actor, case=case) if own else [],
        "timeline": selectors.case_timeline(actor=actor, case=case),
        "tasks": selectors.with_state(case.tasks.filter(organisation_id=actor.organisation_id, status="open")),
        "referrals": case.referrals.select_related("from_organisation", "to_organisation"),
        "requests": case.placement_requests.select_related("placement__facility"),
        "refused": refused[1] if refused is not None else None,
        **forms,
    }
    return render(request, "care/case_detail.html", context, status=status)


def _case_action(request, case_id, name: str, form, action):
    """One action of the case page. A refused one shows the page again with the form as it was sent
    and what was wrong: a redirect would lose both."""
    if not form.is_valid():
        return _case_page(request, case_id, refused=(name, form), status=400)
    try:
        action(form.cleaned_data)
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        form.add_service_errors(exc)
        return _case_page(request, case_id, refused=(name, form), status=exc.status)
    messages.success(request, _("Saved."))
    return redirect("care:detail", case_id=case_id)


@requires("care.edit_case")
@require_POST
def event_add(request, case_id):
    return _case_action(request, case_id, "event_form", EventForm(request.POST, prefix="event"),
                        lambda data: services.case_event_add(
                            actor=request.actor, case_id=case_id, kind=data["kind"], step=data["step"],
                            occurred_on=data["occurred_on"], note=data["note"], visibility=data["visibility"]))


@requires("care.refer_case")
@require_POST
def referral_send(request, case_id):
    form = ReferralForm(request.POST, prefix="referral", organisations=organisation_directory(actor=request.actor))
    return _case_action(request, case_id, "referral_form", form, lambda data: services.referral_send(
        actor=request.actor, case_id=case_id, to_organisation_id=data["to_organisation"], kind=data["kind"],
        purpose=data["purpose"], consent=data["consent"], consent_note=data["consent_note"],
        transfer=data["transfer"]))


@requires("care.edit_case")
@require_POST
def safe_contact(request, case_id):
    form = SafeContactForm(request.POST, prefix="contact", organisations=organisation_directory(actor=request.actor))
    return _case_action(request, case_id, "contact_form", form, lambda data: services.safe_contact_set(
        actor=request.actor, case_id=case_id, version=data["version"], channel=data["channel"],
        via_organisation_id=data["via_organisation"] or None, phone=data["phone"], times=data["times"],
        instructions=data["instructions"]))


@requires("care.manage_tasks")
@require_POST
def task_add(request, case_id):
    return _case_action(request, case_id, "task_form", TaskForm(request.POST, prefix="task"),
                        lambda data: services.task_create(actor=request.actor, case_id=case_id, title=data["title"],
                                                          due_on=data["due_on"]))


@requires("care.request_placement")
@require_POST
def placement_request(request, case_id):
    return _case_action(request, case_id, "placement_form", PlacementRequestForm(request.POST, prefix="placement"),
                        lambda data: services.placement_request(
                            actor=request.actor, case_id=case_id, category=data["category"], region=data["region"],
                            needs_security=data["needs_security"], note=data["note"]))


@requires("care.register_case")
@require_POST
def signals_add(request, case_id):
    """Signals about the person of this case, as registration's duplicate check suggests."""
    signals = _registrable_signals(request.actor) if request.actor.has("intake.view_signals") else []
    form = AddSignalsForm(request.POST, prefix="signals", signals=signals)
    return _case_action(request, case_id, "signals_form", form, lambda data: services.case_add_signals(
        actor=request.actor, case_id=case_id, signal_ids=data["signals"], version=data["version"]))


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
    return _case_action(request, case_id, "close_form", CloseForm(request.POST, prefix="close"),
                        lambda data: services.case_close(actor=request.actor, case_id=case_id,
                                                         version=data["version"], reason=data["reason"]))


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


@requires("care.legal_hold")
@require_http_methods(["GET", "HEAD", "POST"])
def legal_hold(request):
    """Prosecutors and privacy officers place or lift a legal hold by the case's reference: they do not
    work on cases, so the case page is not theirs."""
    posted = request.method == "POST"
    reference = (request.POST if posted else request.GET).get("reference", "").strip()
    case = missing = None
    if reference:
        try:
            case = selectors.case_for_legal_hold(actor=request.actor, reference=reference)
        except NotFound:
            missing = reference
    lifting = request.POST.get("hold") == "off"
    form = LegalHoldForm(request.POST, lifting=lifting) if posted else None
    status = 400 if posted else 200
    if case is not None and form is not None and form.is_valid():
        try:
            services.case_legal_hold(actor=request.actor, case_id=case.pk, on=not lifting,
                                     reason=form.cleaned_data.get("reason", ""), version=form.cleaned_data["version"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("The legal hold has been lifted.") if lifting else
                             _("The case is under legal hold: retention does not remove it."))
            return redirect(f"{reverse('care:legal_hold')}?{urlencode({'reference': case.reference})}")
    if case is not None and form is None:
        form = LegalHoldForm(lifting=case.legal_hold, initial={
            "reference": case.reference, "version": case.version, "hold": "off" if case.legal_hold else "on"})
    return render(request, "care/legal_hold.html", {"case": case, "form": form, "reference": reference,
                                                    "missing": missing}, status=status)


# The matching engine names its reasons by code; people read them in words.
REASONS = {"category": gettext_lazy("the kind of shelter"), "free_place": gettext_lazy("a free place"),
           "secure": gettext_lazy("a protected location"), "region": gettext_lazy("the preferred police unit"),
           "language": gettext_lazy("a language the person speaks")}
