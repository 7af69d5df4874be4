"""The API under /api/v1/: one list of endpoints, each a thin view in its app's api.py."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from keten.apps.accounts import api as accounts_api
from keten.apps.accounts.access import public
from keten.apps.audit import api as audit_api
from keten.apps.care import api as care_api
from keten.apps.figures import api as figures_api
from keten.apps.intake import api as intake_api
from keten.apps.plan import api as plan_api

app_name = "v1"

urlpatterns = [
    path("schema/", public(SpectacularAPIView.as_view()), name="schema"),
    # Swagger UI sets inline styles (never inline scripts): only its page allows them.
    path("docs/", public(csp_update({"style-src": "'unsafe-inline'"})(
        SpectacularSwaggerSplitView.as_view(url_name="v1:schema"))), name="docs"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("organisations/", accounts_api.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<uuid:organisation_id>/", accounts_api.OrganisationDetailView.as_view(),
         name="organisation-detail"),
    path("memberships/", accounts_api.MembershipListView.as_view(), name="membership-list"),
    path("memberships/<uuid:membership_id>/", accounts_api.MembershipDetailView.as_view(), name="membership-detail"),
    path("roles/", accounts_api.RoleListView.as_view(), name="role-list"),
    path("audit/events/", audit_api.AuditEventListView.as_view(), name="audit-event-list"),
    path("audit/verify/", audit_api.AuditVerifyView.as_view(), name="audit-verify"),
    path("signals/", intake_api.SignalListView.as_view(), name="signal-list"),
    path("signals/<uuid:signal_id>/", intake_api.SignalDetailView.as_view(), name="signal-detail"),
    path("signals/<uuid:signal_id>/status/", intake_api.SignalStatusView.as_view(), name="signal-status"),
    path("signals/<uuid:signal_id>/screenings/", intake_api.SignalScreeningView.as_view(), name="signal-screening"),
    path("screening/frameworks/", intake_api.FrameworkListView.as_view(), name="framework-list"),
    path("cases/", care_api.CaseListView.as_view(), name="case-list"),
    path("cases/legal-hold/", care_api.LegalHoldView.as_view(), name="case-legal-hold"),
    path("cases/<uuid:case_id>/", care_api.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<uuid:case_id>/events/", care_api.CaseEventView.as_view(), name="case-events"),
    path("cases/<uuid:case_id>/signals/", care_api.CaseSignalsView.as_view(), name="case-signals"),
    path("cases/<uuid:case_id>/referrals/", care_api.CaseReferralView.as_view(), name="case-referrals"),
    path("referrals/", care_api.ReferralListView.as_view(), name="referral-list"),
    path("referrals/<uuid:referral_id>/answer/", care_api.ReferralChangeView.as_view(), name="referral-answer"),
    path("tasks/", care_api.TaskListView.as_view(), name="task-list"),
    path("tasks/<uuid:task_id>/done/", care_api.TaskDoneView.as_view(), name="task-done"),
    path("shelter/capacity/", care_api.CapacityView.as_view(), name="capacity"),
    path("cases/<uuid:case_id>/placement-requests/", care_api.CasePlacementRequestView.as_view(),
         name="case-placement-requests"),
    path("placement-requests/", care_api.WaitingListView.as_view(), name="placement-request-list"),
    path("placement-requests/<uuid:request_id>/options/", care_api.PlacementOptionsView.as_view(),
         name="placement-request-options"),
    path("placement-requests/<uuid:request_id>/place/", care_api.PlaceView.as_view(), name="placement-request-place"),
    path("placements/<uuid:placement_id>/end/", care_api.PlacementEndView.as_view(), name="placement-end"),
    path("figures/", figures_api.FiguresView.as_view(), name="figures"),
    path("plan/", plan_api.PlanView.as_view(), name="plan"),
    path("plan/measures/", plan_api.MeasureListView.as_view(), name="plan-measure-list"),
    path("plan/measures/<slug:slug>/", plan_api.MeasureDetailView.as_view(), name="plan-measure-detail"),
    path("plan/measures/<slug:slug>/progress/", plan_api.MeasureProgressView.as_view(), name="plan-measure-progress"),
    path("plan/indicators/", plan_api.IndicatorListView.as_view(), name="plan-indicator-list"),
    path("plan/indicators/<slug:code>/values/", plan_api.IndicatorValueView.as_view(), name="plan-indicator-values"),
]
