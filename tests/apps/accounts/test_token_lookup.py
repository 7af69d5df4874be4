"""The token look-up compiled once gives exactly what the ORM gives, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keten.apps.accounts import services
from keten.apps.accounts.models import ApiToken
from keten.apps.accounts.token_lookup import token_by_digest

from ...conftest import actor_for, make_member, make_organisation

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_compiled_look_up_gives_the_objects_the_orm_gives():
    member = make_member(make_organisation("police"), "frontline")
    other = make_member(make_organisation("municipality", "rotterdam"), "care_coordinator")
    for m in (member, other):  # a second token: the look-up must not return the first for it
        services.api_token_create(actor=actor_for(m), name="script", days=3)
    for token in ApiToken.objects.all():
        with CaptureQueriesContext(connection) as queries:
            found = token_by_digest(token.digest)
            graph = (found, found.membership, found.membership.user, found.membership.organisation,
                     found.membership.role)
        assert len(queries.captured_queries) == 1  # everything came with the one query
        expected = ApiToken.objects.select_related(
            "membership__user", "membership__organisation", "membership__role").get(pk=token.pk)
        wanted = (expected, expected.membership, expected.membership.user, expected.membership.organisation,
                  expected.membership.role)
        for got, want in zip(graph, wanted):
            assert type(got) is type(want) and _fields(got) == _fields(want)
            assert not got._state.adding and got._state.db == "default"


def test_an_unknown_digest_finds_nothing():
    member = make_member(make_organisation("police"), "frontline")
    services.api_token_create(actor=actor_for(member), name="script", days=3)
    assert token_by_digest("0" * 64) is None
    assert token_by_digest("") is None
