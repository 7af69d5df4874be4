from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "keten.apps.accounts"
    label = "accounts"

    def ready(self) -> None:
        from .catalogue import sync_after_migrate

        # Keeps the permission table equal to the code's catalogue, as Django does for its own.
        post_migrate.connect(sync_after_migrate, sender=self)
