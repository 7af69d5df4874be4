"""Keyed pseudonyms of a person, for duplicate warnings and linkage without names."""

from __future__ import annotations

from keten.apps.common.crypto import normalise_for_pseudonym, pseudonym


def name_key(given_name: str, family_name: str) -> str:
    """The name with its parts sorted, so 'Popescu Ana' and 'Ana Popescu' agree."""
    return " ".join(sorted(normalise_for_pseudonym(f"{given_name} {family_name}").split()))


def person_pseudonyms(given_name: str, family_name: str, date_of_birth: str) -> tuple[str, str]:
    """(name pseudonym, name+date-of-birth pseudonym); empty where the data are missing."""
    if not (given_name.strip() and family_name.strip()):
        return "", ""
    key = name_key(given_name, family_name)
    by_name = pseudonym(key, domain="person-name")
    by_name_dob = pseudonym(f"{key} {date_of_birth}", domain="person-name-dob") if date_of_birth else ""
    return by_name, by_name_dob
