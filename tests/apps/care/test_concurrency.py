"""Two desks act on the same signal at the same moment: one wins, the other is told why."""

from __future__ import annotations

import time

import pytest

from keten.apps.care import services
from keten.apps.care.models import Case, CaseSignal
from keten.apps.care.services import cases as case_services
from keten.apps.common.errors import ValidationFailed

from ...conftest import at_once
from .conftest import signal_for_desk


def _at_once(monkeypatch, *calls) -> tuple[list, list, list]:
    real = case_services.new_reference

    def new_reference_after_a_while(prefix):
        time.sleep(0.3)  # the window in which, without a lock, the other also sees the signal free
        return real(prefix)

    monkeypatch.setattr(case_services, "new_reference", new_reference_after_a_while)
    return at_once(calls, ValidationFailed)


@pytest.mark.django_db(transaction=True)
def test_registering_one_signal_twice_at_once_makes_one_case(monkeypatch, desk, police_frontline):
    signal = signal_for_desk(police_frontline, desk)
    register = lambda: services.case_register(actor=desk, signal_ids=[signal.pk], confirm_new=True)  # noqa: E731
    done, refused, other = _at_once(monkeypatch, register, register)
    assert not other, other
    assert (len(done), len(refused)) == (1, 1)
    assert done[0].reference in refused[0].message  # told which case has the signal
    assert CaseSignal.objects.filter(signal=signal).count() == 1
    assert Case.objects.count() == 1
