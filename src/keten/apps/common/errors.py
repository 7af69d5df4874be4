"""One hierarchy of errors for everything a user can cause.

Services raise these; the API maps them to problem+json (keten.api.errors) and pages show their
message. Anything else that escapes is a bug.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    code = "invalid"
    default_message = _("The request could not be processed.")

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None):
        self.message = str(message or self.default_message)
        self.fields = fields or {}
        super().__init__(self.message)


class ValidationFailed(ApplicationError):
    code = "validation_failed"
    default_message = _("Some fields are not valid.")


class NotFound(ApplicationError):
    """Also raised for records the actor may not see: missing and forbidden look the same."""

    status = 404
    code = "not_found"
    default_message = _("Not found.")


class PermissionDenied(ApplicationError):
    """For actions (not records) the actor's role does not allow."""

    status = 403
    code = "permission_denied"
    default_message = _("Your role in this organisation does not allow this.")


class Conflict(ApplicationError):
    """A concurrent edit: the record changed since it was read."""

    status = 409
    code = "conflict"
    default_message = _("Someone else changed this record after you opened it. Reload it and apply your change again.")


def parse_uuid(value):
    """An id from user input; a malformed one is as unknown as a missing one."""
    import uuid

    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise NotFound() from None
