from django.urls import path

from .views import cases, coordination, referrals, shelter, tasks

app_name = "care"

urlpatterns = [
    path("cases/", cases.case_list, name="list"),
    path("cases/register/", cases.case_register, name="register"),
    path("cases/<uuid:case_id>/", cases.case_detail, name="detail"),
    path("cases/<uuid:case_id>/events/", cases.event_add, name="event_add"),
    path("cases/<uuid:case_id>/referrals/", cases.referral_send, name="referral_send"),
    path("cases/<uuid:case_id>/contact/", cases.safe_contact, name="safe_contact"),
    path("cases/<uuid:case_id>/tasks/", cases.task_add, name="task_add"),
    path("cases/<uuid:case_id>/placements/", cases.placement_request, name="placement_request"),
    path("cases/<uuid:case_id>/close/", cases.case_close, name="close"),
    path("cases/<uuid:case_id>/merge/", cases.case_merge, name="merge"),
    path("cases/<uuid:case_id>/signals/", cases.signals_add, name="signals_add"),
    path("cases/legal-hold/", cases.legal_hold, name="legal_hold"),
    path("placements/<uuid:request_id>/", cases.placement_match, name="placement_match"),
    path("placements/<uuid:placement_id>/end/", shelter.placement_end, name="placement_end"),
    path("referrals/<uuid:referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<uuid:referral_id>/answer/", referrals.referral_change, name="referral_change"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/<uuid:task_id>/done/", tasks.task_done, name="task_done"),
    path("tasks/calendar.ics", tasks.task_calendar, name="task_calendar"),
    path("shelter/", shelter.capacity, name="capacity"),
    path("shelter/facilities/", shelter.facilities, name="facilities"),
    path("shelter/facilities/<uuid:facility_id>/capacity/", shelter.capacity_set, name="capacity_set"),
    path("coordination/", coordination.coverage, name="coverage"),
    path("coordination/set/", coordination.coverage_set, name="coverage_set"),
]
