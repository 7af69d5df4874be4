from django.urls import path

from . import views

app_name = "linkage"

urlpatterns = [
    path("linkage/", views.overview, name="overview"),
    path("linkage/run/", views.start, name="start"),
    path("statistics/persons/", views.statistics, name="statistics"),
]
