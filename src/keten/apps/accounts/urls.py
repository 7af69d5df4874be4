from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.login_view, name="login"),
    path("account/logout/", views.logout_view, name="logout"),
    path("account/second-factor/", views.second_factor, name="second_factor"),
    path("account/organisation/", views.choose_organisation, name="choose_organisation"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("directory/", views.directory, name="directory"),
    path("organisation/members/", views.members, name="members"),
    path("organisation/members/add/", views.member_add, name="member_add"),
    path("organisation/members/<uuid:membership_id>/", views.member_edit, name="member_edit"),
    path("organisation/roles/", views.roles, name="roles"),
    path("organisation/roles/<uuid:role_id>/", views.role_edit, name="role_edit"),
    path("organisations/", views.organisations, name="organisations"),
]
