from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "keten.apps.intake"
    label = "intake"
