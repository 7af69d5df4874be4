"""The one table of allowed status changes of a signal, with the permission each needs and what
each requires. Everything not in the table is refused."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Status


@dataclass(frozen=True)
class Transition:
    action: str
    permission: str
    needs_reason: bool = False  # a close reason from the code list
    needs_organisation: bool = False  # forwarding names the receiving organisation


_OPEN = (Status.NEW, Status.SCREENED)

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (Status.DRAFT, Status.NEW): Transition("submit", "intake.create_signal"),
    (Status.NEW, Status.SCREENED): Transition("screen", "intake.edit_signal"),
    **{(s, Status.FORWARDED): Transition("forward", "intake.forward_signal", needs_organisation=True) for s in _OPEN},
    **{(s, Status.REGISTERED): Transition("register", "intake.close_signal") for s in (*_OPEN, Status.FORWARDED)},
    **{(s, Status.CLOSED): Transition("close", "intake.close_signal", needs_reason=True)
       for s in (Status.DRAFT, *_OPEN, Status.FORWARDED, Status.REGISTERED)},
    (Status.CLOSED, Status.NEW): Transition("reopen", "intake.close_signal"),
}


def transition(from_status: str, to_status: str) -> Transition | None:
    return TRANSITIONS.get((from_status, to_status))


def allowed_targets(from_status: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == from_status]
