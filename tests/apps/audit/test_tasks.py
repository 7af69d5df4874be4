"""The nightly verification runs through the configured task backend: in-process on SQLite, and
through a real RQ queue on Redis when REDIS_URL is set (CI)."""

import pytest
from django.conf import settings

from keten.apps.audit.models import AuditEvent
from keten.apps.audit.tasks import verify_audit_chain
from keten.config.jobs import enqueue_now


@pytest.mark.django_db
def test_the_verification_task_runs_on_the_configured_backend():
    result = enqueue_now(verify_audit_chain)
    if settings.REDIS_URL:
        import django_rq
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        queue = django_rq.get_queue("default", job_class=Job)
        assert queue.count >= 1, "the task should wait in Redis until a worker takes it"
        # A worker in this process (no fork), so it sees this test's database transaction.
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
        result.refresh()
    assert result.return_value["ok"] is True
    assert AuditEvent.objects.filter(action="audit_verified").exists()
