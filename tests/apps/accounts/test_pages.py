"""The organisation admin's pages: members and roles, with errors that keep what was typed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keten.apps.accounts.models import Membership, Organisation, Role

from ...conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(signed_in, org_admin):
    client = signed_in(org_admin)
    client.cookies["keten_language"] = "en"
    return client


def test_members_page_lists_members_in_a_fixed_number_of_queries(admin_client, police):
    admin_client.get("/organisation/members/")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/organisation/members/")
    for _ in range(15):
        make_member(police, "frontline")
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get("/organisation/members/")
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) <= 15


def test_adding_a_member_with_a_bad_address_keeps_the_input(admin_client, police):
    role = Role.objects.get(organisation=police, template="analyst")
    response = admin_client.post("/organisation/members/add/", {"email": "no-at-sign", "full_name": "Kim",
                                                                "role": str(role.pk)})
    assert response.status_code == 400
    assert 'value="Kim"' in response.content.decode()
    assert not Membership.objects.filter(user__full_name="Kim").exists()


def test_adding_and_deactivating_a_member(admin_client, police):
    role = Role.objects.get(organisation=police, template="analyst")
    response = admin_client.post("/organisation/members/add/", {"email": "kim@test.keten.nl", "full_name": "Kim",
                                                                "role": str(role.pk)})
    assert response.status_code == 302
    member = Membership.objects.get(user__email="kim@test.keten.nl")
    page = admin_client.get(f"/organisation/members/{member.pk}/")
    assert page.status_code == 200
    done = admin_client.post(f"/organisation/members/{member.pk}/", {"role": str(role.pk), "version": member.version})
    assert done.status_code == 302
    member.refresh_from_db()
    assert not member.is_active


def test_a_stale_form_tells_the_admin_to_reload(admin_client, police):
    member = make_member(police, "frontline")
    role = Role.objects.get(organisation=police, template="analyst")
    admin_client.post(f"/organisation/members/{member.pk}/", {"role": str(role.pk), "is_active": "on",
                                                              "version": member.version})
    stale = admin_client.post(f"/organisation/members/{member.pk}/", {"role": str(member.role_id), "is_active": "on",
                                                                      "version": member.version})
    assert stale.status_code == 400 and "Reload it" in stale.content.decode()


def test_changing_a_roles_permissions(admin_client, police):
    role = Role.objects.get(organisation=police, template="frontline")
    response = admin_client.post(f"/organisation/roles/{role.pk}/",
                                 {"permissions": ["accounts.view_directory"], "version": role.version})
    assert response.status_code == 302
    assert list(role.permissions.values_list("code", flat=True)) == ["accounts.view_directory"]
    bad = admin_client.post(f"/organisation/roles/{role.pk}/", {"permissions": ["made.up"], "version": 2})
    assert bad.status_code == 400


def test_system_admin_registers_an_organisation_with_clear_errors(signed_in):
    from tests.conftest import make_organisation

    operator = make_organisation("operator", "national", "Keten beheer")
    client = signed_in(make_member(operator, "system_admin"))
    client.cookies["keten_language"] = "en"
    bad = client.post("/organisations/", {"name": "", "type": "ngo", "region": "atlantis"})
    assert bad.status_code == 400 and "Police unit" in bad.content.decode()
    ok = client.post("/organisations/", {"name": "Stichting Test", "type": "ngo", "region": "amsterdam",
                                         "municipality": "GM0363"})
    assert ok.status_code == 302
    created = Organisation.objects.get(name="Stichting Test")
    assert created.municipality.name == "Amsterdam"
    assert set(created.roles.values_list("template", flat=True)) >= {"frontline", "org_admin", "privacy_officer"}
