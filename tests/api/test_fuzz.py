"""Generated requests against every operation of the OpenAPI schema: whatever a caller sends, the
API answers with a documented, well-formed response and never with a server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from keten.apps.accounts import services
from keten.apps.accounts.catalogue import catalogue

from ..conftest import actor_for, make_member, make_organisation

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture
def wsgi_in_test_transaction():
    """Like Django's test client: requests must not close the connection of the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, wsgi_in_test_transaction):
    organisation = make_organisation("police", "amsterdam", "Politie eenheid Fuzz")
    member = make_member(organisation, "org_admin")
    member.role.permissions.set(list(catalogue()))  # reach every operation
    make_member(organisation, "frontline")
    return services.api_token_create(actor=actor_for(member), name="fuzz", days=1)[1]


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_request_makes_the_api_fail(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
