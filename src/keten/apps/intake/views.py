"""Signal pages: list, new and edit (with drafts), detail with screening outcome and next steps,
status changes, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.accounts.selectors import organisation_directory
from keten.apps.common.errors import ApplicationError, NotFound

from . import guidance, selectors, services
from .forms import AttachmentForm, SignalFilterForm, SignalForm, TransitionForm, person_formset
from .models import Source, Status
from .workflow import allowed_targets

PURPOSE = "signal handling"


@requires("intake.view_signals")
def signal_list(request):
    form = SignalFilterForm(request.GET or None)
    signals = selectors.signal_list(actor=request.actor, filters=form.filters())
    page = Paginator(signals, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "intake/signal_list.html", {"form": form, "page": page, "query": query.urlencode()})


def _person_rows(formset) -> tuple[list[dict], list[int]]:
    """The filled-in person blocks, and their positions in the formset (to put errors back)."""
    rows, positions = [], []
    for i, form in enumerate(formset.forms):
        data = form.cleaned_data if form.is_valid() else {}
        if any(v not in (None, "", [], "unknown") for k, v in data.items() if k not in {"role", "gender"}):
            rows.append(form.as_data())
            positions.append(i)
    return rows, positions


def _show_errors(error: ApplicationError, form, formset, positions: list[int]) -> None:
    for name, problems in (error.fields or {"": [error.message]}).items():
        if name.startswith("persons["):
            index, field = name[len("persons["):].split("].", 1) if "]." in name else (name[8:-1], "")
            target = formset.forms[positions[int(index)]]
            for problem in problems:
                target.add_error(field if field in target.fields else None, problem)
        else:
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)


def _edit(request, *, signal=None):
    """The new and the edit page share one flow; only the service they call differs."""
    add_person = "add_person" in request.POST
    if request.method == "POST":
        post = request.POST.copy()
        if add_person:
            post["persons-TOTAL_FORMS"] = str(int(post.get("persons-TOTAL_FORMS", "0")) + 1)
        form, formset = SignalForm(post), person_formset(post)
    else:
        initial, people = _initial(signal) if signal else ({}, None)
        form, formset = SignalForm(initial=initial), person_formset(initial=people)
    status = 200
    if request.method == "POST" and not add_person:
        status = 400
        if form.is_valid() and formset.is_valid():
            persons, positions = _person_rows(formset)
            data = {**form.as_data(), "persons": persons}
            try:
                if signal is None:
                    signal, _created = services.signal_create(actor=request.actor, data=data, source=Source.WEB,
                                                              draft="save_draft" in request.POST)
                else:
                    signal = services.signal_update(actor=request.actor, signal_id=signal.pk,
                                                    version=form.cleaned_data["version"] or 0, data=data)
                    if "submit" in request.POST and signal.status == Status.DRAFT:
                        signal = services.signal_submit(actor=request.actor, signal_id=signal.pk,
                                                        version=signal.version)
            except ApplicationError as exc:
                _show_errors(exc, form, formset, positions)
            else:
                if signal.status == Status.DRAFT:
                    messages.success(request, _("Draft %(ref)s saved. You can finish it later.") % {"ref": signal.reference})
                    return redirect("intake:edit", signal_id=signal.pk)
                messages.success(request, _("Signal %(ref)s saved. Now answer the indicators.") % {"ref": signal.reference})
                return redirect("intake:screen", signal_id=signal.pk)
    return render(request, "intake/signal_form.html",
                  {"form": form, "formset": formset, "signal": signal}, status=status)


def _initial(signal) -> tuple[dict, list[dict]]:
    initial = {name: getattr(signal, name) for name in (
        "sector", "place_of_encounter", "country_of_origin", "transit_countries", "smuggling",
        "route", "account", "version")}
    initial["municipality"] = signal.municipality_id or ""
    initial["observed_on"] = signal.observed_on.isoformat() if signal.observed_on else ""
    initial["forms"] = [f.form for f in signal.forms.all()]
    people = [{name: getattr(p, name) for name in (
        "role", "given_name", "family_name", "date_of_birth", "age", "gender", "nationality", "languages",
        "phone", "document_number", "description")} | {"is_minor": p.is_minor} for p in signal.persons.all()]
    return initial, people or None


@requires("intake.create_signal")
@require_http_methods(["GET", "HEAD", "POST"])
def signal_new(request):
    return _edit(request)


@requires("intake.edit_signal")
@require_http_methods(["GET", "HEAD", "POST"])
def signal_edit(request, signal_id):
    signal = _own_or_404(request, signal_id)
    return _edit(request, signal=signal)


def _own_or_404(request, signal_id):
    try:
        signal = selectors.signal_get(actor=request.actor, signal_id=signal_id, purpose=PURPOSE)
    except NotFound:
        raise Http404
    if signal.organisation_id != request.actor.organisation_id:
        raise Http404  # shared signals are read, not edited
    return signal


@requires("intake.view_signals")
def signal_detail(request, signal_id):
    try:
        signal = selectors.signal_get(actor=request.actor, signal_id=signal_id, purpose=PURPOSE)
    except NotFound:
        raise Http404
    own = signal.organisation_id == request.actor.organisation_id
    screenings = selectors.current_screenings(signal)
    context = {
        "signal": signal,
        "own": own,
        "screenings": screenings,
        "next_steps": guidance.steps_for(request.actor.organisation.type, screenings, signal),
        "duplicates": selectors.possible_duplicates(actor=request.actor, signal=signal) if own else [],
        "targets": allowed_targets(signal.status) if own else [],
        "attachment_form": AttachmentForm(),
        "transition_form": TransitionForm(organisations=organisation_directory(actor=request.actor)
                                          .exclude(pk=request.actor.organisation_id)),
    }
    return render(request, "intake/signal_detail.html", context)


@requires("intake.view_signals")
@require_POST
def signal_status(request, signal_id):
    form = TransitionForm(request.POST, organisations=organisation_directory(actor=request.actor))
    if not form.is_valid():
        messages.error(request, _("The status could not be changed: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("intake:detail", signal_id=signal_id)
    v = form.cleaned_data
    try:
        services.signal_transition(actor=request.actor, signal_id=signal_id, to_status=v["to"], version=v["version"],
                                   reason=v["reason"], note=v["note"], organisation_id=v["organisation"] or None)
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        details = "; ".join(m for ms in exc.fields.values() for m in ms) or exc.message
        messages.error(request, _("The status was not changed: %(why)s") % {"why": details})
    else:
        messages.success(request, _("The status has been changed."))
    return redirect("intake:detail", signal_id=signal_id)


@requires("intake.edit_signal")
@require_POST
def attachment_add(request, signal_id):
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            messages.error(request, _("The file is larger than 10 MB and was not added."))
            return redirect("intake:detail", signal_id=signal_id)
        try:
            services.attachment_add(actor=request.actor, signal_id=signal_id, name=upload.name, content=upload.read())
        except NotFound:
            raise Http404
        except ApplicationError as exc:
            messages.error(request, "; ".join(m for ms in exc.fields.values() for m in ms) or exc.message)
        else:
            messages.success(request, _("The file has been added."))
    else:
        messages.error(request, _("Choose a file to add."))
    return redirect("intake:detail", signal_id=signal_id)


@requires("intake.view_signals")
def attachment_download(request, signal_id, attachment_id):
    try:
        attachment, content = selectors.attachment_content(actor=request.actor, signal_id=signal_id,
                                                           attachment_id=attachment_id, purpose=PURPOSE)
    except NotFound:
        raise Http404
    from io import BytesIO

    return FileResponse(BytesIO(content), as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type)
