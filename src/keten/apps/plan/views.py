"""Pages of the plan of action: readable by every partner, edited by the policy role, progress
reported by the partners that lead a measure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csp.decorators import csp_update
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from keten.apps.accounts.access import requires
from keten.apps.care.views.common import report as report_error
from keten.apps.common.errors import ApplicationError, NotFound

from . import document, report, selectors, services
from .forms import (BottleneckFollowUpForm, BottleneckForm, EvaluationForm, FreezeForm, FundingForm,
                    IndicatorValueForm, MeasureForm, ProgressForm)
from .jobs import indicators_job_start
from .models import Bottleneck, Indicator


def _plan(request):
    try:
        return selectors.plan_get(actor=request.actor)
    except NotFound:
        raise Http404(_("There is no plan of action in Keten yet.")) from None


@requires("plan.view")
def overview(request):
    try:
        plan = selectors.plan_get(actor=request.actor)
    except NotFound:
        return render(request, "plan/empty.html")
    text = request.GET.get("q", "").strip()
    return render(request, "plan/overview.html", {
        "plan": plan, "themes": selectors.themes_with_counts(plan), "goals": selectors.goals_with_progress(plan),
        "statuses": document.STATUSES, "q": text, "found": selectors.search(plan, text) if text else None,
        "open_bottlenecks": selectors.bottlenecks(plan, status=Bottleneck.Status.OPEN).count()})


@requires("plan.view")
def theme(request, code):
    plan = _plan(request)
    found = plan.themes.filter(code=code).first()
    if found is None:
        raise Http404
    return render(request, "plan/theme.html", {
        "plan": plan, "theme": found, "measures": selectors.measures(plan).filter(themes=found).distinct(),
        "goals": [g for g in selectors.goals_with_progress(plan) if g.goal.theme_id == found.pk],
        "bottlenecks": selectors.bottlenecks(plan).filter(theme=found)})


@dataclass(frozen=True)
class Moment:
    when: date
    kind: str
    text: str
    who: str = ""


def _timeline(measure) -> list[Moment]:
    moments = [Moment(d.date, "date", d.text("label")) for d in measure.dates.all()]
    moments += [Moment(timezone.localtime(u.created_at).date(), "progress", u.text, u.organisation.name)
                for u in measure.updates.select_related("organisation")]
    moments += [Moment(e.evaluated_on, "evaluation", f"{e.get_judgement_display()}: {e.finding}", e.evaluator)
                for e in measure.evaluations.all()]
    moments += [Moment(timezone.localtime(c.at).date(), "change", ", ".join(sorted(c.change)),
                       c.organisation.name if c.organisation else "")
                for c in measure.changes.select_related("organisation").filter(object_type="measure")]
    return sorted(moments, key=lambda m: m.when, reverse=True)


@requires("plan.view")
def measure_detail(request, slug):
    measure = _measure(request, slug)
    may_report = request.actor.has("plan.update_progress") and (
        services.leads(request.actor, measure) or request.actor.has("plan.edit"))
    return render(request, "plan/measure.html", {
        "measure": measure, "timeline": _timeline(measure),
        "indicators": [(i, selectors.indicator_series(i)) for i in measure.indicators.all()],
        "goals": measure.goals.select_related("indicator"),
        "progress_form": ProgressForm() if may_report else None,
        "evaluation_form": EvaluationForm(initial={"evaluated_on": timezone.localdate()})
        if request.actor.has("plan.edit") else None,
        "funding_form": FundingForm(initial={"from_year": timezone.localdate().year})
        if request.actor.has("plan.edit") else None})


def _measure(request, slug):
    try:
        return selectors.measure_get(actor=request.actor, slug=slug)
    except NotFound:
        raise Http404 from None


@requires("plan.edit")
@require_http_methods(["GET", "HEAD", "POST"])
def measure_edit(request, slug):
    measure = _measure(request, slug)
    initial = {name: getattr(measure, name) for name in services.EDITABLE}
    initial.update(version=measure.version, lead=[p.code for p in measure.lead.all()],
                   partners=[p.code for p in measure.partners.all()])
    form = MeasureForm(request.POST or None, initial=initial, partners=measure.plan.partners.all())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.measure_update(actor=request.actor, measure_id=measure.pk, version=version, data=data)
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The measure has been changed; the change is in the plan's history."))
            return redirect("plan:measure", slug=slug)
    return render(request, "plan/measure_edit.html", {"measure": measure, "form": form},
                  status=400 if request.method == "POST" else 200)


@requires("plan.update_progress")
@require_POST
def progress(request, slug):
    measure = _measure(request, slug)
    form = ProgressForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.progress_update(actor=request.actor, measure_id=measure.pk,
                                                           **form.cleaned_data), _("Thank you: the progress is recorded."))
    else:
        messages.error(request, _("Describe the progress."))
    return redirect("plan:measure", slug=slug)


@requires("plan.edit")
@require_POST
def funding(request, slug):
    """Add money to a measure, or take a line off (``remove`` names it)."""
    measure = _measure(request, slug)
    if "remove" in request.POST:
        _attempt(request, lambda: services.funding_remove(actor=request.actor, measure_id=measure.pk,
                                                          funding_id=request.POST["remove"]),
                 _("The money is taken off the measure; the plan's history keeps what it said."))
        return redirect("plan:measure", slug=slug)
    form = FundingForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.funding_add(actor=request.actor, measure_id=measure.pk,
                                                       **form.cleaned_data), _("The money is added to the measure."))
    else:
        messages.error(request, "; ".join(f"{form.fields[name].label}: {m}" for name, ms in form.errors.items()
                                          for m in ms))
    return redirect("plan:measure", slug=slug)


@requires("plan.edit")
@require_POST
def evaluation(request, slug):
    measure = _measure(request, slug)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        _attempt(request, lambda: services.evaluation_add(actor=request.actor, measure_id=measure.pk,
                                                          **form.cleaned_data), _("The evaluation is recorded."))
    else:
        messages.error(request, "; ".join(m for ms in form.errors.values() for m in ms))
    return redirect("plan:measure", slug=slug)


def _attempt(request, action, success: str) -> bool:
    try:
        action()
    except ApplicationError as exc:
        report_error(request, exc)
        return False
    messages.success(request, success)
    return True


@requires("plan.view")
def mine(request):
    leading, taking_part = selectors.carried_by(actor=request.actor)
    return render(request, "plan/mine.html", {"leading": leading, "taking_part": taking_part,
                                              "may_report": request.actor.has("plan.update_progress")})


@requires("plan.view")
@require_http_methods(["GET", "HEAD", "POST"])
def bottlenecks(request):
    plan = _plan(request)
    form = BottleneckForm(request.POST or None, themes=plan.themes.all(), partners=plan.partners.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.bottleneck_add(actor=request.actor, theme_code=data["theme"], description=data["description"],
                                    raised_by=data["raised_by"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The bottleneck is in the register."))
            return redirect("plan:bottlenecks")
    status = request.GET.get("status", "")
    rows = selectors.bottlenecks(plan, status=status if status in Bottleneck.Status.values else "")
    choices = selectors.measure_choices(plan) if request.actor.has("plan.edit") else None  # once, for every form
    items = [(b, BottleneckFollowUpForm(initial={"status": b.status, "version": b.version,
                                                 "measures": [str(m.pk) for m in b.measures.all()]},
                                        measures=choices, prefix=str(b.pk)) if choices is not None else None)
             for b in rows]
    return render(request, "plan/bottlenecks.html", {"items": items, "form": form, "status": status,
                                                     "statuses": Bottleneck.Status.choices},
                  status=400 if request.method == "POST" else 200)


@requires("plan.edit")
@require_POST
def bottleneck_follow_up(request, bottleneck_id):
    plan = _plan(request)
    form = BottleneckFollowUpForm(request.POST, measures=selectors.measure_choices(plan), prefix=str(bottleneck_id))
    if not form.is_valid():
        messages.error(request, "; ".join(m for ms in form.errors.values() for m in ms))
        return redirect("plan:bottlenecks")
    try:
        data = form.cleaned_data
        services.bottleneck_update(actor=request.actor, bottleneck_id=bottleneck_id, status=data["status"],
                                   measure_ids=data["measures"], version=data["version"])
    except NotFound:
        raise Http404 from None
    except ApplicationError as exc:
        report_error(request, exc)
    else:
        messages.success(request, _("The bottleneck has been updated."))
    return redirect("plan:bottlenecks")


@requires("plan.view")
def indicators(request):
    plan = _plan(request)
    indicators = list(plan.indicators.prefetch_related("themes"))
    latest = selectors.latest_values_of(indicators)
    rows = [(i, latest[i.pk]) for i in indicators]
    return render(request, "plan/indicators.html", {"rows": rows, "goals": selectors.goals_with_progress(plan)})


@requires("plan.view")
def indicator_detail(request, code):
    return _indicator_page(request, code, IndicatorValueForm())


@requires("plan.edit")
@require_POST
def indicator_record(request, code):
    form = IndicatorValueForm(request.POST)
    if form.is_valid():
        try:
            indicator = selectors.indicator_get(actor=request.actor, code=code)
            services.indicator_value_record(actor=request.actor, indicator_id=indicator.pk, **form.cleaned_data)
        except NotFound:
            raise Http404 from None
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The value is recorded."))
            return redirect("plan:indicator", code=code)
    return _indicator_page(request, code, form, status=400)


def _indicator_page(request, code, form, status=200):
    plan = _plan(request)
    try:
        indicator = selectors.indicator_get(actor=request.actor, code=code)
    except NotFound:
        raise Http404 from None
    may_enter = indicator.source == Indicator.Source.MANUAL and request.actor.has("plan.edit")
    return render(request, "plan/indicator.html", {
        "indicator": indicator, "series": selectors.indicator_series(indicator, last=16),
        "form": form if may_enter else None,
        "goals": [g for g in selectors.goals_with_progress(plan) if g.goal.indicator_id == indicator.pk]},
        status=status)


@requires("plan.edit")
@require_POST
def indicators_refresh(request):
    job = indicators_job_start(actor=request.actor)
    return redirect("jobs:detail", job_id=job.pk)


@requires("plan.view")
def versions(request):
    return _versions_page(request, FreezeForm())


@requires("plan.edit")
@require_POST
def freeze(request):
    form = FreezeForm(request.POST)
    if form.is_valid():
        try:
            version = services.freeze(actor=request.actor, label=form.cleaned_data["label"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Version %(n)s is frozen.") % {"n": version.number})
            return redirect("plan:versions")
    return _versions_page(request, form, status=400)


def _versions_page(request, form, status=200):
    plan = _plan(request)
    return render(request, "plan/versions.html", {
        "plan": plan, "versions": plan.versions.select_related("frozen_by"),
        "form": form if request.actor.has("plan.edit") else None}, status=status)


@requires("plan.view")
def compare(request):
    """The difference between two versions, or between a version and the plan now ('now')."""
    plan = _plan(request)
    first = plan.versions.order_by("number").first()
    left_key = request.GET.get("from") or (str(first.number) if first else "now")
    right_key = request.GET.get("to") or "now"
    documents = {}
    for key in (left_key, right_key):
        if key == "now":
            documents[key] = services.export(plan)
        else:
            version = selectors.version_get(plan, key)
            if version is None:
                messages.error(request, _("There is no version %(n)s.") % {"n": key})
                return redirect("plan:versions")
            documents[key] = version.snapshot
    changes = document.diff(documents[left_key], documents[right_key])
    for change in changes:
        page = COMPARE_LINKS.get(change["section"])
        if page and change["kind"] != "removed":
            change["url"] = reverse(page, args=[change["key"]])
    sections = [(label, [c for c in changes if c["section"] == section]) for section, label in COMPARE_SECTIONS]
    return render(request, "plan/compare.html", {
        "plan": plan, "changes": changes, "sections": [(label, items) for label, items in sections if items],
        "left": left_key, "right": right_key, "versions": plan.versions.order_by("number")})


COMPARE_SECTIONS = (("themes", gettext_lazy("Themes")), ("partners", gettext_lazy("Partners")),
                    ("measures", gettext_lazy("Measures")), ("indicators", gettext_lazy("Indicators")),
                    ("goals", gettext_lazy("Goals")))
COMPARE_LINKS = {"themes": "plan:theme", "measures": "plan:measure", "indicators": "plan:indicator"}


@requires("plan.view")
def history(request):
    plan = _plan(request)
    page = Paginator(plan.changes.select_related("author", "organisation", "measure"), 50).get_page(request.GET.get("page"))
    return render(request, "plan/history.html", {"page": page})


@requires("plan.view")
@csp_update({"style-src": "'unsafe-inline'"})  # the letter carries its own print styles, for WeasyPrint too
def progress_letter(request):
    """The progress letter, in Dutch or English, as HTML or PDF."""
    plan = _plan(request)
    language = "en" if request.GET.get("lang") == "en" else "nl"
    if request.GET.get("format") == "pdf":
        response = HttpResponse(report.render_pdf(plan, language), content_type="application/pdf")
        filename = f"voortgang-plan-van-aanpak-{timezone.localdate():%Y-%m-%d}-{language}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return HttpResponse(report.render_html(plan, language))
