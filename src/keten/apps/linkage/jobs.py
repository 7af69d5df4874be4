"""The linkage as a job with progress, for the page and the schedule."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from keten.apps.accounts.actor import Actor
from keten.apps.common.errors import Conflict
from keten.apps.jobs.models import Job
from keten.apps.jobs.services import Progress, job_create, job_finish, job_start
from keten.config.jobs import enqueue_on_commit

from .models import LinkageRun
from .selectors import KIND, active_job
from .services import LinkageTooSmall, linkage_run

logger = logging.getLogger(__name__)

# Any constant works; it names the PostgreSQL advisory lock that lets one start at a time check.
_START_LOCK = 0x6C696E6B6167


class LinkageAlreadyRunning(Conflict):
    code = "linkage_running"
    default_message = gettext_lazy("Linkage is already waiting or running. Start it again once it has finished.")


def _take_start_lock() -> None:
    """Two starts at once take turns, so both cannot see "nothing running". PostgreSQL: a
    transaction-scoped advisory lock. SQLite: transactions begin IMMEDIATE (settings), so the
    starter already holds the database's write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_START_LOCK])


def linkage_job_start(*, actor: Actor) -> Job:
    from .tasks import run_linkage

    actor.require("linkage.run")
    with transaction.atomic():
        _take_start_lock()
        if active_job() is not None:
            raise LinkageAlreadyRunning()
        job = job_create(actor=actor, kind=KIND, params={
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


def linkage_scheduled_run() -> LinkageRun | None:
    """The nightly run. It has no job: a job belongs to an organisation and the schedule to none.
    It gives way to a linkage someone started, which replaces the results anyway."""
    if active_job() is not None:
        logger.info("Scheduled linkage skipped: a linkage job is waiting or running.")
        return None
    try:
        return linkage_run(actor=Actor.system("nightly-linkage"))
    except LinkageTooSmall as exc:
        logger.info("Scheduled linkage skipped: %s", exc)
        return None
