"""Signals (meldingen): what a professional or a member of the public saw, who was involved,
the screenings against indicators, and an appended history of status changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.common.codelists import choices
from keten.apps.common.fields import EncryptedTextField
from keten.apps.common.models import BaseModel

from . import codelists


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    NEW = "new", _("new")
    SCREENED = "screened", _("screened")
    FORWARDED = "forwarded", _("forwarded")
    REGISTERED = "registered", _("registered")
    CLOSED = "closed", _("closed")


class Source(models.TextChoices):
    WEB = "web", _("web form")
    API = "api", _("API")
    IMPORT = "import", _("import")
    PUBLIC = "public", _("public form")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("unknown")


class Signal(BaseModel):
    reference = models.CharField(max_length=16, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="signals",
                                     help_text="the organisation that owns the signal")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    observed_on = models.DateField(null=True, blank=True)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.PROTECT)
    sector = models.CharField(max_length=40, choices=choices(codelists.sectors()), default="unknown")
    place_of_encounter = models.CharField(max_length=40, blank=True, choices=choices(codelists.encounter_places()))
    country_of_origin = models.CharField(max_length=2, blank=True)
    transit_countries = models.JSONField(default=list, blank=True)
    smuggling = models.CharField(max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    route = EncryptedTextField(blank=True)
    account = EncryptedTextField(blank=True, help_text="the professional's account, in their words")
    external_reference = models.CharField(max_length=100, blank=True, help_text="the partner's own id (imports)")
    idempotency_key = models.CharField(max_length=100, blank=True)
    closed_reason = models.CharField(max_length=40, blank=True, choices=choices(codelists.close_reasons()))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "external_reference"], condition=~Q(external_reference=""),
                                    name="signal_external_reference_once_per_org"),
            models.UniqueConstraint(fields=["organisation", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="signal_idempotency_key_once_per_org"),
            models.CheckConstraint(condition=~Q(status="closed") | ~Q(closed_reason=""),
                                   name="signal_closed_has_reason"),
        ]
        indexes = [models.Index(fields=["organisation", "status", "created_at"]),
                   models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return self.reference


class SignalForm(models.Model):
    """One suspected form of exploitation of a signal (several are allowed)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(max_length=40, choices=choices(codelists.exploitation_forms()))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "form"], name="signal_form_once")]


class Person(BaseModel):
    """A possible victim or possible perpetrator named in a signal. Identity details are encrypted;
    keyed pseudonyms beside them serve duplicate checks and linkage."""

    class Role(models.TextChoices):
        VICTIM = "victim", _("possible victim")
        PERPETRATOR = "perpetrator", _("possible perpetrator")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(max_length=12, choices=Role.choices)
    given_name = EncryptedTextField(blank=True)
    family_name = EncryptedTextField(blank=True)
    date_of_birth = EncryptedTextField(blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="estimated age when seen")
    is_minor = models.BooleanField(null=True, blank=True)
    gender = models.CharField(max_length=10, choices=choices(codelists.genders()), default="unknown")
    nationality = models.CharField(max_length=2, blank=True)
    languages = models.JSONField(default=list, blank=True)
    document_number = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    description = EncryptedTextField(blank=True, help_text="what identifies the person, if no name is known")
    name_pseudonym = models.CharField(max_length=64, blank=True, db_index=True)
    name_dob_pseudonym = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [models.CheckConstraint(condition=Q(age__isnull=True) | Q(age__lte=120), name="person_age_range")]


class Screening(BaseModel):
    """One screening of a signal against one framework. A changed answer makes a new row; the
    latest per framework is the current one."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="screenings")
    framework = models.CharField(max_length=60)
    framework_version = models.CharField(max_length=20)
    rule_set = models.CharField(max_length=60)
    rule_set_version = models.CharField(max_length=20)
    present = models.JSONField(default=list)
    absent = models.JSONField(default=list)
    unknown = models.JSONField(default=list)
    victim = models.BooleanField()
    positive_dimensions = models.JSONField(default=list)
    outcome = models.JSONField(help_text="the engine's full outcome, with its explanation")
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["signal", "framework", "-created_at"])]


class StatusChange(models.Model):
    """Appended, never edited: every change of a signal's status, with who, when and why."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=40, blank=True)
    note = EncryptedTextField(blank=True)
    to_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]


class SignalShare(BaseModel):
    """Read access to one signal for another organisation, from forwarding it. Ends when revoked."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shared_signals")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reason = EncryptedTextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "organisation"], condition=Q(revoked_at__isnull=True),
                                               name="one_open_share_per_org")]


class Attachment(BaseModel):
    """A file added to a signal, stored encrypted, with its SHA-256 for integrity."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    blob = models.FileField(upload_to="attachments/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    encrypted_files = ("blob",)  # file fields whose content is Fernet-encrypted (key rotation covers them)
