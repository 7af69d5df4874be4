"""Who is acting: a user in one of their organisations, with the permissions of that membership's role.

Every service and selector takes an Actor. Code asks ``actor.has("app.permission")`` — it never
compares role names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from keten.apps.common.errors import PermissionDenied

from .models import Membership, Organisation, Role, User


_PERMISSIONS_BY_ROLE_VERSION: dict[tuple, frozenset[str]] = {}


def role_permissions(role: Role) -> frozenset[str]:
    """The role's permission codes, remembered per role version (every change of a role's
    permissions raises its version, so a remembered set is never stale)."""
    key = (role.pk, role.version)
    codes = _PERMISSIONS_BY_ROLE_VERSION.get(key)
    if codes is None:
        if len(_PERMISSIONS_BY_ROLE_VERSION) > 10_000:
            _PERMISSIONS_BY_ROLE_VERSION.clear()
        codes = _PERMISSIONS_BY_ROLE_VERSION[key] = frozenset(role.permissions.values_list("code", flat=True))
    return codes


@dataclass(frozen=True)
class Actor:
    user: User | None
    membership: Membership | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)
    system_label: str = ""  # for commands and jobs acting without a user
    acting_for: Organisation | None = None  # the organisation a command or job works for

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else self.acting_for

    @property
    def organisation_id(self):
        if self.membership:
            return self.membership.organisation_id
        return self.acting_for.pk if self.acting_for else None

    @property
    def role(self) -> Role | None:
        return self.membership.role if self.membership else None

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.email
        return f"system:{self.system_label}"

    def has(self, permission: str) -> bool:
        return permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.has(permission):
            raise PermissionDenied(_("Your role in this organisation does not allow this."))

    @classmethod
    def for_membership(cls, membership: Membership) -> "Actor":
        return cls(user=membership.user, membership=membership, permissions=role_permissions(membership.role))

    @classmethod
    def system(cls, label: str, permissions: frozenset[str] = frozenset(),
               organisation: Organisation | None = None) -> "Actor":
        """A command or scheduled job, for one organisation or none. It holds only the permissions
        it is given."""
        return cls(user=None, system_label=label, permissions=permissions, acting_for=organisation)
