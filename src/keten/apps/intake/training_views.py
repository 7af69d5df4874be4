"""Training mode: fictional vignettes; a trainee answers the indicators and compares with the expert."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from keten.apps.accounts.access import requires
from keten.engines import screening

from .screening_views import ANSWERS


def _vignette(vignette_id):
    for vignette in screening.vignettes():
        if vignette.id == vignette_id:
            return vignette
    raise Http404


@requires("intake.use_training")
def training_list(request):
    return render(request, "intake/training_list.html", {"vignettes": screening.vignettes()})


@requires("intake.use_training")
@require_http_methods(["GET", "HEAD", "POST"])
def training_case(request, vignette_id):
    vignette = _vignette(vignette_id)
    framework = screening.load_framework(vignette.framework)
    chosen = {i.id: request.POST.get(i.id, "unknown") if request.method == "POST" else "unknown"
              for i in framework.indicators}
    comparison = None
    if request.method == "POST":
        answers = {key: [i for i, v in chosen.items() if v == key] for key in ANSWERS}
        comparison = screening.compare_with_expert(vignette.id, present=answers["present"], absent=answers["absent"],
                                                   unknown=answers["unknown"])
    groups = [{"dimension": d, "indicators": [(i, chosen[i.id]) for i in framework.indicators if i.dimension == d.id]}
              for d in framework.dimensions]
    expert = {a.id: a for a in comparison.indicators} if comparison else {}
    return render(request, "intake/training_case.html", {
        "vignette": vignette, "framework": framework, "groups": [g for g in groups if g["indicators"]],
        "comparison": comparison, "expert": expert})
