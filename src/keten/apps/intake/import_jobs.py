"""An import as a job: the uploaded file waits encrypted in storage, the job validates and writes it
with progress, reports the result or every problem, and removes the file."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Membership
from keten.apps.common.crypto import field_cipher
from keten.apps.jobs.models import Job
from keten.apps.jobs.services import Progress, job_create, job_finish, job_start
from keten.config.jobs import enqueue_on_commit

from .importing import ImportRefused, import_signals


def _path(job_id) -> str:
    return f"imports/{job_id}.bin"


def import_job_start(*, actor: Actor, content: bytes, filename: str, mapping: dict[str, str]) -> Job:
    from .tasks import run_import

    actor.require("intake.import_signals")
    with transaction.atomic():
        job = job_create(actor=actor, kind="intake.import", params={
            "filename": filename[:200], "mapping": mapping, "title": _("Import of %(f)s") % {"f": filename[:100]},
            "result_template": "intake/_import_result.html"})
        default_storage.save(_path(job.pk), ContentFile(field_cipher().encrypt(content)))
        enqueue_on_commit(run_import, str(job.pk))
    return job


def import_job_run(job_id) -> None:
    job = Job.objects.select_related("organisation", "created_by").get(pk=job_id)
    job_start(job.pk)
    try:
        membership = Membership.objects.select_related("user", "organisation", "role").get(
            user=job.created_by, organisation=job.organisation, is_active=True)
        with default_storage.open(_path(job.pk), "rb") as handle:
            content = field_cipher().decrypt(handle.read())
        result = import_signals(actor=Actor.for_membership(membership), content=content,
                                filename=job.params["filename"], mapping=job.params["mapping"],
                                progress=Progress(job.pk))
    except ImportRefused as exc:
        job_finish(job.pk, error=exc.message, result={"problems": [
            {"row": p.row, "column": p.column, "message": p.message} for p in exc.problems[:1000]],
            "more": max(0, len(exc.problems) - 1000)})
    except Membership.DoesNotExist:
        job_finish(job.pk, error=_("The person who started this import no longer works for the organisation."))
    except Exception as exc:
        job_finish(job.pk, error=_("The import stopped on an unexpected error; nothing was written. "
                                   "Tell your administrator: %(e)s") % {"e": exc.__class__.__name__})
        raise
    else:
        job_finish(job.pk, result={"created": result.created, "already_imported": result.already_imported,
                                   "rows": result.rows, "sha256": result.sha256})
    finally:
        default_storage.delete(_path(job.pk))
