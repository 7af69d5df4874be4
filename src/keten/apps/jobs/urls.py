from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="detail"),
    path("jobs/<uuid:job_id>/progress/", views.job_progress, name="progress"),
]
