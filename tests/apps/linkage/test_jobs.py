"""The linkage as a job: one at a time (a stale one does not count), a failure leaves the previous
results standing, and the nightly schedule runs without a job."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.audit.models import AuditEvent
from keten.apps.jobs.models import Job
from keten.apps.jobs.services import job_create, job_finish, job_start
from keten.apps.linkage import jobs
from keten.apps.linkage.jobs import LinkageAlreadyRunning, linkage_job_start
from keten.apps.linkage.models import ClusterMember, LinkageRun
from keten.apps.linkage.selectors import STALE_AFTER
from keten.apps.linkage.services import linkage_run
from keten.apps.linkage.tasks import run_linkage

from ...conftest import actor_for, at_once, make_member, make_organisation


@pytest.fixture
def desk(db):
    return make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk")


@pytest.fixture
def analyst(db):
    return make_member(make_organisation("police_national", "national", "Landelijke eenheid"), "analyst")


@pytest.mark.django_db
def test_a_waiting_or_running_linkage_refuses_a_second_one_from_any_organisation(desk, analyst):
    first = linkage_job_start(actor=actor_for(desk))
    with pytest.raises(LinkageAlreadyRunning, match="already waiting or running") as refused:
        linkage_job_start(actor=actor_for(analyst))
    assert refused.value.status == 409
    job_start(first.pk)
    with pytest.raises(LinkageAlreadyRunning):
        linkage_job_start(actor=actor_for(desk))
    assert Job.objects.filter(kind="linkage").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", [{"result": {"records": 1}}, {"error": "stopped"}])
def test_a_finished_linkage_or_other_work_does_not_block(desk, outcome):
    actor = actor_for(desk)
    job_finish(linkage_job_start(actor=actor).pk, **outcome)
    job_start(job_create(actor=actor, kind="signal_import", params={}).pk)
    assert linkage_job_start(actor=actor).status == Job.Status.QUEUED


@pytest.mark.django_db
@pytest.mark.parametrize("running", [False, True], ids=["queued", "running"])
def test_a_job_a_dead_worker_left_behind_blocks_for_six_hours_only(desk, running):
    actor = actor_for(desk)
    job = linkage_job_start(actor=actor)
    if running:
        job_start(job.pk)
    # A run that waited long in the queue counts from when it started, not from when it was queued.
    stamp = "started_at" if running else "created_at"
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - 2 * STALE_AFTER)
    Job.objects.filter(pk=job.pk).update(**{stamp: timezone.now() - STALE_AFTER + timedelta(minutes=5)})
    with pytest.raises(LinkageAlreadyRunning):
        linkage_job_start(actor=actor)
    Job.objects.filter(pk=job.pk).update(**{stamp: timezone.now() - STALE_AFTER - timedelta(minutes=5)})
    assert linkage_job_start(actor=actor).pk != job.pk


@pytest.mark.django_db(transaction=True)
def test_two_starts_at_the_same_moment_queue_one_job(monkeypatch, settings):
    # Jobs must stay queued: an immediate backend would finish the first before the second looks.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    actors = [actor_for(make_member(make_organisation("registration_desk", "national", "CoMensha"),
                                    "registration_desk")),
              actor_for(make_member(make_organisation("police_national", "national", "Landelijke eenheid"),
                                    "analyst"))]
    real_create = jobs.job_create

    def job_create_after_a_while(**kwargs):
        time.sleep(0.3)  # the window in which, without a lock, the other start also sees nothing running
        return real_create(**kwargs)

    monkeypatch.setattr(jobs, "job_create", job_create_after_a_while)
    started, refused, other = at_once([lambda a=a: linkage_job_start(actor=a) for a in actors], LinkageAlreadyRunning)
    assert not other, other
    assert (len(started), len(refused)) == (1, 1)
    assert Job.objects.filter(kind="linkage").count() == 1


@pytest.mark.django_db
def test_the_page_says_linkage_is_running_instead_of_queueing_another(signed_in, desk):
    client = signed_in(desk)
    client.cookies["keten_language"] = "en"
    first = client.post("/linkage/run/")
    job = Job.objects.get(kind="linkage")
    assert first["Location"] == f"/jobs/{job.pk}/"
    second = client.post("/linkage/run/", follow=True)
    page = second.content.decode()
    assert second.redirect_chain == [("/linkage/", 302)]
    assert "Linkage is already waiting or running" in page
    assert "Linkage has been waiting or running since" in page and "Run linkage now" not in page
    assert Job.objects.filter(kind="linkage").count() == 1


@pytest.mark.slow
def test_when_the_engine_fails_the_job_fails_and_the_previous_results_stand(chain, monkeypatch):
    previous = linkage_run(actor=Actor.system("test"))
    clusters = set(ClusterMember.objects.values_list("run_id", "record_id", "cluster"))
    job = linkage_job_start(actor=chain.desk)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("keten.apps.linkage.services.linkage.link_encodings", broken)
    # Re-raised, so the task backend records the task as failed with its traceback.
    with pytest.raises(RuntimeError, match="disk full"):
        run_linkage.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at is not None
    assert "previous results still stand" in job.error and "RuntimeError" in job.error
    assert "disk full" not in job.error  # the page shows the kind of error, not its details
    assert list(LinkageRun.objects.all()) == [previous]
    assert set(ClusterMember.objects.values_list("run_id", "record_id", "cluster")) == clusters
    assert AuditEvent.objects.filter(action="linkage_run").count() == 1
    assert linkage_job_start(actor=chain.desk).pk != job.pk  # a failed run does not block the next


@pytest.mark.django_db
def test_too_few_records_fail_the_job_with_the_reason_and_raise_nothing(desk):
    job = linkage_job_start(actor=actor_for(desk))
    run_linkage.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "at least 50" in job.error
    assert not LinkageRun.objects.exists()


@pytest.mark.slow
def test_the_nightly_schedule_links_without_a_job(chain):
    run_linkage.call()
    run = LinkageRun.objects.get()
    assert run.job is None and run.records == chain.records
    assert AuditEvent.objects.get(action="linkage_run").actor_label == "system:nightly-linkage"


@pytest.mark.django_db
def test_the_nightly_schedule_gives_way_to_a_started_linkage(desk, caplog):
    linkage_job_start(actor=actor_for(desk))
    with caplog.at_level(logging.INFO, logger="keten.apps.linkage.jobs"):
        run_linkage.call()
    assert "a linkage job is waiting or running" in caplog.text
    assert not LinkageRun.objects.exists()


@pytest.mark.django_db
def test_the_nightly_schedule_with_too_few_records_only_logs(caplog):
    with caplog.at_level(logging.INFO, logger="keten.apps.linkage.jobs"):
        run_linkage.call()
    assert "at least 50" in caplog.text and not LinkageRun.objects.exists()


@pytest.mark.django_db
def test_the_overview_tells_small_counts_of_persons_only_as_fewer_than_ten(desk, signed_in):
    LinkageRun.objects.create(records=40, persons=31, persons_in_several_organisations=3, finished_at=timezone.now())
    client = signed_in(desk)
    client.cookies["keten_language"] = "en"
    facts = client.get("/linkage/").content.decode()
    assert "<dd>31</dd>" in facts and "<dd>fewer than 10</dd>" in facts and "<dd>3</dd>" not in facts
