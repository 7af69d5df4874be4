import pytest

from keten.apps.accounts.catalogue import role_templates
from keten.apps.accounts.codelists import regions
from keten.apps.accounts.models import Membership, Organisation, User
from keten.apps.audit.chain import verify
from keten.apps.audit.models import AuditEvent
from keten.demo import organisations

pytestmark = pytest.mark.django_db


def _snapshot():
    return (sorted(Organisation.objects.values_list("name", flat=True)),
            sorted(User.objects.values_list("email", flat=True)),
            Membership.objects.count())


def test_demo_data_covers_every_police_unit_and_role_and_loads_once():
    first = organisations.load(seed=7)
    assert first["organisations"] > 30 and first["users"] > 11
    before = _snapshot()
    again = organisations.load(seed=7)
    assert again == {"organisations": 0, "users": 0, "memberships": 0}
    assert _snapshot() == before
    police_units = set(Organisation.objects.filter(type="police").values_list("region", flat=True))
    assert police_units == {r.code for r in regions()} - {"national"}
    roles_with_account = set(Membership.objects.filter(user__email__in=[a.email for a in organisations.ACCOUNTS])
                             .values_list("role__template", flat=True))
    assert roles_with_account == set(role_templates())
    assert User.objects.get(email=organisations.ACCOUNTS[0].email).check_password(organisations.DEMO_PASSWORD)
    assert verify(AuditEvent.objects.order_by("id")).ok


def test_the_same_seed_gives_the_same_people():
    organisations.load(seed=3)
    first = _snapshot()
    for model in (Membership, User):
        model.objects.all().delete()
    organisations.load(seed=3)
    assert _snapshot() == first
