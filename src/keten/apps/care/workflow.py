"""The one table of allowed referral changes: who may make each (the sender's or the receiver's
organisation) and with which permission. Everything not in the table is refused."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Referral

S = Referral.Status


@dataclass(frozen=True)
class Step:
    by: str  # "sender" or "receiver"
    permission: str


TRANSITIONS: dict[tuple[str, str], Step] = {
    (S.SENT, S.ACCEPTED): Step("receiver", "care.respond_referral"),
    (S.SENT, S.DECLINED): Step("receiver", "care.respond_referral"),
    (S.SENT, S.WITHDRAWN): Step("sender", "care.refer_case"),
    (S.ACCEPTED, S.COMPLETED): Step("receiver", "care.respond_referral"),
    (S.ACCEPTED, S.REVOKED): Step("sender", "care.refer_case"),
}

# While a referral is in one of these, its receiver may work on the case.
GRANTS_ACCESS = (S.ACCEPTED,)


def step(from_status: str, to_status: str) -> Step | None:
    return TRANSITIONS.get((from_status, to_status))
