from django.apps import AppConfig
from django.db.models.signals import post_save


class PlanConfig(AppConfig):
    name = "keten.apps.plan"
    label = "plan"

    def ready(self) -> None:
        from keten.apps.accounts.models import Organisation

        # An organisation registered later joins the plan's partners of its type, so "what my
        # organisation carries" holds for it from the start (accounts need not know the plan).
        post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="plan-partners")


def _organisation_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        from .services import link_partners

        link_partners(instance)
