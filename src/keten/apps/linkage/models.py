"""Results of linking person records across organisations: only which records belong to the same
person (a cluster id), never the records themselves."""

from __future__ import annotations

from django.db import models

from keten.apps.accounts.models import Organisation
from keten.apps.common.models import BaseModel
from keten.apps.jobs.models import Job


class LinkageRun(BaseModel):
    job = models.OneToOneField(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="linkage_run")
    records = models.PositiveIntegerField(default=0)
    persons = models.PositiveIntegerField(default=0)
    persons_in_several_organisations = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ClusterMember(models.Model):
    """One person record (a possible victim in a signal, or a case) and the person it belongs to."""

    class Source(models.TextChoices):
        SIGNAL = "signal", "signal"
        CASE = "case", "case"

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="members")
    source = models.CharField(max_length=8, choices=Source.choices)
    record_id = models.UUIDField(help_text="the signal person or the case")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    cluster = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["run", "record_id"]), models.Index(fields=["run", "cluster"])]
