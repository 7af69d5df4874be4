"""Validation of a signal as plain data, shared by the web form, the API and the bulk import, so
each refuses exactly the same things with the same words. Every problem is collected before
anything is raised, keyed by field (``persons[1].age``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

import phonenumbers
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.common.codelists import codes_of
from keten.apps.common.errors import ValidationFailed

from . import codelists

MAX_PERSONS = 50
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class PersonInput:
    role: str
    given_name: str = ""
    family_name: str = ""
    date_of_birth: str = ""
    age: int | None = None
    is_minor: bool | None = None
    gender: str = "unknown"
    nationality: str = ""
    languages: list[str] = field(default_factory=list)
    document_number: str = ""
    phone: str = ""
    description: str = ""


@dataclass
class SignalInput:
    forms: list[str]
    observed_on: date | None = None
    municipality: str = ""
    sector: str = "unknown"
    place_of_encounter: str = ""
    country_of_origin: str = ""
    transit_countries: list[str] = field(default_factory=list)
    smuggling: str = "unknown"
    route: str = ""
    account: str = ""
    external_reference: str = ""
    persons: list[PersonInput] = field(default_factory=list)


class FieldErrors:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)


def _text(raw: Any, name: str, errors: FieldErrors, limit: int) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, (str, int, float)):
        errors.add(name, _("Enter text."))
        return ""
    value = str(raw).strip()
    if len(value) > limit:
        errors.add(name, _("Use at most %(limit)s characters (now %(length)s).") % {"limit": limit, "length": len(value)})
    return value


def _code(raw: Any, name: str, errors: FieldErrors, allowed: set[str], default: str = "") -> str:
    value = _text(raw, name, errors, 60)
    if not value:
        return default
    if value not in allowed:
        errors.add(name, _("'%(value)s' is not a known value here.") % {"value": value})
        return default
    return value


def _code_list(raw: Any, name: str, errors: FieldErrors, allowed: set[str], upper: bool = False) -> list[str]:
    if raw in (None, ""):
        return []
    items = raw.replace(";", ",").split(",") if isinstance(raw, str) else raw
    if not isinstance(items, (list, tuple)):
        errors.add(name, _("Give a list of codes."))
        return []
    values = []
    for item in items:
        value = str(item).strip()
        value = value.upper() if upper else value
        if not value:
            continue
        if value not in allowed:
            errors.add(name, _("'%(value)s' is not a known value here.") % {"value": value})
        elif value not in values:
            values.append(value)
    return values


def parse_date(raw: Any, name: str, errors: FieldErrors) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        value = raw
    else:
        try:
            value = date.fromisoformat(str(raw).strip()[:10])
        except ValueError:
            errors.add(name, _("Enter a date as YYYY-MM-DD."))
            return None
    if value > timezone.localdate():
        errors.add(name, _("This date is in the future."))
    elif value.year < 1950:
        errors.add(name, _("This date is too far in the past."))
    return value


def _partial_date(raw: Any, name: str, errors: FieldErrors) -> str:
    value = _text(raw, name, errors, 10)
    if not value:
        return ""
    match = _PARTIAL_DATE.match(value)
    try:
        if not match:
            raise ValueError
        year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        parsed = date(year, month, day)
    except ValueError:
        errors.add(name, _("Enter a date of birth as YYYY, YYYY-MM or YYYY-MM-DD."))
        return ""
    if parsed > timezone.localdate() or year < 1900:
        errors.add(name, _("This date of birth is not possible."))
    return value


def _age_from_birth(dob: str, on: date) -> int | None:
    parts = [int(p) for p in dob.split("-")]
    if len(parts) < 3:
        return None  # a partial date gives no exact age
    born = date(*parts)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _bool(raw: Any, name: str, errors: FieldErrors) -> bool | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in {"1", "true", "yes", "ja", "j", "y"}:
        return True
    if value in {"0", "false", "no", "nee", "n"}:
        return False
    errors.add(name, _("Answer yes or no."))
    return None


def _phone(raw: Any, name: str, errors: FieldErrors) -> str:
    value = _text(raw, name, errors, 40)
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        errors.add(name, _("This is not a phone number."))
        return ""
    if not phonenumbers.is_possible_number(number):
        errors.add(name, _("This is not a possible phone number."))
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _person(raw: Any, prefix: str, errors: FieldErrors, observed_on: date | None) -> PersonInput | None:
    if not isinstance(raw, Mapping):
        errors.add(prefix, _("Describe the person as a set of fields."))
        return None
    countries = codes_of(codelists.countries())
    person = PersonInput(
        role=_code(raw.get("role"), f"{prefix}.role", errors, {"victim", "perpetrator"}),
        given_name=_text(raw.get("given_name"), f"{prefix}.given_name", errors, 200),
        family_name=_text(raw.get("family_name"), f"{prefix}.family_name", errors, 200),
        date_of_birth=_partial_date(raw.get("date_of_birth"), f"{prefix}.date_of_birth", errors),
        is_minor=_bool(raw.get("is_minor"), f"{prefix}.is_minor", errors),
        gender=_code(raw.get("gender"), f"{prefix}.gender", errors, codes_of(codelists.genders()), "unknown"),
        nationality=_code(str(raw.get("nationality") or "").upper(), f"{prefix}.nationality", errors, countries),
        languages=_code_list(raw.get("languages"), f"{prefix}.languages", errors,
                             codes_of(codelists.languages())),
        document_number=_text(raw.get("document_number"), f"{prefix}.document_number", errors, 60),
        phone=_phone(raw.get("phone"), f"{prefix}.phone", errors),
        description=_text(raw.get("description"), f"{prefix}.description", errors, 2000),
    )
    if not person.role and not errors.fields.get(f"{prefix}.role"):
        errors.add(f"{prefix}.role", _("Say whether this is a possible victim or a possible perpetrator."))
    age_raw = raw.get("age")
    if age_raw not in (None, ""):
        try:
            person.age = int(str(age_raw).strip())
            if not 0 <= person.age <= 120:
                raise ValueError
        except ValueError:
            errors.add(f"{prefix}.age", _("Enter an age in years, from 0 to 120."))
            person.age = None
    if person.age is None and person.date_of_birth:
        person.age = _age_from_birth(person.date_of_birth, observed_on or timezone.localdate())
    if person.age is not None:
        minor_by_age = person.age < 18
        if person.is_minor is not None and person.is_minor != minor_by_age:
            errors.add(f"{prefix}.is_minor", _("The age and the minor flag contradict each other."))
        person.is_minor = minor_by_age
    return person


def parse_signal(data: Mapping[str, Any], *, draft: bool = False,
                 municipalities: set[str] | None = None) -> SignalInput:
    """A validated SignalInput, or ValidationFailed naming every wrong field. A draft may still
    lack a form of exploitation; everything it does say must be valid. ``municipalities`` (the
    known CBS codes) may be given by callers that have them at hand."""
    errors = FieldErrors()
    countries = codes_of(codelists.countries())
    observed_on = parse_date(data.get("observed_on"), "observed_on", errors)
    forms = _code_list(data.get("forms"), "forms", errors, codes_of(codelists.exploitation_forms()))
    if not forms and not draft and "forms" not in errors.fields:
        errors.add("forms", _("Choose at least one form of exploitation (or 'not known yet')."))
    municipality = _text(data.get("municipality"), "municipality", errors, 6).upper()
    if municipality:
        if municipalities is None:
            from keten.apps.accounts.codelists import municipality_codes

            municipalities = municipality_codes()
        if municipality not in municipalities:
            errors.add("municipality", _("There is no municipality with code %(code)s.") % {"code": municipality})
    signal = SignalInput(
        forms=forms,
        observed_on=observed_on,
        municipality=municipality,
        sector=_code(data.get("sector"), "sector", errors, codes_of(codelists.sectors()), "unknown"),
        place_of_encounter=_code(data.get("place_of_encounter"), "place_of_encounter", errors,
                                 codes_of(codelists.encounter_places())),
        country_of_origin=_code(str(data.get("country_of_origin") or "").upper(), "country_of_origin", errors,
                                countries),
        transit_countries=_code_list(data.get("transit_countries"), "transit_countries", errors, countries,
                                     upper=True),
        smuggling=_code(data.get("smuggling"), "smuggling", errors, {"yes", "no", "unknown"}, "unknown"),
        route=_text(data.get("route"), "route", errors, 2000),
        account=_text(data.get("account"), "account", errors, 20000),
        external_reference=_text(data.get("external_reference"), "external_reference", errors, 100),
    )
    persons = data.get("persons") or []
    if not isinstance(persons, (list, tuple)):
        errors.add("persons", _("Give the persons as a list."))
        persons = []
    if len(persons) > MAX_PERSONS:
        errors.add("persons", _("At most %(n)s persons per signal.") % {"n": MAX_PERSONS})
    for i, raw in enumerate(persons[:MAX_PERSONS]):
        person = _person(raw, f"persons[{i}]", errors, observed_on)
        if person is not None:
            signal.persons.append(person)
    if errors.fields:
        raise ValidationFailed(fields=errors.fields)
    return signal
