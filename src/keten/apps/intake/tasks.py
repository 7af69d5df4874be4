"""Thin tasks: ids in, one service call."""

from __future__ import annotations

from keten.config.jobs import task


@task()
def run_import(job_id: str) -> None:
    from .import_jobs import import_job_run

    import_job_run(job_id)
