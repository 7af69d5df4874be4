"""The screening page: the indicators of the frameworks that fit the signal's forms and the age of
the person, answered present / absent / unknown, with the outcome shown as answers are given."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.common.errors import ApplicationError, NotFound
from keten.engines import screening

from . import codelists, selectors, services
from .views import _own_or_404

ANSWERS = ("present", "absent", "unknown")


def frameworks_for_signal(signal) -> list:
    minor = any(p.is_minor for p in signal.persons.all() if p.role == "victim")
    ids: list[str] = []
    for form in signal.forms.all():
        for framework_id in codelists.frameworks_for(form.form, minor):
            if framework_id not in ids:
                ids.append(framework_id)
    return [screening.load_framework(i) for i in ids]


def _answers(post, framework) -> dict[str, list[str]]:
    answers = {key: [] for key in ANSWERS}
    for indicator in framework.indicators:
        value = post.get(f"{framework.id}__{indicator.id}", "unknown")
        answers[value if value in ANSWERS else "unknown"].append(indicator.id)
    return answers


def _sections(frameworks, current: dict, post=None) -> list[dict]:
    """Per framework: its dimensions with their indicators and the answer now chosen."""
    sections = []
    for framework in frameworks:
        saved = current.get(framework.id)
        chosen = {}
        for indicator in framework.indicators:
            if post is not None:
                chosen[indicator.id] = post.get(f"{framework.id}__{indicator.id}", "unknown")
            elif saved is not None:
                chosen[indicator.id] = ("present" if indicator.id in saved.present else
                                        "absent" if indicator.id in saved.absent else "unknown")
            else:
                chosen[indicator.id] = "unknown"
        groups = [{"dimension": d, "indicators": [(i, chosen[i.id]) for i in framework.indicators
                                                  if i.dimension == d.id]} for d in framework.dimensions]
        answers = {key: [i for i, v in chosen.items() if v == key] for key in ANSWERS}
        outcome = screening.screen(framework.id, **answers)
        sections.append({"framework": framework, "groups": [g for g in groups if g["indicators"]],
                         "outcome": outcome})
    return sections


@requires("intake.edit_signal")
@require_http_methods(["GET", "HEAD", "POST"])
def screen(request, signal_id):
    signal = _own_or_404(request, signal_id)
    frameworks = frameworks_for_signal(signal)
    current = {s.framework: s for s in selectors.current_screenings(signal)}
    if request.method == "POST":
        try:
            for framework in frameworks:
                services.signal_screen(actor=request.actor, signal_id=signal.pk, framework=framework.id,
                                       **_answers(request.POST, framework))
        except NotFound:
            raise Http404
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The screening has been saved."))
            return redirect("intake:detail", signal_id=signal.pk)
    sections = _sections(frameworks, current, request.POST if request.method == "POST" else None)
    return render(request, "intake/screen.html", {"signal": signal, "sections": sections})


@requires("intake.edit_signal")
@require_POST
def screen_preview(request, signal_id):
    """The outcome for the answers in the form now, without saving anything (for htmx)."""
    try:
        signal = selectors.signal_for_screening(actor=request.actor, signal_id=signal_id)
    except NotFound:
        raise Http404
    sections = _sections(frameworks_for_signal(signal), {}, request.POST)
    return render(request, "intake/_outcomes.html", {"sections": sections})
