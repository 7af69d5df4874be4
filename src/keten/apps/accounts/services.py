"""Every write of the accounts app: organisations, users, memberships, roles and sign-in events."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.audit.events import Event
from keten.apps.audit.services import changes, record
from keten.apps.common.errors import Conflict, NotFound, ValidationFailed, parse_uuid

from . import codelists
from .actor import Actor
from .catalogue import role_templates
from .models import ApiToken, Membership, Municipality, Organisation, Role, User


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def organisation_create(
    *, actor: Actor, name: str, type: str, region: str, municipality_code: str | None = None
) -> Organisation:
    """Register an organisation; it gets a role for every role template that fits its type."""
    actor.require("accounts.manage_organisations")
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the organisation a name.")]
    if type not in {c.code for c in codelists.organisation_types()}:
        errors["type"] = [_("Choose one of the organisation types in the list.")]
    if region not in {c.code for c in codelists.regions()}:
        errors["region"] = [_("Choose one of the police units in the list.")]
    municipality = None
    if municipality_code:
        municipality = Municipality.objects.filter(code=municipality_code).first()
        if municipality is None:
            errors["municipality"] = [_("There is no municipality with code %(code)s.") % {"code": municipality_code}]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        if Organisation.objects.filter(name__iexact=name).exists():
            raise _fail("name", _("An organisation with this name is already registered."))
        organisation = Organisation.objects.create(name=name, type=type, region=region, municipality=municipality)
        for template in role_templates().values():
            if template.admits(type):
                role = Role.objects.create(
                    organisation=organisation, template=template.code,
                    name_nl=template.name_nl, name_en=template.name_en,
                )
                role.permissions.set(template.permissions)
        record(actor=actor, action=Event.ORGANISATION_CREATED, obj=organisation,
               details={"name": name, "type": type, "region": region, "municipality": municipality_code or ""})
    return organisation


def user_create(*, actor: Actor, email: str, full_name: str, password: str | None) -> User:
    actor.require("accounts.manage_members")
    email = email.strip().lower()
    if not email or "@" not in email:
        raise _fail("email", _("Enter a valid e-mail address."))
    if not full_name.strip():
        raise _fail("full_name", _("Enter the person's name."))
    user = User(email=email, full_name=full_name.strip())
    if password is not None:
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            raise ValidationFailed(fields={"password": list(exc.messages)}) from exc
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise _fail("email", _("A user with this e-mail address already exists."))
        user.set_password(password) if password else user.set_unusable_password()
        user.save()
        record(actor=actor, action=Event.USER_CREATED, obj=user, details={"email": email})
    return user


def _role_in_org(role_id, organisation: Organisation) -> Role:
    try:
        role = Role.objects.filter(pk=parse_uuid(role_id), organisation=organisation).first()
    except NotFound:
        role = None
    if role is None:
        raise _fail("role", _("Choose one of the roles of this organisation."))
    return role


def membership_add(*, actor: Actor, organisation: Organisation, user: User, role_id) -> Membership:
    """Add a user to the actor's own organisation (a system actor has none, and may add to any)."""
    actor.require("accounts.manage_members")
    if actor.organisation_id is not None and organisation.pk != actor.organisation_id:
        raise NotFound()
    role = _role_in_org(role_id, organisation)
    with transaction.atomic():
        existing = Membership.objects.filter(user=user, organisation=organisation).first()
        if existing and existing.is_active:
            raise _fail("email", _("This person is already a member of the organisation."))
        if existing:
            old = {"role": existing.role, "is_active": existing.is_active}
            existing.role, existing.is_active, existing.version = role, True, existing.version + 1
            existing.save(update_fields=["role", "is_active", "version", "updated_at"])
            membership = existing
            details = changes(existing, ["role", "is_active"], old)
        else:
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
            details = {"user": user.email, "role": role.name_en}
        record(actor=actor, action=Event.MEMBER_ADDED, obj=membership, details=details)
    return membership


def membership_add_by_email(*, actor: Actor, email: str, full_name: str, role_id) -> Membership:
    """The organisation admin's way in: an existing user is added, a new one is created first
    (without a password; they set one through the reset link)."""
    actor.require("accounts.manage_members")
    organisation = actor.organisation
    _role_in_org(role_id, organisation)
    with transaction.atomic():
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            user = user_create(actor=actor, email=email, full_name=full_name, password=None)
        return membership_add(actor=actor, organisation=organisation, user=user, role_id=role_id)


def membership_update(*, actor: Actor, membership_id, role_id, is_active: bool, version: int) -> Membership:
    actor.require("accounts.manage_members")
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(pk=membership_id, organisation_id=actor.organisation_id)
            .first()
        )
        if membership is None:
            raise NotFound()
        if membership.version != version:
            raise Conflict()
        role = _role_in_org(role_id, membership.organisation)
        if membership.pk == actor.membership.pk and (not is_active or not role.permissions.filter(
                code="accounts.manage_members").exists()):
            raise _fail("role", _("You cannot take away your own administration rights; ask another administrator."))
        old = {"role": membership.role, "is_active": membership.is_active}
        membership.role, membership.is_active = role, is_active
        membership.version += 1
        membership.save(update_fields=["role", "is_active", "version", "updated_at"])
        event = Event.MEMBER_UPDATED if is_active else Event.MEMBER_DEACTIVATED
        record(actor=actor, action=event, obj=membership, details=changes(membership, ["role", "is_active"], old))
    return membership


def role_update_permissions(*, actor: Actor, role_id, permission_codes: list[str], version: int) -> Role:
    from .catalogue import catalogue

    actor.require("accounts.manage_roles")
    unknown = sorted(set(permission_codes) - set(catalogue()))
    if unknown:
        raise _fail("permissions", _("Unknown permissions: %(codes)s") % {"codes": ", ".join(unknown)})
    with transaction.atomic():
        role = Role.objects.select_for_update().filter(pk=role_id, organisation_id=actor.organisation_id).first()
        if role is None:
            raise NotFound()
        if role.version != version:
            raise Conflict()
        before = set(role.permissions.values_list("code", flat=True))
        after = set(permission_codes)
        if role.pk == actor.role.pk and "accounts.manage_roles" not in after:
            raise _fail("permissions", _("You cannot take the right to manage roles away from your own role."))
        role.permissions.set(sorted(after))
        role.version += 1
        role.save(update_fields=["version", "updated_at"])
        record(actor=actor, action=Event.ROLE_UPDATED, obj=role,
               details={"added": sorted(after - before), "removed": sorted(before - after)})
    return role


def session_login_recorded(*, actor: Actor | None, user: User, ip_address: str | None) -> None:
    record(actor=actor or Actor(user=user), action=Event.LOGIN, obj=user, ip_address=ip_address)


def session_login_failed(*, email: str, ip_address: str | None) -> None:
    # The typed name is not kept unless it is a real account: people type passwords into it.
    user = User.objects.filter(email=email.strip().lower()).first()
    record(actor=Actor(user=user) if user else None, action=Event.LOGIN_FAILED, ip_address=ip_address,
           object_type="accounts.user", object_id=str(user.pk) if user else "")


def session_logout_recorded(*, actor: Actor, ip_address: str | None) -> None:
    record(actor=actor, action=Event.LOGOUT, ip_address=ip_address)


def membership_activate(*, user: User, membership_id) -> Membership:
    """Choose the organisation a user acts for in this session."""
    membership = (
        Membership.objects.select_related("organisation", "role")
        .filter(pk=parse_uuid(membership_id), user=user, is_active=True, organisation__is_active=True)
        .first()
    )
    if membership is None:
        raise NotFound()
    record(actor=Actor.for_membership(membership), action=Event.ORGANISATION_SWITCHED, obj=membership.organisation)
    return membership


def second_factor_device_confirm(*, user: User, device) -> list[str]:
    """Confirm a new authenticator app and issue fresh backup codes, shown to the user once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        static, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
        static.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(8)]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
        record(actor=Actor(user=user), action=Event.SECOND_FACTOR_DEVICE_ADDED, obj=user)
    return codes


def second_factor_recorded(*, actor: Actor, ok: bool) -> None:
    record(actor=actor, action=Event.SECOND_FACTOR_VERIFIED if ok else Event.SECOND_FACTOR_FAILED)



def api_token_create(*, actor: Actor, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the actor's current membership; returns it and the key (shown only once)."""
    actor.require("accounts.use_api")
    if not name.strip():
        raise _fail("name", _("Say what the token is for."))
    if not 1 <= days <= 365:
        raise _fail("days", _("A token is valid for 1 to 365 days."))
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            membership=actor.membership, name=name.strip(), prefix=key[:8], digest=token_digest(key),
            expires_at=timezone.now() + timedelta(days=days),
        )
        record(actor=actor, action=Event.API_TOKEN_CREATED, obj=token, details={"name": token.name, "days": days})
    return token, key


def api_token_revoke(*, actor: Actor, token_id) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(
            pk=token_id, membership__user=actor.user, revoked_at__isnull=True).first()
        if token is None:
            raise NotFound()
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        record(actor=actor, action=Event.API_TOKEN_REVOKED, obj=token)
    return token


def token_digest(key: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(key.encode()).hexdigest()
