"""Tasks: deadlines computed from the case's steps and referrals, and custom tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Organisation
from keten.apps.common.models import BaseModel

from .cases import Case, CaseEvent
from .referrals import Referral


class Task(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tasks")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="tasks")
    term = models.CharField(max_length=40, blank=True, help_text="the term it was computed from; empty for custom")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    remind_from = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    source_event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    source_referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="tasks")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "created_at"]
        # Match the task list's order (due date, then age), so a page is read straight from the index.
        indexes = [models.Index(fields=["organisation", "status", "due_on", "created_at"]),
                   models.Index(fields=["assignee", "status", "due_on", "created_at"])]

    @property
    def label(self) -> str:
        """A computed deadline is named in the reader's language; a custom task as written."""
        from django.utils.translation import get_language

        from ..codelists import terms

        term = terms().get(self.term)
        if term is None:
            return self.title
        return term["en"] if (get_language() or "nl").startswith("en") else term["nl"]
