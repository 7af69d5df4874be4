"""Every read of the accounts app, scoped to the actor. Missing and forbidden look the same."""

from __future__ import annotations

from django.db.models import QuerySet

from keten.apps.audit.services import record_access
from keten.apps.common.errors import NotFound

from .actor import Actor
from .models import Membership, Organisation, Role, User


def organisation_directory(*, actor: Actor, search: str = "", type: str = "", region: str = "") -> QuerySet[Organisation]:
    """Partner organisations: names, types and regions only, which are not personal data."""
    actor.require("accounts.view_directory")
    qs = Organisation.objects.filter(is_active=True).select_related("municipality")
    if search:
        qs = qs.filter(name__icontains=search)
    if type:
        qs = qs.filter(type=type)
    if region:
        qs = qs.filter(region=region)
    return qs


def organisation_get(*, actor: Actor, organisation_id) -> Organisation:
    organisation = organisation_directory(actor=actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound()
    return organisation


def membership_list(*, actor: Actor, purpose: str) -> list[Membership]:
    """Members of the actor's own organisation; names and addresses are personal data, so the read is audited."""
    actor.require("accounts.view_members")
    members = list(
        Membership.objects.filter(organisation_id=actor.organisation_id)
        .select_related("user", "role", "organisation")
        .order_by("-is_active", "user__full_name")
    )
    record_access(actor=actor, objects=[m.user for m in members], purpose=purpose)
    return members


def membership_get(*, actor: Actor, membership_id, purpose: str) -> Membership:
    actor.require("accounts.view_members")
    membership = (
        Membership.objects.filter(pk=membership_id, organisation_id=actor.organisation_id)
        .select_related("user", "role", "organisation")
        .first()
    )
    if membership is None:
        raise NotFound()
    record_access(actor=actor, objects=[membership.user], purpose=purpose)
    return membership


def role_list(*, actor: Actor) -> QuerySet[Role]:
    """The roles of the actor's own organisation, for members and admins alike."""
    return Role.objects.filter(organisation_id=actor.organisation_id).prefetch_related("permissions")


def role_get(*, actor: Actor, role_id) -> Role:
    role = role_list(actor=actor).filter(pk=role_id).first()
    if role is None:
        raise NotFound()
    return role


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's own active memberships: what they may choose to act for."""
    return (
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "role")
        .order_by("organisation__name")
    )


def api_token_list(*, actor: Actor) -> QuerySet:
    """The actor's own tokens, for every organisation they belong to."""
    from .models import ApiToken

    return ApiToken.objects.filter(membership__user=actor.user).select_related("membership__organisation")
