"""Code lists of the accounts app, read from versioned data files in ``data/``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Code:
    code: str
    nl: str
    en: str

    @property
    def label(self) -> str:
        return self.en if (get_language() or "nl").startswith("en") else self.nl


@lru_cache
def organisation_types() -> tuple[Code, ...]:
    raw = yaml.safe_load((DATA / "organisation_types.yaml").read_text(encoding="utf-8"))
    return tuple(Code(t["code"], t["nl"], t["en"]) for t in raw["types"])


@lru_cache
def regions() -> tuple[Code, ...]:
    raw = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    return tuple(Code(r["code"], r["nl"], r["en"]) for r in raw["regions"])


def municipality_rows() -> list[dict[str, str]]:
    lines = [
        line
        for line in (DATA / "municipalities.csv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines))


def choices(codes: tuple[Code, ...]) -> list[tuple[str, str]]:
    # Dutch labels in the schema; pages translate through ``label_for``.
    return [(c.code, c.nl) for c in codes]


def label_for(codes: tuple[Code, ...], code: str) -> str:
    for c in codes:
        if c.code == code:
            return c.label
    return code
