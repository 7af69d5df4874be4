from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("care.register_case", "Register a possible victim nationally from signals, and merge duplicate cases."),
    Perm("care.view_cases", "See the cases the own organisation owns or works on through an accepted referral."),
    Perm("care.edit_case", "Record steps, notes and contact arrangements in cases the organisation works on."),
    Perm("care.refer_case", "Refer a case to another organisation, withdraw or revoke the referral, close a case."),
    Perm("care.respond_referral", "Accept, decline and complete referrals sent to the own organisation."),
    Perm("care.manage_tasks", "Add and complete tasks of the own organisation."),
    Perm("care.manage_shelter", "Keep the capacity of the own organisation's shelter facilities up to date."),
    Perm("care.request_placement", "Request shelter for a person and place them in a facility with room."),
    Perm("care.view_capacity", "See shelter capacity and occupancy across the country."),
    Perm("care.manage_coordination", "Record which organisation coordinates care for a municipality."),
    Perm("care.legal_hold", "Put a case under legal hold, so retention does not remove it."),
)
