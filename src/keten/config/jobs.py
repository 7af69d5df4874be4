"""The one seam to the task backend (django-tasks): database backend by default, RQ on Redis when
REDIS_URL is set. Tasks are thin: ids in, one service call. Enqueue after commit, so a task never
sees data that was rolled back."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task  # noqa: F401  (re-exported: apps declare tasks with keten.config.jobs.task)


def enqueue_on_commit(task_obj, *args, **kwargs) -> None:
    transaction.on_commit(lambda: task_obj.enqueue(*args, **kwargs))


def enqueue_now(task_obj, *args, **kwargs):
    return task_obj.enqueue(*args, **kwargs)
