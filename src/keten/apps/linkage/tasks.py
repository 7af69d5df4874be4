from keten.config.jobs import task


@task()
def run_linkage(job_id: str) -> None:
    from .jobs import linkage_job_run

    linkage_job_run(job_id)
