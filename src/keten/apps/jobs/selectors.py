from keten.apps.accounts.actor import Actor
from keten.apps.common.errors import NotFound, parse_uuid

from .models import Job


def job_get(*, actor: Actor, job_id) -> Job:
    """A job of the actor's organisation (results of imports are the organisation's)."""
    job = Job.objects.filter(pk=parse_uuid(job_id), organisation_id=actor.organisation_id).first()
    if job is None:
        raise NotFound()
    return job
