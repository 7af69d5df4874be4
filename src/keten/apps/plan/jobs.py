"""Refreshing the computed indicators as a job with progress, for the page and the schedule."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.jobs.models import Job
from keten.apps.jobs.services import Progress, job_create, job_finish, job_start
from keten.config.jobs import enqueue_on_commit

from .computations import compute_all


def indicators_job_start(*, actor: Actor) -> Job:
    from .tasks import refresh_indicators

    actor.require("plan.edit")
    with transaction.atomic():
        job = job_create(actor=actor, kind="plan_indicators", params={
            "title": _("Computing the plan's indicators from Keten's data"), "result_template": "plan/_result.html"})
        enqueue_on_commit(refresh_indicators, str(job.pk))
    return job


def indicators_job_run(job_id) -> None:
    job_start(job_id)
    try:
        written = compute_all(progress=Progress(job_id))
    except Exception as exc:
        job_finish(job_id, error=_("The indicators were not refreshed; the earlier values still stand. "
                                   "Tell your administrator: %(e)s") % {"e": exc.__class__.__name__})
        raise
    job_finish(job_id, result={"values": written})
