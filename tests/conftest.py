"""Shared fixtures: organisations made by the real services, actors per role, signed-in clients.

Django is imported inside the helpers, so engine tests also run without it (`-p no:django`).
"""

from __future__ import annotations

import itertools

import pytest

PASSWORD = "Correct-horse-battery-42"
_counter = itertools.count()


def system_actor():
    from keten.apps.accounts.actor import Actor

    return Actor.system("tests", permissions=frozenset({"accounts.manage_organisations", "accounts.manage_members"}))


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services' messages are asserted in English; pages choose their language per request."""
    from django.conf import settings

    if not settings.configured:  # engine tests run without Django (-p no:django)
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _audit_guards(request):
    """The audit table's append-only triggers stay on in every database test; transactional tests
    lift them just before Django empties the tables after the test."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db", "live_server"}:
        yield
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(names & {"transactional_db", "live_server"})
    from django.db import connection

    from keten.apps.audit import guards

    # Set up the database first, so that this fixture's teardown runs before its flush.
    request.getfixturevalue("_django_db_helper")
    guards.install(connection)
    yield
    if transactional:
        guards.remove(connection)


def make_organisation(type: str = "police", region: str = "amsterdam", name: str | None = None):
    from keten.apps.accounts import services

    name = name or f"Test {type} {next(_counter)}"
    return services.organisation_create(actor=system_actor(), name=name, type=type, region=region)


def make_member(organisation, role_template: str, email: str | None = None, password: str = PASSWORD):
    from keten.apps.accounts import services
    from keten.apps.accounts.models import Role, User

    email = email or f"{role_template}.{next(_counter)}@test.keten.nl"
    user = User.objects.filter(email=email).first() or services.user_create(
        actor=system_actor(), email=email, full_name=f"Test {role_template.replace('_', ' ').title()}", password=password)
    role = Role.objects.get(organisation=organisation, template=role_template)
    return services.membership_add(actor=system_actor(), organisation=organisation, user=user, role_id=role.pk)


def actor_for(membership):
    from keten.apps.accounts.actor import Actor
    from keten.apps.accounts.models import Membership

    return Actor.for_membership(Membership.objects.select_related("user", "organisation", "role").get(pk=membership.pk))


@pytest.fixture
def police(db):
    return make_organisation("police", "amsterdam", "Politie eenheid Amsterdam")


@pytest.fixture
def municipality(db):
    return make_organisation("municipality", "rotterdam", "Gemeente Rotterdam")


@pytest.fixture
def org_admin(police):
    return make_member(police, "org_admin")


@pytest.fixture
def signed_in(client, settings):
    """A client signed in as the given membership, with the second factor done (demo mode)."""
    settings.KETEN_DEMO_MODE = True

    def sign_in(membership: Membership):
        client.force_login(membership.user)
        session = client.session
        session["keten_membership_id"] = str(membership.pk)
        session.save()
        return client

    return sign_in


def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser tests skipped" in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {len(skipped)} browser tests were skipped because no Chromium is installed "
            "(apt-get install chromium, or set KETEN_CHROMIUM).", yellow=True, bold=True)


def at_once(calls, refusal: type[BaseException]) -> tuple[list, list, list]:
    """Run ``calls`` in threads released together (each on its own database connection); return
    what they gave, the ``refusal`` errors they raised, and any other error."""
    import threading

    from django.db import connections

    together = threading.Barrier(len(calls))
    done, refused, other = [], [], []

    def run(call) -> None:
        try:
            together.wait()
            done.append(call())
        except refusal as exc:
            refused.append(exc)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            other.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused, other
