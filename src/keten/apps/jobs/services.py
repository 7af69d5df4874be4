"""Creating jobs and reporting their progress. Progress is written outside the job's own
transaction (a plain UPDATE), so a page can show it while the work is under way."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from keten.apps.accounts.actor import Actor

from .models import Job


def job_create(*, actor: Actor, kind: str, params: dict) -> Job:
    return Job.objects.create(kind=kind, organisation=actor.organisation, created_by=actor.user, params=params)


class Progress:
    """Passed to long work: ``progress(done, total, phase)``. Writes at most every 2% or on phase changes."""

    def __init__(self, job_id):
        self.job_id = job_id
        self._last = (-1, "")

    def __call__(self, done: int, total: int, phase: str = "") -> None:
        step = max(1, total // 50)
        if phase == self._last[1] and done != total and done - self._last[0] < step:
            return
        self._last = (done, phase)
        Job.objects.filter(pk=self.job_id).update(done=done, total=total, phase=phase[:200])


def job_start(job_id) -> None:
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now())


def job_finish(job_id, *, result: dict | None = None, error: str = "") -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED if error else Job.Status.SUCCEEDED, result=result or {}, error=error,
            finished_at=timezone.now())
