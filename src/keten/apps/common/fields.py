"""Model fields for special personal data."""

from __future__ import annotations

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text stored encrypted (Fernet). It cannot be searched or sorted in the database: store a
    keyed pseudonym beside it (``crypto.pseudonym``) where lookups are needed."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name):
        # Fernet tokens are randomised, so only "is it set" can be asked of the database.
        if lookup_name != "isnull":
            raise TypeError(f"Encrypted fields cannot be filtered with '{lookup_name}'.")
        return super().get_lookup(lookup_name)


ENCRYPTED_FIELD_TYPES = (EncryptedTextField,)
