"""Care coordination per municipality (the letter's goal: nation-wide coverage)."""

from __future__ import annotations

from django.db import models

from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.common.models import BaseModel


class CareCoordination(BaseModel):
    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="care_coordination")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="coordinated_municipalities")
    contact = models.CharField(max_length=200, blank=True, help_text="function or team to contact, not a private person")
    since = models.DateField()
