from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "keten.apps.linkage"
    label = "linkage"
