from django.urls import path

from . import import_views, public_views, screening_views, training_views, views

app_name = "intake"

urlpatterns = [
    path("signals/", views.signal_list, name="list"),
    path("signals/new/", views.signal_new, name="new"),
    path("signals/<uuid:signal_id>/", views.signal_detail, name="detail"),
    path("signals/<uuid:signal_id>/edit/", views.signal_edit, name="edit"),
    path("signals/<uuid:signal_id>/screen/", screening_views.screen, name="screen"),
    path("signals/<uuid:signal_id>/screen/preview/", screening_views.screen_preview, name="screen_preview"),
    path("signals/<uuid:signal_id>/status/", views.signal_status, name="status"),
    path("signals/<uuid:signal_id>/attachments/", views.attachment_add, name="attachment_add"),
    path("signals/<uuid:signal_id>/attachments/<uuid:attachment_id>/", views.attachment_download,
         name="attachment"),
    path("signals/import/", import_views.import_upload, name="import"),
    path("signals/import/columns/", import_views.import_mapping, name="import_mapping"),
    path("signals/import/template.csv", import_views.import_template, name="import_template"),
    path("training/", training_views.training_list, name="training"),
    path("training/<str:vignette_id>/", training_views.training_case, name="training_case"),
    path("melden/", public_views.report, name="public_report"),
]
