"""Scheduled work of the referral mechanism (run daily by the deployment's scheduler)."""

from keten.config.jobs import task


@task()
def apply_retention() -> int:
    from .retention import anonymise

    return len(anonymise(dry_run=False))


@task()
def send_task_digests() -> int:
    from .digest import send_digests

    return send_digests()
