"""Code lists of signals: forms of exploitation, sectors, places, genders, close reasons, countries."""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

import pycountry
from django.utils.translation import get_language

from keten.apps.common.codelists import Code, load

DATA = Path(__file__).parent / "data"


def exploitation_forms() -> tuple[Code, ...]:
    return load(DATA / "exploitation_forms.yaml", "forms")


def sectors() -> tuple[Code, ...]:
    return load(DATA / "sectors.yaml", "sectors")


def encounter_places() -> tuple[Code, ...]:
    return load(DATA / "encounter_places.yaml", "places")


def genders() -> tuple[Code, ...]:
    return load(DATA / "genders.yaml", "genders")


def close_reasons() -> tuple[Code, ...]:
    return load(DATA / "close_reasons.yaml", "reasons")


@lru_cache
def countries() -> tuple[Code, ...]:
    """ISO 3166-1 alpha-2 codes with Dutch and English names (pycountry's ISO data and translations)."""
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    return tuple(sorted(
        (Code(c.alpha_2, nl.gettext(c.name), c.name) for c in pycountry.countries),
        key=lambda c: c.nl,
    ))


@lru_cache
def languages() -> tuple[Code, ...]:
    """ISO 639-1 languages (two letters) with Dutch and English names."""
    nl = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["nl"])
    found = [Code(lang.alpha_2, nl.gettext(lang.name), lang.name)
             for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    return tuple(sorted(found, key=lambda c: c.nl))


def frameworks_for(form: str, minor: bool) -> list[str]:
    """The indicator frameworks a signal of this form is screened against."""
    for code in exploitation_forms():
        if code.code == form:
            return list(code.extra["frameworks"]["minor" if minor else "adult"])
    return []


def sorted_labels(codes: tuple[Code, ...]) -> list[tuple[str, str]]:
    english = (get_language() or "nl").startswith("en")
    return sorted(((c.code, c.en if english else c.nl) for c in codes), key=lambda pair: pair[1])
