"""Scheduled work of the plan (run daily by the deployment's scheduler, and from the page)."""

from keten.config.jobs import task


@task()
def refresh_indicators(job_id: str | None = None) -> int:
    from .computations import compute_all
    from .jobs import indicators_job_run

    if job_id is None:
        return compute_all()
    indicators_job_run(job_id)
    return 0
