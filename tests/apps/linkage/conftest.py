"""A small chain: a police unit and an NGO signal sixty possible victims, a dozen of them both.
Ana-Maria Popescu, signalled by both (the NGO spells her Anamaria), is registered by the desk from the
police signal."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from keten.apps.accounts.actor import Actor
from keten.apps.care import services as care
from keten.apps.care.models import Case
from keten.apps.intake import services as intake
from keten.apps.intake.models import Signal
from keten.demo.people import NAMES

from ...conftest import actor_for, make_member, make_organisation

# What only the NGO's record holds: none of it may reach the desk through the linkage.
NGO_SPELLING = "Anamaria"
NGO_PHONE = "+31 6 48213377"
NGO_ACCOUNT = "Zij slaapt achter de nagelsalon aan de Korte Putstraat."
NGO_DOCUMENT = "XK4471902"


@dataclass
class Chain:
    desk: Actor
    police: Actor
    ngo: Actor
    case: Case
    ngo_signal: Signal
    records: int  # possible victims in signals plus cases: what linkage reads


def _signal(actor: Actor, person: dict, **fields) -> Signal:
    signal, _ = intake.signal_create(actor=actor, data={"forms": ["labour"], "persons": [person], **fields})
    return signal


def _people(count: int) -> list[dict]:
    rng = random.Random(7)
    seen, people = set(), []
    while len(people) < count:
        nationality = rng.choice(sorted(NAMES))
        female, male, family = NAMES[nationality]
        gender = rng.choice(["female", "male"])
        name = (rng.choice(female if gender == "female" else male), rng.choice(family))
        born = date(1970, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        if name in seen or name == ("Ana-Maria", "Popescu"):
            continue
        seen.add(name)
        people.append({"role": "victim", "given_name": name[0], "family_name": name[1], "gender": gender,
                       "date_of_birth": born.isoformat(), "nationality": nationality,
                       "phone": f"+31 6 {rng.randrange(10**8):08d}"})
    return people


@pytest.fixture
def chain(db) -> Chain:
    desk = actor_for(make_member(make_organisation("registration_desk", "national", "CoMensha"), "registration_desk"))
    police = actor_for(make_member(make_organisation("police", "rotterdam", "Politie eenheid Rotterdam"), "frontline"))
    ngo = actor_for(make_member(make_organisation("ngo", "midden-nederland", "Stichting Het Baken"), "frontline"))
    records = 0
    for number, person in enumerate(_people(60)):
        for actor in (police, ngo) if number % 5 == 0 else ((police, ngo)[number % 2],):
            _signal(actor, person)
            records += 1
    popescu = {"role": "victim", "given_name": "Ana-Maria", "family_name": "Popescu", "date_of_birth": "1999-05-02",
               "gender": "female", "nationality": "RO"}
    police_signal = _signal(police, popescu)
    intake.signal_transition(actor=police, signal_id=police_signal.pk, to_status="forwarded",
                             version=police_signal.version, organisation_id=desk.organisation_id)
    ngo_signal = _signal(ngo, {**popescu, "given_name": NGO_SPELLING, "phone": NGO_PHONE,
                               "document_number": NGO_DOCUMENT},
                         account=NGO_ACCOUNT)
    case = care.case_register(actor=desk, signal_ids=[police_signal.pk])
    return Chain(desk=desk, police=police, ngo=ngo, case=case, ngo_signal=ngo_signal, records=records + 3)
