"""Re-encryption of every encrypted field under the current primary key (key rotation)."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

from keten.apps.audit.events import Event
from keten.apps.audit.services import record

from . import crypto
from .fields import ENCRYPTED_FIELD_TYPES


def _models_with_tables():
    existing = set(connection.introspection.table_names())
    return [m for m in apps.get_models() if m._meta.db_table in existing]


def encrypted_fields():
    for model in _models_with_tables():
        for field in model._meta.concrete_fields:
            if isinstance(field, ENCRYPTED_FIELD_TYPES):
                yield model, field


def _stored_values(table: str, column: str, pk: str) -> list[tuple]:
    # Raw SQL on purpose: the values stay encrypted from database to database.
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{pk}", "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" <> %s', [""])
        return cursor.fetchall()


def _rotate_files(counts: dict[str, int], dry_run: bool) -> None:
    """Files of models that declare ``encrypted_files``: rewrite those not under the primary key."""
    from cryptography.fernet import Fernet, InvalidToken
    from django.conf import settings

    primary = Fernet(settings.KETEN_FIELD_KEYS[0].encode())
    for model in _models_with_tables():
        for name in getattr(model, "encrypted_files", ()):
            label, stale = f"{model._meta.label}.{name}", 0
            for obj in model.objects.exclude(**{name: ""}).only("pk", name).iterator():
                stored = getattr(obj, name)
                with stored.open("rb") as handle:
                    token = handle.read()
                try:
                    primary.decrypt(token)
                    continue
                except InvalidToken:
                    stale += 1
                if not dry_run:
                    _replace_file(model, obj.pk, name, stored, crypto.field_cipher().rotate(token))
            counts[label] = stale


def _replace_file(model, pk, name: str, stored, content: bytes) -> None:
    """The rotated file under a new name, then the row pointed at it, then the old file removed:
    at every moment one complete copy is what the row names, whatever stops the rotation."""
    from django.core.files.base import ContentFile

    new_name = stored.storage.save(stored.name, ContentFile(content))
    model.objects.filter(pk=pk).update(**{name: new_name})
    stored.storage.delete(stored.name)


def rotate_all(*, dry_run: bool = False) -> dict[str, int]:
    """Rewrite each stored value (and encrypted file) not yet under the primary key; returns counts."""
    from keten.apps.accounts.actor import Actor

    counts: dict[str, int] = {}
    for model, field in encrypted_fields():
        table, column, pk = model._meta.db_table, field.column, model._meta.pk.column
        stale = [(key, value) for key, value in _stored_values(table, column, pk) if not crypto.is_current(value)]
        counts[f"{model._meta.label}.{field.name}"] = len(stale)
        if dry_run or not stale:
            continue
        with transaction.atomic():
            with connection.cursor() as cursor:
                for key, value in stale:
                    cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk}" = %s', [crypto.rotate(value), key])
            record(actor=Actor.system("keys-rotate"), action=Event.KEYS_ROTATED, object_type=model._meta.label_lower,
                   details={"field": field.name, "values": len(stale)})
    _rotate_files(counts, dry_run)
    return counts
