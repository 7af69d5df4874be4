"""Referrals move a case between organisations. An accepted referral lets the receiver work on that
case, and only that case, while both are open; a transfer moves ownership."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Organisation
from keten.apps.common.codelists import choices
from keten.apps.common.fields import EncryptedTextField
from keten.apps.common.models import BaseModel

from .. import codelists
from .cases import Case


class Referral(BaseModel):
    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REVOKED = "revoked", _("revoked")

    class Consent(models.TextChoices):
        GIVEN = "given", _("the person agreed")
        NOT_NEEDED = "not_needed", _("not needed: legal duty or vital interest")
        REFUSED = "refused", _("the person did not agree")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals_sent")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals_received")
    kind = models.CharField(max_length=30, choices=choices(codelists.referral_kinds()))
    purpose = EncryptedTextField(help_text="what the receiver is asked to do")
    consent = models.CharField(max_length=12, choices=Consent.choices)
    consent_note = EncryptedTextField(blank=True)
    transfer = models.BooleanField(default=False, help_text="accepting moves ownership of the case")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    respond_by = models.DateField()
    answer = EncryptedTextField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["to_organisation", "status"])]


class ReferralChange(models.Model):
    """Appended: every answer and change of a referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
