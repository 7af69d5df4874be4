"""The referral transition table, exhaustively: every pair of statuses is either in the table or refused."""

import itertools

import pytest

from keten.apps.care import workflow
from keten.apps.care.models import Referral

ALLOWED = {("sent", "accepted"): "receiver", ("sent", "declined"): "receiver", ("sent", "withdrawn"): "sender",
           ("accepted", "completed"): "receiver", ("accepted", "revoked"): "sender"}


@pytest.mark.parametrize("pair", list(itertools.product(Referral.Status.values, repeat=2)))
def test_every_pair_of_statuses(pair):
    step = workflow.step(*pair)
    if pair in ALLOWED:
        assert step is not None and step.by == ALLOWED[pair]
    else:
        assert step is None


def test_only_an_accepted_referral_opens_the_case():
    assert workflow.GRANTS_ACCESS == (Referral.Status.ACCEPTED,)
