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


_MUNICIPALITY_CODES: tuple[float, frozenset[str]] = (0.0, frozenset())


def municipality_codes() -> frozenset[str]:
    """CBS codes of the municipalities in the database, remembered for ten minutes (the list changes
    only when a migrate syncs its data file)."""
    import time

    from .models import Municipality

    global _MUNICIPALITY_CODES
    fetched, codes = _MUNICIPALITY_CODES
    if time.monotonic() - fetched > 600 or not codes:
        codes = frozenset(Municipality.objects.values_list("code", flat=True))
        _MUNICIPALITY_CODES = (time.monotonic(), codes)
    return codes
