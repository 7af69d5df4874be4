"""A case: one possible victim, registered once nationally, with the signals it came from, the steps
of the residence procedure, notes, and how the person may be contacted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Organisation
from keten.apps.common.codelists import choices
from keten.apps.common.fields import EncryptedTextField
from keten.apps.common.models import BaseModel
from keten.apps.intake.codelists import exploitation_forms, genders
from keten.apps.intake.models import Signal

from .. import codelists


class Case(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    reference = models.CharField(max_length=16, unique=True)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="owned_cases")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.CharField(max_length=40, blank=True, choices=choices(codelists.case_close_reasons()))
    closed_at = models.DateTimeField(null=True, blank=True)
    dossier_type = models.CharField(max_length=30, choices=choices(codelists.dossier_types()), default="registration")
    victim_status_basis = models.CharField(max_length=30, choices=choices(codelists.victim_status_bases()),
                                           default="possible_victim")
    # The person
    given_name = EncryptedTextField(blank=True)
    family_name = EncryptedTextField(blank=True)
    date_of_birth = EncryptedTextField(blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="for age-based rules and statistics")
    is_minor = models.BooleanField(default=False, help_text="under 18 when registered")
    gender = models.CharField(max_length=10, choices=choices(genders()), default="unknown")
    nationality = models.CharField(max_length=2, blank=True)
    languages = models.JSONField(default=list, blank=True)
    dublin = models.BooleanField(default=False, help_text="falls under the Dublin Regulation")
    name_pseudonym = models.CharField(max_length=64, blank=True, db_index=True)
    name_dob_pseudonym = models.CharField(max_length=64, blank=True, db_index=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = EncryptedTextField(blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status="open") | ~Q(closed_reason=""), name="case_closed_has_reason"),
        ]  # a legal hold's reason is encrypted, so the service (not a constraint) requires it
        indexes = [models.Index(fields=["owner", "status", "created_at"]), models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def foreign(self) -> bool:
        return bool(self.nationality) and self.nationality != "NL"


class CaseForm(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(max_length=40, choices=choices(exploitation_forms()))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "form"], name="case_form_once")]


class CaseSignal(models.Model):
    """A signal the case was registered from; a signal belongs to at most one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signal_links")
    signal = models.OneToOneField(Signal, on_delete=models.PROTECT, related_name="case_link")
    linked_at = models.DateTimeField(auto_now_add=True)


class CaseStatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=8, blank=True)
    to_status = models.CharField(max_length=8)
    reason = models.CharField(max_length=40, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]


class CaseEvent(BaseModel):
    """A dated step or note in a case's timeline: residence procedure, plausibility assessment,
    registration, merges, notes. Appended, never edited."""

    class Kind(models.TextChoices):
        STEP = "step", _("procedure step")
        NOTE = "note", _("note")
        REGISTERED = "registered", _("registered")
        MERGED = "merged", _("merged")
        TRANSFERRED = "transferred", _("transferred")

    class Visibility(models.TextChoices):
        OWNER = "owner", _("own organisation only")
        SHARED = "shared", _("everyone working on the case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    step = models.CharField(max_length=40, blank=True, choices=choices(codelists.nrm_steps()))
    occurred_on = models.DateField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    note = EncryptedTextField(blank=True)
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.SHARED)

    class Meta:
        ordering = ["occurred_on", "created_at"]


class SafeContact(BaseModel):
    """How and when the person may be contacted; every notification and task follows it."""

    class Channel(models.TextChoices):
        NONE = "none", _("no contact")
        VIA_ORGANISATION = "via_organisation", _("only through an organisation")
        PHONE = "phone", _("by phone")
        IN_PERSON = "in_person", _("in person")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="safe_contact")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.VIA_ORGANISATION)
    via_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    phone = EncryptedTextField(blank=True)
    times = models.CharField(max_length=200, blank=True, help_text="when contact is safe, e.g. weekdays 10-12")
    instructions = EncryptedTextField(blank=True, help_text="e.g. never leave a voicemail; the exploiter reads messages")
    version = models.PositiveIntegerField(default=1)
