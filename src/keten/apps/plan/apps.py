from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "keten.apps.plan"
    label = "plan"
