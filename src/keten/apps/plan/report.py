"""The progress letter: per theme, the measures and what changed since the last frozen version,
goals against targets and new bottlenecks — as HTML, and as PDF through WeasyPrint."""

from __future__ import annotations

from collections import defaultdict

from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import document, selectors
from .models import Plan
from .services import export


def context(plan: Plan, language: str) -> dict:
    since = plan.versions.order_by("-number").first()
    changes = [c for c in document.diff(since.snapshot, export(plan)) if c["section"] == "measures"] if since else []
    changed = {c["key"]: c for c in changes}
    measures, bottlenecks = defaultdict(list), defaultdict(list)  # by theme, read once for all themes
    for m in selectors.measures(plan):
        measures[m.theme_id].append(m)
    for b in selectors.bottlenecks(plan):
        if since is None or b.created_at > since.frozen_at:
            bottlenecks[b.theme_id].append(b)
    themes = [{"theme": row.theme, "counts": row.counts,
               "measures": [(m, changed.get(m.slug)) for m in measures[row.theme.pk]],
               "bottlenecks": bottlenecks[row.theme.pk]}
              for row in selectors.themes_with_counts(plan)]
    return {"plan": plan, "since": since, "themes": themes, "goals": selectors.goals_with_progress(plan),
            "today": timezone.localdate(), "language": language,
            "removed": [c for c in changes if c["kind"] == "removed"]}


def render_html(plan: Plan, language: str = "nl") -> str:
    with translation.override(language):
        return render_to_string("plan/report.html", context(plan, language))


def render_pdf(plan: Plan, language: str = "nl") -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(plan, language)).write_pdf()
