from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "keten.apps.care"
    label = "care"
