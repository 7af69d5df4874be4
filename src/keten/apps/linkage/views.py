"""The linkage page (run it, see how many persons) and the unique-persons statistics with an
estimate of the hidden number."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from keten.apps.accounts.access import requires
from keten.engines import disclosure
from keten.engines import estimate as mse

from . import advice, selectors
from .jobs import LinkageAlreadyRunning, linkage_job_start


@requires("linkage.run")
def overview(request):
    return render(request, "linkage/overview.html", {"run": selectors.latest_run(), "active": selectors.active_job()})


@requires("linkage.run")
@require_POST
def start(request):
    try:
        job = linkage_job_start(actor=request.actor)
    except LinkageAlreadyRunning as exc:
        messages.error(request, exc.message)
        return redirect("linkage:overview")
    return redirect("jobs:detail", job_id=job.pk)


@requires("linkage.view_statistics")
def statistics(request):
    table, labels = selectors.capture_histories(actor=request.actor)
    run = selectors.latest_run()
    result, problem = _estimate(run, table) if not table.empty else (None, "")
    rows, warnings, held_back = [], [], False
    if not table.empty:
        lists = [c for c in table.columns if c != "count"]
        for _, row in table.sort_values("count", ascending=False).iterrows():
            rows.append({"lists": [labels[i] for i, code in enumerate(lists) if row[code]], "count": int(row["count"])})
        # the page is shared across organisations: small counts are held back (the estimate uses them all)
        protected = disclosure.protect_counts([row["count"] for row in rows])
        for row, value in zip(rows, protected.values):
            row["count"] = value
        held_back = bool(protected.held_back)
        # the rows held back go last and by name: in order of size they would still be ranked
        rows.sort(key=lambda row: (row["count"] is None, row["lists"] if row["count"] is None else []))
        label_of = dict(zip(lists, labels))
        warnings = [advice.in_words(w, lambda code: label_of.get(code, code)) for w in (result.warnings if result else [])]
    return render(request, "linkage/statistics.html", {
        "run": run, "rows": rows, "labels": labels, "result": result, "problem": problem, "warnings": warnings,
        "held_back": held_back, "persons": int(table["count"].sum()) if not table.empty else 0})


def _estimate(run, table):
    """The estimate of the hidden number for a run's capture histories: seconds of bootstrap, so
    worked out once per run (a new run is a new key) instead of on every visit."""
    key = f"linkage:estimate:{run.pk}"
    cached = cache.get(key)
    if cached is None:
        try:
            [capture] = mse.read_table(table)
            cached = (mse.estimate(capture, "stepwise", ci="bca", replicates=500, seed=1234), "")
        except mse.InputError as exc:
            cached = (None, str(exc))
        cache.set(key, cached, timeout=None)
    return cached
