"""Organisations (the tenant), users, memberships and roles built from the permission catalogue."""

from __future__ import annotations

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keten.apps.common.models import BaseModel

from . import codelists


class Municipality(models.Model):
    code = models.CharField(max_length=6, primary_key=True, help_text="CBS code, e.g. GM0363")
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=40, choices=codelists.choices(codelists.regions()))

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=40, choices=codelists.choices(codelists.organisation_types()))
    region = models.CharField(_("region"), max_length=40, choices=codelists.choices(codelists.regions()))
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="organisation_name_unique")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return codelists.label_for(codelists.organisation_types(), self.type)

    @property
    def region_label(self) -> str:
        return codelists.label_for(codelists.regions(), self.region)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("users need an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A professional. What they may do depends on the membership active in their session."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email


class Permission(models.Model):
    """One entry of the permission catalogue; rows mirror the ``PERMISSIONS`` of each app."""

    code = models.CharField(max_length=80, primary_key=True)
    app_label = models.CharField(max_length=40)
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Role(BaseModel):
    """A set of permissions within one organisation, usually made from a role template."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    template = models.CharField(max_length=40, blank=True, help_text="role template it was made from")
    name_nl = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    permissions = models.ManyToManyField(Permission, blank=True, related_name="roles")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name_nl"], name="role_name_unique_per_org"),
            models.UniqueConstraint(
                fields=["organisation", "template"], condition=~Q(template=""), name="role_template_once_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return codelists.Code(self.template, self.name_nl, self.name_en).label


class Membership(BaseModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class ApiToken(BaseModel):
    """A personal API token, bound to one membership: it acts for that organisation, in that role.

    Only a SHA-256 digest of the key is stored; the key itself is shown once, at creation.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=8, help_text="first characters of the key, to recognise it")
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
