from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("plan/", views.overview, name="overview"),
    path("plan/themes/<str:code>/", views.theme, name="theme"),
    path("plan/measures/<slug:slug>/", views.measure_detail, name="measure"),
    path("plan/measures/<slug:slug>/edit/", views.measure_edit, name="measure_edit"),
    path("plan/measures/<slug:slug>/progress/", views.progress, name="progress"),
    path("plan/measures/<slug:slug>/evaluations/", views.evaluation, name="evaluation"),
    path("plan/measures/<slug:slug>/funding/", views.funding, name="funding"),
    path("plan/mine/", views.mine, name="mine"),
    path("plan/bottlenecks/", views.bottlenecks, name="bottlenecks"),
    path("plan/bottlenecks/<uuid:bottleneck_id>/", views.bottleneck_follow_up, name="bottleneck_follow_up"),
    path("plan/indicators/", views.indicators, name="indicators"),
    path("plan/indicators/refresh/", views.indicators_refresh, name="indicators_refresh"),
    path("plan/indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("plan/indicators/<slug:code>/values/", views.indicator_record, name="indicator_record"),
    path("plan/versions/", views.versions, name="versions"),
    path("plan/versions/freeze/", views.freeze, name="freeze"),
    path("plan/versions/compare/", views.compare, name="compare"),
    path("plan/history/", views.history, name="history"),
    path("plan/progress-letter/", views.progress_letter, name="progress_letter"),
]
