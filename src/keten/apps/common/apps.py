from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "keten.apps.common"
    label = "common"
