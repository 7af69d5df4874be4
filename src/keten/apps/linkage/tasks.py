"""Linkage in the background: a job started from the page, or the nightly schedule (no job id)."""

from keten.config.jobs import task


@task()
def run_linkage(job_id: str | None = None) -> None:
    from .jobs import linkage_job_run, linkage_scheduled_run

    if job_id is None:
        linkage_scheduled_run()
    else:
        linkage_job_run(job_id)
