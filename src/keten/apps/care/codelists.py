"""Code lists and terms of the national referral mechanism, from versioned data files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from keten.apps.common.codelists import Code, load

DATA = Path(__file__).parent / "data"


def dossier_types() -> tuple[Code, ...]:
    return load(DATA / "case_codes.yaml", "dossier_types")


def victim_status_bases() -> tuple[Code, ...]:
    return load(DATA / "case_codes.yaml", "victim_status_bases")


def nrm_steps() -> tuple[Code, ...]:
    return load(DATA / "case_codes.yaml", "nrm_steps")


def referral_kinds() -> tuple[Code, ...]:
    return load(DATA / "case_codes.yaml", "referral_kinds")


def case_close_reasons() -> tuple[Code, ...]:
    return load(DATA / "case_codes.yaml", "close_reasons")


def shelter_categories() -> tuple[Code, ...]:
    return load(DATA / "shelter_categories.yaml", "categories")


@lru_cache
def terms() -> dict[str, dict]:
    return yaml.safe_load((DATA / "terms.yaml").read_text(encoding="utf-8"))["terms"]


@lru_cache
def retention() -> dict[str, dict]:
    return yaml.safe_load((DATA / "retention.yaml").read_text(encoding="utf-8"))["records"]


def step(code: str) -> Code | None:
    return next((s for s in nrm_steps() if s.code == code), None)


def referral_kind(code: str) -> Code | None:
    return next((k for k in referral_kinds() if k.code == code), None)
