import pytest

from keten.apps.intake import services as intake

from ...conftest import actor_for, make_member, make_organisation


@pytest.fixture
def desk(db):
    return actor_for(make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk"))


@pytest.fixture
def police_frontline(db):
    return actor_for(make_member(make_organisation("police", "rotterdam", "Politie eenheid Rotterdam"), "frontline"))


@pytest.fixture
def coordinator(db):
    return actor_for(make_member(make_organisation("municipality", "rotterdam", "Gemeente Rotterdam"),
                                 "care_coordinator"))


def signal_for_desk(sender, desk, *, given="Ana-Maria", family="Popescu", dob="1999-05-02", nationality="RO",
                    age=None):
    """A signal recorded by ``sender`` and forwarded to the registration desk."""
    person = {"role": "victim", "given_name": given, "family_name": family, "date_of_birth": dob,
              "nationality": nationality}
    if age is not None:
        person = {**person, "date_of_birth": "", "age": age}
    signal, _ = intake.signal_create(actor=sender, data={"forms": ["labour"], "persons": [person]})
    intake.signal_transition(actor=sender, signal_id=signal.pk, to_status="forwarded", version=signal.version,
                             organisation_id=desk.organisation_id)
    return signal
