"""The linkage as a job with progress, for the page and the schedule."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.jobs.models import Job
from keten.apps.jobs.services import Progress, job_create, job_finish, job_start
from keten.config.jobs import enqueue_on_commit

from .services import LinkageTooSmall, linkage_run


def linkage_job_start(*, actor: Actor) -> Job:
    from .tasks import run_linkage

    actor.require("linkage.run")
    with transaction.atomic():
        job = job_create(actor=actor, kind="linkage", params={
            "title": _("Linking person records across organisations"), "result_template": "linkage/_result.html"})
        enqueue_on_commit(run_linkage, str(job.pk))
    return job


def linkage_job_run(job_id) -> None:
    job = Job.objects.select_related("organisation").get(pk=job_id)
    job_start(job.pk)
    actor = Actor.system("linkage", organisation=job.organisation)
    try:
        run = linkage_run(actor=actor, job_id=job.pk, progress=Progress(job.pk))
    except LinkageTooSmall as exc:
        job_finish(job.pk, error=str(exc))
    except Exception as exc:
        job_finish(job.pk, error=_("Linkage stopped on an unexpected error; the previous results still stand. "
                                   "Tell your administrator: %(e)s") % {"e": exc.__class__.__name__})
        raise
    else:
        job_finish(job.pk, result={"records": run.records, "persons": run.persons,
                                   "several": run.persons_in_several_organisations})
