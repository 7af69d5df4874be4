from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.search, name="search"),
    path("audit/export.csv", views.export, name="export"),
    path("audit/verify/", views.verify, name="verify"),
]
