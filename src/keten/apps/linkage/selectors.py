"""What linkage results may be shown: to the desk, which other organisations know a person (names of
organisations and counts only); to policy and analysts, unique persons and capture histories."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.codelists import organisation_types
from keten.apps.common.codelists import label_for
from keten.apps.jobs.models import Job

from .models import ClusterMember, LinkageRun


KIND = "linkage"
# A worker that dies mid-run leaves its job "running" for ever; past this age such a job no longer
# blocks a new one. Should a live run take longer, a second one costs only time: each run replaces
# the results in one transaction.
STALE_AFTER = timedelta(hours=6)


def latest_run() -> LinkageRun | None:
    return LinkageRun.objects.filter(finished_at__isnull=False).first()


def active_job() -> Job | None:
    """The linkage job of any organisation that is waiting or running, unless it is stale. Only
    its times and organisation are for display: the job is not the viewer's to open."""
    since = timezone.now() - STALE_AFTER
    return (Job.objects.filter(kind=KIND, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
            .alias(last_sign_of_life=Coalesce("started_at", "created_at"))
            .filter(last_sign_of_life__gte=since).order_by("created_at").first())


@dataclass(frozen=True)
class Presence:
    organisation: str
    records: int


def known_elsewhere(*, actor: Actor, case) -> list[Presence]:
    """Other organisations with records of the same person as this case (or its signals). The
    caller has already been allowed to see the case; nothing of the other records is returned.
    Only for the case's owner: a receiver of a referral learns nothing of who else knows the person."""
    if case.owner_id != actor.organisation_id or not actor.has("care.view_cases"):
        return []
    run = latest_run()
    if run is None:
        return []
    own_records = [case.pk, *case.signal_links.values_list("signal__persons__pk", flat=True)]
    clusters = set(ClusterMember.objects.filter(run=run, record_id__in=[r for r in own_records if r])
                   .values_list("cluster", flat=True))
    if not clusters:
        return []
    others = (ClusterMember.objects.filter(run=run, cluster__in=clusters)
              .exclude(Q(organisation_id=actor.organisation_id) | Q(organisation_id=case.owner_id))
              .values_list("organisation__name", flat=True))
    return [Presence(name, n) for name, n in sorted(Counter(others).items())]


def capture_histories(*, actor: Actor) -> tuple[pd.DataFrame, list[str]]:
    """Unique persons by the types of organisation that signalled them: one 0/1 column per type (a
    "list" in multiple systems estimation, as in the Dutch studies) and a count per pattern. Cases
    are left out: a registration is made from signals, so it is no independent list."""
    actor.require("linkage.view_statistics")
    run = latest_run()
    if run is None:
        return pd.DataFrame(), []
    rows = (ClusterMember.objects.filter(run=run, source=ClusterMember.Source.SIGNAL)
            .values_list("cluster", "organisation__type"))
    frame = pd.DataFrame(list(rows), columns=["cluster", "type"])
    if frame.empty:
        return pd.DataFrame(), []
    lists = sorted(frame["type"].unique())
    wide = pd.crosstab(frame["cluster"], frame["type"]).clip(upper=1)
    table = wide.groupby(lists).size().reset_index(name="count")
    labels = [label_for(organisation_types(), code) for code in lists]
    return table, labels
