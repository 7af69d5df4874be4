"""Code lists of the accounts app, read from versioned data files in ``data/``."""

from __future__ import annotations

import csv
from pathlib import Path

from keten.apps.common.codelists import Code, choices, label_for, load  # noqa: F401  (re-exported)

DATA = Path(__file__).parent / "data"


def organisation_types() -> tuple[Code, ...]:
    return load(DATA / "organisation_types.yaml", "types")


def regions() -> tuple[Code, ...]:
    return load(DATA / "regions.yaml", "regions")


def municipality_rows() -> list[dict[str, str]]:
    lines = [
        line
        for line in (DATA / "municipalities.csv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines))
