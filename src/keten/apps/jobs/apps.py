from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "keten.apps.jobs"
    label = "jobs"
