"""Models of the national referral mechanism, by sub-domain."""

from .cases import Case, CaseEvent, CaseForm, CaseSignal, CaseStatusChange, SafeContact  # noqa: F401
from .coordination import CareCoordination  # noqa: F401
from .referrals import Referral, ReferralChange  # noqa: F401
from .shelter import Facility, FacilityCapacity, Placement, PlacementRequest  # noqa: F401
from .tasks import Task  # noqa: F401
