"""The one enumerated list of audit event types."""

from enum import StrEnum


class Event(StrEnum):
    # sign-in and sessions
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    SECOND_FACTOR_VERIFIED = "second_factor_verified"
    SECOND_FACTOR_FAILED = "second_factor_failed"
    SECOND_FACTOR_DEVICE_ADDED = "second_factor_device_added"
    ORGANISATION_SWITCHED = "organisation_switched"
    API_TOKEN_CREATED = "api_token_created"
    API_TOKEN_REVOKED = "api_token_revoked"
    # organisations, members, roles
    ORGANISATION_CREATED = "organisation_created"
    ORGANISATION_UPDATED = "organisation_updated"
    USER_CREATED = "user_created"
    MEMBER_ADDED = "member_added"
    MEMBER_UPDATED = "member_updated"
    MEMBER_DEACTIVATED = "member_deactivated"
    ROLE_CREATED = "role_created"
    ROLE_UPDATED = "role_updated"
    PERMISSIONS_SYNCED = "permissions_synced"
    # signals
    SIGNAL_CREATED = "signal_created"
    SIGNAL_UPDATED = "signal_updated"
    SIGNAL_SCREENED = "signal_screened"
    SIGNAL_STATUS_CHANGED = "signal_status_changed"
    SIGNAL_SHARED = "signal_shared"
    SIGNAL_ATTACHMENT_ADDED = "signal_attachment_added"
    SIGNALS_IMPORTED = "signals_imported"
    PUBLIC_REPORT_RECEIVED = "public_report_received"
    # national referral mechanism
    CASE_REGISTERED = "case_registered"
    CASE_SIGNALS_ADDED = "case_signals_added"
    CASE_MERGED = "case_merged"
    CASE_EVENT_ADDED = "case_event_added"
    CASE_CLOSED = "case_closed"
    CASE_LEGAL_HOLD = "case_legal_hold"
    CASE_ANONYMISED = "case_anonymised"
    SAFE_CONTACT_SET = "safe_contact_set"
    REFERRAL_SENT = "referral_sent"
    REFERRAL_CHANGED = "referral_changed"
    TASK_CREATED = "task_created"
    TASK_DONE = "task_done"
    FACILITY_CHANGED = "facility_changed"
    PLACEMENT_REQUESTED = "placement_requested"
    PLACEMENT_MADE = "placement_made"
    PLACEMENT_ENDED = "placement_ended"
    COORDINATION_SET = "coordination_set"
    # linkage across organisations
    LINKAGE_RUN = "linkage_run"
    # plan of action
    PLAN_CHANGED = "plan_changed"
    # reading and exporting personal data
    PERSONAL_DATA_VIEWED = "personal_data_viewed"
    EXPORTED = "exported"
    ACCESS_DENIED = "access_denied"
    # the audit log itself and key management
    AUDIT_SEARCHED = "audit_searched"
    AUDIT_VERIFIED = "audit_verified"
    KEYS_ROTATED = "keys_rotated"
    DEMO_DATA_LOADED = "demo_data_loaded"
