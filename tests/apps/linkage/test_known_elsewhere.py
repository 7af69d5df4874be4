"""The desk's warning that other organisations probably know the person of a case: which
organisations and how many records, nothing of the records themselves, and only for the case's owner."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.care import services as care
from keten.apps.care.models import Case
from keten.apps.intake import services as intake
from keten.apps.linkage.models import ClusterMember, LinkageRun
from keten.apps.linkage.selectors import Presence, known_elsewhere
from keten.apps.linkage.services import linkage_run

from ...conftest import actor_for, make_member, make_organisation
from .conftest import NGO_ACCOUNT, NGO_DOCUMENT, NGO_PHONE, NGO_SPELLING

pytestmark = pytest.mark.django_db

PERSON = {"role": "victim", "given_name": "Ana-Maria", "family_name": "Popescu", "date_of_birth": "1999-05-02",
          "nationality": "RO"}


@dataclass
class World:
    desk: Actor
    police: Actor
    ngo: Actor
    municipality: Actor
    case: Case
    run: LinkageRun


def _signal(actor, person=PERSON, **fields):
    signal, _ = intake.signal_create(actor=actor, data={"forms": ["labour"], "persons": [person], **fields})
    return signal


def _warning(page: str) -> str:
    """The organisations the case page names in its warning (they also appear elsewhere on the page,
    in the list of organisations to refer to)."""
    after = page.split("The same person is probably known elsewhere:</strong>", 1)[1]
    return after.split("Found by linkage", 1)[0].strip()


@pytest.fixture
def desk_member(db):
    return make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk")


@pytest.fixture
def world(desk_member):
    """A case the desk registered from a police signal; the stored linkage puts it with the police
    record, two records of an NGO and, as another person, a record of a municipality."""
    desk = actor_for(desk_member)
    police = actor_for(make_member(make_organisation("police", "rotterdam", "Politie eenheid Rotterdam"), "frontline"))
    ngo = actor_for(make_member(make_organisation("ngo", "midden-nederland", "Stichting Het Baken"), "frontline"))
    municipality = actor_for(make_member(make_organisation("municipality", "rotterdam", "Gemeente Rotterdam"),
                                         "care_coordinator"))
    signal = _signal(police)
    intake.signal_transition(actor=police, signal_id=signal.pk, to_status="forwarded", version=signal.version,
                             organisation_id=desk.organisation_id)
    case = care.case_register(actor=desk, signal_ids=[signal.pk])
    ngo_persons = [_signal(ngo, {**PERSON, "phone": NGO_PHONE}).persons.get() for _ in range(2)]
    other_person = _signal(municipality, {**PERSON, "given_name": "Ioana"}).persons.get()
    run = LinkageRun.objects.create(records=5, persons=2, persons_in_several_organisations=1,
                                    finished_at=timezone.now())
    rows = [("case", case.pk, desk, "1"), ("signal", signal.persons.get().pk, police, "1"),
            *(("signal", p.pk, ngo, "1") for p in ngo_persons), ("signal", other_person.pk, municipality, "2")]
    ClusterMember.objects.bulk_create(ClusterMember(run=run, source=source, record_id=record_id,
                                                    organisation_id=actor.organisation_id, cluster=cluster)
                                      for source, record_id, actor, cluster in rows)
    return World(desk, police, ngo, municipality, case, run)


def test_names_the_other_organisations_and_counts_their_records(world):
    found = known_elsewhere(actor=world.desk, case=world.case)
    assert found == [Presence("Politie eenheid Rotterdam", 1), Presence("Stichting Het Baken", 2)]
    # The answer has no room for anything of the records: no names, dates, phones or ids.
    assert {f.name for f in dataclasses.fields(Presence)} == {"organisation", "records"}


def test_a_case_outside_any_cluster_or_before_any_linkage_gives_nothing(world):
    ClusterMember.objects.filter(record_id=world.case.pk).delete()
    # The record of its signal still links it: the case's own signals count as the case.
    assert [p.records for p in known_elsewhere(actor=world.desk, case=world.case)] == [1, 2]
    ClusterMember.objects.filter(organisation_id=world.police.organisation_id).delete()
    assert known_elsewhere(actor=world.desk, case=world.case) == []
    LinkageRun.objects.all().delete()
    assert known_elsewhere(actor=world.desk, case=world.case) == []


def test_an_unfinished_run_is_not_read(world):
    LinkageRun.objects.filter(pk=world.run.pk).update(finished_at=None)
    assert known_elsewhere(actor=world.desk, case=world.case) == []


def test_only_the_owner_of_the_case_with_access_to_cases_is_told(world):
    referral = care.referral_send(actor=world.desk, case_id=world.case.pk,
                                  to_organisation_id=world.municipality.organisation_id, kind="care_coordination",
                                  purpose="zorg", consent="given")
    care.referral_change(actor=world.municipality, referral_id=referral.pk, to_status="accepted", version=1)
    # The municipality now works on the case, yet learns nothing of who else knows the person.
    assert known_elsewhere(actor=world.municipality, case=world.case) == []
    analyst = actor_for(make_member(world.desk.organisation, "analyst"))
    assert not analyst.has("care.view_cases")
    assert known_elsewhere(actor=analyst, case=world.case) == []
    system = Actor.system("t", organisation=world.desk.organisation)
    assert known_elsewhere(actor=system, case=world.case) == []


def test_the_case_page_warns_the_desk_and_not_the_referral_receiver(world, desk_member, signed_in):
    client = signed_in(desk_member)
    client.cookies["keten_language"] = "en"
    page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert _warning(page) == "Politie eenheid Rotterdam (1), Stichting Het Baken (2)."
    assert NGO_PHONE not in page
    referral = care.referral_send(actor=world.desk, case_id=world.case.pk,
                                  to_organisation_id=world.municipality.organisation_id, kind="care_coordination",
                                  purpose="zorg", consent="given")
    care.referral_change(actor=world.municipality, referral_id=referral.pk, to_status="accepted", version=1)
    client.force_login(world.municipality.user)
    session = client.session
    session["keten_membership_id"] = str(world.municipality.membership.pk)
    session.save()
    shared = client.get(f"/cases/{world.case.pk}/")
    assert shared.status_code == 200
    assert "known elsewhere" not in shared.content.decode() and shared.context["elsewhere"] == []


@pytest.mark.slow
def test_after_a_real_linkage_the_desk_sees_who_else_knows_the_person_and_nothing_of_their_record(chain,
                                                                                                   signed_in):
    linkage_run(actor=Actor.system("test"))
    client = signed_in(chain.desk.membership)
    client.cookies["keten_language"] = "en"
    page = client.get(f"/cases/{chain.case.pk}/").content.decode()
    assert _warning(page) == "Politie eenheid Rotterdam (1), Stichting Het Baken (1)."
    digits = NGO_PHONE.replace(" ", "")[-8:]
    for secret in (NGO_SPELLING, NGO_PHONE, digits, NGO_DOCUMENT, NGO_ACCOUNT, chain.ngo_signal.reference,
                   str(chain.ngo_signal.pk), str(chain.ngo_signal.persons.get().pk)):
        assert secret not in page
