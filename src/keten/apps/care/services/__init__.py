"""Every write of the national referral mechanism, by sub-domain."""

from .cases import (case_add_signals, case_close, case_event_add, case_legal_hold, case_merge,  # noqa: F401
                    case_register, cases_legal_hold, safe_contact_set)
from .coordination import coordination_set  # noqa: F401
from .referrals import referral_change, referral_send  # noqa: F401
from .shelter import capacity_set, facility_create, placement_end, placement_make, placement_request  # noqa: F401
from .tasks import task_create, task_done, tasks_for_event  # noqa: F401
