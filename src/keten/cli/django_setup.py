"""Start Django for the command groups that need the database (engines never do)."""

from __future__ import annotations

import os


def setup(default_settings: str = "keten.config.settings.dev") -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    django.setup()
