from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "keten.apps.figures"
    label = "figures"
