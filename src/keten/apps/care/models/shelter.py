"""Shelter facilities, their capacity over time, placement requests and placements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.codelists import regions
from keten.apps.accounts.models import Organisation
from keten.apps.common.codelists import choices
from keten.apps.common.fields import EncryptedTextField
from keten.apps.common.models import BaseModel

from .cases import Case


class Facility(BaseModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="facilities")
    name = models.CharField(max_length=200)
    categories = models.JSONField(default=list, help_text="shelter category codes")
    region = models.CharField(max_length=40, choices=choices(regions()))
    genders = models.JSONField(default=list, help_text="genders admitted; empty admits everyone")
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(default=120)
    languages = models.JSONField(default=list, blank=True, help_text="languages spoken by staff (ISO 639-1)")
    secure = models.BooleanField(default=False, help_text="protected location for persons under threat")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"


class FacilityCapacity(models.Model):
    """Places from a date on; the latest row on or before a day is the capacity that day."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="capacities")
    valid_from = models.DateField()
    places = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["facility", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["facility", "valid_from"], name="one_capacity_per_day")]


class PlacementRequest(BaseModel):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        PLACED = "placed", _("placed")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placement_requests")
    requested_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=30)
    region = models.CharField(max_length=40, blank=True, help_text="preferred police unit; empty for anywhere")
    needs_security = models.BooleanField(default=False)
    note = EncryptedTextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at"]


class Placement(BaseModel):
    request = models.OneToOneField(PlacementRequest, on_delete=models.CASCADE, related_name="placement")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="placements")
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                                              name="placement_ends_after_start")]
