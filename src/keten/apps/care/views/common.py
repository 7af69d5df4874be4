from django.contrib import messages

from keten.apps.common.errors import ApplicationError


def report(request, error: ApplicationError) -> None:
    """A refused action as one message on the page that follows (the redirect keeps the page simple)."""
    details = "; ".join(m for ms in (error.fields or {}).values() for m in ms)
    messages.error(request, details or error.message)
