"""About 5,000 synthetic signals over 2016-2025 whose mix follows the published statistics
(domain reference §4): yearly totals scaled from CoMensha and the National Rapporteur, the shift
from sexual towards labour and criminal exploitation, Dutch victims about a third, the largest
foreign nationalities, minors most often in criminal and domestic sexual exploitation, and the
reporting organisations of CoMensha's 2023-2024 figures. About one victim in six is signalled by
more than one organisation, so linkage and estimation have overlaps to find. All persons invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.intake.codelists import frameworks_for
from keten.apps.intake.inputs import PersonInput, SignalInput
from keten.apps.intake.models import Person, Screening, Signal, SignalForm, Source, StatusChange
from keten.apps.intake.references import ALPHABET
from keten.apps.intake.services import person_rows
from keten.engines import screening

from .people import LANGUAGE, NAMES

MARKER = "DEMO-"
# CoMensha totals (2019-2024) and the NR series (2016-2018), halved; 2025 assumed like 2024 [D].
YEAR_TOTALS = {2016: 480, 2017: 480, 2018: 400, 2019: 690, 2020: 510, 2021: 400, 2022: 410, 2023: 520,
               2024: 530, 2025: 500}
NATIONALITY = {
    "sexual": {"NL": 45, "RO": 9, "BG": 7, "HU": 6, "NG": 10, "PL": 3, "CO": 3, "BR": 3, "TH": 3, "UA": 2, "CN": 3},
    "labour": {"PL": 20, "RO": 15, "UA": 8, "BG": 8, "HU": 6, "NL": 8, "VN": 5, "PH": 5, "IN": 5, "CN": 6, "ER": 4},
    "criminal": {"NL": 45, "VN": 14, "RO": 10, "MA": 8, "ER": 4, "NG": 4, "BG": 5},
}
SECTORS = {
    "sexual": {"prostitution_unlicensed": 60, "prostitution_licensed": 15, "massage_parlour": 10, "online_sexual": 15},
    "labour": {"agriculture": 25, "meat_processing": 10, "construction": 12, "logistics": 14, "hospitality": 10,
               "cleaning": 8, "domestic_work": 6, "car_wash": 5, "nail_beauty": 5, "shipping_fishing": 3,
               "manufacturing": 2},
    "criminal": {"cannabis_cultivation": 35, "drug_trafficking": 30, "street_crime": 20, "money_mule": 15},
}
MINOR_SHARE = {"sexual_domestic": 0.30, "sexual_cross_border": 0.08, "labour": 0.05, "criminal": 0.45,
               "forced_begging": 0.40, "forced_services": 0.05}
FEMALE_SHARE = {"sexual": 0.92, "labour": 0.30, "criminal": 0.35}
ACCOUNTS = {
    "sexual": ["Tijdens een controle in een hotel trof de politie een jonge vrouw aan die niet zelf over haar geld beschikte.",
               "Een meisje vertelde op school over een 'vriendje' dat haar dwingt met andere mannen af te spreken.",
               "Advertenties met steeds wisselende namen, maar hetzelfde telefoonnummer en dezelfde kamer."],
    "labour": ["Werknemers slapen met twaalf man in een schuur en werken zes dagen per week veertien uur.",
               "De uitzender houdt de paspoorten in en trekt huur en vervoer af van het loon.",
               "Een huishoudster mag het huis niet verlaten en krijgt geen loon uitbetaald."],
    "criminal": ["Een jongen van zestien wordt gedwongen in een hennepkwekerij te slapen en te werken.",
                 "Minderjarigen worden met schulden gedwongen drugs te vervoeren.",
                 "Een groep kinderen pleegt winkeldiefstallen onder toezicht van volwassenen."],
}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _form_shares(year: int) -> dict[str, float]:
    t = (year - 2016) / 9
    sexual, labour, criminal = 0.62 - 0.22 * t, 0.24 + 0.18 * t, 0.08 + 0.06 * t
    return {"sexual": sexual, "labour": labour, "criminal": criminal, "other": 1 - sexual - labour - criminal}


@dataclass
class Victim:
    nationality: str
    female: bool
    given: str
    family: str
    born: date
    phone: str
    appearances: int = 1
    signalled_by: set = field(default_factory=set)


def _victim(rng: random.Random, group: str, minor: bool, year: int) -> Victim:
    nationality = _pick(rng, NATIONALITY[group])
    if nationality == "UA" and year < 2022:
        nationality = "PL"
    female = rng.random() < FEMALE_SHARE[group]
    females, males, families = NAMES[nationality]
    age = rng.randint(12, 17) if minor else max(18, int(rng.gauss(29, 8)))
    born = date(year - age, rng.randint(1, 12), rng.randint(1, 28))
    phone = "+316" + "".join(str(rng.randrange(10)) for _ in range(8)) if rng.random() < 0.5 else ""
    return Victim(nationality, female, rng.choice(females if female else males), rng.choice(families), born, phone)


def _reference(rng: random.Random) -> str:
    body = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"S-{body[:4]}-{body[4:]}"


def _owner(rng: random.Random, orgs: dict[str, list[Organisation]], group: str) -> Organisation:
    weights = {"police": 33, "care": 29, "fairwork": 23, "kmar": 6, "nla": 5, "other": 4}
    if group == "labour":
        weights.update(nla=20, fairwork=30, police=20)
    kind = _pick(rng, weights)
    return rng.choice(orgs[kind] or orgs["police"])


def _organisations() -> dict[str, list[Organisation]]:
    by_type = {}
    for org in Organisation.objects.filter(is_active=True):
        by_type.setdefault(org.type, []).append(org)
    return {
        "police": by_type.get("police", []), "care": by_type.get("municipality", []) + by_type.get("care_coordination", []),
        "fairwork": [o for o in by_type.get("ngo", []) if o.name == "FairWork"] or by_type.get("ngo", []),
        "kmar": by_type.get("kmar", []), "nla": by_type.get("labour_inspectorate", []),
        "other": by_type.get("coa", []) + by_type.get("youth_care", []) + by_type.get("veilig_thuis", []),
    }


def _answers(rng: random.Random, framework_id: str, leaning: bool) -> tuple[list[str], list[str]]:
    framework = screening.load_framework(framework_id)
    p = 0.22 if leaning else 0.05
    present = [i.id for i in framework.indicators if rng.random() < (p * (1.5 if i.strength == "strong" else 1))]
    absent = [i.id for i in framework.indicators if i.id not in present and rng.random() < 0.4]
    return present, absent


def load(*, seed: int, total: int | None = None) -> int:
    """Create the demo signals once; returns how many were added (0 when they are there already)."""
    if Signal.objects.filter(external_reference__startswith=MARKER).exists():
        return 0
    rng = random.Random(seed * 7919 + 17)
    orgs = _organisations()
    if not orgs["police"]:
        return 0
    scale = (total / sum(YEAR_TOTALS.values())) if total else 1.0
    pending: list[tuple] = []
    revisits: list[tuple[Victim, str, str, int]] = []
    number = 0
    for year, count in YEAR_TOTALS.items():
        for _ in range(max(1, round(count * scale))):
            number += 1
            group = _pick(rng, _form_shares(year))
            if group == "other":
                form, group = rng.choice(["forced_begging", "forced_services"]), rng.choice(["criminal", "labour"])
            elif group == "sexual":
                form = None
            else:
                form = group
            if revisits and rng.random() < 0.12:
                victim, form, group, _y = revisits.pop(rng.randrange(len(revisits)))
            else:
                minor_guess = rng.random() < MINOR_SHARE.get(form or "sexual_domestic", 0.1)
                victim = _victim(rng, group, minor_guess, year)
                if form is None:
                    form = "sexual_domestic" if victim.nationality == "NL" else "sexual_cross_border"
                if rng.random() < 0.18:
                    revisits.append((victim, form, group, year))
            owner = _owner(rng, orgs, group)
            observed = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            pending.append((number, year, group, form, victim, owner, observed))
    return _write(rng, pending)


def _write(rng: random.Random, pending: list[tuple]) -> int:
    now = timezone.now()
    today = timezone.localdate()
    system = Actor.system("demo-data")
    with transaction.atomic():
        signals, inputs, screenings, history = [], [], [], []
        for number, year, group, form, victim, owner, observed in pending:
            observed = min(observed, today)
            age = observed.year - victim.born.year - ((observed.month, observed.day) < (victim.born.month, victim.born.day))
            person = PersonInput(role="victim", given_name=victim.given, family_name=victim.family,
                                 date_of_birth=victim.born.isoformat(), age=age, is_minor=age < 18,
                                 gender="female" if victim.female else "male", nationality=victim.nationality,
                                 languages=[LANGUAGE[victim.nationality]], phone=victim.phone)
            sector = _pick(rng, SECTORS[group]) if form not in ("forced_begging",) else "begging"
            data = SignalInput(forms=[form], observed_on=observed, municipality=owner.municipality_id or "",
                               sector=sector, place_of_encounter=rng.choice(["workplace", "street", "online",
                                                                              "home_visit", "asylum_reception"]),
                               country_of_origin=victim.nationality, account=rng.choice(ACCOUNTS[group]),
                               external_reference=f"{MARKER}{number:05d}", persons=[person])
            status, reason = _status(rng, year)
            signal = Signal(organisation=owner, source=Source.IMPORT, status=status, closed_reason=reason,
                            reference=_reference(rng), observed_on=observed, municipality_id=data.municipality or None,
                            sector=sector, place_of_encounter=data.place_of_encounter,
                            country_of_origin=data.country_of_origin, account=data.account,
                            external_reference=data.external_reference)
            signals.append(signal)
            inputs.append(data)
            history.append((signal, status, reason))
            if status != "new":
                framework = _framework(form, age < 18)
                if framework:
                    screenings.append((signal, framework, rng.random() < 0.6))
        Signal.objects.bulk_create(signals, batch_size=500)
        SignalForm.objects.bulk_create([SignalForm(signal=s, form=d.forms[0]) for s, d in zip(signals, inputs)],
                                       batch_size=1000)
        Person.objects.bulk_create([p for s, d in zip(signals, inputs) for p in person_rows(s, d)], batch_size=1000)
        StatusChange.objects.bulk_create(
            [StatusChange(signal=s, to_status="new", changed_at=now) for s, _st, _r in history]
            + [StatusChange(signal=s, from_status="new", to_status=st, reason=r, changed_at=now)
               for s, st, r in history if st != "new"], batch_size=1000)
        rows = []
        for signal, framework, leaning in screenings:
            present, absent = _answers(rng, framework, leaning)
            outcome = screening.screen(framework, present=present, absent=absent).to_dict()
            rows.append(Screening(signal=signal, framework=framework, framework_version=outcome["framework_version"],
                                  rule_set=outcome["rule_set"], rule_set_version=outcome["rule_set_version"],
                                  present=present, absent=absent, unknown=[], victim=outcome["victim"],
                                  positive_dimensions=outcome["positive_dimensions"], outcome=outcome))
        Screening.objects.bulk_create(rows, batch_size=500)
        record(actor=system, action=Event.DEMO_DATA_LOADED, details={"signals": len(signals), "screenings": len(rows)})
    return len(signals)


def _framework(form: str, minor: bool) -> str | None:
    frameworks = frameworks_for(form, minor)
    return frameworks[0] if frameworks else None


def _status(rng: random.Random, year: int) -> tuple[str, str]:
    if year >= 2025:
        status = _pick(rng, {"new": 30, "screened": 40, "forwarded": 15, "closed": 15})
    else:
        status = _pick(rng, {"closed": 70, "forwarded": 15, "screened": 15})
    if status == "closed":
        return status, _pick(rng, {"registered": 35, "no_indications": 25, "handled_elsewhere": 25,
                                   "insufficient_information": 15})
    return status, ""
