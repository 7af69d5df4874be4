"""The demo's organisations and one account per role. Names of persons are invented."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from keten.apps.accounts import services
from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Membership, Organisation, Role, User
from keten.apps.audit.events import Event
from keten.apps.audit.services import record

DEMO_PASSWORD = "Keten-demo-2026!"
DEMO_DOMAIN = "demo.keten.nl"

POLICE_UNITS = [
    ("noord-nederland", "Noord-Nederland", "GM0014"), ("oost-nederland", "Oost-Nederland", "GM0202"),
    ("midden-nederland", "Midden-Nederland", "GM0344"), ("noord-holland", "Noord-Holland", "GM0392"),
    ("amsterdam", "Amsterdam", "GM0363"), ("den-haag", "Den Haag", "GM0518"), ("rotterdam", "Rotterdam", "GM0599"),
    ("zeeland-west-brabant", "Zeeland-West-Brabant", "GM0855"), ("oost-brabant", "Oost-Brabant", "GM0772"),
    ("limburg", "Limburg", "GM0935"),
]
MUNICIPALITIES = [  # (CBS code, name, police unit) of the largest municipalities
    ("GM0363", "Amsterdam", "amsterdam"), ("GM0599", "Rotterdam", "rotterdam"), ("GM0518", "Den Haag", "den-haag"),
    ("GM0344", "Utrecht", "midden-nederland"), ("GM0772", "Eindhoven", "oost-brabant"),
    ("GM0014", "Groningen", "noord-nederland"), ("GM0855", "Tilburg", "zeeland-west-brabant"),
    ("GM0034", "Almere", "midden-nederland"), ("GM0758", "Breda", "zeeland-west-brabant"),
    ("GM0268", "Nijmegen", "oost-nederland"), ("GM0935", "Maastricht", "limburg"),
    ("GM0153", "Enschede", "oost-nederland"), ("GM0392", "Haarlem", "noord-holland"),
    ("GM0080", "Leeuwarden", "noord-nederland"), ("GM0193", "Zwolle", "oost-nederland"),
]
NATIONAL = [  # (name, type, municipality)
    ("Keten beheer", "operator", "GM0518"),
    ("Politie Landelijke Eenheid (EMM)", "police_national", "GM0518"),
    ("Koninklijke Marechaussee", "kmar", "GM0518"),
    ("Nederlandse Arbeidsinspectie", "labour_inspectorate", "GM0344"),
    ("Openbaar Ministerie", "prosecution", "GM0518"),
    ("Immigratie- en Naturalisatiedienst", "ind", "GM0518"),
    ("Centraal Orgaan opvang asielzoekers", "coa", "GM0518"),
    ("CoMensha", "registration_desk", "GM0344"),
    ("FIU-Nederland", "fiu", "GM0518"),
    ("Ministerie van Justitie en Veiligheid", "ministry", "GM0518"),
    ("Nationaal Rapporteur Mensenhandel", "rapporteur", "GM0518"),
    ("FairWork", "ngo", "GM0363"),
    ("Nidos", "nidos", "GM0344"),
    ("Demobank N.V.", "bank", "GM0363"),
    ("Stichting Veilige Haven (COSM-opvang, fictief)", "shelter", "GM0344"),
    ("Jeugdzorg Regio Midden (fictief)", "youth_care", "GM0344"),
    ("Veilig Thuis Amsterdam-Amstelland", "veilig_thuis", "GM0363"),
    ("Zorgcoördinatie Mensenhandel Rotterdam", "care_coordination", "GM0599"),
    ("Huisartsenpraktijk De Linde (fictief)", "healthcare", "GM0344"),
]
REGION_OF = {code: region for code, _name, region in MUNICIPALITIES}


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    organisation: str
    role: str  # role template


ACCOUNTS = [
    DemoAccount(f"frontline@{DEMO_DOMAIN}", "Fleur de Vries", "Politie eenheid Amsterdam", "frontline"),
    DemoAccount(f"zorgcoordinator@{DEMO_DOMAIN}", "Sanne Bakker", "Gemeente Rotterdam", "care_coordinator"),
    DemoAccount(f"registratie@{DEMO_DOMAIN}", "Noor Jansen", "CoMensha", "registration_desk"),
    DemoAccount(f"rechercheur@{DEMO_DOMAIN}", "Daan Visser", "Politie eenheid Rotterdam", "investigator"),
    DemoAccount(f"analist@{DEMO_DOMAIN}", "Lotte Smit", "Politie Landelijke Eenheid (EMM)", "analyst"),
    DemoAccount(f"officier@{DEMO_DOMAIN}", "Ruben Meijer", "Openbaar Ministerie", "prosecutor"),
    DemoAccount(f"beleid@{DEMO_DOMAIN}", "Eva de Boer", "Ministerie van Justitie en Veiligheid", "policy"),
    DemoAccount(f"privacy@{DEMO_DOMAIN}", "Tim Mulder", "Politie eenheid Amsterdam", "privacy_officer"),
    DemoAccount(f"beheerder@{DEMO_DOMAIN}", "Iris de Groot", "Politie eenheid Amsterdam", "org_admin"),
    DemoAccount(f"compliance@{DEMO_DOMAIN}", "Bram Bos", "Demobank N.V.", "bank_compliance"),
    DemoAccount(f"systeembeheer@{DEMO_DOMAIN}", "Anouk Vos", "Keten beheer", "system_admin"),
]

GIVEN = ["Anna", "Bas", "Chantal", "Dirk", "Esra", "Floor", "Gijs", "Hanna", "Ilias", "Joyce", "Kees", "Lieke",
         "Mohamed", "Nina", "Olaf", "Priya", "Quinten", "Roos", "Stijn", "Tessa", "Umut", "Vera", "Wouter", "Yara"]
FAMILY = ["Aydin", "Brouwer", "Claassen", "Dekker", "El Idrissi", "Francken", "Gerritsen", "Hendriks", "Jacobs",
          "Koster", "Lambers", "Maas", "Nijhof", "Postma", "Roelofs", "Schouten", "Tromp", "Verbeek", "Willems"]

SYSTEM = Actor.system("demo-data", permissions=frozenset({
    "accounts.manage_organisations", "accounts.manage_members"}))


def organisation_specs() -> list[tuple[str, str, str, str]]:
    """(name, type, police unit, municipality) for every demo organisation, in a fixed order."""
    specs = [(f"Politie eenheid {label}", "police", code, muni) for code, label, muni in POLICE_UNITS]
    specs += [(f"Gemeente {name}", "municipality", region, code) for code, name, region in MUNICIPALITIES]
    specs += [(name, type_, "national" if type_ not in {"shelter", "youth_care", "veilig_thuis", "care_coordination",
                                                        "healthcare"} else REGION_OF[muni], muni)
              for name, type_, muni in NATIONAL]
    return specs


@transaction.atomic
def load(*, seed: int, extra_members: int = 2) -> dict[str, int]:
    """Create what is missing; a second run adds nothing."""
    rng = random.Random(seed)
    created = {"organisations": 0, "users": 0, "memberships": 0}
    by_name = {o.name: o for o in Organisation.objects.all()}
    for name, type_, region, muni in organisation_specs():
        if name not in by_name:
            by_name[name] = services.organisation_create(
                actor=SYSTEM, name=name, type=type_, region=region, municipality_code=muni)
            created["organisations"] += 1
    accounts = list(ACCOUNTS)
    # A few more members per police unit and municipality, so lists are not empty; same seed, same people.
    for name, type_, _region, _muni in organisation_specs():
        if type_ not in {"police", "municipality"}:
            continue
        for i in range(extra_members):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            slug = name.split()[-1].lower()
            accounts.append(DemoAccount(f"{given.lower()}.{i}.{slug}@{DEMO_DOMAIN}", f"{given} {family}", name, "frontline"))
    for account in accounts:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = services.user_create(actor=SYSTEM, email=account.email, full_name=account.full_name,
                                        password=DEMO_PASSWORD)
            created["users"] += 1
        organisation = by_name[account.organisation]
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            role = Role.objects.get(organisation=organisation, template=account.role)
            services.membership_add(actor=SYSTEM, organisation=organisation, user=user, role_id=role.pk)
            created["memberships"] += 1
    if any(created.values()):
        record(actor=SYSTEM, action=Event.DEMO_DATA_LOADED, details={"seed": seed, **created})
    return created
