from django.urls import include, path
from django.views.i18n import set_language

from keten.apps.accounts.access import public
from keten.web.views import not_found, server_error

urlpatterns = [
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", include("keten.api.urls", namespace="v1")),
    path("", include("keten.web.urls")),
    path("", include("keten.apps.accounts.urls")),
    path("", include("keten.apps.audit.urls")),
    path("", include("keten.apps.intake.urls")),
    path("", include("keten.apps.jobs.urls")),
    path("", include("keten.apps.care.urls")),
    path("", include("keten.apps.linkage.urls")),
    path("", include("keten.apps.figures.urls")),
    path("", include("keten.apps.plan.urls")),
]

handler404 = not_found
handler500 = server_error
