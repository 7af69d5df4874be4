import pytest

from keten.apps.accounts import services
from keten.apps.accounts.catalogue import catalogue, role_templates, sync_permissions
from keten.apps.accounts.models import Permission, Role
from keten.apps.audit.models import AuditEvent
from keten.apps.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

from ...conftest import actor_for, make_member, make_organisation, system_actor

pytestmark = pytest.mark.django_db


def test_an_organisation_gets_exactly_the_roles_that_fit_its_type():
    bank = make_organisation("bank", "amsterdam")
    templates = set(Role.objects.filter(organisation=bank).values_list("template", flat=True))
    expected = {code for code, t in role_templates().items() if t.admits("bank")}
    assert templates == expected
    assert "bank_compliance" in templates and "investigator" not in templates and "system_admin" not in templates
    role = Role.objects.get(organisation=bank, template="bank_compliance")
    assert set(role.permissions.values_list("code", flat=True)) == set(role_templates()["bank_compliance"].permissions)
    assert AuditEvent.objects.filter(action="organisation_created", object_id=str(bank.pk)).exists()


def test_organisation_input_is_validated_all_at_once():
    with pytest.raises(ValidationFailed) as exc:
        services.organisation_create(actor=system_actor(), name=" ", type="spaceship", region="mars")
    assert set(exc.value.fields) == {"name", "type", "region"}
    make_organisation("ngo", "amsterdam", "FairWork")
    with pytest.raises(ValidationFailed) as exc:
        make_organisation("ngo", "amsterdam", "fairwork")
    assert "name" in exc.value.fields


def test_only_a_role_with_manage_organisations_registers_organisations(police):
    frontline = actor_for(make_member(police, "frontline"))
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=frontline, name="X", type="ngo", region="amsterdam")


def test_admin_adds_a_new_person_and_changes_their_role(police, org_admin):
    admin = actor_for(org_admin)
    analyst_role = Role.objects.get(organisation=police, template="analyst")
    m = services.membership_add_by_email(actor=admin, email="New.Person@Example.org", full_name="New Person",
                                         role_id=analyst_role.pk)
    assert m.user.email == "new.person@example.org" and not m.user.has_usable_password()
    frontline_role = Role.objects.get(organisation=police, template="frontline")
    updated = services.membership_update(actor=admin, membership_id=m.pk, role_id=frontline_role.pk,
                                         is_active=True, version=m.version)
    assert updated.role == frontline_role and updated.version == m.version + 1
    event = AuditEvent.objects.filter(action="member_updated", object_id=str(m.pk)).get()
    assert event.details["role"] == {"old": str(analyst_role.pk), "new": str(frontline_role.pk)}


def test_a_stale_version_is_a_conflict_and_changes_nothing(police, org_admin):
    admin = actor_for(org_admin)
    member = make_member(police, "frontline")
    analyst = Role.objects.get(organisation=police, template="analyst")
    services.membership_update(actor=admin, membership_id=member.pk, role_id=analyst.pk, is_active=True,
                               version=member.version)
    with pytest.raises(Conflict):
        services.membership_update(actor=admin, membership_id=member.pk, role_id=analyst.pk, is_active=False,
                                   version=member.version)
    member.refresh_from_db()
    assert member.is_active


def test_an_admin_cannot_manage_another_organisations_members(police, municipality, org_admin):
    other = make_member(municipality, "frontline")
    role = Role.objects.get(organisation=municipality, template="frontline")
    with pytest.raises(NotFound):
        services.membership_update(actor=actor_for(org_admin), membership_id=other.pk, role_id=role.pk,
                                   is_active=False, version=other.version)
    with pytest.raises(ValidationFailed):  # a role of another organisation is not a choice
        services.membership_add_by_email(actor=actor_for(org_admin), email="a@b.nl", full_name="A", role_id=role.pk)


def test_an_admin_cannot_lock_themselves_out(org_admin, police):
    admin = actor_for(org_admin)
    with pytest.raises(ValidationFailed):
        services.membership_update(actor=admin, membership_id=org_admin.pk, role_id=org_admin.role_id,
                                   is_active=False, version=org_admin.version)
    with pytest.raises(ValidationFailed):
        services.role_update_permissions(actor=admin, role_id=org_admin.role_id,
                                         permission_codes=["accounts.view_directory"], version=1)


def test_role_permissions_change_with_audit_and_unknown_codes_are_refused(police, org_admin):
    admin = actor_for(org_admin)
    role = Role.objects.get(organisation=police, template="frontline")
    with pytest.raises(ValidationFailed):
        services.role_update_permissions(actor=admin, role_id=role.pk, permission_codes=["made.up"], version=1)
    services.role_update_permissions(actor=admin, role_id=role.pk,
                                     permission_codes=["accounts.view_directory"], version=1)
    assert list(role.permissions.values_list("code", flat=True)) == ["accounts.view_directory"]
    event = AuditEvent.objects.get(action="role_updated", object_id=str(role.pk))
    from keten.apps.accounts.catalogue import role_templates

    expected_removed = sorted(set(role_templates()["frontline"].permissions) - {"accounts.view_directory"})
    assert event.details == {"added": [], "removed": expected_removed}


def test_the_permission_table_follows_the_catalogue_and_new_permissions_reach_template_roles(police):
    role = Role.objects.get(organisation=police, template="frontline")
    role.permissions.remove("accounts.use_api")
    Permission.objects.filter(code="accounts.use_api").delete()  # as if the permission were new
    new = sync_permissions()
    assert new == {"accounts.use_api"}
    assert set(Permission.objects.values_list("code", flat=True)) == set(catalogue())
    assert role.permissions.filter(code="accounts.use_api").exists()


def test_role_templates_name_only_catalogued_permissions():
    known = set(catalogue())
    for template in role_templates().values():
        assert set(template.permissions) <= known, template.code
