"""Finding the records a command is told about, with errors that say what to give instead."""

from __future__ import annotations

import uuid

import click


def organisation(value: str, *, option: str = "--org"):
    """An organisation by its id (uuid) or its exact name."""
    from keten.apps.accounts.models import Organisation

    try:
        found = Organisation.objects.filter(pk=uuid.UUID(value)).first()
    except ValueError:
        found = Organisation.objects.filter(name=value).first()
    if found is None:
        raise click.BadParameter(f"no organisation {value!r}; give its id or its exact name", param_hint=option)
    return found
