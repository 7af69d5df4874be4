from django.http import Http404
from django.shortcuts import render

from keten.apps.accounts.access import member
from keten.apps.common.errors import NotFound

from .selectors import job_get


def _job(request, job_id):
    try:
        return job_get(actor=request.actor, job_id=job_id)
    except NotFound:
        raise Http404


@member
def job_detail(request, job_id):
    return render(request, "jobs/job_detail.html", {"job": _job(request, job_id)})


@member
def job_progress(request, job_id):
    """The progress bar alone, polled by htmx until the job has finished."""
    return render(request, "jobs/_progress.html", {"job": _job(request, job_id)})
