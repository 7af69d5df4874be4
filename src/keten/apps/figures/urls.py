from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("figures/", views.overview, name="overview"),
    path("figures/csv/", views.export, name="export"),
    path("figures/eurostat/", views.eurostat, name="eurostat"),
]
