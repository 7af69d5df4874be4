from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "keten.apps.audit"
    label = "audit"
