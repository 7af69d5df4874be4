"""The letter to parliament of 2018 as the first plan: its measures with their status, partners,
money, dates and passages (data/letter_2018.yaml), and the indicators and goals Keten adds
(data/indicators.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Organisation

from . import document
from .models import Plan
from .services import plan_import

DATA = Path(__file__).parent / "data"

# The Keten organisation types each partner named in the letter stands for, so "what my
# organisation carries" works for every police unit, every municipality, and so on.
ORGANISATION_TYPES: dict[str, list[str]] = {
    "police": ["police", "police_national"],
    "emm": ["police_national"],
    "kmar": ["kmar"],
    "om": ["prosecution"],
    "inspectie_szw": ["labour_inspectorate"],
    "ind": ["ind"],
    "coa": ["coa"],
    "comensha": ["registration_desk"],
    "gemeenten": ["municipality", "care_coordination"],
    "centrumgemeenten": ["care_coordination"],
    "riec": ["riec"],
    "ggd": ["healthcare"],
    "veilig_thuis": ["veilig_thuis"],
    "opvanginstellingen": ["shelter"],
    "jeugdhulpinstellingen": ["youth_care"],
    "jeugdbescherming": ["youth_care", "nidos"],
    "hulpverlening": ["care_provider"],
    "maatschappelijke_organisaties": ["ngo"],
    "banken": ["bank"],
    "fiu_nl": ["fiu"],
    "nationaal_rapporteur": ["rapporteur"],
}

# Partners that are one organisation: linked by name when Keten holds it.
ORGANISATION_NAMES: dict[str, str] = {
    "min_jenv": "Ministerie van Justitie en Veiligheid",
    "min_szw": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "min_vws": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "min_bz": "Ministerie van Buitenlandse Zaken",
    "fairwork": "FairWork",
}


def _read(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def letter_document() -> dict:
    """The letter's plan as a keten.plan/1 document."""
    letter, extra = _read("letter_2018.yaml"), _read("indicators.yaml")
    known = set(Organisation.objects.filter(name__in=ORGANISATION_NAMES.values()).values_list("name", flat=True))
    partners = [{**p, "organisation_types": ORGANISATION_TYPES.get(p["code"], []),
                 "organisations": [ORGANISATION_NAMES[p["code"]]] if ORGANISATION_NAMES.get(p["code"]) in known else []}
                for p in letter["partners"]]
    return {
        "schema": document.SCHEMA,
        "source": letter["source"],
        "version_label": letter["version_label"],
        "themes": letter["themes"],
        "partners": partners,
        "measures": letter["measures"],
        "indicators": extra["indicators"],
        "goals": extra["goals"],
    }


def load_letter(*, actor: Actor) -> Plan:
    return plan_import(actor=actor, doc=letter_document())
